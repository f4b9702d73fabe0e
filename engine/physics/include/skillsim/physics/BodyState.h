#pragma once

#include <glm/gtc/quaternion.hpp>
#include <glm/vec3.hpp>

namespace skillsim::physics {

/** A body's kinematic state at the end of the last step (m, m/s, rad/s, world frame). */
struct BodyState {
  glm::dvec3 position{0.0}; ///< Centre of mass.
  glm::dquat orientation{1.0, 0.0, 0.0, 0.0};
  glm::dvec3 linearVelocity{0.0};
  glm::dvec3 angularVelocity{0.0};
};

} // namespace skillsim::physics
