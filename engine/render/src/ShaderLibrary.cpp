#include "skillsim/render/ShaderLibrary.h"

#include <skillsim/shaders/Shaders.h>

#include <array>

namespace skillsim::render {
namespace {

const std::array<ShaderBlob, 2>& table() {
  static const std::array<ShaderBlob, 2> kTable = {{
      {"sky.vert", shaders::kSkyVert},
      {"sky.frag", shaders::kSkyFrag},
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
