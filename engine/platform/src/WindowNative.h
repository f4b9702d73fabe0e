#pragma once
// Private to engine/platform/src: the GLFW handle behind a Window, for the platform's own input
// code (Input*.cpp reads keys and gamepads from it). Never exposed outside the platform module.

#include <skillsim/platform/Window.h>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

namespace skillsim::platform {

/** Defined in Window.cpp; the Window's GLFWwindow as void*. */
void* nativeWindowPointer(Window& window);

/** The GLFWwindow of `window` (never null for a created window). */
inline GLFWwindow* nativeHandle(Window& window) {
  return static_cast<GLFWwindow*>(nativeWindowPointer(window));
}

} // namespace skillsim::platform
