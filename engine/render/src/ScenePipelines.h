#pragma once

#include "VulkanContext.h"

namespace skillsim::render::detail {

/** The embedded shader `name` (ShaderLibrary) as a module; a missing one is a programming error. */
ShaderModule loadShader(const DeviceRef& ref, const char* name);

/** The formats and sample count the scene pass renders with (pipelines are built for them). */
struct SceneFormats {
  VkFormat color = VK_FORMAT_R8G8B8A8_UNORM;
  VkFormat depth = VK_FORMAT_D32_SFLOAT;
  VkFormat shadow = VK_FORMAT_D32_SFLOAT;
  VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
  /** Shadow map taps per pixel: 4 (3x3 PCF) or 1 (2x2 PCF); mesh.frag's kShadowTaps. */
  std::uint32_t shadowTaps = 4;
};

/**
 * The graphics pipelines of the scene (dynamic rendering): sky gradient, lit instanced meshes,
 * debug lines, and the depth-only shadow pass; plus the descriptor set layout they share
 * (binding 0: FrameUniforms, binding 1: the shadow map with a comparison sampler).
 */
class ScenePipelines {
public:
  ScenePipelines() = default;
  ScenePipelines(const VulkanContext& context, const SceneFormats& formats);

  [[nodiscard]] VkDescriptorSetLayout setLayout() const { return mSetLayout.get(); }
  [[nodiscard]] VkPipelineLayout layout() const { return mLayout.get(); }
  [[nodiscard]] VkPipeline sky() const { return mSky.get(); }
  /**
   * The lit mesh pipeline sampling the shadow map (`shadowed`), or the variant without the shadow
   * taps, for frames without shadows (mesh.frag's specialization constant kShadows).
   */
  [[nodiscard]] VkPipeline mesh(bool shadowed) const {
    return shadowed ? mMesh.get() : mMeshUnshadowed.get();
  }
  [[nodiscard]] VkPipeline line() const { return mLine.get(); }
  /**
   * The depth-only shadow pass: back faces culled for `closed` meshes (box, cylinder, capsule,
   * sphere), both sides drawn for open ones (glTF meshes may be single surfaces).
   */
  [[nodiscard]] VkPipeline shadow(bool closed) const {
    return closed ? mShadowClosed.get() : mShadow.get();
  }
  [[nodiscard]] const SceneFormats& formats() const { return mFormats; }

private:
  SceneFormats mFormats;
  DescriptorSetLayout mSetLayout;
  PipelineLayout mLayout;
  Pipeline mSky;
  Pipeline mMesh;
  Pipeline mMeshUnshadowed;
  Pipeline mLine;
  Pipeline mShadow;
  Pipeline mShadowClosed;
};

} // namespace skillsim::render::detail
