#include <skillsim/ui/Format.h>

#include <gtest/gtest.h>

#include <cmath>

using namespace skillsim::ui;

TEST(Format, ClockTruncatesToTenths) {
  EXPECT_EQ(formatClock(0.0), "00:00.0");
  EXPECT_EQ(formatClock(83.47), "01:23.4");
  EXPECT_EQ(formatClock(59.99), "00:59.9");
  EXPECT_EQ(formatClock(600.0), "10:00.0");
  EXPECT_EQ(formatClock(-3.0), "00:00.0");
  EXPECT_EQ(formatClock(std::nan("")), "00:00.0");
}

TEST(Format, PointsDropATrailingZero) {
  EXPECT_EQ(formatPoints(5.0), "5");
  EXPECT_EQ(formatPoints(2.5), "2.5");
  EXPECT_EQ(formatPoints(87.25), "87.3");
  EXPECT_EQ(formatPoints(0.0), "0");
}
