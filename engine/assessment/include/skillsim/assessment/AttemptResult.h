#pragma once

#include <glm/vec3.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skillsim::assessment {

/** Category of a standard item (DESIGN.md, files a user writes). */
enum class Category : std::uint8_t { Safety, Procedure, Quality, Efficiency };

/** "safety", "procedure", "quality" or "efficiency". */
[[nodiscard]] std::string_view toString(Category category);
/** Inverse of toString(Category); nullopt for an unknown name. */
[[nodiscard]] std::optional<Category> categoryFromName(std::string_view name);

/** One deduction, with the evidence an examiner would write down. */
struct Deduction {
  std::string itemId;       ///< Standard item the points come off.
  std::string criterionId;  ///< Rubric criterion that fired.
  double points = 0.0;      ///< Points deducted (> 0).
  std::uint64_t tick = 0;   ///< Tick at which it was decided.
  double time = 0.0;        ///< Seconds from the attempt's start (tick / tick rate).
  glm::dvec3 position{0.0}; ///< Where (m, world): the load or machine position then.
  double measured = 0.0;    ///< The measured value that caused it (units per criterion).
  std::string reason;       ///< Human-readable, e.g. "touched pile_2 (episode 1)".

  friend bool operator==(const Deduction&, const Deduction&) = default;
};

/** A veto ("automatic fail") that fired. */
struct Veto {
  std::string itemId;
  std::string criterionId;
  std::uint64_t tick = 0;
  double time = 0.0;
  glm::dvec3 position{0.0};
  std::string reason;

  friend bool operator==(const Veto&, const Veto&) = default;
};

/** Points for one standard item. */
struct ItemResult {
  std::string itemId;
  std::string clause; ///< Clause reference in the standard.
  Category category = Category::Procedure;
  double maxPoints = 0.0;
  double awardedPoints = 0.0; ///< maxPoints minus its deductions, never below 0.

  friend bool operator==(const ItemResult&, const ItemResult&) = default;
};

/**
 * The scored outcome of one attempt: per item the awarded and maximum points, every deduction
 * with its evidence, the vetoes, the total and pass/fail against the pass mark. A vetoed attempt
 * fails whatever its total. Deterministic: the same events give an equal AttemptResult.
 */
struct AttemptResult {
  std::string scenarioId;
  std::string standardId;
  std::vector<ItemResult> items;
  std::vector<Deduction> deductions; ///< In tick order.
  std::vector<Veto> vetoes;          ///< In tick order.
  double totalPoints = 0.0;          ///< Sum of awarded points.
  double maxPoints = 0.0;            ///< Sum of item maxima.
  double passMark = 0.0;
  bool passed = false;    ///< totalPoints >= passMark and no veto.
  bool completed = false; ///< The attempt reached its end (not stopped early).
  std::uint64_t endTick = 0;
  double duration = 0.0; ///< s.
  /** Id of the highest standard level reached (passed, total >= its minPoints); empty if none. */
  std::string level;

  friend bool operator==(const AttemptResult&, const AttemptResult&) = default;
};

} // namespace skillsim::assessment
