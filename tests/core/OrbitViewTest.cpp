// The orbit camera's maths (issue 16, point 5): core::OrbitView puts the eye on the sphere of its
// distance about the focus, at the stated yaw and pitch, and keeps pitch and distance in range.
#include <skillsim/core/OrbitView.h>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numbers>

using skillsim::core::OrbitView;

namespace {

constexpr double kPi = std::numbers::pi;

void expectNear(const glm::dvec3& a, const glm::dvec3& b, double tol = 1e-12) {
  EXPECT_NEAR(a.x, b.x, tol);
  EXPECT_NEAR(a.y, b.y, tol);
  EXPECT_NEAR(a.z, b.z, tol);
}

} // namespace

TEST(OrbitView, TheEyeIsAtTheDistanceFromTheFocusForEveryYawAndPitch) {
  OrbitView v;
  v.focus = {0.25, 0.2, -1.0};
  v.distance = 1.56;
  for (int i = 0; i < 24; ++i) {
    for (double pitch : {-1.2, -0.4, 0.0, 0.3, 0.785, 1.4}) {
      v.yaw = -kPi + i * kPi / 12.0;
      v.pitch = pitch;
      const glm::dvec3 d = v.eye() - v.focus;
      EXPECT_NEAR(glm::length(d), 1.56, 1e-12);
      EXPECT_NEAR(std::asin(d.y / 1.56), pitch, 1e-12) << "height above the focus";
      EXPECT_NEAR(std::remainder(std::atan2(d.x, d.z) - v.yaw, 2.0 * kPi), 0.0, 1e-12);
    }
  }
}

TEST(OrbitView, HandWorkedEyes) {
  OrbitView v;
  v.focus = {1.0, 2.0, 3.0};
  v.distance = 4.0;
  // yaw 0, pitch 0: on +Z of the focus.
  expectNear(v.eye(), {1.0, 2.0, 7.0});
  // yaw 90°: on +X.
  v.yaw = kPi / 2.0;
  expectNear(v.eye(), {5.0, 2.0, 3.0});
  // yaw 90°, pitch 30°: 4 cos 30° = 3.4641016 out along +X, 4 sin 30° = 2 up.
  v.pitch = kPi / 6.0;
  expectNear(v.eye(), {1.0 + 2.0 * std::sqrt(3.0), 4.0, 3.0});
  // The robot cell's camera as its file states it: 1.56 m, yaw 36°, pitch 45° about
  // (0.25, 0.2, 0): 1.56 cos 45° = 1.1031; x = 1.1031 sin 36° = 0.6484, z = 1.1031 cos 36° =
  // 0.8924.
  OrbitView cell{.focus = {0.25, 0.2, 0.0},
                 .yaw = 36.0 * kPi / 180.0,
                 .pitch = 45.0 * kPi / 180.0,
                 .distance = 1.56};
  expectNear(cell.eye(), {0.898378, 1.303087, 0.892416}, 1e-6);
}

TEST(OrbitView, PitchIsClampedShortOfStraightUpAndDown) {
  OrbitView v;
  v.distance = 2.0;
  v.orbitBy(0.0, 10.0);
  EXPECT_EQ(v.pitch, OrbitView::kMaxPitch);
  EXPECT_NEAR(v.eye().y, 2.0 * std::sin(1.5), 1e-12); // 1.99499, not 2: never straight above
  EXPECT_GT(std::hypot(v.eye().x, v.eye().z), 0.14);  // 2 cos 1.5 = 0.1415 off the vertical
  v.orbitBy(0.0, -25.0);
  EXPECT_EQ(v.pitch, -OrbitView::kMaxPitch);
  v.pitch = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(v.clamped().pitch, -OrbitView::kMaxPitch);
}

TEST(OrbitView, ZoomScalesTheDistanceWithinItsLimits) {
  OrbitView v;
  v.distance = 2.0;
  v.orbitBy(0.0, 0.0, 0.5);
  EXPECT_DOUBLE_EQ(v.distance, 1.0);
  v.orbitBy(0.0, 0.0, 0.01);
  EXPECT_EQ(v.distance, OrbitView::kMinDistance);
  v.orbitBy(0.0, 0.0, 1e6);
  EXPECT_EQ(v.distance, OrbitView::kMaxDistance);
  // A zero, negative or non-finite factor, or a non-finite turn, leaves the view as it was.
  const OrbitView kept = v;
  v.orbitBy(std::numeric_limits<double>::infinity(), std::nan(""), -2.0);
  v.orbitBy(0.0, 0.0, 0.0);
  EXPECT_EQ(v.distance, kept.distance);
  EXPECT_EQ(v.yaw, kept.yaw);
  EXPECT_EQ(v.pitch, kept.pitch);
}

TEST(OrbitView, LookingFromAnEyeGivesItsAnglesBack) {
  const glm::dvec3 focus{0.25, 0.2, 0.0};
  const glm::dvec3 eye{0.9, 1.3, 0.9}; // the cell camera's former fixed position
  const OrbitView v = OrbitView::lookingFrom(eye, focus);
  EXPECT_NEAR(v.distance, std::sqrt(0.65 * 0.65 + 1.1 * 1.1 + 0.9 * 0.9), 1e-12); // 1.56285
  EXPECT_NEAR(v.yaw, std::atan2(0.65, 0.9), 1e-12);                               // 35.8°
  expectNear(v.eye(), eye);
  // An eye on the focus: the nearest distance, looking along -Z.
  const OrbitView onFocus = OrbitView::lookingFrom(focus, focus);
  EXPECT_EQ(onFocus.distance, OrbitView::kMinDistance);
  expectNear(onFocus.eye(), focus + glm::dvec3(0.0, 0.0, OrbitView::kMinDistance));
}
