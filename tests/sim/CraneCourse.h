#pragma once

// Test (and bench) fixtures for the overhead crane: specs written inline (STYLE.md, "models
// written inline in tests") and a scripted operator whose inputs depend only on the tick.

#include <skillsim/core/ActionState.h>
#include <skillsim/sim/Simulation.h>
#include <skillsim/sim/SimulationSpec.h>
#include <skillsim/sim/machines/overhead_crane/OverheadCraneSpec.h>

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

namespace skillsim::sim::testing {

/** Hook block height of the crane model (Simulation.h). */
inline constexpr double kHookBlockHeight = 0.4;

/**
 * The spec's crane, to change a value in a test: replaces spec.machine with an editable copy and
 * returns it (valid while the spec holds it).
 */
inline OverheadCraneSpec& editCrane(SimulationSpec& spec) {
  auto copy = std::make_shared<OverheadCraneSpec>(*overheadCraneOf(spec));
  spec.machine = MachineSpec{overheadCraneType(), copy};
  return *copy;
}

/** A crane over a 30 m x 20 m bay with its sheave 12 m up, trolley at (10, 12, 10). */
inline OverheadCraneSpec bayCrane() {
  OverheadCraneSpec c;
  c.runwayLength = 30.0;
  c.span = 20.0;
  c.liftHeight = 12.0;
  c.ratedLoad = 5000.0;
  c.minRopeLength = 0.5;
  c.maxRopeLength = 11.0;
  c.initialBridge = 10.0;
  c.initialTrolley = 10.0;
  c.hookMass = 50.0;
  return c;
}

/** A compact cube load with its lifting lug on the top face's centre. */
inline BodySpec cubeLoad(std::string name, double size, double mass, glm::dvec3 position) {
  BodySpec b;
  b.name = std::move(name);
  b.tags = {"load"};
  b.shape.kind = ShapeKind::Box;
  b.shape.size = glm::dvec3(size);
  b.mass = mass;
  b.position = position;
  b.liftingLug = glm::dvec3(0.0, 0.5 * size, 0.0);
  b.color = {0.8f, 0.3f, 0.1f, 1.0f};
  return b;
}

/**
 * A load hanging from the hook in the air, so that Attach on the first tick makes a pendulum of
 * length `length` from the sheave to the load's centre of mass: rope + hook block + sling (0.2 m)
 * + half the 0.2 m cube.
 */
inline SimulationSpec hangingLoad(double length, double loadMass, double hookMass) {
  SimulationSpec spec;
  OverheadCraneSpec c = bayCrane();
  c.hookMass = hookMass;
  c.slingLength = 0.2;
  const double cube = 0.2;
  c.initialRopeLength = length - kHookBlockHeight - c.slingLength - 0.5 * cube;
  const glm::dvec3 sheave(c.initialBridge, c.liftHeight, c.initialTrolley);
  spec.bodies.push_back(cubeLoad("bucket", cube, loadMass, sheave - glm::dvec3(0.0, length, 0.0)));
  spec.machine = skillsim::sim::overheadCraneMachine(c);
  return spec;
}

/** Buttons bit for one button. */
inline std::uint32_t bit(std::size_t b) { return 1u << b; }

/** Axis values for the crane (notch fractions). */
inline core::ActionState craneActions(float bridge, float trolley, float hoist,
                                      std::uint32_t buttons = 0) {
  core::ActionState a;
  a.setAxis(skillsim::sim::crane_controls::kBridgeTravel, bridge);
  a.setAxis(skillsim::sim::crane_controls::kTrolleyTravel, trolley);
  a.setAxis(skillsim::sim::crane_controls::kHoist, hoist);
  a.buttons = buttons;
  return a;
}

/** Value of a metric by name (contract: it exists). */
inline double metric(const Simulation& sim, std::string_view name) {
  return sim.metrics().get(sim.metrics().find(name).value());
}

/**
 * The crane exam course of EXAMS.md (Q2 practical, lifting part) as a SimulationSpec: a 1 t
 * bucket-like load (cylinder) in landing circle A, circles B and C, eight piles to weave through
 * and two frames (high and low) made of posts and beams.
 */
inline SimulationSpec examCourse() {
  SimulationSpec spec;
  spec.seed = 7;
  OverheadCraneSpec c = bayCrane();
  c.initialBridge = 4.0;
  c.initialTrolley = 10.0;
  c.initialRopeLength = 10.7; // hook 0.1 m above the bucket's lug: Attach engages at once
  c.slingLength = 1.0;
  spec.machine = skillsim::sim::overheadCraneMachine(c);

  BodySpec bucket;
  bucket.name = "bucket";
  bucket.tags = {"load", "bucket"};
  bucket.shape.kind = ShapeKind::Cylinder;
  bucket.shape.size = {0.8, 0.8, 0.8};
  bucket.mass = 1000.0;
  bucket.position = {4.0, 0.4, 10.0};
  bucket.liftingLug = glm::dvec3(0.0, 0.4, 0.0);
  bucket.friction = 0.5;
  spec.bodies.push_back(bucket);
  for (int i = 0; i < 8; ++i) {
    BodySpec pile;
    pile.name = "pile" + std::to_string(i + 1);
    pile.tags = {"pile"};
    pile.shape.kind = ShapeKind::Cylinder;
    pile.shape.size = {0.2, 2.0, 0.2};
    pile.position = {9.0 + 1.5 * i, 1.0, 10.0 + ((i % 2 == 0) ? 1.2 : -1.2)};
    pile.color = {0.9f, 0.9f, 0.9f, 1.0f};
    spec.bodies.push_back(pile);
  }
  auto frame = [&](const std::string& name, double x, double height) {
    for (double z : {8.5, 11.5}) {
      BodySpec post;
      post.name = name + (z < 10.0 ? ".post_left" : ".post_right");
      post.tags = {"frame"};
      post.shape.size = {0.2, height, 0.2};
      post.position = {x, 0.5 * height, z};
      spec.bodies.push_back(post);
    }
    BodySpec beam;
    beam.name = name + ".beam";
    beam.tags = {"frame"};
    beam.shape.size = {0.2, 0.2, 3.2};
    beam.position = {x, height + 0.1, 10.0};
    spec.bodies.push_back(beam);
  };
  frame("frame_high", 22.0, 4.0);
  frame("frame_low", 25.0, 2.5);
  const double circles[3][2] = {{4.0, 10.0}, {18.0, 10.0}, {28.0, 10.0}};
  const char* names[3] = {"A", "B", "C"};
  for (int i = 0; i < 3; ++i) {
    ZoneSpec zone;
    zone.name = std::string("circle_") + names[i];
    zone.shape = ZoneSpec::Shape::Cylinder;
    zone.center = {circles[i][0], 0.0, circles[i][1]};
    zone.radius = 1.0;
    zone.height = 6.0;
    zone.watchTags = {"load"};
    spec.zones.push_back(zone);
  }
  CameraSpec cab;
  cab.name = "cab";
  cab.kind = CameraSpec::Kind::OperatorCab;
  cab.position = {0.0, 10.0, -1.0};
  cab.target = {0.0, 0.0, 10.0};
  spec.cameras.push_back(cab);
  CameraSpec follow;
  follow.name = "follow";
  follow.kind = CameraSpec::Kind::Follow;
  follow.followBody = "bucket";
  follow.position = {-6.0, 4.0, 6.0};
  spec.cameras.push_back(follow);
  return spec;
}

/**
 * A scripted operator: every 3 s a new set of notches drawn from a fixed linear congruential
 * sequence (no library generator: its output is not specified across standard libraries), with
 * Attach, Release and the horn pressed at fixed times. Depends only on the tick.
 */
inline core::ActionState scriptedActions(std::uint64_t tick, std::uint32_t tickRate = 240) {
  const std::uint64_t phase = tick / (3u * tickRate);
  std::uint64_t x = phase * 6364136223846793005ull + 1442695040888963407ull;
  auto next = [&x] {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<int>((x >> 33) % 11u) - 5; // notch -5..5
  };
  const int bridge = next();
  const int trolley = next();
  const int hoist = next();
  std::uint32_t buttons = 0;
  const std::uint64_t inCycle = tick % (40u * tickRate);
  if (inCycle < 5) {
    buttons |= bit(skillsim::sim::crane_controls::kAttach);
  }
  if (inCycle >= 30u * tickRate && inCycle < 30u * tickRate + 5) {
    buttons |= bit(skillsim::sim::crane_controls::kRelease);
  }
  if (tick % (60u * tickRate) < 10) {
    buttons |= bit(skillsim::sim::crane_controls::kHorn);
  }
  return craneActions(bridge / 5.0f, trolley / 5.0f, hoist / 5.0f, buttons);
}

} // namespace skillsim::sim::testing
