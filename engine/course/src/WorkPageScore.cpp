#include "skillsim/course/WorkPageScore.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace skillsim::course {

QuestionScore scoreAnswer(const Question& question, const Answer* answer,
                          std::optional<double> teacherPoints) {
  QuestionScore score{question.id, AnswerVerdict::Unanswered, 0.0, question.points};
  if (question.kind == QuestionKind::ShortText) {
    if (teacherPoints) {
      score.verdict = AnswerVerdict::TeacherMarked;
      score.points = std::clamp(*teacherPoints, 0.0, question.points);
    } else if (answer != nullptr && !answer->text.empty()) {
      score.verdict = AnswerVerdict::AwaitingTeacher;
    }
    return score;
  }
  if (answer == nullptr) {
    return score;
  }
  bool right = false;
  switch (question.kind) {
  case QuestionKind::SingleChoice:
    if (answer->choices.empty()) {
      return score;
    }
    right = answer->choices.size() == 1 && answer->choices == question.answer;
    break;
  case QuestionKind::MultipleChoice: {
    if (answer->choices.empty()) {
      return score;
    }
    std::vector<std::string> given = answer->choices;
    std::vector<std::string> expected = question.answer;
    std::sort(given.begin(), given.end());
    given.erase(std::unique(given.begin(), given.end()), given.end());
    std::sort(expected.begin(), expected.end());
    right = given == expected;
    break;
  }
  case QuestionKind::Ordering:
    if (answer->choices.empty()) {
      return score;
    }
    right = answer->choices == question.answer;
    break;
  case QuestionKind::Number: {
    if (!answer->number || !std::isfinite(*answer->number)) {
      return score;
    }
    if (answer->unit != question.unit) {
      score.verdict = AnswerVerdict::WrongUnit;
      return score;
    }
    const double allowance = kToleranceRounding * std::max(1.0, std::abs(question.number));
    right = std::abs(*answer->number - question.number) <= question.tolerance + allowance;
    break;
  }
  case QuestionKind::ShortText: break;
  }
  score.verdict = right ? AnswerVerdict::Right : AnswerVerdict::Wrong;
  score.points = right ? question.points : 0.0;
  return score;
}

std::optional<double> WorkPageScore::percent() const {
  if (!complete) {
    return std::nullopt;
  }
  return maximum > 0.0 ? 100.0 * points / maximum : 100.0;
}

WorkPageScore scoreWorkPage(const LearningTask& task, const std::vector<Answer>& answers,
                            const std::vector<std::pair<std::string, double>>& teacherMarks) {
  std::map<std::string, const Answer*> latest;
  for (const Answer& a : answers) {
    latest[a.questionId] = &a; // later answers replace earlier ones
  }
  std::map<std::string, double> marks(teacherMarks.begin(), teacherMarks.end());
  WorkPageScore out;
  out.complete = true;
  for (const Step& step : task.steps) {
    for (const Question& q : step.questions) {
      auto a = latest.find(q.id);
      auto m = marks.find(q.id);
      QuestionScore s = scoreAnswer(q, a != latest.end() ? a->second : nullptr,
                                    m != marks.end() ? std::optional(m->second) : std::nullopt);
      if (s.verdict == AnswerVerdict::AwaitingTeacher) {
        out.complete = false;
      }
      out.points += s.points;
      out.maximum += s.maximum;
      out.questions.push_back(std::move(s));
    }
  }
  return out;
}

} // namespace skillsim::course
