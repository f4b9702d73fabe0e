#include "UiPass.h"

#include <skillsim/core/Log.h>

#include <backends/imgui_impl_vulkan.h>
#include <imgui.h>

#include <array>

namespace skillsim::render::detail {
namespace {

void checkImGuiVulkanResult(VkResult result) {
  if (result != VK_SUCCESS) {
    core::logger().error("Dear ImGui Vulkan backend: a call returned {}", resultName(result));
  }
}

} // namespace

UiPass::UiPass(const VulkanContext& context, VkFormat format, VkImageLayout finalLayout)
    : mContext(context) {
  const DeviceRef& ref = context.deviceRef();
  VkAttachmentDescription attachment{};
  attachment.format = format;
  attachment.samples = VK_SAMPLE_COUNT_1_BIT;
  attachment.loadOp = VK_ATTACHMENT_LOAD_OP_LOAD; // the scene is already there
  attachment.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
  attachment.stencilLoadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
  attachment.stencilStoreOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
  attachment.initialLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  attachment.finalLayout = finalLayout;
  VkAttachmentReference colorRef{0, VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL};
  VkSubpassDescription subpass{};
  subpass.pipelineBindPoint = VK_PIPELINE_BIND_POINT_GRAPHICS;
  subpass.colorAttachmentCount = 1;
  subpass.pColorAttachments = &colorRef;
  std::array<VkSubpassDependency, 2> dependencies{};
  // The scene pass's resolve writes must land before ImGui blends over them.
  dependencies[0].srcSubpass = VK_SUBPASS_EXTERNAL;
  dependencies[0].dstSubpass = 0;
  dependencies[0].srcStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
  dependencies[0].dstStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
  dependencies[0].srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
  dependencies[0].dstAccessMask =
      VK_ACCESS_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
  // And the final image must be written before it is copied out (offscreen read-back).
  dependencies[1].srcSubpass = 0;
  dependencies[1].dstSubpass = VK_SUBPASS_EXTERNAL;
  dependencies[1].srcStageMask = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
  dependencies[1].dstStageMask = VK_PIPELINE_STAGE_TRANSFER_BIT;
  dependencies[1].srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
  dependencies[1].dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT;
  VkRenderPassCreateInfo info{VK_STRUCTURE_TYPE_RENDER_PASS_CREATE_INFO};
  info.attachmentCount = 1;
  info.pAttachments = &attachment;
  info.subpassCount = 1;
  info.pSubpasses = &subpass;
  info.dependencyCount = static_cast<std::uint32_t>(dependencies.size());
  info.pDependencies = dependencies.data();
  VkRenderPass renderPass = VK_NULL_HANDLE;
  SKILLSIM_VK_CHECK(vkCreateRenderPass(ref.device, &info, nullptr, &renderPass));
  mRenderPass = RenderPass(ref, renderPass, "UI render pass");

  // Dear ImGui 1.86 needs one combined image sampler (the font atlas); room for a few more.
  VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 16};
  VkDescriptorPoolCreateInfo poolInfo{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
  poolInfo.flags = VK_DESCRIPTOR_POOL_CREATE_FREE_DESCRIPTOR_SET_BIT;
  poolInfo.maxSets = 16;
  poolInfo.poolSizeCount = 1;
  poolInfo.pPoolSizes = &size;
  VkDescriptorPool pool = VK_NULL_HANDLE;
  SKILLSIM_VK_CHECK(vkCreateDescriptorPool(ref.device, &poolInfo, nullptr, &pool));
  mImGuiPool = DescriptorPool(ref, pool, "Dear ImGui descriptor pool");
}

UiPass::~UiPass() { detachImGui(); }

void UiPass::syncFramebuffers(const RenderTarget& target) {
  if (mGeneration == target.generation() && mFramebuffers.size() == target.imageCount()) {
    return;
  }
  vkDeviceWaitIdle(mContext.device());
  mFramebuffers.clear();
  mGeneration = target.generation();
  const VkExtent2D extent = target.extent();
  for (std::uint32_t i = 0; i < target.imageCount(); ++i) {
    const VkImageView view = target.image(i).view;
    VkFramebufferCreateInfo info{VK_STRUCTURE_TYPE_FRAMEBUFFER_CREATE_INFO};
    info.renderPass = mRenderPass.get();
    info.attachmentCount = 1;
    info.pAttachments = &view;
    info.width = extent.width;
    info.height = extent.height;
    info.layers = 1;
    VkFramebuffer framebuffer = VK_NULL_HANDLE;
    SKILLSIM_VK_CHECK(vkCreateFramebuffer(mContext.device(), &info, nullptr, &framebuffer));
    mFramebuffers.emplace_back(mContext.deviceRef(), framebuffer,
                               "UI framebuffer " + std::to_string(i));
  }
}

bool UiPass::attachImGui(std::uint32_t imageCount) {
  if (mImGui) {
    return true;
  }
  if (ImGui::GetCurrentContext() == nullptr) {
    core::logger().error("attachImGui: there is no current Dear ImGui context");
    return false;
  }
  ImGui_ImplVulkan_InitInfo info{};
  info.Instance = mContext.instance();
  info.PhysicalDevice = mContext.physicalDevice();
  info.Device = mContext.device();
  info.QueueFamily = mContext.queueFamily();
  info.Queue = mContext.queue();
  info.DescriptorPool = mImGuiPool.get();
  info.Subpass = 0;
  info.MinImageCount = 2;
  info.ImageCount = std::max(2u, imageCount);
  info.MSAASamples = VK_SAMPLE_COUNT_1_BIT;
  info.CheckVkResultFn = &checkImGuiVulkanResult;
  if (!ImGui_ImplVulkan_Init(&info, mRenderPass.get())) {
    core::logger().error("attachImGui: ImGui_ImplVulkan_Init failed");
    return false;
  }
  mContext.submitAndWait([](VkCommandBuffer cmd) { ImGui_ImplVulkan_CreateFontsTexture(cmd); });
  ImGui_ImplVulkan_DestroyFontUploadObjects();
  mImGui = true;
  return true;
}

void UiPass::detachImGui() {
  if (!mImGui) {
    return;
  }
  vkDeviceWaitIdle(mContext.device());
  ImGui_ImplVulkan_Shutdown();
  mImGui = false;
}

void UiPass::beginImGuiFrame() {
  if (mImGui) {
    ImGui_ImplVulkan_NewFrame();
  }
}

void UiPass::record(VkCommandBuffer cmd, std::uint32_t index, VkExtent2D extent) {
  VkRenderPassBeginInfo begin{VK_STRUCTURE_TYPE_RENDER_PASS_BEGIN_INFO};
  begin.renderPass = mRenderPass.get();
  begin.framebuffer = mFramebuffers[index].get();
  begin.renderArea = {{0, 0}, extent};
  vkCmdBeginRenderPass(cmd, &begin, VK_SUBPASS_CONTENTS_INLINE);
  if (mImGui && ImGui::GetCurrentContext() != nullptr) {
    ImDrawData* drawData = ImGui::GetDrawData();
    if (drawData != nullptr && drawData->Valid && drawData->CmdListsCount > 0) {
      ImGui_ImplVulkan_RenderDrawData(drawData, cmd);
    }
  }
  vkCmdEndRenderPass(cmd);
}

} // namespace skillsim::render::detail
