#include "EventCountCriterion.h"

namespace skillsim::assessment {

EventCountCriterion::EventCountCriterion(std::size_t index, const CriterionSpec& spec,
                                         std::optional<std::size_t> phase, std::uint32_t tickRate)
    : Criterion(index, spec, phase, tickRate) {
  if (const auto* params = std::get_if<EventCountParams>(&spec.params)) {
    mTrigger.emplace(params->event);
  }
}

bool EventCountCriterion::matches(const EventRef& ref, const PhaseTracker& phases) const {
  if (mTrigger) {
    return mTrigger->matchesNow(ref, phases.endedQuery());
  }
  const auto& params = std::get<ContactCountParams>(mSpec.params);
  if (ref.event == nullptr || ref.event->kind != sim::SimEventKind::ContactBegin) {
    return false;
  }
  const sim::SimEvent& e = *ref.event;
  return (e.subject == params.subject && e.other == params.other) ||
         (e.subject == params.other && e.other == params.subject);
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
