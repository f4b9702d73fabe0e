#pragma once

#include "VkCheck.h"

#include <cstdint>
#include <string_view>
#include <utility>

namespace skillsim::render::detail {

/**
 * What a device-level owner needs besides the handle: the device that destroys it and the
 * VK_EXT_debug_utils entry point that names it (null when the extension is absent).
 */
struct DeviceRef {
  VkDevice device = VK_NULL_HANDLE;
  PFN_vkSetDebugUtilsObjectNameEXT setObjectName = nullptr;

  /** Gives `handle` a name shown by validation messages and graphics debuggers. */
  void name(VkObjectType type, std::uint64_t handle, std::string_view debugName) const;
};

/** Per handle type: its VkObjectType and how it is destroyed. */
template <typename T>
struct HandleTraits;

#define SKILLSIM_DEVICE_HANDLE_TRAITS(Type, objectType, destroyCall)                               \
  template <>                                                                                      \
  struct HandleTraits<Type> {                                                                      \
    static constexpr VkObjectType kObjectType = objectType;                                        \
    static void destroy(VkDevice device, Type handle) { destroyCall(device, handle, nullptr); }    \
  };
SKILLSIM_DEVICE_HANDLE_TRAITS(VkBuffer, VK_OBJECT_TYPE_BUFFER, vkDestroyBuffer)
SKILLSIM_DEVICE_HANDLE_TRAITS(VkImage, VK_OBJECT_TYPE_IMAGE, vkDestroyImage)
SKILLSIM_DEVICE_HANDLE_TRAITS(VkImageView, VK_OBJECT_TYPE_IMAGE_VIEW, vkDestroyImageView)
SKILLSIM_DEVICE_HANDLE_TRAITS(VkDeviceMemory, VK_OBJECT_TYPE_DEVICE_MEMORY, vkFreeMemory)
SKILLSIM_DEVICE_HANDLE_TRAITS(VkSampler, VK_OBJECT_TYPE_SAMPLER, vkDestroySampler)
SKILLSIM_DEVICE_HANDLE_TRAITS(VkFence, VK_OBJECT_TYPE_FENCE, vkDestroyFence)
SKILLSIM_DEVICE_HANDLE_TRAITS(VkSemaphore, VK_OBJECT_TYPE_SEMAPHORE, vkDestroySemaphore)
SKILLSIM_DEVICE_HANDLE_TRAITS(VkCommandPool, VK_OBJECT_TYPE_COMMAND_POOL, vkDestroyCommandPool)
SKILLSIM_DEVICE_HANDLE_TRAITS(VkShaderModule, VK_OBJECT_TYPE_SHADER_MODULE, vkDestroyShaderModule)
SKILLSIM_DEVICE_HANDLE_TRAITS(VkPipeline, VK_OBJECT_TYPE_PIPELINE, vkDestroyPipeline)
SKILLSIM_DEVICE_HANDLE_TRAITS(VkPipelineLayout, VK_OBJECT_TYPE_PIPELINE_LAYOUT,
                              vkDestroyPipelineLayout)
SKILLSIM_DEVICE_HANDLE_TRAITS(VkDescriptorSetLayout, VK_OBJECT_TYPE_DESCRIPTOR_SET_LAYOUT,
                              vkDestroyDescriptorSetLayout)
SKILLSIM_DEVICE_HANDLE_TRAITS(VkDescriptorPool, VK_OBJECT_TYPE_DESCRIPTOR_POOL,
                              vkDestroyDescriptorPool)
SKILLSIM_DEVICE_HANDLE_TRAITS(VkRenderPass, VK_OBJECT_TYPE_RENDER_PASS, vkDestroyRenderPass)
SKILLSIM_DEVICE_HANDLE_TRAITS(VkFramebuffer, VK_OBJECT_TYPE_FRAMEBUFFER, vkDestroyFramebuffer)
SKILLSIM_DEVICE_HANDLE_TRAITS(VkSwapchainKHR, VK_OBJECT_TYPE_SWAPCHAIN_KHR, vkDestroySwapchainKHR)
#undef SKILLSIM_DEVICE_HANDLE_TRAITS

/**
 * Move-only owner of one device-level Vulkan handle (Magnum::Vk style). A default-constructed or
 * moved-from owner is empty and destroys nothing. Creating one names the object (debug utils).
 * Objects the GPU may still use are handed to a DeletionQueue instead of dying in place.
 */
template <typename T>
class Owned {
public:
  Owned() = default;
  Owned(const DeviceRef& device, T handle, std::string_view debugName)
      : mDevice(device.device), mHandle(handle) {
    if (handle != VK_NULL_HANDLE) {
      device.name(HandleTraits<T>::kObjectType, reinterpret_cast<std::uint64_t>(handle), debugName);
    }
  }
  Owned(const Owned&) = delete;
  Owned& operator=(const Owned&) = delete;
  Owned(Owned&& other) noexcept
      : mDevice(other.mDevice), mHandle(std::exchange(other.mHandle, VK_NULL_HANDLE)) {}
  Owned& operator=(Owned&& other) noexcept {
    if (this != &other) {
      reset();
      mDevice = other.mDevice;
      mHandle = std::exchange(other.mHandle, VK_NULL_HANDLE);
    }
    return *this;
  }
  ~Owned() { reset(); }

  /** Destroys the object now (the caller knows the GPU is done with it). */
  void reset() {
    if (mHandle != VK_NULL_HANDLE) {
      HandleTraits<T>::destroy(mDevice, mHandle);
      mHandle = VK_NULL_HANDLE;
    }
  }

  [[nodiscard]] T get() const { return mHandle; }
  [[nodiscard]] const T* address() const { return &mHandle; }
  [[nodiscard]] bool empty() const { return mHandle == VK_NULL_HANDLE; }
  explicit operator bool() const { return !empty(); }

private:
  VkDevice mDevice = VK_NULL_HANDLE;
  T mHandle = VK_NULL_HANDLE;
};

using Buffer = Owned<VkBuffer>;
using Image = Owned<VkImage>;
using ImageView = Owned<VkImageView>;
using DeviceMemory = Owned<VkDeviceMemory>;
using Sampler = Owned<VkSampler>;
using Fence = Owned<VkFence>;
using Semaphore = Owned<VkSemaphore>;
using CommandPool = Owned<VkCommandPool>;
using ShaderModule = Owned<VkShaderModule>;
using Pipeline = Owned<VkPipeline>;
using PipelineLayout = Owned<VkPipelineLayout>;
using DescriptorSetLayout = Owned<VkDescriptorSetLayout>;
using DescriptorPool = Owned<VkDescriptorPool>;
using RenderPass = Owned<VkRenderPass>;
using Framebuffer = Owned<VkFramebuffer>;
using Swapchain = Owned<VkSwapchainKHR>;

} // namespace skillsim::render::detail
