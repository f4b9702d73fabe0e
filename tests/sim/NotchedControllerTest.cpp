#include <skillsim/sim/NotchedController.h>

#include <skillsim/core/Check.h>

#include <gtest/gtest.h>

#include <cmath>

using skillsim::sim::ControllerSpec;
using skillsim::sim::NotchedController;

namespace {
constexpr double kDt = 1.0 / 240.0;
}

TEST(NotchedController, AxisSelectsTheNearestNotchAndReportsChanges) {
  NotchedController c(ControllerSpec{5, 1.0, 0.5}, 0.0, 100.0, 50.0);
  EXPECT_TRUE(c.select(0.6f));
  EXPECT_EQ(c.notch(), 3);
  EXPECT_FALSE(c.select(0.62f)); // still notch 3
  EXPECT_TRUE(c.select(-1.0f));
  EXPECT_EQ(c.notch(), -5);
  EXPECT_DOUBLE_EQ(c.notchFraction(), -1.0);
  EXPECT_TRUE(c.select(std::nanf(""))); // a faulty device reads as neutral
  EXPECT_EQ(c.notch(), 0);
}

TEST(NotchedController, SpeedFollowsTheNotchWithinTheAccelerationLimit) {
  NotchedController c(ControllerSpec{5, 1.0, 0.5}, 0.0, 100.0, 10.0);
  c.select(0.4f); // notch 2: 0.4 m/s, reached after 0.8 s at 0.5 m/s^2
  for (int i = 0; i < 96; ++i) {
    c.update(kDt, false, false);
    EXPECT_LE(c.speed(), 0.5 * kDt * (i + 1) + 1e-12);
  }
  EXPECT_NEAR(c.speed(), 0.2, 1e-9);
  for (int i = 0; i < 240; ++i) {
    c.update(kDt, false, false);
  }
  EXPECT_NEAR(c.speed(), 0.4, 1e-12);
  // Braking to neutral takes speed / a = 0.8 s and covers v^2 / 2a = 0.16 m.
  const double x0 = c.position();
  c.select(0.0f);
  int ticks = 0;
  while (c.speed() > 0.0) {
    c.update(kDt, false, false);
    ++ticks;
  }
  EXPECT_NEAR(ticks * kDt, 0.8, 2 * kDt);
  EXPECT_NEAR(c.position() - x0, 0.16, 0.005);
}

TEST(NotchedController, BrakesToRestAtTheEndStop) {
  NotchedController c(ControllerSpec{5, 1.0, 0.5}, 0.0, 5.0, 0.0);
  c.select(1.0f);
  double fastest = 0.0;
  for (int i = 0; i < 240 * 30; ++i) {
    c.update(kDt, false, false);
    fastest = std::max(fastest, c.speed());
    ASSERT_LE(c.position(), 5.0);
  }
  EXPECT_NEAR(fastest, 1.0, 1e-9);
  EXPECT_GT(c.position(), 5.0 - 1e-3);
  EXPECT_LT(c.speed(), 0.01);
}

TEST(NotchedController, HoldAndPositiveCutOffStopTheDrive) {
  NotchedController c(ControllerSpec{5, 1.0, 0.5}, -10.0, 10.0, 0.0);
  c.select(1.0f);
  for (int i = 0; i < 240; ++i) {
    c.update(kDt, false, true); // lifting cut-off: no positive motion
  }
  EXPECT_EQ(c.speed(), 0.0);
  c.select(-1.0f);
  for (int i = 0; i < 480; ++i) {
    c.update(kDt, false, false);
  }
  EXPECT_NEAR(c.speed(), -1.0, 1e-9);
  for (int i = 0; i < 500; ++i) { // 1 m/s at 0.5 m/s^2: 2 s = 480 ticks, and a few
    c.update(kDt, true, false);   // emergency stop: brake at the limit
  }
  EXPECT_EQ(c.speed(), 0.0);
}

TEST(NotchedController, BadSpecIsAContractViolation) {
  EXPECT_THROW(NotchedController(ControllerSpec{0, 1.0, 0.5}, 0.0, 1.0, 0.0),
               skillsim::core::ContractViolation);
  EXPECT_THROW(NotchedController(ControllerSpec{5, 1.0, 0.5}, 0.0, 1.0, 2.0),
               skillsim::core::ContractViolation);
}
