#pragma once

#include "GpuBuffer.h"
#include "RenderTarget.h"

namespace skillsim::render::detail {

/** One RGBA8 (UNORM) image that frames render into and readPixels() copies out of. */
class OffscreenTarget final : public RenderTarget {
public:
  OffscreenTarget(const VulkanContext& context, std::uint32_t width, std::uint32_t height);

  [[nodiscard]] VkFormat format() const override { return VK_FORMAT_R8G8B8A8_UNORM; }
  [[nodiscard]] VkExtent2D extent() const override { return mImage.extent(); }
  [[nodiscard]] std::uint32_t imageCount() const override { return 1; }
  [[nodiscard]] TargetImage image(std::uint32_t) const override {
    return {0, mImage.get(), mImage.view()};
  }
  [[nodiscard]] VkImageLayout finalLayout() const override {
    return VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
  }
  [[nodiscard]] bool acceptsTransfers() const override { return true; }
  [[nodiscard]] std::uint64_t generation() const override { return mGeneration; }
  bool prepare() override { return true; }
  std::optional<TargetImage> acquire(VkSemaphore) override { return image(0); }
  [[nodiscard]] VkSemaphore renderFinished(std::uint32_t) const override { return VK_NULL_HANDLE; }
  void present(const TargetImage&) override {}
  void resize(std::uint32_t width, std::uint32_t height) override;

private:
  const VulkanContext& mContext;
  GpuImage mImage;
  std::uint64_t mGeneration = 1;
};

} // namespace skillsim::render::detail
