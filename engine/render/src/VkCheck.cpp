#include "VkCheck.h"

#include <skillsim/core/Check.h>
#include <skillsim/core/Log.h>

#include <string>

namespace skillsim::render::detail {

const char* resultName(VkResult result) {
  switch (result) {
#define SKILLSIM_RESULT_CASE(name)                                                                 \
  case name: return #name;
    SKILLSIM_RESULT_CASE(VK_SUCCESS)
    SKILLSIM_RESULT_CASE(VK_NOT_READY)
    SKILLSIM_RESULT_CASE(VK_TIMEOUT)
    SKILLSIM_RESULT_CASE(VK_EVENT_SET)
    SKILLSIM_RESULT_CASE(VK_EVENT_RESET)
    SKILLSIM_RESULT_CASE(VK_INCOMPLETE)
    SKILLSIM_RESULT_CASE(VK_ERROR_OUT_OF_HOST_MEMORY)
    SKILLSIM_RESULT_CASE(VK_ERROR_OUT_OF_DEVICE_MEMORY)
    SKILLSIM_RESULT_CASE(VK_ERROR_INITIALIZATION_FAILED)
    SKILLSIM_RESULT_CASE(VK_ERROR_DEVICE_LOST)
    SKILLSIM_RESULT_CASE(VK_ERROR_MEMORY_MAP_FAILED)
    SKILLSIM_RESULT_CASE(VK_ERROR_LAYER_NOT_PRESENT)
    SKILLSIM_RESULT_CASE(VK_ERROR_EXTENSION_NOT_PRESENT)
    SKILLSIM_RESULT_CASE(VK_ERROR_FEATURE_NOT_PRESENT)
    SKILLSIM_RESULT_CASE(VK_ERROR_INCOMPATIBLE_DRIVER)
    SKILLSIM_RESULT_CASE(VK_ERROR_TOO_MANY_OBJECTS)
    SKILLSIM_RESULT_CASE(VK_ERROR_FORMAT_NOT_SUPPORTED)
    SKILLSIM_RESULT_CASE(VK_ERROR_FRAGMENTED_POOL)
    SKILLSIM_RESULT_CASE(VK_ERROR_UNKNOWN)
    SKILLSIM_RESULT_CASE(VK_ERROR_OUT_OF_POOL_MEMORY)
    SKILLSIM_RESULT_CASE(VK_ERROR_SURFACE_LOST_KHR)
    SKILLSIM_RESULT_CASE(VK_ERROR_NATIVE_WINDOW_IN_USE_KHR)
    SKILLSIM_RESULT_CASE(VK_SUBOPTIMAL_KHR)
    SKILLSIM_RESULT_CASE(VK_ERROR_OUT_OF_DATE_KHR)
#undef SKILLSIM_RESULT_CASE
  default: return "VkResult(unknown)";
  }
}

void vulkanCallFailed(const char* call, VkResult result, const char* file, int line) {
  const std::string message = std::string(call) + " returned " + resultName(result) + " (" +
                              std::to_string(static_cast<int>(result)) + ")";
  core::logger().error("{}:{}: {}", file, line, message);
  core::contractFailed(file, line, "VkResult == VK_SUCCESS", message);
}

} // namespace skillsim::render::detail
