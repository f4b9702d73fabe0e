#include "skillsim/app/OrbitControl.h"

#include <algorithm>
#include <cmath>

namespace skillsim::app {
namespace {

using platform::GamepadAxis;
using platform::Key;

bool boundByMachine(const platform::Bindings& b, Key key) {
  for (const auto& a : b.keyAxes) {
    if (a.increase == key || a.decrease == key) {
      return true;
    }
  }
  const auto sameKey = [key](const auto& binding) { return binding.key == key; };
  return std::any_of(b.keyButtons.begin(), b.keyButtons.end(), sameKey) ||
         std::any_of(b.keyCommands.begin(), b.keyCommands.end(), sameKey);
}

bool boundByMachine(const platform::Bindings& b, GamepadAxis axis) {
  return std::any_of(b.gamepad.axes.begin(), b.gamepad.axes.end(),
                     [axis](const auto& binding) { return binding.source == axis; });
}

/** +1 while `plus` is held, -1 while `minus` is, 0 for both, neither, or keys the machine uses. */
double keyPair(const platform::RawInput& raw, const platform::Bindings& b, Key plus, Key minus) {
  const auto held = [&](Key k) { return raw.key(k) && !boundByMachine(b, k); };
  return (held(plus) ? 1.0 : 0.0) - (held(minus) ? 1.0 : 0.0);
}

} // namespace

OrbitStep orbitStep(const platform::RawInput& raw, const platform::Bindings& bindings,
                    const ui::ViewPointer& pointer, double dt) {
  if (!std::isfinite(dt) || dt < 0.0) {
    dt = 0.0;
  }
  double yawRate = keyPair(raw, bindings, Key::Kp4, Key::Kp6);   // as a drag to the left
  double pitchRate = keyPair(raw, bindings, Key::Kp8, Key::Kp2); // eye up
  const double zoomRate = keyPair(raw, bindings, Key::KpAdd, Key::KpSubtract);

  const auto device = static_cast<std::size_t>(bindings.gamepad.device);
  if (bindings.gamepad.enabled && device < raw.gamepads.size()) {
    const platform::GamepadState& pad = raw.gamepads[device];
    if (pad.present && pad.isGamepad) {
      const auto stick = [&](GamepadAxis a) {
        const double v = pad.axis(a);
        return boundByMachine(bindings, a) || !std::isfinite(v) ||
                       std::abs(v) < bindings.gamepad.deadZone
                   ? 0.0
                   : std::clamp(v, -1.0, 1.0);
      };
      yawRate -= stick(GamepadAxis::RightX);   // pushed right: as a drag to the right
      pitchRate -= stick(GamepadAxis::RightY); // GLFW's stick Y is + down; pushed up: eye up
    }
  }

  OrbitStep step;
  const double dragX = std::isfinite(pointer.dragX) ? pointer.dragX : 0.0;
  const double dragY = std::isfinite(pointer.dragY) ? pointer.dragY : 0.0;
  const double wheel = std::isfinite(pointer.wheel) ? pointer.wheel : 0.0;
  step.deltaYaw = -dragX * kOrbitRadiansPerPixel + yawRate * kOrbitRadiansPerSecond * dt;
  step.deltaPitch = dragY * kOrbitRadiansPerPixel + pitchRate * kOrbitRadiansPerSecond * dt;
  step.zoomFactor =
      std::pow(kOrbitZoomPerNotch, wheel) * std::pow(kOrbitZoomPerSecond, zoomRate * dt);
  return step;
}

} // namespace skillsim::app
