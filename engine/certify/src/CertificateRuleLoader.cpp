#include "skillsim/certify/CertificateRuleLoader.h"

#include <skillsim/readers/Diagnostics.h>
#include <skillsim/readers/TableReader.h>

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

using readers::Need;
using readers::Range;
using readers::TableReader;

/** A required, non-empty string ("" when missing or of the wrong type, reported). */
std::string text(TableReader& reader, std::string_view key) {
  std::optional<std::string> value = reader.string(key, Need::Required);
  if (value && value->empty()) {
    reader.problem(key, "must not be empty");
  }
  return value.value_or(std::string{});
}

/** A `{ zh = "...", en = "..." }` table. */
LocalizedText localized(TableReader& reader, std::string_view key) {
  const toml::table* table = reader.table(key, Need::Required);
  if (table == nullptr) {
    return {};
  }
  TableReader inner(*table, reader.fieldPath(key), reader.diagnostics());
  LocalizedText localizedText{text(inner, "zh"), text(inner, "en")};
  inner.finish();
  return localizedText;
}

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
  std::string kindName = text(reader, "kind");
  if (kindName == "theory") {
    part.kind = CertificatePartKind::Theory;
  } else if (kindName == "practical") {
    part.kind = CertificatePartKind::Practical;
  } else if (!kindName.empty()) {
    reader.problem("kind", "unknown part kind '" + kindName + "' (expected theory or practical)");
  }
  part.title = localized(reader, "title");
  part.weight = reader.number("weight", Need::Required, Range::closed(0.0, 1.0)).value_or(0.0);
  part.minimum = reader.number("minimum", Need::Required, Range::closed(0.0, 100.0)).value_or(0.0);
  double required = regulatoryMinimum(kind);
  if (reader.diagnostics().empty() && part.minimum < required) {
    std::ostringstream message;
    message << "a " << toString(kind) << " requires each part to reach at least " << required
            << " (../shared/EXAMS.md), found " << part.minimum;
    reader.problem("minimum", message.str());
  }
  if (part.kind == CertificatePartKind::Practical) {
    part.scenarioId = text(reader, "scenario");
    if (reader.diagnostics().empty() && !isScenarioId(part.scenarioId)) {
      reader.problem("scenario", "scenario id '" + part.scenarioId +
                                     "' must use lowercase letters, digits, '_', '.' and '-' only");
    }
    if (auto policy = reader.choice("attempts", Need::Optional, {"latest", "best"})) {
      part.policy = *policy == "latest" ? AttemptPolicy::Latest : AttemptPolicy::Best;
    }
  }
  reader.finish();
}

Expected<CertificateRule> parseTable(const toml::table& root, const std::string& file) {
  // A rule is refused at its first problem (in reading order), with that problem's location.
  readers::Diagnostics diagnostics(file);
  TableReader reader(root, "", diagnostics);
  auto ok = [&] { return diagnostics.empty(); };
  CertificateRule rule;
  rule.sourceFile = file;

  auto version = reader.integer("format_version", Need::Required, 0, 1'000'000);
  if (version && *version != 1) {
    const toml::source_position& at = root.get("format_version")->source().begin;
    return core::makeError(ErrorCode::Unsupported,
                           "format_version " + std::to_string(*version) +
                               " is not supported (this build reads version 1)",
                           SourceLocation{file, at.line, at.column, "format_version", {}});
  }
  rule.id = text(reader, "id");
  if (ok() && !isIdentifier(rule.id)) {
    reader.problem("id", "id '" + rule.id + "' must use lowercase letters, digits and '_' only");
  }
  std::string kindName = text(reader, "kind");
  if (auto kind = certificateKindFromName(kindName)) {
    rule.kind = *kind;
  } else if (!kindName.empty()) {
    reader.problem("kind", "unknown certificate kind '" + kindName +
                               "' (expected special_equipment_licence, "
                               "occupational_skill_standard or one_plus_x)");
  }
  rule.title = localized(reader, "title");
  rule.awardingBody = localized(reader, "awarding_body");

  std::string systemName = text(reader, "level_system");
  if (auto system = levelSystemFromName(systemName)) {
    rule.levelSystem = *system;
  } else if (!systemName.empty()) {
    reader.problem("level_system",
                   "unknown level system '" + systemName +
                       "' (expected none, national_five_level, eight_level_worker or one_plus_x)");
  }
  if (ok()) {
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
      reader.problem("level_system", "level system '" + systemName + "' does not fit a " +
                                         std::string(toString(rule.kind)) +
                                         " (licence: none; skill standard: national_five_level "
                                         "or eight_level_worker; 1+X: one_plus_x)");
    }
  }
  const CertificateLevel* level = nullptr;
  if (rule.levelSystem == LevelSystem::None) {
    if (reader.has("level")) {
      reader.problem("level", "a certificate with level_system = \"none\" has no level");
    }
  } else {
    rule.level = text(reader, "level");
    level = rule.levelInfo();
    if (ok() && level == nullptr) {
      reader.problem("level", "level '" + rule.level + "' is not in " + systemName + " (" +
                                  levelList(rule.levelSystem) + ")");
    }
  }
  rule.panelReview = level != nullptr && level->panelReview;
  if (auto panel = reader.boolean("panel_review", Need::Optional)) {
    if (!*panel && rule.panelReview) {
      reader.problem("panel_review",
                     "level " + rule.level + " requires a panel review (EXAMS.md); set true");
    }
    rule.panelReview = rule.panelReview || *panel;
  }
  rule.validityYears = static_cast<std::uint32_t>(
      reader.integer("validity_years", Need::Required, 0, 100).value_or(0));
  rule.overallMinimum = reader.number("overall_minimum", Need::Optional, Range::closed(0.0, 100.0));
  rule.criteria = localized(reader, "criteria");

  if (const toml::array* parts = reader.array("parts", Need::Required)) {
    if (parts->empty()) {
      reader.problem("parts", "expected one or more [[parts]] tables");
    } else {
      std::set<std::string> scenarios;
      double weightSum = 0.0;
      for (std::size_t i = 0; i < parts->size() && ok(); ++i) {
        const toml::node& node = *parts->get(i);
        std::string path = "parts[" + std::to_string(i) + "]";
        const toml::table* table = node.as_table();
        if (table == nullptr) {
          reader.problemAt(node, path, "expected a table");
          break;
        }
        TableReader partReader(*table, path, diagnostics);
        CertificatePart part;
        const toml::source_position& at = table->source().begin;
        part.location = SourceLocation{file, at.line, at.column, path, std::nullopt};
        if (const toml::node* scenario = table->get("scenario")) {
          const toml::source_position& s = scenario->source().begin;
          part.scenarioLocation =
              SourceLocation{file, s.line, s.column, path + ".scenario", std::nullopt};
        } else {
          part.scenarioLocation = part.location;
        }
        readPart(partReader, part, rule.kind);
        if (!ok()) {
          break;
        }
        if (part.kind == CertificatePartKind::Theory && rule.theoryPart() != nullptr) {
          reader.problemAt(*table, path, "a certificate has at most one theory part");
        }
        if (part.kind == CertificatePartKind::Practical &&
            !scenarios.insert(part.scenarioId).second) {
          reader.problemAt(*table, path + ".scenario",
                           "scenario '" + part.scenarioId +
                               "' is already a part of this certificate");
        }
        weightSum += part.weight;
        rule.parts.push_back(std::move(part));
      }
      if (ok() && scenarios.empty()) {
        reader.problem("parts", "a certificate needs at least one practical part");
      }
      if (ok() && rule.kind != CertificateKind::OnePlusX && rule.theoryPart() == nullptr) {
        reader.problem("parts", "a " + std::string(toString(rule.kind)) +
                                    " has a theory part and a practical part (EXAMS.md); add "
                                    "kind = \"theory\"");
      }
      if (ok() && std::abs(weightSum - 1.0) > kWeightSumTolerance) {
        std::ostringstream message;
        message << "the parts' weights must sum to 1, found " << weightSum;
        reader.problem("parts", message.str());
      }
    }
  }
  reader.finish();
  if (!ok()) {
    return diagnostics.problems().front();
  }
  return rule;
}

} // namespace

Expected<CertificateRule> parseCertificateRule(std::string_view text, std::string_view fileName) {
  std::string file(fileName);
  readers::Diagnostics diagnostics(file);
  std::optional<toml::table> root = readers::parseToml(text, file, diagnostics);
  if (!root) {
    return diagnostics.problems().front();
  }
  return parseTable(*root, file);
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

std::optional<core::Error>
mockExamPracticalProblem(const CertificateRule& rule,
                         const std::map<std::string, core::SourceLocation>& mockExams) {
  if (rule.kind != CertificateKind::SpecialEquipmentLicence) {
    return std::nullopt;
  }
  for (const CertificatePart& part : rule.parts) {
    if (part.kind != CertificatePartKind::Practical) {
      continue;
    }
    auto mock = mockExams.find(part.scenarioId);
    if (mock == mockExams.end()) {
      continue;
    }
    const core::SourceLocation& flag = mock->second;
    std::ostringstream message;
    message << "scenario '" << part.scenarioId << "' is a mock exam (mock_exam = true at "
            << flag.file;
    if (flag.line != 0) {
      message << ':' << flag.line << ':' << flag.column;
    }
    message << "): a licence may not count it as its practical test (a simulator may not "
               "replace the practical test); name the licence's real practical scenario instead";
    return core::makeError(core::ErrorCode::InvalidInput, message.str(), part.scenarioLocation);
  }
  return std::nullopt;
}

} // namespace skillsim::certify
