#include "TriggerState.h"

namespace skillsim::assessment {

bool TriggerState::matchesNow(const EventRef& ref,
                              const std::function<bool(const std::string&)>& afterEnded) const {
  bool kindMatches = ref.event != nullptr ? matchesEvent(mTrigger, *ref.event)
                                          : (!mTrigger.kind && mTrigger.pseudo == ref.pseudo &&
                                             ref.pseudo != PseudoEvent::None);
  if (!kindMatches) {
    return false;
  }
  return mTrigger.after.empty() || afterEnded(mTrigger.after);
}

bool TriggerState::feed(const EventRef& ref,
                        const std::function<bool(const std::string&)>& afterEnded) {
  if (mFired || !matchesNow(ref, afterEnded)) {
    return false;
  }
  ++mSeen;
  if (mSeen >= mTrigger.count) {
    mFired = true;
  }
  return mFired;
}

} // namespace skillsim::assessment
