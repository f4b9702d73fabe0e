#pragma once

#include "RenderTarget.h"
#include "VulkanContext.h"

#include <vector>

namespace skillsim::render::detail {

/**
 * The last pass of a frame: a VkRenderPass over the resolved target image (load, store) in which
 * Dear ImGui 1.86's Vulkan backend draws (it cannot use dynamic rendering). It also moves the image
 * to the target's final layout, so it runs every frame, with or without ImGui.
 */
class UiPass {
public:
  UiPass(const VulkanContext& context, VkFormat format, VkImageLayout finalLayout);
  ~UiPass();
  UiPass(const UiPass&) = delete;
  UiPass& operator=(const UiPass&) = delete;

  /** Rebuilds the framebuffers when the target's images changed. */
  void syncFramebuffers(const RenderTarget& target);

  /** Connects the current ImGui context and uploads its fonts; false without a context. */
  bool attachImGui(std::uint32_t imageCount);
  void detachImGui();
  [[nodiscard]] bool imguiAttached() const { return mImGui; }
  /** ImGui_ImplVulkan_NewFrame when attached. */
  void beginImGuiFrame();

  /** Records the pass for target image `index` (in COLOR_ATTACHMENT_OPTIMAL on entry). */
  void record(VkCommandBuffer cmd, std::uint32_t index, VkExtent2D extent);

private:
  const VulkanContext& mContext;
  RenderPass mRenderPass;
  DescriptorPool mImGuiPool;
  std::vector<Framebuffer> mFramebuffers;
  std::uint64_t mGeneration = 0;
  bool mImGui = false;
};

} // namespace skillsim::render::detail
