#include "skillsim/core/ActionState.h"

#include <algorithm>
#include <cmath>

namespace skillsim::core {
namespace {

constexpr std::array<std::string_view, kAxisCount> kAxisNames = {
    "bridge_travel", "trolley_travel", "hoist",  "drive",  "steer",  "lift",  "tilt",
    "joint1",        "joint2",         "joint3", "joint4", "joint5", "joint6"};

constexpr std::array<std::string_view, kButtonCount> kButtonNames = {
    "horn", "emergency_stop", "attach", "release", "parking_brake", "enable", "gripper"};

} // namespace

std::string_view axisName(Axis axis) { return kAxisNames.at(static_cast<std::size_t>(axis)); }

std::string_view buttonName(Button button) {
  return kButtonNames.at(static_cast<std::size_t>(button));
}

std::optional<Axis> axisFromName(std::string_view name) {
  auto it = std::find(kAxisNames.begin(), kAxisNames.end(), name);
  if (it == kAxisNames.end()) {
    return std::nullopt;
  }
  return static_cast<Axis>(it - kAxisNames.begin());
}

std::optional<Button> buttonFromName(std::string_view name) {
  auto it = std::find(kButtonNames.begin(), kButtonNames.end(), name);
  if (it == kButtonNames.end()) {
    return std::nullopt;
  }
  return static_cast<Button>(it - kButtonNames.begin());
}

void ActionState::setAxis(Axis a, float value) {
  if (std::isnan(value)) {
    value = 0.0f;
  }
  axes[static_cast<std::size_t>(a)] = std::clamp(value, -1.0f, 1.0f);
}

void ActionState::setButton(Button b, bool held) {
  const std::uint32_t bit = 1u << static_cast<unsigned>(b);
  buttons = held ? (buttons | bit) : (buttons & ~bit);
}

bool ActionState::neutral() const {
  return std::all_of(axes.begin(), axes.end(), [](float v) { return v == 0.0f; });
}

} // namespace skillsim::core
