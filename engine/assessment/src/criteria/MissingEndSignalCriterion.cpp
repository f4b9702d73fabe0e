#include "MissingEndSignalCriterion.h"

#include <skillsim/core/Check.h>

#include <cmath>

namespace skillsim::assessment {

MissingEndSignalCriterion::MissingEndSignalCriterion(std::size_t index, const CriterionSpec& spec,
                                                     std::optional<std::size_t> phase,
                                                     std::uint32_t tickRate)
    : Criterion(index, spec, phase, tickRate),
      mParams(std::get<MissingEndSignalParams>(spec.params)), mSignal(mParams.signal) {
  mGraceTicks = static_cast<std::uint64_t>(std::llround(mParams.grace * tickRate));
  SKILLSIM_CHECK(mGraceTicks >= 1, "grace of criterion '" + spec.id + "' under one tick");
  SKILLSIM_CHECK(!mParams.after.empty(), "criterion '" + spec.id + "' waits after no phase");
}

void MissingEndSignalCriterion::bind(const sim::Metrics& metrics) {
  for (const std::string& name : mParams.restMetrics) {
    mRestMetrics.push_back(requireMetric(metrics, name));
  }
}

void MissingEndSignalCriterion::onEvent(const EventRef& ref, const Observation& /*obs*/,
                                        ScoreSheet& /*sheet*/, const PhaseTracker& phases) {
  if (!mDone && mSignal.feed(ref, phases.endedQuery())) {
    mDone = true; // the signal came: the attempt ends completed, nothing to charge
  }
}

bool MissingEndSignalCriterion::atRest(const Observation& obs) const {
  if (obs.actions == nullptr || obs.metrics == nullptr || !obs.actions->neutral()) {
    return false;
  }
  for (std::size_t index : mRestMetrics) {
    const double value = obs.metrics->get(index);
    if (!(std::abs(value) <= mParams.restTolerance)) {
      return false; // moving (or not finite)
    }
  }
  return true;
}

void MissingEndSignalCriterion::onTick(const Observation& obs, ScoreSheet& sheet,
                                       const PhaseTracker& phases) {
  if (mDone || !phases.ended(mParams.after)) {
    return;
  }
  mRestTicks = atRest(obs) ? mRestTicks + 1 : 0;
  if (mRestTicks < mGraceTicks) {
    return;
  }
  mDone = true;
  Finding f = finding(FindingKind::MissingEndSignal, "s");
  describeTrigger(f, mParams.signal);
  f.phase = mParams.after;
  f.duration = mParams.grace;
  f.value = mParams.grace;
  sheet.deduct(mIndex, mSpec.points, obs, mParams.grace, std::move(f));
  sheet.stop();
}

} // namespace skillsim::assessment
