// The industrial robot's program execution (issue 16, point 3): MoveL on its segment, MoveC on
// its circle, the T1 speed cap measured per tick, joint speed limits, the stop ramp after the
// enabling device is released, pallet offsets in a loop, and the faults a program can run into.

#include <skillsim/sim/machines/industrial_robot/ArmMotion.h>

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <numbers>

namespace skillsim::sim::robot {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;
constexpr double kDt = 1.0 / 240.0;
/** The palletising scenario's step (handling_palletising.toml, tick_rate = 60). */
constexpr double kScenarioDt = 1.0 / 60.0;

/** A gripper whose TCP lies 100 mm beyond the flange along its z axis. */
Pose gripperTool() { return {{0.0, 0.0, 0.100}, {1.0, 0.0, 0.0, 0.0}}; }

/** A work object on the table: 350 mm ahead, 50 mm up, turned 90° about z. */
Pose tableWorkObject() {
  return {{0.350, 0.0, 0.050}, glm::angleAxis(std::numbers::pi / 2, glm::dvec3(0, 0, 1))};
}

const JointAngles kHome{0.0, 10 * kDeg, 10 * kDeg, 0.0, 60 * kDeg, 0.0};

/** The target where joint angles q put the TCP, in the motion's work object frame. */
RobotTarget targetAt(const ArmMotion& m, const Pose& tool, const Pose& wobj, const JointAngles& q) {
  return {compose(inverse(wobj), compose(m.kinematics().forward(q), tool)),
          m.kinematics().configurationOf(q)};
}

Instruction move(InstructionKind kind, RobotTarget target, double speed, double zone = 0.0) {
  Instruction in;
  in.kind = kind;
  in.target = target;
  in.speed = speed;
  in.zone = zone;
  return in;
}

/** Distance from p to the segment a-b. */
double distanceToSegment(glm::dvec3 p, glm::dvec3 a, glm::dvec3 b) {
  const glm::dvec3 ab = b - a;
  const double t = std::clamp(glm::dot(p - a, ab) / glm::dot(ab, ab), 0.0, 1.0);
  return glm::length(p - (a + t * ab));
}

/** Runs until the program leaves Running (or `maxTicks`); calls `each(tick)` after every tick. */
template <typename F>
int run(ArmMotion& m, const MotionPermit& permit, int maxTicks, F each, double dt = kDt) {
  int tick = 0;
  while (m.state() == ProgramState::Running && tick < maxTicks) {
    m.step(permit, dt);
    ++tick;
    each(tick);
  }
  return tick;
}

MotionPermit enabledIn(OperatingMode mode) {
  MotionPermit p;
  p.mode = mode;
  p.enabled = true;
  return p;
}

TEST(ArmMotion, MoveLKeepsTheTcpOnTheStraightSegment) {
  for (const double dt : {kDt, kScenarioDt}) {
    SCOPED_TRACE(testing::Message() << "tick " << dt << " s");
    const Pose tool = gripperTool(), wobj = tableWorkObject();
    ArmMotion m(ArmKinematics{}, tool, wobj, kHome);
    const JointAngles end{30 * kDeg, 25 * kDeg, 5 * kDeg, 10 * kDeg, 50 * kDeg, 20 * kDeg};
    const RobotTarget target = targetAt(m, tool, wobj, end);
    m.load({move(InstructionKind::MoveL, target, 0.5)});
    const glm::dvec3 a = m.tcpInBase().position;
    const glm::dvec3 b = m.targetInBase(target.tcp).position;
    ASSERT_GT(glm::length(b - a), 0.1);
    m.start(0, StepMode::Continuous);
    double worst = 0.0;
    const int ticks = run(
        m, enabledIn(OperatingMode::ManualFull), 5000,
        [&](int) { worst = std::max(worst, distanceToSegment(m.tcpInBase().position, a, b)); }, dt);
    EXPECT_EQ(m.state(), ProgramState::Done);
    EXPECT_LT(worst, 1e-4); // issue 16: within 0.1 mm
    EXPECT_LT(glm::length(m.tcpInBase().position - b), 1e-9);
    for (std::size_t i = 0; i < 6; ++i) {
      EXPECT_NEAR(m.joints()[i], end[i], 1e-9) << "axis " << i + 1;
    }
    std::printf("MoveL at %g Hz: %d ticks, worst distance from the segment %.3g m\n", 1.0 / dt,
                ticks, worst);
  }
}

TEST(ArmMotion, MoveCKeepsTheTcpOnTheCircleThroughItsThreePoints) {
  for (const double dt : {kDt, kScenarioDt}) {
    SCOPED_TRACE(testing::Message() << "tick " << dt << " s");
    const Pose tool = gripperTool(), wobj = tableWorkObject();
    ArmMotion m(ArmKinematics{}, tool, wobj, kHome);
    const Pose a = m.tcpInBase();
    // Via and end on a circle of the designer's choosing, in the base frame, same orientation.
    const Pose via{a.position + glm::dvec3(0.08, 0.10, -0.02), a.orientation};
    const Pose end{a.position + glm::dvec3(0.0, 0.20, -0.04), a.orientation};
    const ArmConfiguration config = m.kinematics().configurationOf(kHome);
    Instruction in = move(InstructionKind::MoveC, {compose(inverse(wobj), end), config}, 0.3);
    in.via = {compose(inverse(wobj), via), config};
    m.load({in});
    // The centre independently: equidistant from the three points, in their plane.
    const glm::dvec3 u = via.position - a.position, w = end.position - a.position;
    const glm::dvec3 n = glm::normalize(glm::cross(u, w));
    const glm::dmat3 rows = glm::transpose(glm::dmat3(u, w, n));
    const glm::dvec3 centre =
        a.position + glm::inverse(rows) * glm::dvec3(glm::dot(u, u) / 2, glm::dot(w, w) / 2, 0.0);
    const double radius = glm::length(a.position - centre);
    m.start(0, StepMode::Continuous);
    double worstRadial = 0.0, worstPlane = 0.0, nearestVia = 1.0;
    run(
        m, enabledIn(OperatingMode::ManualFull), 5000,
        [&](int) {
          const glm::dvec3 p = m.tcpInBase().position;
          worstRadial = std::max(worstRadial, std::abs(glm::length(p - centre) - radius));
          worstPlane = std::max(worstPlane, std::abs(glm::dot(p - centre, n)));
          nearestVia = std::min(nearestVia, glm::length(p - via.position));
        },
        dt);
    EXPECT_EQ(m.state(), ProgramState::Done);
    EXPECT_LT(worstRadial, 1e-4);
    EXPECT_LT(worstPlane, 1e-4);
    EXPECT_LT(nearestVia, 0.3 * dt); // it passes through the via point (within one tick's travel)
    EXPECT_LT(glm::length(m.tcpInBase().position - end.position), 1e-9);
    std::printf("MoveC at %g Hz: radius %.4f m, worst radial error %.3g m, out of plane %.3g m\n",
                1.0 / dt, radius, worstRadial, worstPlane);
  }
}

/** The largest TCP speed measured per tick (m/s) over a program that asks for 1000 mm/s. */
double fastestTick(OperatingMode mode, double dt) {
  const Pose tool = gripperTool(), wobj = tableWorkObject();
  ArmMotion m(ArmKinematics{}, tool, wobj, kHome);
  const JointAngles far{40 * kDeg, 30 * kDeg, -10 * kDeg, 20 * kDeg, 40 * kDeg, 0.0};
  const JointAngles back{-40 * kDeg, 20 * kDeg, 0.0, -10 * kDeg, 70 * kDeg, 10 * kDeg};
  m.load({move(InstructionKind::MoveL, targetAt(m, tool, wobj, far), 1.0),
          move(InstructionKind::MoveJ, targetAt(m, tool, wobj, back), 1.0, 0.010),
          move(InstructionKind::MoveL, targetAt(m, tool, wobj, kHome), 1.0)});
  m.start(0, StepMode::Continuous);
  double fastest = 0.0;
  glm::dvec3 last = m.tcpInBase().position;
  run(
      m, enabledIn(mode), 20000,
      [&](int) {
        const glm::dvec3 p = m.tcpInBase().position;
        fastest = std::max(fastest, glm::length(p - last) / dt);
        last = p;
      },
      dt);
  EXPECT_EQ(m.state(), ProgramState::Done);
  return fastest;
}

TEST(ArmMotion, ManualReducedSpeedCapsTheTcpAt250MillimetresPerSecondEveryTick) {
  for (const double dt : {kDt, kScenarioDt}) {
    SCOPED_TRACE(testing::Message() << "tick " << dt << " s");
    const double t1 = fastestTick(OperatingMode::ManualReduced, dt);
    EXPECT_LE(t1, 0.250 + 1e-9); // ISO 10218-1 5.7.3
    EXPECT_GT(t1, 0.2499);       // and the cap is what limits it
    const double t2 = fastestTick(OperatingMode::ManualFull, dt);
    EXPECT_GT(t2, 0.5); // the same program in T2 runs well above the cap
    std::printf("fastest tick at %g Hz: T1 %.6f m/s, T2 %.4f m/s (program 1.000 m/s)\n", 1.0 / dt,
                t1, t2);
  }
}

TEST(ArmMotion, MoveJKeepsEveryAxisWithinItsTopSpeedAndTheAxesInStep) {
  const Pose tool = gripperTool(), wobj = tableWorkObject();
  const ArmGeometry geometry;
  ArmMotion m(ArmKinematics{geometry}, tool, wobj,
              {-80 * kDeg, 10 * kDeg, 10 * kDeg, 0.0, 60 * kDeg, 0.0});
  const JointAngles start = m.joints();
  const JointAngles end{80 * kDeg, 20 * kDeg, -20 * kDeg, 30 * kDeg, 45 * kDeg, 40 * kDeg};
  m.load({move(InstructionKind::MoveJ, targetAt(m, tool, wobj, end), 5.0)});
  m.start(0, StepMode::Continuous);
  JointAngles last = start;
  double fastestAxis1 = 0.0, worstRatio = 0.0, worstSpread = 0.0;
  const int ticks = run(m, enabledIn(OperatingMode::Automatic), 5000, [&](int) {
    const JointAngles& q = m.joints();
    for (std::size_t i = 0; i < 6; ++i) {
      worstRatio = std::max(worstRatio, std::abs(q[i] - last[i]) / kDt / geometry.axes[i].maxSpeed);
    }
    fastestAxis1 = std::max(fastestAxis1, std::abs(q[0] - last[0]) / kDt);
    // Synchronised: every axis has covered the same fraction of its travel.
    const double f1 = (q[0] - start[0]) / (end[0] - start[0]);
    for (std::size_t i = 1; i < 6; ++i) {
      worstSpread = std::max(worstSpread, std::abs((q[i] - start[i]) / (end[i] - start[i]) - f1));
    }
    last = q;
  });
  EXPECT_EQ(m.state(), ProgramState::Done);
  EXPECT_LE(worstRatio, 1.0 + 1e-9);
  EXPECT_GT(fastestAxis1, 0.999 * geometry.axes[0].maxSpeed); // axis 1 (160°) is the slowest
  EXPECT_LT(worstSpread, 1e-9);
  // 160° at 250°/s is 0.64 s, plus half the 0.2 s ramp-up: about 0.74 s.
  EXPECT_NEAR(ticks * kDt, 0.64 + 0.1, 3 * kDt);
}

TEST(ArmMotion, ReleasingTheEnablingDeviceStopsWithinTheStoppingTime) {
  for (const double dt : {kDt, kScenarioDt})
    for (double stopping : {0.2, 0.1}) {
      SCOPED_TRACE(testing::Message() << "tick " << dt << " s");
      const Pose tool = gripperTool(), wobj = tableWorkObject();
      MotionLimits limits;
      limits.stoppingTime = stopping;
      ArmMotion m(ArmKinematics{}, tool, wobj, kHome, limits);
      const JointAngles far{40 * kDeg, 30 * kDeg, -10 * kDeg, 20 * kDeg, 40 * kDeg, 0.0};
      m.load({move(InstructionKind::MoveL, targetAt(m, tool, wobj, far), 0.25)});
      m.start(0, StepMode::Continuous);
      MotionPermit permit = enabledIn(OperatingMode::ManualReduced);
      for (int i = 0; i < static_cast<int>(std::lround(0.5 / dt)); ++i) { // 0.5 s: up to speed
        m.step(permit, dt);
      }
      ASSERT_EQ(m.state(), ProgramState::Running);
      permit.enabled = false;
      const glm::dvec3 atRelease = m.tcpInBase().position;
      glm::dvec3 last = atRelease;
      int lastMovingTick = 0;
      for (int tick = 1; tick <= static_cast<int>(std::lround(1.0 / dt)); ++tick) { // 1 s
        m.step(permit, dt);
        const glm::dvec3 p = m.tcpInBase().position;
        if (glm::length(p - last) > 0.0) {
          lastMovingTick = tick;
        }
        last = p;
      }
      EXPECT_LE(lastMovingTick * dt, stopping + 1e-9) << "stopping time " << stopping;
      // A linear ramp from 250 mm/s covers v T / 2.
      EXPECT_NEAR(glm::length(last - atRelease), 0.25 * stopping / 2, 0.25 * dt)
          << "stopping time " << stopping;
      EXPECT_EQ(m.state(), ProgramState::Running); // held, not abandoned
      // Held again, it resumes and finishes.
      permit.enabled = true;
      run(
          m, permit, 20000, [](int) {}, dt);
      EXPECT_EQ(m.state(), ProgramState::Done);
    }
}

TEST(ArmMotion, AutomaticModeStopsWhenASafeguardOpensAndIgnoresTheEnablingDevice) {
  const Pose tool = gripperTool(), wobj = tableWorkObject();
  ArmMotion m(ArmKinematics{}, tool, wobj, kHome);
  const JointAngles far{40 * kDeg, 30 * kDeg, -10 * kDeg, 20 * kDeg, 40 * kDeg, 0.0};
  m.load({move(InstructionKind::MoveL, targetAt(m, tool, wobj, far), 0.5)});
  m.start(0, StepMode::Continuous);
  MotionPermit permit;
  permit.mode = OperatingMode::Automatic; // enabling device not held
  for (int i = 0; i < 60; ++i) {
    m.step(permit, kDt);
  }
  EXPECT_GT(m.rampFactor(), 0.99);
  permit.safeguardsClear = false; // the light curtain is broken
  for (int i = 0; i < 60; ++i) {
    m.step(permit, kDt);
  }
  EXPECT_EQ(m.rampFactor(), 0.0);
  const JointAngles held = m.joints();
  m.step(permit, kDt);
  EXPECT_EQ(std::memcmp(held.data(), m.joints().data(), sizeof held), 0);
}

TEST(ArmMotion, ALoopWithAnOffsetPerPassLaysOutAPalletRow) {
  const Pose tool = gripperTool(), wobj = tableWorkObject();
  ArmMotion m(ArmKinematics{}, tool, wobj, kHome);
  const JointAngles first{-20 * kDeg, 30 * kDeg, 0.0, 0.0, 60 * kDeg, 0.0};
  Instruction place = move(InstructionKind::MoveL, targetAt(m, tool, wobj, first), 0.5);
  place.offsetPerPass = {0.0, 0.096, 0.0}; // 96 mm pitch along the work object's y
  Instruction grip;
  grip.kind = InstructionKind::SetDO;
  grip.signal = 1;
  grip.value = true;
  Instruction wait;
  wait.kind = InstructionKind::WaitTime;
  wait.time = 0.1;
  Instruction release = grip;
  release.value = false;
  Instruction loop;
  loop.kind = InstructionKind::Loop;
  loop.loopTo = 0;
  loop.count = 3;
  m.load({place, grip, wait, release, loop});
  m.start(0, StepMode::Continuous);
  std::vector<glm::dvec3> placed;
  bool wasOn = false;
  run(m, enabledIn(OperatingMode::ManualFull), 20000, [&](int) {
    const bool on = (m.outputs() & 2u) != 0;
    if (on && !wasOn) {
      placed.push_back(m.tcpInWorkObject().position);
    }
    wasOn = on;
  });
  EXPECT_EQ(m.state(), ProgramState::Done);
  ASSERT_EQ(placed.size(), 3u);
  // The work object is turned 90° about z: its y is the base's -x; in its own frame the pitch
  // is along y.
  for (std::size_t k = 0; k < 3; ++k) {
    const glm::dvec3 expected = place.target.tcp.position + glm::dvec3(0.0, 0.096 * k, 0.0);
    EXPECT_LT(glm::length(placed[k] - expected), 1e-9) << "pass " << k;
  }
  const glm::dvec3 firstInBase = m.targetInBase(place.target.tcp).position;
  const glm::dvec3 thirdInBase =
      m.targetInBase({place.target.tcp.position + glm::dvec3(0, 0.192, 0), {}}).position;
  EXPECT_NEAR(thirdInBase.x - firstInBase.x, -0.192, 1e-12);
}

TEST(ArmMotion, AnUnreachableTargetFaultsTheRowWithoutMoving) {
  const Pose tool = gripperTool(), wobj = tableWorkObject();
  ArmMotion m(ArmKinematics{}, tool, wobj, kHome);
  RobotTarget far{{{0.0, 1.5, 0.3}, {1.0, 0.0, 0.0, 0.0}}, {}}; // 1.15 m behind axis 1
  Instruction wait;
  wait.kind = InstructionKind::WaitTime;
  wait.time = 0.01;
  m.load({wait, move(InstructionKind::MoveL, far, 0.1)});
  m.start(0, StepMode::Continuous);
  run(m, enabledIn(OperatingMode::ManualReduced), 100, [](int) {});
  EXPECT_EQ(m.state(), ProgramState::Fault);
  ASSERT_TRUE(m.fault().has_value());
  EXPECT_EQ(m.fault()->kind, MotionFaultKind::Unreachable);
  EXPECT_EQ(m.fault()->row, 1);
  EXPECT_EQ(m.fault()->ik.kind, IkFailureKind::OutOfReach);
  EXPECT_EQ(std::memcmp(kHome.data(), m.joints().data(), sizeof kHome), 0);
}

TEST(ArmMotion, ALinePassingOverTheBaseFaultsAtTheShoulderSingularityMidway) {
  const Pose tool = gripperTool();
  const Pose base{}; // work object = base frame
  // Tool pointing down: the wrist centre is straight above the TCP, so the line from y = +0.3 to
  // y = -0.3 at x = 5 mm passes 5 mm from axis 1.
  const glm::dquat down = glm::angleAxis(std::numbers::pi, glm::dvec3(0, 1, 0));
  const Pose from{{0.005, 0.3, 0.3}, down}, to{{0.005, -0.3, 0.3}, down};
  const ArmKinematics arm;
  std::optional<JointAngles> start;
  ArmConfiguration config{};
  for (int c = 0; c < 8 && !start; ++c) {
    config = ArmConfiguration::fromIndex(c);
    auto q = arm.inverse(compose(from, inverse(tool)), config);
    if (q && arm.inverse(compose(to, inverse(tool)), config)) {
      start = *q;
    }
  }
  ASSERT_TRUE(start.has_value());
  ArmMotion m(arm, tool, base, *start);
  m.load({move(InstructionKind::MoveL, {to, config}, 0.25)});
  m.start(0, StepMode::Continuous);
  run(m, enabledIn(OperatingMode::ManualReduced), 5000, [](int) {});
  ASSERT_EQ(m.state(), ProgramState::Fault);
  EXPECT_EQ(m.fault()->ik.kind, IkFailureKind::ShoulderSingular);
  // Stopped just before the singular point (10 mm margin on a 5 mm offset: |y| < 8.7 mm).
  const glm::dvec3 p = m.tcpInBase().position;
  EXPECT_GT(p.y, 0.0);
  EXPECT_LT(p.y, 0.0087 + 0.25 * kDt);
  EXPECT_GT(std::hypot(p.x, p.y), 0.010);
}

TEST(ArmMotion, ALinearMoveToAnotherConfigurationAndAFlatArcAreRefused) {
  const Pose tool = gripperTool(), wobj = tableWorkObject();
  ArmMotion m(ArmKinematics{}, tool, wobj, kHome);
  RobotTarget flipped = targetAt(m, tool, wobj, kHome);
  flipped.tcp.position.z += 0.05;
  flipped.configuration.wristFlip = !flipped.configuration.wristFlip;
  m.load({move(InstructionKind::MoveL, flipped, 0.1)});
  m.start(0, StepMode::Continuous);
  m.step(enabledIn(OperatingMode::ManualReduced), kDt);
  ASSERT_EQ(m.state(), ProgramState::Fault);
  EXPECT_EQ(m.fault()->kind, MotionFaultKind::ConfigurationChange);

  const RobotTarget here = targetAt(m, tool, wobj, kHome);
  RobotTarget end = here;
  end.tcp.position.x += 0.1;
  Instruction arc = move(InstructionKind::MoveC, end, 0.1);
  arc.via = here;
  arc.via.tcp.position.x += 0.05; // on the line from here to the end
  m.load({arc});
  m.start(0, StepMode::Continuous);
  m.step(enabledIn(OperatingMode::ManualReduced), kDt);
  ASSERT_EQ(m.state(), ProgramState::Fault);
  EXPECT_EQ(m.fault()->kind, MotionFaultKind::DegenerateArc);
}

TEST(ArmMotion, StepModeRunsOneRowAndStopTakesTheRampThenIdles) {
  const Pose tool = gripperTool(), wobj = tableWorkObject();
  ArmMotion m(ArmKinematics{}, tool, wobj, kHome);
  const JointAngles a{20 * kDeg, 20 * kDeg, 0.0, 0.0, 60 * kDeg, 0.0};
  const JointAngles b{-20 * kDeg, 20 * kDeg, 0.0, 0.0, 60 * kDeg, 0.0};
  m.load({move(InstructionKind::MoveJ, targetAt(m, tool, wobj, a), 0.25),
          move(InstructionKind::MoveJ, targetAt(m, tool, wobj, b), 0.25)});
  m.start(0, StepMode::Single);
  run(m, enabledIn(OperatingMode::ManualReduced), 5000, [](int) {});
  EXPECT_EQ(m.state(), ProgramState::Idle);
  EXPECT_EQ(m.row(), 1);
  EXPECT_NEAR(m.joints()[0], 20 * kDeg, 1e-12);
  m.start(1, StepMode::Continuous);
  for (int i = 0; i < 48; ++i) {
    m.step(enabledIn(OperatingMode::ManualReduced), kDt);
  }
  m.stop();
  int ticks = run(m, enabledIn(OperatingMode::ManualReduced), 5000, [](int) {});
  EXPECT_EQ(m.state(), ProgramState::Idle);
  EXPECT_LE(ticks * kDt, 0.2 + 1e-9);
  EXPECT_GT(m.joints()[0], -20 * kDeg + 1e-3); // stopped short of b
}

TEST(ArmMotion, TheSameProgramGivesTheSameBits) {
  auto runOnce = [] {
    const Pose tool = gripperTool(), wobj = tableWorkObject();
    ArmMotion m(ArmKinematics{}, tool, wobj, kHome);
    const JointAngles far{40 * kDeg, 30 * kDeg, -10 * kDeg, 20 * kDeg, 40 * kDeg, 0.0};
    m.load({move(InstructionKind::MoveL, targetAt(m, tool, wobj, far), 0.8, 0.02),
            move(InstructionKind::MoveJ, targetAt(m, tool, wobj, kHome), 0.8)});
    m.start(0, StepMode::Continuous);
    std::vector<JointAngles> path;
    run(m, enabledIn(OperatingMode::ManualFull), 20000, [&](int) { path.push_back(m.joints()); });
    return path;
  };
  const auto a = runOnce(), b = runOnce();
  ASSERT_EQ(a.size(), b.size());
  ASSERT_GT(a.size(), 100u);
  EXPECT_EQ(std::memcmp(a.data(), b.data(), a.size() * sizeof(JointAngles)), 0);
}

} // namespace
} // namespace skillsim::sim::robot
