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
  glm::dvec3 position = obs.position;
  double measured = static_cast<double>(mCount);
  Finding f = finding(FindingKind::Event);
  describeEvent(f, ref);
  f.occurrence = mCount;
  if (ref.event != nullptr) {
    const sim::SimEvent& e = *ref.event;
    position = e.position;
    if (e.kind == sim::SimEventKind::ContactBegin) {
      measured = e.value; // impulse of the contact, N s
      f.value = e.value;
      f.unit = impulseUnit();
    }
  }
  sheet.deductAt(mIndex, mSpec.points, obs, position, measured, std::move(f));
}

} // namespace skillsim::assessment
