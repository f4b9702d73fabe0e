#include "skillsim/platform/InputMapper.h"

#include "skillsim/core/Check.h"

#include <algorithm>
#include <cmath>

namespace skillsim::platform {
namespace {

std::string slotText(int device) { return "gamepad slot " + std::to_string(device); }

} // namespace

std::optional<std::string> gamepadProblem(const GamepadBindings& config, const RawInput& raw) {
  if (!config.enabled) {
    return std::nullopt;
  }
  SKILLSIM_CHECK(config.device >= 0 && config.device < kMaxGamepads, "gamepad slot out of range");
  const GamepadState& pad = raw.gamepads[static_cast<std::size_t>(config.device)];
  // One short line each, to fit the HUD's notice line.
  if (!pad.present) {
    return "No gamepad in " + slotText(config.device) + "; the keyboard keeps working.";
  }
  if (!pad.isGamepad) {
    return "Joystick '" + pad.name + "' in " + slotText(config.device) +
           " has no gamepad mapping; the keyboard keeps working.";
  }
  return std::nullopt;
}

InputMapper::InputMapper(Bindings bindings, const core::ControlLayout& controls)
    : mBindings(std::move(bindings)), mAxisCount(controls.axisIds().size()) {
  for (std::size_t slot = 0; slot < mAxisCount; ++slot) {
    const core::ControlDecl& c = controls.axisControl(slot);
    mNotchCounts[slot] = c.kind == core::ControlKind::Notched ? c.notches : 0;
  }
  for (const auto& b : mBindings.keyAxes) {
    SKILLSIM_CHECK(b.slot < mAxisCount, "a key binding names an axis the machine lacks");
  }
  for (const auto& b : mBindings.gamepad.axes) {
    SKILLSIM_CHECK(b.slot < mAxisCount, "a gamepad binding names an axis the machine lacks");
  }
  for (const auto& b : mBindings.keyButtons) {
    SKILLSIM_CHECK(b.bit < controls.buttonIds().size(), "a key binding names a missing button");
  }
  for (const auto& b : mBindings.gamepad.buttons) {
    SKILLSIM_CHECK(b.bit < controls.buttonIds().size(), "a gamepad binding names a missing button");
  }
}

int InputMapper::notchCount(std::size_t slot) const { return mNotchCounts.at(slot); }

int InputMapper::notch(std::size_t slot) const { return mNotches.at(slot); }

void InputMapper::reset() {
  mNotches.fill(0);
  mLastPadNotch.fill(std::nullopt);
  mPrevious = RawInput{};
  mHavePrevious = false;
  mPendingPresses.fill(0);
}

float InputMapper::gamepadValue(const GamepadState& pad, const GamepadAxisBinding& b) const {
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
    return 0.0f;
  }
  return v;
}

MappedInput InputMapper::map(const RawInput& raw) {
  MappedInput out;
  // Presses: a new snapshot's counted presses (or, without a count, a key newly found held) join
  // the pending ones; each tick takes one press per key, so a frame's several taps become
  // successive ticks' steps and the same snapshot mapped again adds nothing.
  const bool fresh = raw.pollIndex == 0 || !mHavePrevious || raw.pollIndex != mPrevious.pollIndex;
  if (fresh) {
    for (std::size_t k = 0; k < kKeyCount; ++k) {
      const int edge = raw.keys[k] && !(mHavePrevious && mPrevious.keys[k]) ? 1 : 0;
      mPendingPresses[k] =
          std::min(kMaxPendingPresses, mPendingPresses[k] + std::max<int>(raw.presses[k], edge));
    }
  }
  std::array<bool, kKeyCount> pressedNow{};
  for (std::size_t k = 0; k < kKeyCount; ++k) {
    if (mPendingPresses[k] > 0) {
      pressedNow[k] = true;
      --mPendingPresses[k];
    }
  }
  const auto pressed = [&](Key k) { return pressedNow[static_cast<std::size_t>(k)]; };

  // Device status, reported when it changes (and on the first tick when there is a problem).
  const GamepadBindings& pad = mBindings.gamepad;
  const GamepadState* padState = nullptr;
  if (pad.enabled) {
    const GamepadState& s = raw.gamepads[static_cast<std::size_t>(pad.device)];
    const int status = !s.present ? 0 : (!s.isGamepad ? 1 : 2);
    const bool anyPad = std::any_of(raw.gamepads.begin(), raw.gamepads.end(),
                                    [](const GamepadState& g) { return g.present; });
    if (!mPadStatus || *mPadStatus != status) {
      if (status == 2) {
        if (mPadStatus) {
          out.deviceNotice = "Gamepad '" + s.name + "' connected in " + slotText(pad.device) + ".";
          out.deviceStatus = DeviceStatus{DeviceStatus::Kind::Connected, pad.device, s.name};
        }
      } else if (status == 0 && !mPadSeen && !anyPad) {
        // A keyboard-only station: no gamepad was ever connected, so nothing to say.
      } else if (status == 0 && mPadSeen) {
        out.deviceNotice =
            "Gamepad disconnected from " + slotText(pad.device) + "; the keyboard keeps working.";
        out.deviceStatus = DeviceStatus{DeviceStatus::Kind::Disconnected, pad.device, {}};
      } else {
        out.deviceNotice = gamepadProblem(pad, raw);
        if (out.deviceNotice) {
          out.deviceStatus = DeviceStatus{status == 0 ? DeviceStatus::Kind::Missing
                                                      : DeviceStatus::Kind::NoMapping,
                                          pad.device, status == 0 ? std::string() : s.name};
        }
      }
      mPadStatus = status;
    }
    mPadSeen = mPadSeen || status != 0;
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
  // tick leaves that controller at notch 1.
  bool neutral = false;
  for (const auto& c : mBindings.keyCommands) {
    if (pressed(c.key)) {
      neutral |= c.command == Command::Neutral;
      out.nextCamera |= c.command == Command::NextCamera;
      out.pause |= c.command == Command::Pause;
      out.quit |= c.command == Command::Quit;
      out.controlsHelp |= c.command == Command::ControlsHelp;
    }
  }
  for (const auto& c : pad.commands) {
    if (padPressed(c.source)) {
      neutral |= c.command == Command::Neutral;
      out.nextCamera |= c.command == Command::NextCamera;
      out.pause |= c.command == Command::Pause;
      out.quit |= c.command == Command::Quit;
      out.controlsHelp |= c.command == Command::ControlsHelp;
    }
  }
  if (neutral) {
    mNotches.fill(0);
  }

  // Gamepad axes: a change of the stick's notch sets the controller (last one moved wins).
  std::array<float, core::kMaxAxes> continuous{};
  std::array<bool, core::kMaxAxes> padDrives{};
  if (padState) {
    for (const auto& b : pad.axes) {
      const float v = gamepadValue(*padState, b);
      const int n = mNotchCounts[b.slot];
      if (n == 0) {
        continuous[b.slot] = v;
        padDrives[b.slot] = padDrives[b.slot] || v != 0.0f;
        continue;
      }
      // Notched: a change of the stick's notch sets the controller (last one moved wins).
      const int notch = std::clamp(static_cast<int>(std::lround(v * static_cast<float>(n))), -n, n);
      auto& last = mLastPadNotch[b.slot];
      if (!last || *last != notch) {
        // A stick that is at rest when first seen does not override the keyboard.
        if (last || notch != 0) {
          mNotches[b.slot] = notch;
        }
        last = notch;
      }
    }
  } else {
    mLastPadNotch.fill(std::nullopt);
  }

  for (const auto& b : mBindings.keyAxes) {
    const int n = mNotchCounts[b.slot];
    if (n == 0) {
      // Continuous: full travel while a key is held, unless the stick is off rest.
      if (!padDrives[b.slot]) {
        continuous[b.slot] += (raw.key(b.increase) ? 1.0f : 0.0f) -
                              (b.decrease && raw.key(*b.decrease) ? 1.0f : 0.0f);
      }
      continue;
    }
    // Notched keyboard steps: one notch per press.
    int& notch = mNotches[b.slot];
    if (pressed(b.increase)) {
      notch = std::min(notch + 1, n);
    }
    if (b.decrease && pressed(*b.decrease)) {
      notch = std::max(notch - 1, -n);
    }
  }

  for (std::size_t i = 0; i < mAxisCount; ++i) {
    if (mNotchCounts[i] == 0) {
      if (continuous[i] != 0.0f) {
        out.actions.setAxis(i, continuous[i]);
      }
    } else if (mNotches[i] != 0) {
      out.actions.setAxis(i, static_cast<float>(mNotches[i]) / static_cast<float>(mNotchCounts[i]));
    }
  }
  for (const auto& b : mBindings.keyButtons) {
    if (raw.key(b.key)) {
      out.actions.setButton(b.bit, true);
    }
  }
  if (padState) {
    for (const auto& b : pad.buttons) {
      if (padState->button(b.source)) {
        out.actions.setButton(b.bit, true);
      }
    }
  }

  mPrevious = raw;
  mHavePrevious = true;
  return out;
}

} // namespace skillsim::platform
