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
  sheet.deduct(mIndex, points, obs, error,
               mParams.body + " placed " + number(error) + " m from the centre of " + mParams.zone +
                   " (full marks within " + number(a) + " m, none beyond " + number(b) + " m)");
}

void PlacementCriterion::onFinish(const Observation& obs, ScoreSheet& sheet,
                                  const PhaseTracker& /*phases*/) {
  if (!mMeasured) {
    sheet.deduct(mIndex, mSpec.points, obs, 0.0,
                 mParams.body + " never placed in " + mParams.zone + " (" + mParams.at.describe() +
                     " did not happen)");
  }
}

} // namespace skillsim::assessment
