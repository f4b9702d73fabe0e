// How the trainee turns an orbit camera (issue 16, point 5): app::orbitStep maps a frame of the
// mouse, the keypad and the gamepad's right stick to a turn and a zoom, and leaves alone every
// key and stick axis the machine's bindings use.
#include <skillsim/app/OrbitControl.h>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

using namespace skillsim;
using app::orbitStep;
using platform::GamepadAxis;
using platform::Key;

namespace {

platform::Bindings withGamepad() {
  platform::Bindings b;
  b.gamepad.enabled = true;
  b.gamepad.device = 0;
  b.gamepad.deadZone = 0.15f;
  return b;
}

platform::RawInput withStick(float x, float y) {
  platform::RawInput raw;
  auto& pad = raw.gamepads[0];
  pad.present = true;
  pad.isGamepad = true;
  pad.axes[static_cast<std::size_t>(GamepadAxis::RightX)] = x;
  pad.axes[static_cast<std::size_t>(GamepadAxis::RightY)] = y;
  return raw;
}

} // namespace

TEST(OrbitControl, NothingTouchedIsNoTurnAndNoZoom) {
  const app::OrbitStep none = orbitStep({}, withGamepad(), {}, 0.016);
  EXPECT_EQ(none, app::OrbitStep{});
}

TEST(OrbitControl, AMouseDragTurnsWithTheMouseAndTheWheelZooms) {
  // 300 px right and 100 px down: yaw -300 * 0.005 = -1.5 rad, pitch +0.5 rad; 2 notches away:
  // 0.9^2 = 0.81 of the distance.
  const app::OrbitStep s = orbitStep({}, {}, ui::ViewPointer{300.0, 100.0, 2.0}, 0.016);
  EXPECT_DOUBLE_EQ(s.deltaYaw, -1.5);
  EXPECT_DOUBLE_EQ(s.deltaPitch, 0.5);
  EXPECT_NEAR(s.zoomFactor, 0.81, 1e-15);
  // Towards the user: the inverse.
  EXPECT_NEAR(orbitStep({}, {}, ui::ViewPointer{0.0, 0.0, -1.0}, 0.0).zoomFactor, 1.0 / 0.9, 1e-15);
}

TEST(OrbitControl, KeypadKeysTurnAtTheirRateForTheFrameTime) {
  platform::RawInput raw;
  raw.setKey(Key::Kp4, true); // as a drag to the left: yaw grows
  raw.setKey(Key::Kp8, true); // eye up
  raw.setKey(Key::KpAdd, true);
  // 0.25 s at 1.2 rad/s = 0.3 rad; zoom 0.5^0.25 = 0.8409.
  const app::OrbitStep s = orbitStep(raw, {}, {}, 0.25);
  EXPECT_NEAR(s.deltaYaw, 0.3, 1e-15);
  EXPECT_NEAR(s.deltaPitch, 0.3, 1e-15);
  EXPECT_NEAR(s.zoomFactor, 0.84089641525, 1e-10);
  raw = {};
  raw.setKey(Key::Kp6, true);
  raw.setKey(Key::Kp2, true);
  raw.setKey(Key::KpSubtract, true);
  const app::OrbitStep back = orbitStep(raw, {}, {}, 0.25);
  EXPECT_NEAR(back.deltaYaw, -0.3, 1e-15);
  EXPECT_NEAR(back.deltaPitch, -0.3, 1e-15);
  EXPECT_NEAR(back.zoomFactor, 1.0 / 0.84089641525, 1e-10);
  // Both keys of a pair: they cancel.
  raw.setKey(Key::Kp4, true);
  EXPECT_EQ(orbitStep(raw, {}, {}, 0.25).deltaYaw, 0.0);
}

TEST(OrbitControl, TheRightStickTurnsPastItsDeadZone) {
  // Pushed right half way (0.5) for 0.1 s: as a drag right, yaw -0.5 * 1.2 * 0.1 = -0.06 rad;
  // pushed up (GLFW reads up as -1): the eye rises, +0.06 rad.
  const app::OrbitStep s = orbitStep(withStick(0.5f, -0.5f), withGamepad(), {}, 0.1);
  EXPECT_NEAR(s.deltaYaw, -0.06, 1e-12);
  EXPECT_NEAR(s.deltaPitch, 0.06, 1e-12);
  EXPECT_EQ(s.zoomFactor, 1.0);
  // Inside the 0.15 dead zone: nothing; a gamepad the bindings do not enable: nothing.
  EXPECT_EQ(orbitStep(withStick(0.1f, -0.14f), withGamepad(), {}, 0.1), app::OrbitStep{});
  EXPECT_EQ(orbitStep(withStick(0.5f, -0.5f), platform::Bindings{}, {}, 0.1), app::OrbitStep{});
}

TEST(OrbitControl, KeysAndStickAxesTheMachineUsesAreLeftToTheMachine) {
  platform::Bindings b = withGamepad();
  b.keyAxes.push_back({.slot = 0, .increase = Key::Kp4, .decrease = Key::Kp6});
  b.keyButtons.push_back({.bit = 0, .key = Key::KpAdd});
  b.gamepad.axes.push_back({.slot = 1, .source = GamepadAxis::RightX});
  platform::RawInput raw = withStick(1.0f, -1.0f);
  raw.setKey(Key::Kp4, true);
  raw.setKey(Key::KpAdd, true);
  raw.setKey(Key::Kp8, true);
  const app::OrbitStep s = orbitStep(raw, b, {}, 0.5);
  EXPECT_EQ(s.deltaYaw, 0.0) << "Kp4 and the stick's x jog the machine";
  EXPECT_EQ(s.zoomFactor, 1.0) << "KpAdd is a machine button";
  // Kp8 (0.5 s at 1.2 rad/s = 0.6) and the stick's y, pushed fully up (another 0.6): free.
  EXPECT_NEAR(s.deltaPitch, 1.2, 1e-12);
}

TEST(OrbitControl, ANegativeOrNonFiniteFrameTimeOrPointerCountsAsNothing) {
  platform::RawInput raw;
  raw.setKey(Key::Kp4, true);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(orbitStep(raw, {}, {}, -1.0), app::OrbitStep{});
  EXPECT_EQ(orbitStep(raw, {}, {}, nan), app::OrbitStep{});
  EXPECT_EQ(
      orbitStep({}, {}, ui::ViewPointer{nan, std::numeric_limits<double>::infinity(), nan}, 0.1),
      app::OrbitStep{});
}
