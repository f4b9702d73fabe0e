#pragma once

#include "skillsim/platform/RawInput.h"

#include <memory>

namespace skillsim::platform {

class Window;
class InputPoller;

/**
 * The keyboard of a Window and every joystick slot, read into a RawInput once per frame (after
 * Window::pollEvents()). Key presses are counted from the window system's key events between
 * polls, so a tap shorter than a frame is one press and five such taps are five. The GLFW details
 * stay in engine/platform/src (InputPoller); feed the snapshot to an InputMapper for the ticks'
 * ActionStates. One InputDevices per window at a time.
 */
class InputDevices {
public:
  /** `window` must outlive this object. Starts counting key presses. */
  explicit InputDevices(Window& window);
  ~InputDevices();
  InputDevices(const InputDevices&) = delete;
  InputDevices& operator=(const InputDevices&) = delete;

  /**
   * Overwrites `raw` with the current key and gamepad states and the key presses since the
   * previous poll (RawInput::presses), and numbers the snapshot (RawInput::pollIndex).
   */
  void poll(RawInput& raw);

private:
  std::unique_ptr<InputPoller> mPoller;
};

/**
 * For tests: delivers a key press or release to `window`'s key handling exactly as the window
 * system's event would reach it (through the key callback chain, so InputDevices counts it). The
 * held state that glfwGetKey reports is not changed.
 */
void simulateKeyEvent(Window& window, Key key, bool press);

} // namespace skillsim::platform
