#pragma once

#include "Criterion.h"

namespace skillsim::assessment {

/** zone_sequence: the zones must be entered in order; all `points` lost when the sequence is
 * incomplete at the end (ZoneSequenceParams). */
class ZoneSequenceCriterion final : public Criterion {
public:
  ZoneSequenceCriterion(std::size_t index, const CriterionSpec& spec,
                        std::optional<std::size_t> phase, std::uint32_t tickRate);
  void onEvent(const EventRef& ref, const Observation& obs, ScoreSheet& sheet,
               const PhaseTracker& phases) override;
  void onFinish(const Observation& obs, ScoreSheet& sheet, const PhaseTracker& phases) override;

private:
  const ZoneSequenceParams& mParams;
  std::size_t mNext = 0;
};

} // namespace skillsim::assessment
