#include "EventCountCriterion.h"

namespace skillsim::assessment {

EventCountCriterion::EventCountCriterion(std::size_t index, const CriterionSpec& spec,
                                         std::optional<std::size_t> phase, std::uint32_t tickRate)
    : Criterion(index, spec, phase, tickRate) {
  mTrigger.emplace(std::get<EventCountParams>(spec.params).event);
}

bool EventCountCriterion::matches(const EventRef& ref, const PhaseTracker& phases) const {
  return mTrigger->matchesNow(ref, phases.endedQuery());
}

void EventCountCriterion::onEvent(const EventRef& ref, const Observation& obs, ScoreSheet& sheet,
                                  const PhaseTracker& phases) {
  if (!inPhase(phases) || !matches(ref, phases)) {
    return;
  }
  ++mCount;
  std::string what;
  glm::dvec3 position = obs.position;
  double measured = static_cast<double>(mCount);
  if (ref.event != nullptr) {
    const sim::SimEvent& e = *ref.event;
    what = std::string(e.kindName()) + " " + e.subject + "/" + e.other;
    position = e.position;
    if (e.kind == sim::SimEventKind::ContactBegin) {
      measured = e.value; // impulse of the contact, N s
    }
  } else {
    what = std::string(toString(ref.pseudo));
  }
  sheet.deductAt(mIndex, mSpec.points, obs, position, measured,
                 what + " (occurrence " + std::to_string(mCount) + ")");
}

} // namespace skillsim::assessment
