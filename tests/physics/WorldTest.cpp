// Physical laws and contracts of the Bullet wrapper (STYLE.md: assert laws, not magic numbers).
#include <skillsim/physics/World.h>

#include <skillsim/core/Check.h>

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

using skillsim::core::BodyId;
using namespace skillsim::physics;

namespace {

constexpr double kG = 9.81;

BodyDesc ground() {
  BodyDesc d;
  d.name = "ground";
  d.tags = {"ground"};
  d.shape.kind = ShapeKind::Plane;
  return d;
}

BodyDesc box(const std::string& name, glm::dvec3 size, double mass, glm::dvec3 position) {
  BodyDesc d;
  d.name = name;
  d.tags = {name};
  d.shape.kind = ShapeKind::Box;
  d.shape.size = size;
  d.motion = mass > 0.0 ? Motion::Dynamic : Motion::Static;
  d.mass = mass;
  d.position = position;
  return d;
}

void run(World& world, double seconds) {
  const auto steps = static_cast<int>(std::lround(seconds / world.settings().timeStep));
  for (int i = 0; i < steps; ++i) {
    world.step();
  }
}

} // namespace

TEST(World, FreeFallCoversHalfGTSquared) {
  World world(WorldSettings{});
  BodyDesc ball;
  ball.name = "ball";
  ball.shape.kind = ShapeKind::Sphere;
  ball.shape.size = glm::dvec3(0.2);
  ball.motion = Motion::Dynamic;
  ball.mass = 2.0;
  ball.position = {0.0, 50.0, 0.0};
  const BodyId id = world.addBody(ball).value();
  const double t = 2.0;
  run(world, t);
  const double fallen = 50.0 - world.bodyState(id).position.y;
  // Semi-implicit Euler overshoots by g t dt / 2 (0.1 %); 0.5 % would catch a wrong g or dt.
  EXPECT_NEAR(fallen, 0.5 * kG * t * t, 0.005 * 0.5 * kG * t * t);
  EXPECT_NEAR(world.bodyState(id).linearVelocity.y, -kG * t, 1e-3 * kG * t);
}

namespace {

/** Slides a box down a slope of `degrees` for 2 s; returns the distance it travelled (m). */
double slideOnIncline(double degrees, double mu) {
  World world(WorldSettings{});
  const double theta = degrees * std::numbers::pi / 180.0;
  const glm::dquat tilt = glm::angleAxis(theta, glm::dvec3(0.0, 0.0, 1.0));
  BodyDesc slope = box("slope", {20.0, 1.0, 4.0}, 0.0, {0.0, 0.0, 0.0});
  slope.orientation = tilt;
  slope.friction = mu;
  world.addBody(slope).value();
  // Rest the block on the slope's top face (normal = tilt * +Y).
  const glm::dvec3 normal = tilt * glm::dvec3(0.0, 1.0, 0.0);
  BodyDesc block = box("block", {0.5, 0.5, 0.5}, 10.0, normal * (0.5 + 0.25));
  block.orientation = tilt;
  block.friction = mu;
  const BodyId id = world.addBody(block).value();
  const glm::dvec3 start = world.bodyState(id).position;
  run(world, 2.0);
  return glm::length(world.bodyState(id).position - start);
}

} // namespace

TEST(World, BoxOnInclineSlidesWhenTanThetaExceedsMu) {
  const double mu = 0.5;
  const double critical = std::atan(mu) * 180.0 / std::numbers::pi; // 26.57 degrees
  // Within 1 degree of the threshold the outcome must flip: held just below, sliding just above.
  EXPECT_LT(slideOnIncline(critical - 1.0, mu), 0.01);
  const double above = slideOnIncline(critical + 1.0, mu);
  // Expected: 0.5 g (sin - mu cos) t^2 = 0.18 m at +1 degree.
  const double theta = (critical + 1.0) * std::numbers::pi / 180.0;
  const double law = 0.5 * kG * (std::sin(theta) - mu * std::cos(theta)) * 4.0;
  EXPECT_GT(above, 0.5 * law);
  EXPECT_LT(above, 1.5 * law);
}

TEST(World, RestitutionSetsTheBounceHeight) {
  World world(WorldSettings{});
  world.addBody(ground()).value(); // restitution 0: the larger of the two counts
  BodyDesc ball;
  ball.name = "ball";
  ball.shape.kind = ShapeKind::Sphere;
  ball.shape.size = glm::dvec3(0.2);
  ball.motion = Motion::Dynamic;
  ball.mass = 1.0;
  ball.restitution = 0.5;
  ball.position = {0.0, 2.1, 0.0}; // drop height 2 m
  const BodyId id = world.addBody(ball).value();
  // Wait for the first bounce, then record the apex: h' = e^2 h = 0.5 m.
  bool bounced = false;
  double apex = 0.0;
  for (int i = 0; i < 240 * 2; ++i) {
    world.step();
    const BodyState s = world.bodyState(id);
    bounced = bounced || s.linearVelocity.y > 0.0;
    if (bounced) {
      apex = std::max(apex, s.position.y - 0.1);
    }
  }
  // Bullet applies restitution to the approach speed it sees one step before impact (speculative
  // contact), which includes that step's gravity: the bounce comes out ~10 % high. A product rule
  // would give no bounce at all, e = 1 a full 2 m.
  EXPECT_NEAR(apex, 0.25 * 2.0, 0.15);
}

TEST(World, LinearDampingDecaysVelocityAsBulletDefinesIt) {
  World world(WorldSettings{.gravity = {0.0, 0.0, 0.0}});
  BodyDesc capsule;
  capsule.name = "capsule";
  capsule.shape.kind = ShapeKind::Capsule;
  capsule.shape.size = {0.4, 1.2, 0.4};
  capsule.motion = Motion::Dynamic;
  capsule.mass = 3.0;
  capsule.linearDamping = 0.5;
  capsule.linearVelocity = {2.0, 0.0, 0.0};
  capsule.position = {0.0, 5.0, 0.0};
  const BodyId id = world.addBody(capsule).value();
  run(world, 1.0);
  // v(t) = v0 (1 - d)^t: half the speed after 1 s.
  EXPECT_NEAR(world.bodyState(id).linearVelocity.x, 1.0, 0.01);
  const auto [lo, hi] = world.bounds(id);
  EXPECT_NEAR(hi.y - lo.y, 1.2, 1e-3); // total height including the caps
}

TEST(World, CylinderStandsOnItsBase) {
  World world(WorldSettings{});
  world.addBody(ground()).value();
  BodyDesc drum;
  drum.name = "drum";
  drum.shape.kind = ShapeKind::Cylinder;
  drum.shape.size = {0.6, 0.9, 0.6};
  drum.motion = Motion::Dynamic;
  drum.mass = 200.0;
  drum.position = {0.0, 0.5, 0.0};
  const BodyId id = world.addBody(drum).value();
  run(world, 2.0);
  EXPECT_NEAR(world.bodyState(id).position.y, 0.45, 0.01);
  EXPECT_NEAR(world.bounds(id).first.y, 0.0, 0.01);
}

TEST(World, ContactOfARestingBoxIsOneEpisode) {
  World world(WorldSettings{});
  const BodyId g = world.addBody(ground()).value();
  const BodyId b = world.addBody(box("crate", {1.0, 1.0, 1.0}, 100.0, {0.0, 0.6, 0.0})).value();
  int begins = 0;
  int ends = 0;
  double peak = 0.0;
  glm::dvec3 point{0.0};
  for (int i = 0; i < 480; ++i) {
    world.step();
    for (const ContactEvent& e : world.contactEvents()) {
      EXPECT_EQ(e.bodyA, g);
      EXPECT_EQ(e.bodyB, b);
      if (e.kind == ContactEvent::Kind::Begin) {
        ++begins;
        peak = e.peakImpulse;
        point = e.point;
      } else {
        ++ends;
      }
    }
  }
  EXPECT_EQ(begins, 1);
  EXPECT_EQ(ends, 0);
  // Landing after a 0.1 m fall: impulse on the order of m * sqrt(2 g h) = 140 N s per step at most.
  EXPECT_GT(peak, 0.0);
  EXPECT_NEAR(point.y, 0.0, 0.02);
  ASSERT_EQ(world.contactsNow().size(), 1u);

  // Lift it away: the episode ends (after the debounce) with the peak impulse it saw.
  world.setVelocity(b, {0.0, 5.0, 0.0}, {0.0, 0.0, 0.0});
  int endSeen = 0;
  for (int i = 0; i < 20; ++i) {
    world.step();
    for (const ContactEvent& e : world.contactEvents()) {
      if (e.kind == ContactEvent::Kind::End) {
        ++endSeen;
        EXPECT_GE(e.peakImpulse, peak);
      }
    }
  }
  EXPECT_EQ(endSeen, 1);
  EXPECT_TRUE(world.contactsNow().empty());
}

TEST(World, RayCastFindsTheNearestBodyAndSkipsTheIgnoredOne) {
  World world(WorldSettings{});
  const BodyId g = world.addBody(ground()).value();
  const BodyId top = world.addBody(box("top", {1.0, 1.0, 1.0}, 0.0, {0.0, 3.0, 0.0})).value();
  BodyDesc ghost = box("ghost", {1.0, 1.0, 1.0}, 0.0, {0.0, 6.0, 0.0});
  ghost.collides = false;
  world.addBody(ghost).value();
  auto hit = world.rayCast({0.0, 10.0, 0.0}, {0.0, -10.0, 0.0});
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->body, top);
  EXPECT_NEAR(hit->point.y, 3.5, 1e-4);
  EXPECT_NEAR(hit->normal.y, 1.0, 1e-6);
  hit = world.rayCast({0.0, 10.0, 0.0}, {0.0, -10.0, 0.0}, top);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->body, g);
  EXPECT_NEAR(hit->point.y, 0.0, 1e-4);
  EXPECT_FALSE(world.rayCast({5.0, 10.0, 0.0}, {5.0, 1.0, 0.0}));
}

TEST(World, RopeHoldsALoadAtItsLengthAndGoesSlackWhenPushed) {
  World world(WorldSettings{});
  BodyDesc trolley = box("trolley", {1.0, 0.5, 1.0}, 0.0, {0.0, 10.0, 0.0});
  trolley.motion = Motion::Kinematic;
  trolley.collides = false;
  const BodyId t = world.addBody(trolley).value();
  const BodyId load = world.addBody(box("load", {1.0, 1.0, 1.0}, 5000.0, {0.0, 5.5, 0.0})).value();
  const RopeId rope =
      world.addRope(RopeDesc{t, {0.0, 0.0, 0.0}, load, {0.0, 0.5, 0.0}, 4.0}).value();
  run(world, 3.0);
  // Hanging still: the span equals the length and the tension carries the weight.
  EXPECT_NEAR(world.ropeSpan(rope), 4.0, 0.01 * 4.0);
  EXPECT_NEAR(world.ropeTension(rope), 5000.0 * kG, 0.01 * 5000.0 * kG);
  // Shorten by 1 m over 2 s (hoisting): the load follows.
  for (int i = 0; i < 480; ++i) {
    world.setRopeLength(rope, 4.0 - (i + 1) / 480.0);
    world.step();
  }
  run(world, 1.0);
  EXPECT_NEAR(world.bodyState(load).position.y, 10.0 - 3.0 - 0.5, 0.03);
  // Throw the load upwards: a rope never pushes, so it rises freely (ballistic) while slack.
  world.setVelocity(load, {0.0, 3.0, 0.0}, {0.0, 0.0, 0.0});
  world.step();
  EXPECT_EQ(world.ropeTension(rope), 0.0);
  EXPECT_GT(world.bodyState(load).linearVelocity.y, 2.9);
}

TEST(World, HingeMotorTurnsAtItsTargetSpeedWithinItsLimit) {
  World world(WorldSettings{});
  const BodyId arm = world.addBody(box("arm", {2.0, 0.1, 0.1}, 5.0, {1.0, 2.0, 0.0})).value();
  JointDesc hinge;
  hinge.kind = JointKind::Hinge;
  hinge.bodyA = arm;
  hinge.pivotA = {-1.0, 0.0, 0.0};
  hinge.pivotB = {0.0, 2.0, 0.0}; // world frame: no body B
  hinge.lower[5] = -0.5;
  hinge.upper[5] = 0.5;
  hinge.motors[5] = JointMotor{true, 0.2, 500.0};
  const JointId j = world.addJoint(hinge).value();
  run(world, 1.0);
  // Motor strong enough to hold the arm against gravity: angle = 0.2 rad/s * 1 s.
  EXPECT_NEAR(world.jointPosition(j, 5), 0.2, 0.02);
  run(world, 4.0);
  EXPECT_NEAR(world.jointPosition(j, 5), 0.5, 0.02); // stopped by the limit
}

TEST(World, SliderAndSixDofMotorsDriveAlongTheirAxes) {
  World world(WorldSettings{.gravity = {0.0, 0.0, 0.0}});
  const BodyId a = world.addBody(box("carriage", {0.5, 0.5, 0.5}, 10.0, {0.0, 1.0, 0.0})).value();
  JointDesc slider;
  slider.kind = JointKind::Slider;
  slider.bodyA = a;
  slider.pivotB = {0.0, 1.0, 0.0};
  slider.lower[0] = -1.0;
  slider.upper[0] = 1.0;
  slider.motors[0] = JointMotor{true, -0.5, 1000.0};
  const JointId s = world.addJoint(slider).value();
  run(world, 1.0);
  EXPECT_NEAR(world.bodyState(a).position.x, 0.5, 0.02); // body A moves opposite to B's frame
  EXPECT_NEAR(std::abs(world.jointPosition(s, 0)), 0.5, 0.02);

  const BodyId b = world.addBody(box("gimbal", {0.5, 0.5, 0.5}, 10.0, {5.0, 1.0, 0.0})).value();
  JointDesc six;
  six.kind = JointKind::SixDof;
  six.bodyA = b;
  six.pivotB = {5.0, 1.0, 0.0};
  for (int dof = 0; dof < 6; ++dof) {
    six.lower[static_cast<std::size_t>(dof)] = 0.0;
    six.upper[static_cast<std::size_t>(dof)] = 0.0;
  }
  six.lower[1] = -0.3;
  six.upper[1] = 0.3;
  six.motors[1] = JointMotor{true, 1.0, 1000.0};
  const JointId k = world.addJoint(six).value();
  run(world, 1.0);
  EXPECT_NEAR(std::abs(world.jointPosition(k, 1)), 0.3, 0.02); // moved, then held by the limit
  EXPECT_NEAR(world.bodyState(b).position.x, 5.0, 1e-3);       // locked DoF stays put
}

TEST(World, FixedAndBallJointsHoldTheirPivots) {
  World world(WorldSettings{});
  const BodyId beam = world.addBody(box("beam", {1.0, 0.2, 0.2}, 5.0, {0.5, 3.0, 0.0})).value();
  JointDesc fixed;
  fixed.kind = JointKind::Fixed;
  fixed.bodyA = beam;
  fixed.pivotA = {-0.5, 0.0, 0.0};
  fixed.pivotB = {0.0, 3.0, 0.0};
  world.addJoint(fixed).value();
  const BodyId bob = world.addBody(box("bob", {0.2, 0.2, 0.2}, 1.0, {3.0, 2.0, 0.0})).value();
  JointDesc ball;
  ball.kind = JointKind::PointToPoint;
  ball.bodyA = bob;
  ball.pivotA = {0.0, 1.0, 0.0};
  ball.pivotB = {3.0, 3.0, 0.0};
  world.addJoint(ball).value();
  world.setVelocity(bob, {1.0, 0.0, 0.0}, {0.0, 0.0, 0.0});
  run(world, 2.0);
  EXPECT_NEAR(world.bodyState(beam).position.y, 3.0, 0.01);
  EXPECT_NEAR(glm::length(world.toWorld(bob, {0.0, 1.0, 0.0}) - glm::dvec3(3.0, 3.0, 0.0)), 0.0,
              0.01);
  EXPECT_GT(std::abs(world.bodyState(bob).position.x - 3.0), 0.01); // it swings
}

TEST(World, ConvexHullAndTriangleMeshCollide) {
  World world(WorldSettings{});
  BodyDesc floor;
  floor.name = "floor";
  floor.shape.kind = ShapeKind::TriangleMesh;
  floor.shape.points = {{-5, 0, -5}, {5, 0, -5}, {5, 0, 5}, {-5, 0, 5}};
  floor.shape.indices = {0, 2, 1, 0, 3, 2};
  world.addBody(floor).value();
  BodyDesc tetra;
  tetra.name = "tetra";
  tetra.shape.kind = ShapeKind::ConvexHull;
  tetra.shape.points = {
      {-0.5, -0.25, -0.5}, {0.5, -0.25, -0.5}, {0.0, -0.25, 0.5}, {0.0, 0.75, 0.0}};
  tetra.motion = Motion::Dynamic;
  tetra.mass = 3.0;
  tetra.position = {0.0, 1.0, 0.0};
  const BodyId t = world.addBody(tetra).value();
  EXPECT_EQ(world.triangles(t).size(), 12u); // 4 faces
  run(world, 2.0);
  EXPECT_NEAR(world.bodyState(t).position.y, 0.25, 0.02); // resting on its base
}

TEST(World, BadBodiesAreRejectedWithTheFieldNamed) {
  World world(WorldSettings{});
  BodyDesc d = box("crate", {1.0, 0.0, 1.0}, 1.0, {0.0, 0.0, 0.0});
  auto r = world.addBody(d);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().location.fieldPath, "shape.size");
  EXPECT_NE(r.error().message.find("crate"), std::string::npos);

  d = box("crate", {1.0, 1.0, 1.0}, -2.0, {0.0, 0.0, 0.0});
  d.motion = Motion::Dynamic;
  r = world.addBody(d);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("mass > 0"), std::string::npos);

  BodyDesc hull;
  hull.name = "flat";
  hull.shape.kind = ShapeKind::ConvexHull;
  hull.shape.points = {{0, 0, 0}, {1, 0, 0}, {0, 0, 1}, {1, 0, 1}};
  r = world.addBody(hull);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("flat"), std::string::npos);

  BodyDesc mesh;
  mesh.name = "mesh";
  mesh.shape.kind = ShapeKind::TriangleMesh;
  mesh.shape.points = {{0, 0, 0}, {1, 0, 0}, {0, 0, 1}};
  mesh.shape.indices = {0, 1, 3};
  r = world.addBody(mesh);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().location.fieldPath, "shape.indices[2]");
  mesh.shape.indices = {0, 1, 2};
  mesh.motion = Motion::Dynamic;
  mesh.mass = 1.0;
  r = world.addBody(mesh);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("only be static"), std::string::npos);

  d = box("slippery", {1.0, 1.0, 1.0}, 0.0, {0.0, 0.0, 0.0});
  d.restitution = 1.5;
  r = world.addBody(d);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().location.fieldPath, "restitution");
}

TEST(World, FaultGuardFindsNonFiniteAndExplodingBodies) {
  World world(WorldSettings{});
  world.addBody(ground()).value();
  const BodyId a = world.addBody(box("a", {1.0, 1.0, 1.0}, 1.0, {0.0, 5.0, 0.0})).value();
  EXPECT_FALSE(world.findFault());
  world.setVelocity(a, {1.0e4, 0.0, 0.0}, {0.0, 0.0, 0.0});
  auto fault = world.findFault();
  ASSERT_TRUE(fault);
  EXPECT_EQ(fault->body, a);
  EXPECT_NE(fault->what.find("exceeds"), std::string::npos);
  world.setVelocity(a, {std::nan(""), 0.0, 0.0}, {0.0, 0.0, 0.0});
  fault = world.findFault();
  ASSERT_TRUE(fault);
  EXPECT_EQ(fault->what, "non-finite velocity");
}

TEST(World, SameCallsGiveBitIdenticalStateHashes) {
  auto simulate = [] {
    World world(WorldSettings{});
    world.addBody(ground()).value();
    for (int i = 0; i < 10; ++i) {
      std::string name = "b";
      name += std::to_string(i);
      BodyDesc d = box(name, {0.5, 0.5, 0.5}, 1.0 + i, {0.1 * i, 1.0 + 0.6 * i, 0.05 * i});
      d.orientation = glm::angleAxis(0.1 * i, glm::normalize(glm::dvec3(1.0, 1.0, 0.0)));
      world.addBody(d).value();
    }
    run(world, 3.0);
    skillsim::core::Hasher h;
    world.hashState(h);
    return h.finish();
  };
  EXPECT_EQ(simulate(), simulate());
}

TEST(World, ContractViolationsAreCaught) {
  World world(WorldSettings{});
  const BodyId a = world.addBody(box("a", {1.0, 1.0, 1.0}, 1.0, {0.0, 5.0, 0.0})).value();
  EXPECT_THROW((void)world.bodyState(BodyId(99)), skillsim::core::ContractViolation);
  EXPECT_THROW(world.setKinematicPose(a, {}, {}), skillsim::core::ContractViolation);
  EXPECT_THROW(World(WorldSettings{.timeStep = 0.0}), skillsim::core::ContractViolation);
}
