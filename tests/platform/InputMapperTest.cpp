#include <skillsim/platform/InputMapper.h>

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

using namespace skillsim;
using namespace skillsim::platform;
namespace {

// A machine declared inline with the crane's controls (three notched drives, four buttons), in
// the crane's slot order; the mapper knows nothing else about it.
constexpr std::size_t kBridgeTravel = 0, kTrolleyTravel = 1, kHoist = 2;
constexpr std::size_t kHorn = 0, kEmergencyStop = 1, kAttach = 2, kRelease = 3;

core::ControlDecl notched(std::string id, int notches, std::string up, std::string down,
                          std::string pad, bool invert) {
  core::ControlDecl c;
  c.id = std::move(id);
  c.kind = core::ControlKind::Notched;
  c.notches = notches;
  c.binding = {std::move(up), std::move(down), std::move(pad), invert};
  return c;
}

core::ControlDecl button(std::string id, std::string key, std::string pad,
                         core::ControlKind kind = core::ControlKind::Button) {
  core::ControlDecl c;
  c.id = std::move(id);
  c.kind = kind;
  c.binding = {std::move(key), {}, std::move(pad), false};
  return c;
}

core::ControlLayout layout(int hoistNotches = 5) {
  return core::ControlLayout({notched("bridge_travel", 5, "W", "S", "left_y", true),
                              notched("trolley_travel", 5, "D", "A", "left_x", false),
                              notched("hoist", hoistNotches, "Up", "Down", "right_y", true),
                              button("horn", "H", "a"), button("emergency_stop", "E", "b"),
                              button("attach", "F", "x"), button("release", "R", "y")});
}

Bindings defaultBindings() { return platform::defaultBindings(layout()); }

/** A mapper for the inline machine. */
InputMapper mapper(Bindings b = defaultBindings(), int hoistNotches = 5) {
  return InputMapper(std::move(b), layout(hoistNotches));
}

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
  InputMapper m = mapper();
  EXPECT_FLOAT_EQ(tap(m, Key::W).actions.axis(kBridgeTravel), 0.2f);
  EXPECT_FLOAT_EQ(tap(m, Key::W).actions.axis(kBridgeTravel), 0.4f);
  EXPECT_EQ(m.notch(kBridgeTravel), 2);
  EXPECT_FLOAT_EQ(tap(m, Key::S).actions.axis(kBridgeTravel), 0.2f);
  EXPECT_FLOAT_EQ(tap(m, Key::A).actions.axis(kTrolleyTravel), -0.2f);
  EXPECT_FLOAT_EQ(tap(m, Key::Up).actions.axis(kHoist), 0.2f);
}

TEST(InputMapper, HoldingAKeyDoesNotRepeat) {
  InputMapper m = mapper();
  for (int i = 0; i < 10; ++i) {
    EXPECT_FLOAT_EQ(m.map(keys({Key::W})).actions.axis(kBridgeTravel), 0.2f) << i;
  }
  // The same snapshot fed to several ticks of one frame is one press, not several.
  EXPECT_EQ(m.notch(kBridgeTravel), 1);
}

TEST(InputMapper, NotchesClampAtTheTopAndBottom) {
  InputMapper m = mapper(defaultBindings(), 3); // the hoist declared with 3 notches
  EXPECT_EQ(m.notchCount(kHoist), 3);
  for (int i = 0; i < 6; ++i) {
    tap(m, Key::Down);
  }
  EXPECT_EQ(m.notch(kHoist), -3);
  EXPECT_FLOAT_EQ(m.map(RawInput{}).actions.axis(kHoist), -1.0f);
  EXPECT_FLOAT_EQ(tap(m, Key::Up).actions.axis(kHoist), -2.0f / 3.0f);
}

// A machine with a continuous steering axis, a notched lift and a hold-to-enable device: the
// mapper handles it from its declarations alone (issue 12, point 5).
namespace {
core::ControlLayout truckLayout() {
  core::ControlDecl steer;
  steer.id = "steer";
  steer.kind = core::ControlKind::Continuous;
  steer.binding = {"Right", "Left", "left_x", false};
  core::ControlDecl lift = notched("lift", 4, "Up", "Down", "right_y", true);
  return core::ControlLayout(
      {steer, lift, button("enable", "LeftShift", "left_bumper", core::ControlKind::HoldToEnable)});
}
} // namespace

TEST(InputMapper, ContinuousAxisReadsFullTravelWhileAKeyIsHeld) {
  InputMapper m(platform::defaultBindings(truckLayout()), truckLayout());
  EXPECT_EQ(m.notchCount(0), 0) << "a continuous control has no notches";
  EXPECT_FLOAT_EQ(m.map(keys({Key::Right})).actions.axis(0), 1.0f);
  EXPECT_FLOAT_EQ(m.map(keys({Key::Right})).actions.axis(0), 1.0f) << "held, not stepped";
  EXPECT_FLOAT_EQ(m.map(keys({Key::Left})).actions.axis(0), -1.0f);
  EXPECT_FLOAT_EQ(m.map(keys({Key::Left, Key::Right})).actions.axis(0), 0.0f);
  EXPECT_FLOAT_EQ(m.map(RawInput{}).actions.axis(0), 0.0f) << "released = centred";
  // The notched lift in slot 1 steps as a master switch does.
  EXPECT_FLOAT_EQ(tap(m, Key::Up).actions.axis(1), 0.25f);
}

// A pedal: a continuous control declared with one key (the forklift's accelerator) reads full
// travel while the key is held and 0 released, never negative.
TEST(InputMapper, AOneKeyPedalReadsFullTravelHeldAndNothingReleased) {
  core::ControlDecl pedal;
  pedal.id = "accelerator";
  pedal.kind = core::ControlKind::Continuous;
  pedal.binding = {"W", "", "right_trigger", false};
  const core::ControlLayout layout({pedal});
  const Bindings b = platform::defaultBindings(layout);
  ASSERT_EQ(b.keyAxes.size(), 1u) << "a one-key control is bound";
  EXPECT_FALSE(b.keyAxes[0].decrease.has_value());
  InputMapper m(b, layout);
  EXPECT_FLOAT_EQ(m.map(keys({Key::W})).actions.axis(0), 1.0f);
  EXPECT_FLOAT_EQ(m.map(keys({Key::W})).actions.axis(0), 1.0f) << "held, not stepped";
  EXPECT_FLOAT_EQ(m.map(RawInput{}).actions.axis(0), 0.0f);
  EXPECT_FLOAT_EQ(m.map(keys({Key::S})).actions.axis(0), 0.0f) << "no key lowers a pedal";
}

TEST(InputMapper, ContinuousAxisFollowsTheStickBeyondTheDeadZone) {
  InputMapper m(platform::defaultBindings(truckLayout()), truckLayout());
  EXPECT_FLOAT_EQ(m.map(withPad(RawInput{}, 0, GamepadAxis::LeftX, 0.37f)).actions.axis(0), 0.37f);
  EXPECT_FLOAT_EQ(m.map(withPad(RawInput{}, 0, GamepadAxis::LeftX, 0.1f)).actions.axis(0), 0.0f)
      << "inside the 0.15 dead zone";
  // The stick off rest wins over a held key.
  EXPECT_FLOAT_EQ(m.map(withPad(keys({Key::Left}), 0, GamepadAxis::LeftX, 0.5f)).actions.axis(0),
                  0.5f);
}

TEST(InputMapper, HoldToEnableIsHeldOnlyWhileTheKeyIsHeld) {
  InputMapper m(platform::defaultBindings(truckLayout()), truckLayout());
  EXPECT_FALSE(m.map(RawInput{}).actions.button(0));
  EXPECT_TRUE(m.map(keys({Key::LeftShift})).actions.button(0));
  EXPECT_TRUE(m.map(keys({Key::LeftShift})).actions.button(0));
  EXPECT_FALSE(m.map(RawInput{}).actions.button(0)) << "released = motion not enabled";
}

TEST(InputMapper, NeutralStopsEveryController) {
  InputMapper m = mapper();
  tap(m, Key::W);
  tap(m, Key::D);
  tap(m, Key::Up);
  MappedInput out = tap(m, Key::Space);
  EXPECT_TRUE(out.actions.neutral());
  EXPECT_EQ(m.notch(kTrolleyTravel), 0);
}

TEST(InputMapper, NeutralAppliesBeforeStepsOfTheSameTick) {
  InputMapper m = mapper();
  tap(m, Key::W);
  tap(m, Key::W);
  MappedInput out = m.map(keys({Key::Space, Key::W}));
  EXPECT_EQ(m.notch(kBridgeTravel), 1);
  EXPECT_FLOAT_EQ(out.actions.axis(kBridgeTravel), 0.2f);
}

TEST(InputMapper, ButtonsAreHeldWhileTheKeyIsHeld) {
  InputMapper m = mapper();
  EXPECT_TRUE(m.map(keys({Key::H})).actions.button(kHorn));
  EXPECT_TRUE(m.map(keys({Key::H, Key::F})).actions.button(kHorn));
  MappedInput out = m.map(keys({Key::F}));
  EXPECT_FALSE(out.actions.button(kHorn));
  EXPECT_TRUE(out.actions.button(kAttach));
  EXPECT_FALSE(m.map(RawInput{}).actions.button(kAttach));
  EXPECT_TRUE(m.map(keys({Key::E})).actions.button(kEmergencyStop));
  EXPECT_TRUE(m.map(keys({Key::R})).actions.button(kRelease));
}

TEST(InputMapper, CommandsFireOncePerPress) {
  InputMapper m = mapper();
  EXPECT_TRUE(m.map(keys({Key::C})).nextCamera);
  EXPECT_FALSE(m.map(keys({Key::C})).nextCamera);
  EXPECT_TRUE(m.map(keys({Key::P})).pause);
  EXPECT_FALSE(m.map(RawInput{}).pause);
  EXPECT_TRUE(m.map(keys({Key::P})).pause);
}

TEST(InputMapper, StickMapsToNotchesWithDeadZone) {
  InputMapper m = mapper(); // left_x = trolley, dead zone 0.15, 5 notches
  m.map(padConnected());
  const auto trolley = [&](float x) {
    return m.map(withPad(RawInput{}, 0, GamepadAxis::LeftX, x)).actions.axis(kTrolleyTravel);
  };
  EXPECT_FLOAT_EQ(trolley(0.14f), 0.0f); // inside the dead zone
  EXPECT_FLOAT_EQ(trolley(0.16f), 0.2f); // round(0.8) = notch 1
  EXPECT_FLOAT_EQ(trolley(0.5f), 0.6f);  // round(2.5) = notch 3 (half away from zero)
  EXPECT_FLOAT_EQ(trolley(-0.62f), -0.6f);
  EXPECT_FLOAT_EQ(trolley(1.0f), 1.0f);
  EXPECT_FLOAT_EQ(trolley(0.0f), 0.0f);
}

TEST(InputMapper, InvertedStickYMeansUpIsPositive) {
  InputMapper m = mapper(); // left_y inverted = bridge
  m.map(padConnected());
  // GLFW reports stick up as -1.
  auto out = m.map(withPad(RawInput{}, 0, GamepadAxis::LeftY, -1.0f));
  EXPECT_FLOAT_EQ(out.actions.axis(kBridgeTravel), 1.0f);
  out = m.map(withPad(RawInput{}, 0, GamepadAxis::RightY, 0.45f));
  EXPECT_FLOAT_EQ(out.actions.axis(kHoist), -0.4f);
  // Moving the hoist stick did not move the bridge stick back: bridge notch changed to 0.
  EXPECT_FLOAT_EQ(out.actions.axis(kBridgeTravel), 0.0f);
}

TEST(InputMapper, TriggerReadsFromReleasedToPulled) {
  Bindings b;
  b.gamepad.enabled = true;
  b.gamepad.axes = {{kHoist, GamepadAxis::RightTrigger, false}};
  InputMapper m = mapper(b);
  auto out = m.map(withPad(RawInput{}, 0, GamepadAxis::RightTrigger, -1.0f));
  EXPECT_FLOAT_EQ(out.actions.axis(kHoist), 0.0f);
  out = m.map(withPad(RawInput{}, 0, GamepadAxis::RightTrigger, 0.0f));
  EXPECT_FLOAT_EQ(out.actions.axis(kHoist), 0.6f); // half pulled: round(2.5) = 3
}

TEST(InputMapper, LastMovedControlWinsBetweenStickAndKeys) {
  InputMapper m = mapper();
  m.map(padConnected());
  tap(m, Key::D); // the stick rests, the keyboard sets notch 1
  EXPECT_EQ(m.notch(kTrolleyTravel), 1);
  RawInput stick = withPad(RawInput{}, 0, GamepadAxis::LeftX, -0.8f);
  m.map(stick);
  EXPECT_EQ(m.notch(kTrolleyTravel), -4);
  RawInput stickAndKey = stick;
  stickAndKey.setKey(Key::D, true);
  m.map(stickAndKey); // the stick holds still: the key press steps from -4
  EXPECT_EQ(m.notch(kTrolleyTravel), -3);
  m.map(withPad(RawInput{}, 0, GamepadAxis::LeftX, 0.0f)); // stick back to rest
  EXPECT_EQ(m.notch(kTrolleyTravel), 0);
}

TEST(InputMapper, GamepadButtonsAndCommands) {
  InputMapper m = mapper();
  RawInput raw = padConnected();
  m.map(raw);
  raw.gamepads[0].buttons[static_cast<std::size_t>(GamepadButton::A)] = true;
  raw.gamepads[0].buttons[static_cast<std::size_t>(GamepadButton::RightBumper)] = true;
  MappedInput out = m.map(raw);
  EXPECT_TRUE(out.actions.button(kHorn));
  EXPECT_TRUE(out.nextCamera);
  out = m.map(raw);
  EXPECT_TRUE(out.actions.button(kHorn));
  EXPECT_FALSE(out.nextCamera); // one press, one camera step
}

TEST(InputMapper, CountedPressesStepOneNotchEachOverSuccessiveTicks) {
  // One frame's snapshot: five taps of W, all released by the poll (as the poller reports them).
  InputMapper m = mapper();
  RawInput frame;
  frame.presses[static_cast<std::size_t>(Key::W)] = 5;
  frame.pollIndex = 1;
  std::vector<float> axis;
  for (int tick = 0; tick < 4; ++tick) { // the frame runs four ticks: same snapshot each time
    axis.push_back(m.map(frame).actions.axis(kBridgeTravel));
  }
  EXPECT_EQ(axis, (std::vector<float>{0.2f, 0.4f, 0.6f, 0.8f}));
  RawInput next; // the next frame, no new press: the fifth tap is still taken
  next.pollIndex = 2;
  EXPECT_FLOAT_EQ(m.map(next).actions.axis(kBridgeTravel), 1.0f);
  EXPECT_FLOAT_EQ(m.map(next).actions.axis(kBridgeTravel), 1.0f); // nothing more
  EXPECT_EQ(m.notch(kBridgeTravel), 5);
}

TEST(InputMapper, ResetDropsPendingPresses) {
  InputMapper m = mapper();
  RawInput frame;
  frame.presses[static_cast<std::size_t>(Key::W)] = 3;
  frame.pollIndex = 7;
  m.map(frame);
  m.reset();
  RawInput next;
  next.pollIndex = 8;
  EXPECT_TRUE(m.map(next).actions.neutral());
}

TEST(InputMapper, KeyboardOnlyStationGetsNoGamepadMessage) {
  // The default bindings enable the gamepad; a station that never had one says nothing.
  InputMapper m = mapper();
  MappedInput first = m.map(keys({Key::W}));
  EXPECT_FALSE(first.deviceNotice) << *first.deviceNotice;
  EXPECT_FLOAT_EQ(first.actions.axis(kBridgeTravel), 0.2f);
  for (int tick = 0; tick < 100; ++tick) {
    ASSERT_FALSE(m.map(RawInput{}).deviceNotice) << "tick " << tick;
  }
}

TEST(InputMapper, UnpluggedGamepadSaysOnceThatTheKeyboardKeepsWorking) {
  InputMapper m = mapper();
  EXPECT_FALSE(m.map(padConnected()).deviceNotice); // usable from the start: nothing to say
  MappedInput unplugged = m.map(keys({Key::W}));
  ASSERT_TRUE(unplugged.deviceNotice);
  EXPECT_EQ(*unplugged.deviceNotice,
            "Gamepad disconnected from gamepad slot 0; the keyboard keeps working.");
  EXPECT_LE(unplugged.deviceNotice->size(), 80U) << "one HUD line";
  EXPECT_FLOAT_EQ(unplugged.actions.axis(kBridgeTravel), 0.2f);
  EXPECT_FALSE(m.map(RawInput{}).deviceNotice); // said once, not every tick
  MappedInput plugged = m.map(padConnected());
  ASSERT_TRUE(plugged.deviceNotice);
  EXPECT_NE(plugged.deviceNotice->find("'Test Pad' connected"), std::string::npos);
}

TEST(InputMapper, JoystickWithoutMappingIsExplained) {
  RawInput raw;
  raw.gamepads[0].present = true;
  raw.gamepads[0].name = "Old Stick";
  raw.gamepads[0].axes[0] = 1.0f; // unreadable without a mapping: must not move anything
  InputMapper m = mapper();
  MappedInput out = m.map(raw);
  ASSERT_TRUE(out.deviceNotice);
  EXPECT_NE(out.deviceNotice->find("'Old Stick' in gamepad slot 0 has no gamepad mapping; the "
                                   "keyboard keeps working"),
            std::string::npos)
      << *out.deviceNotice;
  EXPECT_TRUE(out.actions.neutral());
}

TEST(InputMapper, DisabledGamepadIsIgnoredSilently) {
  Bindings b = defaultBindings();
  b.gamepad.enabled = false;
  InputMapper m = mapper(b);
  MappedInput out = m.map(withPad(RawInput{}, 0, GamepadAxis::LeftX, 1.0f));
  EXPECT_FALSE(out.deviceNotice);
  EXPECT_TRUE(out.actions.neutral());
  EXPECT_FALSE(gamepadProblem(b.gamepad, RawInput{}));
}

TEST(InputMapper, ConfiguredSlotIsTheOneRead) {
  Bindings b = defaultBindings();
  b.gamepad.device = 2;
  InputMapper m = mapper(b);
  MappedInput out = m.map(withPad(RawInput{}, 0, GamepadAxis::LeftX, 1.0f));
  ASSERT_TRUE(out.deviceNotice);
  EXPECT_NE(out.deviceNotice->find("slot 2"), std::string::npos);
  EXPECT_TRUE(out.actions.neutral());
  out = m.map(withPad(RawInput{}, 2, GamepadAxis::LeftX, 1.0f));
  EXPECT_FLOAT_EQ(out.actions.axis(kTrolleyTravel), 1.0f);
}

TEST(InputMapper, NonFiniteStickReadsNeutral) {
  InputMapper m = mapper();
  m.map(padConnected());
  auto out = m.map(withPad(RawInput{}, 0, GamepadAxis::LeftX, std::nanf("")));
  EXPECT_FLOAT_EQ(out.actions.axis(kTrolleyTravel), 0.0f);
}

TEST(InputMapper, ResetReturnsToNeutral) {
  InputMapper m = mapper();
  tap(m, Key::W);
  m.reset();
  EXPECT_EQ(m.notch(kBridgeTravel), 0);
  // After a reset a key that is still held counts as a new press.
  m.map(keys({Key::W}));
  EXPECT_EQ(m.notch(kBridgeTravel), 1);
}

TEST(InputMapper, BindingToAnUndeclaredSlotIsAContractViolation) {
  Bindings b = defaultBindings();
  b.keyAxes.push_back({7, Key::I, Key::K}); // slot 7: the machine declares only three axes
  EXPECT_THROW(mapper(b), core::ContractViolation);
  Bindings c = defaultBindings();
  c.keyButtons.push_back({4, Key::J}); // bit 4: it declares four buttons
  EXPECT_THROW(mapper(c), core::ContractViolation);
}

TEST(InputMapper, SameSnapshotsGiveSameActions) {
  const std::vector<RawInput> script = {keys({Key::W}), keys({}), keys({Key::W, Key::H}),
                                        withPad(keys({Key::Up}), 0, GamepadAxis::LeftX, 0.7f),
                                        keys({Key::Space})};
  InputMapper a = mapper();
  InputMapper b = mapper();
  for (const auto& raw : script) {
    EXPECT_EQ(a.map(raw).actions, b.map(raw).actions);
  }
}
