#pragma once

#include "Criterion.h"

namespace skillsim::assessment {

/** forbidden_action: `points` each time the forbidden condition starts while the phase runs
 * (ForbiddenActionParams). */
class ForbiddenActionCriterion final : public Criterion {
public:
  ForbiddenActionCriterion(std::size_t index, const CriterionSpec& spec,
                           std::optional<std::size_t> phase, std::uint32_t tickRate);
  void bind(const sim::Metrics& metrics) override;
  void onTick(const Observation& obs, ScoreSheet& sheet, const PhaseTracker& phases) override;

private:
  const ForbiddenActionParams& mParams;
  std::size_t mMetric = 0;
  bool mWasOn = false;    ///< Above/Below: condition held last tick (within the phase).
  int mHeld = 0;          ///< Reverses: the direction held since the phase began, 0 = none yet.
  bool mReversed = false; ///< Reverses: moving against mHeld now (charged once per turn away).
  std::uint32_t mOccurrences = 0;
};

} // namespace skillsim::assessment
