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
  Finding f = finding(FindingKind::ZoneSequence);
  f.subject = mParams.subject;
  f.other = mParams.zones[mNext];
  f.value = static_cast<double>(mNext);
  f.count = static_cast<std::uint32_t>(mNext);
  f.total = static_cast<std::uint32_t>(mParams.zones.size());
  sheet.deduct(mIndex, mSpec.points, obs, static_cast<double>(mNext), std::move(f));
}

} // namespace skillsim::assessment
