#pragma once

#include "Criterion.h"

namespace skillsim::assessment {

/** metric_band: the metric stays in [min, max] while the phase runs (MetricBandParams). */
class MetricBandCriterion final : public Criterion {
public:
  MetricBandCriterion(std::size_t index, const CriterionSpec& spec,
                      std::optional<std::size_t> phase, std::uint32_t tickRate);
  void bind(const sim::Metrics& metrics) override;
  void onTick(const Observation& obs, ScoreSheet& sheet, const PhaseTracker& phases) override;
  void onFinish(const Observation& obs, ScoreSheet& sheet, const PhaseTracker& phases) override;

private:
  /** Distance outside the band (> 0 outside; +inf for a non-finite value), 0 inside. */
  [[nodiscard]] double outside(double value) const;
  /** The finding of the excursion now ending or charged, lasting `seconds`. */
  [[nodiscard]] Finding excursion(double seconds) const;
  void closeExcursion(const Observation& obs, ScoreSheet& sheet);

  const MetricBandParams& mParams;
  std::size_t mMetric = 0;
  std::uint64_t mMinTicks = 0; ///< Excursions shorter than this are forgiven.
  bool mOut = false;
  bool mCharged = false;       ///< Per occurrence: this excursion already charged.
  std::uint64_t mOutTicks = 0; ///< Ticks spent outside in the current excursion.
  std::uint64_t mOutSince = 0;
  double mWorst = 0.0; ///< The value farthest outside in the current excursion.
  double mWorstDistance = -1.0;
  std::uint32_t mOccurrences = 0;
};

} // namespace skillsim::assessment
