// A pick-and-place course for the industrial robot's arm, shared by ArmDeterminismTest and its
// second process (ArmDeterminismHelper): the arm takes a part off the feeder, carries it on a
// linear and a circular path, and lets it fall onto the pallet; the digest covers every joint
// angle on every tick and the physics world's state bits.
#pragma once

#include <skillsim/sim/machines/industrial_robot/ArmCell.h>
#include <skillsim/sim/machines/industrial_robot/ArmMotion.h>

#include <skillsim/core/Hash.h>
#include <skillsim/physics/World.h>

#include <array>
#include <cmath>
#include <numbers>
#include <string>
#include <vector>

namespace skillsim::sim::robot::testing {

inline std::string armCourseDigest() {
  physics::World world(physics::WorldSettings{});
  physics::BodyDesc ground;
  ground.name = "ground";
  ground.shape.kind = physics::ShapeKind::Plane;
  world.addBody(ground).value();
  const ArmKinematics arm;
  const ToolSpec tool;
  BaseMount mount;
  mount.position = {0.0, 0.4, 0.0};
  const glm::dquat down = glm::angleAxis(std::numbers::pi, glm::dvec3(0, 1, 0));
  const Pose pick{{0.35, -0.10, 0.05}, down};
  JointAngles start{};
  ArmConfiguration config{};
  auto q = arm.inverse(compose(pick, inverse(tool.tcp)), config);
  if (!q) {
    return "unreachable pick";
  }
  start = *q;
  auto bodies = ArmBodies::create(world, arm, mount, tool, start);
  if (!bodies) {
    return bodies.error().toString();
  }
  physics::BodyDesc part;
  part.name = "part";
  part.shape.kind = physics::ShapeKind::Box;
  part.shape.size = {0.04, 0.04, 0.04};
  part.motion = physics::Motion::Dynamic;
  part.mass = 0.2;
  part.position = bodies->tcpInWorld(start).position;
  part.orientation = mount.pose().orientation;
  const core::BodyId partId = world.addBody(part).value();
  bodies->grip(world, partId, start);
  ArmMotion motion(arm, tool.tcp, {}, start);
  Instruction up;
  up.kind = InstructionKind::MoveL;
  up.target = {{{0.35, -0.10, 0.20}, down}, config};
  up.speed = 0.8;
  up.zone = 0.02;
  Instruction arc;
  arc.kind = InstructionKind::MoveC;
  arc.via = {{{0.40, 0.0, 0.22}, down}, config};
  arc.target = {{{0.35, 0.10, 0.20}, down}, config};
  arc.speed = 0.5;
  motion.load({up, arc});
  motion.start(0, StepMode::Continuous);
  MotionPermit permit;
  permit.mode = OperatingMode::Automatic;
  core::Hasher hasher;
  const double dt = world.settings().timeStep;
  for (int tick = 0; tick < 720; ++tick) {
    if (motion.state() == ProgramState::Done && bodies->held()) {
      bodies->release(world);
    }
    motion.step(permit, dt);
    bodies->follow(world, motion.joints());
    world.step();
    for (double v : motion.joints()) {
      hasher.update(v);
    }
  }
  world.hashState(hasher);
  return core::toHex(hasher.finish());
}

} // namespace skillsim::sim::robot::testing

namespace skillsim::sim::robot::testing {

/** What a palletising run did. */
struct PalletisingResult {
  double simulatedSeconds = 0.0;
  bool done = false;
  int grips = 0;                      ///< Parts taken (a grip that checkGrip accepted).
  int refusedGrips = 0;               ///< Closings with no part within tolerance.
  std::array<glm::dvec3, 5> placed{}; ///< Final part centres (base frame, m).
  std::array<glm::dvec3, 5> slots{};  ///< Where each part belongs (base frame, m).
  std::string problem;                ///< Non-empty when the course could not be built.
  std::array<int, 5> asleepTicks{}; ///< Ticks of the run each part slept (physics::World::asleep).
};

/** How the palletising cell is laid out and stepped (the defaults: the cell as first built). */
struct PalletisingCell {
  double tickRate = 240.0;    ///< Physics and motion steps a second (Hz); > 0.
  double feederPitch = 0.050; ///< m, centre to centre of the five parts on the feeder; >= 0.04.
  /**
   * The parts may sleep (BodyDesc::maySleep) while they rest on a table: they only wake for an
   * awake body within their bounding box (Bullet's 20 mm margin on each side), so at a pitch of
   * 80 mm or less the five parts on the feeder are one island that the held part keeps awake.
   */
  bool partsMaySleep = false;
  /** Islands joined by contact points only (WorldSettings::islandsByContact), as the scenario. */
  bool islandsByContact = false;
};

/**
 * The 1+X palletising pattern in automatic mode, headless: five 40 mm parts on a feeder table at
 * cell.feederPitch (centred at x = 0.30 m in the base frame, the table 0.10 m longer than the row),
 * a pallet row at 96 mm pitch, a program of a Loop over pick (MoveJ above, MoveL down, close, MoveL
 * up) and place (MoveJ above the slot, MoveL down, open, MoveL up) with an offset per pass, then
 * home. The tool's output 0 closing grips the nearest part that checkGrip accepts; opening releases
 * it.
 */
inline PalletisingResult palletisingRun(const PalletisingCell& cell = {}) {
  PalletisingResult result;
  physics::WorldSettings settings;
  settings.timeStep = 1.0 / cell.tickRate;
  settings.islandsByContact = cell.islandsByContact;
  physics::World world(settings);
  physics::BodyDesc ground;
  ground.name = "ground";
  ground.shape.kind = physics::ShapeKind::Plane;
  world.addBody(ground).value();
  const ArmKinematics arm;
  const ToolSpec tool;
  const BaseMount mount; // base frame origin on the floor: world = (x, z, -y)
  const Pose base = mount.pose();
  auto toWorld = [&](glm::dvec3 p) { return base.position + base.orientation * p; };
  auto toBase = [&](glm::dvec3 w) {
    return glm::conjugate(base.orientation) * (w - base.position);
  };
  const double surface = 0.20; // both tables' tops (m above the floor)
  auto table = [&](const char* name, glm::dvec3 centre, glm::dvec3 size) {
    physics::BodyDesc d;
    d.name = name;
    d.shape.kind = physics::ShapeKind::Box;
    d.shape.size = {size.x, size.z, size.y}; // base (x, y, z) extents as world (x, y, z)
    d.position = toWorld({centre.x, centre.y, surface / 2.0});
    world.addBody(d).value();
  };
  const double span = 4.0 * cell.feederPitch; // first to last part on the feeder (m)
  const double first = 0.30 - span / 2.0;
  table("feeder", {0.30, -0.22, 0.0}, {span + 0.10, 0.10, surface});
  table("pallet", {0.252, 0.22, 0.0}, {0.52, 0.10, surface});
  const glm::dvec3 cube{0.040, 0.040, 0.040};
  std::array<core::BodyId, 5> parts{};
  for (std::size_t k = 0; k < 5; ++k) {
    physics::BodyDesc d;
    d.name = "part" + std::to_string(k + 1);
    d.shape.kind = physics::ShapeKind::Box;
    d.shape.size = cube;
    d.motion = physics::Motion::Dynamic;
    d.mass = 0.2;
    d.maySleep = cell.partsMaySleep;
    d.position =
        toWorld({first + cell.feederPitch * static_cast<double>(k), -0.22, surface + 0.020});
    d.orientation = base.orientation;
    parts[k] = world.addBody(d).value();
    result.slots[k] = {0.06 + 0.096 * static_cast<double>(k), 0.22, surface + 0.020};
  }
  const glm::dquat down = glm::angleAxis(std::numbers::pi, glm::dvec3(0, 1, 0));
  const JointAngles home{0.0, 0.0, 0.0, 0.0, std::numbers::pi / 4, 0.0};
  auto bodies = ArmBodies::create(world, arm, mount, tool, home);
  if (!bodies) {
    result.problem = bodies.error().toString();
    return result;
  }
  const double dt = world.settings().timeStep;
  const int halfSecond = static_cast<int>(std::lround(cell.tickRate / 2.0));
  for (int i = 0; i < halfSecond; ++i) { // the parts settle on the feeder
    bodies->follow(world, home);
    world.step();
  }
  ArmConfiguration config{};
  auto at = [&](glm::dvec3 p) { return RobotTarget{{p, down}, config}; };
  auto row = [&](InstructionKind kind, glm::dvec3 p, double speed, glm::dvec3 perPass) {
    Instruction in;
    in.kind = kind;
    in.target = at(p);
    in.speed = speed;
    in.offsetPerPass = perPass;
    return in;
  };
  auto output = [&](bool closed) {
    Instruction in;
    in.kind = InstructionKind::SetDO;
    in.signal = 0;
    in.value = closed;
    return in;
  };
  Instruction wait;
  wait.kind = InstructionKind::WaitTime;
  wait.time = 0.2;
  const glm::dvec3 feeder{first, -0.22, surface + 0.020}, slot = result.slots[0];
  const glm::dvec3 up{0.0, 0.0, 0.10}, feederPitch{cell.feederPitch, 0, 0};
  const glm::dvec3 slotPitch{0.096, 0, 0};
  const glm::dvec3 clearance{0.0, 0.0, 0.001}; // set down 1 mm above the pallet
  Instruction loop;
  loop.kind = InstructionKind::Loop;
  loop.loopTo = 0;
  loop.count = 5;
  Instruction goHome;
  goHome.kind = InstructionKind::MoveJ;
  goHome.target = {compose(arm.forward(home), tool.tcp), arm.configurationOf(home)};
  goHome.speed = 1.0;
  std::vector<Instruction> program{row(InstructionKind::MoveJ, feeder + up, 1.0, feederPitch),
                                   row(InstructionKind::MoveL, feeder, 0.3, feederPitch),
                                   output(true),
                                   wait,
                                   row(InstructionKind::MoveL, feeder + up, 0.5, feederPitch),
                                   row(InstructionKind::MoveJ, slot + up, 1.0, slotPitch),
                                   row(InstructionKind::MoveL, slot + clearance, 0.3, slotPitch),
                                   output(false),
                                   wait,
                                   row(InstructionKind::MoveL, slot + up, 0.5, slotPitch),
                                   loop,
                                   goHome};
  ArmMotion motion(arm, tool.tcp, {}, home);
  motion.load(program);
  motion.start(0, StepMode::Continuous);
  MotionPermit permit;
  permit.mode = OperatingMode::Automatic;
  bool closed = false;
  int ticks = 0;
  const int tenMinutes = static_cast<int>(std::lround(cell.tickRate * 600.0));
  while (motion.state() == ProgramState::Running && ticks < tenMinutes) {
    motion.step(permit, dt);
    const bool nowClosed = (motion.outputs() & 1u) != 0;
    if (nowClosed && !closed) {
      const Pose tcp = compose(arm.forward(motion.joints()), tool.tcp);
      bool took = false;
      for (const core::BodyId part : parts) {
        const physics::BodyState s = world.bodyState(part);
        const Pose p{toBase(s.position), glm::conjugate(base.orientation) * s.orientation};
        if (checkGrip(tool, tcp, p, cube).ok()) {
          bodies->grip(world, part, motion.joints());
          took = true;
          ++result.grips;
          break;
        }
      }
      result.refusedGrips += took ? 0 : 1;
    } else if (!nowClosed && closed) {
      bodies->release(world);
    }
    closed = nowClosed;
    bodies->follow(world, motion.joints());
    world.step();
    ++ticks;
    for (std::size_t k = 0; k < 5; ++k) {
      result.asleepTicks[k] += world.asleep(parts[k]) ? 1 : 0;
    }
  }
  for (int i = 0; i < halfSecond; ++i) { // the last part settles
    world.step();
  }
  result.simulatedSeconds = ticks * dt;
  result.done = motion.state() == ProgramState::Done;
  for (std::size_t k = 0; k < 5; ++k) {
    result.placed[k] = toBase(world.bodyState(parts[k]).position);
  }
  return result;
}

} // namespace skillsim::sim::robot::testing
