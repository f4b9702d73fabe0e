#pragma once

#include <skillsim/core/Ids.h>

#include <glm/gtc/quaternion.hpp>
#include <glm/vec3.hpp>

#include <array>
#include <cstdint>

namespace skillsim::physics {

/** Kinds of joints between two bodies (or a body and the world). */
enum class JointKind : std::uint8_t {
  Fixed,        ///< Welds the two frames together.
  Hinge,        ///< Rotation about the frames' common Z axis only; DoF index 5.
  Slider,       ///< Translation along the frames' common X axis only; DoF index 0.
  PointToPoint, ///< The two pivots coincide; rotation free (a ball joint).
  SixDof,       ///< Every DoF limited and motorised separately (indices 0-2 X,Y,Z, 3-5 rotations).
};

/** A velocity motor on one degree of freedom. */
struct JointMotor {
  bool enabled = false;
  double targetVelocity = 0.0; ///< m/s (linear DoF) or rad/s (angular DoF).
  double maxForce = 0.0;       ///< N or N m; the motor never exceeds it.
};

/**
 * A joint. Frames are given in each body's frame (m, rotation). Limits per DoF: lower > upper
 * means free, lower == upper locks, lower < upper limits the relative coordinate to
 * [lower, upper] (m or rad; angles as Bullet's XYZ Euler angles for SixDof).
 */
struct JointDesc {
  JointKind kind = JointKind::Fixed;
  core::BodyId bodyA;     ///< Must be valid.
  core::BodyId bodyB;     ///< Invalid = anchored to the world (frameB then in world frame).
  glm::dvec3 pivotA{0.0}; ///< m, body A frame.
  glm::dquat frameA{1.0, 0.0, 0.0, 0.0};
  glm::dvec3 pivotB{0.0}; ///< m, body B frame (world frame without body B).
  glm::dquat frameB{1.0, 0.0, 0.0, 0.0};
  std::array<double, 6> lower{1.0, 1.0, 1.0, 1.0, 1.0, 1.0}; ///< Default free.
  std::array<double, 6> upper{-1.0, -1.0, -1.0, -1.0, -1.0, -1.0};
  std::array<JointMotor, 6> motors{};
  /** False: the two joined bodies do not collide with each other. */
  bool collideConnected = false;
};

} // namespace skillsim::physics
