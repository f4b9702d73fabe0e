#pragma once

#include "Criterion.h"

#include "../TriggerState.h"

namespace skillsim::assessment {

/** placement: distance from the zone centre when the trigger fires; linear between a and b
 * (PlacementParams). */
class PlacementCriterion final : public Criterion {
public:
  PlacementCriterion(std::size_t index, const CriterionSpec& spec, std::optional<std::size_t> phase,
                     std::uint32_t tickRate);
  void bind(const sim::Metrics& metrics) override;
  void onEvent(const EventRef& ref, const Observation& obs, ScoreSheet& sheet,
               const PhaseTracker& phases) override;
  void onFinish(const Observation& obs, ScoreSheet& sheet, const PhaseTracker& phases) override;

private:
  const PlacementParams& mParams;
  TriggerState mAt;
  std::size_t mX = 0;
  std::size_t mZ = 0;
  bool mMeasured = false;
};

} // namespace skillsim::assessment
