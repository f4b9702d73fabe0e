#include "skillsim/render/RgbaImage.h"

#include <stb_image.h>
#include <stb_image_write.h>

namespace skillsim::render {

std::array<std::uint8_t, 4> RgbaImage::at(std::uint32_t x, std::uint32_t y) const {
  SKILLSIM_CHECK(x < width && y < height, "RgbaImage::at outside the image");
  const std::size_t i = (static_cast<std::size_t>(y) * width + x) * 4;
  return {pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]};
}

core::Expected<void> writePng(const RgbaImage& image, const std::string& path) {
  if (image.width == 0 || image.height == 0 ||
      image.pixels.size() != static_cast<std::size_t>(image.width) * image.height * 4) {
    return core::makeError(core::ErrorCode::InvalidInput,
                           "cannot write an empty or inconsistent image", {.file = path});
  }
  const int ok =
      stbi_write_png(path.c_str(), static_cast<int>(image.width), static_cast<int>(image.height), 4,
                     image.pixels.data(), static_cast<int>(image.width * 4));
  if (ok == 0) {
    return core::makeError(core::ErrorCode::Io,
                           "could not write the PNG (does the folder exist and is it writable?)",
                           {.file = path});
  }
  return {};
}

core::Expected<RgbaImage> readPng(const std::string& path) {
  int width = 0;
  int height = 0;
  int channels = 0;
  stbi_uc* data = stbi_load(path.c_str(), &width, &height, &channels, 4);
  if (data == nullptr) {
    return core::makeError(core::ErrorCode::NotFound,
                           std::string("could not read the image: ") + stbi_failure_reason(),
                           {.file = path});
  }
  RgbaImage image;
  image.width = static_cast<std::uint32_t>(width);
  image.height = static_cast<std::uint32_t>(height);
  image.pixels.assign(data, data + static_cast<std::size_t>(width) * height * 4);
  stbi_image_free(data);
  return image;
}

} // namespace skillsim::render
