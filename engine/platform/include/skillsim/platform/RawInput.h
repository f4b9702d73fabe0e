#pragma once

#include "skillsim/platform/Gamepad.h"
#include "skillsim/platform/Key.h"

#include <array>

namespace skillsim::platform {

/**
 * Everything the input devices said at one poll, as plain data: which keys are held and what
 * every gamepad slot reads. The GLFW poller fills it once per frame; tests write it by hand.
 * Key presses are found by InputMapper by comparing successive snapshots (the poller uses GLFW's
 * sticky keys, so a tap shorter than a frame still reads as held for one poll).
 */
struct RawInput {
  std::array<bool, kKeyCount> keys{};                ///< Held = true, indexed by Key.
  std::array<GamepadState, kMaxGamepads> gamepads{}; ///< Indexed by joystick slot 0..15.

  [[nodiscard]] bool key(Key k) const { return keys[static_cast<std::size_t>(k)]; }
  void setKey(Key k, bool held) { keys[static_cast<std::size_t>(k)] = held; }
};

} // namespace skillsim::platform
