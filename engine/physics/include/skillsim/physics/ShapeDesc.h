#pragma once

#include <glm/vec3.hpp>

#include <cstdint>
#include <vector>

namespace skillsim::physics {

/** Collision shape kinds. Round shapes have their axis along the body's +Y. */
enum class ShapeKind : std::uint8_t {
  Box,          ///< `size` = full extents (m).
  Cylinder,     ///< `size` = (diameter, height, diameter) (m).
  Sphere,       ///< `size.x` = diameter (m).
  Capsule,      ///< `size.x` = diameter, `size.y` = total height including the caps (m).
  ConvexHull,   ///< `points` (m, body frame, relative to the centre of mass); at least 4.
  TriangleMesh, ///< Static bodies only: `points` + `indices` (3 per triangle, counter-clockwise).
  Plane,        ///< Static bodies only: the infinite plane y = 0 of the body frame, normal +Y.
};

/** The geometry of a body. Plain data; World::addBody checks it and says what is wrong. */
struct ShapeDesc {
  ShapeKind kind = ShapeKind::Box;
  glm::dvec3 size{1.0};
  std::vector<glm::dvec3> points;
  std::vector<std::uint32_t> indices;
};

} // namespace skillsim::physics
