#pragma once

#include "Observation.h"
#include "skillsim/assessment/Rubric.h"

#include <cstdint>
#include <functional>

namespace skillsim::assessment {

/**
 * Counts the matches of one Trigger. `feed` answers whether this event is the count-th match
 * (true once); `matchesNow` answers whether it matches at all (for counting every match).
 * `afterEnded` tells whether the trigger's `after` phase has ended.
 */
class TriggerState {
public:
  explicit TriggerState(Trigger trigger) : mTrigger(std::move(trigger)) {}

  /** True when `ref` matches kind, subject, other and the after condition. */
  [[nodiscard]] bool matchesNow(const EventRef& ref,
                                const std::function<bool(const std::string&)>& afterEnded) const;
  /** Counts a match; true exactly when the count-th match happens. */
  bool feed(const EventRef& ref, const std::function<bool(const std::string&)>& afterEnded);
  [[nodiscard]] bool fired() const { return mFired; }
  [[nodiscard]] const Trigger& trigger() const { return mTrigger; }

private:
  Trigger mTrigger;
  std::uint32_t mSeen = 0;
  bool mFired = false;
};

} // namespace skillsim::assessment
