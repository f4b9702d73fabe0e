#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skillsim::core {

/** How an operator's control behaves (DESIGN.md: a machine declares its controls as data). */
enum class ControlKind : std::uint8_t {
  /**
   * A stepped master switch with `notches` steps each way: the axis value is notch / notches, in
   * [-1, 1]. A key press steps one notch; a gamepad stick selects round(value * notches).
   */
  Notched,
  /** A continuous axis in [-1, 1] (steering wheel, throttle pedal, jog speed): the raw reading. */
  Continuous,
  /** A push button: held (true) while pressed. */
  Button,
  /**
   * An enabling device that must be held for motion to be allowed (ISO 10218-1 three-position
   * switch held in its middle position). Recorded like a button; a machine reads "held" as enabled.
   */
  HoldToEnable,
};

/** "notched", "continuous", "button", "hold_to_enable". */
[[nodiscard]] std::string_view toString(ControlKind kind);

/** True for the kinds recorded as an axis value (Notched, Continuous); false for buttons. */
[[nodiscard]] constexpr bool isAxis(ControlKind kind) {
  return kind == ControlKind::Notched || kind == ControlKind::Continuous;
}

/**
 * The default binding a machine proposes for one control; a bindings file may override it.
 * Key names are those of docs/input-bindings.md ("W", "Up", "Space"); gamepad names are
 * "left_x" … for axes and "a", "left_bumper" … for buttons. Empty = unbound by default.
 */
struct DefaultBinding {
  std::string key;         ///< Button: the key held. Axis: the key that steps / pushes towards +1.
  std::string keyDecrease; ///< Axis only: the key that steps / pushes towards -1.
  std::string gamepad;     ///< Gamepad axis (for an axis) or button (for a button) name.
  bool gamepadInvert = false; ///< Negate the gamepad reading first (GLFW stick Y is + down).
};

/** One operator control a machine declares (id as written in bindings files and rubrics). */
struct ControlDecl {
  std::string id;     ///< Stable snake_case id, e.g. "steer"; unique within the machine.
  std::string nameZh; ///< The trade's name for it, Chinese.
  std::string nameEn; ///< The trade's name for it, English.
  ControlKind kind = ControlKind::Button;
  int notches = 0; ///< Notched only: steps each way, 1..100.
  DefaultBinding binding;
};

/**
 * Where each control's value lives in an ActionState: axis controls (Notched, Continuous) take
 * slots 0, 1, … in declaration order, buttons (Button, HoldToEnable) take bits 0, 1, … in
 * declaration order. A trace records this layout in its header (docs/trace-format.md, version 2),
 * so a recorded value is always read back under the control it belonged to.
 */
class ControlLayout {
public:
  ControlLayout() = default;
  /**
   * Contract: ids unique and non-empty, at most kMaxAxes axis controls and kMaxButtons buttons,
   * notches in 1..100 for a notched control.
   */
  explicit ControlLayout(std::vector<ControlDecl> controls);

  [[nodiscard]] const std::vector<ControlDecl>& controls() const { return mControls; }
  /** Ids of the axis controls, in slot order. */
  [[nodiscard]] const std::vector<std::string>& axisIds() const { return mAxisIds; }
  /** Ids of the button controls, in bit order. */
  [[nodiscard]] const std::vector<std::string>& buttonIds() const { return mButtonIds; }
  /** Axis slot of a control id; nullopt when it is unknown or a button. */
  [[nodiscard]] std::optional<std::size_t> axisSlot(std::string_view id) const;
  /** Button bit of a control id; nullopt when it is unknown or an axis. */
  [[nodiscard]] std::optional<std::size_t> buttonBit(std::string_view id) const;
  /** The declaration of a control id, or nullptr. */
  [[nodiscard]] const ControlDecl* find(std::string_view id) const;
  /** The declaration behind an axis slot (contract: slot < axisIds().size()). */
  [[nodiscard]] const ControlDecl& axisControl(std::size_t slot) const;
  /** The declaration behind a button bit (contract: bit < buttonIds().size()). */
  [[nodiscard]] const ControlDecl& buttonControl(std::size_t bit) const;

  /** Same ids in the same slots (names and bindings may differ). */
  [[nodiscard]] bool sameSlots(const ControlLayout& other) const {
    return mAxisIds == other.mAxisIds && mButtonIds == other.mButtonIds;
  }

private:
  std::vector<ControlDecl> mControls;
  std::vector<std::string> mAxisIds;
  std::vector<std::string> mButtonIds;
  std::vector<std::size_t> mAxisDecl;   ///< Index in mControls per axis slot.
  std::vector<std::size_t> mButtonDecl; ///< Index in mControls per button bit.
};

} // namespace skillsim::core
