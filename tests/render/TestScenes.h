#pragma once
// Scenes the renderer tests draw, written inline so each test says what it shows.

#include <skillsim/core/SceneView.h>

#include <glm/gtc/matrix_transform.hpp>

namespace skillsim::render::testing {

inline constexpr glm::vec4 kRed{0.8f, 0.05f, 0.05f, 1.0f};
inline constexpr glm::vec4 kGreen{0.05f, 0.8f, 0.05f, 1.0f};
inline constexpr glm::vec4 kGrey{0.6f, 0.6f, 0.6f, 1.0f};

/** Adds a mesh and a material and one instance of them at `transform`; returns the instance. */
inline core::Instance& addThing(core::SceneView& scene, core::MeshDesc mesh, glm::vec4 color,
                                const glm::mat4& transform, float roughness = 0.7f) {
  scene.meshes.push_back(std::move(mesh));
  scene.materials.push_back({.baseColor = color, .roughness = roughness});
  scene.instances.push_back(
      {.mesh = core::MeshId(std::uint32_t(scene.meshes.size() - 1)),
       .material = core::MaterialId(std::uint32_t(scene.materials.size() - 1)),
       .transform = transform});
  return scene.instances.back();
}

/**
 * A 1 m red box standing at the origin on a 20 m grey ground, the sun travelling along
 * (0.6, -1, -0.5) so the box's shadow falls towards +X and -Z; the camera at (0, 5, 8) looks at
 * the origin. Ground point (0.8, 0, -0.4) is in the shadow; (-1.5, 0, 1.5) is lit.
 */
inline core::SceneView redBoxOnGround() {
  core::SceneView scene;
  core::Instance& ground = addThing(scene,
                                    {.kind = core::MeshKind::Plane,
                                     .size = {20.0f, 0.0f, 20.0f},
                                     .subdivisions = 4,
                                     .debugName = "ground"},
                                    kGrey, glm::mat4(1.0f));
  ground.castsShadow = false;
  addThing(scene, {.kind = core::MeshKind::Box, .size = glm::vec3(1.0f), .debugName = "red box"},
           kRed, glm::translate(glm::mat4(1.0f), {0.0f, 0.5f, 0.0f}));
  scene.light.direction = {0.6f, -1.0f, -0.5f};
  scene.camera.position = {0.0f, 5.0f, 8.0f};
  scene.camera.target = {0.0f, 0.0f, 0.0f};
  return scene;
}

} // namespace skillsim::render::testing
