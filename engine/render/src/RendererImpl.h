#pragma once

#include "DeletionQueue.h"
#include "FrameUniforms.h"
#include "GpuBuffer.h"
#include "MeshCache.h"
#include "RenderTarget.h"
#include "ScenePipelines.h"
#include "UiPass.h"
#include "VulkanContext.h"

#include <skillsim/render/Renderer.h>

#include <array>
#include <chrono>
#include <memory>

namespace skillsim::render {

/** What one frame slot owns: commands, synchronisation, host-written buffers, retired objects. */
struct FrameSlot {
  detail::CommandPool commandPool;
  VkCommandBuffer commands = VK_NULL_HANDLE;
  detail::Fence done;
  detail::Semaphore imageReady;
  detail::GpuBuffer uniforms;
  detail::GpuBuffer instances;
  detail::GpuBuffer lines;
  VkDescriptorSet descriptorSet = VK_NULL_HANDLE;
  detail::DeletionQueue retired;
};

/** A run of instances of one mesh, drawn with one instanced call. */
struct DrawBatch {
  std::uint32_t mesh = 0;
  std::uint32_t firstInstance = 0;
  std::uint32_t instanceCount = 0;
};

/** What the shadow map was last drawn from (RendererImpl reuses it while this is unchanged). */
struct ShadowKey {
  glm::mat4 lightViewProjection{0.0f};
  std::vector<std::uint32_t> batches;        ///< (mesh, instance count) per shadow batch.
  std::vector<detail::InstanceData> casters; ///< The casters' instance data, in batch order.
};

/** The Renderer's state (pimpl): see Renderer.h for what each operation promises. */
class RendererImpl {
public:
  static core::Expected<std::unique_ptr<RendererImpl>> create(const RendererOptions& options);
  ~RendererImpl();

  core::Expected<FrameStatus> render(const core::SceneView& scene);
  void resize(std::uint32_t width, std::uint32_t height);
  core::Expected<RgbaImage> readPixels();

  std::unique_ptr<detail::VulkanContext> context;
  std::unique_ptr<detail::RenderTarget> target;
  std::unique_ptr<detail::UiPass> uiPass;
  RendererOptions options;
  detail::SceneFormats formats;
  detail::ScenePipelines pipelines;
  std::uint64_t frames = 0;
  /** RendererOptions::renderScale after the automatic choice and clamping, (0, 1]. */
  float renderScale = 1.0f;
  /** Shadow map edge in use (texels), 0 with shadows off (Renderer::shadowMapSize). */
  std::uint32_t shadowMapSize = 0;
  /** Shadow passes recorded so far (Renderer::shadowMapDraws). */
  std::uint64_t shadowMapDraws = 0;
  /**
   * The colour format can be drawn into and sampled with linear filtering, as the upscale of a
   * scene drawn below scale 1 needs (else the scene is drawn at 1).
   */
  bool upscaleSupported = false;

private:
  RendererImpl() = default;
  void syncAttachments();
  core::Expected<void> prepareScene(const core::SceneView& scene, FrameSlot& frame);
  void record(FrameSlot& frame, const detail::TargetImage& image, const core::SceneView& scene);
  void writeDescriptorSet(FrameSlot& frame);

  detail::GpuImage mShadowMap;
  detail::Sampler mShadowSampler;
  detail::GpuImage mMsaaColor;
  detail::GpuImage mDepth;
  /** The scene at the render scale, stretched over the target by the UI pass; empty at 1. */
  detail::GpuImage mSceneColor;
  /** Size the scene is drawn at: the target's extent times renderScale (or the extent). */
  VkExtent2D mSceneExtent{};
  std::uint64_t mAttachmentGeneration = 0;
  detail::DescriptorPool mDescriptorPool;
  std::array<FrameSlot, 2> mFrames;
  std::uint32_t mFrameIndex = 0;
  detail::MeshCache mMeshes;
  std::vector<DrawBatch> mBatches;
  std::vector<DrawBatch> mShadowBatches;
  std::uint32_t mLineVertexCount = 0;
  bool mShadowsThisFrame = false;
  bool mShadowReuse = false;    ///< This frame samples the shadow map drawn earlier.
  bool mShadowMapValid = false; ///< The shadow map holds the depth of mShadowKey.
  ShadowKey mShadowKey;
  ShadowKey mPendingShadowKey;
  std::vector<detail::InstanceData> mCasterScratch;
  bool mRendered = false;
  std::chrono::steady_clock::time_point mLastFrame{};
};

} // namespace skillsim::render
