#pragma once

#include "Criterion.h"

namespace skillsim::assessment {

/** end_state: checked once when the attempt ends (EndStateParams). */
class EndStateCriterion final : public Criterion {
public:
  EndStateCriterion(std::size_t index, const CriterionSpec& spec, std::optional<std::size_t> phase,
                    std::uint32_t tickRate);
  void bind(const sim::Metrics& metrics) override;
  void onFinish(const Observation& obs, ScoreSheet& sheet, const PhaseTracker& phases) override;

private:
  const EndStateParams& mParams;
  std::size_t mMetric = 0;
};

} // namespace skillsim::assessment
