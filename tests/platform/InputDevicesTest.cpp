// The real poller under a display (labelled `display`; CI runs it under Xvfb): key events reach
// InputDevices through the window's GLFW key callback, as the window system delivers them.
#include <skillsim/platform/InputDevices.h>
#include <skillsim/platform/InputMapper.h>
#include <skillsim/platform/Window.h>

#include "MissingPrerequisite.h"

#include <gtest/gtest.h>

using namespace skillsim;
using namespace skillsim::platform;
namespace {

core::ControlLayout oneDrive() {
  core::ControlDecl c;
  c.id = "bridge_travel";
  c.kind = core::ControlKind::Notched;
  c.notches = 5;
  c.binding = {"W", "S", "", false};
  return core::ControlLayout({c});
}

TEST(InputDevices, FiveTapsShorterThanAFrameAreFiveNotches) {
  auto window = Window::create({.width = 200, .height = 120, .visible = false});
  if (!window) {
    SKILLSIM_MISSING_PREREQUISITE() << "no display: " << window.error().toString();
  }
  InputDevices devices(**window);
  InputMapper mapper(defaultBindings(oneDrive()), oneDrive());
  RawInput raw;
  (*window)->pollEvents();
  devices.poll(raw); // frame 0: nothing yet
  EXPECT_EQ(raw.pressCount(Key::W), 0);

  // Between two polls (one frame), five press-release pairs: each shorter than the frame.
  for (int i = 0; i < 5; ++i) {
    simulateKeyEvent(**window, Key::W, true);
    simulateKeyEvent(**window, Key::W, false);
  }
  (*window)->pollEvents();
  devices.poll(raw);
  EXPECT_EQ(raw.pressCount(Key::W), 5);
  EXPECT_EQ(raw.pressCount(Key::S), 0);
  for (int tick = 0; tick < 4; ++tick) { // 240 Hz ticks at 60 frames a second
    mapper.map(raw);
  }
  (*window)->pollEvents();
  devices.poll(raw); // the next frame: no new presses; the fifth is taken now
  EXPECT_EQ(raw.pressCount(Key::W), 0);
  for (int tick = 0; tick < 4; ++tick) {
    mapper.map(raw);
  }
  EXPECT_EQ(mapper.notch(0), 5) << "one notch per tap";
}

TEST(InputDevices, HeldKeyAndAutoRepeatAreOnePress) {
  auto window = Window::create({.width = 200, .height = 120, .visible = false});
  if (!window) {
    SKILLSIM_MISSING_PREREQUISITE() << "no display: " << window.error().toString();
  }
  InputDevices devices(**window);
  RawInput raw;
  simulateKeyEvent(**window, Key::S, true); // pressed and not released in this frame
  devices.poll(raw);
  EXPECT_EQ(raw.pressCount(Key::S), 1);
  devices.poll(raw);
  EXPECT_EQ(raw.pressCount(Key::S), 0) << "counted once, then cleared";
  EXPECT_GT(raw.pollIndex, 0U);
}

TEST(InputDevices, ASecondPollerOnTheWindowAfterTheFirstEndsWorks) {
  auto window = Window::create({.width = 200, .height = 120, .visible = false});
  if (!window) {
    SKILLSIM_MISSING_PREREQUISITE() << "no display: " << window.error().toString();
  }
  RawInput raw;
  { InputDevices first(**window); }
  InputDevices second(**window); // e.g. the next attempt from the start screen
  simulateKeyEvent(**window, Key::W, true);
  second.poll(raw);
  EXPECT_EQ(raw.pressCount(Key::W), 1);
}

// The test seam the workstation tests drive attempts with: a simulated key reads held from its
// press to its release; a simulated gamepad reads as given in its slot until handed back.
TEST(InputDevices, SimulatedKeysAreHeldUntilReleasedAndSimulatedGamepadsRead) {
  auto window = Window::create({.width = 200, .height = 120, .visible = false});
  if (!window) {
    SKILLSIM_MISSING_PREREQUISITE() << "no display: " << window.error().toString();
  }
  InputDevices devices(**window);
  RawInput raw;
  simulateKeyEvent(**window, Key::H, true);
  devices.poll(raw);
  EXPECT_TRUE(raw.key(Key::H));
  devices.poll(raw);
  EXPECT_TRUE(raw.key(Key::H)) << "still held a frame later";
  EXPECT_EQ(raw.pressCount(Key::H), 0);
  simulateKeyEvent(**window, Key::H, false);
  devices.poll(raw);
  EXPECT_FALSE(raw.key(Key::H));

  GamepadState pad;
  pad.present = true;
  pad.isGamepad = true;
  pad.name = "Test pad";
  pad.axes[static_cast<std::size_t>(GamepadAxis::LeftX)] = 0.75f;
  pad.buttons[static_cast<std::size_t>(GamepadButton::Start)] = true;
  simulateGamepad(**window, 3, pad);
  devices.poll(raw);
  EXPECT_TRUE(raw.gamepads[3].present);
  EXPECT_EQ(raw.gamepads[3].name, "Test pad");
  EXPECT_EQ(raw.gamepads[3].axis(GamepadAxis::LeftX), 0.75f);
  EXPECT_TRUE(raw.gamepads[3].button(GamepadButton::Start));
  simulateGamepad(**window, 3, std::nullopt);
  devices.poll(raw);
  EXPECT_FALSE(raw.gamepads[3].button(GamepadButton::Start)) << "the slot is the device's again";
}

} // namespace
