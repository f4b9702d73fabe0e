#include "TimeLimitCriterion.h"

#include <skillsim/core/Check.h>

#include <cmath>

namespace skillsim::assessment {

TimeLimitCriterion::TimeLimitCriterion(std::size_t index, const CriterionSpec& spec,
                                       std::optional<std::size_t> phase, std::uint32_t tickRate)
    : Criterion(index, spec, phase, tickRate) {
  double limit = std::get<TimeLimitParams>(spec.params).limit;
  mLimitTicks = static_cast<std::uint64_t>(std::llround(limit * tickRate));
  SKILLSIM_CHECK(mLimitTicks >= 1, "time limit of criterion '" + spec.id + "' under one tick");
}

void TimeLimitCriterion::judge(std::uint64_t elapsed, bool running, const Observation& obs,
                               ScoreSheet& sheet) {
  // Whole ticks, so that exactly T and exactly 1.5 T are exact: 2 e >= 3 T means e >= 1.5 T.
  double seconds = static_cast<double>(elapsed) / mTickRate;
  double limit = static_cast<double>(mLimitTicks) / mTickRate;
  if (2 * elapsed >= 3 * mLimitTicks) {
    mDecided = true;
    Finding f = finding(FindingKind::TimeStopped, "s");
    f.value = seconds;
    f.side = LimitSide::Above;
    f.limit = limit;
    f.limit2 = 1.5 * limit;
    sheet.deductAllOfItem(mIndex, obs, seconds, std::move(f));
    sheet.stop();
    return;
  }
  if (running) {
    return;
  }
  mDecided = true;
  if (elapsed <= mLimitTicks) {
    return;
  }
  double over = static_cast<double>(elapsed - mLimitTicks);
  double points = mSpec.points * 2.0 * over / static_cast<double>(mLimitTicks);
  Finding f = finding(FindingKind::TimeOver, "s");
  f.value = seconds;
  f.side = LimitSide::Above;
  f.limit = limit;
  sheet.deduct(mIndex, points, obs, seconds, std::move(f));
}

void TimeLimitCriterion::onTick(const Observation& obs, ScoreSheet& sheet,
                                const PhaseTracker& phases) {
  if (mDecided || !mPhase) {
    return;
  }
  auto state = phases.state(*mPhase);
  if (state == PhaseTracker::State::Active) {
    judge(obs.tick - phases.startTick(*mPhase), true, obs, sheet);
  } else if (state == PhaseTracker::State::Ended) {
    judge(phases.endTick(*mPhase) - phases.startTick(*mPhase), false, obs, sheet);
  }
}

void TimeLimitCriterion::onFinish(const Observation& obs, ScoreSheet& sheet,
                                  const PhaseTracker& phases) {
  if (!mDecided && mPhase && phases.state(*mPhase) == PhaseTracker::State::Ended) {
    judge(phases.endTick(*mPhase) - phases.startTick(*mPhase), false, obs, sheet);
  }
}

} // namespace skillsim::assessment
