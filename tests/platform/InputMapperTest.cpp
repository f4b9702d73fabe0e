#include <skillsim/platform/InputMapper.h>

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

using namespace skillsim;
using namespace skillsim::platform;
using core::Axis;
using core::Button;

namespace {

RawInput keys(std::initializer_list<Key> held) {
  RawInput raw;
  for (Key k : held) {
    raw.setKey(k, true);
  }
  return raw;
}

/** Presses and releases a key: two snapshots. */
MappedInput tap(InputMapper& m, Key k) {
  MappedInput first = m.map(keys({k}));
  m.map(RawInput{});
  return first;
}

RawInput withPad(RawInput raw, int slot, GamepadAxis axis, float value) {
  auto& pad = raw.gamepads[static_cast<std::size_t>(slot)];
  pad.present = true;
  pad.isGamepad = true;
  pad.name = "Test Pad";
  pad.axes[static_cast<std::size_t>(axis)] = value;
  return raw;
}

RawInput padConnected(int slot = 0) { return withPad(RawInput{}, slot, GamepadAxis::LeftX, 0.0f); }

} // namespace

TEST(InputMapper, EachKeyPressStepsOneNotch) {
  InputMapper m(defaultBindings());
  EXPECT_FLOAT_EQ(tap(m, Key::W).actions.axis(Axis::BridgeTravel), 0.2f);
  EXPECT_FLOAT_EQ(tap(m, Key::W).actions.axis(Axis::BridgeTravel), 0.4f);
  EXPECT_EQ(m.notch(Axis::BridgeTravel), 2);
  EXPECT_FLOAT_EQ(tap(m, Key::S).actions.axis(Axis::BridgeTravel), 0.2f);
  EXPECT_FLOAT_EQ(tap(m, Key::A).actions.axis(Axis::TrolleyTravel), -0.2f);
  EXPECT_FLOAT_EQ(tap(m, Key::Up).actions.axis(Axis::Hoist), 0.2f);
}

TEST(InputMapper, HoldingAKeyDoesNotRepeat) {
  InputMapper m(defaultBindings());
  for (int i = 0; i < 10; ++i) {
    EXPECT_FLOAT_EQ(m.map(keys({Key::W})).actions.axis(Axis::BridgeTravel), 0.2f) << i;
  }
  // The same snapshot fed to several ticks of one frame is one press, not several.
  EXPECT_EQ(m.notch(Axis::BridgeTravel), 1);
}

TEST(InputMapper, NotchesClampAtTheTopAndBottom) {
  InputMapper m(defaultBindings());
  m.setNotchCount(Axis::Hoist, 3);
  for (int i = 0; i < 6; ++i) {
    tap(m, Key::Down);
  }
  EXPECT_EQ(m.notch(Axis::Hoist), -3);
  EXPECT_FLOAT_EQ(m.map(RawInput{}).actions.axis(Axis::Hoist), -1.0f);
  m.setNotchCount(Axis::Hoist, 2);
  EXPECT_EQ(m.notch(Axis::Hoist), -2);
}

TEST(InputMapper, NeutralStopsEveryController) {
  InputMapper m(defaultBindings());
  tap(m, Key::W);
  tap(m, Key::D);
  tap(m, Key::Up);
  MappedInput out = tap(m, Key::Space);
  EXPECT_TRUE(out.actions.neutral());
  EXPECT_EQ(m.notch(Axis::TrolleyTravel), 0);
}

TEST(InputMapper, NeutralAppliesBeforeStepsOfTheSameTick) {
  InputMapper m(defaultBindings());
  tap(m, Key::W);
  tap(m, Key::W);
  MappedInput out = m.map(keys({Key::Space, Key::W}));
  EXPECT_EQ(m.notch(Axis::BridgeTravel), 1);
  EXPECT_FLOAT_EQ(out.actions.axis(Axis::BridgeTravel), 0.2f);
}

TEST(InputMapper, ButtonsAreHeldWhileTheKeyIsHeld) {
  InputMapper m(defaultBindings());
  EXPECT_TRUE(m.map(keys({Key::H})).actions.button(Button::Horn));
  EXPECT_TRUE(m.map(keys({Key::H, Key::F})).actions.button(Button::Horn));
  MappedInput out = m.map(keys({Key::F}));
  EXPECT_FALSE(out.actions.button(Button::Horn));
  EXPECT_TRUE(out.actions.button(Button::Attach));
  EXPECT_FALSE(m.map(RawInput{}).actions.button(Button::Attach));
  EXPECT_TRUE(m.map(keys({Key::E})).actions.button(Button::EmergencyStop));
  EXPECT_TRUE(m.map(keys({Key::R})).actions.button(Button::Release));
}

TEST(InputMapper, CommandsFireOncePerPress) {
  InputMapper m(defaultBindings());
  EXPECT_TRUE(m.map(keys({Key::C})).nextCamera);
  EXPECT_FALSE(m.map(keys({Key::C})).nextCamera);
  EXPECT_TRUE(m.map(keys({Key::P})).pause);
  EXPECT_FALSE(m.map(RawInput{}).pause);
  EXPECT_TRUE(m.map(keys({Key::P})).pause);
}

TEST(InputMapper, StickMapsToNotchesWithDeadZone) {
  InputMapper m(defaultBindings()); // left_x = trolley, dead zone 0.15, 5 notches
  m.map(padConnected());
  const auto trolley = [&](float x) {
    return m.map(withPad(RawInput{}, 0, GamepadAxis::LeftX, x)).actions.axis(Axis::TrolleyTravel);
  };
  EXPECT_FLOAT_EQ(trolley(0.14f), 0.0f); // inside the dead zone
  EXPECT_FLOAT_EQ(trolley(0.16f), 0.2f); // round(0.8) = notch 1
  EXPECT_FLOAT_EQ(trolley(0.5f), 0.6f);  // round(2.5) = notch 3 (half away from zero)
  EXPECT_FLOAT_EQ(trolley(-0.62f), -0.6f);
  EXPECT_FLOAT_EQ(trolley(1.0f), 1.0f);
  EXPECT_FLOAT_EQ(trolley(0.0f), 0.0f);
}

TEST(InputMapper, InvertedStickYMeansUpIsPositive) {
  InputMapper m(defaultBindings()); // left_y inverted = bridge
  m.map(padConnected());
  // GLFW reports stick up as -1.
  auto out = m.map(withPad(RawInput{}, 0, GamepadAxis::LeftY, -1.0f));
  EXPECT_FLOAT_EQ(out.actions.axis(Axis::BridgeTravel), 1.0f);
  out = m.map(withPad(RawInput{}, 0, GamepadAxis::RightY, 0.45f));
  EXPECT_FLOAT_EQ(out.actions.axis(Axis::Hoist), -0.4f);
  // Moving the hoist stick did not move the bridge stick back: bridge notch changed to 0.
  EXPECT_FLOAT_EQ(out.actions.axis(Axis::BridgeTravel), 0.0f);
}

TEST(InputMapper, TriggerReadsFromReleasedToPulled) {
  Bindings b;
  b.gamepad.enabled = true;
  b.gamepad.axes = {{Axis::Hoist, GamepadAxis::RightTrigger, false}};
  InputMapper m(b);
  auto out = m.map(withPad(RawInput{}, 0, GamepadAxis::RightTrigger, -1.0f));
  EXPECT_FLOAT_EQ(out.actions.axis(Axis::Hoist), 0.0f);
  out = m.map(withPad(RawInput{}, 0, GamepadAxis::RightTrigger, 0.0f));
  EXPECT_FLOAT_EQ(out.actions.axis(Axis::Hoist), 0.6f); // half pulled: round(2.5) = 3
}

TEST(InputMapper, LastMovedControlWinsBetweenStickAndKeys) {
  InputMapper m(defaultBindings());
  m.map(padConnected());
  tap(m, Key::D); // the stick rests, the keyboard sets notch 1
  EXPECT_EQ(m.notch(Axis::TrolleyTravel), 1);
  RawInput stick = withPad(RawInput{}, 0, GamepadAxis::LeftX, -0.8f);
  m.map(stick);
  EXPECT_EQ(m.notch(Axis::TrolleyTravel), -4);
  RawInput stickAndKey = stick;
  stickAndKey.setKey(Key::D, true);
  m.map(stickAndKey); // the stick holds still: the key press steps from -4
  EXPECT_EQ(m.notch(Axis::TrolleyTravel), -3);
  m.map(withPad(RawInput{}, 0, GamepadAxis::LeftX, 0.0f)); // stick back to rest
  EXPECT_EQ(m.notch(Axis::TrolleyTravel), 0);
}

TEST(InputMapper, GamepadButtonsAndCommands) {
  InputMapper m(defaultBindings());
  RawInput raw = padConnected();
  m.map(raw);
  raw.gamepads[0].buttons[static_cast<std::size_t>(GamepadButton::A)] = true;
  raw.gamepads[0].buttons[static_cast<std::size_t>(GamepadButton::RightBumper)] = true;
  MappedInput out = m.map(raw);
  EXPECT_TRUE(out.actions.button(Button::Horn));
  EXPECT_TRUE(out.nextCamera);
  out = m.map(raw);
  EXPECT_TRUE(out.actions.button(Button::Horn));
  EXPECT_FALSE(out.nextCamera); // one press, one camera step
}

TEST(InputMapper, AbsentGamepadGivesAMessageAndTheKeyboardWorks) {
  InputMapper m(defaultBindings());
  MappedInput first = m.map(keys({Key::W}));
  ASSERT_TRUE(first.deviceNotice);
  EXPECT_NE(first.deviceNotice->find("No gamepad or joystick is connected in gamepad slot 0"),
            std::string::npos)
      << *first.deviceNotice;
  EXPECT_NE(first.deviceNotice->find("the keyboard keeps working"), std::string::npos);
  EXPECT_FLOAT_EQ(first.actions.axis(Axis::BridgeTravel), 0.2f);
  EXPECT_FALSE(m.map(RawInput{}).deviceNotice); // said once, not every tick
  MappedInput plugged = m.map(padConnected());
  ASSERT_TRUE(plugged.deviceNotice);
  EXPECT_NE(plugged.deviceNotice->find("'Test Pad' connected"), std::string::npos);
  MappedInput unplugged = m.map(RawInput{});
  ASSERT_TRUE(unplugged.deviceNotice);
  EXPECT_NE(unplugged.deviceNotice->find("No gamepad"), std::string::npos);
}

TEST(InputMapper, JoystickWithoutMappingIsExplained) {
  RawInput raw;
  raw.gamepads[0].present = true;
  raw.gamepads[0].name = "Old Stick";
  raw.gamepads[0].axes[0] = 1.0f; // unreadable without a mapping: must not move anything
  InputMapper m(defaultBindings());
  MappedInput out = m.map(raw);
  ASSERT_TRUE(out.deviceNotice);
  EXPECT_NE(out.deviceNotice->find("'Old Stick' in gamepad slot 0 has no gamepad mapping"),
            std::string::npos)
      << *out.deviceNotice;
  EXPECT_TRUE(out.actions.neutral());
}

TEST(InputMapper, DisabledGamepadIsIgnoredSilently) {
  Bindings b = defaultBindings();
  b.gamepad.enabled = false;
  InputMapper m(b);
  MappedInput out = m.map(withPad(RawInput{}, 0, GamepadAxis::LeftX, 1.0f));
  EXPECT_FALSE(out.deviceNotice);
  EXPECT_TRUE(out.actions.neutral());
  EXPECT_FALSE(gamepadProblem(b.gamepad, RawInput{}));
}

TEST(InputMapper, ConfiguredSlotIsTheOneRead) {
  Bindings b = defaultBindings();
  b.gamepad.device = 2;
  InputMapper m(b);
  MappedInput out = m.map(withPad(RawInput{}, 0, GamepadAxis::LeftX, 1.0f));
  ASSERT_TRUE(out.deviceNotice);
  EXPECT_NE(out.deviceNotice->find("slot 2"), std::string::npos);
  EXPECT_TRUE(out.actions.neutral());
  out = m.map(withPad(RawInput{}, 2, GamepadAxis::LeftX, 1.0f));
  EXPECT_FLOAT_EQ(out.actions.axis(Axis::TrolleyTravel), 1.0f);
}

TEST(InputMapper, NonFiniteStickReadsNeutral) {
  InputMapper m(defaultBindings());
  m.map(padConnected());
  auto out = m.map(withPad(RawInput{}, 0, GamepadAxis::LeftX, std::nanf("")));
  EXPECT_FLOAT_EQ(out.actions.axis(Axis::TrolleyTravel), 0.0f);
}

TEST(InputMapper, ResetReturnsToNeutral) {
  InputMapper m(defaultBindings());
  tap(m, Key::W);
  m.reset();
  EXPECT_EQ(m.notch(Axis::BridgeTravel), 0);
  // After a reset a key that is still held counts as a new press.
  m.map(keys({Key::W}));
  EXPECT_EQ(m.notch(Axis::BridgeTravel), 1);
}

TEST(InputMapper, BadNotchCountIsAContractViolation) {
  InputMapper m(defaultBindings());
  EXPECT_THROW(m.setNotchCount(Axis::Hoist, 0), core::ContractViolation);
}

TEST(InputMapper, SameSnapshotsGiveSameActions) {
  const std::vector<RawInput> script = {keys({Key::W}), keys({}), keys({Key::W, Key::H}),
                                        withPad(keys({Key::Up}), 0, GamepadAxis::LeftX, 0.7f),
                                        keys({Key::Space})};
  InputMapper a(defaultBindings());
  InputMapper b(defaultBindings());
  for (const auto& raw : script) {
    EXPECT_EQ(a.map(raw).actions, b.map(raw).actions);
  }
}
