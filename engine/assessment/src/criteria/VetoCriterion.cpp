#include "VetoCriterion.h"

namespace skillsim::assessment {

VetoCriterion::VetoCriterion(std::size_t index, const CriterionSpec& spec,
                             std::optional<std::size_t> phase, std::uint32_t tickRate)
    : Criterion(index, spec, phase, tickRate), mEvent(std::get<VetoParams>(spec.params).event) {}

void VetoCriterion::onEvent(const EventRef& ref, const Observation& obs, ScoreSheet& sheet,
                            const PhaseTracker& phases) {
  if (mEvent.fired() || !inPhase(phases) || !mEvent.feed(ref, phases.endedQuery())) {
    return;
  }
  glm::dvec3 position = ref.event != nullptr ? ref.event->position : obs.position;
  std::string reason = mEvent.trigger().describe();
  if (ref.event != nullptr) {
    reason = std::string(ref.event->kindName()) + " " + ref.event->subject +
             (ref.event->other.empty() ? "" : "/" + ref.event->other) + " (value " +
             number(ref.event->value) + ")";
  }
  sheet.veto(mIndex, obs, position, reason);
}

} // namespace skillsim::assessment
