#pragma once

#include <vulkan/vulkan.h>

#include <cstdint>
#include <optional>

namespace skillsim::render::detail {

/** The image a frame ends in, as RenderTarget::acquire hands it out. */
struct TargetImage {
  std::uint32_t index = 0; ///< Which of the target's images (swapchain index; 0 offscreen).
  VkImage image = VK_NULL_HANDLE;
  VkImageView view = VK_NULL_HANDLE;
};

/**
 * Where frames end up: a window's swapchain or an offscreen image. The renderer draws the same
 * way into either; only acquiring, presenting and the final layout differ (Filament's
 * SwapChain / headless split).
 */
class RenderTarget {
public:
  RenderTarget() = default;
  RenderTarget(const RenderTarget&) = delete;
  RenderTarget& operator=(const RenderTarget&) = delete;
  virtual ~RenderTarget() = default;

  [[nodiscard]] virtual VkFormat format() const = 0;
  [[nodiscard]] virtual VkExtent2D extent() const = 0;
  [[nodiscard]] virtual std::uint32_t imageCount() const = 0;
  [[nodiscard]] virtual TargetImage image(std::uint32_t index) const = 0;
  /** Layout the UI pass leaves the image in: PRESENT_SRC_KHR or TRANSFER_SRC_OPTIMAL. */
  [[nodiscard]] virtual VkImageLayout finalLayout() const = 0;
  /** True when the images can be a transfer (blit) destination: needed for a render scale < 1. */
  [[nodiscard]] virtual bool acceptsTransfers() const = 0;
  /** Bumped whenever the images are recreated (views and framebuffers must follow). */
  [[nodiscard]] virtual std::uint64_t generation() const = 0;

  /**
   * Rebuilds the images if a resize or an out-of-date swapchain asked for it. False when there is
   * nothing to draw into (a minimised window): skip the frame.
   */
  virtual bool prepare() = 0;
  /**
   * The image to draw this frame into. `imageReady` is signalled when it may be written (windowed)
   * or left alone (offscreen). Empty: skip this frame (minimised, or the swapchain was rebuilt).
   */
  virtual std::optional<TargetImage> acquire(VkSemaphore imageReady) = 0;
  /** The semaphore the frame's submission signals and present() waits on; null offscreen. */
  [[nodiscard]] virtual VkSemaphore renderFinished(std::uint32_t index) const = 0;
  /** Shows the image (windowed); rebuilds the swapchain when out of date or suboptimal. */
  virtual void present(const TargetImage& image) = 0;
  /** New size in pixels; 0 x 0 means minimised. */
  virtual void resize(std::uint32_t width, std::uint32_t height) = 0;
};

} // namespace skillsim::render::detail
