#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace skillsim::core {

/** Most axis controls one machine may declare (a 6-axis arm jogs 6 joints or 6 TCP axes). */
inline constexpr std::size_t kMaxAxes = 16;
/** Most button controls one machine may declare (one bit each in ActionState::buttons). */
inline constexpr std::size_t kMaxButtons = 32;

/**
 * Every control's value for one simulation tick: what a trace records, sampled once per tick
 * (DESIGN.md, the determinism contract). Values are keyed by control id through the machine's
 * ControlLayout (Controls.h): axis control k is `axes[k]`, button control k is bit k of
 * `buttons`. Slots a machine does not declare stay 0. Plain data; equality is bitwise on the
 * values.
 */
struct ActionState {
  std::array<float, kMaxAxes> axes{}; ///< Each in [-1, 1]; slot = ControlLayout::axisSlot.
  std::uint32_t buttons = 0;          ///< Bit k set = button control k held.

  /** Axis slot's value (contract: slot < kMaxAxes). */
  [[nodiscard]] float axis(std::size_t slot) const { return axes.at(slot); }
  /**
   * Sets an axis slot, clamping to [-1, 1]; a NaN becomes 0 (a faulty device reads as neutral).
   * Contract: slot < kMaxAxes.
   */
  void setAxis(std::size_t slot, float value);
  /** Button bit held (contract: bit < kMaxButtons). */
  [[nodiscard]] bool button(std::size_t bit) const { return ((buttons >> bit) & 1u) != 0; }
  void setButton(std::size_t bit, bool held);

  /** True when every axis is exactly 0 (all controllers in neutral). */
  [[nodiscard]] bool neutral() const;

  friend bool operator==(const ActionState&, const ActionState&) = default;
};

static_assert(kMaxButtons <= 32, "ActionState::buttons holds 32 bits");

} // namespace skillsim::core
