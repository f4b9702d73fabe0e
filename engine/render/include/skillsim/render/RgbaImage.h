#pragma once

#include <skillsim/core/Expected.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace skillsim::render {

/** An 8-bit RGBA image in host memory, rows top to bottom, 4 bytes per pixel (R, G, B, A). */
struct RgbaImage {
  std::uint32_t width = 0;
  std::uint32_t height = 0;
  std::vector<std::uint8_t> pixels; ///< width * height * 4 bytes.

  /** The pixel at column x, row y (0, 0 = top left). Out of range is a contract violation. */
  [[nodiscard]] std::array<std::uint8_t, 4> at(std::uint32_t x, std::uint32_t y) const;
};

/**
 * Writes `image` as a PNG file (stb_image_write). Errors (ErrorCode::Io) name the path: an empty
 * image or a file that cannot be written.
 */
[[nodiscard]] core::Expected<void> writePng(const RgbaImage& image, const std::string& path);

/** Reads a PNG (or any format stb_image reads) as RGBA8. Errors name the path and the reason. */
[[nodiscard]] core::Expected<RgbaImage> readPng(const std::string& path);

} // namespace skillsim::render
