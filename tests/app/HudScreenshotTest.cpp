// Issue 7, point 8: a HUD screenshot taken mid-exam through the real offscreen renderer shows the
// timer and the deductions panel. Text is found as near-white pixels inside each HUD region (the
// panels are dark and opaque enough that the light ground behind them never reaches near-white),
// and the two screenshots, 30 s and 120 s into the competent attempt, must differ where the HUD
// says they should: the clock changes, and the deductions panel fills (none at 30 s, two by 120 s).
#include <skillsim/app/Cli.h>
#include <skillsim/render/RgbaImage.h>
#include <skillsim/ui/Hud.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <sstream>

using namespace skillsim;

namespace {

const std::string kCrane = std::string(SKILLSIM_SOURCE_DIR) + "/scenarios/overhead_crane/";

render::RgbaImage screenshotAt(const std::string& seconds) {
  const std::string dir = std::string(SKILLSIM_TEST_OUTPUT_DIR) + "/hud-screenshot";
  std::filesystem::create_directories(dir);
  const std::string png = dir + "/q2-at-" + seconds + "s.png";
  std::filesystem::remove(png);
  std::ostringstream out;
  std::ostringstream err;
  const int code = app::runCli({"run", kCrane + "q2_practical.toml", "--headless", "--input",
                                kCrane + "traces/q2-competent.sktrace", "--screenshot", png, "--at",
                                seconds, "--no-store", "--lang", "en"},
                               out, err);
  EXPECT_EQ(code, 0) << err.str();
  auto image = render::readPng(png);
  EXPECT_TRUE(image) << (image ? "" : image.error().toString());
  return image ? *image : render::RgbaImage{};
}

bool nearWhite(const std::array<std::uint8_t, 4>& p) {
  return p[0] > 200 && p[1] > 200 && p[2] > 200;
}

/** Near-white pixels inside `rect`, rows [y0, y1) given as fractions of its height. */
int textPixels(const render::RgbaImage& image, const ui::ScreenRect& rect, float y0 = 0.0f,
               float y1 = 1.0f) {
  int count = 0;
  const auto top = static_cast<std::uint32_t>(rect.y + rect.height * y0);
  const auto bottom = static_cast<std::uint32_t>(rect.y + rect.height * y1);
  for (std::uint32_t y = top; y < bottom && y < image.height; ++y) {
    for (auto x = static_cast<std::uint32_t>(rect.x);
         x < static_cast<std::uint32_t>(rect.x + rect.width) && x < image.width; ++x) {
      count += nearWhite(image.at(x, y)) ? 1 : 0;
    }
  }
  return count;
}

/** Pixels inside `rect` whose colour differs between the two images. */
int changedPixels(const render::RgbaImage& a, const render::RgbaImage& b,
                  const ui::ScreenRect& rect) {
  int count = 0;
  for (auto y = static_cast<std::uint32_t>(rect.y);
       y < static_cast<std::uint32_t>(rect.y + rect.height); ++y) {
    for (auto x = static_cast<std::uint32_t>(rect.x);
         x < static_cast<std::uint32_t>(rect.x + rect.width); ++x) {
      count += a.at(x, y) != b.at(x, y) ? 1 : 0;
    }
  }
  return count;
}

} // namespace

TEST(HudScreenshot, MidExamShowsTheTimerAndTheDeductions) {
  const render::RgbaImage early = screenshotAt("30");
  const render::RgbaImage mid = screenshotAt("120");
  ASSERT_EQ(mid.width, 1280u);
  ASSERT_EQ(mid.height, 720u);
  ASSERT_EQ(early.width, mid.width);
  const ui::HudLayout layout =
      ui::hudLayout(static_cast<float>(mid.width), static_cast<float>(mid.height));

  // The timer panel holds text (title, clock, score) in both, and the clock changed between them.
  EXPECT_GT(textPixels(mid, layout.timer), 150);
  EXPECT_GT(textPixels(early, layout.timer), 150);
  EXPECT_GT(changedPixels(early, mid, layout.timer), 50);

  // The deductions panel: its header only at 30 s (no deduction yet), two deductions by 120 s
  // (swing at set-down in B at 63.7 s and placement in B at 73.6 s), written below the header.
  const int listEarly = textPixels(early, layout.deductions, 0.15f, 0.6f);
  const int listMid = textPixels(mid, layout.deductions, 0.15f, 0.6f);
  std::cout << "timer text " << textPixels(mid, layout.timer) << ", changed "
            << changedPixels(early, mid, layout.timer) << ", list " << listEarly << " -> "
            << listMid << "\n";
  EXPECT_LT(listEarly, 40) << "deductions listed before the first deduction";
  EXPECT_GT(listMid, 400) << "the two deductions by 120 s are not drawn";
  EXPECT_GT(textPixels(mid, layout.deductions, 0.0f, 0.15f), 50) << "no panel header";
}

// Issue 3, point 1: the device can be listed and forced from the command line.
TEST(GpuOption, ListNamesEveryDeviceWithItsIndex) {
  std::ostringstream out;
  std::ostringstream err;
  EXPECT_EQ(app::runCli({"--gpu", "list"}, out, err), 0) << err.str();
  const std::string text = out.str();
  ASSERT_EQ(text.rfind("0: ", 0), 0u) << text; // the first device is index 0
  // Every line is "INDEX: NAME (KIND)", optionally with why it cannot be used.
  std::istringstream lines(text);
  std::string line;
  int index = 0;
  while (std::getline(lines, line)) {
    EXPECT_EQ(line.rfind(std::to_string(index++) + ": ", 0), 0u) << line;
    EXPECT_NE(line.find(" ("), std::string::npos) << line;
  }
}

TEST(GpuOption, ForcedDeviceThatDoesNotExistFailsTheScreenshotNamingIt) {
  const std::string png = std::string(SKILLSIM_TEST_OUTPUT_DIR) + "/gpu-option-none.png";
  std::filesystem::remove(png);
  std::ostringstream out;
  std::ostringstream err;
  const int code = app::runCli({"run", kCrane + "q2_practical.toml", "--headless", "--input",
                                kCrane + "traces/q2-competent.sktrace", "--screenshot", png,
                                "--no-store", "--gpu", "no-such-device-xyz"},
                               out, err);
  EXPECT_EQ(code, 1);
  EXPECT_NE(err.str().find("--gpu no-such-device-xyz: no device name contains that text"),
            std::string::npos)
      << err.str();
  EXPECT_FALSE(std::filesystem::exists(png));

  // Index 0 always exists where the tests run (lavapipe in CI), and a half render scale still
  // writes a full-size screenshot.
  const int ok = app::runCli({"run", kCrane + "q2_practical.toml", "--headless", "--input",
                              kCrane + "traces/q2-competent.sktrace", "--screenshot", png, "--at",
                              "30", "--no-store", "--gpu", "0", "--render-scale", "0.5"},
                             out, err);
  EXPECT_EQ(ok, 0) << err.str();
  auto image = render::readPng(png);
  ASSERT_TRUE(image) << image.error().toString();
  EXPECT_EQ(image->width, 1280u);
  EXPECT_EQ(image->height, 720u);
}
