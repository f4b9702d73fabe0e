#include "skillsim/core/ActionState.h"

#include "skillsim/core/Check.h"

#include <algorithm>
#include <cmath>

namespace skillsim::core {

void ActionState::setAxis(std::size_t slot, float value) {
  SKILLSIM_CHECK(slot < kMaxAxes, "axis slot out of range");
  if (std::isnan(value)) {
    value = 0.0f;
  }
  axes[slot] = std::clamp(value, -1.0f, 1.0f);
}

void ActionState::setButton(std::size_t bit, bool held) {
  SKILLSIM_CHECK(bit < kMaxButtons, "button bit out of range");
  const std::uint32_t mask = 1u << bit;
  buttons = held ? (buttons | mask) : (buttons & ~mask);
}

bool ActionState::neutral() const {
  return std::all_of(axes.begin(), axes.end(), [](float v) { return v == 0.0f; });
}

} // namespace skillsim::core
