#pragma once

#include <string>

namespace skillsim::platform {

/** Version string of the linked GLFW library (glfwGetVersionString(); needs no display). */
[[nodiscard]] std::string glfwVersion();

} // namespace skillsim::platform
