#include "skillsim/platform/Gamepad.h"

#include <algorithm>

namespace skillsim::platform {
namespace {

constexpr std::array<std::string_view, kGamepadAxisCount> kAxisNames = {
    "left_x", "left_y", "right_x", "right_y", "left_trigger", "right_trigger"};

constexpr std::array<std::string_view, kGamepadButtonCount> kButtonNames = {
    "a",          "b",         "x",        "y",          "left_bumper", "right_bumper",
    "back",       "start",     "guide",    "left_thumb", "right_thumb", "dpad_up",
    "dpad_right", "dpad_down", "dpad_left"};

} // namespace

std::string_view gamepadAxisName(GamepadAxis axis) {
  return kAxisNames.at(static_cast<std::size_t>(axis));
}

std::string_view gamepadButtonName(GamepadButton button) {
  return kButtonNames.at(static_cast<std::size_t>(button));
}

std::optional<GamepadAxis> gamepadAxisFromName(std::string_view name) {
  auto it = std::find(kAxisNames.begin(), kAxisNames.end(), name);
  if (it == kAxisNames.end()) {
    return std::nullopt;
  }
  return static_cast<GamepadAxis>(it - kAxisNames.begin());
}

std::optional<GamepadButton> gamepadButtonFromName(std::string_view name) {
  auto it = std::find(kButtonNames.begin(), kButtonNames.end(), name);
  if (it == kButtonNames.end()) {
    return std::nullopt;
  }
  return static_cast<GamepadButton>(it - kButtonNames.begin());
}

} // namespace skillsim::platform
