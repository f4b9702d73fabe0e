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
    mSign = 0;
    return;
  }
  double value = mParams.axisSlot ? static_cast<double>(obs.actions->axis(*mParams.axisSlot))
                                  : obs.metrics->get(mMetric);
  std::string name = mParams.axisSlot ? mParams.axisId + " control" : mParams.metric;
  bool occurred = false;
  std::string what;
  if (mParams.when == ForbiddenWhen::Reverses) {
    int sign = 0;
    if (value > mParams.deadBand) {
      sign = 1;
    } else if (value < -mParams.deadBand) {
      sign = -1;
    }
    if (sign != 0) {
      occurred = mSign != 0 && sign != mSign;
      mSign = sign;
    }
    what = name + " reversed to " + number(value);
  } else {
    bool on = mParams.when == ForbiddenWhen::Above ? value > mParams.threshold
                                                   : value < mParams.threshold;
    if (!std::isfinite(value)) {
      on = true;
    }
    occurred = on && !mWasOn;
    mWasOn = on;
    what = name + " " + number(value) +
           (mParams.when == ForbiddenWhen::Above ? " above " : " below ") +
           number(mParams.threshold);
  }
  if (occurred) {
    ++mOccurrences;
    sheet.deduct(mIndex, mSpec.points, obs, value,
                 what + " (occurrence " + std::to_string(mOccurrences) + ")");
  }
}

} // namespace skillsim::assessment
