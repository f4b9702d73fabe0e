#pragma once

#include <skillsim/core/Ids.h>

#include <glm/vec3.hpp>

namespace skillsim::physics {

/** The nearest body a ray hit. */
struct RayHit {
  core::BodyId body;
  glm::dvec3 point{0.0};  ///< m, world.
  glm::dvec3 normal{0.0}; ///< Unit surface normal at the hit (world).
  double fraction = 0.0;  ///< Of the way from `from` to `to`, [0, 1].
};

} // namespace skillsim::physics
