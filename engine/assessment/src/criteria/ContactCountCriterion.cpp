#include "ContactCountCriterion.h"

#include <cmath>
#include <limits>

namespace skillsim::assessment {

ContactCountCriterion::ContactCountCriterion(std::size_t index, const CriterionSpec& spec,
                                             std::optional<std::size_t> phase,
                                             std::uint32_t tickRate)
    : Criterion(index, spec, phase, tickRate), mParams(std::get<ContactCountParams>(spec.params)) {
  mApartTicks = static_cast<std::uint64_t>(std::llround(mParams.apartTime * tickRate));
}

bool ContactCountCriterion::matches(const sim::SimEvent& e) const {
  if (e.kind != sim::SimEventKind::ContactBegin && e.kind != sim::SimEventKind::ContactEnd) {
    return false;
  }
  return (e.subject == mParams.subject && e.other == mParams.other) ||
         (e.subject == mParams.other && e.other == mParams.subject);
}

ContactCountCriterion::PairKey ContactCountCriterion::keyOf(const sim::SimEvent& e) {
  std::string a = e.subjectBody.empty() ? e.subject : e.subjectBody;
  std::string b = e.otherBody.empty() ? e.other : e.otherBody;
  if (b < a) {
    std::swap(a, b);
  }
  return {std::move(a), std::move(b)};
}

void ContactCountCriterion::onEvent(const EventRef& ref, const Observation& obs, ScoreSheet& sheet,
                                    const PhaseTracker& phases) {
  if (ref.event == nullptr || !matches(*ref.event)) {
    return;
  }
  const sim::SimEvent& e = *ref.event;
  const PairKey key = keyOf(e);
  auto it = mEpisodes.find(key);
  if (e.kind == sim::SimEventKind::ContactEnd) {
    if (it != mEpisodes.end() && it->second.rawOpen > 0) {
      --it->second.rawOpen;
    }
    return;
  }
  if (it != mEpisodes.end()) {
    // Still the same touch: the pair has not been clearly apart long enough since.
    ++it->second.rawOpen;
    it->second.apartTicks = 0;
    return;
  }
  if (!inPhase(phases)) {
    return; // a touch outside the criterion's phase is not its business
  }
  mEpisodes.emplace(key, Episode{1, 0});
  ++mCount;
  Finding f = finding(FindingKind::Contact, "N s");
  describeEvent(f, ref);
  f.value = e.value; // impulse of the contact
  f.occurrence = mCount;
  sheet.deductAt(mIndex, mSpec.points, obs, e.position, e.value, std::move(f));
}

void ContactCountCriterion::onTick(const Observation& obs, ScoreSheet& /*sheet*/,
                                   const PhaseTracker& /*phases*/) {
  for (auto it = mEpisodes.begin(); it != mEpisodes.end();) {
    Episode& episode = it->second;
    double gap = std::numeric_limits<double>::infinity();
    for (const sim::Proximity& p : obs.proximities) {
      if ((p.subjectBody == it->first.first && p.otherBody == it->first.second) ||
          (p.subjectBody == it->first.second && p.otherBody == it->first.first)) {
        gap = p.distance;
        break;
      }
    }
    const bool apart = episode.rawOpen == 0 && gap > mParams.separation;
    episode.apartTicks = apart ? episode.apartTicks + 1 : 0;
    if (apart && episode.apartTicks >= mApartTicks) {
      it = mEpisodes.erase(it); // clearly apart long enough: the next touch is a new one
    } else {
      ++it;
    }
  }
}

} // namespace skillsim::assessment
