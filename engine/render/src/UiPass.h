#pragma once

#include "RenderTarget.h"
#include "VulkanContext.h"

#include <vector>

namespace skillsim::render::detail {

/**
 * The last pass of a frame: a VkRenderPass over the resolved target image (load, store) in which
 * Dear ImGui 1.86's Vulkan backend draws (it cannot use dynamic rendering). It also moves the image
 * to the target's final layout, so it runs every frame, with or without ImGui. When the scene was
 * drawn at a render scale below 1, the pass starts by stretching that smaller scene image over the
 * whole target with bilinear filtering (a textured rectangle; the target's old contents are not
 * loaded), then draws the HUD on top at full resolution.
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

  /**
   * The scene image the pass stretches over the target (`view` in SHADER_READ_ONLY_OPTIMAL when
   * the pass runs, colour format with linear filtering); VK_NULL_HANDLE: none. Only while the
   * device is idle (it rewrites the descriptor set).
   */
  void setUpscaleSource(VkImageView view);

  /**
   * Records the pass for target image `index`: with `upscale`, first the scene image of
   * setUpscaleSource stretched over `extent` (the target image's contents on entry are then
   * discarded, any layout); else the target image is loaded (in COLOR_ATTACHMENT_OPTIMAL on entry).
   */
  void record(VkCommandBuffer cmd, std::uint32_t index, VkExtent2D extent, bool upscale);

private:
  void buildUpscale();

  const VulkanContext& mContext;
  RenderPass mRenderPass;
  RenderPass mRenderPassDiscard; ///< The same pass, but not loading the target (upscale first).
  Sampler mUpscaleSampler;
  DescriptorSetLayout mUpscaleSetLayout;
  PipelineLayout mUpscaleLayout;
  Pipeline mUpscale;
  DescriptorPool mUpscalePool;
  VkDescriptorSet mUpscaleSet = VK_NULL_HANDLE;
  bool mUpscaleReady = false;
  DescriptorPool mImGuiPool;
  std::vector<Framebuffer> mFramebuffers;
  std::uint64_t mGeneration = 0;
  bool mImGui = false;
};

} // namespace skillsim::render::detail
