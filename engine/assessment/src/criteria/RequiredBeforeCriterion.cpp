#include "RequiredBeforeCriterion.h"

namespace skillsim::assessment {

RequiredBeforeCriterion::RequiredBeforeCriterion(std::size_t index, const CriterionSpec& spec,
                                                 std::optional<std::size_t> phase,
                                                 std::uint32_t tickRate)
    : Criterion(index, spec, phase, tickRate),
      mRequired(std::get<RequiredBeforeParams>(spec.params).required),
      mBefore(std::get<RequiredBeforeParams>(spec.params).before) {}

void RequiredBeforeCriterion::onEvent(const EventRef& ref, const Observation& obs,
                                      ScoreSheet& sheet, const PhaseTracker& phases) {
  if (mDecided || !inPhase(phases)) {
    return;
  }
  auto ended = phases.endedQuery();
  if (mRequired.feed(ref, ended)) {
    mDecided = true; // done in the right order
    return;
  }
  if (mBefore.feed(ref, ended)) {
    mDecided = true;
    Finding f = finding(FindingKind::OutOfOrder, "s");
    describeTrigger(f, mBefore.trigger());
    Finding required;
    describeTrigger(required, mRequired.trigger());
    f.expected = required.event;
    f.value = obs.time;
    sheet.deduct(mIndex, mSpec.points, obs, obs.time, std::move(f));
  }
}

} // namespace skillsim::assessment
