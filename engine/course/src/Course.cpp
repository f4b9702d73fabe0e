#include "skillsim/course/Course.h"

#include <skillsim/core/Check.h>

namespace skillsim::course {

std::string_view stepKey(StepKind kind) {
  switch (kind) {
  case StepKind::GetInformation: return "get_information";
  case StepKind::Plan: return "plan";
  case StepKind::Decide: return "decide";
  case StepKind::CarryOut: return "carry_out";
  case StepKind::Check: return "check";
  case StepKind::Evaluate: return "evaluate";
  }
  return "get_information";
}

LocalizedText stepName(StepKind kind) {
  switch (kind) {
  case StepKind::GetInformation: return {"获取信息", "Get information"};
  case StepKind::Plan: return {"制定计划", "Plan"};
  case StepKind::Decide: return {"做出决策", "Decide"};
  case StepKind::CarryOut: return {"实施计划", "Carry out"};
  case StepKind::Check: return {"检查控制", "Check"};
  case StepKind::Evaluate: return {"评价反馈", "Evaluate"};
  }
  return {};
}

std::optional<StepKind> stepFromKey(std::string_view key) {
  for (StepKind kind : kAllSteps) {
    if (stepKey(kind) == key) {
      return kind;
    }
  }
  return std::nullopt;
}

std::string_view questionKindKey(QuestionKind kind) {
  switch (kind) {
  case QuestionKind::SingleChoice: return "single_choice";
  case QuestionKind::MultipleChoice: return "multiple_choice";
  case QuestionKind::Ordering: return "ordering";
  case QuestionKind::Number: return "number";
  case QuestionKind::ShortText: return "short_text";
  }
  return "single_choice";
}

const Step& LearningTask::step(StepKind kind) const {
  for (const Step& s : steps) {
    if (s.kind == kind) {
      return s;
    }
  }
  SKILLSIM_CHECK(false, "a validated learning task has all six steps");
  return steps.front();
}

const Step* LearningTask::stepOfQuestion(std::string_view questionId) const {
  for (const Step& s : steps) {
    for (const Question& q : s.questions) {
      if (q.id == questionId) {
        return &s;
      }
    }
  }
  return nullptr;
}

double LearningTask::workPagePoints() const {
  double total = 0.0;
  for (const Step& s : steps) {
    for (const Question& q : s.questions) {
      total += q.points;
    }
  }
  return total;
}

const LearningTask* Course::learningTask(std::string_view id) const {
  for (const LearningTask& task : learningTasks) {
    if (task.id == id) {
      return &task;
    }
  }
  return nullptr;
}

} // namespace skillsim::course
