// `skillsim replay` in a window under a display (Xvfb) with Vulkan (lavapipe): the careless
// reference trace seeked to 120 s and played 1 s at 8x through the --script seam shows the state
// at 128 s, and the picture is the course with the timeline, not sky (issue 17, point 2).
#include "MissingPrerequisite.h"

#include <skillsim/app/Cli.h>
#include <skillsim/render/RgbaImage.h>
#include <skillsim/scenario/ScenarioLoader.h>
#include <skillsim/ui/I18n.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>

using namespace skillsim;

namespace {

const std::string kSource = SKILLSIM_SOURCE_DIR;
const std::string kCareless = kSource + "/scenarios/overhead_crane/traces/q2-careless.sktrace";

/** Share of the pixels in rows [top, bottom) that are not sky-like (blue-dominated). */
double nonSkyShare(const render::RgbaImage& image, std::uint32_t top, std::uint32_t bottom) {
  std::size_t count = 0;
  std::size_t all = 0;
  for (std::uint32_t y = top; y < bottom; ++y) {
    for (std::uint32_t x = 0; x < image.width; ++x) {
      const std::size_t at = (std::size_t(y) * image.width + x) * 4;
      const int r = image.pixels[at], g = image.pixels[at + 1], b = image.pixels[at + 2];
      count += (b > r + 20 && b > g) ? 0 : 1;
      ++all;
    }
  }
  return double(count) / double(all);
}

} // namespace

TEST(ReplayWindow, SeekThenPlayAtEightTimesShowsTheStateEightSecondsOnAndTheCourse) {
  if (std::getenv("DISPLAY") == nullptr) {
    SKILLSIM_MISSING_PREREQUISITE() << "no display (scripts/test.sh starts Xvfb)";
  }
  const std::string dir = std::string(SKILLSIM_TEST_OUTPUT_DIR) + "/replay-window";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string shot = dir + "/replay.png";
  std::ostringstream out;
  std::ostringstream err;
  const int code =
      app::runCli({"replay", kCareless, "--scenarios", kSource + "/scenarios", "--lang", "zh-CN",
                   "--script", "seek 120; speed 8; play 1; quit", "--screenshot", shot},
                  out, err);
  ASSERT_EQ(code, 0) << out.str() << err.str();
  auto scenario = scenario::loadScenario(kSource + "/scenarios/overhead_crane/q2_practical.toml");
  ASSERT_TRUE(scenario) << scenario.error().toString();
  // 120 s, then 1 s of display time at 8x: 128 s, at the scenario's tick rate (240 Hz: 30720).
  const std::uint64_t expected = 128u * scenario->tickRate;
  EXPECT_EQ(expected, 30720u);
  EXPECT_NE(out.str().find("replay: tick " + std::to_string(expected) + " t 128 s of 437.946 s"),
            std::string::npos)
      << out.str();
  EXPECT_NE(out.str().find("validation messages 0"), std::string::npos) << out.str();
  auto image = render::readPng(shot);
  ASSERT_TRUE(image) << image.error().toString();
  ASSERT_EQ(image->width, 1280u);
  ASSERT_EQ(image->height, 720u);
  // Above the 120 px timeline the course fills most of the picture (the hall's floor and walls).
  EXPECT_GT(nonSkyShare(*image, 0, 600), 0.8);
}

TEST(ReplayWindow, ABadScriptIsAUsageErrorNamingTheCommand) {
  std::ostringstream out;
  std::ostringstream err;
  EXPECT_EQ(app::runCli({"replay", kCareless, "--script", "seek 120; jump 3"}, out, err), 2);
  EXPECT_NE(err.str().find("--script command 2: unknown 'jump'"), std::string::npos) << err.str();
  std::ostringstream err2;
  EXPECT_EQ(app::runCli({"replay", kCareless, "--script", "speed 3"}, out, err2), 2);
  EXPECT_NE(err2.str().find("speed must be 0.25, 0.5, 1, 2, 4 or 8"), std::string::npos)
      << err2.str();
  std::ostringstream err3;
  EXPECT_EQ(app::runCli({"replay", kCareless, "--script", "play -1"}, out, err3), 2);
  EXPECT_NE(err3.str().find("'play' needs a number >= 0"), std::string::npos) << err3.str();
}

TEST(ReplayWindow, AnUnknownScenarioFolderIsNamed) {
  std::ostringstream out;
  std::ostringstream err;
  EXPECT_EQ(app::runCli({"replay", kCareless, "--scenarios", kSource + "/no-such"}, out, err), 1);
  EXPECT_NE(err.str().find("no-such: no such folder"), std::string::npos) << err.str();
}

TEST(ReplayWindow, TheTimelineIsWordedInChinese) {
  auto zh = ui::I18n::load(kSource + "/assets", ui::Language::ChineseSimplified);
  ASSERT_TRUE(zh) << zh.error().toString();
  EXPECT_EQ(zh->text("replay.play"), "播放");
  EXPECT_EQ(zh->text("replay.pause"), "暂停");
  EXPECT_EQ(zh->text("replay.speed"), "速度");
  EXPECT_EQ(zh->text("replay.deduction"), "扣分");
  EXPECT_EQ(zh->text("replay.phase_start"), "阶段开始");
}
