#pragma once

#include <vulkan/vulkan.h>

namespace skillsim::render::detail {

/** The enumerator's name, e.g. "VK_ERROR_DEVICE_LOST"; "VkResult(<n>)" for unknown values. */
[[nodiscard]] const char* resultName(VkResult result);

/** Logs `file:line: call returned RESULT` and reports a contract violation (never returns). */
[[noreturn]] void vulkanCallFailed(const char* call, VkResult result, const char* file, int line);

} // namespace skillsim::render::detail

/**
 * SKILLSIM_VK_CHECK(vkCall(...)): a Vulkan call that must succeed. A failure is a broken contract
 * (out of memory, device lost in a place that cannot recover): it prints the call, the result and
 * file:line, then aborts (throws in tests). Expected results such as VK_ERROR_OUT_OF_DATE_KHR are
 * handled where they happen, never through this macro.
 */
#define SKILLSIM_VK_CHECK(call)                                                                    \
  do {                                                                                             \
    const VkResult skillsimVkResult = (call);                                                      \
    if (skillsimVkResult != VK_SUCCESS) [[unlikely]] {                                             \
      ::skillsim::render::detail::vulkanCallFailed(#call, skillsimVkResult, __FILE__, __LINE__);   \
    }                                                                                              \
  } while (false)
