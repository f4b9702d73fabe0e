#include "skillsim/course/WorkPageScore.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace skillsim::course {

namespace {

enum class Quantity : std::uint8_t { Length, Mass, Time, Speed, Force, Angle };

struct UnitFactor {
  std::string_view name;
  Quantity quantity;
  double toBase; ///< The unit in the quantity's SI unit (m, kg, s, m/s, N, rad).
};

constexpr double kPi = 3.14159265358979323846;

// NOLINTNEXTLINE(cert-err58-cpp): constexpr, no construction at run time.
constexpr UnitFactor kUnits[] = {
    {"m", Quantity::Length, 1.0},
    {"米", Quantity::Length, 1.0},
    {"cm", Quantity::Length, 0.01},
    {"厘米", Quantity::Length, 0.01},
    {"mm", Quantity::Length, 0.001},
    {"毫米", Quantity::Length, 0.001},
    {"km", Quantity::Length, 1000.0},
    {"ft", Quantity::Length, 0.3048}, // the international foot and inch (1959), exact
    {"in", Quantity::Length, 0.0254},
    {"lb", Quantity::Mass, 0.45359237}, // the international avoirdupois pound, exact
    {"千米", Quantity::Length, 1000.0},
    {"公里", Quantity::Length, 1000.0},
    {"kg", Quantity::Mass, 1.0},
    {"千克", Quantity::Mass, 1.0},
    {"公斤", Quantity::Mass, 1.0},
    {"g", Quantity::Mass, 0.001},
    {"克", Quantity::Mass, 0.001},
    {"t", Quantity::Mass, 1000.0},
    {"吨", Quantity::Mass, 1000.0},
    {"s", Quantity::Time, 1.0},
    {"秒", Quantity::Time, 1.0},
    {"ms", Quantity::Time, 0.001},
    {"毫秒", Quantity::Time, 0.001},
    {"min", Quantity::Time, 60.0},
    {"分钟", Quantity::Time, 60.0},
    {"分", Quantity::Time, 60.0},
    {"h", Quantity::Time, 3600.0},
    {"小时", Quantity::Time, 3600.0},
    {"m/s", Quantity::Speed, 1.0},
    {"m/min", Quantity::Speed, 1.0 / 60.0},
    {"km/h", Quantity::Speed, 1000.0 / 3600.0},
    {"mm/s", Quantity::Speed, 0.001},
    {"N", Quantity::Force, 1.0},
    {"牛", Quantity::Force, 1.0},
    {"kN", Quantity::Force, 1000.0},
    {"千牛", Quantity::Force, 1000.0},
    {"rad", Quantity::Angle, 1.0},
    {"°", Quantity::Angle, kPi / 180.0},
    {"deg", Quantity::Angle, kPi / 180.0},
    {"度", Quantity::Angle, kPi / 180.0},
};

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

const UnitFactor* findUnit(std::string_view name) {
  for (const UnitFactor& u : kUnits) {
    if (u.name == name) {
      return &u;
    }
  }
  return nullptr;
}

} // namespace

std::optional<double> convertUnit(double value, std::string_view from, std::string_view to) {
  from = trimmed(from);
  to = trimmed(to);
  if (from == to) {
    return value;
  }
  const UnitFactor* a = findUnit(from);
  const UnitFactor* b = findUnit(to);
  if (a == nullptr || b == nullptr || a->quantity != b->quantity) {
    return std::nullopt;
  }
  return value * a->toBase / b->toBase;
}

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
    const std::optional<double> inQuestionUnit =
        convertUnit(*answer->number, answer->unit, question.unit);
    if (!inQuestionUnit) {
      score.verdict = AnswerVerdict::WrongUnit;
      return score;
    }
    const double allowance = kToleranceRounding * std::max(1.0, std::abs(question.number));
    right = std::abs(*inQuestionUnit - question.number) <= question.tolerance + allowance;
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
