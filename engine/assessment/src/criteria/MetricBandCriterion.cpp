#include "MetricBandCriterion.h"

#include <cmath>
#include <limits>

namespace skillsim::assessment {

MetricBandCriterion::MetricBandCriterion(std::size_t index, const CriterionSpec& spec,
                                         std::optional<std::size_t> phase, std::uint32_t tickRate)
    : Criterion(index, spec, phase, tickRate), mParams(std::get<MetricBandParams>(spec.params)) {
  // An excursion must last at least minDuration: ceil, so 0.5 s at 240 Hz is 120 ticks.
  mMinTicks = static_cast<std::uint64_t>(std::ceil(mParams.minDuration * tickRate - 1e-9));
  if (mMinTicks == 0) {
    mMinTicks = 1;
  }
}

void MetricBandCriterion::bind(const sim::Metrics& metrics) {
  mMetric = requireMetric(metrics, mParams.metric);
}

double MetricBandCriterion::outside(double value) const {
  if (!std::isfinite(value)) {
    return std::numeric_limits<double>::infinity();
  }
  if (mParams.min && value < *mParams.min) {
    return *mParams.min - value;
  }
  if (mParams.max && value > *mParams.max) {
    return value - *mParams.max;
  }
  return 0.0;
}

void MetricBandCriterion::onTick(const Observation& obs, ScoreSheet& sheet,
                                 const PhaseTracker& phases) {
  if (!inPhase(phases)) {
    closeExcursion(obs, sheet);
    return;
  }
  double value = obs.metrics->get(mMetric);
  double distance = outside(value);
  if (!(distance > 0.0)) {
    closeExcursion(obs, sheet);
    return;
  }
  if (!mOut) {
    mOut = true;
    mCharged = false;
    mOutTicks = 0;
    mOutSince = obs.tick;
    mWorstDistance = -1.0;
  }
  ++mOutTicks;
  if (distance > mWorstDistance) {
    mWorstDistance = distance;
    mWorst = value;
  }
  if (mParams.mode == ChargeMode::PerOccurrence && !mCharged && mOutTicks >= mMinTicks) {
    mCharged = true;
    ++mOccurrences;
    sheet.deduct(mIndex, mSpec.points, obs, mWorst,
                 excursion(static_cast<double>(mOutTicks) / mTickRate));
  }
}

void MetricBandCriterion::closeExcursion(const Observation& obs, ScoreSheet& sheet) {
  if (!mOut) {
    return;
  }
  mOut = false;
  if (mParams.mode != ChargeMode::PerSecond || mOutTicks < mMinTicks) {
    return;
  }
  double seconds = static_cast<double>(mOutTicks) / mTickRate;
  ++mOccurrences;
  sheet.deduct(mIndex, mSpec.points * seconds, obs, mWorst, excursion(seconds));
}

Finding MetricBandCriterion::excursion(double seconds) const {
  Finding f = finding(FindingKind::MetricBand);
  f.metric = mParams.metric;
  f.unit = mParams.unit;
  f.value = mWorst;
  // The limit the worst value passed; a non-finite reading counts against the maximum if any.
  if (mParams.min && (mWorst < *mParams.min || !mParams.max)) {
    f.side = LimitSide::Below;
    f.limit = *mParams.min;
  } else {
    f.side = LimitSide::Above;
    f.limit = mParams.max.value_or(0.0);
  }
  f.duration = seconds;
  f.since = static_cast<double>(mOutSince) / mTickRate;
  f.occurrence = mOccurrences;
  return f;
}

void MetricBandCriterion::onFinish(const Observation& obs, ScoreSheet& sheet,
                                   const PhaseTracker& /*phases*/) {
  closeExcursion(obs, sheet);
}

} // namespace skillsim::assessment
