#pragma once

#include <skillsim/core/Ids.h>

#include <glm/vec3.hpp>

#include <cstdint>

namespace skillsim::physics {

/**
 * The start or end of a contact episode between two bodies: the time during which they touch
 * without interruption (an interruption shorter than WorldSettings::contactEndDelaySteps steps
 * does not end it). A load resting against a pole is one episode however long it rests.
 */
struct ContactEvent {
  enum class Kind : std::uint8_t { Begin, End };
  Kind kind = Kind::Begin;
  core::BodyId bodyA; ///< The lower body index of the pair.
  core::BodyId bodyB;
  glm::dvec3 point{0.0}; ///< Where they touch (m, world): Begin the first, End the peak's point.
  /** Largest total normal impulse of one step in the episode so far (N s). */
  double peakImpulse = 0.0;
};

} // namespace skillsim::physics
