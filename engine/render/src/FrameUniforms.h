#pragma once

#include <glm/glm.hpp>

namespace skillsim::render::detail {

/** The per-frame uniform block; std140 layout of `FrameData` in shaders/common.glsl. */
struct FrameUniforms {
  glm::mat4 viewProjection{1.0f};
  glm::mat4 lightViewProjection{1.0f};
  glm::vec4 cameraPosition{0.0f};
  glm::vec4 lightDirection{0.0f, -1.0f, 0.0f, 0.0f}; ///< w: 1 = shadows on
  glm::vec4 lightColor{1.0f};
  glm::vec4 skyColor{0.5f};
  glm::vec4 groundColor{0.2f};
  glm::vec4 shadowParams{0.0f}; ///< x: 1/size, y: normal offset (m), z: PCF step (texels)
};
static_assert(sizeof(FrameUniforms) == 2 * 64 + 6 * 16, "must match the std140 block");

/** One drawn instance as the vertex shader reads it (binding 1, per-instance rate). */
struct InstanceData {
  glm::vec4 model[4];
  glm::vec4 normalMatrix[3];
  glm::vec4 baseColor;
  glm::vec4 surface; ///< x: roughness, y: metallic
};
static_assert(sizeof(InstanceData) == 144);

/** One debug-line vertex (binding 0 of the line pipeline). */
struct LineVertex {
  glm::vec3 position;
  glm::vec4 color;
};

} // namespace skillsim::render::detail
