#include "MeshCache.h"

#include <skillsim/render/GltfLoader.h>
#include <skillsim/render/MeshData.h>

#include <cstring>

namespace skillsim::render::detail {
namespace {

bool sameDesc(const core::MeshDesc& a, const core::MeshDesc& b) {
  return a.kind == b.kind && a.size == b.size && a.subdivisions == b.subdivisions &&
         a.assetPath == b.assetPath;
}

GpuBuffer upload(const VulkanContext& context, const void* data, VkDeviceSize size,
                 VkBufferUsageFlags usage, const std::string& name) {
  GpuBuffer staging(context, size, VK_BUFFER_USAGE_TRANSFER_SRC_BIT, true, name + " staging");
  std::memcpy(staging.mapped(), data, size);
  GpuBuffer target(context, size, usage | VK_BUFFER_USAGE_TRANSFER_DST_BIT, false, name);
  context.submitAndWait([&](VkCommandBuffer cmd) {
    const VkBufferCopy region{0, 0, size};
    vkCmdCopyBuffer(cmd, staging.get(), target.get(), 1, &region);
  });
  return target;
}

} // namespace

core::Expected<void> MeshCache::update(const VulkanContext& context,
                                       const std::vector<core::MeshDesc>& meshes,
                                       const std::vector<bool>& used, DeletionQueue& retired) {
  if (mMeshes.size() < meshes.size()) {
    mMeshes.resize(meshes.size());
  }
  for (std::size_t i = 0; i < meshes.size(); ++i) {
    GpuMesh& gpu = mMeshes[i];
    if (!used[i] || (gpu.indexCount != 0 && sameDesc(gpu.desc, meshes[i]))) {
      continue;
    }
    MeshData data;
    if (meshes[i].kind == core::MeshKind::Gltf) {
      auto loaded = loadGltf(meshes[i].assetPath);
      if (!loaded) {
        core::Error error = std::move(loaded).error();
        error.location.fieldPath = "meshes[" + std::to_string(i) + "]";
        return error;
      }
      data = std::move(*loaded);
    } else {
      data = makeProceduralMesh(meshes[i]);
    }
    if (data.indices.empty()) {
      continue; // a degenerate shape (zero size) draws nothing
    }
    const std::string name =
        meshes[i].debugName.empty() ? "mesh " + std::to_string(i) : meshes[i].debugName;
    GpuMesh fresh;
    fresh.vertices = upload(context, data.vertices.data(), data.vertices.size() * sizeof(Vertex),
                            VK_BUFFER_USAGE_VERTEX_BUFFER_BIT, name + " vertices");
    fresh.indices =
        upload(context, data.indices.data(), data.indices.size() * sizeof(std::uint32_t),
               VK_BUFFER_USAGE_INDEX_BUFFER_BIT, name + " indices");
    fresh.indexCount = static_cast<std::uint32_t>(data.indices.size());
    fresh.boundsMin = data.boundsMin;
    fresh.boundsMax = data.boundsMax;
    fresh.desc = meshes[i];
    if (gpu.indexCount != 0) {
      retired.defer(std::move(gpu.vertices));
      retired.defer(std::move(gpu.indices));
    }
    gpu = std::move(fresh);
  }
  return {};
}

} // namespace skillsim::render::detail
