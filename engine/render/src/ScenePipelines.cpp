#include "ScenePipelines.h"

#include "FrameUniforms.h"

#include <skillsim/core/Check.h>
#include <skillsim/render/MeshData.h>
#include <skillsim/render/ShaderLibrary.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace skillsim::render::detail {

ShaderModule loadShader(const DeviceRef& ref, const char* name) {
  const std::span<const std::uint32_t> words = findShader(name);
  SKILLSIM_CHECK(!words.empty(), std::string("shader not embedded: ") + name);
  VkShaderModuleCreateInfo info{VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO};
  info.codeSize = words.size_bytes();
  info.pCode = words.data();
  VkShaderModule module = VK_NULL_HANDLE;
  SKILLSIM_VK_CHECK(vkCreateShaderModule(ref.device, &info, nullptr, &module));
  return ShaderModule(ref, module, name);
}

namespace {

struct PipelineDesc {
  const char* vertexShader = nullptr;
  const char* fragmentShader = nullptr; // null: depth only
  std::vector<VkVertexInputBindingDescription> bindings;
  std::vector<VkVertexInputAttributeDescription> attributes;
  VkPrimitiveTopology topology = VK_PRIMITIVE_TOPOLOGY_TRIANGLE_LIST;
  VkCullModeFlags cull = VK_CULL_MODE_NONE;
  bool depthTest = true;
  bool depthWrite = true;
  bool depthBias = false;
  bool blend = false;
  VkFormat color = VK_FORMAT_UNDEFINED; // UNDEFINED: no colour attachment
  VkFormat depth = VK_FORMAT_UNDEFINED;
  VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
  /** Fragment shader specialization constants 0, 1, … (mesh.frag: kShadows, kShadowTaps). */
  std::vector<std::int32_t> fragmentConstants;
  const char* name = "";
};

Pipeline buildPipeline(const DeviceRef& ref, VkPipelineLayout layout, const PipelineDesc& desc) {
  ShaderModule vertex = loadShader(ref, desc.vertexShader);
  ShaderModule fragment;
  std::vector<VkPipelineShaderStageCreateInfo> stages;
  VkPipelineShaderStageCreateInfo stage{VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO};
  stage.stage = VK_SHADER_STAGE_VERTEX_BIT;
  stage.module = vertex.get();
  stage.pName = "main";
  stages.push_back(stage);
  std::vector<VkSpecializationMapEntry> constantEntries;
  for (std::uint32_t i = 0; i < desc.fragmentConstants.size(); ++i) {
    constantEntries.push_back(
        {i, static_cast<std::uint32_t>(i * sizeof(std::int32_t)), sizeof(std::int32_t)});
  }
  VkSpecializationInfo specialization{};
  specialization.mapEntryCount = static_cast<std::uint32_t>(constantEntries.size());
  specialization.pMapEntries = constantEntries.data();
  specialization.dataSize = desc.fragmentConstants.size() * sizeof(std::int32_t);
  specialization.pData = desc.fragmentConstants.data();
  if (desc.fragmentShader != nullptr) {
    fragment = loadShader(ref, desc.fragmentShader);
    stage.stage = VK_SHADER_STAGE_FRAGMENT_BIT;
    stage.module = fragment.get();
    stage.pSpecializationInfo = constantEntries.empty() ? nullptr : &specialization;
    stages.push_back(stage);
  }
  VkPipelineVertexInputStateCreateInfo vertexInput{
      VK_STRUCTURE_TYPE_PIPELINE_VERTEX_INPUT_STATE_CREATE_INFO};
  vertexInput.vertexBindingDescriptionCount = static_cast<std::uint32_t>(desc.bindings.size());
  vertexInput.pVertexBindingDescriptions = desc.bindings.data();
  vertexInput.vertexAttributeDescriptionCount = static_cast<std::uint32_t>(desc.attributes.size());
  vertexInput.pVertexAttributeDescriptions = desc.attributes.data();
  VkPipelineInputAssemblyStateCreateInfo assembly{
      VK_STRUCTURE_TYPE_PIPELINE_INPUT_ASSEMBLY_STATE_CREATE_INFO};
  assembly.topology = desc.topology;
  VkPipelineViewportStateCreateInfo viewport{VK_STRUCTURE_TYPE_PIPELINE_VIEWPORT_STATE_CREATE_INFO};
  viewport.viewportCount = 1;
  viewport.scissorCount = 1;
  VkPipelineRasterizationStateCreateInfo raster{
      VK_STRUCTURE_TYPE_PIPELINE_RASTERIZATION_STATE_CREATE_INFO};
  raster.polygonMode = VK_POLYGON_MODE_FILL;
  raster.cullMode = desc.cull;
  // Meshes are counter-clockwise seen from outside; the projection's Y flip keeps that winding
  // counter-clockwise in Vulkan's framebuffer coordinates.
  raster.frontFace = VK_FRONT_FACE_COUNTER_CLOCKWISE;
  raster.lineWidth = 1.0f;
  raster.depthBiasEnable = desc.depthBias ? VK_TRUE : VK_FALSE;
  raster.depthBiasConstantFactor = 1.5f;
  raster.depthBiasSlopeFactor = 2.0f;
  VkPipelineMultisampleStateCreateInfo multisample{
      VK_STRUCTURE_TYPE_PIPELINE_MULTISAMPLE_STATE_CREATE_INFO};
  multisample.rasterizationSamples = desc.samples;
  VkPipelineDepthStencilStateCreateInfo depth{
      VK_STRUCTURE_TYPE_PIPELINE_DEPTH_STENCIL_STATE_CREATE_INFO};
  depth.depthTestEnable = desc.depthTest ? VK_TRUE : VK_FALSE;
  depth.depthWriteEnable = desc.depthWrite ? VK_TRUE : VK_FALSE;
  depth.depthCompareOp = VK_COMPARE_OP_LESS_OR_EQUAL;
  VkPipelineColorBlendAttachmentState blendAttachment{};
  blendAttachment.colorWriteMask = VK_COLOR_COMPONENT_R_BIT | VK_COLOR_COMPONENT_G_BIT |
                                   VK_COLOR_COMPONENT_B_BIT | VK_COLOR_COMPONENT_A_BIT;
  if (desc.blend) {
    blendAttachment.blendEnable = VK_TRUE;
    blendAttachment.srcColorBlendFactor = VK_BLEND_FACTOR_SRC_ALPHA;
    blendAttachment.dstColorBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
    blendAttachment.colorBlendOp = VK_BLEND_OP_ADD;
    blendAttachment.srcAlphaBlendFactor = VK_BLEND_FACTOR_ONE;
    blendAttachment.dstAlphaBlendFactor = VK_BLEND_FACTOR_ONE_MINUS_SRC_ALPHA;
    blendAttachment.alphaBlendOp = VK_BLEND_OP_ADD;
  }
  VkPipelineColorBlendStateCreateInfo blend{
      VK_STRUCTURE_TYPE_PIPELINE_COLOR_BLEND_STATE_CREATE_INFO};
  const bool hasColor = desc.color != VK_FORMAT_UNDEFINED;
  blend.attachmentCount = hasColor ? 1 : 0;
  blend.pAttachments = &blendAttachment;
  const std::array<VkDynamicState, 2> dynamicStates = {VK_DYNAMIC_STATE_VIEWPORT,
                                                       VK_DYNAMIC_STATE_SCISSOR};
  VkPipelineDynamicStateCreateInfo dynamic{VK_STRUCTURE_TYPE_PIPELINE_DYNAMIC_STATE_CREATE_INFO};
  dynamic.dynamicStateCount = static_cast<std::uint32_t>(dynamicStates.size());
  dynamic.pDynamicStates = dynamicStates.data();
  VkPipelineRenderingCreateInfo rendering{VK_STRUCTURE_TYPE_PIPELINE_RENDERING_CREATE_INFO};
  rendering.colorAttachmentCount = hasColor ? 1 : 0;
  rendering.pColorAttachmentFormats = &desc.color;
  rendering.depthAttachmentFormat = desc.depth;

  VkGraphicsPipelineCreateInfo info{VK_STRUCTURE_TYPE_GRAPHICS_PIPELINE_CREATE_INFO};
  info.pNext = &rendering;
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
  VkPipeline pipeline = VK_NULL_HANDLE;
  SKILLSIM_VK_CHECK(
      vkCreateGraphicsPipelines(ref.device, VK_NULL_HANDLE, 1, &info, nullptr, &pipeline));
  return Pipeline(ref, pipeline, desc.name);
}

// Binding 0: Vertex; binding 1: InstanceData (per instance), locations 0-10 (mesh.vert).
void meshInputs(PipelineDesc& desc, bool transformOnly) {
  desc.bindings = {{0, sizeof(Vertex), VK_VERTEX_INPUT_RATE_VERTEX},
                   {1, sizeof(InstanceData), VK_VERTEX_INPUT_RATE_INSTANCE}};
  desc.attributes = {{0, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(Vertex, position)}};
  if (!transformOnly) {
    desc.attributes.push_back({1, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(Vertex, normal)});
  }
  const std::uint32_t count = transformOnly ? 4 : 9;
  for (std::uint32_t i = 0; i < count; ++i) {
    desc.attributes.push_back({2 + i, 1, VK_FORMAT_R32G32B32A32_SFLOAT,
                               static_cast<std::uint32_t>(sizeof(glm::vec4) * i)});
  }
}

} // namespace

ScenePipelines::ScenePipelines(const VulkanContext& context, const SceneFormats& formats)
    : mFormats(formats) {
  const DeviceRef& ref = context.deviceRef();
  std::array<VkDescriptorSetLayoutBinding, 2> bindings{};
  bindings[0].binding = 0;
  bindings[0].descriptorType = VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER;
  bindings[0].descriptorCount = 1;
  bindings[0].stageFlags = VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT;
  bindings[1].binding = 1;
  bindings[1].descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
  bindings[1].descriptorCount = 1;
  bindings[1].stageFlags = VK_SHADER_STAGE_FRAGMENT_BIT;
  VkDescriptorSetLayoutCreateInfo setInfo{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO};
  setInfo.bindingCount = static_cast<std::uint32_t>(bindings.size());
  setInfo.pBindings = bindings.data();
  VkDescriptorSetLayout setLayout = VK_NULL_HANDLE;
  SKILLSIM_VK_CHECK(vkCreateDescriptorSetLayout(ref.device, &setInfo, nullptr, &setLayout));
  mSetLayout = DescriptorSetLayout(ref, setLayout, "scene descriptor set layout");

  VkPushConstantRange push{VK_SHADER_STAGE_FRAGMENT_BIT, 0, sizeof(glm::vec4) * 2};
  VkPipelineLayoutCreateInfo layoutInfo{VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO};
  layoutInfo.setLayoutCount = 1;
  layoutInfo.pSetLayouts = &setLayout;
  layoutInfo.pushConstantRangeCount = 1;
  layoutInfo.pPushConstantRanges = &push;
  VkPipelineLayout layout = VK_NULL_HANDLE;
  SKILLSIM_VK_CHECK(vkCreatePipelineLayout(ref.device, &layoutInfo, nullptr, &layout));
  mLayout = PipelineLayout(ref, layout, "scene pipeline layout");

  PipelineDesc sky;
  sky.vertexShader = "sky.vert";
  sky.fragmentShader = "sky.frag";
  sky.depthTest = true; // at depth 1.0: passes only where no mesh was drawn
  sky.depthWrite = false;
  sky.color = formats.color;
  sky.depth = formats.depth;
  sky.samples = formats.samples;
  sky.name = "sky pipeline";
  mSky = buildPipeline(ref, layout, sky);

  PipelineDesc mesh;
  mesh.vertexShader = "mesh.vert";
  mesh.fragmentShader = "mesh.frag";
  meshInputs(mesh, false);
  mesh.cull = VK_CULL_MODE_BACK_BIT;
  mesh.color = formats.color;
  mesh.depth = formats.depth;
  mesh.samples = formats.samples;
  mesh.fragmentConstants = {1, static_cast<std::int32_t>(formats.shadowTaps)};
  mesh.name = "lit mesh pipeline, shadowed";
  mMesh = buildPipeline(ref, layout, mesh);
  mesh.fragmentConstants = {0, static_cast<std::int32_t>(formats.shadowTaps)};
  mesh.name = "lit mesh pipeline, no shadows";
  mMeshUnshadowed = buildPipeline(ref, layout, mesh);

  PipelineDesc line;
  line.vertexShader = "line.vert";
  line.fragmentShader = "line.frag";
  line.bindings = {{0, sizeof(LineVertex), VK_VERTEX_INPUT_RATE_VERTEX}};
  line.attributes = {{0, 0, VK_FORMAT_R32G32B32_SFLOAT, offsetof(LineVertex, position)},
                     {1, 0, VK_FORMAT_R32G32B32A32_SFLOAT, offsetof(LineVertex, color)}};
  line.topology = VK_PRIMITIVE_TOPOLOGY_LINE_LIST;
  line.depthWrite = false;
  line.blend = true;
  line.color = formats.color;
  line.depth = formats.depth;
  line.samples = formats.samples;
  line.name = "debug line pipeline";
  mLine = buildPipeline(ref, layout, line);

  PipelineDesc shadow;
  shadow.vertexShader = "shadow.vert";
  meshInputs(shadow, true);
  shadow.depthBias = true;
  shadow.depth = formats.shadow;
  shadow.name = "shadow map pipeline, two-sided";
  mShadow = buildPipeline(ref, layout, shadow);
  // Closed meshes (the procedural solids) need only their faces towards the light in the shadow
  // map: the back faces are hidden behind them, and culling halves the rasterised depth.
  shadow.cull = VK_CULL_MODE_BACK_BIT;
  shadow.name = "shadow map pipeline, closed meshes";
  mShadowClosed = buildPipeline(ref, layout, shadow);
}

} // namespace skillsim::render::detail
