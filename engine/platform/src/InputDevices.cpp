#include "skillsim/platform/InputDevices.h"

#include "InputPoller.h"
#include "WindowNative.h"

namespace skillsim::platform {

InputDevices::InputDevices(Window& window) : mWindow(window) {
  InputPoller poller(nativeHandle(mWindow)); // sets sticky keys once
}

void InputDevices::poll(RawInput& raw) const { InputPoller(nativeHandle(mWindow)).poll(raw); }

} // namespace skillsim::platform
