#pragma once

#include <string>

namespace skillsim::render {

/**
 * Vulkan API version the installed loader supports, as "1.3.239" (vkEnumerateInstanceVersion),
 * or "no Vulkan loader" when it cannot be queried. Needs no GPU.
 */
[[nodiscard]] std::string vulkanLoaderVersion();

} // namespace skillsim::render
