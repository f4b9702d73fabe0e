#pragma once

#include "Criterion.h"

#include "../TriggerState.h"

namespace skillsim::assessment {

/** veto: the item's veto fires and the attempt stops at the first matching event (VetoParams). */
class VetoCriterion final : public Criterion {
public:
  VetoCriterion(std::size_t index, const CriterionSpec& spec, std::optional<std::size_t> phase,
                std::uint32_t tickRate);
  void onEvent(const EventRef& ref, const Observation& obs, ScoreSheet& sheet,
               const PhaseTracker& phases) override;

private:
  TriggerState mEvent;
};

} // namespace skillsim::assessment
