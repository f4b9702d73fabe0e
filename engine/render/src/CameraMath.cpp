#include "skillsim/render/CameraMath.h"

#include <glm/gtc/matrix_transform.hpp>

#include <cmath>

namespace skillsim::render {

glm::mat4 viewMatrix(const core::Camera& camera) {
  // Looking along `up` (a fixed camera straight down, as Q2's overview is) leaves the roll
  // undefined and lookAt divides by zero: a NaN matrix, and nothing drawn. Then world -Z is up on
  // screen (north up in a plan view, as Overhead cameras have it), or +Y if looking along Z.
  const glm::vec3 forward = camera.target - camera.position;
  glm::vec3 up = camera.up;
  if (glm::length(glm::cross(forward, up)) <= 1e-6f * glm::length(forward) * glm::length(up)) {
    up = std::abs(forward.z) < std::abs(forward.y) ? glm::vec3(0.0f, 0.0f, -1.0f)
                                                   : glm::vec3(0.0f, 1.0f, 0.0f);
  }
  return glm::lookAtRH(camera.position, camera.target, up);
}

glm::mat4 projectionMatrix(const core::Camera& camera, float aspect) {
  glm::mat4 projection =
      glm::perspectiveRH_ZO(camera.verticalFovRadians, aspect, camera.nearPlane, camera.farPlane);
  projection[1][1] *= -1.0f; // Vulkan's clip space has +Y down
  return projection;
}

std::optional<glm::vec2> projectToPixel(const core::Camera& camera, std::uint32_t width,
                                        std::uint32_t height, glm::vec3 point) {
  const float aspect = static_cast<float>(width) / static_cast<float>(height);
  const glm::vec4 clip =
      projectionMatrix(camera, aspect) * viewMatrix(camera) * glm::vec4(point, 1.0f);
  if (clip.w <= 0.0f) {
    return std::nullopt;
  }
  const glm::vec2 ndc = glm::vec2(clip) / clip.w;
  return glm::vec2((ndc.x * 0.5f + 0.5f) * static_cast<float>(width),
                   (ndc.y * 0.5f + 0.5f) * static_cast<float>(height));
}

} // namespace skillsim::render
