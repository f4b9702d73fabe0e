#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace skillsim::core {

/**
 * The operator's controls, as named axes. Each value is in [-1, 1]: for a notched controller,
 * notch / notchCount (e.g. 3 of 5 steps forward = 0.6). Meaning by machine:
 * - overhead crane: BridgeTravel (+ along the runway, +X), TrolleyTravel (+ across the bridge, +Z),
 *   Hoist (+ raises the hook);
 * - forklift: Drive (+ forward), Steer (+ left), Lift (+ raises the forks), Tilt (+ tilts back);
 * - robot arm: Joint1..Joint6 (+ positive joint direction) or, in Cartesian jog, the same axes as
 *   tool centre point X, Y, Z, Rx, Ry, Rz.
 * New axes are appended only (the trace format stores axis indices).
 */
enum class Axis : std::uint8_t {
  BridgeTravel,
  TrolleyTravel,
  Hoist,
  Drive,
  Steer,
  Lift,
  Tilt,
  Joint1,
  Joint2,
  Joint3,
  Joint4,
  Joint5,
  Joint6,
  Count
};

/**
 * The operator's buttons and switches, held (true) or released (false) during a tick.
 * New buttons are appended only (the trace format stores button bits).
 */
enum class Button : std::uint8_t {
  Horn,          ///< Warning horn; also starts and ends a crane exam (EXAMS.md, Q2 step 1).
  EmergencyStop, ///< Latching emergency stop.
  Attach,        ///< Engage the hook with a load's lifting lug (within tolerance).
  Release,       ///< Disengage the hook from the load.
  ParkingBrake,  ///< Forklift parking brake applied.
  Enable,        ///< Robot enabling device (three-position switch held in the middle).
  Gripper,       ///< Robot gripper closed.
  Count
};

inline constexpr std::size_t kAxisCount = static_cast<std::size_t>(Axis::Count);
inline constexpr std::size_t kButtonCount = static_cast<std::size_t>(Button::Count);

/** Stable lowercase snake_case name of an axis, as written in files ("bridge_travel"). */
[[nodiscard]] std::string_view axisName(Axis axis);
/** Stable lowercase snake_case name of a button, as written in files ("emergency_stop"). */
[[nodiscard]] std::string_view buttonName(Button button);
/** Inverse of axisName; nullopt for an unknown name. */
[[nodiscard]] std::optional<Axis> axisFromName(std::string_view name);
/** Inverse of buttonName; nullopt for an unknown name. */
[[nodiscard]] std::optional<Button> buttonFromName(std::string_view name);

/**
 * Every control's value for one simulation tick: what a trace records, sampled once per tick
 * (DESIGN.md, the determinism contract). Plain data; equality is bitwise on the axis values.
 */
struct ActionState {
  std::array<float, kAxisCount> axes{}; ///< Each in [-1, 1]; see Axis.
  std::uint32_t buttons = 0;            ///< Bit i set = Button i held.

  [[nodiscard]] float axis(Axis a) const { return axes[static_cast<std::size_t>(a)]; }
  /** Sets an axis, clamping to [-1, 1]; a NaN becomes 0 (a faulty device reads as neutral). */
  void setAxis(Axis a, float value);
  [[nodiscard]] bool button(Button b) const { return (buttons >> static_cast<unsigned>(b)) & 1u; }
  void setButton(Button b, bool held);

  /** True when every axis is exactly 0 (all controllers in neutral). */
  [[nodiscard]] bool neutral() const;

  friend bool operator==(const ActionState&, const ActionState&) = default;
};

static_assert(kButtonCount <= 32, "ActionState::buttons holds 32 bits");

} // namespace skillsim::core
