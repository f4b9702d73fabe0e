#pragma once

#include "DeletionQueue.h"
#include "GpuBuffer.h"

#include <skillsim/core/Expected.h>
#include <skillsim/core/SceneView.h>

#include <glm/glm.hpp>

#include <vector>

namespace skillsim::render::detail {

/** One mesh on the GPU: vertex and index buffers and its model-space bounds. */
struct GpuMesh {
  GpuBuffer vertices;
  GpuBuffer indices;
  std::uint32_t indexCount = 0;
  glm::vec3 boundsMin{0.0f};
  glm::vec3 boundsMax{0.0f};
  core::MeshDesc desc; ///< What it was built from; a changed desc rebuilds it.
};

/**
 * GPU meshes by SceneView mesh index, built on first use (procedural shapes, or glTF files through
 * loadGltf) and rebuilt when a desc changes; replaced buffers go to the caller's DeletionQueue.
 */
class MeshCache {
public:
  /**
   * Makes sure every entry of `meshes` that `used` marks is on the GPU. Errors: a glTF mesh that
   * cannot be loaded (names the file and the mesh index).
   */
  core::Expected<void> update(const VulkanContext& context,
                              const std::vector<core::MeshDesc>& meshes,
                              const std::vector<bool>& used, DeletionQueue& retired);

  [[nodiscard]] const GpuMesh& at(std::size_t index) const { return mMeshes[index]; }
  [[nodiscard]] std::size_t size() const { return mMeshes.size(); }

private:
  std::vector<GpuMesh> mMeshes;
};

} // namespace skillsim::render::detail
