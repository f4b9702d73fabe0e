#include "PlacementCriterion.h"

#include <cmath>

namespace skillsim::assessment {

PlacementCriterion::PlacementCriterion(std::size_t index, const CriterionSpec& spec,
                                       std::optional<std::size_t> phase, std::uint32_t tickRate)
    : Criterion(index, spec, phase, tickRate), mParams(std::get<PlacementParams>(spec.params)),
      mAt(mParams.at) {}

void PlacementCriterion::bind(const sim::Metrics& metrics) {
  mX = requireMetric(metrics, mParams.xMetric);
  mZ = requireMetric(metrics, mParams.zMetric);
}

void PlacementCriterion::onEvent(const EventRef& ref, const Observation& obs, ScoreSheet& sheet,
                                 const PhaseTracker& phases) {
  if (mMeasured || !inPhase(phases) || !mAt.feed(ref, phases.endedQuery())) {
    return;
  }
  mMeasured = true;
  double x = obs.metrics->get(mX);
  double z = obs.metrics->get(mZ);
  double error = std::hypot(x - mParams.centerX, z - mParams.centerZ);
  double a = mParams.fullWithin;
  double b = mParams.noneBeyond;
  double points = 0.0;
  if (!std::isfinite(error) || error >= b) {
    points = mSpec.points;
  } else if (error > a) {
    points = mSpec.points * (error - a) / (b - a);
  }
  Finding f = finding(FindingKind::Placement, "m");
  f.subject = mParams.body;
  f.other = mParams.zone;
  f.value = error;
  f.side = LimitSide::Above;
  f.limit = a;
  f.limit2 = b;
  sheet.deduct(mIndex, points, obs, error, std::move(f));
}

void PlacementCriterion::onFinish(const Observation& obs, ScoreSheet& sheet,
                                  const PhaseTracker& /*phases*/) {
  if (!mMeasured) {
    Finding f = finding(FindingKind::NotPlaced);
    describeTrigger(f, mParams.at);
    f.subject = mParams.body;
    f.other = mParams.zone;
    sheet.deduct(mIndex, mSpec.points, obs, 0.0, std::move(f));
  }
}

} // namespace skillsim::assessment
