// Physical laws and contracts of the Bullet wrapper (STYLE.md: assert laws, not magic numbers).
#include <skillsim/physics/World.h>

#include <skillsim/core/Check.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <tuple>
#include <vector>

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
  // Expected: 0.5 g (sin - mu cos) t^2 = 0.38 m at +1 degree (27.57 degrees, 2 s).
  const double theta = (critical + 1.0) * std::numbers::pi / 180.0;
  const double law = 0.5 * kG * (std::sin(theta) - mu * std::cos(theta)) * 4.0;
  // Measured 0.95 of it: the net acceleration is only 0.19 m/s^2, so the few steps the solver
  // takes to let the resting block go cost 5 %; at +3 and +10 degrees it is within 0.3 %.
  EXPECT_NEAR(above / law, 1.0, 0.1) << "slid " << above << " m";
}

namespace {

/** What one drop of a ball on the ground does: the step that reverses it, and the bounce. */
struct Bounce {
  double approach = 0.0; ///< Downward speed at the end of the step before the impact step (m/s).
  double depth = 0.0;    ///< How far the ball is in the ground at the impact step's start (m).
  double rebound = 0.0;  ///< Upward speed after the impact step (m/s).
  double lift = 0.0;     ///< Height of the ball's bottom after the impact step (m).
  double apex = 0.0;     ///< Highest point of the ball's bottom after the bounce (m).
};

/** Drops a 0.2 m ball of restitution `ball` from `height` (its bottom) on a ground of `floor`. */
Bounce dropBall(double ball, double floor, double height, double hz = 240.0) {
  World world(WorldSettings{.timeStep = 1.0 / hz});
  BodyDesc g = ground();
  g.restitution = floor;
  world.addBody(g).value();
  BodyDesc d;
  d.name = "ball";
  d.shape.kind = ShapeKind::Sphere;
  d.shape.size = glm::dvec3(0.2);
  d.motion = Motion::Dynamic;
  d.mass = 1.0;
  d.restitution = ball;
  d.position = {0.0, height + 0.1, 0.0};
  const BodyId id = world.addBody(d).value();
  Bounce b;
  BodyState before = world.bodyState(id);
  for (int i = 0; i < static_cast<int>(hz * 4.0); ++i) {
    world.step();
    const BodyState s = world.bodyState(id);
    if (b.rebound == 0.0 && s.linearVelocity.y > 0.0) {
      b.approach = -before.linearVelocity.y;
      b.depth = 0.1 - before.position.y;
      b.rebound = s.linearVelocity.y;
      b.lift = s.position.y - 0.1;
    }
    if (b.rebound > 0.0) {
      if (s.linearVelocity.y < 0.0 && s.position.y - 0.1 < b.apex) {
        break; // falling again: the apex is behind
      }
      b.apex = std::max(b.apex, s.position.y - 0.1);
    }
    before = s;
  }
  return b;
}

} // namespace

// The contact model, measured (Bullet 3.24's sequential-impulse solver as World configures it):
// a contact appears when the ball is within 2 mm of the ground (the sphere's breaking threshold,
// 0.02 x its radius) or already in it, and the impact step sets the normal velocity to
//   v_out = e v_in + ERP d / dt   (d: depth into the ground at the step's start)
//   v_out = e v_in - s / dt       (s: gap still left at the step's start, a speculative contact)
// with ERP = btContactSolverInfo::m_erp2 = 0.2, the contacts' error reduction, and
// v_in the approach speed before that step's gravity: Bullet folds the positional correction
// of shallow penetrations (< 4 cm, where split impulse would take over) into the velocity. So one
// bounce's apparent restitution is e plus up to ERP (+0.2), depending on where in a step the ball
// arrives; averaged over arrival phases it is about e + 0.1, which is the "~10 % high" bounce the
// old test tolerated with +-30 %. Here each drop is checked against that formula to 1 mm/s (float
// rounding of the ~6 m/s speeds is ~1e-6), and its apex against the discrete ballistic arc.
TEST(World, BounceFollowsTheRestitutionAndContactModel) {
  const double dt = 1.0 / 240.0;
  const double erp = 0.2; // btContactSolverInfo::m_erp2 (contacts), Bullet's default, kept
  for (const double e : {0.3, 0.5, 0.8}) {
    for (const double height : {0.5, 1.0, 2.0}) {
      const Bounce b = dropBall(e, 0.0, height);
      SCOPED_TRACE("e " + std::to_string(e) + ", drop " + std::to_string(height) + " m");
      ASSERT_GT(b.rebound, 0.0);
      // Free fall up to the impact: sqrt(2 g h) within the one step's speed g dt.
      EXPECT_NEAR(b.approach, std::sqrt(2.0 * kG * height), kG * dt);
      EXPECT_LT(b.depth, b.approach * dt); // it arrived during the last step
      const double model = b.depth > 0.0 ? e * b.approach + erp * b.depth / dt
                                         : e * b.approach + b.depth / dt; // depth < 0: a gap
      EXPECT_NEAR(b.rebound, model, 1e-3);
      // The apparent restitution stays within [e - 2 mm / (v dt), e + ERP].
      EXPECT_GE(b.rebound / b.approach, e - 0.002 / (b.approach * dt) - 1e-4);
      EXPECT_LE(b.rebound / b.approach, e + erp + 1e-4);
      // Semi-implicit Euler from the rebound speed: the sum of (v - k g dt) dt over the rising
      // steps is v^2 / 2g - v dt / 2 to within g dt^2 / 8 (0.02 mm), above where the impact step
      // left the ball.
      const double arc = b.lift + b.rebound * b.rebound / (2.0 * kG) - b.rebound * dt / 2.0;
      EXPECT_NEAR(b.apex, arc, 1e-3);
    }
  }
  // The 2 m drop in numbers (measured): the impact step starts 6.45 mm deep at 6.254 m/s, so
  // e = 0.5 rebounds at 3.437 m/s (apparent 0.5495) to 0.603 m, not e^2 h = 0.5 m.
  const Bounce two = dropBall(0.5, 0.0, 2.0);
  EXPECT_NEAR(two.rebound / two.approach, 0.5495, 0.001);
  EXPECT_NEAR(two.apex, 0.603, 0.002);
}

// Restitution of a contact is the larger of the two bodies' (BodyDesc): the ball's 0.5 on a dead
// ground bounces exactly as a dead ball on a ground of 0.5. A product would give no bounce at all
// (apparent restitution ERP d / (dt v) = 0.05 only), an average 0.25.
TEST(World, RestitutionOfAContactIsTheLargerOfTheTwo) {
  const Bounce ballBouncy = dropBall(0.5, 0.0, 2.0);
  const Bounce groundBouncy = dropBall(0.0, 0.5, 2.0);
  EXPECT_DOUBLE_EQ(ballBouncy.rebound, groundBouncy.rebound);
  const Bounce both = dropBall(0.5, 0.3, 2.0);
  EXPECT_DOUBLE_EQ(both.rebound, ballBouncy.rebound);
  const Bounce dead = dropBall(0.0, 0.0, 2.0);
  const double dt = 1.0 / 240.0;
  // Without restitution only the positional correction lifts it: ERP d / dt = 0.31 m/s.
  EXPECT_NEAR(dead.rebound, 0.2 * dead.depth / dt, 1e-3);
  EXPECT_GT(ballBouncy.rebound, dead.rebound + 0.45 * ballBouncy.approach);
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

// The gap an examiner judges a touch's end by (contact_count hysteresis, issue 13): the distance
// between the shapes, up to a range; beyond it nothing.
TEST(World, SeparationIsTheGapBetweenTheShapesUpToTheRange) {
  World world(WorldSettings{});
  const BodyId g = world.addBody(ground()).value();
  const BodyId a = world.addBody(box("a", {1.0, 1.0, 1.0}, 0.0, {0.0, 0.5, 0.0})).value();
  const BodyId b = world.addBody(box("b", {1.0, 1.0, 1.0}, 0.0, {1.3, 0.5, 0.0})).value();
  const BodyId c = world.addBody(box("c", {0.4, 0.4, 0.4}, 0.0, {0.0, 1.5, 0.0})).value();
  // Faces 0.3 m apart along x: the gap is 0.3 m (within Bullet's single precision and margins).
  auto ab = world.separation(a, b, 1.0);
  ASSERT_TRUE(ab);
  EXPECT_NEAR(*ab, 0.3, 1e-3);
  EXPECT_EQ(world.separation(b, a, 1.0), ab); // symmetric
  EXPECT_FALSE(world.separation(a, b, 0.2));  // beyond the range
  // c floats 0.3 m above a's top face (its bottom at 1.3 m), 1.3 m above the ground plane.
  auto ac = world.separation(a, c, 2.0);
  ASSERT_TRUE(ac);
  EXPECT_NEAR(*ac, 0.3, 1e-3);
  auto gc = world.separation(g, c, 2.0);
  ASSERT_TRUE(gc);
  EXPECT_NEAR(*gc, 1.3, 1e-3);
  EXPECT_FALSE(world.separation(c, g, 1.0)); // beyond the range, either order
  // Resting on the ground: touching.
  auto ga = world.separation(g, a, 0.1);
  ASSERT_TRUE(ga);
  EXPECT_NEAR(*ga, 0.0, 1e-3);
}

// Measuring gaps is a pure query: a world asked every step stays bit-identical to one not asked.
TEST(World, SeparationQueriesChangeNothingInTheRun) {
  auto simulate = [](bool ask) {
    World world(WorldSettings{});
    world.addBody(ground()).value();
    const BodyId a = world.addBody(box("a", {0.5, 0.5, 0.5}, 10.0, {0.0, 1.0, 0.0})).value();
    const BodyId b = world.addBody(box("b", {0.5, 0.5, 0.5}, 10.0, {0.2, 2.0, 0.1})).value();
    world.setVelocity(b, {0.3, 0.0, 0.0}, {0.0, 1.0, 0.5});
    for (int i = 0; i < 480; ++i) {
      world.step();
      if (ask) {
        (void)world.separation(a, b, 0.5);
        (void)world.separation(BodyId(0), a, 0.5);
      }
    }
    skillsim::core::Hasher h;
    world.hashState(h);
    return h.finish();
  };
  EXPECT_EQ(simulate(true), simulate(false));
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

// ---- Laws at more than one tick rate, energy, convergence, friction (issue 20, point 3) ----

namespace {

/** Tick rates scenarios allow (tick_rate 30..2000 Hz): the shipped 240, and 60 and 1000 Hz. */
class WorldAtTickRate : public ::testing::TestWithParam<double> {};

/** A 0.1 m bob of 1 kg on a rope of `length` from a world anchor, released at `theta0` (rad). */
struct RopePendulum {
  RopePendulum(double hz, double length, double theta0)
      : world(WorldSettings{.timeStep = 1.0 / hz}), pivot(0.0, 5.0, 0.0), length(length) {
    BodyDesc d;
    d.name = "bob";
    d.shape.kind = ShapeKind::Sphere;
    d.shape.size = glm::dvec3(0.1);
    d.motion = Motion::Dynamic;
    d.mass = 1.0;
    d.collides = false;
    d.position = pivot + length * glm::dvec3(std::sin(theta0), -std::cos(theta0), 0.0);
    bob = world.addBody(d).value();
    rope = world.addRope(RopeDesc{BodyId{}, pivot, bob, {0.0, 0.0, 0.0}, length}).value();
  }
  double angle() const {
    const glm::dvec3 r = world.bodyState(bob).position - pivot;
    return std::atan2(r.x, -r.y);
  }
  /** Kinetic plus potential energy (J; the bob hangs from its centre, so it never spins). */
  double energy() const {
    const BodyState s = world.bodyState(bob);
    const double spin = 0.4 * 0.05 * 0.05 * glm::dot(s.angularVelocity, s.angularVelocity) / 2.0;
    return glm::dot(s.linearVelocity, s.linearVelocity) / 2.0 + spin + kG * s.position.y;
  }
  World world;
  glm::dvec3 pivot;
  double length;
  BodyId bob;
  RopeId rope;
};

/**
 * theta'' = -(g / L) sin theta from rest at theta0, by classical RK4 in double precision with
 * 100 substeps per tick (global error of order (dt / 100)^4: below 1e-12 rad here, far below the
 * 1e-3 rad errors compared); the angle at the end of each of `ticks` ticks of `dt`.
 */
std::vector<double> referencePendulum(double length, double theta0, double dt, int ticks) {
  const double w2 = kG / length;
  double th = theta0;
  double om = 0.0;
  const double h = dt / 100.0;
  std::vector<double> out;
  for (int k = 0; k < ticks; ++k) {
    for (int i = 0; i < 100; ++i) {
      const double a1 = om, b1 = -w2 * std::sin(th);
      const double a2 = om + h / 2 * b1, b2 = -w2 * std::sin(th + h / 2 * a1);
      const double a3 = om + h / 2 * b2, b3 = -w2 * std::sin(th + h / 2 * a2);
      const double a4 = om + h * b3, b4 = -w2 * std::sin(th + h * a3);
      th += h / 6 * (a1 + 2 * a2 + 2 * a3 + a4);
      om += h / 6 * (b1 + 2 * b2 + 2 * b3 + b4);
    }
    out.push_back(th);
  }
  return out;
}

} // namespace

// Bullet integrates semi-implicitly (v += g dt, then x += v dt), so after n steps a dropped body
// has fallen exactly g dt^2 n (n + 1) / 2 = g t (t + dt) / 2: that, not g t^2 / 2, is the law to
// hold it to, and the difference (g t dt / 2: 4 cm at 240 Hz, 16 cm at 60 Hz) is far above the
// tolerance. The tolerance is Bullet's float rounding, worst case half an ulp a step: 2e-6 m for
// a coordinate near 50 m, 1e-6 m/s for a speed under 32 m/s (at 1000 Hz: 4 mm and 2 mm/s after
// 2000 steps, still under the 1 cm that g t dt / 2 is there).
TEST_P(WorldAtTickRate, FreeFallIsTheSemiImplicitEulerSum) {
  const double dt = 1.0 / GetParam();
  World world(WorldSettings{.timeStep = dt});
  BodyDesc ball;
  ball.name = "ball";
  ball.shape.kind = ShapeKind::Sphere;
  ball.shape.size = glm::dvec3(0.2);
  ball.motion = Motion::Dynamic;
  ball.mass = 2.0;
  ball.position = {0.0, 50.0, 0.0};
  const BodyId id = world.addBody(ball).value();
  run(world, 2.0);
  const double t = static_cast<double>(world.stepCount()) * dt;
  ASSERT_NEAR(t, 2.0, 1e-9);
  const double fallen = 50.0 - world.bodyState(id).position.y;
  const auto steps = static_cast<double>(world.stepCount());
  EXPECT_NEAR(fallen, 0.5 * kG * t * (t + dt), steps * 2e-6);
  EXPECT_NEAR(world.bodyState(id).linearVelocity.y, -kG * t, steps * 1e-6);
}

// Period of a 2 m rope pendulum released at 0.3 rad: T = 2 pi sqrt(L / g) (1 + theta0^2 / 16 +
// 11 theta0^4 / 3072) (the large-amplitude series; the next term is ~1e-6 here). Semi-implicit
// Euler shortens the period by (omega dt)^2 / 24 (6e-5 at 60 Hz); timing upward zero crossings
// with linear interpolation adds less. 5e-4 is ten times that and still a tenth of the amplitude
// term (0.56 %), so a law without it, a wrong g, L or dt fails. Measured: 1.1e-4 (60 Hz),
// 8e-6 (240 Hz), 6e-7 (1000 Hz).
TEST_P(WorldAtTickRate, RopePendulumPeriodFollowsTheLaw) {
  const double dt = 1.0 / GetParam();
  const double theta0 = 0.3;
  RopePendulum p(GetParam(), 2.0, theta0);
  std::vector<double> upward;
  double previous = p.angle();
  double t = 0.0;
  while (upward.size() < 6 && t < 30.0) {
    p.world.step();
    t += dt;
    const double now = p.angle();
    if (previous < 0.0 && now >= 0.0) {
      upward.push_back(t - dt + dt * (-previous) / (now - previous));
    }
    previous = now;
  }
  ASSERT_EQ(upward.size(), 6u);
  const double period = (upward.back() - upward.front()) / 5.0;
  const double law = 2.0 * std::numbers::pi * std::sqrt(2.0 / kG) *
                     (1.0 + theta0 * theta0 / 16.0 + 11.0 * std::pow(theta0, 4) / 3072.0);
  EXPECT_NEAR(period / law, 1.0, 5e-4) << "period " << period << " s, law " << law << " s";
  RecordProperty("period_s", std::to_string(period));
}

INSTANTIATE_TEST_SUITE_P(TickRates, WorldAtTickRate, ::testing::Values(240.0, 60.0, 1000.0),
                         [](const ::testing::TestParamInfo<double>& info) {
                           return std::to_string(static_cast<int>(info.param)) + "Hz";
                         });

// A free rope pendulum (what the crane's hook hangs on) over 60 s at 240 Hz.
// Oscillation: semi-implicit Euler conserves a modified energy H - (dt / 2) omega^2 p q exactly
// for a harmonic oscillator, so the true energy swings by omega dt / 2 of the swing energy
// (0.65 % at omega = sqrt(g / 1 m), 240 Hz) and does not drift. At 0.1 rad the pendulum is that
// oscillator: bound 1.2 x omega dt / 2 (measured 0.71 %, 1.09 x). Drift: at a hard 0.5 rad swing
// the rope's position projection takes a little energy out (measured -0.17 % in 60 s, falling as
// dt^3: -7.8 % at 60 Hz, -0.02 % at 480 Hz); bound 0.5 % of the swing energy per minute, so an
// amplitude lost to numerics in a 10-minute exam stays under 2.5 %.
TEST(World, RopePendulumConservesEnergyOverAMinute) {
  const double hz = 240.0;
  const double omegaDt = std::sqrt(kG / 1.0) / hz;
  for (const double theta0 : {0.1, 0.5}) {
    RopePendulum p(hz, 1.0, theta0);
    const double e0 = p.energy();
    const double swing = kG * 1.0 * (1.0 - std::cos(theta0)); // m g h of the release, m = 1 kg
    double worst = 0.0;
    double first = 0.0;
    double last = 0.0;
    const int steps = static_cast<int>(60.0 * hz);
    const int window = static_cast<int>(2.0 * hz); // a whole period (2.0 s) averages the swing
    for (int i = 0; i < steps; ++i) {
      p.world.step();
      const double e = p.energy();
      worst = std::max(worst, std::abs(e - e0));
      first += i < window ? e : 0.0;
      last += i >= steps - window ? e : 0.0;
    }
    const double drift = (last - first) / window / swing;
    SCOPED_TRACE("theta0 " + std::to_string(theta0));
    if (theta0 < 0.2) {
      EXPECT_LT(worst / swing, 1.2 * omegaDt / 2.0);
    }
    EXPECT_LT(std::abs(drift), 0.005) << "drift " << drift;
    RecordProperty(theta0 < 0.2 ? "energy_swing_small" : "energy_drift_large",
                   std::to_string(theta0 < 0.2 ? worst / swing : drift));
  }
}

// Semi-implicit Euler is first order: the largest angle error over 4 s against an accurate
// solution of theta'' = -(g / L) sin theta halves with the step (its positions follow Stormer-
// Verlet's, second order, but it starts with v(dt) = -a0 dt instead of -a0 dt / 2, an O(dt) error
// that persists). Ratio of errors per halving: 2^order = 2; measured 1.98 (120 -> 240 Hz) and 1.99
// (240 -> 480 Hz). A second-order integrator would give 4, an inconsistent one about 1.
TEST(World, RopePendulumErrorFallsAsFirstOrderAsTheStepShrinks) {
  const double length = 1.0;
  const double theta0 = 0.5;
  std::vector<double> errors;
  for (const double hz : {120.0, 240.0, 480.0}) {
    RopePendulum p(hz, length, theta0);
    const int ticks = static_cast<int>(4.0 * hz);
    const std::vector<double> exact = referencePendulum(length, theta0, 1.0 / hz, ticks);
    double worst = 0.0;
    for (int i = 0; i < ticks; ++i) {
      p.world.step();
      worst = std::max(worst, std::abs(p.angle() - exact[static_cast<std::size_t>(i)]));
    }
    errors.push_back(worst);
  }
  // First-order size: the initial velocity error a0 dt / 2 over omega, ~ 0.0035 rad at 240 Hz.
  EXPECT_LT(errors[1], 0.005);
  EXPECT_NEAR(errors[0] / errors[1], 2.0, 0.2) << errors[0] << " " << errors[1];
  EXPECT_NEAR(errors[1] / errors[2], 2.0, 0.2) << errors[1] << " " << errors[2];
  RecordProperty("ratio_120_240", std::to_string(errors[0] / errors[1]));
  RecordProperty("ratio_240_480", std::to_string(errors[1] / errors[2]));
}

namespace {

/** Slides a 10 kg box (1 x 0.5 x 1 m) of friction `muBox` on a ground of `muGround` at `v0`. */
struct Slide {
  double distance = 0.0; ///< m, from the push to rest.
  double time = 0.0;     ///< s, until the speed first reaches zero.
};

Slide slide(double muBox, double muGround, double v0) {
  World world(WorldSettings{});
  BodyDesc g = ground();
  g.friction = muGround;
  world.addBody(g).value();
  BodyDesc d = box("crate", {1.0, 0.5, 1.0}, 10.0, {0.0, 0.25, 0.0});
  d.friction = muBox;
  const BodyId id = world.addBody(d).value();
  run(world, 0.5); // settle on the ground
  world.setVelocity(id, {v0, 0.0, 0.0}, {0.0, 0.0, 0.0});
  const double x0 = world.bodyState(id).position.x;
  Slide s;
  for (int i = 0; i < 240 * 5; ++i) {
    world.step();
    if (s.time == 0.0 && world.bodyState(id).linearVelocity.x <= 1e-3) {
      s.time = (i + 1) / 240.0;
    }
  }
  s.distance = world.bodyState(id).position.x - x0;
  return s;
}

} // namespace

// Kinetic friction: a box pushed to v0 on level ground stops after d = v0^2 / (2 mu g) in
// t = v0 / (mu g). The step shortens d by v0 dt / 2 (0.6 cm here). Bullet's box-on-plane friction
// acts at four corner contacts, each clamped to mu times its own normal impulse; the friction
// torque rocks the box (it dips by up to 2 mm), which makes the stop measured at 240 Hz 2.0 %
// short of the law (0.9-4.6 % short for other box sizes tried at 240 and 480 Hz; at 60 Hz it
// overshoots by 6-10 %, so this law is held at the scenarios' 240 Hz). Bound 5 %: a wrong
// combination rule misses by 20 % or more (see the next test).
TEST(World, KineticFrictionStopsASlidingBoxInVSquaredOverTwoMuG) {
  const double mu = 0.4;
  const double v0 = 3.0;
  const Slide s = slide(mu, mu, v0);
  const double law = v0 * v0 / (2.0 * mu * kG) - v0 / 240.0 / 2.0;
  EXPECT_NEAR(s.distance / law, 1.0, 0.05) << "slid " << s.distance << " m, law " << law << " m";
  EXPECT_NEAR(s.time / (v0 / (mu * kG)), 1.0, 0.05) << "stopped after " << s.time << " s";
  RecordProperty("stopping_distance_m", std::to_string(s.distance));
}

// Two materials: World sets Bullet's gCalculateCombinedFrictionCallback to the geometric mean
// sqrt(mu_a mu_b) (BodyDesc), replacing Bullet's default product (btManifoldResult's
// calculateCombinedFriction, clamped to 10). A 0.2 box on a 0.8 ground therefore slides as a
// 0.4 box on a 0.4 ground (0.2 x 0.8 = 0.4 x 0.4): 1.15 m from 3 m/s. The product (0.16) would
// give 2.87 m, the minimum (0.2) 2.29 m, the mean (0.5) 0.92 m, the maximum (0.8) 0.57 m.
TEST(World, FrictionOfTwoMaterialsIsTheGeometricMean) {
  const double v0 = 3.0;
  const Slide mixed = slide(0.2, 0.8, v0);
  const Slide swapped = slide(0.8, 0.2, v0);
  const Slide even = slide(0.4, 0.4, v0);
  EXPECT_NEAR(mixed.distance, even.distance, 1e-4);
  EXPECT_NEAR(swapped.distance, mixed.distance, 1e-4) << "the rule is symmetric";
  const double geometric = v0 * v0 / (2.0 * std::sqrt(0.2 * 0.8) * kG);
  EXPECT_NEAR(mixed.distance / geometric, 1.0, 0.05);
  for (const double other : {0.2 * 0.8, 0.2, 0.5, 0.8}) { // product, min, mean, max
    const double wrong = v0 * v0 / (2.0 * other * kG);
    EXPECT_GT(std::abs(mixed.distance / wrong - 1.0), 0.15) << "matches mu = " << other;
  }
}

// ---- Public functions no other test reached (issue 20, point 7) ----

// An impulse J at a world point r from the centre of mass: dv = J / m, dw = I^-1 (r x J). A 2 kg
// 1 m cube has I = m (1 + 1) / 12 = 1/3 kg m^2 about each axis, so J = (0, 0, 4) N s at
// r = (0.5, 0, 0) gives v = (0, 0, 2) m/s and w = (0, -6, 0) rad/s. Gravity is off.
TEST(World, ApplyImpulseChangesMomentumAndSpinAsNewtonSays) {
  World world(WorldSettings{.gravity = {0.0, 0.0, 0.0}});
  const BodyId cube = world.addBody(box("cube", {1.0, 1.0, 1.0}, 2.0, {1.0, 3.0, -2.0})).value();
  world.applyImpulse(cube, {0.0, 0.0, 4.0}, {1.5, 3.0, -2.0});
  BodyState s = world.bodyState(cube);
  EXPECT_NEAR(s.linearVelocity.x, 0.0, 1e-6);
  EXPECT_NEAR(s.linearVelocity.z, 2.0, 1e-6);
  EXPECT_NEAR(s.angularVelocity.x, 0.0, 1e-6);
  EXPECT_NEAR(s.angularVelocity.y, -6.0, 1e-5);
  EXPECT_NEAR(s.angularVelocity.z, 0.0, 1e-6);
  // It carries on: 1 s later the centre has moved 2 m along +Z and the body turned 6 rad.
  run(world, 1.0);
  s = world.bodyState(cube);
  EXPECT_NEAR(s.position.z, -2.0 + 2.0, 1e-4);
  EXPECT_NEAR(s.position.x, 1.0, 1e-4);
  EXPECT_NEAR(s.linearVelocity.z, 2.0, 1e-6);

  // Through the centre of mass: no spin, and impulses add (two of 3 N s on 3 kg: 2 m/s).
  const BodyId ball = world.addBody(box("ball", {0.5, 0.5, 0.5}, 3.0, {10.0, 0.0, 0.0})).value();
  world.applyImpulse(ball, {3.0, 0.0, 0.0}, {10.0, 0.0, 0.0});
  world.applyImpulse(ball, {3.0, 0.0, 0.0}, {10.0, 0.0, 0.0});
  EXPECT_NEAR(world.bodyState(ball).linearVelocity.x, 2.0, 1e-6);
  EXPECT_NEAR(glm::length(world.bodyState(ball).angularVelocity), 0.0, 1e-9);

  // Only dynamic bodies take impulses.
  const BodyId wall = world.addBody(box("wall", {1.0, 1.0, 1.0}, 0.0, {0.0, 0.0, 5.0})).value();
  EXPECT_THROW(world.applyImpulse(wall, {1.0, 0.0, 0.0}, {0.0, 0.0, 5.0}),
               skillsim::core::ContractViolation);
}

// Two crates dropped on one pedestal, collisions off between the first crate and the pedestal:
// it falls through onto the ground, the other rests on top, and the ground still holds it.
// Turned back on, the pair collides again (a third crate, after off then on, rests on top).
TEST(World, SetCollisionBetweenStopsAndResumesOnePairOnly) {
  World world(WorldSettings{});
  const BodyId g = world.addBody(ground()).value();
  const BodyId pedestal =
      world.addBody(box("pedestal", {4.0, 1.0, 2.0}, 0.0, {0.0, 0.5, 0.0})).value();
  const BodyId ghost = world.addBody(box("ghost", {0.5, 0.5, 0.5}, 5.0, {-1.0, 2.0, 0.0})).value();
  const BodyId solid = world.addBody(box("solid", {0.5, 0.5, 0.5}, 5.0, {1.0, 2.0, 0.0})).value();
  world.setCollisionBetween(ghost, pedestal, false);
  run(world, 2.0);
  EXPECT_NEAR(world.bodyState(ghost).position.y, 0.25, 0.01) << "through the pedestal";
  EXPECT_NEAR(world.bodyState(solid).position.y, 1.25, 0.01) << "on the pedestal";
  const auto pairs = world.contactsNow();
  auto touching = [&](BodyId a, BodyId b) {
    const auto key = a.index() < b.index() ? std::pair{a, b} : std::pair{b, a};
    return std::find(pairs.begin(), pairs.end(), key) != pairs.end();
  };
  EXPECT_FALSE(touching(ghost, pedestal));
  EXPECT_TRUE(touching(g, ghost));
  EXPECT_TRUE(touching(pedestal, solid));

  const BodyId third = world.addBody(box("third", {0.5, 0.5, 0.5}, 5.0, {0.0, 2.0, 0.0})).value();
  world.setCollisionBetween(third, pedestal, false);
  world.setCollisionBetween(third, pedestal, true);
  run(world, 2.0);
  EXPECT_NEAR(world.bodyState(third).position.y, 1.25, 0.01) << "collisions resumed";
}

// A motor changed while the simulation runs. The 5 kg, 2 m arm hinged at one end needs
// m g L / 2 = 49 N m to hold it level. With no motor it falls; a 500 N m motor turns it at its
// target speed, either way; a 20 N m motor cannot hold it (the motor never exceeds its force,
// which World turns into Bullet's per-step impulse force * dt, so this holds at any tick rate).
TEST(World, SetJointMotorChangesAMotorWhileRunning) {
  for (const double hz : {240.0, 60.0}) {
    SCOPED_TRACE(std::to_string(hz) + " Hz");
    World world(WorldSettings{.timeStep = 1.0 / hz});
    const BodyId arm = world.addBody(box("arm", {2.0, 0.1, 0.1}, 5.0, {1.0, 2.0, 0.0})).value();
    JointDesc hinge;
    hinge.kind = JointKind::Hinge;
    hinge.bodyA = arm;
    hinge.pivotA = {-1.0, 0.0, 0.0};
    hinge.pivotB = {0.0, 2.0, 0.0};
    const JointId j = world.addJoint(hinge).value();
    world.setJointMotor(j, 5, JointMotor{true, 0.3, 500.0});
    run(world, 1.0);
    EXPECT_NEAR(world.jointPosition(j, 5), 0.3, 0.02);
    world.setJointMotor(j, 5, JointMotor{true, -0.6, 500.0});
    run(world, 1.0);
    EXPECT_NEAR(world.jointPosition(j, 5), -0.3, 0.03) << "reversed at 0.6 rad/s for 1 s";
    world.setJointMotor(j, 5, JointMotor{true, 0.0, 20.0}); // too weak to hold 49 N m
    run(world, 0.5);
    EXPECT_LT(world.jointPosition(j, 5), -0.5) << "a weak motor lets the arm fall";
    world.setJointMotor(j, 5, JointMotor{false, 0.0, 0.0});
    run(world, 1.0);
    EXPECT_LT(world.jointPosition(j, 5), -1.0) << "off: it hangs down (-pi/2)";
  }
  // A slider's motor set after creation drives it along X at its speed.
  World world(WorldSettings{.gravity = {0.0, 0.0, 0.0}});
  const BodyId cart = world.addBody(box("cart", {0.5, 0.5, 0.5}, 10.0, {0.0, 1.0, 0.0})).value();
  JointDesc slider;
  slider.kind = JointKind::Slider;
  slider.bodyA = cart;
  slider.pivotB = {0.0, 1.0, 0.0};
  const JointId s = world.addJoint(slider).value();
  run(world, 0.5);
  EXPECT_NEAR(world.jointPosition(s, 0), 0.0, 1e-4) << "no motor: it stays";
  world.setJointMotor(s, 0, JointMotor{true, 0.8, 1000.0});
  run(world, 1.0);
  EXPECT_NEAR(std::abs(world.jointPosition(s, 0)), 0.8, 0.02);
  EXPECT_NEAR(std::abs(world.bodyState(cart).linearVelocity.x), 0.8, 0.01);
  // Only DoFs that exist take motors.
  EXPECT_THROW(world.setJointMotor(s, 5, JointMotor{true, 1.0, 1.0}),
               skillsim::core::ContractViolation);
  EXPECT_THROW(world.setJointMotor(s, 6, JointMotor{true, 1.0, 1.0}),
               skillsim::core::ContractViolation);
}

// Two loads on two ropes; removing one drops its load in free fall (g t^2 / 2 within a step's
// g t dt) while the other keeps hanging, and the removed rope can no longer be asked about.
TEST(World, RemoveRopeDropsItsLoadAndLeavesTheOther) {
  World world(WorldSettings{});
  const BodyId a = world.addBody(box("a", {0.5, 0.5, 0.5}, 100.0, {0.0, 7.0, 0.0})).value();
  const BodyId b = world.addBody(box("b", {0.5, 0.5, 0.5}, 100.0, {3.0, 7.0, 0.0})).value();
  const RopeId ra =
      world.addRope(RopeDesc{BodyId{}, {0.0, 10.0, 0.0}, a, {0.0, 0.25, 0.0}, 2.75}).value();
  const RopeId rb =
      world.addRope(RopeDesc{BodyId{}, {3.0, 10.0, 0.0}, b, {0.0, 0.25, 0.0}, 2.75}).value();
  run(world, 1.0);
  EXPECT_NEAR(world.bodyState(a).position.y, 7.0, 0.01);
  world.removeRope(ra);
  EXPECT_FALSE(world.hasRope(ra));
  EXPECT_TRUE(world.hasRope(rb));
  const double y0 = world.bodyState(a).position.y;
  run(world, 0.5);
  const double fallen = y0 - world.bodyState(a).position.y;
  EXPECT_NEAR(fallen, 0.5 * kG * 0.25, kG * 0.5 / 240.0);
  EXPECT_NEAR(world.bodyState(b).position.y, 7.0, 0.01) << "the other rope still holds";
  EXPECT_NEAR(world.ropeTension(rb), 100.0 * kG, 0.01 * 100.0 * kG);
  EXPECT_THROW((void)world.ropeLength(ra), skillsim::core::ContractViolation);
  EXPECT_THROW(world.removeRope(ra), skillsim::core::ContractViolation);
  // The state hash still covers the world (a removed rope counts as gone).
  skillsim::core::Hasher h;
  world.hashState(h);
  (void)h.finish();
}

// The anchors in world coordinates: the trolley end at its pose plus its offset, the load end on
// the load wherever it turns. Both follow a kinematic move; their distance is the rope's span.
TEST(World, RopeAnchorsAreTheAnchorPointsInTheWorld) {
  World world(WorldSettings{});
  BodyDesc trolley = box("trolley", {1.0, 0.5, 1.0}, 0.0, {2.0, 10.0, 1.0});
  trolley.motion = Motion::Kinematic;
  trolley.collides = false;
  const BodyId t = world.addBody(trolley).value();
  BodyDesc beam = box("beam", {2.0, 0.2, 0.2}, 50.0, {2.5, 7.0, 1.0});
  beam.linearDamping = 0.9; // so that it comes to rest within the test
  beam.angularDamping = 0.9;
  const BodyId load = world.addBody(beam).value();
  // Hooked 0.5 m off the beam's centre: it comes to hang tilted.
  const RopeId rope =
      world.addRope(RopeDesc{t, {0.0, -0.25, 0.0}, load, {0.5, 0.1, 0.0}, 2.65}).value();
  auto [a, b] = world.ropeAnchors(rope);
  EXPECT_NEAR(glm::length(a - glm::dvec3(2.0, 9.75, 1.0)), 0.0, 1e-5);
  EXPECT_NEAR(glm::length(b - glm::dvec3(3.0, 7.1, 1.0)), 0.0, 1e-5);
  // Hanging still, the load end is straight below the trolley end, one rope length down.
  run(world, 10.0);
  std::tie(a, b) = world.ropeAnchors(rope);
  EXPECT_NEAR(b.x, a.x, 0.01);
  EXPECT_NEAR(b.z, a.z, 0.01);
  EXPECT_NEAR(a.y - b.y, 2.65, 0.01 * 2.65);
  EXPECT_NEAR(glm::length(b - world.toWorld(load, {0.5, 0.1, 0.0})), 0.0, 1e-5);
  // The trolley moves 5 cm (kinematically): its anchor with it; the load end is where the load is.
  world.setKinematicPose(t, {2.05, 10.0, 1.0}, glm::dquat(1.0, 0.0, 0.0, 0.0));
  world.step();
  std::tie(a, b) = world.ropeAnchors(rope);
  EXPECT_NEAR(glm::length(a - glm::dvec3(2.05, 9.75, 1.0)), 0.0, 1e-5);
  EXPECT_NEAR(glm::length(b - world.toWorld(load, {0.5, 0.1, 0.0})), 0.0, 1e-5);
  EXPECT_NEAR(glm::length(b - a), world.ropeSpan(rope), 1e-5);
}

TEST(World, BodiesWithTagListsThemInCreationOrder) {
  World world(WorldSettings{});
  BodyDesc g = ground(); // tags {"ground"}
  world.addBody(g).value();
  BodyDesc a = box("a", {1.0, 1.0, 1.0}, 1.0, {0.0, 1.0, 0.0});
  a.tags = {"load", "steel"};
  BodyDesc b = box("b", {1.0, 1.0, 1.0}, 0.0, {3.0, 1.0, 0.0});
  b.tags = {"pole"};
  BodyDesc c = box("c", {1.0, 1.0, 1.0}, 1.0, {6.0, 1.0, 0.0});
  c.tags = {"steel", "load"};
  BodyDesc d = box("d", {1.0, 1.0, 1.0}, 1.0, {9.0, 1.0, 0.0});
  d.tags = {};
  for (const BodyDesc& desc : {a, b, c, d}) {
    world.addBody(desc).value();
  }
  using Ids = std::vector<BodyId>;
  EXPECT_EQ(world.bodiesWithTag("load"), (Ids{BodyId(1), BodyId(3)}));
  EXPECT_EQ(world.bodiesWithTag("steel"), (Ids{BodyId(1), BodyId(3)}));
  EXPECT_EQ(world.bodiesWithTag("pole"), (Ids{BodyId(2)}));
  EXPECT_EQ(world.bodiesWithTag("ground"), (Ids{BodyId(0)}));
  EXPECT_TRUE(world.bodiesWithTag("loa").empty()) << "whole tags only";
  EXPECT_TRUE(world.bodiesWithTag("").empty());
  EXPECT_TRUE(world.bodiesWithTag("person").empty());
}

namespace {

/**
 * A 5 t block hanging at rest (velocity 0) on an elastic rope from a world anchor at y = 10:
 * 11 mm 6x36 IWRC rope on 4 falls (E A = 1e11 Pa * 0.586 * pi/4 * 0.011^2 = 5.57e6 N per fall),
 * `length` long, the block's lug at the unstretched length.
 */
struct ElasticRig {
  World world{WorldSettings{}};
  BodyId load;
  RopeId rope;
  double k = 0.0; ///< N/m, computed here from E A, falls and length
  ElasticRig(double length, double mass, double lift = 0.0) {
    const double ea = 1.0e11 * 0.586 * 0.25 * std::numbers::pi * 0.011 * 0.011;
    k = 4.0 * ea / length;
    load = world.addBody(box("load", {0.8, 0.8, 0.8}, mass, {0.0, 10.0 - length - 0.4 + lift, 0.0}))
               .value();
    RopeDesc d{{}, {0.0, 10.0, 0.0}, load, {0.0, 0.4, 0.0}, length};
    d.axialRigidity = ea;
    d.falls = 4;
    rope = world.addRope(d).value();
  }
};

} // namespace

// Hooke's law: a mass hanging still on an elastic rope stretches it by m g / k.
TEST(World, ElasticRopeStretchesByWeightOverStiffness) {
  for (double length : {2.0, 8.5}) {
    ElasticRig rig(length, 5000.0);
    EXPECT_NEAR(rig.world.ropeStiffness(rig.rope), rig.k, 1e-6 * rig.k);
    // Released from the unstretched length it bounces about the stretched position; the
    // numerical damping of the implicit spring (RopeConstraint.h) settles it within seconds.
    run(rig.world, 20.0);
    const double stretch = rig.world.ropeSpan(rig.rope) - length;
    const double law = 5000.0 * kG / rig.k; // 2 m: 4.4 mm; 8.5 m: 18.7 mm
    EXPECT_NEAR(stretch, law, 0.02 * law) << "L = " << length << " m";
    EXPECT_NEAR(rig.world.ropeTension(rig.rope), 5000.0 * kG, 0.005 * 5000.0 * kG);
    RecordProperty("stretch_m_" + std::to_string(static_cast<int>(length * 10)),
                   std::to_string(stretch));
  }
}

// The mass bounces on the rope with the spring-mass period 2 pi sqrt(m / k). Implicit Euler
// lengthens the period by w h / atan(w h) - 1 (0.4 % here, RopeConstraint.h); 2 % tolerance.
TEST(World, ElasticRopeBouncePeriodIsTwoPiRootMOverK) {
  ElasticRig rig(8.5, 5000.0);
  const double law = 2.0 * std::numbers::pi * std::sqrt(5000.0 / rig.k); // 0.274 s
  const double rest = 10.0 - 8.5 - 0.4 - 5000.0 * kG / rig.k;
  std::vector<double> crossings; // downward crossings of the rest position
  double previous = rig.world.bodyState(rig.load).position.y - rest;
  const double dt = rig.world.settings().timeStep;
  for (int i = 0; i < 240 && crossings.size() < 4; ++i) {
    rig.world.step();
    const double y = rig.world.bodyState(rig.load).position.y - rest;
    if (previous > 0.0 && y <= 0.0) {
      crossings.push_back((i + 1) * dt - dt * y / (y - previous));
    }
    previous = y;
  }
  ASSERT_EQ(crossings.size(), 4u);
  const double period = (crossings.back() - crossings.front()) / 3.0;
  EXPECT_NEAR(period, law, 0.02 * law);
  RecordProperty("period_s", std::to_string(period));
  RecordProperty("law_s", std::to_string(law));
}

TEST(World, BadElasticRopesAreRejected) {
  World world(WorldSettings{});
  const BodyId load = world.addBody(box("load", {1.0, 1.0, 1.0}, 10.0, {0.0, 5.0, 0.0})).value();
  RopeDesc d{{}, {0.0, 10.0, 0.0}, load, {0.0, 0.5, 0.0}, 4.0};
  d.axialRigidity = -1.0;
  auto negative = world.addRope(d);
  ASSERT_FALSE(negative);
  EXPECT_NE(negative.error().message.find("axial rigidity"), std::string::npos);
  d.axialRigidity = 1e6;
  d.falls = 0;
  auto noFalls = world.addRope(d);
  ASSERT_FALSE(noFalls);
  EXPECT_NE(noFalls.error().message.find("falls"), std::string::npos);
  d.falls = 1;
  EXPECT_TRUE(world.addRope(d));
  d.axialRigidity = 0.0;
  const RopeId hard = world.addRope(d).value();
  EXPECT_TRUE(std::isinf(world.ropeStiffness(hard)));
}
