#pragma once

#include <glm/vec3.hpp>

#include <cstdint>

namespace skillsim::physics {

/** Settings of a physics::World, fixed for its lifetime. */
struct WorldSettings {
  double timeStep = 1.0 / 240.0; ///< s, the fixed step; > 0.
  int solverIterations = 10;     ///< Sequential-impulse iterations per step; >= 1.
  /**
   * Friction rows per contact point: 1 (Bullet's default: one direction, along the slip at the
   * start of the step, or any tangent at rest) or 2 (a second, perpendicular one,
   * SOLVER_USE_2_FRICTION_DIRECTIONS), so friction also holds across that slip. With one, a load
   * carried on a moving support creeps, more so at low tick rates (docs/simulation.md).
   */
  int frictionDirections = 1;
  glm::dvec3 gravity{0.0, -9.81, 0.0}; ///< m/s^2.
  /** Seed of Bullet's solver generator (only used if order randomisation were on; it is off). */
  std::uint64_t seed = 0;
  /** Steps two bodies must be apart before their contact episode ends (debounce). */
  int contactEndDelaySteps = 3;
  /** A contact point counts as touching at this separation or closer (m). */
  double touchDistance = 0.001;
};

} // namespace skillsim::physics
