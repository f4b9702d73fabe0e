#include "WindowNative.h"

#include <skillsim/core/Log.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <thread>

// glfwCreateWindowSurface is declared by glfw3.h only when vulkan.h was included first, and
// Vulkan headers stay in engine/render (STYLE.md). So it is declared here with opaque types of
// the same size and calling convention: VkInstance is a pointer, VkAllocationCallbacks is only
// passed by pointer, VkSurfaceKHR is a 64-bit handle, VkResult is a C enum (int).
extern "C" int glfwCreateWindowSurface(void* instance, GLFWwindow* window, const void* allocator,
                                       std::uint64_t* surface);

namespace skillsim::platform {
namespace {

int gLiveWindows = 0;       // GLFW is process-wide: initialised with the first window
std::string gLastGlfwError; // set by the error callback, read right after a failing call

void onGlfwError(int code, const char* description) {
  gLastGlfwError = std::string(description != nullptr ? description : "unknown") + " (GLFW " +
                   std::to_string(code) + ")";
}

} // namespace

void* nativeWindowPointer(Window& window) { return window.mNative; }

core::Expected<std::unique_ptr<Window>> Window::create(const WindowOptions& options) {
  if (gLiveWindows == 0) {
    glfwSetErrorCallback(&onGlfwError);
    gLastGlfwError.clear();
    // An X server without -noreset resets when its last client leaves and refuses connections
    // meanwhile: a window opened right after the previous one closed can hit that, so retry
    // briefly before reporting no display.
    bool initialised = glfwInit() == GLFW_TRUE;
    for (int attempt = 0; !initialised && attempt < 10; ++attempt) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      initialised = glfwInit() == GLFW_TRUE;
    }
    if (!initialised) {
      const char* display = std::getenv("DISPLAY");
      return core::makeError(core::ErrorCode::Unavailable,
                             std::string("cannot open a window: no display (DISPLAY=") +
                                 (display != nullptr ? display : "unset") + "): " + gLastGlfwError +
                                 ". Run with a desktop session, under Xvfb, or offscreen");
    }
  }
  ++gLiveWindows;
  std::unique_ptr<Window> window(new Window());
  if (glfwVulkanSupported() != GLFW_TRUE) {
    return core::makeError(core::ErrorCode::Unavailable,
                           "GLFW found no Vulkan loader: install libvulkan1 and a driver "
                           "(`apt install mesa-vulkan-drivers`)");
  }
  glfwDefaultWindowHints();
  glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
  glfwWindowHint(GLFW_VISIBLE, options.visible ? GLFW_TRUE : GLFW_FALSE);
  glfwWindowHint(GLFW_RESIZABLE, options.resizable ? GLFW_TRUE : GLFW_FALSE);
  GLFWwindow* native =
      glfwCreateWindow(static_cast<int>(options.width), static_cast<int>(options.height),
                       options.title.c_str(), nullptr, nullptr);
  if (native == nullptr) {
    return core::makeError(core::ErrorCode::Unavailable, "cannot open a window: " + gLastGlfwError);
  }
  window->mNative = native;
  // No window user pointer or callbacks are taken here: they stay free for the input code.
  window->mLastSize = window->framebufferSize();
  return window;
}

Window::~Window() {
  shutdownImGuiPlatform();
  if (mNative != nullptr) {
    glfwDestroyWindow(static_cast<GLFWwindow*>(mNative));
  }
  // create() counted this window as soon as GLFW was up, even if opening it failed later.
  if (--gLiveWindows == 0) {
    glfwTerminate();
  }
}

void Window::pollEvents() { glfwPollEvents(); }

bool Window::shouldClose() const {
  return glfwWindowShouldClose(static_cast<GLFWwindow*>(mNative)) == GLFW_TRUE;
}

void Window::requestClose() { glfwSetWindowShouldClose(static_cast<GLFWwindow*>(mNative), 1); }

void Window::cancelClose() { glfwSetWindowShouldClose(static_cast<GLFWwindow*>(mNative), 0); }

WindowSize Window::framebufferSize() const {
  int width = 0;
  int height = 0;
  glfwGetFramebufferSize(static_cast<GLFWwindow*>(mNative), &width, &height);
  return {static_cast<std::uint32_t>(std::max(0, width)),
          static_cast<std::uint32_t>(std::max(0, height))};
}

bool Window::minimised() const {
  const WindowSize size = framebufferSize();
  return glfwGetWindowAttrib(static_cast<GLFWwindow*>(mNative), GLFW_ICONIFIED) == GLFW_TRUE ||
         size.width == 0 || size.height == 0;
}

bool Window::takeResized() {
  const WindowSize size = framebufferSize();
  const bool changed = size != mLastSize;
  mLastSize = size;
  return changed;
}

void Window::setSize(std::uint32_t width, std::uint32_t height) {
  glfwSetWindowSize(static_cast<GLFWwindow*>(mNative), static_cast<int>(width),
                    static_cast<int>(height));
}

void Window::minimise() { glfwIconifyWindow(static_cast<GLFWwindow*>(mNative)); }

void Window::restore() { glfwRestoreWindow(static_cast<GLFWwindow*>(mNative)); }

void Window::setTitle(const std::string& title) {
  glfwSetWindowTitle(static_cast<GLFWwindow*>(mNative), title.c_str());
}

std::vector<std::string> Window::requiredInstanceExtensions() const {
  std::uint32_t count = 0;
  const char** names = glfwGetRequiredInstanceExtensions(&count);
  std::vector<std::string> out;
  for (std::uint32_t i = 0; names != nullptr && i < count; ++i) {
    out.emplace_back(names[i]);
  }
  return out;
}

std::function<std::uint64_t(void*)> Window::surfaceFactory() {
  GLFWwindow* native = static_cast<GLFWwindow*>(mNative);
  return [native](void* instance) -> std::uint64_t {
    std::uint64_t surface = 0;
    const int result = glfwCreateWindowSurface(instance, native, nullptr, &surface);
    if (result != 0) { // VK_SUCCESS
      core::logger().error("glfwCreateWindowSurface failed: VkResult {}; {}", result,
                           gLastGlfwError);
      return 0;
    }
    return surface;
  };
}

} // namespace skillsim::platform
