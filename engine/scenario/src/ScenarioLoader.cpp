#include "skillsim/scenario/ScenarioLoader.h"

#include "Diagnostics.h"
#include "ScenarioParser.h"
#include "StandardParser.h"
#include "TableReader.h"
#include "TaskStepLines.h"

#include <skillsim/scenario/ScenarioHash.h>

#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace skillsim::scenario {
namespace {

/** Checks the `format` key; returns the declared kind. */
FileKind readFormat(const toml::table& root, Diagnostics& diagnostics) {
  const toml::node* node = root.get("format");
  std::string expected = "expected format = \"" + std::string(kScenarioFormat) +
                         "\" (a scenario) or \"" + std::string(kStandardFormat) + "\" (a standard)";
  if (node == nullptr) {
    diagnostics.add(1, 1, "format", "missing required key 'format'; " + expected);
    return FileKind::Unknown;
  }
  const auto* s = node->as_string();
  if (s != nullptr && s->get() == kScenarioFormat) {
    return FileKind::Scenario;
  }
  if (s != nullptr && s->get() == kStandardFormat) {
    return FileKind::Standard;
  }
  diagnostics.add(node->source().begin.line, node->source().begin.column, "format",
                  "unknown format " + (s != nullptr ? "'" + s->get() + "'" : typeName(*node)) +
                      "; " + expected);
  return FileKind::Unknown;
}

std::optional<std::string> readBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    return std::nullopt;
  }
  return buffer.str();
}

/** File order: by line, then column (stable, so problems at one place keep their order). */
void sortByPosition(std::vector<core::Error>& problems) {
  std::stable_sort(problems.begin(), problems.end(),
                   [](const core::Error& a, const core::Error& b) {
                     if (a.location.line != b.location.line) {
                       return a.location.line < b.location.line;
                     }
                     return a.location.column < b.location.column;
                   });
}

core::Error toError(const ValidationReport& report) {
  std::string message = std::to_string(report.problems.size()) + " problem" +
                        (report.problems.size() == 1 ? "" : "s") + " in " + report.file + ":";
  for (const core::Error& problem : report.problems) {
    message += "\n  " + problem.toString();
  }
  core::Error error = report.problems.front();
  error.message = message;
  return error;
}

ValidationReport failure(FileKind kind, const std::string& file, core::Error error) {
  ValidationReport report;
  report.kind = kind;
  report.file = file;
  report.problems.push_back(std::move(error));
  return report;
}

} // namespace

ValidationReport validateFileUnguarded(const std::filesystem::path& file,
                                       const LoadOptions& options);

namespace {

/** A scenario file's top-level id and where it is written; nullopt when it has none. */
struct DeclaredId {
  std::string id;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

std::optional<DeclaredId> declaredScenarioIdIn(std::string_view text, const std::string& name) {
  toml::table root;
  try {
    root = toml::parse(text, name);
  } catch (const std::exception&) {
    return std::nullopt; // not TOML: validating that file says why
  }
  const toml::node* format = root.get("format");
  const toml::node* id = root.get("id");
  if (format == nullptr || format->value<std::string>() != std::string(kScenarioFormat) ||
      id == nullptr || !id->is_string()) {
    return std::nullopt;
  }
  return DeclaredId{*id->value<std::string>(), id->source().begin.line, id->source().begin.column};
}

std::optional<DeclaredId> declaredScenarioId(const std::filesystem::path& file) {
  auto bytes = readBytes(file);
  if (!bytes) {
    return std::nullopt;
  }
  return declaredScenarioIdIn(*bytes, file.string());
}

} // namespace

std::filesystem::path scenariosFolderOf(const std::filesystem::path& file) {
  const std::filesystem::path absolute = std::filesystem::absolute(file).lexically_normal();
  for (std::filesystem::path dir = absolute.parent_path(); !dir.empty(); dir = dir.parent_path()) {
    if (dir.filename() == "scenarios") {
      return dir;
    }
    if (dir == dir.parent_path()) {
      break;
    }
  }
  return absolute.parent_path();
}

std::vector<core::Error> duplicateScenarioIdWarnings(std::string_view text,
                                                     const std::filesystem::path& file,
                                                     const std::filesystem::path& folder) {
  std::vector<core::Error> warnings;
  try {
    const std::optional<DeclaredId> mine = declaredScenarioIdIn(text, file.string());
    if (!mine) {
      return warnings;
    }
    std::error_code ec;
    const std::filesystem::path self = std::filesystem::weakly_canonical(file, ec);
    std::vector<std::filesystem::path> others;
    for (std::filesystem::recursive_directory_iterator it(folder, ec), end; !ec && it != end;
         it.increment(ec)) {
      std::error_code same;
      if (it->path().extension() == ".toml" && it->is_regular_file(same) &&
          std::filesystem::weakly_canonical(it->path(), same) != self) {
        others.push_back(it->path());
      }
    }
    std::sort(others.begin(), others.end());
    for (const std::filesystem::path& other : others) {
      const std::optional<DeclaredId> theirs = declaredScenarioId(other);
      if (!theirs || theirs->id != mine->id) {
        continue;
      }
      warnings.push_back(core::makeError(
          core::ErrorCode::InvalidInput,
          "scenario id '" + mine->id + "' is also the id of " + other.string() + ":" +
              std::to_string(theirs->line) + ":" + std::to_string(theirs->column) +
              "; traces and the results store tell scenarios apart by id, so give each file "
              "in " +
              folder.string() + " its own",
          core::SourceLocation{.file = file.string(),
                               .line = mine->line,
                               .column = mine->column,
                               .fieldPath = "id"}));
    }
  } catch (const std::exception&) {
    // A folder that cannot be listed: no warnings (validating the files reports them).
  }
  return warnings;
}

std::vector<core::Error> duplicateScenarioIdWarnings(const std::filesystem::path& file,
                                                     const std::filesystem::path& folder) {
  auto bytes = readBytes(file);
  if (!bytes) {
    return {};
  }
  return duplicateScenarioIdWarnings(*bytes, file, folder);
}

std::vector<std::string> metricNames(const sim::MachineDecl* machine) {
  // In the simulation's order (sim/Simulation.h); AttemptRunnerTest checks it against a real one.
  std::vector<std::string> names = {"time"};
  if (machine != nullptr) {
    for (const sim::MetricDecl& m : machine->metrics) {
      names.push_back(m.name);
    }
  }
  return names;
}

ValidationReport validateStandardText(std::string_view text, const std::string& file) {
  ValidationReport report;
  report.file = file;
  Diagnostics diagnostics(file);
  auto root = parseToml(text, file, diagnostics);
  if (root) {
    report.kind = readFormat(*root, diagnostics);
    if (report.kind == FileKind::Scenario) {
      diagnostics.add(1, 1, "format",
                      "expected a standard (format = \"" + std::string(kStandardFormat) +
                          "\"), found a scenario");
    } else {
      report.kind = FileKind::Standard;
      assessment::Standard standard;
      TableReader reader(*root, "", diagnostics);
      readStandard(reader, standard);
      if (diagnostics.empty()) {
        report.standard = std::move(standard);
      }
    }
  }
  report.problems = diagnostics.problems();
  sortByPosition(report.problems);
  return report;
}

ValidationReport validateScenarioText(std::string_view text, const std::string& file,
                                      std::string_view standardText,
                                      const std::string& standardFile,
                                      const sim::MachineRegistry* machines) {
  ValidationReport report;
  report.kind = FileKind::Scenario;
  report.file = file;
  Diagnostics diagnostics(file);
  auto root = parseToml(text, file, diagnostics);
  ValidationReport standardReport = validateStandardText(standardText, standardFile);
  const assessment::Standard* standard =
      standardReport.standard ? &*standardReport.standard : nullptr;
  if (root) {
    if (readFormat(*root, diagnostics) == FileKind::Standard) {
      diagnostics.add(1, 1, "format",
                      "expected a scenario (format = \"" + std::string(kScenarioFormat) +
                          "\"), found a standard");
    }
    if (standard != nullptr) {
      const toml::node* id = root->get("standard");
      if (id != nullptr && id->as_string() != nullptr && id->as_string()->get() != standard->id) {
        diagnostics.add(id->source().begin.line, id->source().begin.column, "standard",
                        "names standard '" + id->as_string()->get() + "' but " + standardFile +
                            " has id '" + standard->id + "'");
      }
    }
    Scenario scenario;
    ScenarioParser parser(diagnostics, standard,
                          machines != nullptr ? *machines : sim::MachineRegistry::builtIn(),
                          standardFile);
    parser.parse(*root, scenario);
    if (diagnostics.empty() && standard != nullptr) {
      scenario.hash = scenarioHash(withoutTaskSteps(text, *root), standardText);
      scenario.scenarioFile = file;
      scenario.standardFile = standardFile;
      report.hash = scenario.hash;
      report.standard = *standard;
      report.scenario = std::move(scenario);
    }
  }
  report.problems = diagnostics.problems();
  sortByPosition(report.problems);
  // No standard file at all (the scenario names none, which the parser reports): the empty
  // text's "missing key" problems would be about no file (found by a new user).
  if (!standardFile.empty() || !standardText.empty()) {
    report.problems.insert(report.problems.end(), standardReport.problems.begin(),
                           standardReport.problems.end());
  }
  return report;
}

ValidationReport validateFileUnguarded(const std::filesystem::path& file,
                                       const LoadOptions& options) {
  std::string name = file.string();
  std::error_code folderEc;
  if (std::filesystem::is_directory(file, folderEc)) {
    return failure(FileKind::Unknown, name,
                   core::makeError(core::ErrorCode::InvalidInput,
                                   "is a folder, not a scenario or standard file",
                                   core::SourceLocation{.file = name}));
  }
  auto bytes = readBytes(file);
  if (!bytes) {
    std::error_code ec;
    bool exists = std::filesystem::exists(file, ec);
    return failure(FileKind::Unknown, name,
                   core::makeError(exists ? core::ErrorCode::Io : core::ErrorCode::NotFound,
                                   exists ? "cannot read the file" : "no such file",
                                   core::SourceLocation{.file = name}));
  }
  Diagnostics diagnostics(name);
  auto root = parseToml(*bytes, name, diagnostics);
  if (!root) {
    ValidationReport report;
    report.file = name;
    report.problems = diagnostics.problems();
    return report;
  }
  FileKind kind = readFormat(*root, diagnostics);
  if (kind == FileKind::Standard) {
    ValidationReport report = validateStandardText(*bytes, name);
    // Scenarios find a standard by file name, so the name must be the id.
    const toml::node* idNode = root->get("id");
    if (report.standard && idNode != nullptr && report.standard->id != file.stem().string()) {
      report.problems.push_back(core::makeError(
          core::ErrorCode::InvalidInput,
          "id '" + report.standard->id + "' differs from the file name '" +
              file.filename().string() + "'; scenarios find a standard as <id>.toml",
          core::SourceLocation{.file = name,
                               .line = idNode->source().begin.line,
                               .column = idNode->source().begin.column,
                               .fieldPath = "id"}));
      report.standard.reset();
    }
    return report;
  }
  if (kind == FileKind::Unknown) {
    ValidationReport report;
    report.file = name;
    report.problems = diagnostics.problems();
    return report;
  }

  // Find the standard: by id under the assets root, or by a path relative to this file.
  std::filesystem::path standardPath;
  const toml::node* idNode = root->get("standard");
  const toml::node* fileNode = root->get("standard_file");
  auto located = [&](const toml::node& node, std::string field, std::string message) {
    return failure(FileKind::Scenario, name,
                   core::makeError(core::ErrorCode::NotFound, std::move(message),
                                   core::SourceLocation{.file = name,
                                                        .line = node.source().begin.line,
                                                        .column = node.source().begin.column,
                                                        .fieldPath = std::move(field)}));
  };
  if (idNode != nullptr && idNode->as_string() != nullptr && fileNode == nullptr) {
    std::string id = idNode->as_string()->get();
    if (!validId(id)) {
      return located(*idNode, "standard",
                     "invalid standard id '" + id +
                         "'; expected lowercase letters, digits, '.', '_' or '-'");
    }
    std::vector<std::filesystem::path> tried;
    if (!options.assetsRoot.empty()) {
      tried.push_back(options.assetsRoot / "standards" / (id + ".toml"));
    } else {
      std::error_code ec;
      std::filesystem::path dir = std::filesystem::absolute(file, ec).parent_path();
      while (true) {
        tried.push_back(dir / "assets" / "standards" / (id + ".toml"));
        if (!dir.has_parent_path() || dir.parent_path() == dir) {
          break;
        }
        dir = dir.parent_path();
      }
      for (const auto& root : options.fallbackAssetsRoots) {
        tried.push_back(root / "standards" / (id + ".toml"));
      }
    }
    for (const auto& candidate : tried) {
      std::error_code ec; // an unreadable folder is the same as a missing file here
      if (std::filesystem::is_regular_file(candidate, ec)) {
        standardPath = candidate;
        break;
      }
    }
    if (standardPath.empty()) {
      return located(
          *idNode, "standard",
          "standard '" + id + "' not found; looked for " + tried.front().string() +
              (tried.size() > 1 ? " and in every assets/standards/ above it" : "") +
              (options.fallbackAssetsRoots.empty() || !options.assetsRoot.empty()
                   ? std::string()
                   : " and in " + options.fallbackAssetsRoots.front().string() + "/standards") +
              " (set the assets folder with --assets)");
    }
  } else if (fileNode != nullptr && fileNode->as_string() != nullptr && idNode == nullptr) {
    standardPath = file.parent_path() / fileNode->as_string()->get();
    std::error_code ec;
    if (!std::filesystem::is_regular_file(standardPath, ec)) {
      return located(*fileNode, "standard_file",
                     "standard file " + standardPath.string() + " not found");
    }
  } else {
    // Missing, both, or a wrong type: the parser reports it with everything else.
    return validateScenarioText(*bytes, name, "", "", options.machines);
  }
  auto standardBytes = readBytes(standardPath);
  if (!standardBytes) {
    return failure(FileKind::Scenario, name,
                   core::makeError(core::ErrorCode::Io, "cannot read the standard file",
                                   core::SourceLocation{.file = standardPath.string()}));
  }
  std::string standardName = standardPath.lexically_normal().string();
  return validateScenarioText(*bytes, name, *standardBytes, standardName, options.machines);
}

ValidationReport validateFile(const std::filesystem::path& file, const LoadOptions& options) {
  try {
    return validateFileUnguarded(file, options);
  } catch (const std::exception& e) {
    // No exception crosses a module boundary (file system or allocation failures).
    return failure(FileKind::Unknown, file.string(),
                   core::makeError(core::ErrorCode::Io,
                                   std::string("cannot check the file: ") + e.what(),
                                   core::SourceLocation{.file = file.string()}));
  }
}

core::Expected<Scenario> loadScenario(const std::filesystem::path& file,
                                      const LoadOptions& options) {
  ValidationReport report = validateFile(file, options);
  if (!report.valid()) {
    return toError(report);
  }
  if (!report.scenario) {
    return core::makeError(core::ErrorCode::InvalidInput,
                           "expected a scenario (format = \"" + std::string(kScenarioFormat) +
                               "\"), found a standard",
                           core::SourceLocation{.file = report.file, .fieldPath = "format"});
  }
  return std::move(*report.scenario);
}

core::Expected<assessment::Standard> loadStandard(const std::filesystem::path& file) {
  ValidationReport report = validateFile(file);
  if (!report.valid()) {
    return toError(report);
  }
  if (report.kind != FileKind::Standard || !report.standard) {
    return core::makeError(core::ErrorCode::InvalidInput,
                           "expected a standard (format = \"" + std::string(kStandardFormat) +
                               "\"), found a scenario",
                           core::SourceLocation{.file = report.file, .fieldPath = "format"});
  }
  return std::move(*report.standard);
}

} // namespace skillsim::scenario
