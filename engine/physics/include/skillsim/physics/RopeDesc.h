#pragma once

#include <skillsim/core/Ids.h>

#include <glm/vec3.hpp>

namespace skillsim::physics {

/**
 * A rope between anchor points on two bodies: a unilateral distance constraint that pulls and
 * never pushes, so it goes slack when the ends come closer. Its length can change every step (a
 * winch). The rope itself is massless.
 *
 * Inextensible (axialRigidity = 0): |pB - pA| <= length, a hard constraint (a test rope).
 * Elastic (axialRigidity > 0): a steel wire rope as a linear spring (elastic range), tension
 *   T = k max(0, |pB - pA| - length),  k = falls * E A / length  (N/m),
 * with E A the axial rigidity of one fall: E the rope's modulus, A its metallic cross-section
 * (EN 12385-2: A = C d^2, C the metallic cross-section factor of the construction). `falls`
 * parts of the line run between the two ends (a block's reeving), each `length` long,
 * so they act in parallel. The rope's static stretch under a hanging mass m is m g / k, and the
 * mass bounces on it with the period 2 pi sqrt(m / k). World solves it as a stiff spring
 * integrated implicitly (RopeConstraint.h says how and why).
 */
struct RopeDesc {
  core::BodyId bodyA;      ///< Invalid = anchored to the world at `anchorA` (world frame).
  glm::dvec3 anchorA{0.0}; ///< m, body A frame.
  core::BodyId bodyB;      ///< Must be valid.
  glm::dvec3 anchorB{0.0}; ///< m, body B frame.
  double length = 1.0;     ///< m, > 0.
  /** E A of one fall (N, >= 0): modulus (Pa) times metallic cross-section (m^2); 0 = inextensible.
   */
  double axialRigidity = 0.0;
  /** Parts of line between the two ends (>= 1); only elastic ropes use it. */
  int falls = 1;
  /**
   * Solver iterations for this rope's row when more than the world's (0 = the world's). The rope
   * rows start from an exact joint solution of all ropes (see World), so extra iterations only
   * matter where contacts fight a rope.
   */
  int solverIterations = 0;
};

} // namespace skillsim::physics
