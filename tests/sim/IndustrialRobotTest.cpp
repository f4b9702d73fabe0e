// The industrial robot as a machine of the simulation (issue 16): registered, driven by its
// declared controls (the enabling device gates jogging, T1 caps the TCP speed), the tool takes a
// part within tolerance, a link touching the cell stops the arm, a part out of reach refuses the
// spec naming it, and the same inputs give the same state hash.

#include <skillsim/sim/Simulation.h>
#include <skillsim/sim/machines/industrial_robot/IndustrialRobotSpec.h>

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace skillsim::sim {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

BodySpec box(std::string name, std::vector<std::string> tags, glm::dvec3 size, double mass,
             glm::dvec3 position) {
  BodySpec b;
  b.name = std::move(name);
  b.tags = std::move(tags);
  b.shape.kind = ShapeKind::Box;
  b.shape.size = size;
  b.mass = mass;
  b.position = position;
  return b;
}

/** The robot at the origin, a 0.2 m table 0.35 m in front (world x) with a 40 mm part on it. */
SimulationSpec cell() {
  SimulationSpec spec;
  IndustrialRobotSpec robotSpec;
  spec.machine = industrialRobotMachine(robotSpec);
  spec.bodies.push_back(box("table", {"table"}, {0.3, 0.2, 0.4}, 0.0, {0.40, 0.10, 0.0}));
  spec.bodies.push_back(
      box("part1", {"part1", "part"}, {0.04, 0.04, 0.04}, 0.2, {0.40, 0.22, 0.0}));
  return spec;
}

std::size_t metric(const Simulation& sim, std::string_view name) {
  return sim.metrics().find(name).value();
}

std::size_t buttonBit(const Simulation& sim, std::string_view id) {
  return sim.machine()->controls.buttonBit(id).value();
}

TEST(IndustrialRobot, IsRegisteredAndDeclaresItsPendantControls) {
  const auto type = MachineRegistry::builtIn().find("industrial_robot");
  ASSERT_NE(type, nullptr);
  const MachineDecl d = industrialRobotMachine({}).describe();
  EXPECT_EQ(d.controls.axisIds().size(), 6u);
  EXPECT_EQ(d.controls.buttonIds().size(), 28u);
  EXPECT_EQ(d.controls.buttonIds().front(), "enabling_device");
  ASSERT_NE(d.metric("tcp_speed"), nullptr);
  EXPECT_EQ(d.metric("joint_3")->unit, Unit::Radian);
}

TEST(IndustrialRobot, JogsOnlyWithTheEnablingDeviceAndKeepsT1Speed) {
  auto sim = Simulation::create(cell());
  ASSERT_TRUE(sim) << sim.error().toString();
  Simulation& s = **sim;
  core::ActionState a;
  a.setAxis(0, 1.0f); // jog axis 1, not enabled
  for (int i = 0; i < 48; ++i) {
    s.step(a);
  }
  EXPECT_EQ(s.metrics().get(metric(s, "joint_1")), 0.0);
  a.setButton(buttonBit(s, "enabling_device"), true);
  for (int i = 0; i < 240; ++i) {
    s.step(a);
    EXPECT_LE(s.metrics().get(metric(s, "tcp_speed")), 0.250 + 1e-9);
  }
  // 1 s at 10 % of 250°/s.
  EXPECT_NEAR(s.metrics().get(metric(s, "joint_1")), 25 * kDeg, 1e-6);
  EXPECT_EQ(s.metrics().get(metric(s, "operating_mode")), 1.0);
}

TEST(IndustrialRobot, ClosingTheToolOverAPartTakesIt) {
  SimulationSpec spec = cell();
  // Start with the TCP at the part's centre, tool down: solve for the home angles.
  auto robotSpec = std::make_shared<IndustrialRobotSpec>();
  const robot::ArmKinematics arm;
  const glm::dquat down = glm::angleAxis(std::numbers::pi, glm::dvec3(0, 1, 0));
  // World (0.40, 0.22, 0) is base (0.40, 0, 0.22).
  auto q = arm.inverse(
      robot::compose({{0.40, 0.0, 0.22}, down}, robot::inverse(robotSpec->tool.tcp)), {});
  ASSERT_TRUE(q);
  robotSpec->home = *q;
  spec.machine = MachineSpec{industrialRobotType(), robotSpec};
  auto sim = Simulation::create(spec);
  ASSERT_TRUE(sim) << sim.error().toString();
  Simulation& s = **sim;
  core::ActionState a;
  s.step(a);
  a.setButton(buttonBit(s, "tool_toggle"), true);
  s.step(a);
  bool gripped = false;
  for (const SimEvent& e : s.events()) {
    gripped = gripped || (e.is("part_gripped") && e.subject == "part1");
  }
  EXPECT_TRUE(gripped);
  EXPECT_EQ(s.metrics().get(metric(s, "part_held")), 1.0);
}

TEST(IndustrialRobot, ALinkTouchingTheTableStopsTheArmUntilReset) {
  auto sim = Simulation::create(cell());
  ASSERT_TRUE(sim) << sim.error().toString();
  Simulation& s = **sim;
  core::ActionState a;
  a.setButton(buttonBit(s, "enabling_device"), true);
  a.setAxis(1, 1.0f); // axis 2 forward: the arm tips over onto the table
  bool collided = false;
  std::string link, other;
  for (int i = 0; i < 240 * 5 && !collided; ++i) {
    s.step(a);
    for (const SimEvent& e : s.events()) {
      if (e.is("collision")) {
        collided = true;
        link = e.subject;
        other = e.other;
      }
    }
  }
  ASSERT_TRUE(collided);
  EXPECT_EQ(other, "table");
  EXPECT_FALSE(link.empty());
  const double stopped = s.metrics().get(metric(s, "joint_2"));
  for (int i = 0; i < 48; ++i) {
    s.step(a);
  }
  EXPECT_EQ(s.metrics().get(metric(s, "joint_2")), stopped);
  EXPECT_EQ(s.metrics().get(metric(s, "emergency_stop")), 1.0);
}

TEST(IndustrialRobot, APartOutOfReachRefusesTheSpecNamingThePartAndTheReach) {
  SimulationSpec spec = cell();
  spec.bodies.push_back(box("far_part", {"part"}, {0.04, 0.04, 0.04}, 0.2, {1.2, 0.22, 0.0}));
  auto sim = Simulation::create(spec);
  ASSERT_FALSE(sim);
  const std::string text = sim.error().toString();
  EXPECT_NE(text.find("bodies[2].position"), std::string::npos) << text;
  EXPECT_NE(text.find("Part 'far_part' cannot be taken"), std::string::npos) << text;
  EXPECT_NE(text.find("the arm reaches 580 mm"), std::string::npos) << text;
}

TEST(IndustrialRobot, TheSameInputsGiveTheSameStateHash) {
  auto run = [] {
    auto sim = Simulation::create(cell());
    core::ActionState a;
    Simulation& s = **sim;
    a.setButton(buttonBit(s, "enabling_device"), true);
    for (int i = 0; i < 480; ++i) {
      a.setAxis(static_cast<std::size_t>(i / 80), 0.5f);
      s.step(a);
    }
    return s.stateHash();
  };
  EXPECT_EQ(run(), run());
}

// Issue 16: the speed override as declared controls, stepping 100, 75, 50, 30, 10, 3, 1 % as a
// KUKA smartPAD does; it scales the jog (1 s of joint jog at full deflection is 25° at 100 %, so
// 7.5° at 30 %), and T1 still caps the TCP at 250 mm/s.
TEST(IndustrialRobot, TheSpeedOverrideStepsThroughThePendantsPercentagesAndScalesTheJog) {
  auto sim = Simulation::create(cell());
  ASSERT_TRUE(sim) << sim.error().toString();
  Simulation& s = **sim;
  core::ActionState a;
  auto tap = [&](const char* id) {
    a.setButton(buttonBit(s, id), true);
    s.step(a);
    a.setButton(buttonBit(s, id), false);
    s.step(a);
    return s.metrics().get(metric(s, "speed_override"));
  };
  s.step(a);
  EXPECT_EQ(s.metrics().get(metric(s, "speed_override")), 1.0);
  const double down[] = {0.75, 0.50, 0.30, 0.10, 0.03, 0.01, 0.01};
  for (double expected : down) {
    EXPECT_DOUBLE_EQ(tap("override_down"), expected);
  }
  const double up[] = {0.03, 0.10, 0.30};
  for (double expected : up) {
    EXPECT_DOUBLE_EQ(tap("override_up"), expected);
  }
  EXPECT_EQ(s.panelState().selected.at(3), 3) << "the panel marks 30 %";
  a.setButton(buttonBit(s, "enabling_device"), true);
  a.setAxis(0, 1.0f);
  for (int i = 0; i < 240; ++i) {
    s.step(a);
  }
  EXPECT_NEAR(s.metrics().get(metric(s, "joint_1")), 7.5 * kDeg, 1e-6);
}

// The operating mode reads as words on the HUD: one flag readout per mode, labelled with its name,
// on only in that mode; no readout shows operating_mode's number.
TEST(IndustrialRobot, TheModeReadoutIsTheModesNameNotANumber) {
  const MachineDecl d = industrialRobotMachine({}).describe();
  for (const ReadoutDecl& r : d.readouts) {
    EXPECT_NE(r.metric, "operating_mode");
  }
  auto label = [&](const char* name) { return d.metric(name)->labelEn; };
  EXPECT_EQ(label("mode_is_t1"), "T1 manual reduced speed");
  EXPECT_EQ(label("mode_is_t2"), "T2 manual full speed");
  EXPECT_EQ(label("mode_is_automatic"), "automatic");
  EXPECT_EQ(d.metric("mode_is_t2")->unit, Unit::Flag);
  auto sim = Simulation::create(cell());
  ASSERT_TRUE(sim) << sim.error().toString();
  Simulation& s = **sim;
  core::ActionState a;
  s.step(a);
  auto on = [&](const char* name) { return s.metrics().get(metric(s, name)); };
  EXPECT_EQ(on("mode_is_t1"), 1.0);
  EXPECT_EQ(on("mode_is_t2"), 0.0);
  a.setButton(buttonBit(s, "mode_t2"), true);
  s.step(a);
  EXPECT_EQ(on("mode_is_t1"), 0.0);
  EXPECT_EQ(on("mode_is_t2"), 1.0);
  EXPECT_EQ(on("mode_is_automatic"), 0.0);
}

} // namespace
} // namespace skillsim::sim
