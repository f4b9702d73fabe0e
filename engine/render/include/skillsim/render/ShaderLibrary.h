#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace skillsim::render {

/** One shader compiled by glslc at build time and embedded in the binary. */
struct ShaderBlob {
  std::string_view name;                ///< Source file name under shaders/, e.g. "sky.vert".
  std::span<const std::uint32_t> spirv; ///< SPIR-V words (first word 0x07230203).
};

/** Every embedded shader, in a fixed order. Nothing is looked up by path at run time. */
[[nodiscard]] std::span<const ShaderBlob> embeddedShaders();

/** The shader named `name` ("sky.vert"), or an empty span when there is none. */
[[nodiscard]] std::span<const std::uint32_t> findShader(std::string_view name);

} // namespace skillsim::render
