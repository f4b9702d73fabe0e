#include "SwapchainTarget.h"

#include <skillsim/core/Log.h>

#include <algorithm>

namespace skillsim::render::detail {

SwapchainTarget::SwapchainTarget(const VulkanContext& context, std::uint32_t width,
                                 std::uint32_t height, bool vsync)
    : mContext(context), mVsync(vsync), mRequested{width, height} {
  std::uint32_t count = 0;
  vkGetPhysicalDeviceSurfaceFormatsKHR(context.physicalDevice(), context.surface(), &count,
                                       nullptr);
  std::vector<VkSurfaceFormatKHR> formats(count);
  vkGetPhysicalDeviceSurfaceFormatsKHR(context.physicalDevice(), context.surface(), &count,
                                       formats.data());
  // UNORM, not SRGB: the shaders encode, and Dear ImGui 1.86's colours assume a UNORM target.
  const auto found = std::find_if(formats.begin(), formats.end(), [](VkSurfaceFormatKHR f) {
    return (f.format == VK_FORMAT_B8G8R8A8_UNORM || f.format == VK_FORMAT_R8G8B8A8_UNORM) &&
           f.colorSpace == VK_COLOR_SPACE_SRGB_NONLINEAR_KHR;
  });
  if (found != formats.end()) {
    mFormat = found->format;
    mColorSpace = found->colorSpace;
  } else if (!formats.empty()) {
    mFormat = formats.front().format;
    mColorSpace = formats.front().colorSpace;
    core::logger().warn("swapchain: no UNORM BGRA/RGBA format; using format {}",
                        static_cast<int>(mFormat));
  }
  rebuild();
}

SwapchainTarget::~SwapchainTarget() { vkDeviceWaitIdle(mContext.device()); }

TargetImage SwapchainTarget::image(std::uint32_t index) const {
  return {index, mImages[index], mViews[index].get()};
}

void SwapchainTarget::rebuild() {
  const DeviceRef& ref = mContext.deviceRef();
  vkDeviceWaitIdle(ref.device);
  mDirty = false;
  VkSurfaceCapabilitiesKHR caps;
  SKILLSIM_VK_CHECK(vkGetPhysicalDeviceSurfaceCapabilitiesKHR(mContext.physicalDevice(),
                                                              mContext.surface(), &caps));
  VkExtent2D extent = caps.currentExtent;
  if (extent.width == 0xFFFFFFFFu) { // the surface takes the swapchain's size
    extent.width =
        std::clamp(mRequested.width, caps.minImageExtent.width, caps.maxImageExtent.width);
    extent.height =
        std::clamp(mRequested.height, caps.minImageExtent.height, caps.maxImageExtent.height);
  }
  mViews.clear();
  mImages.clear();
  mRenderFinished.clear();
  ++mGeneration;
  if (extent.width == 0 || extent.height == 0 || mRequested.width == 0 || mRequested.height == 0) {
    mSwapchain.reset(); // minimised: no images until a size comes back
    mExtent = {0, 0};
    return;
  }
  std::uint32_t modeCount = 0;
  vkGetPhysicalDeviceSurfacePresentModesKHR(mContext.physicalDevice(), mContext.surface(),
                                            &modeCount, nullptr);
  std::vector<VkPresentModeKHR> modes(modeCount);
  vkGetPhysicalDeviceSurfacePresentModesKHR(mContext.physicalDevice(), mContext.surface(),
                                            &modeCount, modes.data());
  VkPresentModeKHR mode = VK_PRESENT_MODE_FIFO_KHR; // always supported
  if (!mVsync) {
    for (VkPresentModeKHR wanted : {VK_PRESENT_MODE_MAILBOX_KHR, VK_PRESENT_MODE_IMMEDIATE_KHR}) {
      if (std::find(modes.begin(), modes.end(), wanted) != modes.end()) {
        mode = wanted;
        break;
      }
    }
  }
  std::uint32_t imageCount = std::max(caps.minImageCount + 1, 2u);
  if (caps.maxImageCount != 0) {
    imageCount = std::min(imageCount, caps.maxImageCount);
  }
  VkSwapchainCreateInfoKHR info{VK_STRUCTURE_TYPE_SWAPCHAIN_CREATE_INFO_KHR};
  info.surface = mContext.surface();
  info.minImageCount = imageCount;
  info.imageFormat = mFormat;
  info.imageColorSpace = mColorSpace;
  info.imageExtent = extent;
  info.imageArrayLayers = 1;
  // Transfer destination too where the surface allows it: a scene drawn at a render scale < 1
  // is blitted into the swapchain image.
  mTransferDst = (caps.supportedUsageFlags & VK_IMAGE_USAGE_TRANSFER_DST_BIT) != 0;
  info.imageUsage =
      VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT |
      (mTransferDst ? VkImageUsageFlags{VK_IMAGE_USAGE_TRANSFER_DST_BIT} : VkImageUsageFlags{0});
  info.imageSharingMode = VK_SHARING_MODE_EXCLUSIVE;
  info.preTransform = caps.currentTransform;
  info.compositeAlpha = (caps.supportedCompositeAlpha & VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR) != 0
                            ? VK_COMPOSITE_ALPHA_OPAQUE_BIT_KHR
                            : VK_COMPOSITE_ALPHA_INHERIT_BIT_KHR;
  info.presentMode = mode;
  info.clipped = VK_TRUE;
  info.oldSwapchain = mSwapchain.get();
  VkSwapchainKHR swapchain = VK_NULL_HANDLE;
  SKILLSIM_VK_CHECK(vkCreateSwapchainKHR(ref.device, &info, nullptr, &swapchain));
  mSwapchain = Swapchain(ref, swapchain, "window swapchain"); // destroys the old one
  mExtent = extent;
  std::uint32_t count = 0;
  SKILLSIM_VK_CHECK(vkGetSwapchainImagesKHR(ref.device, swapchain, &count, nullptr));
  mImages.resize(count);
  SKILLSIM_VK_CHECK(vkGetSwapchainImagesKHR(ref.device, swapchain, &count, mImages.data()));
  for (std::uint32_t i = 0; i < count; ++i) {
    ref.name(VK_OBJECT_TYPE_IMAGE, reinterpret_cast<std::uint64_t>(mImages[i]),
             "swapchain image " + std::to_string(i));
    VkImageViewCreateInfo viewInfo{VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO};
    viewInfo.image = mImages[i];
    viewInfo.viewType = VK_IMAGE_VIEW_TYPE_2D;
    viewInfo.format = mFormat;
    viewInfo.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
    VkImageView view = VK_NULL_HANDLE;
    SKILLSIM_VK_CHECK(vkCreateImageView(ref.device, &viewInfo, nullptr, &view));
    mViews.emplace_back(ref, view, "swapchain image view " + std::to_string(i));
    VkSemaphoreCreateInfo semaphoreInfo{VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO};
    VkSemaphore semaphore = VK_NULL_HANDLE;
    SKILLSIM_VK_CHECK(vkCreateSemaphore(ref.device, &semaphoreInfo, nullptr, &semaphore));
    mRenderFinished.emplace_back(ref, semaphore, "render finished " + std::to_string(i));
  }
  core::logger().debug("swapchain: {}x{}, {} images, present mode {}", extent.width, extent.height,
                       count, static_cast<int>(mode));
}

bool SwapchainTarget::prepare() {
  if (mDirty || (mSwapchain.empty() && mRequested.width != 0 && mRequested.height != 0)) {
    rebuild();
  }
  return !mSwapchain.empty();
}

std::optional<TargetImage> SwapchainTarget::acquire(VkSemaphore imageReady) {
  if (mSwapchain.empty()) {
    return std::nullopt;
  }
  std::uint32_t index = 0;
  const VkResult result = vkAcquireNextImageKHR(mContext.device(), mSwapchain.get(), UINT64_MAX,
                                                imageReady, VK_NULL_HANDLE, &index);
  if (result == VK_ERROR_OUT_OF_DATE_KHR) {
    rebuild();
    return std::nullopt; // imageReady was not signalled: nothing to wait for
  }
  if (result == VK_SUBOPTIMAL_KHR) {
    mDirty = true; // imageReady will be signalled: draw and present this one, rebuild after
  } else {
    SKILLSIM_VK_CHECK(result);
  }
  return image(index);
}

void SwapchainTarget::present(const TargetImage& target) {
  VkPresentInfoKHR info{VK_STRUCTURE_TYPE_PRESENT_INFO_KHR};
  const VkSemaphore wait = mRenderFinished[target.index].get();
  const VkSwapchainKHR swapchain = mSwapchain.get();
  info.waitSemaphoreCount = 1;
  info.pWaitSemaphores = &wait;
  info.swapchainCount = 1;
  info.pSwapchains = &swapchain;
  info.pImageIndices = &target.index;
  const VkResult result = vkQueuePresentKHR(mContext.queue(), &info);
  if (result == VK_ERROR_OUT_OF_DATE_KHR || result == VK_SUBOPTIMAL_KHR) {
    mDirty = true;
  } else {
    SKILLSIM_VK_CHECK(result);
  }
}

void SwapchainTarget::resize(std::uint32_t width, std::uint32_t height) {
  if (width != mRequested.width || height != mRequested.height) {
    mRequested = {width, height};
    mDirty = true;
  }
}

} // namespace skillsim::render::detail
