#pragma once

// Conversions between the project's double-precision glm types and Bullet's btScalar types.
// Private to the physics module (Bullet stays in engine/physics/src).

#include <LinearMath/btQuaternion.h>
#include <LinearMath/btTransform.h>
#include <LinearMath/btVector3.h>

#include <glm/gtc/quaternion.hpp>
#include <glm/vec3.hpp>

namespace skillsim::physics::detail {

inline btVector3 toBt(const glm::dvec3& v) {
  return {static_cast<btScalar>(v.x), static_cast<btScalar>(v.y), static_cast<btScalar>(v.z)};
}

inline btQuaternion toBt(const glm::dquat& q) {
  return {static_cast<btScalar>(q.x), static_cast<btScalar>(q.y), static_cast<btScalar>(q.z),
          static_cast<btScalar>(q.w)};
}

inline btTransform toBt(const glm::dvec3& position, const glm::dquat& orientation) {
  return btTransform(toBt(orientation), toBt(position));
}

inline glm::dvec3 toGlm(const btVector3& v) {
  return {static_cast<double>(v.x()), static_cast<double>(v.y()), static_cast<double>(v.z())};
}

inline glm::dquat toGlm(const btQuaternion& q) {
  return {static_cast<double>(q.w()), static_cast<double>(q.x()), static_cast<double>(q.y()),
          static_cast<double>(q.z())};
}

} // namespace skillsim::physics::detail
