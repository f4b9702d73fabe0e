#include "ForbiddenActionCriterion.h"

#include <cmath>

namespace skillsim::assessment {

ForbiddenActionCriterion::ForbiddenActionCriterion(std::size_t index, const CriterionSpec& spec,
                                                   std::optional<std::size_t> phase,
                                                   std::uint32_t tickRate)
    : Criterion(index, spec, phase, tickRate),
      mParams(std::get<ForbiddenActionParams>(spec.params)) {}

void ForbiddenActionCriterion::bind(const sim::Metrics& metrics) {
  if (!mParams.axisSlot) {
    mMetric = requireMetric(metrics, mParams.metric);
  }
}

void ForbiddenActionCriterion::onTick(const Observation& obs, ScoreSheet& sheet,
                                      const PhaseTracker& phases) {
  if (!inPhase(phases)) {
    // Each run of the phase starts afresh.
    mWasOn = false;
    mHeld = 0;
    mReversed = false;
    return;
  }
  double value = mParams.axisSlot ? static_cast<double>(obs.actions->axis(*mParams.axisSlot))
                                  : obs.metrics->get(mMetric);
  bool occurred = false;
  Finding f = finding(FindingKind::ForbiddenAction);
  if (mParams.axisSlot) {
    f.control = mParams.axisId; // an axis control's value, -1..1, no unit
  } else {
    f.metric = mParams.metric;
    f.unit = mParams.unit;
  }
  f.value = value;
  if (mParams.when == ForbiddenWhen::Reverses) {
    int sign = 0;
    if (value > mParams.deadBand) {
      sign = 1;
    } else if (value < -mParams.deadBand) {
      sign = -1;
    }
    // A reversal is a change from the direction held since the phase began: backing off and then
    // going on the held way again is one fault, not two (docs/scenario-format.md).
    if (sign != 0 && mHeld == 0) {
      mHeld = sign;
    } else if (sign != 0) {
      const bool against = sign != mHeld;
      occurred = against && !mReversed;
      mReversed = against;
    }
    f.side = LimitSide::Reversed;
    f.limit = mParams.deadBand;
  } else {
    bool on = mParams.when == ForbiddenWhen::Above ? value > mParams.threshold
                                                   : value < mParams.threshold;
    if (!std::isfinite(value)) {
      on = true;
    }
    occurred = on && !mWasOn;
    mWasOn = on;
    f.side = mParams.when == ForbiddenWhen::Above ? LimitSide::Above : LimitSide::Below;
    f.limit = mParams.threshold;
  }
  if (occurred) {
    ++mOccurrences;
    f.occurrence = mOccurrences;
    sheet.deduct(mIndex, mSpec.points, obs, value, std::move(f));
  }
}

} // namespace skillsim::assessment
