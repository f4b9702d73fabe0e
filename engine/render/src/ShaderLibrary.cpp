#include "skillsim/render/ShaderLibrary.h"

#include <skillsim/shaders/Shaders.h>

#include <array>

namespace skillsim::render {
namespace {

const std::array<ShaderBlob, 9>& table() {
  static const std::array<ShaderBlob, 9> kTable = {{
      {"sky.vert", shaders::kSkyVert},
      {"sky.frag", shaders::kSkyFrag},
      {"mesh.vert", shaders::kMeshVert},
      {"mesh.frag", shaders::kMeshFrag},
      {"shadow.vert", shaders::kShadowVert},
      {"line.vert", shaders::kLineVert},
      {"line.frag", shaders::kLineFrag},
      {"upscale.vert", shaders::kUpscaleVert},
      {"upscale.frag", shaders::kUpscaleFrag},
  }};
  return kTable;
}

} // namespace

std::span<const ShaderBlob> embeddedShaders() { return table(); }

std::span<const std::uint32_t> findShader(std::string_view name) {
  for (const ShaderBlob& blob : table()) {
    if (blob.name == name) {
      return blob.spirv;
    }
  }
  return {};
}

} // namespace skillsim::render
