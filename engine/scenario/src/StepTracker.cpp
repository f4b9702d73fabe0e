#include "skillsim/scenario/StepTracker.h"

namespace skillsim::scenario {

StepTracker::StepTracker(std::vector<TaskStep> steps) : mSteps(std::move(steps)) {}

void StepTracker::observe(std::span<const sim::SimEvent> events, const PhaseEnded& phaseEnded) {
  for (const sim::SimEvent& event : events) {
    if (allDone()) {
      return;
    }
    const assessment::Trigger& done = mSteps[mCurrent].done;
    if (!assessment::matchesEvent(done, event)) {
      continue;
    }
    if (!done.after.empty() && !(phaseEnded && phaseEnded(done.after))) {
      continue;
    }
    if (++mMatches < done.count) {
      continue;
    }
    mDoneTicks.push_back(event.tick);
    ++mCurrent;
    mMatches = 0;
  }
}

std::optional<std::string> StepTracker::currentTarget() const {
  if (allDone() || mSteps[mCurrent].target.empty()) {
    return std::nullopt;
  }
  return mSteps[mCurrent].target;
}

} // namespace skillsim::scenario
