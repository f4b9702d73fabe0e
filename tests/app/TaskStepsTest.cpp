// The task steps of the committed Q2 scenario, followed through the competent reference trace:
// each step advances on the event its `done` names, at the tick that event happens.
#include <skillsim/records/TraceReader.h>
#include <skillsim/scenario/AttemptRunner.h>
#include <skillsim/scenario/ScenarioLoader.h>

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

using namespace skillsim;

namespace {

const std::string kDir = std::string(SKILLSIM_SOURCE_DIR) + "/scenarios/overhead_crane/";

struct Followed {
  std::vector<std::uint64_t> doneTicks;
  std::vector<std::size_t> currentAfterTick; ///< Current step after each tick.
  std::vector<std::optional<std::string>> targets;
  std::string log; ///< The events the steps name, for a failure message.
};

Followed follow(const std::string& scenarioFile, const std::string& traceFile) {
  Followed out;
  auto scenario = scenario::loadScenario(kDir + scenarioFile);
  EXPECT_TRUE(scenario) << scenario.error().toString();
  auto trace = records::TraceReader::read(kDir + "traces/" + traceFile);
  EXPECT_TRUE(trace) << trace.error().toString();
  if (!scenario || !trace) {
    return out;
  }
  auto runner = scenario::AttemptRunner::create(*scenario);
  EXPECT_TRUE(runner);
  std::size_t last = 0;
  (*runner)->addObserver([&](const scenario::AttemptTick& tick) {
    for (const sim::SimEvent& e : tick.simulation.events()) {
      if (e.is("horn") || e.is("load_attached") ||
          ((e.kind == sim::SimEventKind::ZoneEnter || e.kind == sim::SimEventKind::ContactBegin) &&
           e.subject == "load" &&
           (e.other.rfind("circle_", 0) == 0 || e.other.rfind("frame_", 0) == 0 ||
            e.other == "ground"))) {
        out.log += std::to_string(e.tick) + " " + std::string(e.kindName()) + " " + e.other + "\n";
      }
    }
    const auto& steps = (*runner)->steps();
    if (steps.current() != last) {
      last = steps.current();
      out.targets.push_back(steps.currentTarget());
    }
  });
  scenario::RecordedInputs inputs(trace->actions);
  (*runner)->run(inputs);
  out.doneTicks = (*runner)->steps().doneTicks();
  return out;
}

} // namespace

TEST(TaskSteps, CompetentTraceWalksThroughEveryStepOfTheQ2Course) {
  const Followed f = follow("q2_practical.toml", "q2-competent.sktrace");
  // Worked from the trace's event log (printed below on failure): the horn, the hook-on in A, the
  // entry into B, the set-down there, the entry into C, the set-down there, the two frames, the
  // set-down in A, the final horn.
  // The trace's events the steps name (tick: event): 1 horn (the bucket already sits in A: its
  // contact with the ground and its being in A at tick 1 do not count, those steps are not yet
  // current); 4165 load_attached; 15187 zone_enter circle_b; 17707 contact_begin ground;
  // 45929 zone_enter circle_c; 50244 contact_begin ground; 62367 zone_enter frame_high_gate;
  // 64458 zone_enter frame_low_gate; 73021 zone_enter circle_a (no step waits for it);
  // 75499 contact_begin ground (the bounces at 75566, 75640 and 75849 complete nothing more);
  // 76442 horn. (Re-read from the trace re-recorded with the elastic rope, issue 13 point 6.)
  const std::vector<std::uint64_t> expected = {1,     4165,  15187, 17707, 45929,
                                               50244, 62367, 64458, 75499, 76442};
  EXPECT_EQ(f.doneTicks, expected) << f.log;
  // The target the training aids get after each step change: the current step's zone.
  using T = std::optional<std::string>;
  const std::vector<T> targets = {
      T("circle_a"),        T("circle_b"),       T("circle_b"), T("circle_c"), T("circle_c"),
      T("frame_high_gate"), T("frame_low_gate"), T("circle_a"), std::nullopt,  std::nullopt};
  EXPECT_EQ(f.targets, targets);
}

TEST(TaskSteps, StepsChangeNothingScored) {
  // The same trace through the same scenario: the steps tracker only reads the events, so the
  // result is the one signed into the trace (ReferenceTrace checks it bit-exactly too).
  auto scenario = scenario::loadScenario(kDir + "q2_practical.toml");
  ASSERT_TRUE(scenario);
  auto trace = records::TraceReader::read(kDir + "traces/q2-careless.sktrace");
  ASSERT_TRUE(trace && trace->result);
  auto runner = scenario::AttemptRunner::create(*scenario);
  ASSERT_TRUE(runner);
  scenario::RecordedInputs inputs(trace->actions);
  EXPECT_EQ((*runner)->run(inputs), *trace->result);
  EXPECT_GT((*runner)->steps().current(), 0u);
}
