#include "skillsim/core/ActionTrack.h"

#include <algorithm>

namespace skillsim::core {

ActionTrack::ActionTrack(std::span<const ActionState> ticks) {
  for (const ActionState& s : ticks) {
    push_back(s);
  }
}

const ActionState& ActionTrack::operator[](std::size_t tick) const {
  // The last run whose first tick is <= tick.
  auto it = std::upper_bound(mRuns.begin(), mRuns.end(), static_cast<std::uint64_t>(tick),
                             [](std::uint64_t t, const Run& r) { return t < r.first; });
  return std::prev(it)->state;
}

void ActionTrack::append(const ActionState& state, std::uint64_t count) {
  if (count == 0) {
    return;
  }
  if (mRuns.empty() || !(mRuns.back().state == state)) {
    mRuns.push_back(Run{.first = mSize, .state = state});
  }
  mSize += static_cast<std::size_t>(count);
}

std::vector<ActionState> ActionTrack::toVector() const {
  std::vector<ActionState> out;
  out.reserve(mSize);
  for (const ActionState& s : *this) {
    out.push_back(s);
  }
  return out;
}

ActionTrack::const_iterator& ActionTrack::const_iterator::operator++() {
  ++mTick;
  if (mRun + 1 < mTrack->mRuns.size() && mTick >= mTrack->mRuns[mRun + 1].first) {
    ++mRun;
  }
  return *this;
}

} // namespace skillsim::core
