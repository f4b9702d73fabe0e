#pragma once

#include "VulkanContext.h"

#include <cstddef>
#include <string>

namespace skillsim::render::detail {

/**
 * A VkBuffer with its own memory. Host-visible buffers stay mapped for their lifetime (coherent
 * memory, so no flushes). Move-only; empty when default-constructed.
 */
class GpuBuffer {
public:
  GpuBuffer() = default;
  /** A buffer of `size` bytes for `usage`; `hostVisible` picks mapped, coherent memory. */
  GpuBuffer(const VulkanContext& context, VkDeviceSize size, VkBufferUsageFlags usage,
            bool hostVisible, const std::string& debugName);

  [[nodiscard]] VkBuffer get() const { return mBuffer.get(); }
  [[nodiscard]] VkDeviceSize size() const { return mSize; }
  /** The mapped memory (host-visible buffers only, else null). */
  [[nodiscard]] void* mapped() const { return mMapped; }
  [[nodiscard]] bool empty() const { return mBuffer.empty(); }

private:
  DeviceMemory mMemory; // declared first: destroyed after the buffer bound to it
  Buffer mBuffer;
  VkDeviceSize mSize = 0;
  void* mMapped = nullptr;
};

/** A 2D VkImage with its own device-local memory and one view over all of it. */
class GpuImage {
public:
  GpuImage() = default;
  GpuImage(const VulkanContext& context, VkExtent2D extent, VkFormat format,
           VkImageUsageFlags usage, VkSampleCountFlagBits samples, VkImageAspectFlags aspect,
           const std::string& debugName);

  [[nodiscard]] VkImage get() const { return mImage.get(); }
  [[nodiscard]] VkImageView view() const { return mView.get(); }
  [[nodiscard]] VkFormat format() const { return mFormat; }
  [[nodiscard]] VkExtent2D extent() const { return mExtent; }
  [[nodiscard]] bool empty() const { return mImage.empty(); }

private:
  DeviceMemory mMemory; // declared first: destroyed after the image bound to it
  Image mImage;
  ImageView mView;
  VkFormat mFormat = VK_FORMAT_UNDEFINED;
  VkExtent2D mExtent{0, 0};
};

/** Records a layout transition of a whole image (synchronization2). */
void transitionImage(VkCommandBuffer cmd, VkImage image, VkImageAspectFlags aspect,
                     VkImageLayout from, VkImageLayout to, VkPipelineStageFlags2 srcStage,
                     VkAccessFlags2 srcAccess, VkPipelineStageFlags2 dstStage,
                     VkAccessFlags2 dstAccess);

} // namespace skillsim::render::detail
