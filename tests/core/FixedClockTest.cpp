#include <skillsim/core/Check.h>
#include <skillsim/core/FixedClock.h>

#include <gtest/gtest.h>

using skillsim::core::FixedClock;

TEST(FixedClock, DefaultsTo240Hz) {
  FixedClock clock;
  EXPECT_EQ(clock.tickRate(), 240u);
  EXPECT_DOUBLE_EQ(clock.dt(), 1.0 / 240.0);
  EXPECT_EQ(clock.tick(), 0u);
  EXPECT_EQ(clock.now(), 0.0);
}

TEST(FixedClock, TimeIsDerivedNotAccumulated) {
  FixedClock clock(240);
  double accumulated = 0.0;
  for (int i = 0; i < 240 * 600; ++i) {
    clock.advance();
    accumulated += clock.dt();
  }
  // Ten minutes at 240 Hz: exactly 600 s from the tick count, whereas summing dt drifts.
  EXPECT_EQ(clock.tick(), 144000u);
  EXPECT_EQ(clock.now(), 600.0);
  EXPECT_NE(accumulated, 600.0);
}

TEST(FixedClock, TickAtRoundsUpToTheFirstTickAtOrAfter) {
  FixedClock clock(240);
  EXPECT_EQ(clock.tickAt(0.0), 0u);
  EXPECT_EQ(clock.tickAt(1.0), 240u);
  EXPECT_EQ(clock.tickAt(0.1), 24u); // 0.1 * 240 is 24.000000000000004 in binary
  EXPECT_EQ(clock.tickAt(1.0 / 240.0 + 1e-9), 2u);
  EXPECT_GE(clock.secondsAt(clock.tickAt(2.5)), 2.5);
}

TEST(FixedClock, ResetReturnsToZero) {
  FixedClock clock(60);
  clock.advance();
  clock.advance();
  EXPECT_DOUBLE_EQ(clock.now(), 2.0 / 60.0);
  clock.reset();
  EXPECT_EQ(clock.tick(), 0u);
}

TEST(FixedClock, RejectsImpossibleRates) {
  EXPECT_THROW(FixedClock(0), skillsim::core::ContractViolation);
  EXPECT_THROW(FixedClock(20000), skillsim::core::ContractViolation);
  FixedClock clock;
  EXPECT_THROW((void)clock.tickAt(-1.0), skillsim::core::ContractViolation);
}
