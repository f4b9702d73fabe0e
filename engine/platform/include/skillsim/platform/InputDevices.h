#pragma once

#include "skillsim/platform/RawInput.h"

#include <memory>
#include <optional>

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
 * system's event would reach it (through the key callback chain, so InputDevices counts it and
 * Dear ImGui sees it). The window's InputDevices then reads the key held from the press until
 * the release (the window system's own held state is not changed).
 */
void simulateKeyEvent(Window& window, Key key, bool press);

/**
 * For tests: `window`'s InputDevices reads joystick `slot` (0..15) as `state` from the next poll
 * on, as if that gamepad were connected there (set GamepadState::present and isGamepad); nullopt
 * gives the slot back to the real device. Contract: the window has an InputDevices.
 */
void simulateGamepad(Window& window, int slot, std::optional<GamepadState> state);

/**
 * For tests: moves the pointer to (`x`, `y`) in `window`'s client area (screen coordinates, origin
 * top left; the window system warps it, which needs the window focused, as it is under Xvfb) and
 * tells the window's mouse handling as the window system's events would (Dear ImGui reads the
 * position at its next frame).
 */
void simulateMouseMove(Window& window, double x, double y);

/**
 * For tests: delivers a left-button press or release, where the pointer is, to `window`'s mouse
 * handling as the window system's event would reach it (Dear ImGui: a press, then a release in a
 * later frame, over a button clicks it). The button stays down from the press to the release, so
 * moving the pointer in between drags.
 */
void simulateMouseButtonEvent(Window& window, bool press);

} // namespace skillsim::platform
