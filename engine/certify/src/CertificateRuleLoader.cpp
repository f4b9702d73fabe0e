#include "skillsim/certify/CertificateRuleLoader.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

namespace skillsim::certify {
namespace {

using core::ErrorCode;
using core::Expected;
using core::SourceLocation;

constexpr double kWeightSumTolerance = 1e-9;

/** Reads typed fields from one TOML table, remembering the first error with its location. */
class TableReader {
public:
  TableReader(const toml::table& table, std::string fileName, std::string path)
      : mTable(table), mFile(std::move(fileName)), mPath(std::move(path)) {}

  [[nodiscard]] SourceLocation at(const toml::node* node, const std::string& key) const {
    const toml::source_region& where = node != nullptr ? node->source() : mTable.source();
    return SourceLocation{mFile, where.begin.line, where.begin.column, field(key), std::nullopt};
  }

  [[nodiscard]] std::string field(const std::string& key) const {
    return mPath.empty() ? key : mPath + "." + key;
  }

  void fail(const toml::node* node, const std::string& key, std::string message,
            ErrorCode code = ErrorCode::InvalidInput) {
    if (!mError) {
      mError = core::makeError(code, std::move(message), at(node, key));
    }
  }

  const toml::node* get(const std::string& key, bool required) {
    mKnown.insert(key);
    const toml::node* node = mTable.get(key);
    if (node == nullptr && required) {
      fail(nullptr, key, "missing required key '" + key + "'");
    }
    return node;
  }

  std::string string(const std::string& key, bool required = true) {
    const toml::node* node = get(key, required);
    if (node == nullptr) {
      return {};
    }
    if (!node->is_string()) {
      fail(node, key, "expected a string");
      return {};
    }
    std::string value = node->value_or(std::string{});
    if (value.empty()) {
      fail(node, key, "must not be empty");
    }
    return value;
  }

  std::optional<double> number(const std::string& key, double lo, double hi, bool required) {
    const toml::node* node = get(key, required);
    if (node == nullptr) {
      return std::nullopt;
    }
    if (!node->is_number()) {
      fail(node, key, "expected a number");
      return std::nullopt;
    }
    double value = node->value_or(0.0);
    if (!std::isfinite(value) || value < lo || value > hi) {
      std::ostringstream message;
      message << "must be a number from " << lo << " to " << hi << ", found " << value;
      fail(node, key, message.str());
      return std::nullopt;
    }
    return value;
  }

  std::optional<std::int64_t> integer(const std::string& key, std::int64_t lo, std::int64_t hi) {
    const toml::node* node = get(key, true);
    if (node == nullptr) {
      return std::nullopt;
    }
    if (!node->is_integer()) {
      fail(node, key, "expected an integer");
      return std::nullopt;
    }
    std::int64_t value = node->value_or(std::int64_t{0});
    if (value < lo || value > hi) {
      fail(node, key,
           "must be an integer from " + std::to_string(lo) + " to " + std::to_string(hi) +
               ", found " + std::to_string(value));
      return std::nullopt;
    }
    return value;
  }

  std::optional<bool> boolean(const std::string& key) {
    const toml::node* node = get(key, false);
    if (node == nullptr) {
      return std::nullopt;
    }
    if (!node->is_boolean()) {
      fail(node, key, "expected true or false");
      return std::nullopt;
    }
    return node->value_or(false);
  }

  /** A `{ zh = "...", en = "..." }` table. */
  LocalizedText localized(const std::string& key) {
    const toml::node* node = get(key, true);
    if (node == nullptr) {
      return {};
    }
    const toml::table* table = node->as_table();
    if (table == nullptr) {
      fail(node, key, "expected a table with 'zh' and 'en' strings");
      return {};
    }
    TableReader inner(*table, mFile, field(key));
    LocalizedText text{inner.string("zh"), inner.string("en")};
    inner.rejectUnknown();
    adopt(inner);
    return text;
  }

  /** Fails on the first key that no getter asked for (a typo would otherwise be ignored). */
  void rejectUnknown() {
    for (const auto& [key, node] : mTable) {
      std::string name(key.str());
      if (!mKnown.contains(name)) {
        std::string known;
        for (const std::string& k : mKnown) {
          known += (known.empty() ? "" : ", ") + k;
        }
        fail(&node, name, "unknown key '" + name + "' (known keys: " + known + ")");
        return;
      }
    }
  }

  void adopt(TableReader& other) {
    if (!mError && other.mError) {
      mError = std::move(other.mError);
    }
  }

  [[nodiscard]] bool ok() const { return !mError.has_value(); }
  [[nodiscard]] core::Error takeError() { return std::move(*mError); }
  [[nodiscard]] const std::string& file() const { return mFile; }

private:
  const toml::table& mTable;
  std::string mFile;
  std::string mPath;
  std::set<std::string> mKnown;
  std::optional<core::Error> mError;
};

bool isScenarioId(const std::string& id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
  });
}

bool isIdentifier(const std::string& id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::string levelList(LevelSystem system) {
  std::string names;
  for (const CertificateLevel& level : certificateLevels(system)) {
    names += (names.empty() ? "" : ", ") + std::string(level.zh);
  }
  return names;
}

/** Minimum per part that a certificate kind's regulation sets (EXAMS.md). */
double regulatoryMinimum(CertificateKind kind) {
  switch (kind) {
  case CertificateKind::SpecialEquipmentLicence: return 70.0;
  case CertificateKind::OccupationalSkillStandard: return 60.0;
  case CertificateKind::OnePlusX: return 0.0; // not published; the rule file sets it
  }
  return 0.0;
}

void readPart(TableReader& reader, CertificatePart& part, CertificateKind kind) {
  std::string kindName = reader.string("kind");
  if (kindName == "theory") {
    part.kind = CertificatePartKind::Theory;
  } else if (kindName == "practical") {
    part.kind = CertificatePartKind::Practical;
  } else if (!kindName.empty()) {
    reader.fail(reader.get("kind", true), "kind",
                "unknown part kind '" + kindName + "' (expected theory or practical)");
  }
  part.title = reader.localized("title");
  part.weight = reader.number("weight", 0.0, 1.0, true).value_or(0.0);
  const toml::node* minimumNode = reader.get("minimum", true);
  part.minimum = reader.number("minimum", 0.0, 100.0, true).value_or(0.0);
  double required = regulatoryMinimum(kind);
  if (reader.ok() && part.minimum < required) {
    std::ostringstream message;
    message << "a " << toString(kind) << " requires each part to reach at least " << required
            << " (../shared/EXAMS.md), found " << part.minimum;
    reader.fail(minimumNode, "minimum", message.str());
  }
  if (part.kind == CertificatePartKind::Practical) {
    part.scenarioId = reader.string("scenario");
    if (reader.ok() && !isScenarioId(part.scenarioId)) {
      reader.fail(reader.get("scenario", true), "scenario",
                  "scenario id '" + part.scenarioId +
                      "' must use lowercase letters, digits, '_', '.' and '-' only");
    }
    if (const toml::node* node = reader.get("attempts", false)) {
      std::string policy = node->value_or(std::string{});
      if (policy == "latest") {
        part.policy = AttemptPolicy::Latest;
      } else if (policy == "best") {
        part.policy = AttemptPolicy::Best;
      } else {
        reader.fail(node, "attempts", "expected \"latest\" or \"best\"");
      }
    }
  }
  reader.rejectUnknown();
}

Expected<CertificateRule> parseTable(const toml::table& root, const std::string& file) {
  TableReader reader(root, file, "");
  CertificateRule rule;
  rule.sourceFile = file;

  auto version = reader.integer("format_version", 0, 1'000'000);
  if (version && *version != 1) {
    reader.fail(reader.get("format_version", true), "format_version",
                "format_version " + std::to_string(*version) +
                    " is not supported (this build reads version 1)",
                ErrorCode::Unsupported);
  }
  rule.id = reader.string("id");
  if (reader.ok() && !isIdentifier(rule.id)) {
    reader.fail(reader.get("id", true), "id",
                "id '" + rule.id + "' must use lowercase letters, digits and '_' only");
  }
  std::string kindName = reader.string("kind");
  if (auto kind = certificateKindFromName(kindName)) {
    rule.kind = *kind;
  } else if (!kindName.empty()) {
    reader.fail(reader.get("kind", true), "kind",
                "unknown certificate kind '" + kindName +
                    "' (expected special_equipment_licence, occupational_skill_standard or "
                    "one_plus_x)");
  }
  rule.title = reader.localized("title");
  rule.awardingBody = reader.localized("awarding_body");

  const toml::node* systemNode = reader.get("level_system", true);
  std::string systemName = reader.string("level_system");
  if (auto system = levelSystemFromName(systemName)) {
    rule.levelSystem = *system;
  } else if (!systemName.empty()) {
    reader.fail(systemNode, "level_system",
                "unknown level system '" + systemName +
                    "' (expected none, national_five_level, eight_level_worker or one_plus_x)");
  }
  if (reader.ok()) {
    bool fits = false;
    switch (rule.kind) {
    case CertificateKind::SpecialEquipmentLicence:
      fits = rule.levelSystem == LevelSystem::None;
      break;
    case CertificateKind::OccupationalSkillStandard:
      fits = rule.levelSystem == LevelSystem::NationalFiveLevel ||
             rule.levelSystem == LevelSystem::EightLevelWorker;
      break;
    case CertificateKind::OnePlusX: fits = rule.levelSystem == LevelSystem::OnePlusX; break;
    }
    if (!fits) {
      reader.fail(systemNode, "level_system",
                  "level system '" + systemName + "' does not fit a " +
                      std::string(toString(rule.kind)) +
                      " (licence: none; skill standard: national_five_level or "
                      "eight_level_worker; 1+X: one_plus_x)");
    }
  }
  const CertificateLevel* level = nullptr;
  if (rule.levelSystem == LevelSystem::None) {
    if (const toml::node* node = reader.get("level", false)) {
      reader.fail(node, "level", "a certificate with level_system = \"none\" has no level");
    }
  } else {
    rule.level = reader.string("level");
    level = rule.levelInfo();
    if (reader.ok() && level == nullptr) {
      reader.fail(reader.get("level", true), "level",
                  "level '" + rule.level + "' is not in " + systemName + " (" +
                      levelList(rule.levelSystem) + ")");
    }
  }
  rule.panelReview = level != nullptr && level->panelReview;
  if (auto panel = reader.boolean("panel_review")) {
    if (!*panel && rule.panelReview) {
      reader.fail(reader.get("panel_review", false), "panel_review",
                  "level " + rule.level + " requires a panel review (EXAMS.md); set true");
    }
    rule.panelReview = rule.panelReview || *panel;
  }
  rule.validityYears =
      static_cast<std::uint32_t>(reader.integer("validity_years", 0, 100).value_or(0));
  rule.overallMinimum = reader.number("overall_minimum", 0.0, 100.0, false);
  rule.criteria = reader.localized("criteria");

  const toml::node* partsNode = reader.get("parts", true);
  if (partsNode != nullptr) {
    const toml::array* parts = partsNode->as_array();
    if (parts == nullptr || parts->empty()) {
      reader.fail(partsNode, "parts", "expected one or more [[parts]] tables");
    } else {
      std::set<std::string> scenarios;
      double weightSum = 0.0;
      for (std::size_t i = 0; i < parts->size() && reader.ok(); ++i) {
        const toml::node& node = *parts->get(i);
        std::string path = "parts[" + std::to_string(i) + "]";
        const toml::table* table = node.as_table();
        if (table == nullptr) {
          reader.fail(&node, path, "expected a table");
          break;
        }
        TableReader partReader(*table, file, path);
        CertificatePart part;
        part.location = partReader.at(table, "");
        part.location.fieldPath = path;
        readPart(partReader, part, rule.kind);
        reader.adopt(partReader);
        if (!reader.ok()) {
          break;
        }
        if (part.kind == CertificatePartKind::Theory && rule.theoryPart() != nullptr) {
          reader.fail(table, path, "a certificate has at most one theory part");
        }
        if (part.kind == CertificatePartKind::Practical &&
            !scenarios.insert(part.scenarioId).second) {
          reader.fail(table, path + ".scenario",
                      "scenario '" + part.scenarioId + "' is already a part of this certificate");
        }
        weightSum += part.weight;
        rule.parts.push_back(std::move(part));
      }
      if (reader.ok() && scenarios.empty()) {
        reader.fail(partsNode, "parts", "a certificate needs at least one practical part");
      }
      if (reader.ok() && rule.kind != CertificateKind::OnePlusX && rule.theoryPart() == nullptr) {
        reader.fail(partsNode, "parts",
                    "a " + std::string(toString(rule.kind)) +
                        " has a theory part and a practical part (EXAMS.md); add "
                        "kind = \"theory\"");
      }
      if (reader.ok() && std::abs(weightSum - 1.0) > kWeightSumTolerance) {
        std::ostringstream message;
        message << "the parts' weights must sum to 1, found " << weightSum;
        reader.fail(partsNode, "parts", message.str());
      }
    }
  }
  reader.rejectUnknown();
  if (!reader.ok()) {
    return reader.takeError();
  }
  return rule;
}

} // namespace

Expected<CertificateRule> parseCertificateRule(std::string_view text, std::string_view fileName) {
  std::string file(fileName);
  try {
    toml::table root = toml::parse(text, file);
    return parseTable(root, file);
  } catch (const toml::parse_error& error) {
    const toml::source_region& where = error.source();
    return core::makeError(ErrorCode::InvalidInput,
                           "TOML syntax error: " + std::string(error.description()),
                           SourceLocation{file, where.begin.line, where.begin.column, "", {}});
  }
}

Expected<CertificateRule> loadCertificateRule(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return core::makeError(ErrorCode::NotFound, "no such certificate rule file",
                           SourceLocation{path.string(), 0, 0, "", {}});
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) {
    return core::makeError(ErrorCode::Io, "cannot read the file",
                           SourceLocation{path.string(), 0, 0, "", {}});
  }
  return parseCertificateRule(text.str(), path.string());
}

Expected<CertificateRule> findCertificateRule(const std::filesystem::path& directory,
                                              std::string_view id) {
  std::filesystem::path path = directory / (std::string(id) + ".toml");
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    std::vector<std::string> ids;
    for (const auto& entry : std::filesystem::directory_iterator(directory, ec)) {
      if (entry.path().extension() == ".toml") {
        ids.push_back(entry.path().stem().string());
      }
    }
    std::sort(ids.begin(), ids.end());
    std::string known;
    for (const std::string& k : ids) {
      known += (known.empty() ? "" : ", ") + k;
    }
    return core::makeError(ErrorCode::NotFound,
                           "no certificate '" + std::string(id) + "' in " + directory.string() +
                               " (available: " + (known.empty() ? "none" : known) + ")");
  }
  auto rule = loadCertificateRule(path);
  if (rule && rule->id != id) {
    return core::makeError(ErrorCode::InvalidInput,
                           "the file's id is '" + rule->id + "', expected '" + std::string(id) +
                               "' (the file name without .toml)",
                           SourceLocation{path.string(), 0, 0, "id", {}});
  }
  return rule;
}

} // namespace skillsim::certify
