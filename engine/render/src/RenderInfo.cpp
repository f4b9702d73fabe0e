#include "skillsim/render/RenderInfo.h"

#include <vulkan/vulkan.h>

namespace skillsim::render {

std::string vulkanLoaderVersion() {
  std::uint32_t version = 0;
  if (vkEnumerateInstanceVersion(&version) != VK_SUCCESS) {
    return "no Vulkan loader";
  }
  return std::to_string(VK_API_VERSION_MAJOR(version)) + '.' +
         std::to_string(VK_API_VERSION_MINOR(version)) + '.' +
         std::to_string(VK_API_VERSION_PATCH(version));
}

} // namespace skillsim::render
