#pragma once

#include "skillsim/platform/Gamepad.h"
#include "skillsim/platform/Key.h"

#include <array>
#include <cstdint>

namespace skillsim::platform {

/**
 * Everything the input devices said at one poll, as plain data: which keys are held, how often
 * each was pressed since the previous poll, and what every gamepad slot reads. The GLFW poller
 * fills it once per frame; tests write it by hand. Key presses reach InputMapper as these counts
 * (from GLFW's key callback, so five taps shorter than a frame are five presses) and, for
 * snapshots without counts, as a key found held that was not held in the previous snapshot.
 */
struct RawInput {
  std::array<bool, kKeyCount> keys{}; ///< Held = true, indexed by Key.
  /** Key-down events since the previous poll, indexed by Key (saturates at 255). */
  std::array<std::uint8_t, kKeyCount> presses{};
  std::array<GamepadState, kMaxGamepads> gamepads{}; ///< Indexed by joystick slot 0..15.
  /**
   * Which poll this is (the poller counts from 1); InputMapper adds a snapshot's presses once
   * however many ticks it maps. 0 = a hand-made snapshot: every map() call takes it as new.
   */
  std::uint64_t pollIndex = 0;

  [[nodiscard]] bool key(Key k) const { return keys[static_cast<std::size_t>(k)]; }
  void setKey(Key k, bool held) { keys[static_cast<std::size_t>(k)] = held; }
  /** Presses of `k` since the previous poll. */
  [[nodiscard]] int pressCount(Key k) const { return presses[static_cast<std::size_t>(k)]; }
};

} // namespace skillsim::platform
