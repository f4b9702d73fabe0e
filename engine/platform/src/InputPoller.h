#pragma once

#include "skillsim/platform/RawInput.h"

struct GLFWwindow;

namespace skillsim::platform {

/**
 * Reads the keyboard of one GLFW window and every joystick slot into a RawInput. The only input
 * code that knows GLFW; everything after it (InputMapper) is pure. Turns on GLFW's sticky keys so
 * a tap shorter than a frame is still seen by the next poll. Call after glfwPollEvents(), once per
 * frame, on the main thread.
 */
class InputPoller {
public:
  /** `window` must outlive the poller; null is a contract violation. */
  explicit InputPoller(GLFWwindow* window);

  /** Overwrites `raw` with the current key and gamepad states. */
  void poll(RawInput& raw) const;

private:
  GLFWwindow* mWindow;
};

/** The GLFW key code of a Key (GLFW_KEY_*). */
[[nodiscard]] int glfwKeyCode(Key key);

} // namespace skillsim::platform
