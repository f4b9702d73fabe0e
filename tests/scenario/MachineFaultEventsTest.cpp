// Scheduled faults of the machine itself (issue 17 point 4): `[[events]] kind = "machine_fault"`
// checked against the machine's declared faults with file:line:column, part of the hash, begun
// by the attempt loop at a tick boundary, raised as `scheduled` events, named in people's words.
#include "ScenarioTestTexts.h"

#include <skillsim/scenario/AttemptRunner.h>
#include <skillsim/scenario/ScenarioLoader.h>
#include <skillsim/sim/machines/overhead_crane/OverheadCraneSpec.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

using namespace skillsim;
using namespace skillsim::scenario;

namespace {

using test::kScenario;
using test::kStandard;

std::string replace(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "no '" << from << "' in the fixture";
  if (at != std::string::npos) {
    text.replace(at, from.size(), to);
  }
  return text;
}

/** 1-based line and column of the first `needle` in `text`. */
std::pair<std::uint32_t, std::uint32_t> where(const std::string& text, const std::string& needle) {
  const auto at = text.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  std::uint32_t line = 1;
  std::size_t lineStart = 0;
  for (std::size_t i = 0; i < at && at != std::string::npos; ++i) {
    if (text[i] == '\n') {
      ++line;
      lineStart = i + 1;
    }
  }
  return {line, static_cast<std::uint32_t>(at - lineStart + 1)};
}

/**
 * kScenario (120 Hz, a 300 kg crate) with the hoist brake fading to 20 % over 2 s from 1 s, and
 * the upper limit switch failing once the brake has begun to fade.
 */
const std::string kFaults = R"(
[[events]]
id = "brake"
kind = "machine_fault"
fault = "hoist_brake_fade"
holding_fraction = 0.2
fade_s = 2.0
at_s = 1.0

[[events]]
id = "limit"
kind = "machine_fault"
fault = "hoist_upper_limit_fails"
when = { event = "scheduled", subject = "brake" }
)";

std::string withFaults(const std::string& events = kFaults) {
  return replace(kScenario, "[[phases]]", events + "\n[[phases]]");
}

ValidationReport check(const std::string& text) {
  return validateScenarioText(text, "test.toml", kStandard, "test-std.toml");
}

struct FaultRun {
  std::vector<sim::SimEvent> scheduled;
  std::vector<double> ropeLength; ///< m, after each tick.
  core::Digest state{};
};

FaultRun idle(const Scenario& scenario, std::size_t ticks) {
  std::vector<core::ActionState> inputs(ticks);
  auto runner = AttemptRunner::create(scenario);
  EXPECT_TRUE(runner) << runner.error().toString();
  FaultRun out;
  (*runner)->addObserver([&](const AttemptTick& tick) {
    for (const sim::SimEvent& e : tick.simulation.events()) {
      if (e.kind == sim::SimEventKind::Scheduled) {
        out.scheduled.push_back(e);
      }
    }
    const auto rope = tick.simulation.metrics().find("rope_length");
    out.ropeLength.push_back(rope ? tick.simulation.metrics().get(*rope) : -1.0);
  });
  RecordedInputs source(inputs);
  (*runner)->run(source);
  out.state = (*runner)->simulation().stateHash();
  return out;
}

} // namespace

TEST(MachineFaultEvents, ParsedWithTheirParametersAndNamedByTheMachinesWords) {
  ValidationReport r = check(withFaults());
  ASSERT_TRUE(r.valid()) << r.problems.front().toString();
  const auto& events = r.scenario->events;
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].kind, ScheduledEvent::Kind::MachineFault);
  EXPECT_EQ(events[0].fault, "hoist_brake_fade");
  EXPECT_EQ(events[0].atTick.value_or(0), 120u); // 1 s at 120 Hz
  EXPECT_EQ(events[0].faultParams, (sim::FaultParams{{"holding_fraction", 0.2}, {"fade_s", 2.0}}));
  EXPECT_EQ(events[1].fault, "hoist_upper_limit_fails");
  EXPECT_TRUE(events[1].faultParams.empty());
  // Without [labels] the event is named by the fault's words (results, replays, verify).
  ASSERT_TRUE(r.scenario->labels.contains("brake"));
  EXPECT_EQ(r.scenario->labels.at("brake").en, "hoist brake fading");
  EXPECT_EQ(r.scenario->labels.at("limit").en, "hoist upper limit switch failed");
  // A scenario's own label wins.
  ValidationReport labelled = check(withFaults() + R"(
[labels]
brake = { zh = "刹车失灵", en = "the brake gives way" }
)");
  ASSERT_TRUE(labelled.valid()) << labelled.problems.front().toString();
  EXPECT_EQ(labelled.scenario->labels.at("brake").en, "the brake gives way");
  // The default fade time applies when none is written.
  ValidationReport sudden = check(withFaults(replace(kFaults, "fade_s = 2.0\n", "")));
  ASSERT_TRUE(sudden.valid()) << sudden.problems.front().toString();
  EXPECT_EQ(sudden.scenario->events[0].faultParams.at("fade_s"), 0.0);
}

TEST(MachineFaultEvents, PartOfTheScenarioHash) {
  ValidationReport a = check(withFaults());
  ValidationReport b =
      check(withFaults(replace(kFaults, "holding_fraction = 0.2", "holding_fraction = 0.25")));
  ASSERT_TRUE(a.valid() && b.valid());
  EXPECT_NE(*a.hash, *b.hash) << "the fault's parameters are part of the scenario's identity";
  EXPECT_EQ(*a.hash, *check(withFaults()).hash);
}

TEST(MachineFaultEvents, BadFaultsAreNamedAtTheirFileLineAndColumn) {
  struct Case {
    std::string from, to; ///< Edit of kFaults.
    std::string at;       ///< Text whose first place in the file the problem names.
    std::string field, message;
  };
  const std::vector<Case> cases = {
      {"fault = \"hoist_brake_fade\"", "fault = \"hoist_brake_fad\"", "\"hoist_brake_fad\"",
       "events[0].fault",
       "the overhead crane models no fault 'hoist_brake_fad' (did you mean 'hoist_brake_fade'?); "
       "expected 'hoist_brake_fade' or 'hoist_upper_limit_fails'"},
      {"holding_fraction = 0.2", "holding_fraction = 1.5", "1.5", "events[0].holding_fraction",
       "value 1.5 is out of range; expected a number in [0, 1]"},
      {"fade_s = 2.0", "fade_s = -1.0", "-1.0", "events[0].fade_s",
       "value -1 is out of range; expected a number in [0, 600]"},
      {"holding_fraction = 0.2\n", "", "[[events]]\nid = \"brake\"", "events[0].holding_fraction",
       "missing required key 'holding_fraction' (a number)"},
      {"fade_s = 2.0", "fade_time = 2.0", "fade_time", "events[0].fade_time", ""},
      {"fault = \"hoist_brake_fade\"\n", "", "[[events]]\nid = \"brake\"", "events[0].fault",
       "missing required key 'fault' (a string)"},
  };
  for (const Case& c : cases) {
    const std::string text = withFaults(replace(kFaults, c.from, c.to));
    ValidationReport r = check(text);
    ASSERT_FALSE(r.problems.empty()) << c.to;
    const core::Error& p = r.problems[0];
    EXPECT_EQ(p.location.fieldPath, c.field) << c.to << ": " << p.toString();
    if (!c.message.empty()) {
      EXPECT_EQ(p.message, c.message) << c.to;
    }
    EXPECT_EQ(p.location.file, "test.toml");
    const auto [line, column] = where(text, c.at);
    EXPECT_EQ(p.location.line, line) << c.to << ": " << p.toString();
    EXPECT_EQ(p.location.column, column) << c.to << ": " << p.toString();
  }
}

TEST(MachineFaultEvents, AMachineWithoutTheFaultListsTheOnesItHas) {
  // The forklift's N1 mock exam with a crane fault: refused, naming the truck's own.
  auto read = [](const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  const std::filesystem::path root(SKILLSIM_SOURCE_DIR);
  const std::string text = read(root / "scenarios/forklift/n1_field_test.toml") +
                           "\n[[events]]\nid = \"brake\"\nkind = \"machine_fault\"\n"
                           "fault = \"hoist_brake_fade\"\nholding_fraction = 0.5\nat_s = 1.0\n";
  ValidationReport r =
      validateScenarioText(text, "n1.toml", read(root / "assets/standards/n1-forklift-field.toml"),
                           "n1-forklift-field.toml");
  ASSERT_EQ(r.problems.size(), 1u)
      << r.problems[0].toString() << " | " << r.problems.back().toString();
  EXPECT_EQ(r.problems[0].message, "the counterbalance forklift truck models no fault "
                                   "'hoist_brake_fade'; expected 'tyre_pressure_loss'");
  const auto [line, column] = where(text, "\"hoist_brake_fade\"");
  EXPECT_EQ(r.problems[0].location.line, line);
  EXPECT_EQ(r.problems[0].location.column, column);
  // The tyre's name is a word among the truck's four.
  const std::string tyre = read(root / "scenarios/forklift/n1_field_test.toml") +
                           "\n[[events]]\nid = \"flat\"\nkind = \"machine_fault\"\n"
                           "fault = \"tyre_pressure_loss\"\ntyre = \"front_lft\"\n"
                           "radius_loss_m = 0.02\nat_s = 1.0\n";
  ValidationReport t = validateScenarioText(
      tyre, "n1.toml", read(root / "assets/standards/n1-forklift-field.toml"), "n1.toml");
  ASSERT_EQ(t.problems.size(), 1u) << t.problems[0].toString();
  EXPECT_EQ(t.problems[0].location.fieldPath, "events[0].tyre");
  EXPECT_EQ(t.problems[0].message,
            "unknown value 'front_lft' (did you mean 'front_left'?); expected 'front_left', "
            "'front_right', 'rear_left' or 'rear_right'");
  EXPECT_EQ(t.problems[0].location.line, where(tyre, "\"front_lft\"").first);
}

TEST(MachineFaultEvents, BegunAtTheStatedTickInEveryRunAndDeterministic) {
  ValidationReport r = check(withFaults());
  ASSERT_TRUE(r.valid()) << r.problems.front().toString();
  const FaultRun a = idle(*r.scenario, 4 * 120);
  const FaultRun b = idle(*r.scenario, 4 * 120);
  for (const FaultRun* run : {&a, &b}) {
    ASSERT_EQ(run->scheduled.size(), 2u);
    EXPECT_EQ(run->scheduled[0].tick, 120u);
    EXPECT_EQ(run->scheduled[0].subject, "brake");
    EXPECT_EQ(run->scheduled[1].tick, 121u); // the tick after the brake's event
    EXPECT_EQ(run->scheduled[1].subject, "limit");
  }
  EXPECT_EQ(a.state, b.state);
  // The empty hook (50 kg) on a brake fading to 20 % of 1.25 x 2050 kg: it holds until the
  // holding force falls under the hook's weight, which it never does (0.2 x 2562 kg > 50 kg).
  // So nothing moves; the crate's fixture has nothing on the hook. The state differs from a run
  // without the faults (their state is hashed once begun).
  ValidationReport calm = check(kScenario);
  ASSERT_TRUE(calm.valid());
  const FaultRun c = idle(*calm.scenario, 4 * 120);
  EXPECT_TRUE(c.scheduled.empty());
  EXPECT_NE(a.state, c.state);
  EXPECT_EQ(a.ropeLength.back(), c.ropeLength.back()) << "the hook alone is held";
}

TEST(MachineFaultEvents, AFullyFadedBrakeLetsTheEmptyHookCreepDownFromItsTick) {
  // The brake gives way at once at 0.5 s: the hook (50 kg) creeps down from that tick on.
  const std::string events = R"(
[[events]]
id = "brake"
kind = "machine_fault"
fault = "hoist_brake_fade"
holding_fraction = 0.0
at_s = 0.5
)";
  ValidationReport r = check(withFaults(events));
  ASSERT_TRUE(r.valid()) << r.problems.front().toString();
  const FaultRun a = idle(*r.scenario, 2 * 120);
  ASSERT_EQ(a.scheduled.size(), 1u);
  EXPECT_EQ(a.scheduled[0].tick, 60u);
  ASSERT_EQ(a.ropeLength.size(), 240u);
  // Before the fault (ticks 1-59, indices 0-58) the rope keeps its length; after it the hook's
  // weight pays rope out.
  EXPECT_EQ(a.ropeLength[58], a.ropeLength[0]);
  EXPECT_GT(a.ropeLength[239], a.ropeLength[59] + 0.001);
}

TEST(MachineFaultEvents, TheBrakeFadeDrillValidatesAndRuns) {
  const std::filesystem::path root(SKILLSIM_SOURCE_DIR);
  auto drill = loadScenario(root / "scenarios/overhead_crane/brake_fade_drill.toml");
  ASSERT_TRUE(drill) << drill.error().toString();
  ASSERT_EQ(drill->events.size(), 1u);
  EXPECT_EQ(drill->events[0].fault, "hoist_brake_fade");
  EXPECT_EQ(drill->events[0].afterPhase, "carry");
  EXPECT_EQ(drill->events[0].faultParams.at("holding_fraction"), 0.1);
  EXPECT_EQ(drill->labels.at("brake_fade").en, "hoist brake fading");
  // Ten idle seconds: the crate is never carried, so the fault never begins.
  const FaultRun idleRun = idle(*drill, 10 * drill->tickRate);
  EXPECT_TRUE(idleRun.scheduled.empty());
  EXPECT_EQ(idleRun.ropeLength.size(), 10u * drill->tickRate);
}
