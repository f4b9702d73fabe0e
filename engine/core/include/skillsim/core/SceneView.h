#pragma once

#include "skillsim/core/Ids.h"

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace skillsim::core {

/** Kind of geometry a mesh is made from. Procedural shapes are unit-sized, then scaled. */
enum class MeshKind : std::uint8_t {
  Box,      ///< Centred box; `size` = full extents (m).
  Cylinder, ///< Centred, axis along +Y; `size` = (diameter, height, diameter) (m).
  Capsule,  ///< Centred, axis along +Y; `size.x` = diameter, `size.y` = total height (m).
  Sphere,   ///< Centred; `size.x` = diameter (m).
  Plane,    ///< Gridded plane in XZ at y = 0; `size` = (width, 0, depth) (m); `subdivisions` cells.
  Gltf,     ///< A glTF 2.0 file (.gltf or .glb) at `assetPath`, in its own units (metres).
};

/**
 * A mesh description. The renderer builds GPU buffers once per distinct entry; entries are
 * identified by their index in SceneView::meshes, so a producer keeps the table stable between
 * frames and appends only.
 */
struct MeshDesc {
  MeshKind kind = MeshKind::Box;
  glm::vec3 size{1.0f}; ///< See MeshKind for the meaning per kind (m).
  std::uint32_t subdivisions =
      1;                 ///< Plane grid cells per side; segments for round shapes (0 = default).
  std::string assetPath; ///< Gltf only.
  std::string debugName; ///< Shown in graphics debuggers and error messages.
};

/** A lit material (metallic-roughness model, as glTF 2.0 defines it). */
struct Material {
  glm::vec4 baseColor{0.8f, 0.8f, 0.8f, 1.0f}; ///< Linear RGBA.
  float roughness = 0.6f;                      ///< [0, 1].
  float metallic = 0.0f;                       ///< [0, 1].
  std::string debugName;
};

/** One drawn copy of a mesh. Instances of the same mesh and material are drawn instanced. */
struct Instance {
  MeshId mesh;
  MaterialId material;
  glm::mat4 transform{1.0f}; ///< Model to world (m, rad); Y up, right-handed.
  bool castsShadow = true;
};

/** The single directional light (the sun), with a shadow map. */
struct DirectionalLight {
  glm::vec3 direction{-0.4f, -1.0f, -0.3f};  ///< Direction the light travels (need not be unit).
  glm::vec3 color{1.0f, 0.97f, 0.92f};       ///< Linear RGB.
  float intensity = 3.0f;                    ///< Multiplier on color.
  glm::vec3 skyColor{0.55f, 0.7f, 0.9f};     ///< Hemisphere ambient from above (linear RGB).
  glm::vec3 groundColor{0.25f, 0.22f, 0.2f}; ///< Hemisphere ambient from below (linear RGB).
};

/** A perspective camera. Looks along -Z of its frame, Y up (DESIGN.md, units and frames). */
struct Camera {
  glm::vec3 position{0.0f, 5.0f, 10.0f}; ///< m, world.
  glm::vec3 target{0.0f};                ///< Point looked at (m, world).
  glm::vec3 up{0.0f, 1.0f, 0.0f};
  float verticalFovRadians = 1.0471976f; ///< 60 degrees.
  float nearPlane = 0.05f;               ///< m.
  float farPlane = 500.0f;               ///< m.
};

/** A coloured line segment for zones, ropes and trajectories (drawn unlit, on top of nothing). */
struct DebugLine {
  glm::vec3 from{0.0f};
  glm::vec3 to{0.0f};
  glm::vec4 color{1.0f, 1.0f, 0.0f, 1.0f};
};

/**
 * Everything the renderer draws for one frame, as plain data: the simulation fills it, the
 * renderer reads it, and neither includes the other (DESIGN.md, Modules).
 */
struct SceneView {
  std::vector<MeshDesc> meshes;    ///< Indexed by MeshId; stable between frames, append only.
  std::vector<Material> materials; ///< Indexed by MaterialId.
  std::vector<Instance> instances;
  DirectionalLight light;
  Camera camera;
  std::vector<DebugLine> lines;
};

} // namespace skillsim::core
