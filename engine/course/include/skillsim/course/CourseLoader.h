#pragma once

#include "skillsim/course/Course.h"

#include <skillsim/core/Error.h>
#include <skillsim/core/Expected.h>

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace skillsim::course {

/** Everything found in one course file: every problem at once, in file order. */
struct CourseReport {
  std::string file;
  std::vector<core::Error> problems; ///< Each names file:line:column and the field; empty = valid.
  std::optional<Course> course;      ///< Set when there is no problem.

  [[nodiscard]] bool valid() const { return problems.empty(); }
};

/**
 * Parses and validates course TOML text (docs/course-format.md); `file` names it in messages.
 * Every problem is an InvalidInput error at file:line:column with the field's dotted path
 * (`learning_tasks[1].steps[0].questions[2].answer`) and what would be right: a TOML syntax
 * error, an unknown or missing key, a wrong type, an empty text, an id that is not lowercase or is
 * repeated, steps that are not the six in order, a question whose answer does not fit its kind
 * (an unknown choice id, an ordering that misses or repeats an item, a negative tolerance),
 * gating numbers out of range, weights outside [0, 1] or not summing to 1, a reference to an
 * unknown work task or learning task, a mentor weight without a mentor rubric.
 *
 * When `knownScenarios` is given, every practice and exam scenario id must be in it (the ids of
 * the scenario files a course may use); otherwise scenario ids are checked for form only.
 */
[[nodiscard]] CourseReport parseCourse(std::string_view text, const std::string& file,
                                       const std::set<std::string>* knownScenarios = nullptr);

/** Reads and parses a course file; NotFound / Io as one problem when it cannot be read. */
[[nodiscard]] CourseReport loadCourse(const std::filesystem::path& path,
                                      const std::set<std::string>* knownScenarios = nullptr);

/** True when `text` is TOML whose top-level `format` is a course format (any version). */
[[nodiscard]] bool declaresCourseFormat(std::string_view text);

/**
 * The scenario ids (`id` of every `*.toml` under `dir` whose `format` is a scenario's), for
 * parseCourse's cross-check. Files that are no scenario or no TOML are skipped. Error: NotFound
 * when `dir` is not a folder.
 */
[[nodiscard]] core::Expected<std::set<std::string>> scenarioIdsIn(const std::filesystem::path& dir);

/**
 * The `scenarios/` folder for a course file: the nearest folder named `scenarios` beside one of
 * the file's parent folders (courses/<trade>/x.toml finds ../../scenarios); nullopt when none.
 */
[[nodiscard]] std::optional<std::filesystem::path>
scenariosFolderFor(const std::filesystem::path& courseFile);

} // namespace skillsim::course
