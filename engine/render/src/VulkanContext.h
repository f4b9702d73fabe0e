#pragma once

#include "VulkanHandle.h"

#include <skillsim/core/Expected.h>
#include <skillsim/render/DeviceChoice.h>
#include <skillsim/render/RendererOptions.h>

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace skillsim::render::detail {

/**
 * The Vulkan instance, validation messenger, optional window surface, the chosen physical device,
 * the logical device and its one graphics (+present) queue. Owns them in reverse creation order.
 * Created behind a unique_ptr: the validation callback keeps a pointer to it.
 */
class VulkanContext {
public:
  /** See Renderer::create for the errors. */
  static core::Expected<std::unique_ptr<VulkanContext>> create(const RendererOptions& options);
  /** Enumerates devices on a temporary instance (no surface). */
  static core::Expected<std::vector<DeviceCandidate>> listDevices();

  VulkanContext(const VulkanContext&) = delete;
  VulkanContext& operator=(const VulkanContext&) = delete;
  ~VulkanContext();

  [[nodiscard]] VkInstance instance() const { return mInstance; }
  [[nodiscard]] VkPhysicalDevice physicalDevice() const { return mPhysicalDevice; }
  [[nodiscard]] VkDevice device() const { return mDevice; }
  [[nodiscard]] const DeviceRef& deviceRef() const { return mDeviceRef; }
  [[nodiscard]] VkQueue queue() const { return mQueue; }
  [[nodiscard]] std::uint32_t queueFamily() const { return mQueueFamily; }
  [[nodiscard]] VkSurfaceKHR surface() const { return mSurface; }
  [[nodiscard]] const VkPhysicalDeviceProperties& properties() const { return mProperties; }
  [[nodiscard]] bool validationEnabled() const { return mValidation; }
  [[nodiscard]] std::uint64_t validationMessageCount() const { return mValidationMessages.load(); }

  /** Index of a memory type allowed by `typeBits` with all of `flags`; a contract if none. */
  [[nodiscard]] std::uint32_t memoryType(std::uint32_t typeBits, VkMemoryPropertyFlags flags) const;

  /** Records commands with `record` into a one-time command buffer, submits and waits. */
  void submitAndWait(const std::function<void(VkCommandBuffer)>& record) const;

  /** Called by the debug messenger: logs and counts. */
  void onValidationMessage(VkDebugUtilsMessageSeverityFlagBitsEXT severity, const char* message);

private:
  VulkanContext() = default;

  VkInstance mInstance = VK_NULL_HANDLE;
  VkDebugUtilsMessengerEXT mMessenger = VK_NULL_HANDLE;
  VkSurfaceKHR mSurface = VK_NULL_HANDLE;
  VkPhysicalDevice mPhysicalDevice = VK_NULL_HANDLE;
  VkPhysicalDeviceProperties mProperties{};
  VkPhysicalDeviceMemoryProperties mMemory{};
  VkDevice mDevice = VK_NULL_HANDLE;
  DeviceRef mDeviceRef;
  VkQueue mQueue = VK_NULL_HANDLE;
  std::uint32_t mQueueFamily = 0;
  CommandPool mUploadPool;
  bool mValidation = false;
  std::atomic<std::uint64_t> mValidationMessages{0};
};

} // namespace skillsim::render::detail
