#include "skillsim/course/TaskScore.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <tuple>

namespace skillsim::course {

std::optional<double> selfAssessmentAccuracy(const std::vector<SelfCheckItem>& items) {
  double sum = 0.0;
  int count = 0;
  for (const SelfCheckItem& item : items) {
    if (!(item.maximum > 0.0)) {
      continue;
    }
    const double self = std::clamp(item.selfPoints, 0.0, item.maximum);
    const double awarded = std::clamp(item.awardedPoints, 0.0, item.maximum);
    sum += std::abs(self - awarded) / item.maximum;
    ++count;
  }
  if (count == 0) {
    return std::nullopt;
  }
  return 100.0 * (1.0 - sum / count);
}

std::optional<double> rubricPercent(const std::vector<RubricItem>& rubric,
                                    const std::vector<Rating>& ratings) {
  std::map<std::string, int> given;
  for (const Rating& r : ratings) {
    if (!given.emplace(r.itemId, r.value).second) {
      return std::nullopt; // the same item rated twice: which one counts is unclear
    }
  }
  if (rubric.empty() || given.size() != rubric.size()) {
    return std::nullopt;
  }
  int sum = 0;
  int maximum = 0;
  for (const RubricItem& item : rubric) {
    auto it = given.find(item.id);
    if (it == given.end() || it->second < 0 || it->second > item.maxRating) {
      return std::nullopt;
    }
    sum += it->second;
    maximum += item.maxRating;
  }
  return 100.0 * sum / maximum;
}

TaskScore combineScore(const Weights& weights, const ScoreInputs& in) {
  TaskScore out;
  const std::array<std::tuple<ScorePart, double, const std::optional<double>*, const PartSource*>,
                   5>
      parts = {{{ScorePart::WorkPage, weights.workPage, &in.workPage, &in.workPageSource},
                {ScorePart::Simulator, weights.simulator, &in.simulator, &in.simulatorSource},
                {ScorePart::SelfAssessment, weights.selfAssessment, &in.selfAssessment,
                 &in.selfAssessmentSource},
                {ScorePart::Teacher, weights.teacher, &in.teacher, &in.teacherSource},
                {ScorePart::Mentor, weights.mentor, &in.mentor, &in.mentorSource}}};
  double total = 0.0;
  for (const auto& [part, weight, value, source] : parts) {
    ScoredPart scored{part, weight, std::nullopt, *source};
    if (*value && std::isfinite(**value)) {
      scored.percent = std::clamp(**value, 0.0, 100.0);
    }
    if (weight > 0.0 && !scored.percent) {
      out.missing.push_back(part);
    }
    total += scored.contribution();
    out.parts.push_back(std::move(scored));
  }
  if (out.missing.empty()) {
    out.total = total;
  }
  return out;
}

} // namespace skillsim::course
