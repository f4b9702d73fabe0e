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
  /**
   * False (Bullet's rule): two dynamic bodies share a simulation island while their broadphase
   * boxes overlap (each grown by the tree's 0.05 m margin), and an awake kinematic body wakes every
   * body whose box it overlaps, so a body resting within about 0.1 m of a moving one never falls
   * asleep (BodyDesc::maySleep). True: bodies share an island, and a kinematic body wakes one, only
   * through a contact manifold holding a point (within the 0.02 m contact threshold), so a part at
   * rest apart from the moving ones sleeps. Either rule is deterministic; they give different
   * (equally valid) step results, so a scenario's traces are recorded under one of them.
   */
  bool islandsByContact = false;
  /** A contact point counts as touching at this separation or closer (m). */
  double touchDistance = 0.001;
};

} // namespace skillsim::physics
