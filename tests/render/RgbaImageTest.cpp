#include <skillsim/render/RgbaImage.h>

#include <gtest/gtest.h>

#include <filesystem>

using namespace skillsim;
using namespace skillsim::render;

TEST(RgbaImage, PngRoundTripKeepsEveryPixel) {
  RgbaImage image{.width = 3, .height = 2, .pixels = {}};
  for (int i = 0; i < 3 * 2 * 4; ++i) {
    image.pixels.push_back(static_cast<std::uint8_t>(i * 11));
  }
  std::filesystem::create_directories(SKILLSIM_TEST_OUTPUT_DIR);
  const std::string path = std::string(SKILLSIM_TEST_OUTPUT_DIR) + "/roundtrip.png";
  ASSERT_TRUE(writePng(image, path));
  auto back = readPng(path);
  ASSERT_TRUE(back) << back.error().toString();
  EXPECT_EQ(back->width, 3u);
  EXPECT_EQ(back->pixels, image.pixels);
  EXPECT_EQ(back->at(2, 1)[3], image.pixels[23]);
  EXPECT_THROW((void)back->at(3, 0), core::ContractViolation);
}

TEST(RgbaImage, WriteErrorsNameThePath) {
  RgbaImage image{.width = 1, .height = 1, .pixels = {1, 2, 3, 4}};
  auto result = writePng(image, "/nonexistent-dir/shot.png");
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().toString().find("/nonexistent-dir/shot.png"), std::string::npos);
  auto empty = writePng(RgbaImage{}, "/tmp/x.png");
  EXPECT_FALSE(empty);
  auto missing = readPng("/nonexistent-dir/golden.png");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().toString().find("/nonexistent-dir/golden.png"), std::string::npos);
}
