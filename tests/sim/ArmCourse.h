// A pick-and-place course for the industrial robot's arm, shared by ArmDeterminismTest and its
// second process (ArmDeterminismHelper): the arm takes a part off the feeder, carries it on a
// linear and a circular path, and lets it fall onto the pallet; the digest covers every joint
// angle on every tick and the physics world's state bits.
#pragma once

#include <skillsim/sim/machines/industrial_robot/ArmCell.h>
#include <skillsim/sim/machines/industrial_robot/ArmMotion.h>

#include <skillsim/core/Hash.h>
#include <skillsim/physics/World.h>

#include <numbers>
#include <string>

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
