#include "OffscreenTarget.h"

#include <algorithm>

namespace skillsim::render::detail {
namespace {

GpuImage makeImage(const VulkanContext& context, std::uint32_t width, std::uint32_t height) {
  // An offscreen target cannot be minimised: keep at least one pixel.
  return GpuImage(context, {std::max(1u, width), std::max(1u, height)}, VK_FORMAT_R8G8B8A8_UNORM,
                  VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT |
                      VK_IMAGE_USAGE_TRANSFER_DST_BIT,
                  VK_SAMPLE_COUNT_1_BIT, VK_IMAGE_ASPECT_COLOR_BIT, "offscreen colour target");
}

} // namespace

OffscreenTarget::OffscreenTarget(const VulkanContext& context, std::uint32_t width,
                                 std::uint32_t height)
    : mContext(context), mImage(makeImage(context, width, height)) {}

void OffscreenTarget::resize(std::uint32_t width, std::uint32_t height) {
  if (std::max(1u, width) == mImage.extent().width &&
      std::max(1u, height) == mImage.extent().height) {
    return;
  }
  vkDeviceWaitIdle(mContext.device());
  mImage = makeImage(mContext, width, height);
  ++mGeneration;
}

} // namespace skillsim::render::detail
