#include "skillsim/platform/InputDevices.h"

#include "InputPoller.h"
#include "WindowNative.h"

#include "skillsim/core/Check.h"

namespace skillsim::platform {

InputDevices::InputDevices(Window& window)
    : mPoller(std::make_unique<InputPoller>(nativeHandle(window))) {}

InputDevices::~InputDevices() = default;

void InputDevices::poll(RawInput& raw) { mPoller->poll(raw); }

void simulateKeyEvent(Window& window, Key key, bool press) {
  deliverKeyEvent(nativeHandle(window), key, press);
}

void simulateGamepad(Window& window, int slot, std::optional<GamepadState> state) {
  InputPoller* poller = InputPoller::of(nativeHandle(window));
  SKILLSIM_CHECK(poller != nullptr, "simulateGamepad needs the window's InputDevices");
  poller->setSimulatedGamepad(slot, std::move(state));
}

void simulateMouseMove(Window& window, double x, double y) {
  deliverMouseMove(nativeHandle(window), x, y);
}

void simulateMouseButtonEvent(Window& window, bool press) {
  deliverMouseButtonEvent(nativeHandle(window), press);
}

} // namespace skillsim::platform
