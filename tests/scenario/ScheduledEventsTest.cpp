// Scheduled faults and happenings in a scenario (issue 17 point 4): `[[events]]` parsed and
// validated with file:line:column, part of the hash, begun deterministically by the attempt loop,
// raised as `scheduled` events and scored through phases like any other event.
#include "IndependentScenarioHash.h"
#include "ScenarioTestTexts.h"

#include <skillsim/scenario/AttemptRunner.h>
#include <skillsim/scenario/ScenarioLoader.h>
#include <skillsim/sim/machines/overhead_crane/OverheadCraneSpec.h>

#include <gtest/gtest.h>

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

/**
 * kScenario (tick rate 120, a 300 kg crate on the ground) with a 5 kN gust on the load from 0.5 s
 * for 0.5 s, a person entering the target zone right after the gust begins, and a criterion:
 * an emergency stop within 2 s of the person entering (the NCCCO time rule on phase `respond`,
 * 10 points).
 */
const std::string kEvents = R"(
[[events]]
id = "gust"
kind = "wind"
on = "load"
force_n = [5000.0, 0.0, 0.0]
at_s = 0.5
duration_s = 0.5

[[events]]
id = "person"
kind = "person_enters"
zone = "target"
when = { event = "scheduled", subject = "gust" }

[[phases]]
id = "respond"
start = { event = "scheduled", subject = "person" }
end = { event = "emergency_stop" }

[[rubric]]
id = "estop_in_time"
item = "safety"
kind = "time_limit"
phase = "respond"
limit_s = 2.0
points = 10
)";

std::string withEvents(const std::string& events = kEvents) {
  return replace(kScenario, "[[phases]]", events + "\n[[phases]]");
}

ValidationReport check(const std::string& text) {
  return validateScenarioText(text, "test.toml", kStandard, "test-std.toml");
}

struct IdleRun {
  std::vector<sim::SimEvent> scheduled;
  std::vector<double> crateX; ///< The crate's x (m) after each tick.
  assessment::AttemptResult result;
  core::Digest state{};
};

/** Runs `ticks` idle ticks, pressing the emergency stop at input index `estopAt` if given. */
IdleRun idle(const Scenario& scenario, std::size_t ticks, std::optional<std::size_t> estopAt) {
  std::vector<core::ActionState> inputs(ticks);
  if (estopAt) {
    inputs[*estopAt].setButton(sim::crane_controls::kEmergencyStop, true);
  }
  auto runner = AttemptRunner::create(scenario);
  EXPECT_TRUE(runner) << runner.error().toString();
  IdleRun out;
  (*runner)->addObserver([&](const AttemptTick& tick) {
    for (const sim::SimEvent& e : tick.simulation.events()) {
      if (e.kind == sim::SimEventKind::Scheduled) {
        out.scheduled.push_back(e);
      }
    }
    out.crateX.push_back(tick.simulation.bodyPosition("crate")->x);
  });
  RecordedInputs source(inputs);
  out.result = (*runner)->run(source);
  out.state = (*runner)->simulation().stateHash();
  return out;
}

const assessment::Deduction* deduction(const assessment::AttemptResult& r, const std::string& id) {
  for (const auto& d : r.deductions) {
    if (d.criterionId == id) {
      return &d;
    }
  }
  return nullptr;
}

} // namespace

TEST(ScheduledEvents, ParsedInFileOrderInTicksAndPartOfTheHash) {
  const std::string text = withEvents();
  ValidationReport r = check(text);
  ASSERT_TRUE(r.valid()) << r.problems.front().toString();
  const auto& events = r.scenario->events;
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].id, "gust");
  EXPECT_EQ(events[0].kind, ScheduledEvent::Kind::Wind);
  EXPECT_EQ(events[0].atTick.value_or(0), 60u); // 0.5 s at 120 Hz
  EXPECT_EQ(events[0].durationTicks.value_or(0), 60u);
  EXPECT_EQ(events[0].bodyTag, "load");
  EXPECT_EQ(events[0].force, glm::dvec3(5000.0, 0.0, 0.0));
  EXPECT_EQ(events[1].kind, ScheduledEvent::Kind::PersonEnters);
  EXPECT_EQ(events[1].zone, "target");
  ASSERT_TRUE(events[1].when);
  EXPECT_EQ(events[1].when->subject, "gust");
  EXPECT_FALSE(events[1].atTick.has_value());
  EXPECT_EQ(*r.hash, skillsim::scenario::testing::independentScenarioHash(text, kStandard));
  ValidationReport stronger = check(replace(text, "5000.0", "6000.0"));
  ASSERT_TRUE(stronger.valid());
  EXPECT_NE(*stronger.hash, *r.hash) << "the force is part of the scenario's identity";
}

TEST(ScheduledEvents, BadEventsAreNamedAtTheirPlace) {
  struct Case {
    std::string from, to, field, message;
  };
  const std::vector<Case> cases = {
      {"at_s = 0.5\n", "", "events[0]",
       "give exactly one of 'at_s' (s from the start), 'after' (a phase id: when it has ended) "
       "or 'when' (an event) for when it begins"},
      {"at_s = 0.5\n", "at_s = 0.5\nafter = \"setdown\"\n", "events[0]",
       "give exactly one of 'at_s' (s from the start), 'after' (a phase id: when it has ended) "
       "or 'when' (an event) for when it begins"},
      {"on = \"load\"", "on = \"lod\"", "events[0].on",
       "unknown body tag 'lod' (did you mean 'load'?)"},
      {"zone = \"target\"", "zone = \"targte\"", "events[1].zone",
       "unknown zone 'targte' (did you mean 'target'?)"},
      {"subject = \"gust\" }", "subject = \"gusts\" }", "events[1].when.subject",
       "unknown scheduled event 'gusts' (did you mean 'gust'?)"},
      {"subject = \"person\"", "subject = \"persons\"", "phases[0].start.subject",
       "unknown scheduled event 'persons' (did you mean 'person'?)"},
      {"duration_s = 0.5", "duration_s = 0", "events[0].duration_s", ""},
  };
  for (const Case& c : cases) {
    const std::string text = withEvents(replace(kEvents, c.from, c.to));
    ValidationReport r = check(text);
    ASSERT_EQ(r.problems.size(), 1u) << c.to << (r.problems.empty() ? "" : r.problems[0].toString())
                                     << (r.problems.size() > 1 ? r.problems[1].toString() : "");
    EXPECT_EQ(r.problems[0].location.fieldPath, c.field) << c.to;
    if (!c.message.empty()) {
      EXPECT_EQ(r.problems[0].message, c.message) << c.to;
    }
    EXPECT_GT(r.problems[0].location.line, 0u) << c.to;
  }
}

TEST(ScheduledEvents, RaisedAtTheirTicksAndTheGustPushesTheLoadOnlyWhileItBlows) {
  ValidationReport r = check(withEvents());
  ASSERT_TRUE(r.valid()) << r.problems.front().toString();
  const IdleRun a = idle(*r.scenario, 200, std::nullopt);
  ASSERT_EQ(a.scheduled.size(), 2u);
  EXPECT_EQ(a.scheduled[0].tick, 60u);
  EXPECT_EQ(a.scheduled[0].subject, "gust");
  EXPECT_EQ(a.scheduled[0].value, 5000.0);
  EXPECT_EQ(a.scheduled[1].tick, 61u); // the tick after the gust's event
  EXPECT_EQ(a.scheduled[1].subject, "person");
  EXPECT_EQ(a.scheduled[1].other, "target");
  ASSERT_GE(a.crateX.size(), 200u);
  // Before the gust the crate rests where it was put (x = 2 m); 5 kN on 300 kg beats any
  // friction (mu <= 1: at most 2.9 kN), so it slides along +x while the gust blows.
  EXPECT_NEAR(a.crateX[58], 2.0, 1e-3);
  EXPECT_GT(a.crateX[119], a.crateX[59] + 0.2);
  // Speeds (m/s) from one tick's travel: rising while the gust blows (ticks 60-119), falling once
  // it has stopped at tick 120 (friction alone).
  auto speed = [&](std::size_t i) { return (a.crateX[i] - a.crateX[i - 1]) * 120.0; };
  EXPECT_GT(speed(118), speed(80));
  EXPECT_LT(speed(199), speed(125));
  EXPECT_LT(speed(125), speed(118));
  // Deterministic: the same scenario and inputs give the same state.
  const IdleRun b = idle(*r.scenario, 200, std::nullopt);
  EXPECT_EQ(a.state, b.state);
  // Without the events the crate never moves.
  ValidationReport calm = check(kScenario);
  ASSERT_TRUE(calm.valid());
  const IdleRun c = idle(*calm.scenario, 200, std::nullopt);
  EXPECT_TRUE(c.scheduled.empty());
  EXPECT_NEAR(c.crateX[199], 2.0, 1e-3);
}

TEST(ScheduledEvents, TheRubricScoresTheResponseToAPersonEnteringTheWalkway) {
  ValidationReport r = check(withEvents());
  ASSERT_TRUE(r.valid()) << r.problems.front().toString();
  // The person enters at tick 61; the phase runs from that tick to the emergency stop.
  // Stopped 1 s later (input 180 = tick 181): within the 2 s, no loss.
  const IdleRun quick = idle(*r.scenario, 600, 180);
  EXPECT_EQ(deduction(quick.result, "estop_in_time"), nullptr);
  // Stopped 2.5 s later (tick 361): half-way from T = 2 s to 1.5 T = 3 s, so half the 10 points
  // (to within one tick of the phase's length: 10 points / 120 ticks).
  const IdleRun late = idle(*r.scenario, 600, 360);
  const assessment::Deduction* half = deduction(late.result, "estop_in_time");
  ASSERT_NE(half, nullptr);
  EXPECT_NEAR(half->points, 5.0, 10.0 / 120.0 + 1e-9);
  // Never stopped: at 1.5 T (tick 61 + 360) the attempt is stopped and the points are lost.
  const IdleRun never = idle(*r.scenario, 600, std::nullopt);
  ASSERT_NE(deduction(never.result, "estop_in_time"), nullptr);
  EXPECT_NEAR(static_cast<double>(never.result.endTick), 421.0, 1.0);
  EXPECT_FALSE(never.result.completed);
}
