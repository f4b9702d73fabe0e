#include "PhaseTracker.h"

namespace skillsim::assessment {

PhaseTracker::PhaseTracker(const std::vector<PhaseSpec>& phases) {
  mPhases.reserve(phases.size());
  for (const PhaseSpec& spec : phases) {
    mPhases.push_back(Phase{spec.id, TriggerState(spec.start), TriggerState(spec.end)});
  }
}

std::function<bool(const std::string&)> PhaseTracker::endedQuery() const {
  return [this](const std::string& id) { return ended(id); };
}

void PhaseTracker::process(const EventRef& ref, std::uint64_t tick) {
  auto endedFn = endedQuery();
  // Ends first, so that one event can end a phase and start the next (PhaseSpec).
  for (Phase& phase : mPhases) {
    if (phase.state == State::Active && phase.end.feed(ref, endedFn)) {
      phase.state = State::Ended;
      phase.endTick = tick;
    }
  }
  for (Phase& phase : mPhases) {
    if (phase.state == State::NotStarted && phase.start.feed(ref, endedFn)) {
      phase.state = State::Active;
      phase.startTick = tick;
    }
  }
}

void PhaseTracker::closeAll(std::uint64_t tick) {
  for (Phase& phase : mPhases) {
    if (phase.state == State::Active) {
      phase.state = State::Ended;
      phase.endTick = tick;
    }
  }
}

std::optional<std::size_t> PhaseTracker::indexOf(const std::string& id) const {
  for (std::size_t i = 0; i < mPhases.size(); ++i) {
    if (mPhases[i].id == id) {
      return i;
    }
  }
  return std::nullopt;
}

bool PhaseTracker::ended(const std::string& id) const {
  auto index = indexOf(id);
  return index && mPhases[*index].state == State::Ended;
}

} // namespace skillsim::assessment
