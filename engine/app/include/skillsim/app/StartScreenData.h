#pragma once

#include <skillsim/records/AttemptRecord.h>
#include <skillsim/ui/StartScreenModel.h>

#include <cstdint>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace skillsim::app {

/** The scenarios under a folder as the start screen lists them. */
struct InstalledScenarios {
  std::vector<ui::ScenarioEntry> scenarios; ///< Sorted by trade, then file path.
  std::vector<ui::BrokenScenario> broken;   ///< Files that do not load, in path order.
};

/**
 * Every `*.toml` under `scenariosDir` (recursively, in path order), loaded and validated: a
 * good one becomes an entry with its titles, descriptions, time limit and pass mark; a broken
 * one is listed with the validator's first message (file:line:column and what is wrong), so the
 * trainee is told why it is not offered rather than not seeing it.
 */
[[nodiscard]] InstalledScenarios installedScenarios(const std::filesystem::path& scenariosDir);

/** The courses under a folder as the start screen lists them. */
struct InstalledCourses {
  std::vector<ui::CourseEntry> courses;   ///< In path order.
  std::vector<ui::BrokenScenario> broken; ///< Files that do not load, in path order.
};

/**
 * Every `*.toml` under `coursesDir` (recursively, in path order) that declares a course format
 * (course::declaresCourseFormat), loaded and validated as `skillsim validate` does, with its
 * practice and exam scenario ids checked against `scenarioIds` (the installed scenarios): a good
 * one becomes an entry with its titles, description and number of learning tasks; a broken one
 * (a TOML error, a bad field, a scenario that is not installed) is listed with its first problem
 * (file:line:column: field: what is wrong), not hidden. A missing folder gives none.
 */
[[nodiscard]] InstalledCourses installedCourses(const std::filesystem::path& coursesDir,
                                                const std::set<std::string>& scenarioIds);

/**
 * A trainee's stored attempts as the start screen lists them, the finished and the abandoned
 * together: newest first (by start time, then id, whatever order they come in), the scenario's
 * titles, the date in the workstation's local time zone (formatLocalTime), for a finished one the
 * score out of the maximum and passed or not, an abandoned one marked so with no score.
 */
[[nodiscard]] std::vector<ui::PreviousAttempt>
previousAttemptRows(const std::vector<records::AttemptRecord>& finished,
                    const std::vector<records::AbandonedAttempt>& abandoned = {});

/**
 * `utc` (seconds since 1970-01-01T00:00:00Z) as "YYYY-MM-DD HH:MM" in the local time zone (the
 * TZ environment variable, else the system's), e.g. 2026-11-29T08:30Z in TZ=CST-8 is
 * "2026-11-29 16:30".
 */
[[nodiscard]] std::string formatLocalTime(std::int64_t utc);

} // namespace skillsim::app
