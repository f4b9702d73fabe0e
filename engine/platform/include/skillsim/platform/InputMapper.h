#pragma once

#include "skillsim/core/ActionState.h"
#include "skillsim/platform/Bindings.h"
#include "skillsim/platform/RawInput.h"

#include <array>
#include <optional>
#include <string>

namespace skillsim::platform {

/**
 * A change in the configured gamepad, as data, so the HUD says it in the trainee's language
 * (MappedInput::deviceNotice has the same in English, for logs).
 */
struct DeviceStatus {
  enum class Kind : std::uint8_t {
    Connected,    ///< The gamepad `name` came into `slot`.
    Disconnected, ///< It left `slot`; the keyboard keeps working.
    Missing,      ///< No gamepad in `slot`; the keyboard keeps working.
    NoMapping,    ///< Joystick `name` in `slot` has no gamepad mapping; the keyboard keeps working.
  };
  Kind kind = Kind::Missing;
  int slot = 0;     ///< GLFW joystick slot, 0..15.
  std::string name; ///< The device's name (Connected, NoMapping).

  friend bool operator==(const DeviceStatus&, const DeviceStatus&) = default;
};

/** What one tick's input means: the machine controls plus workstation commands. */
struct MappedInput {
  core::ActionState actions; ///< Recorded in the trace and fed to the simulation.
  bool nextCamera = false;   ///< The next-camera command was pressed this tick.
  bool pause = false;        ///< The pause command was pressed this tick.
  bool quit = false;         ///< The quit (back) command was pressed this tick.
  bool controlsHelp = false; ///< The controls-card command (F1) was pressed this tick.
  /**
   * Set when the configured gamepad comes or goes, or is there but unusable: one short line for
   * the operator, saying the keyboard keeps working. Nothing at a keyboard-only station (no
   * gamepad connected in any slot since the mapper started), nor on the first tick when the
   * configured gamepad is usable.
   */
  std::optional<std::string> deviceNotice;
  /** The same change as data (set exactly when deviceNotice is). */
  std::optional<DeviceStatus> deviceStatus;
};

/**
 * Turns raw device snapshots into one ActionState per tick for the machine's declared controls
 * (core::ControlLayout). Notched controls behave as a master switch does:
 * - a key press steps its controller one notch (holding it does not repeat); notches are clamped
 *   to ±notchCount; the neutral command sets every controller to notch 0. Presses are counted
 *   (RawInput::presses): a snapshot with five presses of a key steps five notches, one per tick
 *   over the next five ticks, so the steps are in the per-tick ActionStates the trace records;
 * - a gamepad axis sets its controller to round(value * notchCount) after the dead zone
 *   (|value| < deadZone reads 0); it takes effect when that notch changes, so keyboard and stick
 *   can share a controller and the last one moved wins;
 * - an ActionState button is held while any of its keys or gamepad buttons is held;
 * - an axis value is notch / notchCount (ActionState's convention);
 * - a continuous control reads the gamepad axis (after the dead zone) while it is off rest, else
 *   +1 / -1 while its increase / decrease key is held, else 0;
 * - button and hold-to-enable controls are held while any of their keys or gamepad buttons is.
 * Pure apart from its own state (current notches, previous snapshot): the same snapshots give the
 * same ActionStates. Keep one mapper per attempt.
 */
class InputMapper {
public:
  /**
   * Every notched control starts at notch 0 with its declared notch count. Contract: the
   * bindings' slots and bits exist in `controls`.
   */
  InputMapper(Bindings bindings, const core::ControlLayout& controls);

  /** A notched control's notch count (ControlDecl::notches); 0 for a continuous one. */
  [[nodiscard]] int notchCount(std::size_t slot) const;

  /** A notched control's current notch, in [-notchCount, notchCount]. */
  [[nodiscard]] int notch(std::size_t slot) const;

  /**
   * Maps one snapshot. Call once per simulation tick; when a frame runs several ticks, passing
   * the same snapshot again (same RawInput::pollIndex, not 0) adds no new presses, while presses
   * still pending from it are taken one per key per tick.
   */
  MappedInput map(const RawInput& raw);

  /** Every controller to notch 0 and no previous snapshot (e.g. on restart). */
  void reset();

  [[nodiscard]] const Bindings& bindings() const { return mBindings; }

private:
  [[nodiscard]] float gamepadValue(const GamepadState& pad, const GamepadAxisBinding& b) const;

  Bindings mBindings;
  std::size_t mAxisCount = 0;
  std::array<int, core::kMaxAxes> mNotches{};
  std::array<int, core::kMaxAxes> mNotchCounts{}; ///< 0 = continuous.
  std::array<std::optional<int>, core::kMaxAxes> mLastPadNotch{};
  RawInput mPrevious{};
  bool mHavePrevious = false;
  /** Presses not yet taken, per key (one per tick), capped at kMaxPendingPresses. */
  std::array<int, kKeyCount> mPendingPresses{};
  static constexpr int kMaxPendingPresses = 64;
  std::optional<int> mPadStatus; ///< 0 absent, 1 present but unmapped, 2 usable; nullopt: first.
  bool mPadSeen = false;         ///< Something was in the configured slot since construction.
};

/**
 * The line shown when the configured gamepad is absent or unusable, or nullopt when it is usable
 * or no gamepad is configured. Says which slot, what was found and that the keyboard keeps
 * working, in one short line (it fits the HUD's notice line).
 */
[[nodiscard]] std::optional<std::string> gamepadProblem(const GamepadBindings& config,
                                                        const RawInput& raw);

} // namespace skillsim::platform
