#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace skillsim::platform {

/**
 * An analog axis of a gamepad in the standard (SDL / GLFW gamepad) layout. Sticks read -1..1
 * with +X right and +Y down (the GLFW convention); triggers read -1 (released) .. 1 (pulled).
 */
enum class GamepadAxis : std::uint8_t {
  LeftX,
  LeftY,
  RightX,
  RightY,
  LeftTrigger,
  RightTrigger,
  Count
};

/** A digital button of a gamepad in the standard layout (Xbox names; A = cross on PlayStation). */
enum class GamepadButton : std::uint8_t {
  A,
  B,
  X,
  Y,
  LeftBumper,
  RightBumper,
  Back,
  Start,
  Guide,
  LeftThumb,
  RightThumb,
  DpadUp,
  DpadRight,
  DpadDown,
  DpadLeft,
  Count
};

inline constexpr std::size_t kGamepadAxisCount = static_cast<std::size_t>(GamepadAxis::Count);
inline constexpr std::size_t kGamepadButtonCount = static_cast<std::size_t>(GamepadButton::Count);
/** GLFW numbers joysticks 0..15. */
inline constexpr int kMaxGamepads = 16;

/** "left_x", "left_y", "right_x", "right_y", "left_trigger", "right_trigger". */
[[nodiscard]] std::string_view gamepadAxisName(GamepadAxis axis);
/** "a", "b", "x", "y", "left_bumper", …, "dpad_left" (snake_case of the enumerator). */
[[nodiscard]] std::string_view gamepadButtonName(GamepadButton button);
/** Inverse of gamepadAxisName (exact, lowercase); nullopt for an unknown name. */
[[nodiscard]] std::optional<GamepadAxis> gamepadAxisFromName(std::string_view name);
/** Inverse of gamepadButtonName (exact, lowercase); nullopt for an unknown name. */
[[nodiscard]] std::optional<GamepadButton> gamepadButtonFromName(std::string_view name);

/** One joystick slot as the poller saw it this frame. */
struct GamepadState {
  bool present = false;   ///< A joystick is connected in this slot.
  bool isGamepad = false; ///< It has a gamepad mapping (else its axes/buttons are not read).
  std::string name;       ///< The device's name as the driver reports it, may be empty.
  std::array<float, kGamepadAxisCount> axes{};     ///< See GamepadAxis for ranges.
  std::array<bool, kGamepadButtonCount> buttons{}; ///< Held = true.

  [[nodiscard]] float axis(GamepadAxis a) const { return axes[static_cast<std::size_t>(a)]; }
  [[nodiscard]] bool button(GamepadButton b) const { return buttons[static_cast<std::size_t>(b)]; }
};

} // namespace skillsim::platform
