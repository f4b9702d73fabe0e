// Issue 20 point 8: one tick-rate limit for scenarios and traces (core::kMaxTickRate). Before,
// a scenario could declare up to 2000 Hz but a trace accepted only 1000, so an attempt on a
// valid 2000 Hz scenario could not be recorded.
#include <skillsim/core/FixedClock.h>
#include <skillsim/records/TraceReader.h>
#include <skillsim/records/TraceWriter.h>
#include <skillsim/records/WorkstationKey.h>
#include <skillsim/scenario/AttemptRunner.h>
#include <skillsim/scenario/ScenarioLoader.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

using namespace skillsim;

namespace {

const std::filesystem::path kSource = SKILLSIM_SOURCE_DIR;

std::string practiceAt(std::uint32_t tickRate) {
  std::ifstream in(kSource / "scenarios/overhead_crane/practice_single_lift.toml");
  std::stringstream text;
  text << in.rdbuf();
  return std::regex_replace(text.str(), std::regex("tick_rate = 240"),
                            "tick_rate = " + std::to_string(tickRate));
}

core::Expected<scenario::Scenario> loadText(const std::string& text, const std::string& name) {
  const auto dir = std::filesystem::path(SKILLSIM_TEST_OUTPUT_DIR) / "tick-rate";
  std::filesystem::create_directories(dir);
  const auto file = dir / name;
  std::ofstream(file) << text;
  scenario::LoadOptions options;
  options.assetsRoot = kSource / "assets";
  return scenario::loadScenario(file, options);
}

TEST(TickRateLimit, TheHighestScenarioRateRecordsReplaysAndReadsBack) {
  ASSERT_EQ(core::kMaxTickRate, 2000u);
  ASSERT_EQ(records::kMaxTickRate, core::kMaxTickRate) << "one limit for scenarios and traces";
  auto scenario = loadText(practiceAt(core::kMaxTickRate), "practice-2000.toml");
  ASSERT_TRUE(scenario) << scenario.error().toString();
  ASSERT_EQ(scenario->tickRate, 2000u);

  // 2 s with the hoist raised half way from the first tick.
  std::vector<core::ActionState> actions(4000);
  for (auto& a : actions) {
    a.setAxis(2, 0.5f);
  }
  auto result = scenario::replayActions(*scenario, actions);
  ASSERT_TRUE(result) << result.error().toString();

  const auto dir = std::filesystem::path(SKILLSIM_TEST_OUTPUT_DIR) / "tick-rate";
  auto key = records::WorkstationKey::loadOrCreate(dir / "key");
  ASSERT_TRUE(key) << key.error().toString();
  records::TraceHeader header;
  header.scenarioId = scenario->id;
  header.tickRate = scenario->tickRate;
  header.setControls(scenario->machine->controls);
  auto writer = records::TraceWriter::create(dir / "fast.sktrace", header, *key);
  ASSERT_TRUE(writer) << "a 2000 Hz scenario's attempt must be recordable: "
                      << writer.error().toString();
  for (const auto& a : actions) {
    ASSERT_TRUE(writer->append(a));
  }
  ASSERT_TRUE(writer->finish(*result));
  auto trace = records::TraceReader::read(dir / "fast.sktrace");
  ASSERT_TRUE(trace) << trace.error().toString();
  EXPECT_TRUE(trace->complete);
  EXPECT_EQ(trace->header.tickRate, 2000u);
  EXPECT_DOUBLE_EQ(trace->duration(), 2.0);
  auto again = scenario::replayActions(*scenario, trace->actions);
  ASSERT_TRUE(again) << again.error().toString();
  EXPECT_EQ(*again, *result) << "the read-back trace re-simulates to the same result";
}

TEST(TickRateLimit, OneHertzAboveIsRefusedByTheScenarioAndTheTrace) {
  auto scenario = loadText(practiceAt(core::kMaxTickRate + 1), "practice-2001.toml");
  ASSERT_FALSE(scenario);
  EXPECT_NE(scenario.error().toString().find("tick_rate"), std::string::npos)
      << scenario.error().toString();
  const auto dir = std::filesystem::path(SKILLSIM_TEST_OUTPUT_DIR) / "tick-rate";
  auto key = records::WorkstationKey::loadOrCreate(dir / "key");
  ASSERT_TRUE(key) << key.error().toString();
  records::TraceHeader header;
  header.tickRate = core::kMaxTickRate + 1;
  auto writer = records::TraceWriter::create(dir / "too-fast.sktrace", header, *key);
  ASSERT_FALSE(writer);
  EXPECT_NE(writer.error().toString().find("1..2000"), std::string::npos)
      << writer.error().toString();
}

} // namespace
