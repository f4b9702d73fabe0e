#pragma once

#include "skillsim/course/Course.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace skillsim::course {

/** The five parts of a learning task's score (Weights). */
enum class ScorePart : std::uint8_t { WorkPage, Simulator, SelfAssessment, Teacher, Mentor };

/** A rating given on one rubric item (0..the item's max_rating). */
struct Rating {
  std::string itemId;
  int value = 0;

  friend bool operator==(const Rating&, const Rating&) = default;
};

/** One standard item of the exam attempt: what the trainee thought it earned, and what it did. */
struct SelfCheckItem {
  std::string itemId;
  double selfPoints = 0.0;    ///< The trainee's estimate, 0..maximum.
  double awardedPoints = 0.0; ///< The attempt's result.
  double maximum = 0.0;       ///< The item's points (> 0).
};

/**
 * Self-assessment accuracy, percent (docs/course-format.md, "Assessment"):
 * 100 * (1 - mean over items of |self - awarded| / maximum), each estimate clamped to
 * 0..maximum. nullopt for no item (or only items with maximum 0).
 */
[[nodiscard]] std::optional<double> selfAssessmentAccuracy(const std::vector<SelfCheckItem>& items);

/**
 * A rubric's rating as a percentage: 100 * sum(value) / sum(max_rating) over the rubric's items.
 * nullopt when an item is not rated, a rating names no item of the rubric or is outside
 * 0..max_rating (an incomplete or bad rating never counts).
 */
[[nodiscard]] std::optional<double> rubricPercent(const std::vector<RubricItem>& rubric,
                                                  const std::vector<Rating>& ratings);

/** Where a part's value came from: the store row or file that holds it. */
struct PartSource {
  std::string reference; ///< An attempt id, a job card's file or id, "work page", a rater's id.
  std::string detail;    ///< The rater's name, the signer's key id …; may be empty.
};

/** One part with its weight, value and source. */
struct ScoredPart {
  ScorePart part = ScorePart::WorkPage;
  double weight = 0.0;           ///< From the course file.
  std::optional<double> percent; ///< 0..100; nullopt: missing.
  PartSource source;
  /** weight * percent, 0 when missing. */
  [[nodiscard]] double contribution() const { return percent ? weight * *percent : 0.0; }
};

/** The inputs of a learning task's score, each with its source. */
struct ScoreInputs {
  std::optional<double> workPage;       ///< WorkPageScore::percent().
  std::optional<double> simulator;      ///< The exam attempt's percent.
  std::optional<double> selfAssessment; ///< selfAssessmentAccuracy().
  std::optional<double> teacher;        ///< rubricPercent() of the teacher's rating.
  std::optional<double> mentor;         ///< Only a verified, signed job card's (JobCard.h).
  PartSource workPageSource, simulatorSource, selfAssessmentSource, teacherSource, mentorSource;
};

/** A learning task's combined score. */
struct TaskScore {
  std::vector<ScoredPart> parts; ///< The five, in ScorePart order.
  /**
   * sum(weight * percent) over the parts, 0..100, when every part of weight > 0 is present;
   * nullopt while one is missing (see `missing`). A part of weight 0 never matters.
   */
  std::optional<double> total;
  std::vector<ScorePart> missing; ///< Parts of weight > 0 without a value.
};

/**
 * Combines the parts with the task's weights (docs/course-format.md, "Assessment"):
 * total = w_workpage * P_workpage + w_sim * P_sim + w_self * P_self + w_teacher * P_teacher +
 * w_mentor * P_mentor, each P in 0..100 (clamped), the weights summing to 1 (checked on load).
 */
[[nodiscard]] TaskScore combineScore(const Weights& weights, const ScoreInputs& inputs);

} // namespace skillsim::course
