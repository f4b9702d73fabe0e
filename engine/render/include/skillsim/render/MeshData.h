#pragma once

#include <skillsim/core/SceneView.h>

#include <glm/glm.hpp>

#include <cstdint>
#include <vector>

namespace skillsim::render {

/** One vertex of a lit mesh: position (m, model space) and unit normal. */
struct Vertex {
  glm::vec3 position{0.0f};
  glm::vec3 normal{0.0f, 1.0f, 0.0f};
};

/**
 * Triangle-list geometry on the host: counter-clockwise front faces (seen from outside), 32-bit
 * indices. Built once per distinct SceneView mesh and uploaded to the GPU.
 */
struct MeshData {
  std::vector<Vertex> vertices;
  std::vector<std::uint32_t> indices; ///< Three per triangle.
  glm::vec3 boundsMin{0.0f};          ///< Axis-aligned bounds of the vertices (m).
  glm::vec3 boundsMax{0.0f};

  [[nodiscard]] std::size_t triangleCount() const { return indices.size() / 3; }
  /** Recomputes boundsMin/boundsMax from the vertices. */
  void computeBounds();
};

/** Box centred at the origin with full extents `size` (m); 24 vertices, 12 triangles. */
[[nodiscard]] MeshData makeBox(glm::vec3 size);

/** Cylinder centred at the origin, axis +Y, `diameter` and `height` (m), `segments` around (< 3:
 * 32). */
[[nodiscard]] MeshData makeCylinder(float diameter, float height, std::uint32_t segments);

/**
 * Capsule centred at the origin, axis +Y: `diameter` (m) and total `height` (m, >= diameter;
 * smaller is clamped to a sphere). `segments` around (< 3: 32), and rings per hemisphere =
 * segments/4.
 */
[[nodiscard]] MeshData makeCapsule(float diameter, float height, std::uint32_t segments);

/** UV sphere centred at the origin of `diameter` (m); `segments` around (< 3: 32), segments/2
 * rings. */
[[nodiscard]] MeshData makeSphere(float diameter, std::uint32_t segments);

/** Plane at y = 0 facing +Y, `width` along X by `depth` along Z (m), `cells` x `cells` quads. */
[[nodiscard]] MeshData makePlane(float width, float depth, std::uint32_t cells);

/**
 * The procedural mesh a MeshDesc describes (every kind but Gltf; see core::MeshKind for sizes).
 * Round shapes take `subdivisions` as segments around; fewer than 3 (including MeshDesc's default
 * of 1) means the default of 32. Planes take it as cells per side (0 means 1). A Gltf desc is a
 * contract violation: use loadGltf().
 */
[[nodiscard]] MeshData makeProceduralMesh(const core::MeshDesc& desc);

} // namespace skillsim::render
