// The instructor's commands in the windowed workstation (issue 19 point 2): a practice attempt in
// a real window (Xvfb, lavapipe, the validation layer) is sent a message, a pause, a resume and an
// end through RunObserver::instructor, the seam the seat's publisher fills with a PostgreSQL
// store. The message is drawn on the HUD, no tick runs while the instructor holds the attempt, and
// the trace records each command at its tick boundary and ends "ended by the instructor".
#include "DrawnText.h"
#include "MissingPrerequisite.h"

#include <skillsim/app/Cli.h>
#include <skillsim/app/LiveSeat.h>
#include <skillsim/platform/Window.h>
#include <skillsim/records/TraceReader.h>

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

using namespace skillsim;

namespace {

/**
 * The instructor of the test: a message at tick 24 (0.1 s), a pause at tick 48, a resume after
 * the attempt has been held for `holdFrames` frames, an end at tick 96. Frames are counted by the
 * test's onFrame, so the hold lasts whatever wall time those frames take.
 */
class HoldingInstructor final : public app::InstructorCommandSource {
public:
  explicit HoldingInstructor(const int& frames) : mFrames(frames) {}

  std::vector<records::SeatCommand> take(std::uint64_t tick, bool held) override {
    std::vector<records::SeatCommand> out;
    auto send = [&](records::InstructorCommandKind kind, const std::string& text) {
      out.push_back({++mSent, "window-seat", kind, text});
    };
    if (mSent == 0 && tick >= 24) {
      send(records::InstructorCommandKind::Message, "CheckTheSling");
    } else if (mSent == 1 && tick >= 48) {
      send(records::InstructorCommandKind::Pause, "");
    } else if (mSent == 2 && held) {
      if (heldSinceFrame < 0) {
        heldSinceFrame = mFrames;
        ticksWhenHeld = tick;
      } else if (mFrames - heldSinceFrame >= kHoldFrames) {
        ticksAtResume = tick;
        send(records::InstructorCommandKind::Resume, "");
      }
    } else if (mSent == 3 && tick >= 96) {
      send(records::InstructorCommandKind::End, "");
    }
    return out;
  }
  void settled(const records::SeatCommand& command, std::uint64_t tick,
               records::InstructorOutcome outcome) override {
    settledCommands.push_back({command.kind, outcome, tick});
  }

  static constexpr int kHoldFrames = 15;
  struct Settled {
    records::InstructorCommandKind kind;
    records::InstructorOutcome outcome;
    std::uint64_t tick;
  };
  std::vector<Settled> settledCommands;
  int heldSinceFrame = -1;
  std::uint64_t ticksWhenHeld = 0;
  std::uint64_t ticksAtResume = 0;

private:
  const int& mFrames;
  std::int64_t mSent = 0;
};

} // namespace

TEST(InstructorWindow, AMessageIsDrawnAPauseHoldsTheTicksAndAnEndAbandonsTheAttempt) {
  if (std::getenv("DISPLAY") == nullptr) {
    SKILLSIM_MISSING_PREREQUISITE() << "no display (scripts/test.sh starts Xvfb)";
  }
  const std::string dir = std::string(SKILLSIM_TEST_OUTPUT_DIR) + "/instructor-window";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  ::setenv("XDG_DATA_HOME", (dir + "/data").c_str(), 1);
  ::setenv("XDG_CONFIG_HOME", (dir + "/config").c_str(), 1);

  int frames = 0;
  std::uint64_t ticks = 0;
  bool messageDrawn = false;
  auto instructor = std::make_shared<HoldingInstructor>(frames);
  app::RunObserver observer;
  observer.validation = true;
  observer.instructor = instructor;
  observer.onTick = [&ticks](const scenario::AttemptTick&) { ++ticks; };
  observer.onFrame = [&](platform::Window&) {
    ++frames;
    messageDrawn = messageDrawn || test::findDrawn("CheckTheSling").has_value();
  };
  std::ostringstream out;
  std::ostringstream err;
  const std::string scenario =
      std::string(SKILLSIM_SOURCE_DIR) + "/scenarios/overhead_crane/q2_practical.toml";
  const int code = app::runCli({"run", scenario, "--trainee", "T-instructor", "--mode", "practice",
                                "--lang", "en", "--db", dir + "/results.sqlite"},
                               out, err, observer);
  EXPECT_NE(code, 0) << "an attempt the instructor ended has no result\n" << out.str() << err.str();

  EXPECT_TRUE(messageDrawn) << "the instructor's message never reached the HUD";
  // Held: the pause took effect at tick 48 or a little after (a frame runs several ticks), and
  // not one tick ran during the 15 held frames.
  ASSERT_GE(instructor->heldSinceFrame, 0) << "the attempt was never held";
  EXPECT_EQ(instructor->ticksAtResume, instructor->ticksWhenHeld);
  ASSERT_EQ(instructor->settledCommands.size(), 4U);
  using Kind = records::InstructorCommandKind;
  const Kind kinds[] = {Kind::Message, Kind::Pause, Kind::Resume, Kind::End};
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(instructor->settledCommands[i].kind, kinds[i]) << i;
    EXPECT_EQ(instructor->settledCommands[i].outcome, records::InstructorOutcome::Applied) << i;
  }
  EXPECT_GE(instructor->settledCommands[0].tick, 24U);
  EXPECT_GE(instructor->settledCommands[1].tick, 48U);
  EXPECT_EQ(instructor->settledCommands[2].tick, instructor->settledCommands[1].tick)
      << "no tick between the pause and the resume";
  EXPECT_GE(instructor->settledCommands[3].tick, 96U);

  // The trace: the four commands at the ticks they were settled, and the instructor's end.
  std::vector<std::filesystem::path> traces;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir + "/data")) {
    if (entry.path().extension() == ".sktrace") {
      traces.push_back(entry.path());
    }
  }
  ASSERT_EQ(traces.size(), 1U) << err.str();
  auto trace = records::TraceReader::read(traces.front());
  ASSERT_TRUE(trace) << trace.error().toString();
  EXPECT_FALSE(trace->complete);
  EXPECT_FALSE(trace->result.has_value());
  EXPECT_EQ(trace->abandonReason, app::kEndedByInstructor);
  ASSERT_EQ(trace->instructorEvents.size(), 4U);
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(trace->instructorEvents[i].kind, kinds[i]) << i;
    EXPECT_EQ(trace->instructorEvents[i].tick, instructor->settledCommands[i].tick) << i;
  }
  EXPECT_EQ(trace->instructorEvents[0].text, "CheckTheSling");
  EXPECT_EQ(trace->actions.size(), instructor->settledCommands[3].tick)
      << "the attempt ended at the end command's tick boundary";
  EXPECT_EQ(ticks, trace->actions.size());
  if (out.str().find("validation messages") == std::string::npos) {
    SKILLSIM_MISSING_PREREQUISITE() << "the Vulkan validation layer is not installed "
                                       "(vulkan-validationlayers)";
  }
  EXPECT_NE(out.str().find("validation messages 0"), std::string::npos) << out.str();
}
