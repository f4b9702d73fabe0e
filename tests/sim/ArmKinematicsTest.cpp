// The industrial robot's arm kinematics (issue 16, point 1): hand-worked forward kinematics of
// the ABB IRB 120 geometry, FK(IK(pose)) = pose over random reachable poses in all eight
// configurations, and each refusal (reach, joint limit, singularities) with its message.

#include <skillsim/sim/machines/industrial_robot/ArmKinematics.h>

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <random>

namespace skillsim::sim::robot {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

/** Angle (rad) of the rotation between two orientations. */
double angleBetween(const glm::dquat& a, const glm::dquat& b) {
  const glm::dquat d = glm::conjugate(a) * b;
  const double v = std::sqrt(d.x * d.x + d.y * d.y + d.z * d.z);
  return 2.0 * std::atan2(v, std::abs(d.w));
}

glm::dvec3 axisZ(const glm::dquat& q) { return q * glm::dvec3(0.0, 0.0, 1.0); }

TEST(ArmKinematics, AllAxesZeroPutsTheFlangeAtTheDatasheetPosition) {
  // IRB 120 at its calibration position: tool0 at x = c3 + c4 = 374 mm, z = c1 + c2 + a2 = 630 mm,
  // pointing forward (+x).
  const ArmKinematics arm;
  const Pose p = arm.forward({0, 0, 0, 0, 0, 0});
  EXPECT_NEAR(p.position.x, 0.374, 1e-12);
  EXPECT_NEAR(p.position.y, 0.0, 1e-12);
  EXPECT_NEAR(p.position.z, 0.630, 1e-12);
  const glm::dvec3 z = axisZ(p.orientation);
  EXPECT_NEAR(z.x, 1.0, 1e-12);
  EXPECT_NEAR(z.z, 0.0, 1e-12);
}

TEST(ArmKinematics, UpperArmForwardAndAxis1QuarterTurnHandWorked) {
  // Axis 2 at 90°: the upper arm lies forward, the elbow at (0.270, 0, 0.290); the forearm points
  // down with its offset forward: wrist centre (0.270 + 0.070, 0, 0.290 - 0.302) = (0.340, 0,
  // -0.012); the flange 72 mm below: (0.340, 0, -0.084), z axis down. Axis 1 at 90° turns all of
  // it onto +y.
  const ArmKinematics arm;
  const Pose p = arm.forward({90 * kDeg, 90 * kDeg, 0, 0, 0, 0});
  EXPECT_NEAR(p.position.x, 0.0, 1e-12);
  EXPECT_NEAR(p.position.y, 0.340, 1e-12);
  EXPECT_NEAR(p.position.z, -0.084, 1e-12);
  EXPECT_NEAR(axisZ(p.orientation).z, -1.0, 1e-12);
  const glm::dvec3 w = arm.wristCentre({90 * kDeg, 90 * kDeg, 0, 0, 0, 0});
  EXPECT_NEAR(w.y, 0.340, 1e-12);
  EXPECT_NEAR(w.z, -0.012, 1e-12);
  // Axis 5 at 90° turns the flange axis from forward to down: flange 72 mm under the wrist
  // centre (c3, 0, c1 + c2 + a2) = (0.302, 0, 0.630).
  const Pose bent = arm.forward({0, 0, 0, 0, 90 * kDeg, 0});
  EXPECT_NEAR(bent.position.x, 0.302, 1e-12);
  EXPECT_NEAR(bent.position.z, 0.630 - 0.072, 1e-12);
  EXPECT_NEAR(axisZ(bent.orientation).z, -1.0, 1e-12);
}

TEST(ArmKinematics, ForwardOfInverseIsThePoseOverTenThousandPosesInEveryConfiguration) {
  const ArmKinematics arm;
  std::mt19937_64 rng(16);
  // Joint angles well inside the singularity margins, so every branch exists (limits off: the
  // law holds for the geometry; limits are checked below).
  std::uniform_real_distribution<double> q1(-160 * kDeg, 160 * kDeg), q2(-100 * kDeg, 100 * kDeg),
      q3(-105 * kDeg, 65 * kDeg), q4(-155 * kDeg, 155 * kDeg), q5(10 * kDeg, 115 * kDeg),
      q6(-175 * kDeg, 175 * kDeg), sign(-1.0, 1.0);
  IkOptions options;
  options.checkLimits = false;
  int solved[8] = {};
  double worstPosition = 0.0, worstAngle = 0.0, worstJoint = 0.0;
  int poses = 0;
  while (poses < 10000) {
    JointAngles q{q1(rng), q2(rng), q3(rng), q4(rng), q5(rng), q6(rng)};
    if (sign(rng) < 0.0) {
      q[4] = -q[4];
    }
    const glm::dvec3 w = arm.wristCentre(q);
    const double elbow = std::remainder(q[2] + std::atan2(0.302, 0.070), 2 * std::numbers::pi);
    if (std::hypot(w.x, w.y) < 0.02 || std::abs(elbow) < 2 * kDeg || std::abs(elbow) > 178 * kDeg) {
      continue; // near the shoulder or elbow singularity: not a pose of this law
    }
    ++poses;
    const Pose target = arm.forward(q);
    for (int c = 0; c < 8; ++c) {
      const ArmConfiguration config = ArmConfiguration::fromIndex(c);
      auto solution = arm.inverse(target, config, options);
      if (!solution) {
        // Only a branch whose other arm pose is out of reach or singular may fail.
        const IkFailureKind kind = solution.error().kind;
        ASSERT_TRUE(kind == IkFailureKind::OutOfReach || kind == IkFailureKind::WristSingular ||
                    kind == IkFailureKind::ElbowSingular)
            << "pose " << poses << " configuration " << c;
        continue;
      }
      ++solved[c];
      EXPECT_EQ(arm.configurationOf(*solution), config) << "pose " << poses;
      const Pose back = arm.forward(*solution);
      worstPosition = std::max(worstPosition, glm::length(back.position - target.position));
      worstAngle = std::max(worstAngle, angleBetween(back.orientation, target.orientation));
      if (config == arm.configurationOf(q)) {
        for (std::size_t i = 0; i < 6; ++i) {
          worstJoint = std::max(
              worstJoint, std::abs(std::remainder((*solution)[i] - q[i], 2 * std::numbers::pi)));
        }
      }
    }
  }
  EXPECT_LT(worstPosition, 1e-9);
  EXPECT_LT(worstAngle, 1e-9);
  EXPECT_LT(worstJoint, 1e-9); // the pose's own branch gives back its joint angles
  // Every branch was exercised on a large share of the poses (the shoulder-back branches need the
  // wrist within reach behind axis 1, so fewer).
  for (int c = 0; c < 8; ++c) {
    EXPECT_GT(solved[c], 2000) << "configuration " << c;
  }
  std::printf("IK round trip over %d poses: worst position %.3g m, worst angle %.3g rad\n", poses,
              worstPosition, worstAngle);
}

TEST(ArmKinematics, AFarTargetIsOutOfReachWithTheReachInTheMessage) {
  const ArmKinematics arm;
  Pose far;
  far.position = {1.0, 0.0, 0.4};
  far.orientation = glm::angleAxis(std::numbers::pi / 2, glm::dvec3(0, 1, 0));
  auto r = arm.inverse(far, {});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, IkFailureKind::OutOfReach);
  // Wrist centre 72 mm behind the flange along its z axis: (0.928, 0, 0.4), 0.93450 m (934.497
  // mm) from axis 2 at (0, 0, 0.29); reach 0.270 + hypot(0.070, 0.302) = 0.580 m.
  EXPECT_NEAR(r.error().value, std::hypot(0.928, 0.11), 1e-12);
  EXPECT_NEAR(r.error().limit, 0.270 + std::hypot(0.070, 0.302), 1e-12);
  EXPECT_EQ(describeEn(r.error()),
            "Target out of reach: the wrist would be 934 mm from the shoulder, the arm reaches "
            "580 mm.");
  EXPECT_NE(describeZh(r.error()).find("580 毫米"), std::string::npos);
}

TEST(ArmKinematics, AxisFiveAtZeroIsTheWristSingularity) {
  const ArmKinematics arm;
  const Pose p = arm.forward({0.3, 0.2, -0.1, 0.5, 2.0 * kDeg, 0.4});
  auto r = arm.inverse(p, {});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, IkFailureKind::WristSingular);
  EXPECT_NEAR(r.error().value, 2.0 * kDeg, 1e-9);
  EXPECT_EQ(describeEn(r.error()), "Near the wrist singularity: axis 5 at 2.0° (within 5.0° of "
                                   "0), axes 4 and 6 line up. Tilt the tool a little more.");
  // Just outside the margin it solves.
  EXPECT_TRUE(arm.inverse(arm.forward({0.3, 0.2, -0.1, 0.5, 6.0 * kDeg, 0.4}), {}));
}

TEST(ArmKinematics, AStretchedArmIsTheElbowSingularity) {
  const ArmKinematics arm;
  // Axis 3 = -psi: the forearm continues the upper arm's line (fully stretched).
  const double stretched = -std::atan2(0.302, 0.070);
  const Pose p = arm.forward({0, 30 * kDeg, stretched + 0.5 * kDeg, 0, 40 * kDeg, 0});
  auto r = arm.inverse(p, {});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, IkFailureKind::ElbowSingular);
  EXPECT_NEAR(r.error().value, 0.5 * kDeg, 1e-9);
}

TEST(ArmKinematics, AWristCentreAboveTheBaseIsTheShoulderSingularity) {
  const ArmKinematics arm;
  Pose p;
  p.position = {0.0, 0.0, 0.75 - 0.072};
  // Flange z up (identity): the wrist centre 72 mm below the flange, on axis 1.
  auto r = arm.inverse(p, {});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, IkFailureKind::ShoulderSingular);
  EXPECT_EQ(describeEn(r.error()), "Near the shoulder singularity: the wrist is 0 mm from axis 1 "
                                   "(at least 10 mm needed). Move the target away from above the "
                                   "base.");
}

TEST(ArmKinematics, ABranchNeedingAxisThreeBeyondItsLimitIsRefusedWithTheAxis) {
  const ArmKinematics arm;
  // A target in front, low, in the elbow-down branch: axis 3 would pass +70°.
  const JointAngles q{0, -20 * kDeg, 60 * kDeg, 0, 60 * kDeg, 0};
  const Pose p = arm.forward(q);
  ASSERT_TRUE(arm.inverse(p, arm.configurationOf(q)));
  ArmConfiguration other = arm.configurationOf(q);
  other.elbowDown = !other.elbowDown;
  auto r = arm.inverse(p, other);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, IkFailureKind::JointLimit);
  EXPECT_GE(r.error().axis, 2);
  const std::string text = describeEn(r.error());
  EXPECT_NE(text.find("beyond its limit of"), std::string::npos) << text;
  EXPECT_EQ(text.find("rad"), std::string::npos) << text;
  // With limits off the same branch solves and reaches the pose.
  IkOptions off;
  off.checkLimits = false;
  auto free = arm.inverse(p, other, off);
  ASSERT_TRUE(free);
  EXPECT_LT(glm::length(arm.forward(*free).position - p.position), 1e-12);
  EXPECT_TRUE(arm.limitViolation(*free).has_value());
}

TEST(ArmKinematics, AxisSixTakesTheTurnNearestTheSeed) {
  const ArmKinematics arm;
  const JointAngles q{0.1, 0.2, 0.1, 0.3, 0.7, 300 * kDeg}; // beyond half a turn, within ±400°
  const Pose p = arm.forward(q);
  auto plain = arm.inverse(p, arm.configurationOf(q));
  ASSERT_TRUE(plain);
  EXPECT_NEAR((*plain)[5], -60 * kDeg, 1e-9);
  IkOptions seeded;
  seeded.seed = &q;
  auto near = arm.inverse(p, arm.configurationOf(q), seeded);
  ASSERT_TRUE(near);
  EXPECT_NEAR((*near)[5], 300 * kDeg, 1e-9);
}

TEST(ArmKinematics, PoseComposeAndInverseUndoEachOther) {
  Pose a{{0.1, -0.2, 0.3}, glm::angleAxis(0.4, glm::normalize(glm::dvec3(1, 2, 3)))};
  Pose b{{0.5, 0.25, -0.1}, glm::angleAxis(-1.1, glm::normalize(glm::dvec3(0, 1, -1)))};
  const Pose ab = compose(a, b);
  const Pose back = compose(inverse(a), ab);
  EXPECT_LT(glm::length(back.position - b.position), 1e-15);
  EXPECT_LT(angleBetween(back.orientation, b.orientation), 1e-12);
  // b's origin lands at a's position plus a's rotation of it (independent: the matrix form).
  const glm::dvec3 expected = a.position + glm::mat3_cast(a.orientation) * b.position;
  EXPECT_LT(glm::length(ab.position - expected), 1e-15);
}

} // namespace
} // namespace skillsim::sim::robot
