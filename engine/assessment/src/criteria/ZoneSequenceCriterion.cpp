#include "ZoneSequenceCriterion.h"

namespace skillsim::assessment {

ZoneSequenceCriterion::ZoneSequenceCriterion(std::size_t index, const CriterionSpec& spec,
                                             std::optional<std::size_t> phase,
                                             std::uint32_t tickRate)
    : Criterion(index, spec, phase, tickRate), mParams(std::get<ZoneSequenceParams>(spec.params)) {}

void ZoneSequenceCriterion::onEvent(const EventRef& ref, const Observation& /*obs*/,
                                    ScoreSheet& /*sheet*/, const PhaseTracker& phases) {
  if (ref.event == nullptr || ref.event->kind != sim::SimEventKind::ZoneEnter ||
      mNext >= mParams.zones.size() || !inPhase(phases)) {
    return;
  }
  if (!mParams.subject.empty() && ref.event->subject != mParams.subject) {
    return;
  }
  if (ref.event->other == mParams.zones[mNext]) {
    ++mNext;
  }
}

void ZoneSequenceCriterion::onFinish(const Observation& obs, ScoreSheet& sheet,
                                     const PhaseTracker& /*phases*/) {
  if (mNext >= mParams.zones.size()) {
    return;
  }
  sheet.deduct(mIndex, mSpec.points, obs, static_cast<double>(mNext),
               "visited " + std::to_string(mNext) + " of " + std::to_string(mParams.zones.size()) +
                   " zones in order; next expected '" + mParams.zones[mNext] + "'");
}

} // namespace skillsim::assessment
