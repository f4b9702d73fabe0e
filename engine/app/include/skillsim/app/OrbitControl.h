#pragma once

#include <skillsim/core/OrbitView.h>
#include <skillsim/platform/Bindings.h>
#include <skillsim/platform/RawInput.h>
#include <skillsim/ui/ViewPointer.h>

namespace skillsim::app {

/** One frame's turn and zoom of an orbit camera (core::OrbitView::orbitBy's arguments). */
struct OrbitStep {
  double deltaYaw = 0.0;   ///< rad.
  double deltaPitch = 0.0; ///< rad.
  double zoomFactor = 1.0; ///< Multiplies the distance; < 1 comes closer.

  friend bool operator==(const OrbitStep&, const OrbitStep&) = default;
};

/** rad of turn per pixel dragged: a 300 px drag turns about 90°. */
inline constexpr double kOrbitRadiansPerPixel = 0.005;
/** rad/s while an orbit key is held or the right stick is pushed fully. */
inline constexpr double kOrbitRadiansPerSecond = 1.2;
/** The distance's factor per wheel notch away from the user (towards: its inverse). */
inline constexpr double kOrbitZoomPerNotch = 0.9;
/** The distance's factor per second while the zoom-in key is held (zoom out: its inverse). */
inline constexpr double kOrbitZoomPerSecond = 0.5;

/**
 * How the trainee turns an orbit camera, from one frame of the devices (display only: never an
 * input of the simulation, never in a trace):
 * - mouse: dragging with the left button over the 3D view turns the view with it (right: the
 *   cell turns right, the eye goes left, yaw falls; down: the eye rises, pitch grows); the wheel
 *   zooms, kOrbitZoomPerNotch per notch;
 * - keys (numeric keypad): Kp4 / Kp6 turn as dragging left / right, Kp8 / Kp2 raise / lower the
 *   eye, KpAdd / KpSubtract come closer / go back, at kOrbitRadiansPerSecond and
 *   kOrbitZoomPerSecond for `dt` s;
 * - gamepad (the bindings' device, when enabled): the right stick as the keys, full deflection at
 *   kOrbitRadiansPerSecond, inside the bindings' dead zone nothing.
 * A key or stick axis the machine's bindings use is left to the machine (no double meaning).
 * `dt` in s (>= 0; a negative or non-finite one counts as 0).
 */
[[nodiscard]] OrbitStep orbitStep(const platform::RawInput& raw, const platform::Bindings& bindings,
                                  const ui::ViewPointer& pointer, double dt);

} // namespace skillsim::app
