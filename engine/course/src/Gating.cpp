#include "skillsim/course/Gating.h"

#include <algorithm>

namespace skillsim::course {
namespace {

bool isDone(const TaskProgress& p) { return p.examPercent.has_value() && p.reflectionDone; }

} // namespace

std::vector<TaskStatus> courseStatus(const Course& course,
                                     const std::map<std::string, TaskProgress>& progress) {
  const TaskProgress none;
  auto of = [&](const std::string& id) -> const TaskProgress& {
    auto it = progress.find(id);
    return it != progress.end() ? it->second : none;
  };
  std::vector<TaskStatus> out;
  for (const LearningTask& task : course.learningTasks) {
    const TaskProgress& p = of(task.id);
    const Gating& g = task.gating;
    TaskStatus status;
    status.taskId = task.id;

    for (const std::string& other : g.after) {
      if (!isDone(of(other))) {
        status.lockedBecause.push_back({GateReason::Kind::WaitingForTask, other});
      }
    }

    if (g.planApprovedByTeacher && !p.planApproved) {
      status.examLockedBecause.push_back({GateReason::Kind::PlanNotApproved});
    }
    const int have = static_cast<int>(p.practicePercents.size());
    if (have < g.minPracticeAttempts) {
      status.examLockedBecause.push_back(
          {GateReason::Kind::TooFewPractice, {}, have, g.minPracticeAttempts});
    }
    // The last K attempts (as many as exist, when fewer) must each reach the mark.
    for (int i = std::max(0, have - g.lastPracticeCount); i < have; ++i) {
      const double score = p.practicePercents[static_cast<std::size_t>(i)];
      if (score < g.lastPracticeMinPercent) {
        status.examLockedBecause.push_back({GateReason::Kind::PracticeBelowMark,
                                            {},
                                            i + 1,
                                            g.lastPracticeCount,
                                            score,
                                            g.lastPracticeMinPercent});
      }
    }

    if (!p.examPercent) {
      status.evaluationLockedBecause.push_back({GateReason::Kind::ExamMissing});
    }
    if (g.selfCheckBeforeEvaluation && !p.selfCheckDone) {
      status.evaluationLockedBecause.push_back({GateReason::Kind::SelfCheckMissing});
    }

    if (!status.lockedBecause.empty()) {
      status.state = TaskState::Locked;
    } else {
      status.state = isDone(p) ? TaskState::Done : TaskState::Open;
      status.examUnlocked = status.examLockedBecause.empty();
      status.evaluationUnlocked = status.evaluationLockedBecause.empty();
    }
    out.push_back(std::move(status));
  }
  return out;
}

} // namespace skillsim::course
