#include "InputPoller.h"

#include "skillsim/core/Check.h"

#include <GLFW/glfw3.h>

#include <algorithm>
#include <array>
#include <unordered_set>

namespace skillsim::platform {
namespace {

constexpr std::array<int, kKeyCount> kGlfwKeys = {GLFW_KEY_A,
                                                  GLFW_KEY_B,
                                                  GLFW_KEY_C,
                                                  GLFW_KEY_D,
                                                  GLFW_KEY_E,
                                                  GLFW_KEY_F,
                                                  GLFW_KEY_G,
                                                  GLFW_KEY_H,
                                                  GLFW_KEY_I,
                                                  GLFW_KEY_J,
                                                  GLFW_KEY_K,
                                                  GLFW_KEY_L,
                                                  GLFW_KEY_M,
                                                  GLFW_KEY_N,
                                                  GLFW_KEY_O,
                                                  GLFW_KEY_P,
                                                  GLFW_KEY_Q,
                                                  GLFW_KEY_R,
                                                  GLFW_KEY_S,
                                                  GLFW_KEY_T,
                                                  GLFW_KEY_U,
                                                  GLFW_KEY_V,
                                                  GLFW_KEY_W,
                                                  GLFW_KEY_X,
                                                  GLFW_KEY_Y,
                                                  GLFW_KEY_Z,
                                                  GLFW_KEY_0,
                                                  GLFW_KEY_1,
                                                  GLFW_KEY_2,
                                                  GLFW_KEY_3,
                                                  GLFW_KEY_4,
                                                  GLFW_KEY_5,
                                                  GLFW_KEY_6,
                                                  GLFW_KEY_7,
                                                  GLFW_KEY_8,
                                                  GLFW_KEY_9,
                                                  GLFW_KEY_SPACE,
                                                  GLFW_KEY_ENTER,
                                                  GLFW_KEY_ESCAPE,
                                                  GLFW_KEY_TAB,
                                                  GLFW_KEY_BACKSPACE,
                                                  GLFW_KEY_INSERT,
                                                  GLFW_KEY_DELETE,
                                                  GLFW_KEY_HOME,
                                                  GLFW_KEY_END,
                                                  GLFW_KEY_PAGE_UP,
                                                  GLFW_KEY_PAGE_DOWN,
                                                  GLFW_KEY_UP,
                                                  GLFW_KEY_DOWN,
                                                  GLFW_KEY_LEFT,
                                                  GLFW_KEY_RIGHT,
                                                  GLFW_KEY_F1,
                                                  GLFW_KEY_F2,
                                                  GLFW_KEY_F3,
                                                  GLFW_KEY_F4,
                                                  GLFW_KEY_F5,
                                                  GLFW_KEY_F6,
                                                  GLFW_KEY_F7,
                                                  GLFW_KEY_F8,
                                                  GLFW_KEY_F9,
                                                  GLFW_KEY_F10,
                                                  GLFW_KEY_F11,
                                                  GLFW_KEY_F12,
                                                  GLFW_KEY_LEFT_SHIFT,
                                                  GLFW_KEY_RIGHT_SHIFT,
                                                  GLFW_KEY_LEFT_CONTROL,
                                                  GLFW_KEY_RIGHT_CONTROL,
                                                  GLFW_KEY_LEFT_ALT,
                                                  GLFW_KEY_RIGHT_ALT,
                                                  GLFW_KEY_KP_0,
                                                  GLFW_KEY_KP_1,
                                                  GLFW_KEY_KP_2,
                                                  GLFW_KEY_KP_3,
                                                  GLFW_KEY_KP_4,
                                                  GLFW_KEY_KP_5,
                                                  GLFW_KEY_KP_6,
                                                  GLFW_KEY_KP_7,
                                                  GLFW_KEY_KP_8,
                                                  GLFW_KEY_KP_9,
                                                  GLFW_KEY_KP_ADD,
                                                  GLFW_KEY_KP_SUBTRACT,
                                                  GLFW_KEY_KP_MULTIPLY,
                                                  GLFW_KEY_KP_DIVIDE,
                                                  GLFW_KEY_KP_ENTER,
                                                  GLFW_KEY_KP_DECIMAL,
                                                  GLFW_KEY_MINUS,
                                                  GLFW_KEY_EQUAL,
                                                  GLFW_KEY_COMMA,
                                                  GLFW_KEY_PERIOD,
                                                  GLFW_KEY_SLASH,
                                                  GLFW_KEY_SEMICOLON,
                                                  GLFW_KEY_APOSTROPHE,
                                                  GLFW_KEY_LEFT_BRACKET,
                                                  GLFW_KEY_RIGHT_BRACKET,
                                                  GLFW_KEY_BACKSLASH,
                                                  GLFW_KEY_GRAVE_ACCENT};

static_assert(GLFW_GAMEPAD_AXIS_LAST + 1 == static_cast<int>(kGamepadAxisCount));
static_assert(GLFW_GAMEPAD_BUTTON_LAST + 1 == static_cast<int>(kGamepadButtonCount));
static_assert(GLFW_JOYSTICK_LAST + 1 == kMaxGamepads);

} // namespace

int glfwKeyCode(Key key) { return kGlfwKeys.at(static_cast<std::size_t>(key)); }

InputPoller::InputPoller(GLFWwindow* window) : mWindow(window) {
  SKILLSIM_CHECK(window != nullptr, "InputPoller needs a window");
  SKILLSIM_CHECK(glfwGetWindowUserPointer(window) == nullptr,
                 "one InputPoller per window: its user pointer is taken");
  glfwSetInputMode(mWindow, GLFW_STICKY_KEYS, GLFW_TRUE);
  glfwSetWindowUserPointer(mWindow, this);
  mPreviousKeyCallback = glfwSetKeyCallback(mWindow, &InputPoller::onKey);
}

InputPoller::~InputPoller() {
  glfwSetKeyCallback(mWindow, mPreviousKeyCallback);
  glfwSetWindowUserPointer(mWindow, nullptr);
}

void InputPoller::onKey(GLFWwindow* window, int key, int scancode, int action, int mods) {
  auto* self = static_cast<InputPoller*>(glfwGetWindowUserPointer(window));
  if (self == nullptr) {
    return;
  }
  if (action == GLFW_PRESS) { // GLFW_REPEAT is the OS's auto-repeat: not a new press
    const auto* found = std::find(kGlfwKeys.begin(), kGlfwKeys.end(), key);
    if (found != kGlfwKeys.end()) {
      auto& count = self->mPresses[static_cast<std::size_t>(found - kGlfwKeys.begin())];
      count = static_cast<std::uint8_t>(std::min(255, count + 1));
    }
  }
  if (self->mPreviousKeyCallback != nullptr) {
    self->mPreviousKeyCallback(window, key, scancode, action, mods);
  }
}

InputPoller* InputPoller::of(GLFWwindow* window) {
  // The constructor checks the user pointer is free before taking it, so it is a poller or null.
  return static_cast<InputPoller*>(glfwGetWindowUserPointer(window));
}

void InputPoller::setSimulatedGamepad(int slot, std::optional<GamepadState> state) {
  SKILLSIM_CHECK(slot >= 0 && slot < kMaxGamepads, "joystick slot out of 0..15");
  mSimulatedPads[static_cast<std::size_t>(slot)] = std::move(state);
}

void deliverKeyEvent(GLFWwindow* window, Key key, bool press) {
  // GLFW has no getter for the key callback: swap it out and back to learn it.
  GLFWkeyfun current = glfwSetKeyCallback(window, nullptr);
  glfwSetKeyCallback(window, current);
  if (current != nullptr) {
    current(window, glfwKeyCode(key), 0, press ? GLFW_PRESS : GLFW_RELEASE, 0);
  }
  if (InputPoller* poller = InputPoller::of(window)) {
    poller->setSimulatedHeld(key, press);
  }
}

void deliverMouseMove(GLFWwindow* window, double x, double y) {
  glfwSetCursorPos(window, x, y);
  // As for keys: learn each current callback by swapping it out and back.
  GLFWcursorenterfun enter = glfwSetCursorEnterCallback(window, nullptr);
  glfwSetCursorEnterCallback(window, enter);
  if (enter != nullptr) {
    enter(window, GLFW_TRUE);
  }
  GLFWcursorposfun moved = glfwSetCursorPosCallback(window, nullptr);
  glfwSetCursorPosCallback(window, moved);
  if (moved != nullptr) {
    moved(window, x, y);
  }
}

namespace {

std::unordered_set<GLFWwindow*>& leftHeld() {
  static std::unordered_set<GLFWwindow*> held;
  return held;
}

} // namespace

bool simulatedLeftButtonHeld(GLFWwindow* window) { return leftHeld().contains(window); }

void deliverMouseButtonEvent(GLFWwindow* window, bool press) {
  if (press) {
    leftHeld().insert(window);
  } else {
    leftHeld().erase(window);
  }
  GLFWmousebuttonfun button = glfwSetMouseButtonCallback(window, nullptr);
  glfwSetMouseButtonCallback(window, button);
  if (button != nullptr) {
    button(window, GLFW_MOUSE_BUTTON_LEFT, press ? GLFW_PRESS : GLFW_RELEASE, 0);
  }
}

void InputPoller::poll(RawInput& raw) {
  for (std::size_t i = 0; i < kKeyCount; ++i) {
    raw.keys[i] = glfwGetKey(mWindow, kGlfwKeys[i]) == GLFW_PRESS || mSimulatedHeld[i];
  }
  raw.presses = mPresses;
  mPresses.fill(0);
  raw.pollIndex = ++mPolls;
  for (int slot = 0; slot < kMaxGamepads; ++slot) {
    GamepadState& pad = raw.gamepads[static_cast<std::size_t>(slot)];
    if (const auto& simulated = mSimulatedPads[static_cast<std::size_t>(slot)]) {
      pad = *simulated;
      continue;
    }
    pad = GamepadState{};
    pad.present = glfwJoystickPresent(slot) == GLFW_TRUE;
    if (!pad.present) {
      continue;
    }
    const char* name =
        glfwJoystickIsGamepad(slot) ? glfwGetGamepadName(slot) : glfwGetJoystickName(slot);
    pad.name = name ? name : "";
    GLFWgamepadstate state{};
    pad.isGamepad = glfwJoystickIsGamepad(slot) == GLFW_TRUE && glfwGetGamepadState(slot, &state);
    if (!pad.isGamepad) {
      continue;
    }
    for (std::size_t a = 0; a < kGamepadAxisCount; ++a) {
      pad.axes[a] = state.axes[a];
    }
    for (std::size_t b = 0; b < kGamepadButtonCount; ++b) {
      pad.buttons[b] = state.buttons[b] == GLFW_PRESS;
    }
  }
}

} // namespace skillsim::platform
