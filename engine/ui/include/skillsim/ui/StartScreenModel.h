#pragma once

#include "skillsim/ui/AttemptMode.h"
#include "skillsim/ui/Language.h"

#include <cstddef>
#include <string>
#include <vector>

namespace skillsim::ui {

/** An installed scenario as the start screen lists it. */
struct ScenarioEntry {
  std::string path;          ///< Scenario file, as the app will load it.
  std::string id;            ///< Scenario id.
  std::string trade;         ///< Trade key, (scenarios/<trade>/); groups the list.
  std::string tradeTitleZh;  ///< The trade's name (its machine's title), Chinese; empty = `trade`.
  std::string tradeTitleEn;  ///< The trade's name in English; empty = `trade`.
  std::string titleZh;       ///< Title in Chinese.
  std::string titleEn;       ///< Title in English.
  std::string standardId;    ///< Standard it is assessed against.
  std::string standardTitle; ///< The standard's title; empty = `standardId`.
  std::string standardTitleZh; ///< The standard's Chinese title; empty = standardTitle.
  std::string descriptionZh;   ///< What the task is, Chinese (may be empty).
  std::string descriptionEn;
  double timeLimit = 0.0; ///< s; the attempt stops there (0 = none).
  bool mockExam = false;  ///< Scenario::mockExam: shown as "mock exam, not the licence test".
  double passMark = 0.0;  ///< Points needed to pass.
  double maxPoints = 0.0; ///< The standard's total points.
};

/** A scenario file that does not load, and why (the validator's first message). */
struct BrokenScenario {
  std::string path;
  std::string message; ///< "file:line:column: what is wrong".
};

/**
 * An installed work-study course (courses/<trade>/<course>.toml, docs/course-format.md) as the
 * start screen lists it; opening it shows the course screens (ui::CourseScreen).
 */
struct CourseEntry {
  std::string path;    ///< Course file, as the app will load it.
  std::string id;      ///< Course id.
  std::string trade;   ///< The machine kind the course trains (groups nothing; shown dim).
  std::string titleZh; ///< Title in Chinese.
  std::string titleEn; ///< Title in English.
  std::string descriptionZh;
  std::string descriptionEn;
  std::size_t learningTasks = 0; ///< How many learning tasks it has.
};

/** One of the trainee's previous attempts, from the results store. */
struct PreviousAttempt {
  std::string scenarioId;
  std::string when; ///< Start time as text in local time, e.g. "2026-11-29 16:30".
  AttemptMode mode = AttemptMode::Exam;
  double score = 0.0;
  double maxScore = 100.0;
  bool passed = false;
  /** Left before its end (Quit, Restart, the window closed): no score, shown as abandoned. */
  bool abandoned = false;
  std::string titleZh; ///< The scenario's title when it was taken, Chinese; empty = scenarioId.
  std::string titleEn; ///< English.
};

/** Everything the start screen shows besides its own input state, as plain data. */
struct StartScreenModel {
  std::vector<ScenarioEntry> scenarios;  ///< In listing order (the app sorts by trade, then id).
  std::vector<PreviousAttempt> attempts; ///< Of the trainee ID now entered; newest first.
  std::vector<BrokenScenario> broken;    ///< Not offered, with the reason.
  std::vector<CourseEntry> courses;      ///< The installed courses, in path order.
  /** Course files that do not load (or name a scenario that is not installed), with the reason. */
  std::vector<BrokenScenario> brokenCourses;
  std::string notice; ///< A message (device, store); empty = none.
};

} // namespace skillsim::ui
