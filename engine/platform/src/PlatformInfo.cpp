#include "skillsim/platform/PlatformInfo.h"

#include <GLFW/glfw3.h>

namespace skillsim::platform {

std::string glfwVersion() { return glfwGetVersionString(); }

} // namespace skillsim::platform
