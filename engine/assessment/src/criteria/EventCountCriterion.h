#pragma once

#include "../TriggerState.h"
#include "Criterion.h"

namespace skillsim::assessment {

/** event_count: `points` per matching event while the phase runs, up to the criterion's cap. */
class EventCountCriterion final : public Criterion {
public:
  EventCountCriterion(std::size_t index, const CriterionSpec& spec,
                      std::optional<std::size_t> phase, std::uint32_t tickRate);
  void onEvent(const EventRef& ref, const Observation& obs, ScoreSheet& sheet,
               const PhaseTracker& phases) override;

private:
  [[nodiscard]] bool matches(const EventRef& ref, const PhaseTracker& phases) const;
  std::optional<TriggerState> mTrigger;
  std::uint32_t mCount = 0;
};

} // namespace skillsim::assessment
