#include "UiPass.h"

#include "ScenePipelines.h"

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
  // The variant that starts with the upscaled scene: every pixel is overwritten, so nothing is
  // loaded and the image may come in any layout (the scene pass did not draw into it).
  attachment.loadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
  attachment.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED; // dependencies kept: passes compatible
  VkRenderPass discardPass = VK_NULL_HANDLE;
  SKILLSIM_VK_CHECK(vkCreateRenderPass(ref.device, &info, nullptr, &discardPass));
  mRenderPassDiscard = RenderPass(ref, discardPass, "UI render pass over the upscaled scene");
  buildUpscale();

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

void UiPass::buildUpscale() {
  const DeviceRef& ref = mContext.deviceRef();
  VkSamplerCreateInfo samplerInfo{VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO};
  samplerInfo.magFilter = VK_FILTER_LINEAR;
  samplerInfo.minFilter = VK_FILTER_LINEAR;
  samplerInfo.addressModeU = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
  samplerInfo.addressModeV = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
  samplerInfo.addressModeW = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
  samplerInfo.maxLod = 0.0f;
  VkSampler sampler = VK_NULL_HANDLE;
  SKILLSIM_VK_CHECK(vkCreateSampler(ref.device, &samplerInfo, nullptr, &sampler));
  mUpscaleSampler = Sampler(ref, sampler, "scene upscale sampler");

  VkDescriptorSetLayoutBinding binding{};
  binding.binding = 0;
  binding.descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
  binding.descriptorCount = 1;
  binding.stageFlags = VK_SHADER_STAGE_FRAGMENT_BIT;
  VkDescriptorSetLayoutCreateInfo setInfo{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
  setInfo.bindingCount = 1;
  setInfo.pBindings = &binding;
  VkDescriptorSetLayout setLayout = VK_NULL_HANDLE;
  SKILLSIM_VK_CHECK(vkCreateDescriptorSetLayout(ref.device, &setInfo, nullptr, &setLayout));
  mUpscaleSetLayout = DescriptorSetLayout(ref, setLayout, "scene upscale set layout");
  VkPipelineLayoutCreateInfo layoutInfo{VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
  layoutInfo.setLayoutCount = 1;
  layoutInfo.pSetLayouts = &setLayout;
  VkPipelineLayout layout = VK_NULL_HANDLE;
  SKILLSIM_VK_CHECK(vkCreatePipelineLayout(ref.device, &layoutInfo, nullptr, &layout));
  mUpscaleLayout = PipelineLayout(ref, layout, "scene upscale pipeline layout");

  VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1};
  VkDescriptorPoolCreateInfo poolInfo{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
  poolInfo.maxSets = 1;
  poolInfo.poolSizeCount = 1;
  poolInfo.pPoolSizes = &size;
  VkDescriptorPool pool = VK_NULL_HANDLE;
  SKILLSIM_VK_CHECK(vkCreateDescriptorPool(ref.device, &poolInfo, nullptr, &pool));
  mUpscalePool = DescriptorPool(ref, pool, "scene upscale descriptor pool");
  VkDescriptorSetAllocateInfo allocInfo{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
  allocInfo.descriptorPool = pool;
  allocInfo.descriptorSetCount = 1;
  allocInfo.pSetLayouts = &setLayout;
  SKILLSIM_VK_CHECK(vkAllocateDescriptorSets(ref.device, &allocInfo, &mUpscaleSet));

  const ShaderModule vertex = loadShader(ref, "upscale.vert");
  const ShaderModule fragment = loadShader(ref, "upscale.frag");
  std::array<VkPipelineShaderStageCreateInfo, 2> stages{};
  stages[0].sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO;
  stages[0].stage = VK_SHADER_STAGE_VERTEX_BIT;
  stages[0].module = vertex.get();
  stages[0].pName = "main";
  stages[1] = stages[0];
  stages[1].stage = VK_SHADER_STAGE_FRAGMENT_BIT;
  stages[1].module = fragment.get();
  VkPipelineVertexInputStateCreateInfo vertexInput{
      VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO};
  VkPipelineInputAssemblyStateCreateInfo assembly{
      VK_STRUCTURE_TYPE_PIPELINE_INPUT_ASSEMBLY_STATE_CREATE_INFO};
  assembly.topology = VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST;
  VkPipelineViewportStateCreateInfo viewport{VK_STRUCTURE_TYPE_PIPELINE_VIEWPORT_STATE_CREATE_INFO};
  viewport.viewportCount = 1;
  viewport.scissorCount = 1;
  VkPipelineRasterizationStateCreateInfo raster{
      VK_STRUCTURE_TYPE_PIPELINE_RASTERIZATION_STATE_CREATE_INFO};
  raster.polygonMode = VK_POLYGON_MODE_FILL;
  raster.cullMode = VK_CULL_MODE_NONE;
  raster.frontFace = VK_FRONT_FACE_COUNTER_CLOCKWISE;
  raster.lineWidth = 1.0f;
  VkPipelineMultisampleStateCreateInfo multisample{
      VK_STRUCTURE_TYPE_PIPELINE_MULTISAMPLE_STATE_CREATE_INFO};
  multisample.rasterizationSamples = VK_SAMPLE_COUNT_1_BIT;
  VkPipelineDepthStencilStateCreateInfo depth{
      VK_STRUCTURE_TYPE_PIPELINE_DEPTH_STENCIL_STATE_CREATE_INFO};
  VkPipelineColorBlendAttachmentState blendAttachment{};
  blendAttachment.colorWriteMask = VK_COLOR_COMPONENT_R_BIT | VK_COLOR_COMPONENT_G_BIT |
                                   VK_COLOR_COMPONENT_B_BIT | VK_COLOR_COMPONENT_A_BIT;
  VkPipelineColorBlendStateCreateInfo blend{
      VK_STRUCTURE_TYPE_PIPELINE_COLOR_BLEND_STATE_CREATE_INFO};
  blend.attachmentCount = 1;
  blend.pAttachments = &blendAttachment;
  const std::array<VkDynamicState, 2> dynamicStates = {VK_DYNAMIC_STATE_VIEWPORT,
                                                       VK_DYNAMIC_STATE_SCISSOR};
  VkPipelineDynamicStateCreateInfo dynamic{VK_STRUCTURE_TYPE_PIPELINE_DYNAMIC_STATE_CREATE_INFO};
  dynamic.dynamicStateCount = static_cast<std::uint32_t>(dynamicStates.size());
  dynamic.pDynamicStates = dynamicStates.data();
  VkGraphicsPipelineCreateInfo info{VK_STRUCTURE_TYPE_GRAPHICS_PIPELINE_CREATE_INFO};
  info.stageCount = static_cast<std::uint32_t>(stages.size());
  info.pStages = stages.data();
  info.pVertexInputState = &vertexInput;
  info.pInputAssemblyState = &assembly;
  info.pViewportState = &viewport;
  info.pRasterizationState = &raster;
  info.pMultisampleState = &multisample;
  info.pDepthStencilState = &depth;
  info.pColorBlendState = &blend;
  info.pDynamicState = &dynamic;
  info.layout = layout;
  info.renderPass = mRenderPass.get(); // compatible with mRenderPassDiscard (same attachment)
  info.subpass = 0;
  VkPipeline pipeline = VK_NULL_HANDLE;
  SKILLSIM_VK_CHECK(
      vkCreateGraphicsPipelines(ref.device, VK_NULL_HANDLE, 1, &info, nullptr, &pipeline));
  mUpscale = Pipeline(ref, pipeline, "scene upscale pipeline");
}

void UiPass::setUpscaleSource(VkImageView view) {
  mUpscaleReady = view != VK_NULL_HANDLE;
  if (!mUpscaleReady) {
    return;
  }
  VkDescriptorImageInfo imageInfo{mUpscaleSampler.get(), view,
                                  VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
  VkWriteDescriptorSet write{VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
  write.dstSet = mUpscaleSet;
  write.dstBinding = 0;
  write.descriptorCount = 1;
  write.descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
  write.pImageInfo = &imageInfo;
  vkUpdateDescriptorSets(mContext.device(), 1, &write, 0, nullptr);
}

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

void UiPass::record(VkCommandBuffer cmd, std::uint32_t index, VkExtent2D extent, bool upscale) {
  upscale = upscale && mUpscaleReady;
  VkRenderPassBeginInfo begin{VK_STRUCTURE_TYPE_RENDER_PASS_BEGIN_INFO};
  begin.renderPass = upscale ? mRenderPassDiscard.get() : mRenderPass.get();
  begin.framebuffer = mFramebuffers[index].get();
  begin.renderArea = {{0, 0}, extent};
  vkCmdBeginRenderPass(cmd, &begin, VK_SUBPASS_CONTENTS_INLINE);
  if (upscale) {
    const VkViewport viewport{
        0.0f, 0.0f, static_cast<float>(extent.width), static_cast<float>(extent.height),
        0.0f, 1.0f};
    const VkRect2D scissor{{0, 0}, extent};
    vkCmdSetViewport(cmd, 0, 1, &viewport);
    vkCmdSetScissor(cmd, 0, 1, &scissor);
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, mUpscale.get());
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, mUpscaleLayout.get(), 0, 1,
                            &mUpscaleSet, 0, nullptr);
    vkCmdDraw(cmd, 6, 1, 0, 0);
  }
  if (mImGui && ImGui::GetCurrentContext() != nullptr) {
    ImDrawData* drawData = ImGui::GetDrawData();
    if (drawData != nullptr && drawData->Valid && drawData->CmdListsCount > 0) {
      ImGui_ImplVulkan_RenderDrawData(drawData, cmd);
    }
  }
  vkCmdEndRenderPass(cmd);
}

} // namespace skillsim::render::detail
