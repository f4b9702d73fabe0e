#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace skillsim::platform {

/**
 * A keyboard key, independent of any windowing library (the GLFW poller translates). Named by
 * its position on a US layout, as GLFW does, so "W" is the key left of "E" on any layout.
 * New keys are appended only.
 */
enum class Key : std::uint8_t {
  A,
  B,
  C,
  D,
  E,
  F,
  G,
  H,
  I,
  J,
  K,
  L,
  M,
  N,
  O,
  P,
  Q,
  R,
  S,
  T,
  U,
  V,
  W,
  X,
  Y,
  Z,
  Num0,
  Num1,
  Num2,
  Num3,
  Num4,
  Num5,
  Num6,
  Num7,
  Num8,
  Num9,
  Space,
  Enter,
  Escape,
  Tab,
  Backspace,
  Insert,
  Delete,
  Home,
  End,
  PageUp,
  PageDown,
  Up,
  Down,
  Left,
  Right,
  F1,
  F2,
  F3,
  F4,
  F5,
  F6,
  F7,
  F8,
  F9,
  F10,
  F11,
  F12,
  LeftShift,
  RightShift,
  LeftControl,
  RightControl,
  LeftAlt,
  RightAlt,
  Kp0,
  Kp1,
  Kp2,
  Kp3,
  Kp4,
  Kp5,
  Kp6,
  Kp7,
  Kp8,
  Kp9,
  KpAdd,
  KpSubtract,
  KpMultiply,
  KpDivide,
  KpEnter,
  KpDecimal,
  Minus,
  Equal,
  Comma,
  Period,
  Slash,
  Semicolon,
  Apostrophe,
  LeftBracket,
  RightBracket,
  Backslash,
  GraveAccent,
  Count
};

/** Number of keys in Key. */
inline constexpr std::size_t kKeyCount = static_cast<std::size_t>(Key::Count);

/** The key's name as written in a bindings file: "W", "7", "Space", "Up", "F1", "Kp8". */
[[nodiscard]] std::string_view keyName(Key key);

/** Inverse of keyName, ignoring ASCII case ("space" = "Space"); nullopt for an unknown name. */
[[nodiscard]] std::optional<Key> keyFromName(std::string_view name);

} // namespace skillsim::platform
