// Dear ImGui's GLFW platform backend (Debian libimgui.a ships imgui_impl_glfw) for a Window: it
// belongs here because GLFW stays in engine/platform/src.
#include "WindowNative.h"

#include <backends/imgui_impl_glfw.h>
#include <imgui.h>

#include <skillsim/core/Log.h>

namespace skillsim::platform {

bool Window::initImGuiPlatform() {
  if (mImGui) {
    return true;
  }
  if (ImGui::GetCurrentContext() == nullptr) {
    core::logger().error("initImGuiPlatform: there is no current Dear ImGui context");
    return false;
  }
  // install_callbacks = true: ImGui chains to callbacks installed before it (ours included).
  mImGui = ImGui_ImplGlfw_InitForVulkan(static_cast<GLFWwindow*>(mNative), true);
  return mImGui;
}

void Window::newImGuiPlatformFrame() {
  if (mImGui) {
    ImGui_ImplGlfw_NewFrame();
  }
}

void Window::shutdownImGuiPlatform() {
  if (mImGui) {
    ImGui_ImplGlfw_Shutdown();
    mImGui = false;
  }
}

} // namespace skillsim::platform
