#include "EndStateCriterion.h"

#include <algorithm>

namespace skillsim::assessment {

EndStateCriterion::EndStateCriterion(std::size_t index, const CriterionSpec& spec,
                                     std::optional<std::size_t> phase, std::uint32_t tickRate)
    : Criterion(index, spec, phase, tickRate), mParams(std::get<EndStateParams>(spec.params)) {}

void EndStateCriterion::bind(const sim::Metrics& metrics) {
  if (mParams.check != EndStateCheck::ControlsNeutral) {
    mMetric = requireMetric(metrics, mParams.metric);
  }
}

void EndStateCriterion::onFinish(const Observation& obs, ScoreSheet& sheet,
                                 const PhaseTracker& /*phases*/) {
  if (obs.actions == nullptr || obs.metrics == nullptr) {
    // Nothing was observed: the end state cannot be shown, so it is not granted.
    sheet.deduct(mIndex, mSpec.points, obs, 0.0, finding(FindingKind::EndNotObserved));
    return;
  }
  switch (mParams.check) {
  case EndStateCheck::ControlsNeutral:
    if (!obs.actions->neutral()) {
      double largest = 0.0;
      for (float a : obs.actions->axes) {
        largest = std::max(largest, static_cast<double>(a < 0 ? -a : a));
      }
      Finding f = finding(FindingKind::ControlsNotNeutral);
      f.value = largest;
      sheet.deduct(mIndex, mSpec.points, obs, largest, std::move(f));
    }
    return;
  case EndStateCheck::MetricAtLeast:
  case EndStateCheck::MetricAtMost: {
    double value = obs.metrics->get(mMetric);
    bool atLeast = mParams.check == EndStateCheck::MetricAtLeast;
    bool ok = atLeast ? value >= mParams.threshold : value <= mParams.threshold;
    if (!ok) {
      Finding f = finding(FindingKind::EndMetric);
      f.metric = mParams.metric;
      f.unit = mParams.unit;
      f.value = value;
      f.side = atLeast ? LimitSide::Below : LimitSide::Above;
      f.limit = mParams.threshold;
      sheet.deduct(mIndex, mSpec.points, obs, value, std::move(f));
    }
    return;
  }
  }
}

} // namespace skillsim::assessment
