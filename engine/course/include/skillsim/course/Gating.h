#pragma once

#include "skillsim/course/Course.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace skillsim::course {

/** What a trainee has done in one learning task, as the results store holds it. */
struct TaskProgress {
  bool planApproved = false; ///< The teacher approved the plan checklist.
  /** Completed practice attempts' scores, percent of their maximum, oldest first. */
  std::vector<double> practicePercents;
  std::optional<double> examPercent; ///< The exam attempt's score, percent; nullopt: none yet.
  bool selfCheckDone = false;        ///< The check step's self-rating is recorded.
  bool reflectionDone = false;       ///< The evaluate step's reflection is recorded.
};

/** Where a learning task stands for a trainee. */
enum class TaskState : std::uint8_t {
  Locked, ///< A task in `after` is not done yet.
  Open,   ///< Can be worked on.
  Done,   ///< Exam attempt taken and reflection recorded.
};

/** Why something is still closed; the words are made at display time from these fields. */
struct GateReason {
  enum class Kind : std::uint8_t {
    WaitingForTask,    ///< `task` is not done.
    PlanNotApproved,   ///< The teacher has not approved the plan.
    TooFewPractice,    ///< `have` completed practice attempts of `need`.
    PracticeBelowMark, ///< Practice attempt number `have` (1-based) scored `score` < `minimum`.
    SelfCheckMissing,  ///< The self-check is not done.
    ExamMissing,       ///< No exam attempt yet.
  };
  Kind kind = Kind::WaitingForTask;
  std::string task; ///< WaitingForTask: the learning task's id.
  int have = 0;
  int need = 0;
  double score = 0.0;   ///< Percent.
  double minimum = 0.0; ///< Percent.

  friend bool operator==(const GateReason&, const GateReason&) = default;
};

/** One learning task's state with the reasons for each closed gate. */
struct TaskStatus {
  std::string taskId;
  TaskState state = TaskState::Locked;
  std::vector<GateReason> lockedBecause; ///< Locked: the tasks waited for.
  bool examUnlocked = false;
  std::vector<GateReason> examLockedBecause; ///< Why the exam attempt is not open.
  bool evaluationUnlocked = false;
  std::vector<GateReason> evaluationLockedBecause; ///< Why the evaluate step is not open.
};

/**
 * The state of every learning task of `course` for one trainee (docs/course-format.md,
 * "Gating"), in file order. `progress` maps learning task id to what was done (absent: nothing).
 * A task is Done when its exam attempt is taken and its reflection recorded; Locked while a task
 * in its `after` is not Done; else Open. Its exam unlocks when the plan is approved (if
 * required), at least min_practice_attempts practice attempts are recorded and each of the last
 * last_practice_attempts scored at least last_practice_min_score. Its evaluation unlocks when the
 * exam attempt is taken and (if required) the self-check is done.
 */
[[nodiscard]] std::vector<TaskStatus>
courseStatus(const Course& course, const std::map<std::string, TaskProgress>& progress);

} // namespace skillsim::course
