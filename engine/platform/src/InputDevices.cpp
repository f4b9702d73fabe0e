#include "skillsim/platform/InputDevices.h"

#include "InputPoller.h"
#include "WindowNative.h"

namespace skillsim::platform {

InputDevices::InputDevices(Window& window)
    : mPoller(std::make_unique<InputPoller>(nativeHandle(window))) {}

InputDevices::~InputDevices() = default;

void InputDevices::poll(RawInput& raw) { mPoller->poll(raw); }

void simulateKeyEvent(Window& window, Key key, bool press) {
  deliverKeyEvent(nativeHandle(window), key, press);
}

} // namespace skillsim::platform
