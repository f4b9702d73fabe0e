// Dear ImGui's GLFW platform backend (Debian libimgui.a ships imgui_impl_glfw) for a Window: it
// belongs here because GLFW stays in engine/platform/src.
#include "InputPoller.h"
#include "WindowNative.h"

#include <backends/imgui_impl_glfw.h>
#include <imgui.h>

#include <skillsim/core/Log.h>

#include <GLFW/glfw3.h>

#include <unordered_map>

namespace skillsim::platform {

namespace {

/** The windows with a sink for characters beyond U+FFFF (the user pointer is InputPoller's). */
std::unordered_map<GLFWwindow*, const std::function<void(char32_t)>*>& wideCharSinks() {
  static std::unordered_map<GLFWwindow*, const std::function<void(char32_t)>*> sinks;
  return sinks;
}

void onChar(GLFWwindow* window, unsigned int codepoint) {
  const auto& sinks = wideCharSinks();
  if (const auto it = sinks.find(window); codepoint > 0xFFFFu && it != sinks.end() && *it->second) {
    (*it->second)(static_cast<char32_t>(codepoint));
    return;
  }
  ImGui_ImplGlfw_CharCallback(window, codepoint);
}

} // namespace

void Window::setCharSinkBeyondBasicPlane(std::function<void(char32_t)> sink) {
  mWideCharSink = std::move(sink);
}

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
  if (mImGui) {
    // In front of ImGui's character callback, for setCharSinkBeyondBasicPlane.
    wideCharSinks()[static_cast<GLFWwindow*>(mNative)] = &mWideCharSink;
    glfwSetCharCallback(static_cast<GLFWwindow*>(mNative), &onChar);
  }
  return mImGui;
}

void Window::newImGuiPlatformFrame() {
  if (mImGui) {
    ImGui_ImplGlfw_NewFrame();
    // A test's simulated press stays down until its release (the backend polls real buttons).
    if (simulatedLeftButtonHeld(static_cast<GLFWwindow*>(mNative))) {
      ImGui::GetIO().MouseDown[0] = true;
    }
  }
}

void Window::shutdownImGuiPlatform() {
  if (mImGui) {
    glfwSetCharCallback(static_cast<GLFWwindow*>(mNative), &ImGui_ImplGlfw_CharCallback);
    wideCharSinks().erase(static_cast<GLFWwindow*>(mNative));
    ImGui_ImplGlfw_Shutdown();
    mImGui = false;
  }
}

} // namespace skillsim::platform
