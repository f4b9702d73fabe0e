#include "VulkanHandle.h"

#include <string>

namespace skillsim::render::detail {

void DeviceRef::name(VkObjectType type, std::uint64_t handle, std::string_view debugName) const {
  if (setObjectName == nullptr || debugName.empty()) {
    return;
  }
  const std::string nameCopy(debugName); // the API wants a NUL-terminated string
  VkDebugUtilsObjectNameInfoEXT info{VK_STRUCTURE_TYPE_DEBUG_UTILS_OBJECT_NAME_INFO_EXT};
  info.objectType = type;
  info.objectHandle = handle;
  info.pObjectName = nameCopy.c_str();
  SKILLSIM_VK_CHECK(setObjectName(device, &info));
}

} // namespace skillsim::render::detail
