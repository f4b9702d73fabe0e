#pragma once

#include "Observation.h"
#include "skillsim/assessment/AttemptResult.h"
#include "skillsim/assessment/Rubric.h"
#include "skillsim/assessment/Standard.h"

#include <string>
#include <string_view>
#include <vector>

namespace skillsim::assessment {

/** criterionId of the veto every faulted attempt gets when its rubric declares none. */
inline constexpr std::string_view kSimulationFaultCriterion = "simulation_fault";

/**
 * The running tally: points left per item, every deduction and veto with its evidence, and whether
 * the attempt has been stopped. A deduction never takes an item below 0 nor a criterion beyond
 * its cap; the points recorded are those actually taken, and a deduction of 0 is not recorded.
 */
class ScoreSheet {
public:
  ScoreSheet(const Standard& standard, const Rubric& rubric);

  /** Deducts up to `points` for criterion `criterion`; returns the points actually taken. */
  double deduct(std::size_t criterion, double points, const Observation& at, double measured,
                Finding finding);
  /** Same, at an explicit position (an event's). */
  double deductAt(std::size_t criterion, double points, const Observation& at,
                  const glm::dvec3& position, double measured, Finding finding);
  /** Takes every point left of the criterion's item, ignoring the criterion's cap. */
  double deductAllOfItem(std::size_t criterion, const Observation& at, double measured,
                         Finding finding);
  /** Records a veto of the criterion's item and stops the attempt. */
  void veto(std::size_t criterion, const Observation& at, const glm::dvec3& position,
            Finding finding);
  /**
   * Records the veto every attempt gets when the simulation faulted (a physics_fault event: a
   * non-finite or exploding body, sim::Simulation::fault) and stops the attempt: a run the
   * physics could not carry is no evidence of the trainee's skill, so it fails with the reason
   * "simulation fault" and no score is claimed from it. Not tied to a rubric criterion or item
   * (criterionId kSimulationFaultCriterion, itemId empty); takes no points.
   */
  void simulationFaultVeto(const Observation& at, const sim::SimEvent& fault);
  /** Stops the attempt (not completed). */
  void stop() { mStopped = true; }

  [[nodiscard]] bool stopped() const { return mStopped; }
  [[nodiscard]] double total() const;
  [[nodiscard]] double maxTotal() const;
  [[nodiscard]] const std::vector<Deduction>& deductions() const { return mDeductions; }
  [[nodiscard]] const std::vector<Veto>& vetoes() const { return mVetoes; }
  [[nodiscard]] std::vector<ItemResult> itemResults() const;

private:
  double take(std::size_t criterion, double points, bool ignoreCap, const Observation& at,
              const glm::dvec3& position, double measured, Finding finding);

  const Standard& mStandard;
  const Rubric& mRubric;
  std::vector<double> mItemLeft;           ///< Per standard item.
  std::vector<std::size_t> mCriterionItem; ///< Criterion -> item index.
  std::vector<double> mCriterionTaken;     ///< Per criterion.
  std::vector<Deduction> mDeductions;
  std::vector<Veto> mVetoes;
  bool mStopped = false;
};

} // namespace skillsim::assessment
