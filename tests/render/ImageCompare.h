#pragma once
// Test helpers: compare a rendered image with a golden PNG under a tolerance, writing the actual
// and a difference image to the build's test-output folder when they differ.

#include <skillsim/render/RgbaImage.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace skillsim::render::testing {

/** Where failing tests leave images (SKILLSIM_TEST_OUTPUT_DIR, created on demand). */
inline std::string testOutputPath(const std::string& name) {
  std::filesystem::create_directories(SKILLSIM_TEST_OUTPUT_DIR);
  return std::string(SKILLSIM_TEST_OUTPUT_DIR) + "/" + name;
}

/** Outcome of a golden comparison. */
struct GoldenResult {
  bool matches = false;
  std::string message;
};

/**
 * Compares `actual` with the golden PNG tests/render/golden/<name>.png. A pixel differs when any
 * channel differs by more than `channelTolerance`; the images match when at most
 * `maxDifferingFraction` of the pixels differ. On a mismatch writes <name>.actual.png and
 * <name>.diff.png (differing pixels red on a dimmed copy) to the test-output folder. With
 * SKILLSIM_UPDATE_GOLDEN=1 in the environment the golden is (re)written instead.
 */
inline GoldenResult compareWithGolden(const RgbaImage& actual, const std::string& name,
                                      int channelTolerance = 12,
                                      double maxDifferingFraction = 0.005) {
  const std::string goldenPath =
      std::string(SKILLSIM_SOURCE_DIR) + "/tests/render/golden/" + name + ".png";
  const char* update = std::getenv("SKILLSIM_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    auto written = writePng(actual, goldenPath);
    return {static_cast<bool>(written), written ? "golden updated" : written.error().toString()};
  }
  auto golden = readPng(goldenPath);
  const std::string actualPath = testOutputPath(name + ".actual.png");
  if (!golden) {
    (void)writePng(actual, actualPath);
    return {false, golden.error().toString() + "; actual written to " + actualPath};
  }
  if (golden->width != actual.width || golden->height != actual.height) {
    (void)writePng(actual, actualPath);
    return {false, "size " + std::to_string(actual.width) + "x" + std::to_string(actual.height) +
                       " differs from the golden's " + std::to_string(golden->width) + "x" +
                       std::to_string(golden->height)};
  }
  RgbaImage diff = actual;
  std::size_t differing = 0;
  int worst = 0;
  for (std::size_t i = 0; i < actual.pixels.size(); i += 4) {
    int delta = 0;
    for (std::size_t c = 0; c < 3; ++c) {
      delta = std::max(delta, std::abs(int(actual.pixels[i + c]) - int(golden->pixels[i + c])));
    }
    worst = std::max(worst, delta);
    if (delta > channelTolerance) {
      ++differing;
      diff.pixels[i] = 255;
      diff.pixels[i + 1] = 0;
      diff.pixels[i + 2] = 0;
    } else {
      for (std::size_t c = 0; c < 3; ++c) {
        diff.pixels[i + c] = static_cast<std::uint8_t>(diff.pixels[i + c] / 3);
      }
    }
    diff.pixels[i + 3] = 255;
  }
  const double fraction =
      static_cast<double>(differing) / static_cast<double>(actual.width * actual.height);
  GoldenResult result;
  result.matches = fraction <= maxDifferingFraction;
  result.message = std::to_string(differing) + " pixels differ by more than " +
                   std::to_string(channelTolerance) + " (largest difference " +
                   std::to_string(worst) + ")";
  if (!result.matches) {
    (void)writePng(actual, actualPath);
    const std::string diffPath = testOutputPath(name + ".diff.png");
    (void)writePng(diff, diffPath);
    result.message += "; wrote " + actualPath + " and " + diffPath;
  }
  return result;
}

} // namespace skillsim::render::testing
