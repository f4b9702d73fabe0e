#pragma once

#include "Criterion.h"

namespace skillsim::assessment {

/** time_limit: the NCCCO time rule on a phase (TimeLimitParams). */
class TimeLimitCriterion final : public Criterion {
public:
  TimeLimitCriterion(std::size_t index, const CriterionSpec& spec, std::optional<std::size_t> phase,
                     std::uint32_t tickRate);
  void onTick(const Observation& obs, ScoreSheet& sheet, const PhaseTracker& phases) override;
  void onFinish(const Observation& obs, ScoreSheet& sheet, const PhaseTracker& phases) override;

private:
  void judge(std::uint64_t elapsed, bool running, const Observation& obs, ScoreSheet& sheet);
  std::uint64_t mLimitTicks = 0; ///< T in ticks (>= 1).
  bool mDecided = false;
};

} // namespace skillsim::assessment
