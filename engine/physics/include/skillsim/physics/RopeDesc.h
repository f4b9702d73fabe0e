#pragma once

#include <skillsim/core/Ids.h>

#include <glm/vec3.hpp>

namespace skillsim::physics {

/**
 * A rope between anchor points on two bodies: a unilateral distance constraint
 * |pB - pA| <= length that pulls and never pushes, so it goes slack when the ends come closer.
 * The rope itself is massless and inextensible (a steel wire's elastic stretch under rated load
 * is well below the 1 % the simulation guarantees). Its length can change every step (a winch).
 */
struct RopeDesc {
  core::BodyId bodyA;      ///< Invalid = anchored to the world at `anchorA` (world frame).
  glm::dvec3 anchorA{0.0}; ///< m, body A frame.
  core::BodyId bodyB;      ///< Must be valid.
  glm::dvec3 anchorB{0.0}; ///< m, body B frame.
  double length = 1.0;     ///< m, > 0.
  /**
   * Solver iterations for this rope's row when more than the world's (0 = the world's). The rope
   * rows start from an exact joint solution of all ropes (see World), so extra iterations only
   * matter where contacts fight a rope.
   */
  int solverIterations = 0;
};

} // namespace skillsim::physics
