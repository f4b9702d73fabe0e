#pragma once

#include "../TriggerState.h"
#include "Criterion.h"

#include <vector>

namespace skillsim::assessment {

/**
 * missing_end_signal: after phase `after` has ended, `grace` seconds at rest without the end
 * signal end the attempt (not completed) with one deduction of `points` (MissingEndSignalParams).
 */
class MissingEndSignalCriterion final : public Criterion {
public:
  MissingEndSignalCriterion(std::size_t index, const CriterionSpec& spec,
                            std::optional<std::size_t> phase, std::uint32_t tickRate);
  void bind(const sim::Metrics& metrics) override;
  void onEvent(const EventRef& ref, const Observation& obs, ScoreSheet& sheet,
               const PhaseTracker& phases) override;
  void onTick(const Observation& obs, ScoreSheet& sheet, const PhaseTracker& phases) override;

private:
  [[nodiscard]] bool atRest(const Observation& obs) const;

  const MissingEndSignalParams& mParams;
  TriggerState mSignal;
  std::vector<std::size_t> mRestMetrics;
  std::uint64_t mGraceTicks = 1;
  std::uint64_t mRestTicks = 0; ///< Ticks at rest in a row since `after` ended.
  bool mDone = false;           ///< The signal came, or the attempt was ended for want of it.
};

} // namespace skillsim::assessment
