#include "skillsim/platform/InputMapper.h"

#include "skillsim/core/Check.h"

#include <algorithm>
#include <cmath>

namespace skillsim::platform {
namespace {

constexpr int kDefaultNotches = 5;

std::size_t index(core::Axis a) { return static_cast<std::size_t>(a); }

std::string slotText(int device) { return "gamepad slot " + std::to_string(device); }

} // namespace

std::optional<std::string> gamepadProblem(const GamepadBindings& config, const RawInput& raw) {
  if (!config.enabled) {
    return std::nullopt;
  }
  SKILLSIM_CHECK(config.device >= 0 && config.device < kMaxGamepads, "gamepad slot out of range");
  const GamepadState& pad = raw.gamepads[static_cast<std::size_t>(config.device)];
  if (!pad.present) {
    return "No gamepad or joystick is connected in " + slotText(config.device) +
           " (configured in the bindings file, [gamepad] device = " +
           std::to_string(config.device) +
           "); the keyboard keeps working. Connect it, or set enabled = false.";
  }
  if (!pad.isGamepad) {
    return "The joystick '" + pad.name + "' in " + slotText(config.device) +
           " has no gamepad mapping, so its axes cannot be read; the keyboard keeps working. "
           "Add its mapping (SDL_GameControllerDB format) or use another device.";
  }
  return std::nullopt;
}

InputMapper::InputMapper(Bindings bindings) : mBindings(std::move(bindings)) {
  mNotchCounts.fill(kDefaultNotches);
}

void InputMapper::setNotchCount(core::Axis axis, int notches) {
  SKILLSIM_CHECK(notches >= 1 && notches <= 100, "notch count must be 1..100");
  mNotchCounts[index(axis)] = notches;
  mNotches[index(axis)] = std::clamp(mNotches[index(axis)], -notches, notches);
}

int InputMapper::notchCount(core::Axis axis) const { return mNotchCounts[index(axis)]; }

int InputMapper::notch(core::Axis axis) const { return mNotches[index(axis)]; }

void InputMapper::reset() {
  mNotches.fill(0);
  mLastPadNotch.fill(std::nullopt);
  mPrevious = RawInput{};
  mHavePrevious = false;
}

int InputMapper::gamepadNotch(const GamepadState& pad, const GamepadAxisBinding& b) const {
  float v = pad.axis(b.source);
  if (!std::isfinite(v)) {
    v = 0.0f; // A faulty device reads as neutral (as ActionState::setAxis does).
  }
  if (b.source == GamepadAxis::LeftTrigger || b.source == GamepadAxis::RightTrigger) {
    v = (v + 1.0f) * 0.5f; // Released -1 .. pulled 1 becomes 0 .. 1.
  }
  if (b.invert) {
    v = -v;
  }
  v = std::clamp(v, -1.0f, 1.0f);
  if (std::fabs(v) < mBindings.gamepad.deadZone) {
    return 0;
  }
  const int n = mNotchCounts[index(b.axis)];
  return std::clamp(static_cast<int>(std::lround(v * static_cast<float>(n))), -n, n);
}

MappedInput InputMapper::map(const RawInput& raw) {
  MappedInput out;
  const auto pressed = [&](Key k) { return raw.key(k) && !(mHavePrevious && mPrevious.key(k)); };

  // Device status, reported when it changes (and on the first tick when there is a problem).
  const GamepadBindings& pad = mBindings.gamepad;
  const GamepadState* padState = nullptr;
  if (pad.enabled) {
    const GamepadState& s = raw.gamepads[static_cast<std::size_t>(pad.device)];
    const int status = !s.present ? 0 : (!s.isGamepad ? 1 : 2);
    if (!mPadStatus || *mPadStatus != status) {
      if (status == 2) {
        if (mPadStatus) {
          out.deviceNotice = "Gamepad '" + s.name + "' connected in gamepad slot " +
                             std::to_string(pad.device) + ".";
        }
      } else {
        out.deviceNotice = gamepadProblem(pad, raw);
      }
      mPadStatus = status;
    }
    if (status == 2) {
      padState = &s;
    }
  }
  const GamepadState* prevPad = (padState && mHavePrevious)
                                    ? &mPrevious.gamepads[static_cast<std::size_t>(pad.device)]
                                    : nullptr;
  const auto padPressed = [&](GamepadButton b) {
    return padState && padState->button(b) &&
           !(prevPad && prevPad->isGamepad && prevPad->button(b));
  };

  // Commands first: neutral applies before this tick's notch steps, so "Space then W" in one
  // tick leaves the bridge at notch 1.
  bool neutral = false;
  for (const auto& c : mBindings.keyCommands) {
    if (pressed(c.key)) {
      neutral |= c.command == Command::Neutral;
      out.nextCamera |= c.command == Command::NextCamera;
      out.pause |= c.command == Command::Pause;
    }
  }
  for (const auto& c : pad.commands) {
    if (padPressed(c.source)) {
      neutral |= c.command == Command::Neutral;
      out.nextCamera |= c.command == Command::NextCamera;
      out.pause |= c.command == Command::Pause;
    }
  }
  if (neutral) {
    mNotches.fill(0);
  }

  // Gamepad axes: a change of the stick's notch sets the controller (last one moved wins).
  if (padState) {
    for (const auto& b : pad.axes) {
      const int n = gamepadNotch(*padState, b);
      auto& last = mLastPadNotch[index(b.axis)];
      if (!last || *last != n) {
        // A stick that is at rest when first seen does not override the keyboard.
        if (last || n != 0) {
          mNotches[index(b.axis)] = n;
        }
        last = n;
      }
    }
  } else {
    mLastPadNotch.fill(std::nullopt);
  }

  // Keyboard steps: one notch per press.
  for (const auto& b : mBindings.keyAxes) {
    const int n = mNotchCounts[index(b.axis)];
    int& notch = mNotches[index(b.axis)];
    if (pressed(b.increase)) {
      notch = std::min(notch + 1, n);
    }
    if (pressed(b.decrease)) {
      notch = std::max(notch - 1, -n);
    }
  }

  for (std::size_t i = 0; i < core::kAxisCount; ++i) {
    if (mNotches[i] != 0) {
      out.actions.setAxis(static_cast<core::Axis>(i),
                          static_cast<float>(mNotches[i]) / static_cast<float>(mNotchCounts[i]));
    }
  }
  for (const auto& b : mBindings.keyButtons) {
    if (raw.key(b.key)) {
      out.actions.setButton(b.button, true);
    }
  }
  if (padState) {
    for (const auto& b : pad.buttons) {
      if (padState->button(b.source)) {
        out.actions.setButton(b.button, true);
      }
    }
  }

  mPrevious = raw;
  mHavePrevious = true;
  return out;
}

} // namespace skillsim::platform
