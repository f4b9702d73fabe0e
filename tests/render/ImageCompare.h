#pragma once
// Test helpers: compare a rendered image with a golden PNG under a tolerance, writing the actual
// and a difference image to the build's test-output folder when they differ.

#include <skillsim/render/RgbaImage.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

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
 * A part of the image with its own budget: the pixel box [x0, x1) x [y0, y1) (clipped to the
 * image) may hold at most `maxDiffering` differing pixels. Tests make one per object of a golden
 * scene from the object's projected bounding box, so an object that vanishes (or moves) fails its
 * own region even when the whole image's budget would absorb it.
 */
struct GoldenRegion {
  std::string name;
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  std::size_t maxDiffering = 0;
};

/** Outcome of comparing two images: the counts behind GoldenResult. */
struct ImageDifference {
  std::size_t differing = 0;                ///< Pixels beyond the channel tolerance, whole image.
  int worst = 0;                            ///< Largest channel difference (0..255).
  std::vector<std::size_t> regionDiffering; ///< Per GoldenRegion, in order.
  std::vector<std::string> overBudget;      ///< Names of the regions over their budget.
  RgbaImage diff;                           ///< Differing pixels red on a dimmed copy.
};

/**
 * Pixel-by-pixel comparison of two images of the same size: a pixel differs when any of R, G, B
 * differs by more than `channelTolerance`. Counts the whole image and each region.
 */
inline ImageDifference compareImages(const RgbaImage& actual, const RgbaImage& golden,
                                     const std::vector<GoldenRegion>& regions,
                                     int channelTolerance) {
  ImageDifference d;
  d.diff = actual;
  d.regionDiffering.assign(regions.size(), 0);
  for (std::uint32_t y = 0; y < actual.height; ++y) {
    for (std::uint32_t x = 0; x < actual.width; ++x) {
      const std::size_t i = (std::size_t(y) * actual.width + x) * 4;
      int delta = 0;
      for (std::size_t c = 0; c < 3; ++c) {
        delta = std::max(delta, std::abs(int(actual.pixels[i + c]) - int(golden.pixels[i + c])));
      }
      d.worst = std::max(d.worst, delta);
      if (delta > channelTolerance) {
        ++d.differing;
        for (std::size_t r = 0; r < regions.size(); ++r) {
          const GoldenRegion& g = regions[r];
          if (int(x) >= g.x0 && int(x) < g.x1 && int(y) >= g.y0 && int(y) < g.y1) {
            ++d.regionDiffering[r];
          }
        }
        d.diff.pixels[i] = 255;
        d.diff.pixels[i + 1] = 0;
        d.diff.pixels[i + 2] = 0;
      } else {
        for (std::size_t c = 0; c < 3; ++c) {
          d.diff.pixels[i + c] = static_cast<std::uint8_t>(d.diff.pixels[i + c] / 3);
        }
      }
      d.diff.pixels[i + 3] = 255;
    }
  }
  for (std::size_t r = 0; r < regions.size(); ++r) {
    if (d.regionDiffering[r] > regions[r].maxDiffering) {
      d.overBudget.push_back(regions[r].name);
    }
  }
  return d;
}

/**
 * Compares `actual` with the golden PNG tests/render/golden/<name>.png. A pixel differs when any
 * channel differs by more than `channelTolerance`; the images match when at most
 * `maxDifferingFraction` of the whole image's pixels differ (0.1 %: 65 pixels at 256x256, a
 * third of a 1.4 m capsule seen from 8 m) and no region holds more than its own budget. On a
 * mismatch writes <name>.actual.png and <name>.diff.png (differing pixels red on a dimmed copy)
 * to the test-output folder. With SKILLSIM_UPDATE_GOLDEN=1 in the environment the golden is
 * (re)written instead.
 */
inline GoldenResult compareWithGolden(const RgbaImage& actual, const std::string& name,
                                      const std::vector<GoldenRegion>& regions = {},
                                      int channelTolerance = 12,
                                      double maxDifferingFraction = 0.001) {
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
  const ImageDifference d = compareImages(actual, *golden, regions, channelTolerance);
  const double fraction =
      static_cast<double>(d.differing) / static_cast<double>(actual.width * actual.height);
  GoldenResult result;
  result.matches = fraction <= maxDifferingFraction && d.overBudget.empty();
  result.message = std::to_string(d.differing) + " pixels differ by more than " +
                   std::to_string(channelTolerance) + " (largest difference " +
                   std::to_string(d.worst) + ")";
  for (std::size_t r = 0; r < regions.size(); ++r) {
    result.message += "; " + regions[r].name + ": " + std::to_string(d.regionDiffering[r]) +
                      " of at most " + std::to_string(regions[r].maxDiffering);
  }
  if (!result.matches) {
    (void)writePng(actual, actualPath);
    const std::string diffPath = testOutputPath(name + ".diff.png");
    (void)writePng(d.diff, diffPath);
    result.message += "; wrote " + actualPath + " and " + diffPath;
  }
  return result;
}

} // namespace skillsim::render::testing
