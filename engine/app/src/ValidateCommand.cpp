#include "ValidateCommand.h"

#include "skillsim/app/AssetsFolder.h"
#include "skillsim/app/Cli.h"

#include <skillsim/course/CourseLoader.h>
#include <skillsim/scenario/ScenarioLoader.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <ostream>
#include <set>
#include <sstream>

namespace skillsim::app {
namespace {

const char* kindName(scenario::FileKind kind) {
  switch (kind) {
  case scenario::FileKind::Scenario: return "scenario";
  case scenario::FileKind::Standard: return "standard";
  case scenario::FileKind::Unknown: return "unknown";
  }
  return "unknown";
}

nlohmann::json toJson(const scenario::ValidationReport& report) {
  nlohmann::json problems = nlohmann::json::array();
  for (const core::Error& p : report.problems) {
    problems.push_back({{"file", p.location.file},
                        {"line", p.location.line},
                        {"column", p.location.column},
                        {"field", p.location.fieldPath},
                        {"message", p.message},
                        {"code", core::toString(p.code)}});
  }
  nlohmann::json j = {{"file", report.file},
                      {"kind", kindName(report.kind)},
                      {"valid", report.valid()},
                      {"problems", problems}};
  if (report.scenario) {
    nlohmann::json warnings = nlohmann::json::array();
    for (const core::Error& w : report.scenario->warnings) {
      warnings.push_back({{"file", w.location.file},
                          {"line", w.location.line},
                          {"column", w.location.column},
                          {"field", w.location.fieldPath},
                          {"message", w.message}});
    }
    j["warnings"] = warnings;
    j["id"] = report.scenario->id;
    j["standard"] = report.scenario->standard.id;
    j["standard_file"] = report.scenario->standardFile.string();
  } else if (report.standard) {
    j["id"] = report.standard->id;
  }
  if (report.hash) {
    j["hash"] = core::toHex(*report.hash);
  }
  return j;
}

nlohmann::json problemsJson(const std::vector<core::Error>& problems) {
  nlohmann::json out = nlohmann::json::array();
  for (const core::Error& p : problems) {
    out.push_back({{"file", p.location.file},
                   {"line", p.location.line},
                   {"column", p.location.column},
                   {"field", p.location.fieldPath},
                   {"message", p.message},
                   {"code", core::toString(p.code)}});
  }
  return out;
}

/** A course file (docs/course-format.md): nullopt when `file` is none. */
std::optional<course::CourseReport> validateIfCourse(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!course::declaresCourseFormat(bytes.str())) {
    return std::nullopt;
  }
  // Scenario ids are checked against the scenario files beside the course (courses/<trade>/ ->
  // ../../scenarios); without such a folder only their form is checked.
  std::optional<std::set<std::string>> known;
  if (auto folder = course::scenariosFolderFor(file)) {
    if (auto ids = course::scenarioIdsIn(*folder)) {
      known = std::move(*ids);
    }
  }
  return course::parseCourse(bytes.str(), file, known ? &*known : nullptr);
}

} // namespace

int runValidate(const ValidateOptions& options, std::ostream& out, std::ostream& /*err*/) {
  scenario::LoadOptions loadOptions = commandLineLoadOptions();
  loadOptions.assetsRoot = options.assetsRoot;
  bool allValid = true;
  nlohmann::json files = nlohmann::json::array();
  // A folder stands for the *.toml files in it and its subfolders, in name order (issue 13,
  // point 10: it was read as an empty file); a folder with none is an error.
  std::vector<std::string> paths;
  for (const std::string& given : options.files) {
    std::error_code ec;
    if (!std::filesystem::is_directory(given, ec)) {
      paths.push_back(given);
      continue;
    }
    std::vector<std::string> inside;
    for (std::filesystem::recursive_directory_iterator it(given, ec), end; !ec && it != end;
         it.increment(ec)) {
      if (it->path().extension() == ".toml" && it->is_regular_file(ec)) {
        inside.push_back(it->path().string());
      }
    }
    std::sort(inside.begin(), inside.end());
    if (inside.empty()) {
      allValid = false;
      const std::string why =
          ec ? "cannot read the folder: " + ec.message() : "a folder with no .toml files in it";
      if (options.json) {
        paths.push_back(given); // validateFile reports the folder itself
      } else {
        out << given << ": " << why << "; nothing to validate\n";
      }
    }
    paths.insert(paths.end(), inside.begin(), inside.end());
  }
  for (const std::string& file : paths) {
    if (std::optional<course::CourseReport> c = validateIfCourse(file)) {
      allValid = allValid && c->valid();
      if (options.json) {
        nlohmann::json j = {{"file", c->file},
                            {"kind", "course"},
                            {"valid", c->valid()},
                            {"problems", problemsJson(c->problems)}};
        if (c->course) {
          j["id"] = c->course->id;
        }
        files.push_back(j);
        continue;
      }
      for (const core::Error& problem : c->problems) {
        out << problem.toString() << '\n';
      }
      if (!c->valid()) {
        out << file << ": invalid (" << c->problems.size() << " problem"
            << (c->problems.size() == 1 ? "" : "s") << ")\n";
      } else {
        const std::size_t work = c->course->workTasks.size();
        const std::size_t learning = c->course->learningTasks.size();
        out << file << ": valid course '" << c->course->id << "' (" << work
            << (work == 1 ? " typical work task, " : " typical work tasks, ") << learning
            << (learning == 1 ? " learning task)\n" : " learning tasks)\n");
      }
      continue;
    }
    scenario::ValidationReport report = scenario::validateFile(file, loadOptions);
    if (report.scenario) {
      // Across the scenarios folder, not only the files given: a copy made to edit keeps the id.
      for (core::Error& w :
           scenario::duplicateScenarioIdWarnings(file, scenario::scenariosFolderOf(file))) {
        report.scenario->warnings.push_back(std::move(w));
      }
    }
    allValid = allValid && report.valid();
    if (options.json) {
      files.push_back(toJson(report));
      continue;
    }
    for (const core::Error& problem : report.problems) {
      out << problem.toString() << '\n';
    }
    if (report.scenario) {
      for (const core::Error& warning : report.scenario->warnings) {
        out << "warning: " << warning.toString() << '\n';
      }
    }
    if (!report.valid()) {
      out << file << ": invalid (" << report.problems.size() << " problem"
          << (report.problems.size() == 1 ? "" : "s") << ")\n";
    } else if (report.scenario) {
      out << file << ": valid scenario '" << report.scenario->id << "' (standard '"
          << report.scenario->standard.id << "', " << report.scenario->rubric.criteria.size()
          << " criteria)\n  hash " << core::toHex(*report.hash) << '\n';
    } else if (report.standard) {
      out << file << ": valid standard '" << report.standard->id << "' ("
          << report.standard->items.size() << " items, pass mark " << report.standard->passMark
          << " of " << report.standard->totalPoints() << ")\n";
    }
  }
  if (options.json) {
    out << nlohmann::json{{"valid", allValid}, {"files", files}}.dump(2) << '\n';
  }
  return allValid ? kExitOk : kExitFailure;
}

} // namespace skillsim::app
