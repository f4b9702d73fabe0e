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
  Finding f = finding(FindingKind::Veto);
  describeEvent(f, ref);
  if (ref.event != nullptr) {
    f.value = ref.event->value;
    if (ref.event->kind == sim::SimEventKind::ContactBegin) {
      f.unit = impulseUnit();
    }
  }
  sheet.veto(mIndex, obs, position, std::move(f));
}

} // namespace skillsim::assessment
