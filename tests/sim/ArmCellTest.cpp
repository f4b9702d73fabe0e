// The industrial robot's links and tool in the physics world (issue 16, points 1 and 3): the grip
// decision of the two-finger gripper and the vacuum cup, a gripped part following the TCP within
// 0.1 mm over a linear move, a released one falling freely, and the links touching the cell.

#include <skillsim/sim/machines/industrial_robot/ArmCell.h>
#include <skillsim/sim/machines/industrial_robot/ArmMotion.h>

#include <skillsim/physics/World.h>

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace skillsim::sim::robot {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;
constexpr double kG = 9.81;

const glm::dquat kDown = glm::angleAxis(std::numbers::pi, glm::dvec3(0, 1, 0)); // tool z down
const glm::dvec3 kCube{0.040, 0.040, 0.040};

TEST(ArmCell, TheGripperTakesAPartBetweenItsFingersOnlyWithinTolerance) {
  const ToolSpec gripper;
  const Pose part{{0.4, 0.1, 0.02}, {1.0, 0.0, 0.0, 0.0}};
  EXPECT_TRUE(checkGrip(gripper, {part.position, kDown}, part, kCube).ok());
  // 5 mm off along x: beyond the 3 mm tolerance.
  const GripCheck off =
      checkGrip(gripper, {part.position + glm::dvec3(0.005, 0, 0), kDown}, part, kCube);
  EXPECT_EQ(off.refusal, GripRefusal::OffCentre);
  EXPECT_NEAR(off.value, 0.005, 1e-15);
  EXPECT_EQ(describeEn(off),
            "Not gripped: the tool is 5.0 mm from the part's grip point (at most 3.0 mm).");
  EXPECT_EQ(describeZh(off), "未能抓取：工具距工件抓取点 5.0 毫米（最多 3.0 毫米）。");
  // A 70 x 40 mm part turned so its long side lies across the fingers (the tool's y).
  const Pose turned{part.position, glm::angleAxis(std::numbers::pi / 2, glm::dvec3(0, 0, 1))};
  const GripCheck wide = checkGrip(gripper, {part.position, kDown}, turned, {0.070, 0.040, 0.040});
  EXPECT_EQ(wide.refusal, GripRefusal::TooWide);
  EXPECT_NEAR(wide.value, 0.070, 1e-12);
  EXPECT_TRUE(checkGrip(gripper, {part.position, kDown}, part, {0.070, 0.040, 0.040}).ok());
  // The tool tilted 10° from vertical.
  const glm::dquat tilted = glm::angleAxis(std::numbers::pi + 10 * kDeg, glm::dvec3(0, 1, 0));
  const GripCheck tilt = checkGrip(gripper, {part.position, tilted}, part, kCube);
  EXPECT_EQ(tilt.refusal, GripRefusal::Tilted);
  EXPECT_NEAR(tilt.value, 10 * kDeg, 1e-12);
  EXPECT_EQ(describeEn(tilt),
            "Not gripped: the tool is tilted 10.0° from the part (at most 5.0°).");
}

TEST(ArmCell, TheVacuumCupTakesAPartAtItsTopFace) {
  ToolSpec cup;
  cup.kind = ToolKind::VacuumCup;
  const Pose part{{0.4, 0.1, 0.02}, {1.0, 0.0, 0.0, 0.0}};
  const glm::dvec3 top = part.position + glm::dvec3(0, 0, 0.020);
  EXPECT_TRUE(checkGrip(cup, {top, kDown}, part, kCube).ok());
  const GripCheck high = checkGrip(cup, {top + glm::dvec3(0, 0, 0.005), kDown}, part, kCube);
  EXPECT_EQ(high.refusal, GripRefusal::OffCentre);
  EXPECT_NEAR(high.value, 0.005, 1e-12);
  // At the part's centre (20 mm inside it) the cup is not on the face.
  EXPECT_EQ(checkGrip(cup, {part.position, kDown}, part, kCube).refusal, GripRefusal::OffCentre);
  cup.cupDiameter = 0.050;
  const GripCheck over = checkGrip(cup, {top, kDown}, part, kCube);
  EXPECT_EQ(over.refusal, GripRefusal::CupOverhangs);
  EXPECT_EQ(describeEn(over), "Not gripped: the 50 mm cup overhangs a 40 mm face.");
}

/** Joint angles putting the TCP at `tcp` (base frame), in the first configuration that works. */
JointAngles solve(const ArmKinematics& arm, const ToolSpec& tool, const Pose& tcp) {
  for (int c = 0; c < 8; ++c) {
    auto q = arm.inverse(compose(tcp, inverse(tool.tcp)), ArmConfiguration::fromIndex(c));
    if (q) {
      return *q;
    }
  }
  ADD_FAILURE() << "no configuration reaches the pose";
  return {};
}

// At the physics default (240 Hz) and at the palletising scenario's tick_rate = 60.
TEST(ArmCell, AGrippedPartFollowsTheTcpWithinATenthOfAMillimetreAndAReleasedOneFallsFreely) {
  for (const double hz : {240.0, 60.0}) {
    SCOPED_TRACE(testing::Message() << hz << " Hz");
    physics::WorldSettings settings;
    settings.timeStep = 1.0 / hz;
    physics::World world(settings);
    const ArmKinematics arm;
    const ToolSpec tool;
    BaseMount mount;
    mount.position = {1.0, 0.5, -2.0}; // on a 0.5 m pedestal
    mount.yaw = 30 * kDeg;
    const Pose pick{{0.35, -0.05, 0.05}, kDown};
    const JointAngles start = solve(arm, tool, pick);
    auto bodies = ArmBodies::create(world, arm, mount, tool, start);
    ASSERT_TRUE(bodies) << bodies.error().toString();
    // The part where the TCP is: its z (up) along the base's z.
    const Pose tcpWorld = bodies->tcpInWorld(start);
    physics::BodyDesc partDesc;
    partDesc.name = "part1";
    partDesc.shape.kind = physics::ShapeKind::Box;
    partDesc.shape.size = kCube;
    partDesc.motion = physics::Motion::Dynamic;
    partDesc.mass = 0.2;
    partDesc.position = tcpWorld.position;
    partDesc.orientation = mount.pose().orientation;
    const core::BodyId part = world.addBody(partDesc).value();
    bodies->grip(world, part, start);
    ASSERT_EQ(bodies->held(), part);

    ArmMotion motion(arm, tool.tcp, {}, start);
    Instruction lift;
    lift.kind = InstructionKind::MoveL;
    lift.target = {{{0.30, 0.15, 0.20}, kDown}, arm.configurationOf(start)};
    lift.speed = 0.5;
    motion.load({lift});
    motion.start(0, StepMode::Continuous);
    MotionPermit permit;
    permit.mode = OperatingMode::ManualFull;
    permit.enabled = true;
    double worst = 0.0;
    const double dt = world.settings().timeStep;
    int ticks = 0;
    while (motion.state() == ProgramState::Running && ticks < 2000) {
      motion.step(permit, dt);
      bodies->follow(world, motion.joints());
      world.step();
      ++ticks;
      worst = std::max(worst, glm::length(world.bodyState(part).position -
                                          bodies->tcpInWorld(motion.joints()).position));
    }
    ASSERT_EQ(motion.state(), ProgramState::Done);
    EXPECT_LT(worst, 1e-4);
    std::printf("gripped part at %g Hz: worst distance from the TCP %.3g m over %d ticks\n", hz,
                worst, ticks);
    for (int i = 0; i < static_cast<int>(std::lround(0.1 * hz)); ++i) { // hold still 0.1 s
      bodies->follow(world, motion.joints());
      world.step();
    }
    bodies->release(world);
    EXPECT_FALSE(bodies->held().has_value());
    const physics::BodyState released = world.bodyState(part);
    const int n = static_cast<int>(std::lround(0.2 * hz)); // 0.2 s
    for (int i = 0; i < n; ++i) {
      world.step();
    }
    // Semi-implicit Euler free fall from (almost) rest: g dt^2 n (n + 1) / 2 plus the speed held.
    const double drop = released.position.y - world.bodyState(part).position.y;
    EXPECT_NEAR(drop, -released.linearVelocity.y * n * dt + kG * dt * dt * n * (n + 1) / 2, 1e-3);
    EXPECT_GT(drop, 0.19); // it really fell (0.196 m at 240 Hz, 0.212 m at 60 Hz)
  }
}

TEST(ArmCell, ALinkDippingIntoTheTableIsReportedByName) {
  physics::World world(physics::WorldSettings{});
  const ArmKinematics arm;
  const ToolSpec tool;
  const BaseMount mount; // at the origin, base x along world x, base y along world -z
  physics::BodyDesc table;
  table.name = "table";
  table.shape.kind = physics::ShapeKind::Box;
  table.shape.size = {0.4, 0.1, 0.6};
  table.position = {0.45, 0.05, 0.0}; // top at 0.10 m
  const core::BodyId tableId = world.addBody(table).value();
  const JointAngles above = solve(arm, tool, {{0.40, 0.0, 0.15}, kDown}); // box 90 mm above
  auto bodies = ArmBodies::create(world, arm, mount, tool, above);
  ASSERT_TRUE(bodies);
  world.step();
  EXPECT_FALSE(bodies->touching(world, tableId).has_value());
  // The tool's box ends 40 mm above the TCP (the fingers' roots): TCP at 40 mm puts it 20 mm
  // into the table.
  const JointAngles into = solve(arm, tool, {{0.40, 0.0, 0.04}, kDown});
  bodies->follow(world, into);
  world.step();
  const std::optional<int> link = bodies->touching(world, tableId);
  ASSERT_TRUE(link.has_value());
  EXPECT_STREQ(ArmBodies::kLinkNames[static_cast<std::size_t>(*link)], "tool");
}

} // namespace
} // namespace skillsim::sim::robot

namespace skillsim::sim::robot {
namespace {

TEST(ArmCell, APartBeyondTheArmsReachIsNamedWithTheReach) {
  const ArmKinematics arm;
  const ToolSpec tool;
  BaseMount mount;
  mount.position = {2.0, 0.0, 1.0};
  // World (x, y up, z): base x = world x, base y = world -z. part1 and part2 on a 0.2 m table in
  // reach; part3 0.9 m out along the base x.
  const std::vector<std::pair<std::string, glm::dvec3>> parts{
      {"part1", {2.35, 0.22, 1.0}}, {"part2", {2.20, 0.22, 0.75}}, {"part3", {2.90, 0.22, 1.0}}};
  const auto problem = firstUnreachable(arm, mount, tool, parts);
  ASSERT_TRUE(problem.has_value());
  EXPECT_EQ(problem->part, "part3");
  EXPECT_EQ(problem->why.kind, IkFailureKind::OutOfReach);
  // Tool down: the wrist centre 172 mm above the grip point, (0.9, 0, 0.392) from the base,
  // 0.9056 m from axis 2 at 0.29 m.
  EXPECT_NEAR(problem->why.value, std::hypot(0.9, 0.392 - 0.290), 1e-9);
  EXPECT_EQ(describeEn(*problem), "Part 'part3' cannot be taken by the arm from above. Target out "
                                  "of reach: the wrist would be 906 mm from the shoulder, the arm "
                                  "reaches 580 mm.");
  EXPECT_FALSE(firstUnreachable(arm, mount, tool, {parts[0], parts[1]}).has_value());
}

} // namespace
} // namespace skillsim::sim::robot

namespace skillsim::sim::robot {
namespace {

// Issue 16, point 5: the cell's fence with a door and a light curtain, drawn around the base.
TEST(ArmCell, TheFenceEnclosesTheArmsReachWithADoorAndALightCurtainOnTheTraineesSide) {
  const glm::dvec3 centre(0.0, 0.0, 0.0);
  const double h = 1.1;
  const std::vector<GuardPiece> g = cellGuards(centre, h);
  int posts = 0, panels = 0, doors = 0, curtain = 0;
  double frontCovered = 0.0; // m of the +x side closed by a panel or the door
  std::vector<double> curtainZ;
  for (const GuardPiece& p : g) {
    EXPECT_NEAR(p.centre.y - 0.5 * p.size.y, 0.0, 1e-12) << "stands on the floor";
    EXPECT_NEAR(p.size.y, 1.2, 1e-12);
    switch (p.kind) {
    case GuardKind::Post: ++posts; break;
    case GuardKind::Panel: ++panels; break;
    case GuardKind::Door: ++doors; break;
    case GuardKind::CurtainPost:
      ++curtain;
      curtainZ.push_back(p.centre.z);
      break;
    }
    if ((p.kind == GuardKind::Panel || p.kind == GuardKind::Door) &&
        std::abs(p.centre.x - h) < 1e-12) {
      frontCovered += p.size.z;
    }
  }
  EXPECT_EQ(posts, 4);
  EXPECT_EQ(panels, 5) << "back, two sides, two front panels";
  EXPECT_EQ(doors, 1);
  ASSERT_EQ(curtain, 2);
  // The front is 2.2 m: 0.8 m left open between the curtain's columns, the rest closed.
  EXPECT_NEAR(frontCovered, 2.0 * h - 0.8, 1e-12);
  EXPECT_NEAR(std::abs(curtainZ[1] - curtainZ[0]), 0.8, 1e-12);
  // The arm (IRB 120: c2 + sqrt(c3² + a2²) + c4 ≈ 0.652 m from axis 2, 0.29 m up) stays inside.
  const double reach = 0.270 + std::hypot(0.302, 0.070) + 0.072;
  EXPECT_LT(reach, h);
  // Beams every 30 mm from 0.1 m to 1.3 m: 41.
  const std::vector<double> beams = curtainBeams();
  ASSERT_EQ(beams.size(), 41u);
  EXPECT_DOUBLE_EQ(beams.front(), 0.1);
  EXPECT_NEAR(beams.back(), 1.3, 1e-12);
}

} // namespace
} // namespace skillsim::sim::robot
