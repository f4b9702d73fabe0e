// The industrial robot's teach pendant logic (issue 16, point 2): the enabling device and the
// emergency stop gate motion, jogging in each coordinate system keeps the T1 cap and moves by
// exact increments, teaching builds the program that stepping and running then execute, and the
// procedure facts a rubric scores are recorded.

#include <skillsim/sim/machines/industrial_robot/TeachPendant.h>

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <numbers>

namespace skillsim::sim::robot {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;
constexpr double kDt = 1.0 / 240.0;
const JointAngles kHome{0.0, 10 * kDeg, 10 * kDeg, 0.0, 60 * kDeg, 0.0};

TeachPendant makePendant() {
  const Pose tool{{0.0, 0.0, 0.100}, {1.0, 0.0, 0.0, 0.0}};
  const Pose wobj{{0.350, 0.0, 0.050}, glm::angleAxis(std::numbers::pi / 2, glm::dvec3(0, 0, 1))};
  return TeachPendant(ArmMotion(ArmKinematics{}, tool, wobj, kHome));
}

PendantInput held() {
  PendantInput in;
  in.enabling = EnablingPosition::Middle;
  return in;
}

/** Applies `in` for `ticks` ticks; returns the events. */
std::vector<PendantEvent> hold(TeachPendant& p, const PendantInput& in, int ticks) {
  std::vector<PendantEvent> events;
  for (int i = 0; i < ticks; ++i) {
    p.step(in, kDt, events);
  }
  return events;
}

/** One tick with `in`, then the inputs' buttons released (a press). */
std::vector<PendantEvent> press(TeachPendant& p, PendantInput in) {
  std::vector<PendantEvent> events;
  p.step(in, kDt, events);
  return events;
}

int count(const std::vector<PendantEvent>& events, PendantEventKind kind) {
  return static_cast<int>(std::count_if(events.begin(), events.end(),
                                        [&](const PendantEvent& e) { return e.kind == kind; }));
}

TEST(TeachPendant, JoggingInManualModeNeedsTheEnablingDeviceInItsMiddlePosition) {
  TeachPendant p = makePendant();
  for (EnablingPosition position : {EnablingPosition::Released, EnablingPosition::Squeezed}) {
    PendantInput in;
    in.enabling = position;
    in.jog[0] = 1.0;
    const auto events = hold(p, in, 24);
    EXPECT_EQ(std::memcmp(kHome.data(), p.motion().joints().data(), sizeof kHome), 0);
    ASSERT_EQ(count(events, PendantEventKind::Refused), 1); // once per deflection
    EXPECT_EQ(events.front().refusal, PendantRefusal::NotEnabled);
    EXPECT_EQ(describeEn(events.front()), "Hold the enabling device in its middle position.");
    hold(p, PendantInput{}, 1); // let go of the jog axis
  }
  PendantInput in = held();
  in.jog[0] = 1.0;
  hold(p, in, 240); // 1 s at 10 % of axis 1's 250°/s
  EXPECT_NEAR(p.motion().joints()[0], 25 * kDeg, 1e-9);
  EXPECT_TRUE(p.record().moved);
}

// At 240 Hz and at the palletising scenario's tick_rate = 60.
TEST(TeachPendant, LinearJogInT1MovesTheTcpStraightAtNoMoreThan250MillimetresPerSecond) {
  for (const double dt : {kDt, 1.0 / 60.0}) {
    SCOPED_TRACE(testing::Message() << "tick " << dt << " s");
    TeachPendant p = makePendant();
    const glm::dvec3 start = p.motion().tcpInBase().position;
    PendantInput in = held();
    in.selectJogMode = JogMode::LinearBase;
    in.jog[1] = -1.0; // along base -y
    glm::dvec3 last = start;
    double fastest = 0.0;
    for (int i = 0; i < static_cast<int>(std::lround(0.5 / dt)); ++i) { // 0.5 s
      std::vector<PendantEvent> events;
      p.step(in, dt, events);
      const glm::dvec3 now = p.motion().tcpInBase().position;
      fastest = std::max(fastest, glm::length(now - last) / dt);
      last = now;
    }
    const glm::dvec3 moved = p.motion().tcpInBase().position - start;
    EXPECT_NEAR(moved.y, -0.125, 1e-9); // 0.5 s at 250 mm/s
    EXPECT_NEAR(moved.x, 0.0, 1e-9);
    EXPECT_NEAR(moved.z, 0.0, 1e-9);
    EXPECT_LE(fastest, 0.250 + 1e-9);
  }
}

TEST(TeachPendant, AMediumIncrementMovesOneMillimetrePerDeflectionInTheWorkObjectFrame) {
  TeachPendant p = makePendant();
  const glm::dvec3 start = p.motion().tcpInWorkObject().position;
  PendantInput in = held();
  in.selectJogMode = JogMode::LinearWorkObject;
  in.selectIncrement = JogIncrement::Medium;
  in.jog[0] = 0.7;
  hold(p, in, 30); // held: still one increment
  hold(p, held(), 2);
  hold(p, in, 5); // a second deflection
  const glm::dvec3 moved = p.motion().tcpInWorkObject().position - start;
  EXPECT_NEAR(moved.x, 0.002, 1e-9);
  EXPECT_NEAR(moved.y, 0.0, 1e-9);
  EXPECT_NEAR(moved.z, 0.0, 1e-9);
}

TEST(TeachPendant, ReorientingTurnsTheToolAboutTheTcpWithoutMovingIt) {
  TeachPendant p = makePendant();
  const Pose start = p.motion().tcpInBase();
  PendantInput in = held();
  in.selectJogMode = JogMode::Reorient;
  in.jog[5] = 1.0; // about the work object's z (= base z)
  hold(p, in, 48); // 0.2 s at 0.5 rad/s
  const Pose now = p.motion().tcpInBase();
  EXPECT_LT(glm::length(now.position - start.position), 1e-9);
  const glm::dquat d = now.orientation * glm::conjugate(start.orientation);
  EXPECT_NEAR(2.0 * std::acos(std::min(1.0, std::abs(d.w))), 0.1, 1e-9);
  EXPECT_NEAR(std::abs(d.z) / std::sqrt(1.0 - d.w * d.w), 1.0, 1e-9); // about z
}

TEST(TeachPendant, JoggingOutOfReachIsRefusedOnceWithThePlainReason) {
  TeachPendant p = makePendant();
  PendantInput in = held();
  in.selectJogMode = JogMode::LinearBase;
  in.jog[0] = 1.0; // forward until the arm runs out of reach
  std::vector<PendantEvent> events = hold(p, in, 240 * 4);
  ASSERT_EQ(count(events, PendantEventKind::JogRefused), 1);
  const auto it = std::find_if(events.begin(), events.end(), [](const PendantEvent& e) {
    return e.kind == PendantEventKind::JogRefused;
  });
  EXPECT_TRUE(it->ik.kind == IkFailureKind::OutOfReach ||
              it->ik.kind == IkFailureKind::ElbowSingular)
      << describeEn(*it);
  EXPECT_EQ(describeEn(*it).rfind("Cannot jog there. ", 0), 0u);
  EXPECT_GT(p.motion().tcpInBase().position.x, 0.5); // it got close to full reach
}

TEST(TeachPendant, AJointJogStopsAtTheAxisLimitWithOneMessage) {
  TeachPendant p = makePendant();
  PendantInput in = held();
  in.jog[2] = 1.0; // axis 3 up to +70°
  const auto events = hold(p, in, 240 * 4);
  EXPECT_NEAR(p.motion().joints()[2], 70 * kDeg, 1e-12);
  ASSERT_EQ(count(events, PendantEventKind::JogRefused), 1);
  const std::string text = describeEn(events.back());
  EXPECT_EQ(text.rfind("Cannot jog there. Axis 3 would have to turn to 70.", 0), 0u) << text;
  EXPECT_NE(text.find("beyond its limit of 70.0°."), std::string::npos) << text;
}

/** Teaches A (MoveJ), closes the gripper, B (MoveL) in `mode`; returns the pendant. */
TeachPendant taughtProgram(OperatingMode mode) {
  TeachPendant p = makePendant();
  PendantInput select = held();
  select.selectMode = mode;
  press(p, select);
  PendantInput jog = held();
  jog.jog[0] = 1.0;
  hold(p, jog, 120); // axis 1 +12.5°
  PendantInput teachJ = held();
  teachJ.teachMoveJ = true;
  press(p, teachJ);
  PendantInput grip = held();
  grip.insertGripOn = true;
  press(p, grip);
  PendantInput down = held();
  down.selectJogMode = JogMode::LinearBase;
  down.jog[2] = -1.0;
  hold(p, down, 60); // 62.5 mm down in T1, more in T2
  PendantInput teachL = held();
  teachL.teachMoveL = true;
  press(p, teachL);
  return p;
}

TEST(TeachPendant, TaughtPointsBecomeRowsThatStepAndRunBackToThem) {
  TeachPendant p = taughtProgram(OperatingMode::ManualReduced);
  ASSERT_EQ(p.program().size(), 3u);
  EXPECT_EQ(p.program()[0].kind, InstructionKind::MoveJ);
  EXPECT_EQ(p.program()[1].kind, InstructionKind::SetDO);
  EXPECT_EQ(p.program()[2].kind, InstructionKind::MoveL);
  EXPECT_EQ(p.record().taughtInT1, 2);
  const Pose b = p.motion().targetInBase(p.program()[2].target.tcp);
  const Pose a = p.motion().targetInBase(p.program()[0].target.tcp);
  // Jog home by joint and cursor to row 1, then step.
  PendantInput jog = held();
  jog.selectJogMode = JogMode::Joint;
  jog.jog[0] = -1.0;
  hold(p, jog, 240);
  for (int i = 0; i < 3; ++i) {
    PendantInput up = held();
    up.cursorUp = true;
    press(p, up);
  }
  EXPECT_EQ(p.cursor(), 0);
  PendantInput stepIn = held();
  stepIn.stepForward = true;
  auto events = press(p, stepIn);
  ASSERT_EQ(count(events, PendantEventKind::ProgramStarted), 1);
  events = hold(p, held(), 2400);
  EXPECT_LT(glm::length(p.motion().tcpInBase().position - a.position), 1e-9);
  EXPECT_EQ(p.cursor(), 1);
  EXPECT_EQ(p.record().stepsBeforeFirstRun, 1);
  PendantInput run = held();
  run.run = true;
  press(p, run);
  events = hold(p, held(), 2400);
  EXPECT_EQ(count(events, PendantEventKind::ProgramFinished), 1);
  EXPECT_LT(glm::length(p.motion().tcpInBase().position - b.position), 1e-9);
  EXPECT_TRUE(p.toolClosed());
  EXPECT_EQ(p.record().continuousRuns, 1);
  EXPECT_EQ(p.record().automaticRuns, 0);
}

TEST(TeachPendant, TeachingInT2IsRecordedAsSuch) {
  const TeachPendant p = taughtProgram(OperatingMode::ManualFull);
  EXPECT_EQ(p.record().taughtInT2, 2);
  EXPECT_EQ(p.record().taughtInT1, 0);
}

TEST(TeachPendant, TheEmergencyStopLatchesStopsTheRunAndResetsOnlyWhenReleased) {
  TeachPendant p = taughtProgram(OperatingMode::ManualReduced);
  PendantInput auto_;
  auto_.selectMode = OperatingMode::Automatic;
  press(p, auto_);
  PendantInput top;
  top.cursorUp = true;
  press(p, top);
  press(p, top);
  PendantInput run;
  run.run = true;
  press(p, run);
  hold(p, PendantInput{}, 24);
  PendantInput estop;
  estop.emergencyStop = true;
  auto events = hold(p, estop, 120);
  EXPECT_EQ(count(events, PendantEventKind::EmergencyStop), 1);
  EXPECT_EQ(count(events, PendantEventKind::ProgramStopped), 1);
  const JointAngles stopped = p.motion().joints();
  EXPECT_TRUE(p.emergencyStopLatched());
  PendantInput again = estop;
  again.reset = true; // still pressed in
  events = press(p, again);
  EXPECT_EQ(count(events, PendantEventKind::ResetRefused), 1);
  EXPECT_TRUE(p.emergencyStopLatched());
  PendantInput runLatched;
  runLatched.run = true;
  events = press(p, runLatched);
  ASSERT_EQ(count(events, PendantEventKind::Refused), 1);
  EXPECT_EQ(events.back().refusal, PendantRefusal::EmergencyStopLatched);
  EXPECT_EQ(std::memcmp(stopped.data(), p.motion().joints().data(), sizeof stopped), 0);
  PendantInput reset;
  reset.reset = true;
  events = press(p, reset);
  EXPECT_EQ(count(events, PendantEventKind::EmergencyStopReset), 1);
  EXPECT_FALSE(p.emergencyStopLatched());
  EXPECT_FALSE(p.record().emergencyStopTestedFirst); // the arm had moved before the test
  EXPECT_EQ(p.record().automaticRuns, 1);
}

TEST(TeachPendant, AnEmergencyStopTestBeforeAnyMotionIsRecorded) {
  TeachPendant p = makePendant();
  PendantInput estop;
  estop.emergencyStop = true;
  press(p, estop);
  hold(p, PendantInput{}, 10);
  PendantInput reset;
  reset.reset = true;
  press(p, reset);
  EXPECT_TRUE(p.record().emergencyStopTestedFirst);
}

TEST(TeachPendant, LettingGoOfTheEnablingDeviceWhileJoggingIsCounted) {
  TeachPendant p = makePendant();
  PendantInput in = held();
  in.jog[0] = 1.0;
  hold(p, in, 24);
  PendantInput released = in;
  released.enabling = EnablingPosition::Released;
  hold(p, released, 5);
  EXPECT_EQ(p.record().enablingReleasesWhileMoving, 1);
}

TEST(TeachPendant, TheSameInputsRebuildTheSameProgramAndMotion) {
  const TeachPendant a = taughtProgram(OperatingMode::ManualReduced);
  const TeachPendant b = taughtProgram(OperatingMode::ManualReduced);
  ASSERT_EQ(a.program().size(), b.program().size());
  for (std::size_t i = 0; i < a.program().size(); ++i) {
    const Pose& pa = a.program()[i].target.tcp;
    const Pose& pb = b.program()[i].target.tcp;
    EXPECT_EQ(std::memcmp(&pa, &pb, sizeof pa), 0) << "row " << i;
  }
  EXPECT_EQ(
      std::memcmp(a.motion().joints().data(), b.motion().joints().data(), sizeof(JointAngles)), 0);
}

} // namespace
} // namespace skillsim::sim::robot
