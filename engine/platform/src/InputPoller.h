#pragma once

#include "skillsim/platform/RawInput.h"

#include <array>
#include <cstdint>

struct GLFWwindow;

namespace skillsim::platform {

/**
 * Reads the keyboard of one GLFW window and every joystick slot into a RawInput. The only input
 * code that knows GLFW; everything after it (InputMapper) is pure. Counts key-down events from
 * GLFW's key callback between polls (so five taps shorter than a frame are five presses), chaining
 * to the callback installed before it (Dear ImGui's), and turns on GLFW's sticky keys so a tap
 * also reads as held for one poll. Call poll() after glfwPollEvents(), once per frame, on the main
 * thread. One poller per window at a time (it takes the window's user pointer).
 */
class InputPoller {
public:
  /** `window` must outlive the poller; null, or a second live poller on it, is a contract
   * violation. */
  explicit InputPoller(GLFWwindow* window);
  /** Puts back the key callback and user pointer found at construction. */
  ~InputPoller();
  InputPoller(const InputPoller&) = delete;
  InputPoller& operator=(const InputPoller&) = delete;

  /** Overwrites `raw` with the current key and gamepad states and the presses since the last
   * poll, which it then clears. */
  void poll(RawInput& raw);

private:
  static void onKey(GLFWwindow* window, int key, int scancode, int action, int mods);

  GLFWwindow* mWindow;
  void (*mPreviousKeyCallback)(GLFWwindow*, int, int, int, int) = nullptr;
  std::array<std::uint8_t, kKeyCount> mPresses{};
  std::uint64_t mPolls = 0;
};

/** Delivers a key event to `window`'s current key callback as GLFW would (tests). */
void deliverKeyEvent(GLFWwindow* window, Key key, bool press);

/** The GLFW key code of a Key (GLFW_KEY_*). */
[[nodiscard]] int glfwKeyCode(Key key);

} // namespace skillsim::platform
