#pragma once

#include "RenderTarget.h"
#include "VulkanContext.h"

#include <vector>

namespace skillsim::render::detail {

/**
 * A window's swapchain: B8G8R8A8/R8G8B8A8 UNORM images, FIFO when vsync is on, MAILBOX or
 * IMMEDIATE when off. Rebuilt (after the GPU is idle) on resize, VK_ERROR_OUT_OF_DATE_KHR and
 * VK_SUBOPTIMAL_KHR; a zero-sized (minimised) surface has no images and every frame is skipped.
 */
class SwapchainTarget final : public RenderTarget {
public:
  SwapchainTarget(const VulkanContext& context, std::uint32_t width, std::uint32_t height,
                  bool vsync);
  ~SwapchainTarget() override;

  [[nodiscard]] VkFormat format() const override { return mFormat; }
  [[nodiscard]] VkExtent2D extent() const override { return mExtent; }
  [[nodiscard]] std::uint32_t imageCount() const override {
    return static_cast<std::uint32_t>(mImages.size());
  }
  [[nodiscard]] TargetImage image(std::uint32_t index) const override;
  [[nodiscard]] VkImageLayout finalLayout() const override {
    return VK_IMAGE_LAYOUT_PRESENT_SRC_KHR;
  }
  [[nodiscard]] bool acceptsTransfers() const override { return mTransferDst; }
  [[nodiscard]] std::uint64_t generation() const override { return mGeneration; }
  bool prepare() override;
  std::optional<TargetImage> acquire(VkSemaphore imageReady) override;
  [[nodiscard]] VkSemaphore renderFinished(std::uint32_t index) const override {
    return mRenderFinished[index].get();
  }
  void present(const TargetImage& image) override;
  void resize(std::uint32_t width, std::uint32_t height) override;

private:
  void rebuild();

  const VulkanContext& mContext;
  bool mVsync = true;
  bool mTransferDst = false; ///< The images are TRANSFER_DST (the surface allows it).
  VkFormat mFormat = VK_FORMAT_B8G8R8A8_UNORM;
  VkColorSpaceKHR mColorSpace = VK_COLOR_SPACE_SRGB_NONLINEAR_KHR;
  VkExtent2D mExtent{0, 0};
  VkExtent2D mRequested{0, 0};
  bool mDirty = false;
  Swapchain mSwapchain;
  std::vector<VkImage> mImages;
  std::vector<ImageView> mViews;
  std::vector<Semaphore> mRenderFinished;
  std::uint64_t mGeneration = 0;
};

} // namespace skillsim::render::detail
