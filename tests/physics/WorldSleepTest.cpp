// Sleeping bodies (BodyDesc::maySleep): a resting body falls asleep after World::kSleepDelay and
// keeps its pose exactly; a moving body, a kinematic pusher, a joint, an impulse or a velocity
// wakes it, and it then moves as a body that never slept would; two runs are bit-identical.
#include <skillsim/physics/World.h>

#include <skillsim/core/Hash.h>

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <string>
#include <utility>

using skillsim::core::BodyId;
using namespace skillsim::physics;

namespace {

constexpr double kG = 9.81;
constexpr double kDt = 1.0 / 240.0;
constexpr double kEdge = 0.04; // m, the cube's edge

BodyDesc ground() {
  BodyDesc d;
  d.name = "ground";
  d.shape.kind = ShapeKind::Plane;
  return d;
}

/** A 40 mm, 0.2 kg cube resting 1 mm above the ground at x. */
BodyDesc cube(const std::string& name, double x, bool maySleep) {
  BodyDesc d;
  d.name = name;
  d.shape.kind = ShapeKind::Box;
  d.shape.size = {kEdge, kEdge, kEdge};
  d.motion = Motion::Dynamic;
  d.mass = 0.2;
  d.position = {x, 0.5 * kEdge + 0.001, 0.0};
  d.maySleep = maySleep;
  return d;
}

/** A kinematic plate 20 x 100 x 100 mm, its centre at x, 2 mm clear of the ground. */
BodyDesc kinematicPlate(const std::string& name, double x) {
  BodyDesc d;
  d.name = name;
  d.shape.kind = ShapeKind::Box;
  d.shape.size = {0.02, 0.1, 0.1};
  d.motion = Motion::Kinematic;
  d.position = {x, 0.05 + 0.002, 0.0};
  return d;
}

void steps(World& world, int n) {
  for (int i = 0; i < n; ++i) {
    world.step();
  }
}

/** Steps until the body sleeps; returns the steps taken, or -1 after `limit` steps. */
int stepsUntilAsleep(World& world, BodyId body, int limit) {
  for (int i = 1; i <= limit; ++i) {
    world.step();
    if (world.asleep(body)) {
      return i;
    }
  }
  return -1;
}

TEST(WorldSleep, ARestingBodyFallsAsleepAfterTheDelayAndKeepsItsPose) {
  World world(WorldSettings{});
  world.addBody(ground()).value();
  const BodyId box = world.addBody(cube("box", 0.0, true)).value();
  const int n = stepsUntilAsleep(world, box, 240 * 5);
  ASSERT_GT(n, 0) << "never fell asleep in 5 s";
  // Not before it has rested kSleepDelay (0.5 s = 120 steps), nor much after landing + delay
  // (it drops 1 mm in 14 ms).
  EXPECT_GE(n, static_cast<int>(World::kSleepDelay / kDt));
  EXPECT_LE(n, static_cast<int>((World::kSleepDelay + 0.25) / kDt));
  const BodyState before = world.bodyState(box);
  EXPECT_EQ(before.linearVelocity, glm::dvec3(0.0));
  EXPECT_EQ(before.angularVelocity, glm::dvec3(0.0));
  EXPECT_NEAR(before.position.y, 0.5 * kEdge, 0.001); // on the ground
  steps(world, 480);
  EXPECT_TRUE(world.asleep(box));
  EXPECT_EQ(world.bodyState(box).position, before.position);
}

TEST(WorldSleep, ABodyThatMayNotSleepNeverSleeps) {
  World world(WorldSettings{});
  world.addBody(ground()).value();
  const BodyId box = world.addBody(cube("box", 0.0, false)).value();
  EXPECT_EQ(stepsUntilAsleep(world, box, 240 * 5), -1);
  // Switching it on later lets it sleep; switching it off wakes it.
  world.setMaySleep(box, true);
  EXPECT_GT(stepsUntilAsleep(world, box, 240 * 5), 0);
  world.setMaySleep(box, false);
  EXPECT_FALSE(world.asleep(box));
  EXPECT_EQ(stepsUntilAsleep(world, box, 240 * 3), -1);
}

/**
 * Slide distance after an impulse J on a resting cube: v0 = J / m, d = v0^2 / (2 mu g) with
 * mu = sqrt(0.6 * 0.6) = 0.6 (Coulomb friction, geometric mean; docs/simulation.md).
 */
TEST(WorldSleep, AnImpulseWakesASleepingBodyThatThenSlidesTheCoulombDistance) {
  World world(WorldSettings{});
  world.addBody(ground()).value();
  const BodyId box = world.addBody(cube("box", 0.0, true)).value();
  ASSERT_GT(stepsUntilAsleep(world, box, 240 * 5), 0);
  const glm::dvec3 start = world.bodyState(box).position;
  const double v0 = 1.0;
  world.applyImpulse(box, {0.2 * v0, 0.0, 0.0}, start);
  EXPECT_FALSE(world.asleep(box));
  steps(world, 240);
  const double expected = v0 * v0 / (2.0 * 0.6 * kG); // 0.0849 m
  EXPECT_NEAR(world.bodyState(box).position.x - start.x, expected, 0.05 * expected);
}

TEST(WorldSleep, SetVelocityWakesASleepingBody) {
  World world(WorldSettings{});
  world.addBody(ground()).value();
  const BodyId box = world.addBody(cube("box", 0.0, true)).value();
  ASSERT_GT(stepsUntilAsleep(world, box, 240 * 5), 0);
  world.setVelocity(box, {0.0, 1.0, 0.0}, glm::dvec3(0.0)); // tossed up at 1 m/s
  EXPECT_FALSE(world.asleep(box));
  const double y0 = world.bodyState(box).position.y;
  const int n = 24; // 0.1 s: the fixed step's symplectic Euler rises v n dt - g dt^2 n (n + 1) / 2
  steps(world, n);
  EXPECT_NEAR(world.bodyState(box).position.y - y0,
              1.0 * n * kDt - kG * kDt * kDt * n * (n + 1) / 2,
              1e-5); // 0.04891 m
}

/**
 * A moving cube (never sleeping) slides into a sleeping one: the struck cube wakes and ends where
 * it ends in a twin world where it never slept (within 1 mm).
 */
TEST(WorldSleep, AMovingBodyWakesASleepingOneItStrikes) {
  auto run = [](bool maySleep, bool& wasAsleep) {
    World world(WorldSettings{});
    world.addBody(ground()).value();
    const BodyId target = world.addBody(cube("target", 0.0, maySleep)).value();
    const BodyId striker = world.addBody(cube("striker", -0.3, false)).value();
    steps(world, 240);
    wasAsleep = world.asleep(target);
    world.setVelocity(striker, {2.0, 0.0, 0.0}, glm::dvec3(0.0));
    steps(world, 480);
    return world.bodyState(target).position.x;
  };
  bool sleptFirst = false;
  bool twinSlept = true;
  const double x = run(true, sleptFirst);
  const double twin = run(false, twinSlept);
  EXPECT_TRUE(sleptFirst);
  EXPECT_FALSE(twinSlept);
  EXPECT_GT(x, 0.01); // it was struck and moved (the striker reaches it at ~1 m/s)
  EXPECT_NEAR(x, twin, 0.001);
}

/** A kinematic pusher moving at 0.2 m/s wakes a sleeping cube and pushes it ahead of itself. */
TEST(WorldSleep, AKinematicBodyBeingPosedWakesASleepingOneItPushes) {
  World world(WorldSettings{});
  world.addBody(ground()).value();
  const BodyId box = world.addBody(cube("box", 0.0, true)).value();
  const BodyDesc pusher = kinematicPlate("pusher", -0.3);
  const BodyId push = world.addBody(pusher).value();
  ASSERT_GT(stepsUntilAsleep(world, box, 240 * 5), 0);
  double x = pusher.position.x;
  for (int i = 0; i < 240 * 2; ++i) { // 2 s at 0.2 m/s: the face travels from -0.29 to 0.11 m
    x += 0.2 * kDt;
    world.setKinematicPose(push, {x, pusher.position.y, 0.0}, glm::dquat(1.0, 0.0, 0.0, 0.0));
    world.step();
  }
  EXPECT_FALSE(world.asleep(box));
  // The cube's rear face is at the pusher's front face (0.11 m), give or take a mm of contact.
  EXPECT_NEAR(world.bodyState(box).position.x - 0.5 * kEdge, x + 0.01, 0.003);
}

/** A point-to-point joint to the world, 0.2 m above a sleeping cube's centre, lifts it. */
TEST(WorldSleep, AJointWakesASleepingBody) {
  World world(WorldSettings{});
  world.addBody(ground()).value();
  const BodyId box = world.addBody(cube("box", 0.0, true)).value();
  ASSERT_GT(stepsUntilAsleep(world, box, 240 * 5), 0);
  const glm::dvec3 start = world.bodyState(box).position;
  JointDesc hang;
  hang.kind = JointKind::PointToPoint;
  hang.bodyA = box;
  hang.pivotA = {0.0, 0.0, 0.0};
  hang.pivotB = start + glm::dvec3(0.0, 0.2, 0.0);
  world.addJoint(hang).value();
  EXPECT_FALSE(world.asleep(box));
  steps(world, 480);
  // The joint holds the cube's centre at its world pivot (a hanging body at rest).
  EXPECT_NEAR(world.bodyState(box).position.y, start.y + 0.2, 0.005);
}

std::string sleepRunDigest() {
  World world(WorldSettings{});
  world.addBody(ground()).value();
  const BodyId a = world.addBody(cube("a", 0.0, true)).value();
  const BodyId b = world.addBody(cube("b", -0.3, false)).value();
  steps(world, 240);
  world.setVelocity(b, {2.0, 0.0, 0.0}, glm::dvec3(0.0));
  steps(world, 240);
  world.applyImpulse(a, {0.0, 0.3, 0.0}, world.bodyState(a).position);
  steps(world, 480);
  skillsim::core::Hasher hasher;
  world.hashState(hasher);
  hasher.update(static_cast<std::uint64_t>(world.asleep(a) ? 1 : 0));
  return skillsim::core::toHex(hasher.finish());
}

TEST(WorldSleep, TwoRunsThatSleepAndWakeAreBitIdentical) {
  EXPECT_EQ(sleepRunDigest(), sleepRunDigest());
}

TEST(WorldSleep, TheStateHashCoversTheSleepState) {
  // Two worlds whose bodies have the same pose bits, one asleep and one not yet: different hashes.
  World asleep(WorldSettings{});
  World awake(WorldSettings{});
  asleep.addBody(ground()).value();
  awake.addBody(ground()).value();
  const BodyId a = asleep.addBody(cube("box", 0.0, true)).value();
  const BodyId b = awake.addBody(cube("box", 0.0, true)).value();
  ASSERT_GT(stepsUntilAsleep(asleep, a, 240 * 5), 0);
  steps(awake, static_cast<int>(asleep.stepCount()));
  awake.setMaySleep(b, false);
  awake.setMaySleep(b, true); // awake again, timer reset: same pose, other sleep state
  ASSERT_EQ(asleep.bodyState(a).position, awake.bodyState(b).position);
  skillsim::core::Hasher ha;
  skillsim::core::Hasher hb;
  asleep.hashState(ha);
  awake.hashState(hb);
  EXPECT_NE(skillsim::core::toHex(ha.finish()), skillsim::core::toHex(hb.finish()));
}

// Islands by contact (WorldSettings::islandsByContact). A cube resting 40 mm from an awake
// neighbour, or from a kinematic link swinging past: the boxes, grown by Bullet's 0.05 m margin,
// overlap, but no contact point lies within the 0.02 m threshold.
WorldSettings islandsBy(bool contact) {
  WorldSettings s;
  s.islandsByContact = contact;
  return s;
}

/** Steps until `box` sleeps beside an awake cube 40 mm away; the steps, or -1 after 5 s. */
int sleepBesideAnAwakeCube(bool byContact) {
  World world(islandsBy(byContact));
  world.addBody(ground()).value();
  const BodyId box = world.addBody(cube("box", 0.0, true)).value();
  world.addBody(cube("neighbour", kEdge + 0.040, false)).value();
  return stepsUntilAsleep(world, box, 240 * 5);
}

TEST(WorldSleep, ByContactABodyRestsAsleepBesideAnAwakeOneItDoesNotTouch) {
  EXPECT_EQ(sleepBesideAnAwakeCube(false), -1) << "Bullet's rule: one island with the awake cube";
  const int n = sleepBesideAnAwakeCube(true);
  EXPECT_GE(n, static_cast<int>(World::kSleepDelay / kDt));
  EXPECT_LE(n, static_cast<int>((World::kSleepDelay + 0.25) / kDt));
}

/**
 * A kinematic box swinging to and fro along z, its face 40 mm from a cube, for 5 s, then driven
 * through it along x at 0.2 m/s. Returns the steps until the cube first slept (-1: never) and
 * the cube's x at the end.
 */
std::pair<int, double> swingThenPush(bool byContact) {
  World world(islandsBy(byContact));
  world.addBody(ground()).value();
  const BodyId box = world.addBody(cube("box", 0.0, true)).value();
  const BodyDesc link = kinematicPlate("link", -(0.5 * kEdge + 0.040 + 0.01));
  const double y = link.position.y;
  const BodyId push = world.addBody(link).value();
  const glm::dquat level(1.0, 0.0, 0.0, 0.0);
  int slept = -1;
  for (int i = 1; i <= 240 * 5; ++i) {
    const double z = 0.05 * std::sin(2.0 * std::numbers::pi * 0.5 * i * kDt); // 0.16 m/s peak
    world.setKinematicPose(push, {link.position.x, y, z}, level);
    world.step();
    if (slept < 0 && world.asleep(box)) {
      slept = i;
    }
  }
  double x = link.position.x;
  for (int i = 0; i < 240; ++i) { // 1 s at 0.2 m/s: the face travels 0.2 m, 0.16 m into the cube
    x += 0.2 * kDt;
    world.setKinematicPose(push, {x, y, 0.0}, level);
    world.step();
  }
  EXPECT_FALSE(world.asleep(box));
  return {slept, world.bodyState(box).position.x};
}

TEST(WorldSleep, ByContactAKinematicLinkWakesOnlyTheBodiesItTouches) {
  const auto [bulletSlept, bulletX] = swingThenPush(false);
  const auto [contactSlept, contactX] = swingThenPush(true);
  EXPECT_EQ(bulletSlept, -1) << "Bullet's rule: the link's box keeps waking the cube";
  EXPECT_GT(contactSlept, 0);
  EXPECT_LE(contactSlept, static_cast<int>((World::kSleepDelay + 0.25) / kDt));
  // Either way the push wakes the cube and carries it: its rear face ends at the link's front
  // face (x + 0.01 m at the end of the push), give or take a few mm of contact.
  const double face = -(0.5 * kEdge + 0.040 + 0.01) + 0.2 + 0.01;
  EXPECT_NEAR(contactX - 0.5 * kEdge, face, 0.003);
  EXPECT_NEAR(bulletX - 0.5 * kEdge, face, 0.003);
}

TEST(WorldSleep, ByContactTwoRunsAreBitIdentical) {
  auto digest = [] {
    World world(islandsBy(true));
    world.addBody(ground()).value();
    const BodyId a = world.addBody(cube("a", 0.0, true)).value();
    const BodyId b = world.addBody(cube("b", kEdge + 0.040, true)).value();
    steps(world, 240);
    world.setVelocity(b, {-0.5, 0.0, 0.0}, glm::dvec3(0.0)); // strikes a, which wakes
    steps(world, 480);
    skillsim::core::Hasher hasher;
    world.hashState(hasher);
    hasher.update(static_cast<std::uint64_t>(world.asleep(a) ? 1 : 0));
    return skillsim::core::toHex(hasher.finish());
  };
  EXPECT_EQ(digest(), digest());
}

} // namespace
