#pragma once

#include "Criterion.h"

#include "../TriggerState.h"

namespace skillsim::assessment {

/** required_before: `points` when `before` happens before `required` (RequiredBeforeParams). */
class RequiredBeforeCriterion final : public Criterion {
public:
  RequiredBeforeCriterion(std::size_t index, const CriterionSpec& spec,
                          std::optional<std::size_t> phase, std::uint32_t tickRate);
  void onEvent(const EventRef& ref, const Observation& obs, ScoreSheet& sheet,
               const PhaseTracker& phases) override;

private:
  TriggerState mRequired;
  TriggerState mBefore;
  bool mDecided = false;
};

} // namespace skillsim::assessment
