#include <skillsim/core/ActionState.h>

#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>

using namespace skillsim::core;

TEST(ActionState, AxesClampAndNanIsNeutral) {
  ActionState s;
  EXPECT_TRUE(s.neutral());
  s.setAxis(Axis::Hoist, 0.6f);
  EXPECT_FLOAT_EQ(s.axis(Axis::Hoist), 0.6f);
  EXPECT_FALSE(s.neutral());
  s.setAxis(Axis::Hoist, 3.0f);
  EXPECT_EQ(s.axis(Axis::Hoist), 1.0f);
  s.setAxis(Axis::Hoist, -7.0f);
  EXPECT_EQ(s.axis(Axis::Hoist), -1.0f);
  s.setAxis(Axis::Hoist, std::nanf(""));
  EXPECT_EQ(s.axis(Axis::Hoist), 0.0f);
  EXPECT_TRUE(s.neutral());
}

TEST(ActionState, ButtonsAreIndependentBits) {
  ActionState s;
  s.setButton(Button::Horn, true);
  s.setButton(Button::Attach, true);
  EXPECT_TRUE(s.button(Button::Horn));
  EXPECT_TRUE(s.button(Button::Attach));
  EXPECT_FALSE(s.button(Button::EmergencyStop));
  s.setButton(Button::Horn, false);
  EXPECT_FALSE(s.button(Button::Horn));
  EXPECT_TRUE(s.button(Button::Attach));
  EXPECT_EQ(s.buttons, 1u << static_cast<unsigned>(Button::Attach));
}

TEST(ActionState, NamesRoundTripAndAreUnique) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < kAxisCount; ++i) {
    auto a = static_cast<Axis>(i);
    EXPECT_EQ(axisFromName(axisName(a)), a);
    EXPECT_TRUE(seen.insert(std::string(axisName(a))).second);
  }
  for (std::size_t i = 0; i < kButtonCount; ++i) {
    auto b = static_cast<Button>(i);
    EXPECT_EQ(buttonFromName(buttonName(b)), b);
    EXPECT_TRUE(seen.insert(std::string(buttonName(b))).second);
  }
  EXPECT_EQ(axisName(Axis::BridgeTravel), "bridge_travel");
  EXPECT_EQ(buttonName(Button::EmergencyStop), "emergency_stop");
  EXPECT_FALSE(axisFromName("bridge"));
  EXPECT_FALSE(buttonFromName(""));
}

TEST(ActionState, EqualityIsByValue) {
  ActionState a;
  ActionState b;
  EXPECT_EQ(a, b);
  b.setAxis(Axis::Steer, 0.2f);
  EXPECT_NE(a, b);
}
