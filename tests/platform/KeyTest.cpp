#include <skillsim/platform/Gamepad.h>
#include <skillsim/platform/Key.h>

#include <gtest/gtest.h>

#include <set>
#include <string>

using namespace skillsim::platform;

TEST(Key, EveryNameRoundTripsAndIsUnique) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < kKeyCount; ++i) {
    const auto key = static_cast<Key>(i);
    const std::string name(keyName(key));
    EXPECT_TRUE(seen.insert(name).second) << "duplicate key name " << name;
    ASSERT_EQ(keyFromName(name), key) << name;
  }
  EXPECT_EQ(keyName(Key::Up), "Up");
  EXPECT_EQ(keyName(Key::Num7), "7");
  EXPECT_EQ(keyName(Key::Kp8), "Kp8");
  EXPECT_EQ(keyName(Key::GraveAccent), "GraveAccent");
}

TEST(Key, NamesIgnoreCaseAndRejectUnknown) {
  EXPECT_EQ(keyFromName("space"), Key::Space);
  EXPECT_EQ(keyFromName("w"), Key::W);
  EXPECT_EQ(keyFromName("PAGEUP"), Key::PageUp);
  EXPECT_FALSE(keyFromName("Spacebar"));
  EXPECT_FALSE(keyFromName(""));
  EXPECT_FALSE(keyFromName("F13"));
}

TEST(Gamepad, AxisAndButtonNamesRoundTrip) {
  for (std::size_t i = 0; i < kGamepadAxisCount; ++i) {
    const auto a = static_cast<GamepadAxis>(i);
    EXPECT_EQ(gamepadAxisFromName(gamepadAxisName(a)), a);
  }
  for (std::size_t i = 0; i < kGamepadButtonCount; ++i) {
    const auto b = static_cast<GamepadButton>(i);
    EXPECT_EQ(gamepadButtonFromName(gamepadButtonName(b)), b);
  }
  EXPECT_EQ(gamepadButtonName(GamepadButton::DpadLeft), "dpad_left");
  EXPECT_EQ(gamepadAxisName(GamepadAxis::RightTrigger), "right_trigger");
  EXPECT_FALSE(gamepadAxisFromName("LEFT_X"));
  EXPECT_FALSE(gamepadButtonFromName("z"));
}
