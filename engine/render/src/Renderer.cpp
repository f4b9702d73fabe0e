#include "skillsim/render/Renderer.h"

#include "OffscreenTarget.h"
#include "RendererImpl.h"
#include "SwapchainTarget.h"

#include <skillsim/core/Log.h>
#include <skillsim/render/CameraMath.h>

#include <glm/gtc/matrix_transform.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <thread>

namespace skillsim::render {

using namespace detail;

namespace {

constexpr VkDeviceSize kInitialInstanceBytes = 1024 * sizeof(InstanceData);
constexpr VkDeviceSize kInitialLineBytes = 1024 * sizeof(LineVertex);

VkSampleCountFlagBits pickSamples(const VkPhysicalDeviceProperties& properties,
                                  std::uint32_t wanted) {
  const VkSampleCountFlags supported = properties.limits.framebufferColorSampleCounts &
                                       properties.limits.framebufferDepthSampleCounts;
  for (std::uint32_t s = 64; s > 1; s /= 2) {
    if (s <= wanted && (supported & s) != 0) {
      return static_cast<VkSampleCountFlagBits>(s);
    }
  }
  return VK_SAMPLE_COUNT_1_BIT;
}

bool depthFormatUsable(VkPhysicalDevice device, VkFormat format, bool sampled) {
  VkFormatProperties properties;
  vkGetPhysicalDeviceFormatProperties(device, format, &properties);
  VkFormatFeatureFlags need = VK_FORMAT_FEATURE_DEPTH_STENCIL_ATTACHMENT_BIT;
  if (sampled) {
    need |= VK_FORMAT_FEATURE_SAMPLED_IMAGE_BIT;
  }
  return (properties.optimalTilingFeatures & need) == need;
}

VkFormat pickDepthFormat(VkPhysicalDevice device, bool sampled) {
  // D16 is always a depth attachment (Vulkan 1.3 §34.3.3, mandatory format support).
  return depthFormatUsable(device, VK_FORMAT_D32_SFLOAT, sampled) ? VK_FORMAT_D32_SFLOAT
                                                                  : VK_FORMAT_D16_UNORM;
}

// Buffer that holds at least `bytes`: the slot's current one, or a bigger one (old retired).
void ensureCapacity(const VulkanContext& context, GpuBuffer& buffer, VkDeviceSize bytes,
                    VkBufferUsageFlags usage, const std::string& name, DeletionQueue& retired) {
  if (!buffer.empty() && buffer.size() >= bytes) {
    return;
  }
  VkDeviceSize size = buffer.empty() ? bytes : buffer.size();
  while (size < bytes) {
    size *= 2;
  }
  if (!buffer.empty()) {
    retired.defer(std::move(buffer));
  }
  buffer = GpuBuffer(context, size, usage, true, name);
}

InstanceData toInstanceData(const core::Instance& instance, const core::Material& material) {
  InstanceData data;
  for (int c = 0; c < 4; ++c) {
    data.model[c] = instance.transform[c];
  }
  const glm::mat3 normalMatrix = glm::transpose(glm::inverse(glm::mat3(instance.transform)));
  for (int c = 0; c < 3; ++c) {
    data.normalMatrix[c] = glm::vec4(normalMatrix[c], 0.0f);
  }
  data.baseColor = material.baseColor;
  data.surface = glm::vec4(material.roughness, material.metallic, 0.0f, 0.0f);
  return data;
}

} // namespace

core::Expected<std::unique_ptr<RendererImpl>> RendererImpl::create(const RendererOptions& options) {
  auto context = VulkanContext::create(options);
  if (!context) {
    return std::move(context).error();
  }
  std::unique_ptr<RendererImpl> impl(new RendererImpl());
  impl->options = options;
  impl->context = std::move(*context);
  VulkanContext& ctx = *impl->context;
  const DeviceRef& ref = ctx.deviceRef();
  if (ctx.surface() != VK_NULL_HANDLE) {
    impl->target =
        std::make_unique<SwapchainTarget>(ctx, options.width, options.height, options.vsync);
  } else {
    impl->target = std::make_unique<OffscreenTarget>(ctx, options.width, options.height);
  }
  impl->formats.color = impl->target->format();
  impl->formats.depth = pickDepthFormat(ctx.physicalDevice(), false);
  impl->formats.shadow = pickDepthFormat(ctx.physicalDevice(), true);
  // A window on a software rasteriser: every pixel and sample is shaded on the CPU, so the
  // automatic settings trade sharpness for frame rate (bench/RenderBench.cpp has the figures).
  const bool softwareWindow =
      ctx.properties().deviceType == VK_PHYSICAL_DEVICE_TYPE_CPU && ctx.surface() != VK_NULL_HANDLE;
  const std::uint32_t samples =
      options.msaaSamples != 0 ? options.msaaSamples : (softwareWindow ? 1u : 4u);
  impl->formats.samples = pickSamples(ctx.properties(), samples);
  ShadowFilter filter = options.shadowFilter;
  if (filter == ShadowFilter::Automatic) {
    filter = softwareWindow ? ShadowFilter::Pcf2x2 : ShadowFilter::Pcf3x3;
  }
  impl->formats.shadowTaps = filter == ShadowFilter::Pcf2x2 ? 1u : 4u;
  impl->pipelines = ScenePipelines(ctx, impl->formats);
  float scale = options.renderScale;
  if (!(scale > 0.0f)) { // 0 (automatic), negative or NaN
    scale = softwareWindow ? kSoftwareWindowRenderScale : 1.0f;
  }
  impl->renderScale = std::clamp(scale, 0.25f, 1.0f);
  VkFormatProperties colorProperties;
  vkGetPhysicalDeviceFormatProperties(ctx.physicalDevice(), impl->formats.color, &colorProperties);
  constexpr VkFormatFeatureFlags kUpscale = VK_FORMAT_FEATURE_COLOR_ATTACHMENT_BIT |
                                            VK_FORMAT_FEATURE_SAMPLED_IMAGE_BIT |
                                            VK_FORMAT_FEATURE_SAMPLED_IMAGE_FILTER_LINEAR_BIT;
  impl->upscaleSupported = (colorProperties.optimalTilingFeatures & kUpscale) == kUpscale;
  if (impl->renderScale < 1.0f && !impl->upscaleSupported) {
    core::logger().warn("renderer: the colour format cannot be sampled with linear filtering on "
                        "this device; drawing the scene at full resolution");
    impl->renderScale = 1.0f;
  }
  impl->uiPass = std::make_unique<UiPass>(ctx, impl->formats.color, impl->target->finalLayout());

  // The shadow map keeps its texel density relative to the scene's pixels: at a render scale
  // below 1 its edge shrinks by the same factor, and the shadow pass costs what the pixels do.
  const std::uint32_t shadowSize =
      std::max(16u, static_cast<std::uint32_t>(std::lround(
                        static_cast<float>(options.shadowMapSize) * impl->renderScale)));
  impl->shadowMapSize = options.shadowMapSize == 0 ? 0u : shadowSize;
  impl->mShadowMap =
      GpuImage(ctx, {shadowSize, shadowSize}, impl->formats.shadow,
               VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | VK_IMAGE_USAGE_SAMPLED_BIT,
               VK_SAMPLE_COUNT_1_BIT, VK_IMAGE_ASPECT_DEPTH_BIT, "shadow map");
  ctx.submitAndWait([&](VkCommandBuffer cmd) {
    transitionImage(cmd, impl->mShadowMap.get(), VK_IMAGE_ASPECT_DEPTH_BIT,
                    VK_IMAGE_LAYOUT_UNDEFINED, VK_IMAGE_LAYOUT_DEPTH_STENCIL_READ_ONLY_OPTIMAL,
                    VK_PIPELINE_STAGE_2_NONE, VK_ACCESS_2_NONE,
                    VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT, VK_ACCESS_2_SHADER_SAMPLED_READ_BIT);
  });
  VkFormatProperties shadowProperties;
  vkGetPhysicalDeviceFormatProperties(ctx.physicalDevice(), impl->formats.shadow,
                                      &shadowProperties);
  const bool linear = (shadowProperties.optimalTilingFeatures &
                       VK_FORMAT_FEATURE_SAMPLED_IMAGE_FILTER_LINEAR_BIT) != 0;
  VkSamplerCreateInfo samplerInfo{VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO};
  samplerInfo.magFilter = linear ? VK_FILTER_LINEAR : VK_FILTER_NEAREST;
  samplerInfo.minFilter = samplerInfo.magFilter;
  samplerInfo.addressModeU = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_BORDER;
  samplerInfo.addressModeV = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_BORDER;
  samplerInfo.addressModeW = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_BORDER;
  samplerInfo.borderColor = VK_BORDER_COLOR_FLOAT_OPAQUE_WHITE; // outside the map: lit
  samplerInfo.compareEnable = VK_TRUE;
  samplerInfo.compareOp = VK_COMPARE_OP_LESS_OR_EQUAL;
  samplerInfo.maxLod = 0.0f;
  VkSampler sampler = VK_NULL_HANDLE;
  SKILLSIM_VK_CHECK(vkCreateSampler(ref.device, &samplerInfo, nullptr, &sampler));
  impl->mShadowSampler = Sampler(ref, sampler, "shadow comparison sampler");

  const std::array<VkDescriptorPoolSize, 2> sizes = {{
      {VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, 2},
      {VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 2},
  }};
  VkDescriptorPoolCreateInfo poolInfo{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
  poolInfo.maxSets = 2;
  poolInfo.poolSizeCount = static_cast<std::uint32_t>(sizes.size());
  poolInfo.pPoolSizes = sizes.data();
  VkDescriptorPool pool = VK_NULL_HANDLE;
  SKILLSIM_VK_CHECK(vkCreateDescriptorPool(ref.device, &poolInfo, nullptr, &pool));
  impl->mDescriptorPool = DescriptorPool(ref, pool, "scene descriptor pool");

  for (std::size_t i = 0; i < impl->mFrames.size(); ++i) {
    FrameSlot& frame = impl->mFrames[i];
    const std::string suffix = " (frame slot " + std::to_string(i) + ")";
    VkCommandPoolCreateInfo cmdPoolInfo{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
    cmdPoolInfo.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
    cmdPoolInfo.queueFamilyIndex = ctx.queueFamily();
    VkCommandPool cmdPool = VK_NULL_HANDLE;
    SKILLSIM_VK_CHECK(vkCreateCommandPool(ref.device, &cmdPoolInfo, nullptr, &cmdPool));
    frame.commandPool = CommandPool(ref, cmdPool, "frame command pool" + suffix);
    VkCommandBufferAllocateInfo allocInfo{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
    allocInfo.commandPool = cmdPool;
    allocInfo.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    allocInfo.commandBufferCount = 1;
    SKILLSIM_VK_CHECK(vkAllocateCommandBuffers(ref.device, &allocInfo, &frame.commands));
    ref.name(VK_OBJECT_TYPE_COMMAND_BUFFER, reinterpret_cast<std::uint64_t>(frame.commands),
             "frame commands" + suffix);
    VkFenceCreateInfo fenceInfo{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
    fenceInfo.flags = VK_FENCE_CREATE_SIGNALED_BIT;
    VkFence fence = VK_NULL_HANDLE;
    SKILLSIM_VK_CHECK(vkCreateFence(ref.device, &fenceInfo, nullptr, &fence));
    frame.done = Fence(ref, fence, "frame done" + suffix);
    VkSemaphoreCreateInfo semaphoreInfo{VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO};
    VkSemaphore semaphore = VK_NULL_HANDLE;
    SKILLSIM_VK_CHECK(vkCreateSemaphore(ref.device, &semaphoreInfo, nullptr, &semaphore));
    frame.imageReady = Semaphore(ref, semaphore, "image ready" + suffix);
    frame.uniforms = GpuBuffer(ctx, sizeof(FrameUniforms), VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT, true,
                               "frame uniforms" + suffix);
    frame.instances = GpuBuffer(ctx, kInitialInstanceBytes, VK_BUFFER_USAGE_VERTEX_BUFFER_BIT, true,
                                "instances" + suffix);
    frame.lines = GpuBuffer(ctx, kInitialLineBytes, VK_BUFFER_USAGE_VERTEX_BUFFER_BIT, true,
                            "debug lines" + suffix);
    const VkDescriptorSetLayout setLayout = impl->pipelines.setLayout();
    VkDescriptorSetAllocateInfo setInfo{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
    setInfo.descriptorPool = pool;
    setInfo.descriptorSetCount = 1;
    setInfo.pSetLayouts = &setLayout;
    SKILLSIM_VK_CHECK(vkAllocateDescriptorSets(ref.device, &setInfo, &frame.descriptorSet));
    ref.name(VK_OBJECT_TYPE_DESCRIPTOR_SET, reinterpret_cast<std::uint64_t>(frame.descriptorSet),
             "scene descriptors" + suffix);
    impl->writeDescriptorSet(frame);
  }
  core::logger().info("renderer: {} target {}x{}, render scale {}, {}x MSAA, {} PCF, shadow "
                      "map {}",
                      ctx.surface() != VK_NULL_HANDLE ? "window" : "offscreen",
                      impl->target->extent().width, impl->target->extent().height,
                      impl->renderScale, static_cast<int>(impl->formats.samples),
                      impl->formats.shadowTaps == 1 ? "2x2" : "3x3",
                      options.shadowMapSize == 0 ? "off" : std::to_string(shadowSize));
  return impl;
}

RendererImpl::~RendererImpl() {
  if (context) {
    vkDeviceWaitIdle(context->device());
  }
  uiPass.reset();
  for (FrameSlot& frame : mFrames) {
    frame.retired.flush();
  }
}

void RendererImpl::writeDescriptorSet(FrameSlot& frame) {
  VkDescriptorBufferInfo bufferInfo{frame.uniforms.get(), 0, sizeof(FrameUniforms)};
  VkDescriptorImageInfo imageInfo{mShadowSampler.get(), mShadowMap.view(),
                                  VK_IMAGE_LAYOUT_DEPTH_STENCIL_READ_ONLY_OPTIMAL};
  std::array<VkWriteDescriptorSet, 2> writes{};
  writes[0].sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
  writes[0].dstSet = frame.descriptorSet;
  writes[0].dstBinding = 0;
  writes[0].descriptorCount = 1;
  writes[0].descriptorType = VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER;
  writes[0].pBufferInfo = &bufferInfo;
  writes[1].sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
  writes[1].dstSet = frame.descriptorSet;
  writes[1].dstBinding = 1;
  writes[1].descriptorCount = 1;
  writes[1].descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
  writes[1].pImageInfo = &imageInfo;
  vkUpdateDescriptorSets(context->device(), static_cast<std::uint32_t>(writes.size()),
                         writes.data(), 0, nullptr);
}

void RendererImpl::syncAttachments() {
  if (mAttachmentGeneration == target->generation()) {
    return;
  }
  vkDeviceWaitIdle(context->device());
  mAttachmentGeneration = target->generation();
  const VkExtent2D extent = target->extent();
  mMsaaColor = GpuImage();
  mDepth = GpuImage();
  mSceneColor = GpuImage();
  mSceneExtent = extent;
  if (extent.width == 0 || extent.height == 0) {
    return;
  }
  if (renderScale < 1.0f) {
    const auto scaled = [&](std::uint32_t pixels) {
      return std::max(
          1u, static_cast<std::uint32_t>(std::lround(static_cast<float>(pixels) * renderScale)));
    };
    mSceneExtent = {scaled(extent.width), scaled(extent.height)};
  }
  if (mSceneExtent.width != extent.width || mSceneExtent.height != extent.height) {
    mSceneColor = GpuImage(*context, mSceneExtent, formats.color,
                           VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_SAMPLED_BIT,
                           VK_SAMPLE_COUNT_1_BIT, VK_IMAGE_ASPECT_COLOR_BIT,
                           "scene colour at the render scale");
  }
  uiPass->setUpscaleSource(mSceneColor.empty() ? VK_NULL_HANDLE : mSceneColor.view());
  if (formats.samples != VK_SAMPLE_COUNT_1_BIT) {
    mMsaaColor =
        GpuImage(*context, mSceneExtent, formats.color,
                 VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT,
                 formats.samples, VK_IMAGE_ASPECT_COLOR_BIT, "multisampled colour");
  }
  mDepth = GpuImage(*context, mSceneExtent, formats.depth,
                    VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT |
                        VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT,
                    formats.samples, VK_IMAGE_ASPECT_DEPTH_BIT, "scene depth");
}

core::Expected<void> RendererImpl::prepareScene(const core::SceneView& scene, FrameSlot& frame) {
  const std::size_t meshCount = scene.meshes.size();
  std::vector<bool> used(meshCount, false);
  for (std::size_t i = 0; i < scene.instances.size(); ++i) {
    const core::Instance& instance = scene.instances[i];
    if (!instance.mesh.valid() || instance.mesh.index() >= meshCount) {
      return core::makeError(core::ErrorCode::InvalidInput,
                             "instance names mesh " + std::to_string(instance.mesh.index()) +
                                 " but the scene has " + std::to_string(meshCount) + " meshes",
                             {.fieldPath = "instances[" + std::to_string(i) + "].mesh"});
    }
    if (instance.material.valid() && instance.material.index() >= scene.materials.size()) {
      return core::makeError(core::ErrorCode::InvalidInput,
                             "instance names material " +
                                 std::to_string(instance.material.index()) + " but the scene has " +
                                 std::to_string(scene.materials.size()) + " materials",
                             {.fieldPath = "instances[" + std::to_string(i) + "].material"});
    }
    used[instance.mesh.index()] = true;
  }
  if (auto updated = mMeshes.update(*context, scene.meshes, used, frame.retired); !updated) {
    return updated;
  }

  // Instances grouped by mesh, in mesh order then scene order (a stable counting sort), first for
  // the camera, then the shadow casters for the light.
  std::vector<std::uint32_t> perMesh(meshCount, 0);
  std::vector<std::uint32_t> perMeshShadow(meshCount, 0);
  for (const core::Instance& instance : scene.instances) {
    ++perMesh[instance.mesh.index()];
    if (instance.castsShadow) {
      ++perMeshShadow[instance.mesh.index()];
    }
  }
  mBatches.clear();
  mShadowBatches.clear();
  std::vector<std::uint32_t> cursor(meshCount);
  std::vector<std::uint32_t> shadowCursor(meshCount);
  std::uint32_t next = 0;
  for (std::uint32_t m = 0; m < meshCount; ++m) {
    cursor[m] = next;
    if (perMesh[m] != 0 && m < mMeshes.size() && mMeshes.at(m).indexCount != 0) {
      mBatches.push_back({m, next, perMesh[m]});
    }
    next += perMesh[m];
  }
  for (std::uint32_t m = 0; m < meshCount; ++m) {
    shadowCursor[m] = next;
    if (perMeshShadow[m] != 0 && m < mMeshes.size() && mMeshes.at(m).indexCount != 0 &&
        mMeshes.at(m).desc.kind != core::MeshKind::Plane) {
      mShadowBatches.push_back({m, next, perMeshShadow[m]});
    }
    next += perMeshShadow[m];
  }
  // Big planes last: whatever stands on them is then already in the depth buffer, and the
  // rasteriser rejects the hidden ground fragments before shading them.
  std::stable_partition(mBatches.begin(), mBatches.end(), [&](const DrawBatch& batch) {
    return mMeshes.at(batch.mesh).desc.kind != core::MeshKind::Plane;
  });
  ensureCapacity(*context, frame.instances, std::max<VkDeviceSize>(1, next) * sizeof(InstanceData),
                 VK_BUFFER_USAGE_VERTEX_BUFFER_BIT, "instances", frame.retired);
  auto* out = static_cast<InstanceData*>(frame.instances.mapped());
  const std::uint32_t shadowStart = static_cast<std::uint32_t>(scene.instances.size());
  mCasterScratch.resize(next - shadowStart);
  const core::Material defaultMaterial;
  glm::vec3 casterMin(std::numeric_limits<float>::max());
  glm::vec3 casterMax(std::numeric_limits<float>::lowest());
  bool anyCaster = false;
  for (const core::Instance& instance : scene.instances) {
    const std::uint32_t m = instance.mesh.index();
    const core::Material& material =
        instance.material.valid() ? scene.materials[instance.material.index()] : defaultMaterial;
    const InstanceData data = toInstanceData(instance, material);
    out[cursor[m]++] = data;
    if (instance.castsShadow) {
      mCasterScratch[shadowCursor[m] - shadowStart] = data;
      out[shadowCursor[m]++] = data;
      const GpuMesh& mesh = mMeshes.at(m);
      if (mesh.indexCount != 0 && mesh.desc.kind != core::MeshKind::Plane) {
        for (int corner = 0; corner < 8; ++corner) {
          const glm::vec3 local((corner & 1) != 0 ? mesh.boundsMax.x : mesh.boundsMin.x,
                                (corner & 2) != 0 ? mesh.boundsMax.y : mesh.boundsMin.y,
                                (corner & 4) != 0 ? mesh.boundsMax.z : mesh.boundsMin.z);
          const glm::vec3 world = glm::vec3(instance.transform * glm::vec4(local, 1.0f));
          casterMin = glm::min(casterMin, world);
          casterMax = glm::max(casterMax, world);
        }
        anyCaster = true;
      }
    }
  }

  mLineVertexCount = static_cast<std::uint32_t>(scene.lines.size() * 2);
  ensureCapacity(*context, frame.lines,
                 std::max<VkDeviceSize>(1, mLineVertexCount) * sizeof(LineVertex),
                 VK_BUFFER_USAGE_VERTEX_BUFFER_BIT, "debug lines", frame.retired);
  auto* lineOut = static_cast<LineVertex*>(frame.lines.mapped());
  for (const core::DebugLine& line : scene.lines) {
    *lineOut++ = {line.from, line.color};
    *lineOut++ = {line.to, line.color};
  }

  const VkExtent2D extent = target->extent();
  const float aspect = static_cast<float>(extent.width) / static_cast<float>(extent.height);
  FrameUniforms uniforms;
  uniforms.viewProjection = projectionMatrix(scene.camera, aspect) * viewMatrix(scene.camera);
  uniforms.cameraPosition = glm::vec4(scene.camera.position, 1.0f);
  glm::vec3 direction = scene.light.direction;
  if (glm::length(direction) < 1e-6f) {
    direction = glm::vec3(0.0f, -1.0f, 0.0f);
  }
  direction = glm::normalize(direction);
  uniforms.lightColor = glm::vec4(scene.light.color * scene.light.intensity, 1.0f);
  uniforms.skyColor = glm::vec4(scene.light.skyColor, 1.0f);
  uniforms.groundColor = glm::vec4(scene.light.groundColor, 1.0f);
  mShadowsThisFrame = options.shadowMapSize != 0 && anyCaster && !mShadowBatches.empty();
  if (mShadowsThisFrame) {
    // An orthographic light frustum around the casters' bounding sphere (capped around the
    // camera's target when the casters spread too far for one map).
    glm::vec3 centre = (casterMin + casterMax) * 0.5f;
    float radius = glm::length(casterMax - casterMin) * 0.5f + 0.1f;
    if (radius > options.maxShadowRadius) {
      centre = scene.camera.target;
      radius = options.maxShadowRadius;
    }
    const glm::vec3 up =
        std::abs(direction.y) > 0.99f ? glm::vec3(0.0f, 0.0f, 1.0f) : glm::vec3(0.0f, 1.0f, 0.0f);
    const glm::mat4 lightView = glm::lookAtRH(centre - direction * (radius * 2.0f), centre, up);
    // Far enough to reach receivers well below the casters (the ground under a raised load).
    const glm::mat4 lightProjection =
        glm::orthoRH_ZO(-radius, radius, -radius, radius, 0.0f, radius * 4.0f + 500.0f);
    uniforms.lightViewProjection = lightProjection * lightView;
    const float size = static_cast<float>(mShadowMap.extent().width);
    const float texelWorld = 2.0f * radius / size;
    uniforms.shadowParams = glm::vec4(1.0f / size, texelWorld * 1.5f, 1.0f, 0.0f);
  }
  // The shadow map is drawn again only when something it depends on changed: the light's
  // projection, the casters (meshes, transforms) or their batches. A still scene, or a machine at
  // rest, keeps the last map.
  mShadowReuse = false;
  if (mShadowsThisFrame) {
    std::vector<std::uint32_t> batchKey;
    batchKey.reserve(mShadowBatches.size() * 2);
    for (const DrawBatch& batch : mShadowBatches) {
      batchKey.push_back(batch.mesh);
      batchKey.push_back(batch.instanceCount);
    }
    mShadowReuse =
        mShadowMapValid && uniforms.lightViewProjection == mShadowKey.lightViewProjection &&
        batchKey == mShadowKey.batches && mCasterScratch.size() == mShadowKey.casters.size() &&
        std::memcmp(mCasterScratch.data(), mShadowKey.casters.data(),
                    mCasterScratch.size() * sizeof(InstanceData)) == 0;
    if (!mShadowReuse) {
      mPendingShadowKey.lightViewProjection = uniforms.lightViewProjection;
      mPendingShadowKey.batches = std::move(batchKey);
      mPendingShadowKey.casters.swap(mCasterScratch);
    }
  }
  uniforms.lightDirection = glm::vec4(direction, mShadowsThisFrame ? 1.0f : 0.0f);
  std::memcpy(frame.uniforms.mapped(), &uniforms, sizeof(uniforms));
  return {};
}

void RendererImpl::record(FrameSlot& frame, const TargetImage& image,
                          const core::SceneView& scene) {
  VkCommandBuffer cmd = frame.commands;
  const VkExtent2D targetExtent = target->extent();
  const VkExtent2D extent = mSceneExtent; // the scene pass's size
  const bool scaled = !mSceneColor.empty();
  // Where the scene pass ends: the target image, or the smaller scene image blitted to it below.
  const VkImage sceneImage = scaled ? mSceneColor.get() : image.image;
  const VkImageView sceneView = scaled ? mSceneColor.view() : image.view;
  const VkDeviceSize zero = 0;
  if (mShadowsThisFrame && !mShadowReuse) {
    std::swap(mShadowKey, mPendingShadowKey);
    mShadowMapValid = true;
    ++shadowMapDraws;
    const VkExtent2D shadowExtent = mShadowMap.extent();
    transitionImage(cmd, mShadowMap.get(), VK_IMAGE_ASPECT_DEPTH_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                    VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL,
                    VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT, VK_ACCESS_2_NONE,
                    VK_PIPELINE_STAGE_2_EARLY_FRAGMENT_TESTS_BIT |
                        VK_PIPELINE_STAGE_2_LATE_FRAGMENT_TESTS_BIT,
                    VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_READ_BIT |
                        VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT);
    VkRenderingAttachmentInfo depth{VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO};
    depth.imageView = mShadowMap.view();
    depth.imageLayout = VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL;
    depth.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
    depth.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
    depth.clearValue.depthStencil = {1.0f, 0};
    VkRenderingInfo rendering{VK_STRUCTURE_TYPE_RENDERING_INFO};
    rendering.renderArea = {{0, 0}, shadowExtent};
    rendering.layerCount = 1;
    rendering.pDepthAttachment = &depth;
    vkCmdBeginRendering(cmd, &rendering);
    const VkViewport viewport{
        0.0f, 0.0f, static_cast<float>(shadowExtent.width), static_cast<float>(shadowExtent.height),
        0.0f, 1.0f};
    const VkRect2D scissor{{0, 0}, shadowExtent};
    vkCmdSetViewport(cmd, 0, 1, &viewport);
    vkCmdSetScissor(cmd, 0, 1, &scissor);
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipelines.layout(), 0, 1,
                            &frame.descriptorSet, 0, nullptr);
    VkPipeline bound = VK_NULL_HANDLE;
    for (const DrawBatch& batch : mShadowBatches) {
      const GpuMesh& mesh = mMeshes.at(batch.mesh);
      const VkPipeline pipeline = pipelines.shadow(mesh.desc.kind != core::MeshKind::Gltf);
      if (pipeline != bound) {
        vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline);
        bound = pipeline;
      }
      const std::array<VkBuffer, 2> buffers = {mesh.vertices.get(), frame.instances.get()};
      const std::array<VkDeviceSize, 2> offsets = {0, batch.firstInstance * sizeof(InstanceData)};
      vkCmdBindVertexBuffers(cmd, 0, 2, buffers.data(), offsets.data());
      vkCmdBindIndexBuffer(cmd, mesh.indices.get(), 0, VK_INDEX_TYPE_UINT32);
      vkCmdDrawIndexed(cmd, mesh.indexCount, batch.instanceCount, 0, 0, 0);
    }
    vkCmdEndRendering(cmd);
    transitionImage(
        cmd, mShadowMap.get(), VK_IMAGE_ASPECT_DEPTH_BIT, VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL,
        VK_IMAGE_LAYOUT_DEPTH_STENCIL_READ_ONLY_OPTIMAL,
        VK_PIPELINE_STAGE_2_LATE_FRAGMENT_TESTS_BIT, VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT,
        VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT, VK_ACCESS_2_SHADER_SAMPLED_READ_BIT);
  }

  // Scene pass: everything drawn into the (multisampled) colour and depth, resolved into the
  // target image. Earlier contents are discarded (UNDEFINED): meshes and sky cover every pixel.
  const VkPipelineStageFlags2 attachmentStages = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT;
  transitionImage(cmd, sceneImage, VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                  VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                  attachmentStages | VK_PIPELINE_STAGE_2_TRANSFER_BIT, VK_ACCESS_2_NONE,
                  attachmentStages, VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT);
  const bool msaa = formats.samples != VK_SAMPLE_COUNT_1_BIT;
  if (msaa) {
    transitionImage(cmd, mMsaaColor.get(), VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                    VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL, attachmentStages, VK_ACCESS_2_NONE,
                    attachmentStages, VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT);
  }
  const VkPipelineStageFlags2 depthStages =
      VK_PIPELINE_STAGE_2_EARLY_FRAGMENT_TESTS_BIT | VK_PIPELINE_STAGE_2_LATE_FRAGMENT_TESTS_BIT;
  transitionImage(cmd, mDepth.get(), VK_IMAGE_ASPECT_DEPTH_BIT, VK_IMAGE_LAYOUT_UNDEFINED,
                  VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL, depthStages, VK_ACCESS_2_NONE,
                  depthStages,
                  VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_READ_BIT |
                      VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT);
  VkRenderingAttachmentInfo color{VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO};
  color.imageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  color.loadOp = VK_ATTACHMENT_LOAD_OP_DONT_CARE;
  color.clearValue.color = {{0.0f, 0.0f, 0.0f, 1.0f}};
  if (msaa) {
    color.imageView = mMsaaColor.view();
    color.storeOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
    color.resolveMode = VK_RESOLVE_MODE_AVERAGE_BIT;
    color.resolveImageView = sceneView;
    color.resolveImageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  } else {
    color.imageView = sceneView;
    color.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
  }
  VkRenderingAttachmentInfo depth{VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO};
  depth.imageView = mDepth.view();
  depth.imageLayout = VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL;
  depth.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
  depth.storeOp = VK_ATTACHMENT_STORE_OP_DONT_CARE;
  depth.clearValue.depthStencil = {1.0f, 0};
  VkRenderingInfo rendering{VK_STRUCTURE_TYPE_RENDERING_INFO};
  rendering.renderArea = {{0, 0}, extent};
  rendering.layerCount = 1;
  rendering.colorAttachmentCount = 1;
  rendering.pColorAttachments = &color;
  rendering.pDepthAttachment = &depth;
  vkCmdBeginRendering(cmd, &rendering);
  const VkViewport viewport{
      0.0f, 0.0f, static_cast<float>(extent.width), static_cast<float>(extent.height), 0.0f, 1.0f};
  const VkRect2D scissor{{0, 0}, extent};
  vkCmdSetViewport(cmd, 0, 1, &viewport);
  vkCmdSetScissor(cmd, 0, 1, &scissor);
  vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipelines.layout(), 0, 1,
                          &frame.descriptorSet, 0, nullptr);

  if (!mBatches.empty()) {
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipelines.mesh(mShadowsThisFrame));
    for (const DrawBatch& batch : mBatches) {
      const GpuMesh& mesh = mMeshes.at(batch.mesh);
      const std::array<VkBuffer, 2> buffers = {mesh.vertices.get(), frame.instances.get()};
      const std::array<VkDeviceSize, 2> offsets = {0, batch.firstInstance * sizeof(InstanceData)};
      vkCmdBindVertexBuffers(cmd, 0, 2, buffers.data(), offsets.data());
      vkCmdBindIndexBuffer(cmd, mesh.indices.get(), 0, VK_INDEX_TYPE_UINT32);
      vkCmdDrawIndexed(cmd, mesh.indexCount, batch.instanceCount, 0, 0, 0);
    }
  }
  // Sky after the meshes, at the far plane with a depth test: only uncovered pixels pay for it.
  // Before the lines, which do not write depth and would otherwise be painted over.
  vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipelines.sky());
  const std::array<glm::vec4, 2> sky = {
      glm::vec4(glm::mix(scene.light.skyColor, glm::vec3(0.9f, 0.92f, 0.95f), 0.55f), 1.0f),
      glm::vec4(scene.light.skyColor * 0.75f, 1.0f)};
  vkCmdPushConstants(cmd, pipelines.layout(), VK_SHADER_STAGE_FRAGMENT_BIT, 0, sizeof(sky),
                     sky.data());
  vkCmdDraw(cmd, 3, 1, 0, 0);

  if (mLineVertexCount != 0) {
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipelines.line());
    const VkBuffer lineBuffer = frame.lines.get();
    vkCmdBindVertexBuffers(cmd, 0, 1, &lineBuffer, &zero);
    vkCmdDraw(cmd, mLineVertexCount, 1, 0, 0);
  }
  vkCmdEndRendering(cmd);

  if (scaled) {
    // The UI pass stretches the scene over the target with bilinear filtering (a textured
    // rectangle: on lavapipe about a tenth of a linear vkCmdBlitImage's cost), then draws the HUD
    // on top at full resolution.
    transitionImage(cmd, sceneImage, VK_IMAGE_ASPECT_COLOR_BIT,
                    VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                    VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL, attachmentStages,
                    VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT, VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT,
                    VK_ACCESS_2_SHADER_SAMPLED_READ_BIT);
  }

  // UI pass (Dear ImGui over the scene), which also moves the image to its final layout.
  uiPass->record(cmd, image.index, targetExtent, scaled);
}

core::Expected<FrameStatus> RendererImpl::render(const core::SceneView& scene) {
  FrameSlot& frame = mFrames[mFrameIndex];
  SKILLSIM_VK_CHECK(
      vkWaitForFences(context->device(), 1, frame.done.address(), VK_TRUE, UINT64_MAX));
  frame.retired.flush(); // this slot's previous frame is done with them
  if (!target->prepare()) {
    return FrameStatus::Skipped; // minimised: nothing to draw into
  }
  if (auto prepared = prepareScene(scene, frame); !prepared) {
    return std::move(prepared).error();
  }
  const std::optional<TargetImage> image = target->acquire(frame.imageReady.get());
  if (!image) {
    return FrameStatus::Skipped;
  }
  syncAttachments();
  uiPass->syncFramebuffers(*target);
  SKILLSIM_VK_CHECK(vkResetFences(context->device(), 1, frame.done.address()));
  SKILLSIM_VK_CHECK(vkResetCommandBuffer(frame.commands, 0));
  VkCommandBufferBeginInfo begin{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
  begin.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  SKILLSIM_VK_CHECK(vkBeginCommandBuffer(frame.commands, &begin));
  record(frame, *image, scene);
  SKILLSIM_VK_CHECK(vkEndCommandBuffer(frame.commands));

  const bool windowed = context->surface() != VK_NULL_HANDLE;
  const VkSemaphore wait = frame.imageReady.get();
  const VkSemaphore signal = target->renderFinished(image->index);
  const VkPipelineStageFlags waitStage = VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT;
  VkSubmitInfo submit{VK_STRUCTURE_TYPE_SUBMIT_INFO};
  submit.waitSemaphoreCount = windowed ? 1 : 0;
  submit.pWaitSemaphores = &wait;
  submit.pWaitDstStageMask = &waitStage;
  submit.commandBufferCount = 1;
  submit.pCommandBuffers = &frame.commands;
  submit.signalSemaphoreCount = windowed ? 1 : 0;
  submit.pSignalSemaphores = &signal;
  const VkResult submitted = vkQueueSubmit(context->queue(), 1, &submit, frame.done.get());
  if (submitted == VK_ERROR_DEVICE_LOST) {
    return core::makeError(core::ErrorCode::Unavailable,
                           "the Vulkan device was lost (driver crash or GPU reset)");
  }
  SKILLSIM_VK_CHECK(submitted);
  target->present(*image);
  mRendered = true;
  ++frames;
  mFrameIndex = (mFrameIndex + 1) % static_cast<std::uint32_t>(mFrames.size());
  if (options.frameCapHz > 0.0) {
    const auto period = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
        std::chrono::duration<double>(1.0 / options.frameCapHz));
    const auto due = mLastFrame + period;
    if (std::chrono::steady_clock::now() < due) {
      std::this_thread::sleep_until(due);
    }
    mLastFrame = std::chrono::steady_clock::now();
  }
  return FrameStatus::Rendered;
}

void RendererImpl::resize(std::uint32_t width, std::uint32_t height) {
  target->resize(width, height);
}

core::Expected<RgbaImage> RendererImpl::readPixels() {
  if (context->surface() != VK_NULL_HANDLE) {
    return core::makeError(core::ErrorCode::Unsupported,
                           "readPixels works on an offscreen renderer only (this one draws to a "
                           "window)");
  }
  if (!mRendered) {
    return core::makeError(core::ErrorCode::InvalidInput,
                           "readPixels before any frame was rendered");
  }
  const VkExtent2D extent = target->extent();
  const VkDeviceSize bytes = static_cast<VkDeviceSize>(extent.width) * extent.height * 4;
  GpuBuffer readback(*context, bytes, VK_BUFFER_USAGE_TRANSFER_DST_BIT, true, "read-back buffer");
  const VkImage image = target->image(0).image;
  // The last frame left the image in TRANSFER_SRC_OPTIMAL (the UI pass's final layout); the queue
  // runs in order, and the render pass's external dependency orders its writes before transfers.
  context->submitAndWait([&](VkCommandBuffer cmd) {
    VkBufferImageCopy region{};
    region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
    region.imageExtent = {extent.width, extent.height, 1};
    vkCmdCopyImageToBuffer(cmd, image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, readback.get(), 1,
                           &region);
    VkMemoryBarrier2 barrier{VK_STRUCTURE_TYPE_MEMORY_BARRIER_2};
    barrier.srcStageMask = VK_PIPELINE_STAGE_2_TRANSFER_BIT;
    barrier.srcAccessMask = VK_ACCESS_2_TRANSFER_WRITE_BIT;
    barrier.dstStageMask = VK_PIPELINE_STAGE_2_HOST_BIT;
    barrier.dstAccessMask = VK_ACCESS_2_HOST_READ_BIT;
    VkDependencyInfo dependency{VK_STRUCTURE_TYPE_DEPENDENCY_INFO};
    dependency.memoryBarrierCount = 1;
    dependency.pMemoryBarriers = &barrier;
    vkCmdPipelineBarrier2(cmd, &dependency);
  });
  RgbaImage out;
  out.width = extent.width;
  out.height = extent.height;
  const auto* data = static_cast<const std::uint8_t*>(readback.mapped());
  out.pixels.assign(data, data + bytes);
  return out;
}

// ---- Renderer: the public face -------------------------------------------------------------

Renderer::Renderer(std::unique_ptr<RendererImpl> impl) : mImpl(std::move(impl)) {}

Renderer::~Renderer() = default;

core::Expected<std::unique_ptr<Renderer>> Renderer::create(const RendererOptions& options) {
  auto impl = RendererImpl::create(options);
  if (!impl) {
    return std::move(impl).error();
  }
  return std::unique_ptr<Renderer>(new Renderer(std::move(*impl)));
}

core::Expected<std::vector<DeviceCandidate>> Renderer::listDevices() {
  return VulkanContext::listDevices();
}

core::Expected<FrameStatus> Renderer::render(const core::SceneView& scene) {
  return mImpl->render(scene);
}

void Renderer::resize(std::uint32_t width, std::uint32_t height) { mImpl->resize(width, height); }

core::Expected<RgbaImage> Renderer::readPixels() { return mImpl->readPixels(); }

std::uint32_t Renderer::width() const { return mImpl->target->extent().width; }
std::uint32_t Renderer::height() const { return mImpl->target->extent().height; }
bool Renderer::offscreen() const { return mImpl->context->surface() == VK_NULL_HANDLE; }
std::string Renderer::deviceName() const { return mImpl->context->properties().deviceName; }
float Renderer::renderScale() const { return mImpl->renderScale; }
std::uint64_t Renderer::shadowMapDraws() const { return mImpl->shadowMapDraws; }
std::uint32_t Renderer::shadowMapSize() const { return mImpl->shadowMapSize; }
std::uint32_t Renderer::msaaSamples() const {
  return static_cast<std::uint32_t>(mImpl->formats.samples);
}
bool Renderer::validationEnabled() const { return mImpl->context->validationEnabled(); }
std::uint64_t Renderer::validationMessageCount() const {
  return mImpl->context->validationMessageCount();
}
std::uint64_t Renderer::frameCount() const { return mImpl->frames; }

bool Renderer::attachImGui() {
  return mImpl->uiPass->attachImGui(std::max(2u, mImpl->target->imageCount()));
}
void Renderer::detachImGui() { mImpl->uiPass->detachImGui(); }
void Renderer::beginImGuiFrame() { mImpl->uiPass->beginImGuiFrame(); }
bool Renderer::imguiAttached() const { return mImpl->uiPass->imguiAttached(); }
void Renderer::waitIdle() { vkDeviceWaitIdle(mImpl->context->device()); }

} // namespace skillsim::render
