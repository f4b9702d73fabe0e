#pragma once

#include <skillsim/core/SceneView.h>

#include <glm/glm.hpp>

#include <optional>

namespace skillsim::render {

/**
 * World-to-view matrix of `camera` (right-handed, looking along -Z of the view, Y up). A camera
 * looking along its `up` (straight down with the default up) gets world -Z as its screen up
 * (north up, as an overhead view), or +Y when it looks along Z.
 */
[[nodiscard]] glm::mat4 viewMatrix(const core::Camera& camera);

/**
 * View-to-clip matrix for Vulkan: perspective with `camera.verticalFovRadians`, `aspect` = width /
 * height, depth mapped to [0, 1] (near to far) and Y flipped so +Y is up on screen.
 */
[[nodiscard]] glm::mat4 projectionMatrix(const core::Camera& camera, float aspect);

/**
 * Where the world point `point` lands in a `width` x `height` image rendered from `camera`, in
 * pixels (x right, y down, pixel centres at .5). Empty when the point is behind the camera.
 */
[[nodiscard]] std::optional<glm::vec2> projectToPixel(const core::Camera& camera,
                                                      std::uint32_t width, std::uint32_t height,
                                                      glm::vec3 point);

} // namespace skillsim::render
