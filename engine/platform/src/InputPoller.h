#pragma once

#include "skillsim/platform/RawInput.h"

#include <array>
#include <cstdint>
#include <optional>

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

  /** The poller reading `window`, or null when none is (its user pointer). */
  [[nodiscard]] static InputPoller* of(GLFWwindow* window);
  /** Tests: `key` reads held from now until set false (besides what glfwGetKey says). */
  void setSimulatedHeld(Key key, bool held) {
    mSimulatedHeld[static_cast<std::size_t>(key)] = held;
  }
  /** Tests: joystick `slot` reads `state` instead of the device there; nullopt: the device. */
  void setSimulatedGamepad(int slot, std::optional<GamepadState> state);

private:
  static void onKey(GLFWwindow* window, int key, int scancode, int action, int mods);

  GLFWwindow* mWindow;
  void (*mPreviousKeyCallback)(GLFWwindow*, int, int, int, int) = nullptr;
  std::array<std::uint8_t, kKeyCount> mPresses{};
  std::uint64_t mPolls = 0;
  std::array<bool, kKeyCount> mSimulatedHeld{};
  std::array<std::optional<GamepadState>, kMaxGamepads> mSimulatedPads{};
};

/**
 * Delivers a key event to `window`'s current key callback as GLFW would (tests); the window's
 * poller, if any, then reads the key held from the press until the release.
 */
void deliverKeyEvent(GLFWwindow* window, Key key, bool press);

/**
 * Tests: moves the pointer to (`x`, `y`) in `window`'s client area (glfwSetCursorPos, which needs
 * the window focused) and delivers cursor-enter and cursor-position events to its current
 * callbacks as GLFW would.
 */
void deliverMouseMove(GLFWwindow* window, double x, double y);

/**
 * Tests: delivers a left-button press or release to `window`'s current mouse-button callback, and
 * holds the button down from a press to the release (simulatedLeftButtonHeld).
 */
void deliverMouseButtonEvent(GLFWwindow* window, bool press);

/**
 * Tests: whether a simulated left button is held down in `window` (pressed, not yet released).
 * Dear ImGui 1.86's GLFW backend reads the button's state each frame from glfwGetMouseButton,
 * which knows only the window system's buttons, so without this a simulated press lasts one
 * frame and a drag cannot be simulated (Window::newImGuiPlatformFrame holds it down).
 */
[[nodiscard]] bool simulatedLeftButtonHeld(GLFWwindow* window);

/** The GLFW key code of a Key (GLFW_KEY_*). */
[[nodiscard]] int glfwKeyCode(Key key);

} // namespace skillsim::platform
