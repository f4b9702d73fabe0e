// `skillsim replay` in a window under a display (Xvfb) with Vulkan (lavapipe): the careless
// reference trace seeked to 120 s and played 1 s at 8x through the --script seam shows the state
// at 128 s, and the picture is the course with the timeline, not sky (issue 17, point 2).
#include "MissingPrerequisite.h"

#include <skillsim/app/Cli.h>
#include <skillsim/app/RunObserver.h>
#include <skillsim/records/TraceReader.h>
#include <skillsim/records/TraceWriter.h>
#include <skillsim/records/WorkstationKey.h>
#include <skillsim/render/RgbaImage.h>
#include <skillsim/scenario/ScenarioLoader.h>
#include <skillsim/ui/I18n.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <sstream>
#include <string>

using namespace skillsim;

namespace {

const std::string kSource = SKILLSIM_SOURCE_DIR;
const std::string kCareless = kSource + "/scenarios/overhead_crane/traces/q2-careless.sktrace";
const std::string kCompetent = kSource + "/scenarios/overhead_crane/traces/q2-competent.sktrace";

/** The "state HASH" the replay prints at quit. */
std::string stateOf(const std::string& out) {
  std::smatch m;
  return std::regex_search(out, m, std::regex("state ([0-9a-f]{64})")) ? m[1].str() : "";
}

/** Share of pixels whose colour differs by more than 24 in some channel. */
double differingShare(const render::RgbaImage& a, const render::RgbaImage& b) {
  if (a.width != b.width || a.height != b.height) {
    return 1.0;
  }
  std::size_t differ = 0;
  for (std::size_t i = 0; i + 3 < a.pixels.size(); i += 4) {
    for (int c = 0; c < 3; ++c) {
      if (std::abs(int(a.pixels[i + c]) - int(b.pixels[i + c])) > 24) {
        ++differ;
        break;
      }
    }
  }
  return double(differ) / double(a.pixels.size() / 4);
}

/** Runs a shell command and returns its stdout. */
std::string capture(const std::string& command) {
  std::string out;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buffer[512];
    while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) {
      out += buffer;
    }
    ::pclose(pipe);
  }
  return out;
}

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

// Issue 17, point 2: the camera choice changes the picture, never the state.
TEST(ReplayWindow, ACameraChoiceChangesThePictureButNotTheState) {
  if (std::getenv("DISPLAY") == nullptr) {
    SKILLSIM_MISSING_PREREQUISITE() << "no display (scripts/test.sh starts Xvfb)";
  }
  const std::string dir = std::string(SKILLSIM_TEST_OUTPUT_DIR) + "/replay-cameras";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  struct View {
    std::string script;
    std::string camera;
    std::string shot;
    std::string out;
  };
  // q2_practical declares three cameras; the fourth view offered is the free camera.
  std::vector<View> views = {
      {"seek 30; camera 0; quit", "camera cab", dir + "/first.png", ""},
      {"seek 30; camera 2; quit", "", dir + "/third.png", ""},
      {"seek 30; camera 3; orbit 70; quit", "camera free", dir + "/free.png", ""}};
  for (View& v : views) {
    std::ostringstream out;
    std::ostringstream err;
    ASSERT_EQ(app::runCli({"replay", kCareless, "--scenarios", kSource + "/scenarios", "--script",
                           v.script, "--screenshot", v.shot},
                          out, err),
              0)
        << out.str() << err.str();
    v.out = out.str();
    EXPECT_NE(v.out.find("replay: tick 7200 t 30 s"), std::string::npos) << v.out;
    EXPECT_NE(v.out.find("validation messages 0"), std::string::npos) << v.out;
  }
  EXPECT_NE(views[2].out.find("camera free"), std::string::npos) << views[2].out;
  const std::string state = stateOf(views[0].out);
  ASSERT_EQ(state.size(), 64u) << views[0].out;
  EXPECT_EQ(stateOf(views[1].out), state) << "another camera changed the simulation";
  EXPECT_EQ(stateOf(views[2].out), state) << "the free camera changed the simulation";
  auto first = render::readPng(views[0].shot);
  auto third = render::readPng(views[1].shot);
  auto free = render::readPng(views[2].shot);
  ASSERT_TRUE(first && third && free);
  // Above the timeline the pictures differ in most places (another eye, another view).
  EXPECT_GT(differingShare(*first, *third), 0.2);
  EXPECT_GT(differingShare(*first, *free), 0.2);
}

// Issue 17, point 2: Take over in the replay window: a practice attempt from the replayed tick in
// the same window, through the workstation's attempt loop, that verifies against its parent; in
// two processes the child's replay stands in the parent's state at the take-over tick.
TEST(ReplayWindow, TakeOverStartsAPracticeAttemptAtTheReplayedTickThatVerifies) {
  if (std::getenv("DISPLAY") == nullptr) {
    SKILLSIM_MISSING_PREREQUISITE() << "no display (scripts/test.sh starts Xvfb)";
  }
  const std::string dir = std::string(SKILLSIM_TEST_OUTPUT_DIR) + "/replay-take-over";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  ::setenv("XDG_DATA_HOME", (dir + "/data").c_str(), 1);
  ::setenv("XDG_CONFIG_HOME", (dir + "/config").c_str(), 1);
  auto parent = records::TraceReader::read(kCompetent);
  ASSERT_TRUE(parent) << parent.error().toString();
  // The new inputs: a trace whose ticks after 12.5 s (tick 3000) hoist up for 2 s, then rest 3 s.
  const std::string inputs = dir + "/new-inputs.sktrace";
  {
    auto key = records::WorkstationKey::loadOrCreate(dir + "/keys");
    ASSERT_TRUE(key) << key.error().toString();
    records::TraceHeader header = parent->header;
    auto writer = records::TraceWriter::create(inputs, header, *key);
    ASSERT_TRUE(writer) << writer.error().toString();
    for (std::uint64_t t = 0; t < 3000 + 1200; ++t) {
      core::ActionState a;
      if (t >= 3000 && t < 3480) {
        a.setAxis(2, 0.6f); // hoist (the crane's third axis slot)
      }
      ASSERT_TRUE(writer->append(a));
    }
    ASSERT_TRUE(writer->abandon("inputs for a take-over test"));
  }
  app::RunObserver observer;
  observer.validation = true;
  std::ostringstream out;
  std::ostringstream err;
  const int code = app::runCli({"replay", kCompetent, "--scenarios", kSource + "/scenarios",
                                "--lang", "en", "--script", "seek 12.5; takeover", "--input",
                                inputs, "--trainee", "instructor-7", "--no-store"},
                               out, err, observer);
  ASSERT_EQ(code, 0) << out.str() << err.str();
  const std::string hash16 = core::toHex(parent->fileHash).substr(0, 16);
  EXPECT_NE(out.str().find("take over: taken over from " + hash16 + " at 12.5 s (tick 3000)"),
            std::string::npos)
      << out.str();
  EXPECT_NE(out.str().find("workstation closed; validation messages 0"), std::string::npos)
      << out.str();
  EXPECT_NE(out.str().find("replay closed; validation messages 0"), std::string::npos) << out.str();
  std::vector<std::filesystem::path> traces;
  for (const auto& e : std::filesystem::directory_iterator(dir + "/data/skillsim/traces")) {
    traces.push_back(e.path());
  }
  ASSERT_EQ(traces.size(), 1u);
  const std::string child = traces.front().string();
  auto read = records::TraceReader::read(child);
  ASSERT_TRUE(read) << read.error().toString();
  ASSERT_TRUE(read->complete) << read->incompleteReason;
  EXPECT_EQ(read->header.mode, records::AttemptMode::Practice);
  EXPECT_EQ(read->header.traineeId, "instructor-7");
  EXPECT_TRUE(read->header.scripted) << "new inputs from a trace are not a person's";
  ASSERT_TRUE(read->header.takeOver);
  EXPECT_EQ(read->header.takeOver->tick, 3000u);
  EXPECT_EQ(read->header.takeOver->parentTraceHash, parent->fileHash);
  EXPECT_GT(read->actions.size(), 3000u);
  EXPECT_LE(read->actions.size(), 4200u) << "the attempt ends with its inputs at the latest";

  std::ostringstream vout;
  std::ostringstream verr;
  EXPECT_EQ(app::runCli({"verify", "--scenarios", kSource + "/scenarios", "--no-progress", child,
                         "--parent", kCompetent},
                        vout, verr),
            0)
      << vout.str() << verr.str();
  EXPECT_NE(vout.str().find("OK " + child), std::string::npos) << vout.str();
  EXPECT_NE(vout.str().find("taken over from " + hash16 +
                            " at 12.5 s (tick 3000), its copy of the parent's inputs equals"),
            std::string::npos)
      << vout.str();

  // Two processes: each replays one trace to 12.5 s and prints its state hash.
  const std::string program = SKILLSIM_PROGRAM;
  const auto stateAt = [&](const std::string& trace) {
    return stateOf(capture("'" + program + "' replay '" + trace + "' --scenarios '" + kSource +
                           "/scenarios' --script 'seek 12.5; quit' 2>&1"));
  };
  const std::string parentState = stateAt(kCompetent);
  ASSERT_EQ(parentState.size(), 64u);
  EXPECT_EQ(stateAt(child), parentState);
}
