#include "GpuBuffer.h"

namespace skillsim::render::detail {

GpuBuffer::GpuBuffer(const VulkanContext& context, VkDeviceSize size, VkBufferUsageFlags usage,
                     bool hostVisible, const std::string& debugName)
    : mSize(size) {
  const DeviceRef& ref = context.deviceRef();
  VkBufferCreateInfo info{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
  info.size = size;
  info.usage = usage;
  info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  VkBuffer buffer = VK_NULL_HANDLE;
  SKILLSIM_VK_CHECK(vkCreateBuffer(ref.device, &info, nullptr, &buffer));
  mBuffer = Buffer(ref, buffer, debugName);
  VkMemoryRequirements requirements;
  vkGetBufferMemoryRequirements(ref.device, buffer, &requirements);
  VkMemoryAllocateInfo alloc{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
  alloc.allocationSize = requirements.size;
  alloc.memoryTypeIndex = context.memoryType(requirements.memoryTypeBits,
                                             hostVisible ? VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT |
                                                               VK_MEMORY_PROPERTY_HOST_COHERENT_BIT
                                                         : VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
  VkDeviceMemory memory = VK_NULL_HANDLE;
  SKILLSIM_VK_CHECK(vkAllocateMemory(ref.device, &alloc, nullptr, &memory));
  mMemory = DeviceMemory(ref, memory, debugName + " memory");
  SKILLSIM_VK_CHECK(vkBindBufferMemory(ref.device, buffer, memory, 0));
  if (hostVisible) {
    SKILLSIM_VK_CHECK(vkMapMemory(ref.device, memory, 0, VK_WHOLE_SIZE, 0, &mMapped));
  }
}

GpuImage::GpuImage(const VulkanContext& context, VkExtent2D extent, VkFormat format,
                   VkImageUsageFlags usage, VkSampleCountFlagBits samples,
                   VkImageAspectFlags aspect, const std::string& debugName)
    : mFormat(format), mExtent(extent) {
  const DeviceRef& ref = context.deviceRef();
  VkImageCreateInfo info{VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO};
  info.imageType = VK_IMAGE_TYPE_2D;
  info.format = format;
  info.extent = {extent.width, extent.height, 1};
  info.mipLevels = 1;
  info.arrayLayers = 1;
  info.samples = samples;
  info.tiling = VK_IMAGE_TILING_OPTIMAL;
  info.usage = usage;
  info.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  info.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
  VkImage image = VK_NULL_HANDLE;
  SKILLSIM_VK_CHECK(vkCreateImage(ref.device, &info, nullptr, &image));
  mImage = Image(ref, image, debugName);
  VkMemoryRequirements requirements;
  vkGetImageMemoryRequirements(ref.device, image, &requirements);
  VkMemoryAllocateInfo alloc{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
  alloc.allocationSize = requirements.size;
  alloc.memoryTypeIndex =
      context.memoryType(requirements.memoryTypeBits, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
  VkDeviceMemory memory = VK_NULL_HANDLE;
  SKILLSIM_VK_CHECK(vkAllocateMemory(ref.device, &alloc, nullptr, &memory));
  mMemory = DeviceMemory(ref, memory, debugName + " memory");
  SKILLSIM_VK_CHECK(vkBindImageMemory(ref.device, image, memory, 0));
  VkImageViewCreateInfo viewInfo{VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO};
  viewInfo.image = image;
  viewInfo.viewType = VK_IMAGE_VIEW_TYPE_2D;
  viewInfo.format = format;
  viewInfo.subresourceRange = {aspect, 0, 1, 0, 1};
  VkImageView view = VK_NULL_HANDLE;
  SKILLSIM_VK_CHECK(vkCreateImageView(ref.device, &viewInfo, nullptr, &view));
  mView = ImageView(ref, view, debugName + " view");
}

void transitionImage(VkCommandBuffer cmd, VkImage image, VkImageAspectFlags aspect,
                     VkImageLayout from, VkImageLayout to, VkPipelineStageFlags2 srcStage,
                     VkAccessFlags2 srcAccess, VkPipelineStageFlags2 dstStage,
                     VkAccessFlags2 dstAccess) {
  VkImageMemoryBarrier2 barrier{VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER_2};
  barrier.srcStageMask = srcStage;
  barrier.srcAccessMask = srcAccess;
  barrier.dstStageMask = dstStage;
  barrier.dstAccessMask = dstAccess;
  barrier.oldLayout = from;
  barrier.newLayout = to;
  barrier.srcQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  barrier.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  barrier.image = image;
  barrier.subresourceRange = {aspect, 0, 1, 0, 1};
  VkDependencyInfo dependency{VK_STRUCTURE_TYPE_DEPENDENCY_INFO};
  dependency.imageMemoryBarrierCount = 1;
  dependency.pImageMemoryBarriers = &barrier;
  vkCmdPipelineBarrier2(cmd, &dependency);
}

} // namespace skillsim::render::detail
