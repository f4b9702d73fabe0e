#pragma once

#include <glm/glm.hpp>

namespace skillsim::core {

/**
 * A view that orbits a focus point on a sphere: the angles a trainee turns with the mouse, the
 * keys or a stick, the distance the wheel zooms. Plain maths for the display only: it is never
 * part of a simulation's state or of a trace (rendering never changes a score).
 *
 * Frames: world, Y up (DESIGN.md). Yaw turns about +Y from +Z towards +X; pitch lifts the eye
 * above the horizontal plane through the focus. The eye is at
 *   focus + distance * (cos(pitch) sin(yaw), sin(pitch), cos(pitch) cos(yaw)).
 */
struct OrbitView {
  /** Highest and lowest pitch (rad): 1.5 rad (86°) short of straight up or down, so the view's
   * up vector (world +Y) never lines up with the view direction. */
  static constexpr double kMaxPitch = 1.5;
  static constexpr double kMinDistance = 0.3;   ///< m: never inside the focus.
  static constexpr double kMaxDistance = 200.0; ///< m.

  glm::dvec3 focus{0.0}; ///< The point looked at (m, world).
  double yaw = 0.0;      ///< rad about +Y from +Z; any value (not wrapped).
  double pitch = 0.0;    ///< rad above the horizon, within [-kMaxPitch, kMaxPitch].
  double distance = 5.0; ///< m from the focus, within [kMinDistance, kMaxDistance].

  /**
   * The view whose eye is at `eye` looking at `focus` (its yaw, pitch and distance), clamped as
   * clamped() does; an eye on the focus gives distance kMinDistance, yaw and pitch 0.
   */
  [[nodiscard]] static OrbitView lookingFrom(const glm::dvec3& eye, const glm::dvec3& focus);

  /** This view with pitch and distance brought within their limits (NaN gives the lower one). */
  [[nodiscard]] OrbitView clamped() const;

  /** Turns by `deltaYaw`, `deltaPitch` (rad) and scales the distance by `zoomFactor` (> 0; a
   * non-positive or non-finite factor leaves it), then clamps. */
  void orbitBy(double deltaYaw, double deltaPitch, double zoomFactor = 1.0);

  /** The eye (m, world), from the formula in the class comment, after clamping. */
  [[nodiscard]] glm::dvec3 eye() const;
};

} // namespace skillsim::core
