// The industrial robot's palletising scenario (issue 16, points 4 and 7): the shipped file is
// valid with its standard, and a part moved out of the arm's reach is refused at that body's
// line, naming the part and the reach (sim::MachineType::checkScene).
#include <skillsim/core/OrbitView.h>
#include <skillsim/scenario/AttemptRunner.h>
#include <skillsim/scenario/ScenarioLoader.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <numbers>
#include <string>
#include <utility>
#include <vector>

namespace {

std::string readText(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

const std::filesystem::path kRoot = SKILLSIM_SOURCE_DIR;
const std::string kScenarioFile = "scenarios/industrial_robot/handling_palletising.toml";
const std::string kStandardFile = "assets/standards/1x-industrial-robot-palletising.toml";

TEST(RobotScenario, TheShippedPalletisingTaskIsValid) {
  const auto report = skillsim::scenario::validateFile(kRoot / kScenarioFile);
  ASSERT_TRUE(report.valid()) << report.problems.front().toString();
  EXPECT_EQ(report.scenario->id, "industrial_robot.palletising");
  EXPECT_EQ(report.scenario->timeLimit, 2700.0);
}

TEST(RobotScenario, APartOutOfReachIsRefusedAtItsLineWithTheReach) {
  std::string text = readText(kRoot / kScenarioFile);
  const std::string near = "position = [0.2, 0.22, 0.22]"; // part1 on the feeder
  const auto at = text.find(near);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, near.size(), "position = [1.2, 0.22, 0.22]");
  const std::size_t line =
      static_cast<std::size_t>(std::count(text.begin(), text.begin() + at, '\n')) + 1;
  const auto report = skillsim::scenario::validateScenarioText(
      text, "palletising.toml", readText(kRoot / kStandardFile), kStandardFile);
  ASSERT_FALSE(report.valid());
  ASSERT_EQ(report.problems.size(), 1u);
  const std::string message = report.problems.front().toString();
  EXPECT_EQ(report.problems.front().location.line, line) << message;
  EXPECT_NE(message.find("bodies[2].position"), std::string::npos) << message;
  EXPECT_NE(message.find("Part 'part1' cannot be taken by the arm from above"), std::string::npos)
      << message;
  EXPECT_NE(message.find("the arm reaches 580 mm"), std::string::npos) << message;
}

// Issue 17: the robot declares where it can carry a part (sim::MachineDecl::reach): within the
// arm stretched out of axis 1, 0.27 + hypot(0.07, 0.302) + 0.072 m and the 0.1 m TCP, 0.752006 m.
TEST(RobotScenario, APartZoneBeyondTheArmsReachIsAWarningAtItsCentre) {
  const auto shipped = skillsim::scenario::validateFile(kRoot / kScenarioFile);
  ASSERT_TRUE(shipped.valid());
  EXPECT_TRUE(shipped.scenario->warnings.empty()) << shipped.scenario->warnings.front().toString();
  ASSERT_TRUE(shipped.scenario->machine.has_value());
  const auto& reach = shipped.scenario->machine->reach;
  EXPECT_EQ(reach.shape, skillsim::sim::WorkingEnvelope::Shape::Circle);
  EXPECT_NEAR(reach.radius, 0.27 + std::hypot(0.07, 0.302) + 0.072 + 0.1, 1e-12);

  std::string text = readText(kRoot / kScenarioFile);
  for (const auto& [centre, warned] :
       {std::pair{std::string("center = [0.75, 0.2, 0.0]"), false},  // 0.73 m: within reach
        std::pair{std::string("center = [0.8, 0.2, 0.0]"), true}}) { // 0.78 m: beyond
    std::string moved = text;
    const std::string slot = "center = [0.06, 0.2, -0.22]"; // slot1
    const auto at = moved.find(slot);
    ASSERT_NE(at, std::string::npos);
    moved.replace(at, slot.size(), centre);
    const auto report = skillsim::scenario::validateScenarioText(
        moved, "palletising.toml", readText(kRoot / kStandardFile), kStandardFile);
    ASSERT_TRUE(report.valid()) << report.problems.front().toString();
    const auto& warnings = report.scenario->warnings;
    if (!warned) {
      EXPECT_TRUE(warnings.empty()) << warnings.front().toString();
      continue;
    }
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0].location.line,
              static_cast<std::uint32_t>(std::count(moved.begin(), moved.begin() + at, '\n')) + 1);
    EXPECT_EQ(warnings[0].location.fieldPath, "zones[0].center");
    EXPECT_NE(warnings[0].message.find("zone 'slot1' lies wholly outside where the industrial "
                                       "robot can carry a load (within 0.752006 m of x 0 m, z 0 m"),
              std::string::npos)
        << warnings[0].message;
  }
}

} // namespace

// Issue 16, point 5: a camera that orbits the cell (it starts inside the fence, 1.56 m from the
// table's centre at yaw 36°, pitch 45°) and one from the trainee's place at the fence (outside the
// 1.1 m fence, in front of the light curtain's 0.8 m opening, looking at the table).
TEST(RobotScenario, ItHasAnOrbitCameraAndOneFromTheTraineesPlaceAtTheFence) {
  const auto report = skillsim::scenario::validateFile(kRoot / kScenarioFile);
  ASSERT_TRUE(report.valid()) << report.problems.front().toString();
  const auto& cameras = report.scenario->simulation.cameras;
  ASSERT_EQ(cameras.size(), 2u);
  EXPECT_EQ(cameras[0].name, "orbit");
  EXPECT_EQ(cameras[0].kind, skillsim::sim::CameraSpec::Kind::Orbit);
  EXPECT_EQ(cameras[0].target, glm::dvec3(0.25, 0.2, 0.0));
  // distance 1.56, yaw 36°, pitch 45°: 1.56 cos 45° = 1.10309 across, of it sin 36° along x and
  // cos 36° along z; 1.56 sin 45° up.
  const glm::dvec3 start = cameras[0].position;
  EXPECT_NEAR(start.x, 0.25 + 1.103087 * 0.587785, 1e-5);
  EXPECT_NEAR(start.y, 0.2 + 1.103087, 1e-5);
  EXPECT_NEAR(start.z, 1.103087 * 0.809017, 1e-5);
  const auto angles = skillsim::core::OrbitView::lookingFrom(start, cameras[0].target);
  EXPECT_NEAR(angles.distance, 1.56, 1e-12);
  EXPECT_NEAR(angles.yaw, 36.0 * std::numbers::pi / 180.0, 1e-12);
  EXPECT_NEAR(angles.pitch, 45.0 * std::numbers::pi / 180.0, 1e-12);
  EXPECT_LT(std::max(std::abs(start.x), std::abs(start.z)), 1.1)
      << "starts inside the fence, whose panels would hide the table";
  EXPECT_EQ(cameras[1].name, "fence");
  const glm::dvec3 eye = cameras[1].position;
  EXPECT_GT(eye.x, 1.1) << "outside the fence (IndustrialRobot::kFenceHalfSize)";
  EXPECT_LT(std::abs(eye.z), 0.4) << "in front of the light curtain's opening";
  EXPECT_GT(eye.y, 1.4) << "a standing person's eye height";
  EXPECT_LT(cameras[1].target.x, 1.1) << "looking into the cell";
}

// Issue 16: the attempt's end. The robot is at home when every axis is within home_tolerance_deg
// (1°) of the home pose (metric at_home); a continuous run in T1 or automatic that finishes raises
// cycle_complete (subject "t1" or "automatic") once the arm is at home, and the palletising task
// ends, completed, on the automatic one; otherwise its time limit ends it and "robot not at home
// at the end" is charged when the arm is away. Crafted inputs: joint jog of axis 1 runs at 10 % of
// 250°/s, 25°/s, so one tick at full deflection turns it 25/60 = 0.41667° at the scenario's
// tick_rate = 60.
namespace {

using skillsim::core::ActionState;

/** The shipped scenario with its time limit set to `seconds`. */
skillsim::scenario::Scenario palletising(double seconds) {
  std::string text = readText(kRoot / kScenarioFile);
  const std::string limit = "time_limit_s = 2700";
  const auto at = text.find(limit);
  EXPECT_NE(at, std::string::npos);
  text.replace(at, limit.size(), "time_limit_s = " + std::to_string(seconds));
  auto report = skillsim::scenario::validateScenarioText(
      text, "palletising.toml", readText(kRoot / kStandardFile), kStandardFile);
  EXPECT_TRUE(report.valid()) << report.problems.front().toString();
  return report.scenario ? *report.scenario : skillsim::scenario::Scenario{};
}

/** Builds a crafted input stream tick by tick. */
struct Inputs {
  const skillsim::scenario::Scenario& scenario;
  std::vector<ActionState> ticks;
  bool enabling = false;

  ActionState base() const {
    ActionState a;
    a.setButton(bit("enabling_device"), enabling);
    return a;
  }
  /** Ticks a second (the scenario's tick_rate, Hz). */
  int hz() const { return static_cast<int>(scenario.simulation.tickRate); }
  std::size_t bit(const std::string& id) const {
    return scenario.machine->controls.buttonBit(id).value();
  }
  void idle(int n) {
    for (int i = 0; i < n; ++i) {
      ticks.push_back(base());
    }
  }
  void press(const std::string& id) {
    ActionState a = base();
    a.setButton(bit(id), true);
    ticks.push_back(a);
    idle(1);
  }
  void jogAxis1(float deflection, int n) {
    for (int i = 0; i < n; ++i) {
      ActionState a = base();
      a.setAxis(0, deflection);
      ticks.push_back(a);
    }
  }
  /** Home, 25° on axis 1, home again: three MoveJ rows, the cursor back on row 1. */
  void teachOutAndBack() {
    press("teach_movej");
    enabling = true;
    jogAxis1(1.0f, hz()); // 1 s: 25°
    press("teach_movej");
    jogAxis1(-1.0f, hz());
    press("teach_movej");
    press("cursor_up");
    press("cursor_up");
  }
};

std::size_t countOf(const skillsim::assessment::AttemptResult& r, const std::string& id) {
  return static_cast<std::size_t>(
      std::count_if(r.deductions.begin(), r.deductions.end(),
                    [&](const auto& d) { return d.criterionId == id; }));
}

/** Replays and returns the result with every cycle_complete event's subject and tick. */
struct Replayed {
  skillsim::assessment::AttemptResult result;
  std::vector<std::pair<std::string, std::uint64_t>> cycles;
  std::vector<double> atHome; ///< The at_home metric after each tick.
};

Replayed replay(const skillsim::scenario::Scenario& s, const std::vector<ActionState>& actions) {
  Replayed out;
  auto result =
      skillsim::scenario::replayActions(s, actions, [&](const skillsim::scenario::AttemptTick& t) {
        for (const auto& e : t.simulation.events()) {
          if (e.name == "cycle_complete") {
            out.cycles.emplace_back(e.subject, t.index);
          }
        }
        const auto& m = t.simulation.metrics();
        out.atHome.push_back(m.get(m.find("at_home").value()));
      });
  EXPECT_TRUE(result) << result.error().toString();
  if (result) {
    out.result = *result;
  }
  return out;
}

} // namespace

TEST(RobotAttemptEnd, AtHomeHoldsWithinOneDegreeOfEachAxis) {
  const auto s = palletising(5);
  Inputs in{s};
  in.enabling = true;
  ASSERT_EQ(in.hz(), 60);
  in.idle(1);
  in.jogAxis1(1.0f, 2); // 0.8333°
  in.idle(1);
  in.jogAxis1(1.0f, 1); // 1.25°
  in.idle(1);
  const Replayed r = replay(s, in.ticks);
  ASSERT_EQ(r.atHome.size(), in.ticks.size());
  EXPECT_EQ(r.atHome[0], 1.0);
  EXPECT_EQ(r.atHome[3], 1.0) << "0.83° from home";
  EXPECT_EQ(r.atHome[4], 0.0) << "1.25° from home";
}

TEST(RobotAttemptEnd, TheAutomaticRunEndingAtHomeCompletesTheAttempt) {
  const auto s = palletising(120);
  Inputs in{s};
  in.teachOutAndBack();
  in.enabling = false;
  in.press("mode_auto");
  in.press("run");
  const std::size_t runTick = in.ticks.size() - 2;
  in.idle(in.hz() * 60);
  const Replayed r = replay(s, in.ticks);
  ASSERT_EQ(r.cycles.size(), 1u);
  EXPECT_EQ(r.cycles[0].first, "automatic");
  EXPECT_TRUE(r.result.completed);
  EXPECT_GT(r.cycles[0].second, runTick);
  // The attempt ended on that tick, long before its 120 s and the 60 s of idle input.
  EXPECT_NEAR(r.result.duration, static_cast<double>(r.cycles[0].second + 1) / in.hz(),
              1.0 / in.hz() + 1e-9);
  EXPECT_LT(r.result.duration, 30.0);
  EXPECT_EQ(countOf(r.result, "at_home_at_end"), 0u);
}

TEST(RobotAttemptEnd, ARunInT1CompletesACycleButNotTheAutomaticTask) {
  const auto s = palletising(30);
  Inputs in{s};
  in.teachOutAndBack();
  in.press("run"); // T1, the enabling device held
  in.idle(in.hz() * 40);
  const Replayed r = replay(s, in.ticks);
  ASSERT_EQ(r.cycles.size(), 1u);
  EXPECT_EQ(r.cycles[0].first, "t1");
  EXPECT_FALSE(r.result.completed) << "the task ends on the automatic run";
  EXPECT_NEAR(r.result.duration, 30.0, 1e-9);
  EXPECT_EQ(countOf(r.result, "at_home_at_end"), 0u) << "it ended at home";
}

TEST(RobotAttemptEnd, ARunInT2NeverCompletesACycle) {
  const auto s = palletising(30);
  Inputs in{s};
  in.press("mode_t2");
  in.teachOutAndBack();
  in.press("run");
  in.idle(in.hz() * 40);
  const Replayed r = replay(s, in.ticks);
  EXPECT_TRUE(r.cycles.empty());
  EXPECT_FALSE(r.result.completed);
}

TEST(RobotAttemptEnd, TheTimeLimitWithTheArmAwayFromHomeChargesTwoPointsOfSafety) {
  const auto s = palletising(10);
  Inputs in{s};
  in.enabling = true;
  in.jogAxis1(1.0f, in.hz()); // 25° from home
  in.enabling = false;
  in.idle(in.hz() * 15);
  const Replayed r = replay(s, in.ticks);
  EXPECT_TRUE(r.cycles.empty());
  EXPECT_FALSE(r.result.completed);
  EXPECT_NEAR(r.result.duration, 10.0, 1e-9);
  ASSERT_EQ(countOf(r.result, "at_home_at_end"), 1u);
  for (const auto& d : r.result.deductions) {
    if (d.criterionId == "at_home_at_end") {
      EXPECT_EQ(d.itemId, "safety");
      EXPECT_DOUBLE_EQ(d.points, 2.0);
    }
  }
}

TEST(RobotAttemptEnd, AHomeToleranceOfZeroIsRefusedAtItsLine) {
  std::string text = readText(kRoot / kScenarioFile);
  const std::string key = "home_tolerance_deg = 1.0";
  const auto at = text.find(key);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, key.size(), "home_tolerance_deg = 0.0");
  const std::size_t line =
      static_cast<std::size_t>(std::count(text.begin(), text.begin() + at, '\n')) + 1;
  const auto report = skillsim::scenario::validateScenarioText(
      text, "palletising.toml", readText(kRoot / kStandardFile), kStandardFile);
  ASSERT_FALSE(report.valid());
  const std::string message = report.problems.front().toString();
  EXPECT_EQ(report.problems.front().location.line, line) << message;
  EXPECT_NE(message.find("home_tolerance_deg"), std::string::npos) << message;
}

// The orbit camera's own keys (distance, yaw_deg, pitch_deg): only for kind = "orbit", and a pitch
// past 85.9° (1.5 rad, OrbitView::kMaxPitch) is refused; each mistake named at its field and line.
TEST(RobotScenario, OrbitKeysOnAFixedCameraOrAPitchTooSteepAreNamedAtTheirField) {
  const std::string original = readText(kRoot / kScenarioFile);
  const std::string fence = "position = [1.4, 1.6, 0.0]\n";
  auto problemsOf = [&](const std::string& from, const std::string& to) {
    std::string text = original;
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
    const auto report = skillsim::scenario::validateScenarioText(
        text, "palletising.toml", readText(kRoot / kStandardFile), kStandardFile);
    EXPECT_FALSE(report.valid());
    const std::size_t line =
        static_cast<std::size_t>(std::count(text.begin(), text.begin() + at, '\n')) + 1;
    return std::pair{report.problems, line};
  };
  {
    const auto [problems, line] = problemsOf(fence, fence + "yaw_deg = 20\n");
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].location.fieldPath, "cameras[1].yaw_deg");
    EXPECT_EQ(problems[0].location.line, line + 1);
    EXPECT_EQ(problems[0].message, "yaw_deg applies only to kind = \"orbit\"");
  }
  {
    const auto [problems, line] = problemsOf("pitch_deg = 45", "pitch_deg = 89");
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].location.fieldPath, "cameras[0].pitch_deg");
    EXPECT_EQ(problems[0].location.line, line);
    EXPECT_NE(problems[0].message.find("85.9"), std::string::npos) << problems[0].message;
  }
}
