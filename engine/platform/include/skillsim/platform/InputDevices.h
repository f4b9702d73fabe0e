#pragma once

#include "skillsim/platform/RawInput.h"

namespace skillsim::platform {

class Window;

/**
 * The keyboard of a Window and every joystick slot, read into a RawInput once per frame (after
 * Window::pollEvents()). The GLFW details stay in engine/platform/src (InputPoller); feed the
 * snapshot to an InputMapper for the tick's ActionState.
 */
class InputDevices {
public:
  /** `window` must outlive this object. Turns on sticky keys (a tap is never missed). */
  explicit InputDevices(Window& window);

  /** Overwrites `raw` with the current key and gamepad states. */
  void poll(RawInput& raw) const;

private:
  Window& mWindow;
};

} // namespace skillsim::platform
