// Simulation's events, rules, errors and scene export (issue 4 points 2-4).
#include "CraneCourse.h"

#include <skillsim/sim/Simulation.h>
#include <skillsim/sim/machines/overhead_crane/OverheadCraneSpec.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

using namespace skillsim::sim;
using namespace skillsim::sim::testing;
using skillsim::core::ActionState;
using skillsim::core::ErrorCode;

namespace {

std::unique_ptr<Simulation> build(const SimulationSpec& spec) {
  auto sim = Simulation::create(spec);
  EXPECT_TRUE(sim) << (sim ? "" : sim.error().toString());
  return std::move(sim).value();
}

/** Steps `ticks` times with `a` and collects every event. */
std::vector<SimEvent> run(Simulation& sim, const ActionState& a, int ticks) {
  std::vector<SimEvent> all;
  for (int i = 0; i < ticks; ++i) {
    sim.step(a);
    all.insert(all.end(), sim.events().begin(), sim.events().end());
  }
  return all;
}

std::vector<SimEvent> ofKind(const std::vector<SimEvent>& events, SimEventKind kind) {
  std::vector<SimEvent> out;
  std::copy_if(events.begin(), events.end(), std::back_inserter(out),
               [kind](const SimEvent& e) { return e.kind == kind; });
  return out;
}

std::vector<SimEvent> ofKind(const std::vector<SimEvent>& events, std::string_view name) {
  std::vector<SimEvent> out;
  std::copy_if(events.begin(), events.end(), std::back_inserter(out),
               [name](const SimEvent& e) { return e.is(name); });
  return out;
}

BodySpec ball(std::string name, std::string tag, glm::dvec3 position) {
  BodySpec b;
  b.name = std::move(name);
  b.tags = {std::move(tag)};
  b.shape.kind = ShapeKind::Sphere;
  b.shape.size = glm::dvec3(0.4);
  b.mass = 10.0;
  b.position = position;
  return b;
}

} // namespace

TEST(Simulation, TickAndTimeAdvanceByExactlyOneStep) {
  SimulationSpec spec;
  spec.tickRate = 120;
  auto sim = build(spec);
  EXPECT_EQ(sim->tick(), 0u);
  sim->step(ActionState{});
  sim->step(ActionState{});
  EXPECT_EQ(sim->tick(), 2u);
  EXPECT_DOUBLE_EQ(sim->time(), 2.0 / 120.0);
  EXPECT_DOUBLE_EQ(metric(*sim, "time"), 2.0 / 120.0);
}

TEST(Simulation, ContactWithAPoleIsOneEpisodeWithTagsAndPeakImpulse) {
  SimulationSpec spec;
  BodySpec pole;
  pole.name = "pole1";
  pole.tags = {"pile"};
  pole.shape.kind = ShapeKind::Cylinder;
  pole.shape.size = {0.2, 2.0, 0.2};
  pole.position = {0.0, 1.0, 0.0};
  spec.bodies.push_back(pole);
  // A crate 1 cm from the pole sliding into it, then resting against it for seconds.
  BodySpec crate = cubeLoad("crate", 0.5, 100.0, {-0.36, 0.25, 0.0});
  crate.friction = 0.02;
  spec.bodies.push_back(crate);
  spec.gravity = {2.0, -9.81,
                  0.0}; // a slope (more than friction holds) keeps it leaning on the pole
  auto sim = build(spec);
  const auto events = run(*sim, ActionState{}, 240 * 4);
  std::vector<SimEvent> withPole;
  for (const SimEvent& e : events) {
    if (e.otherBody == "pole1") {
      withPole.push_back(e);
    }
  }
  ASSERT_EQ(withPole.size(), 1u) << "one episode, not one per tick";
  const SimEvent& begin = withPole.front();
  EXPECT_EQ(begin.kind, SimEventKind::ContactBegin);
  EXPECT_EQ(begin.subject, "load"); // the moving body is the subject
  EXPECT_EQ(begin.other, "pile");
  EXPECT_EQ(begin.subjectBody, "crate");
  EXPECT_GE(begin.value, 0.0); // 0 when first seen within the touch distance, before any push
  EXPECT_NEAR(begin.position.x, -0.1, 0.05); // the pole's surface
  EXPECT_GT(begin.tick, 0u);
  // The crate and the ground: one episode too.
  const auto grounds = std::count_if(events.begin(), events.end(), [](const SimEvent& e) {
    return e.kind == SimEventKind::ContactBegin && e.other == "ground";
  });
  EXPECT_EQ(grounds, 1);
  const auto ground = std::find_if(events.begin(), events.end(),
                                   [](const SimEvent& e) { return e.other == "ground"; });
  // Resting from the first tick: its first step's impulse already pushes (at most m g dt).
  EXPECT_GT(ground->value, 0.0);
  EXPECT_LT(ground->value, 1.5 * 100.0 * 9.81 / 240.0);
}

TEST(Simulation, BouncesAreSeparateEpisodesEachEndingWithItsPeak) {
  SimulationSpec spec;
  BodySpec b = ball("ball", "load", {0.0, 2.2, 0.0});
  b.restitution = 0.7;
  spec.bodies.push_back(b);
  auto sim = build(spec);
  const auto events = run(*sim, ActionState{}, 240 * 2);
  const auto begins = ofKind(events, SimEventKind::ContactBegin);
  const auto ends = ofKind(events, SimEventKind::ContactEnd);
  ASSERT_GE(begins.size(), 2u);
  ASSERT_GE(ends.size(), 1u);
  EXPECT_GT(ends[0].tick, begins[0].tick);
  EXPECT_LT(ends[0].tick, begins[1].tick);
  EXPECT_EQ(ends[0].subject, "load");
  EXPECT_EQ(ends[0].other, "ground");
  // First impact from 2 m: momentum change m (1 + e) sqrt(2 g h) = 10 * 1.7 * 6.26 = 106 N s.
  EXPECT_NEAR(ends[0].value, 10.0 * 1.7 * std::sqrt(2.0 * 9.81 * 2.0), 0.25 * 106.0);
}

TEST(Simulation, CraneProvidesTheStandardMetricNames) {
  SimulationSpec spec;
  spec.machine = skillsim::sim::overheadCraneMachine(bayCrane());
  auto sim = build(spec);
  for (const char* name :
       {"load_swing_angle", "load_height", "hook_height", "bridge_speed", "trolley_speed",
        "hoist_speed", "load_x", "load_z", "rope_length", "hoisted_mass", "time"}) {
    EXPECT_TRUE(sim->metrics().find(name)) << name;
  }
  // Initial values before the first step: the hook hangs at its initial rope length.
  EXPECT_DOUBLE_EQ(metric(*sim, "rope_length"),
                   skillsim::sim::overheadCraneOf(spec)->initialRopeLength);
  EXPECT_NEAR(metric(*sim, "hook_height"),
              skillsim::sim::overheadCraneOf(spec)->liftHeight -
                  skillsim::sim::overheadCraneOf(spec)->initialRopeLength - kHookBlockHeight,
              1e-4);
}

TEST(Simulation, ZonesReportEnterAndExitOfWatchedTagsOnly) {
  SimulationSpec spec;
  spec.bodies.push_back(ball("ball", "load", {0.0, 6.0, 0.0}));
  spec.bodies.push_back(ball("other", "person", {0.2, 6.0, 3.0}));
  ZoneSpec band;
  band.name = "band";
  band.shape = ZoneSpec::Shape::Box;
  band.center = {0.0, 3.0, 0.0};
  band.halfExtents = {2.0, 0.5, 2.0};
  band.watchTags = {"load"};
  spec.zones.push_back(band);
  ZoneSpec circle;
  circle.name = "circle_B";
  circle.center = {0.0, 0.0, 0.0};
  circle.radius = 1.0;
  circle.height = 1.0;
  spec.zones.push_back(circle); // watches every dynamic body
  auto sim = build(spec);
  const auto events = run(*sim, ActionState{}, 240 * 3);
  const auto enters = ofKind(events, SimEventKind::ZoneEnter);
  const auto exits = ofKind(events, SimEventKind::ZoneExit);
  ASSERT_EQ(enters.size(), 2u);
  EXPECT_EQ(enters[0].other, "band");
  EXPECT_EQ(enters[0].subject, "load");
  EXPECT_NEAR(enters[0].position.y, 3.5, 0.1); // entered through the top
  EXPECT_EQ(enters[1].other, "circle_B");
  EXPECT_EQ(enters[1].subjectBody, "ball"); // "other" landed outside the circle
  ASSERT_EQ(exits.size(), 1u);
  EXPECT_EQ(exits[0].other, "band");
  EXPECT_GT(exits[0].tick, enters[0].tick);
  EXPECT_NEAR(exits[0].position.y, 2.5, 0.1);
}

// Issue 17: a box zone turned by its yaw (scenario key `yaw_deg`) watches its turned footprint.
TEST(Simulation, ATurnedBoxZoneReportsWhatFallsThroughItsTurnedFootprint) {
  SimulationSpec spec;
  // Both balls fall through y = 3; the band is 4 m long along its own x, 0.2 m wide.
  spec.bodies.push_back(ball("along_z", "load", {0.0, 6.0, 1.5}));
  spec.bodies.push_back(ball("along_x", "load", {1.5, 6.0, 0.0}));
  ZoneSpec band;
  band.name = "band";
  band.shape = ZoneSpec::Shape::Box;
  band.center = {0.0, 3.0, 0.0};
  band.halfExtents = {2.0, 0.5, 0.1};
  band.yaw = std::numbers::pi / 2.0; // its x axis turned onto world -z: it lies along z
  spec.zones.push_back(band);
  auto sim = build(spec);
  const auto enters = ofKind(run(*sim, ActionState{}, 240 * 2), SimEventKind::ZoneEnter);
  ASSERT_EQ(enters.size(), 1u);
  EXPECT_EQ(enters[0].subjectBody, "along_z"); // 1.5 m along the turned band, inside it
  EXPECT_NEAR(enters[0].position.y, 3.5, 0.1); // through its top
  EXPECT_NEAR(enters[0].position.z, 1.5, 1e-6);

  // Unturned, the same band lies along x and reports the other ball only.
  spec.zones[0].yaw = 0.0;
  auto unturned = build(spec);
  const auto before = ofKind(run(*unturned, ActionState{}, 240 * 2), SimEventKind::ZoneEnter);
  ASSERT_EQ(before.size(), 1u);
  EXPECT_EQ(before[0].subjectBody, "along_x");
}

TEST(Simulation, HornEmergencyStopAndNotchChangesAreEvents) {
  SimulationSpec spec;
  spec.machine = skillsim::sim::overheadCraneMachine(bayCrane());
  auto sim = build(spec);
  auto events = run(*sim, craneActions(1.0f, 0, 0, bit(skillsim::sim::crane_controls::kHorn)), 240);
  const auto horns = ofKind(events, "horn");
  ASSERT_EQ(horns.size(), 1u) << "held for a second: one press";
  EXPECT_EQ(horns[0].tick, 1u);
  const auto changes = ofKind(events, SimEventKind::ControlChanged);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].subject, "bridge");
  EXPECT_EQ(changes[0].value, 1.0);
  EXPECT_NEAR(metric(*sim, "bridge_speed"), 0.4, 1e-9); // 1 s at 0.4 m/s^2

  // Emergency stop: latches and brakes although the lever stays at full.
  events =
      run(*sim, craneActions(1.0f, 0, 0, bit(skillsim::sim::crane_controls::kEmergencyStop)), 2);
  ASSERT_EQ(ofKind(events, "emergency_stop").size(), 1u);
  run(*sim, craneActions(1.0f, 0, 0), 240 * 2);
  EXPECT_EQ(metric(*sim, "bridge_speed"), 0.0);
  EXPECT_EQ(metric(*sim, "emergency_stop"), 1.0) << "lever not back at zero: still latched";
  run(*sim, ActionState{}, 1);
  EXPECT_EQ(metric(*sim, "emergency_stop"), 0.0);
  run(*sim, craneActions(1.0f, 0, 0), 240);
  EXPECT_GT(metric(*sim, "bridge_speed"), 0.3);
}

TEST(Simulation, AttachOnlyWithinToleranceAndDropWhenReleasedInTheAir) {
  SimulationSpec spec;
  OverheadCraneSpec c = bayCrane();
  c.attachTolerance = 0.3;
  // Hook bottom 0.5 m above the lug: too far.
  c.initialRopeLength = c.liftHeight - kHookBlockHeight - (0.8 + 0.5);
  spec.bodies.push_back(cubeLoad("crate", 0.8, 800.0, {c.initialBridge, 0.4, c.initialTrolley}));
  spec.machine = skillsim::sim::overheadCraneMachine(c);
  auto sim = build(spec);
  auto events = run(*sim, craneActions(0, 0, 0, bit(skillsim::sim::crane_controls::kAttach)), 2);
  EXPECT_TRUE(ofKind(events, "load_attached").empty());
  EXPECT_EQ(metric(*sim, "load_attached"), 0.0);
  // The refusal says why: the lug is about 0.5 m from the hook, 0.3 m is allowed.
  const auto refused = ofKind(events, "attach_refused");
  ASSERT_EQ(refused.size(), 1u);
  EXPECT_EQ(refused[0].subject, "load");
  EXPECT_EQ(refused[0].subjectBody, "crate");
  EXPECT_NEAR(refused[0].value, 0.5, 0.05);
  EXPECT_EQ(refused[0].limit, 0.3);
  // Lower 0.3 m (hook 0.2 m from the lug) and try again.
  while (metric(*sim, "rope_length") < c.initialRopeLength + 0.3) {
    sim->step(craneActions(0, 0, -0.2f));
  }
  run(*sim, ActionState{}, 240);
  events = run(*sim, craneActions(0, 0, 0, bit(skillsim::sim::crane_controls::kAttach)), 1);
  const auto attached = ofKind(events, "load_attached");
  ASSERT_EQ(attached.size(), 1u);
  EXPECT_EQ(attached[0].subject, "load");
  EXPECT_EQ(attached[0].subjectBody, "crate");
  // Lift it about 1.5 m, then release in the air: released and dropped from that height.
  while (metric(*sim, "load_height") < 1.5) {
    sim->step(craneActions(0, 0, 1.0f));
    ASSERT_LT(sim->time(), 60.0);
  }
  run(*sim, ActionState{}, 240 * 3);
  EXPECT_NEAR(metric(*sim, "hoisted_mass"), 800.0, 10.0);
  const double height = metric(*sim, "load_height");
  events = run(*sim, craneActions(0, 0, 0, bit(skillsim::sim::crane_controls::kRelease)), 1);
  ASSERT_EQ(ofKind(events, "load_released").size(), 1u);
  const auto dropped = ofKind(events, "load_dropped");
  ASSERT_EQ(dropped.size(), 1u);
  EXPECT_NEAR(dropped[0].value, height, 0.01);
  run(*sim, ActionState{}, 240 * 2);
  EXPECT_NEAR(metric(*sim, "load_height"), 0.0, 0.01); // it fell to the ground
  EXPECT_EQ(metric(*sim, "hoisted_mass"), 0.0);
}

TEST(Simulation, OverloadIsReportedAndCutsOffHoistingUp) {
  SimulationSpec spec = hangingLoad(5.0, 6000.0, 50.0); // rated 5000 kg
  auto sim = build(spec);
  sim->step(craneActions(0, 0, 0, bit(skillsim::sim::crane_controls::kAttach)));
  std::vector<SimEvent> events;
  for (int i = 0; i < 240 * 4; ++i) {
    sim->step(ActionState{});
    events.insert(events.end(), sim->events().begin(), sim->events().end());
  }
  const auto overloads = ofKind(events, "overload");
  ASSERT_EQ(overloads.size(), 1u);
  EXPECT_GT(overloads[0].value, 5000.0);
  EXPECT_EQ(overloads[0].subject, "load");
  EXPECT_EQ(metric(*sim, "overload"), 1.0);
  const double rope = metric(*sim, "rope_length");
  run(*sim, craneActions(0, 0, 1.0f), 240); // hoist up: refused
  EXPECT_DOUBLE_EQ(metric(*sim, "rope_length"), rope);
  run(*sim, craneActions(0, 0, -1.0f), 240); // lowering still works
  EXPECT_GT(metric(*sim, "rope_length"), rope + 0.05);
}

TEST(Simulation, ExplodingStateStopsTheRunWithAFault) {
  SimulationSpec spec;
  spec.bodies.push_back(ball("ball", "load", {0.0, 6.0, 0.0}));
  BodySpec rocket = ball("rocket", "debris", {5.0, 6.0, 0.0});
  rocket.initialLinearVelocity = {2000.0, 0.0, 0.0};
  spec.bodies.push_back(rocket);
  auto sim = build(spec);
  sim->step(ActionState{});
  ASSERT_TRUE(sim->stopped());
  const auto faults =
      ofKind({sim->events().begin(), sim->events().end()}, SimEventKind::PhysicsFault);
  ASSERT_EQ(faults.size(), 1u);
  EXPECT_EQ(faults[0].subject, "rocket");
  EXPECT_EQ(faults[0].tick, 1u);
  const auto fault = sim->fault();
  ASSERT_TRUE(fault);
  EXPECT_EQ(fault->code, ErrorCode::PhysicsFault);
  EXPECT_EQ(fault->location.tick, 1u);
  EXPECT_NE(fault->toString().find("tick 1"), std::string::npos);
  EXPECT_NE(fault->message.find("rocket"), std::string::npos);
  const auto hash = sim->stateHash();
  sim->step(ActionState{});
  EXPECT_EQ(sim->tick(), 1u) << "a stopped run does not advance";
  EXPECT_TRUE(sim->events().empty());
  EXPECT_EQ(sim->stateHash(), hash);
}

TEST(Simulation, SpecsPhysicsCannotBuildAreErrorsNamingTheField) {
  SimulationSpec spec;
  spec.bodies.push_back(ball("a", "x", {0.0, 1.0, 0.0}));
  spec.bodies.push_back(ball("b", "x", {0.0, 2.0, 0.0}));
  spec.bodies[1].shape.size = glm::dvec3(0.0);
  auto r = Simulation::create(spec);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().location.fieldPath, "bodies[1].shape.size");
  EXPECT_NE(r.error().message.find("'b'"), std::string::npos);

  spec.bodies[1] = ball("a", "x", {0.0, 2.0, 0.0});
  r = Simulation::create(spec);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().location.fieldPath, "bodies[1].name");
  EXPECT_NE(r.error().message.find("used twice"), std::string::npos);

  spec.bodies.pop_back();
  spec.bodies[0].shape.kind = ShapeKind::TriangleMesh;
  spec.bodies[0].shape.points = {{0, 0, 0}, {1, 0, 0}, {0, 0, 1}};
  spec.bodies[0].shape.indices = {0, 1, 2};
  r = Simulation::create(spec);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().location.fieldPath, "bodies[0].shape.kind");

  SimulationSpec craneSpec;
  craneSpec.machine = skillsim::sim::overheadCraneMachine(bayCrane());
  editCrane(craneSpec).maxRopeLength = 0.2;
  r = Simulation::create(craneSpec);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().location.fieldPath, "crane.max_rope_length");
  craneSpec.machine = skillsim::sim::overheadCraneMachine(bayCrane());
  editCrane(craneSpec).trolley.acceleration = 0.0;
  r = Simulation::create(craneSpec);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().location.fieldPath, "crane.trolley.acceleration");

  SimulationSpec zero;
  zero.tickRate = 0;
  r = Simulation::create(zero);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().location.fieldPath, "tick_rate");

  SimulationSpec cam;
  CameraSpec follow;
  follow.name = "f";
  follow.kind = CameraSpec::Kind::Follow;
  follow.followBody = "nobody";
  cam.cameras.push_back(follow);
  r = Simulation::create(cam);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("'nobody'"), std::string::npos);
}

TEST(Simulation, SceneViewShowsBodiesCraneZonesAndTheChosenCamera) {
  const SimulationSpec spec = examCourse();
  auto sim = build(spec);
  sim->step(ActionState{});
  skillsim::core::SceneView view;
  sim->fillSceneView(view, "follow");
  // Ground + the course bodies, then the crane (CraneSceneTest): 2 runway beams and 2 rails, 2 end
  // carriages with 2 wheels each, the girder and its flange, 2 trolley frames with 2 wheels each,
  // the drum and its motor, the hook block (2 plates, sheave, shank, 6 hook pieces), 2 rope falls.
  EXPECT_EQ(view.instances.size(), 1u + spec.bodies.size() + 4u + 6u + 2u + 6u + 2u + 10u + 2u);
  for (const auto& instance : view.instances) {
    ASSERT_LT(instance.mesh.index(), view.meshes.size());
    ASSERT_LT(instance.material.index(), view.materials.size());
  }
  const glm::dvec3 bucket = sim->bodyPosition("bucket").value();
  EXPECT_NEAR(view.camera.target.x, bucket.x, 1e-4);
  EXPECT_NEAR(view.camera.position.x, bucket.x - 6.0, 1e-4);
  // The bucket's instance sits at its body position.
  const auto& bucketInstance = view.instances[1];
  EXPECT_NEAR(bucketInstance.transform[3][1], bucket.y, 1e-4);
  // 3 circles of 48 segments (the rope is drawn as cylinders).
  EXPECT_EQ(view.lines.size(), 3u * 48u);
  const auto meshes = view.meshes.size();
  sim->fillSceneView(view, "cab");
  EXPECT_EQ(view.meshes.size(), meshes) << "mesh table stable between frames";
  EXPECT_EQ(sim->cameraNames(), (std::vector<std::string>{"cab", "follow"}));
  EXPECT_NEAR(sim->bodyPosition("crane.hook").value().x,
              skillsim::sim::overheadCraneOf(spec)->initialBridge, 1e-4);
  EXPECT_FALSE(sim->bodyPosition("nothing"));
}

// A body's `bands` (BodySpec::bands) are drawn only: a ball rolling into a banded pole and
// stopped by it moves bit for bit as it does against the plain pole, and the scene holds one
// instance a band, alternating the two colours from the bottom, the top one cut at the height.
TEST(Simulation, BandsAreDrawnOnlyAndStackFromTheBottom) {
  SimulationSpec plain;
  plain.groundPlane = true;
  BodySpec pole;
  pole.name = "pole";
  pole.tags = {"pole"};
  pole.shape.kind = ShapeKind::Cylinder;
  pole.shape.size = {0.05, 1.5, 0.05};
  pole.position = {2.0, 0.75, 0.0};
  pole.color = {0.85f, 0.1f, 0.1f, 1.0f};
  plain.bodies.push_back(pole);
  BodySpec b = ball("ball", "ball", {0.0, 0.2, 0.0});
  b.initialLinearVelocity = {2.0, 0.0, 0.0};
  plain.bodies.push_back(b);
  SimulationSpec banded = plain;
  banded.bodies[0].bands = BodyBands{{0.92f, 0.92f, 0.9f, 1.0f}, 0.4}; // 1.5 m: 3 whole, 0.3 m
  auto a = build(plain);
  auto c = build(banded);
  bool touched = false;
  for (int i = 0; i < 480; ++i) {
    a->step(ActionState{});
    c->step(ActionState{});
    for (const SimEvent& e : a->events()) {
      touched = touched || (e.kind == SimEventKind::ContactBegin &&
                            (e.subject == "pole" || e.other == "pole"));
    }
    ASSERT_EQ(a->stateHash(), c->stateHash()) << "tick " << i;
  }
  EXPECT_TRUE(touched) << "the ball never reached the pole";
  EXPECT_LT(a->bodyPosition("ball")->x, 1.9) << "it went through the pole";

  skillsim::core::SceneView plainView;
  skillsim::core::SceneView bandedView;
  a->fillSceneView(plainView, "");
  c->fillSceneView(bandedView, "");
  ASSERT_EQ(bandedView.instances.size(), plainView.instances.size() + 3u); // 4 bands for 1
  // Ground, then the pole's bands: centres 0.2, 0.6, 1.0 and 1.35 m up, 0.4 m apart then 0.3 m.
  const double heights[] = {0.4, 0.4, 0.4, 0.3};
  const double centres[] = {0.2, 0.6, 1.0, 1.35};
  for (std::size_t k = 0; k < 4; ++k) {
    const auto& instance = bandedView.instances[1 + k];
    const auto& mesh = bandedView.meshes[instance.mesh.index()];
    const auto& material = bandedView.materials[instance.material.index()];
    EXPECT_NEAR(mesh.size.y, heights[k], 1e-6) << k;
    EXPECT_NEAR(mesh.size.x, 0.05, 1e-6) << k;
    EXPECT_NEAR(instance.transform[3].y, centres[k], 1e-5) << k;
    EXPECT_NEAR(instance.transform[3].x, 2.0, 1e-5) << k;
    const glm::vec4 expected =
        k % 2 == 0 ? glm::vec4(0.85f, 0.1f, 0.1f, 1.0f) : glm::vec4(0.92f, 0.92f, 0.9f, 1.0f);
    EXPECT_EQ(material.baseColor, expected) << k;
  }
}
