#pragma once

#include <skillsim/core/Expected.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace skillsim::platform {

/** How a window is opened. */
struct WindowOptions {
  std::uint32_t width = 1280; ///< Client area width (screen coordinates, pixels on most displays).
  std::uint32_t height = 720;
  std::string title = "SkillSim"; ///< UTF-8.
  bool visible = true;
  bool resizable = true;
};

/** A size in pixels. */
struct WindowSize {
  std::uint32_t width = 0;
  std::uint32_t height = 0;
  friend bool operator==(WindowSize, WindowSize) = default;
};

/**
 * A desktop window for the Vulkan renderer (GLFW, no OpenGL context). The renderer never sees
 * GLFW: it gets surfaceFactory() and requiredInstanceExtensions(), which pass Vulkan handles as
 * opaque values (Khronos Vulkan-Samples' Window::create_surface shape). Move-only, one per screen
 * window; call from the main thread. GLFW is initialised with the first window and terminated
 * with the last.
 */
class Window {
public:
  /**
   * Opens a window. Errors (ErrorCode::Unavailable): no display (DISPLAY unset or X server not
   * reachable; message names it and GLFW's reason), or no Vulkan loader for GLFW (names the
   * packages libvulkan1 and mesa-vulkan-drivers).
   */
  [[nodiscard]] static core::Expected<std::unique_ptr<Window>> create(const WindowOptions& options);

  Window(const Window&) = delete;
  Window& operator=(const Window&) = delete;
  ~Window();

  /** Processes pending window-system events (input, resize, close). Call once per frame. */
  void pollEvents();
  /** True once the user closed the window or requestClose() was called. */
  [[nodiscard]] bool shouldClose() const;
  void requestClose();
  /** Clears a close request (the window stays open: e.g. back from an attempt to a start screen).
   */
  void cancelClose();

  /** Size of the drawable area in pixels (what the swapchain needs); 0 x 0 when minimised. */
  [[nodiscard]] WindowSize framebufferSize() const;
  /** True when the window is iconified or its drawable area is empty. */
  [[nodiscard]] bool minimised() const;
  /**
   * True (once) when the framebuffer size changed since the last call (polled, so it needs no
   * GLFW callback): the app then calls
   * Renderer::resize(framebufferSize()).
   */
  bool takeResized();
  /** Asks for a new client-area size (the window system may adjust it). */
  void setSize(std::uint32_t width, std::uint32_t height);
  void minimise();
  void restore();
  void setTitle(const std::string& title);

  /** Vulkan instance extensions the surface needs (glfwGetRequiredInstanceExtensions). */
  [[nodiscard]] std::vector<std::string> requiredInstanceExtensions() const;
  /**
   * A callback creating this window's VkSurfaceKHR: takes the VkInstance as void*, returns the
   * surface handle as an integer, 0 on failure (logged). For render::RendererOptions. The window
   * must outlive the surface (destroy the renderer first).
   */
  [[nodiscard]] std::function<std::uint64_t(void* vkInstance)> surfaceFactory();

  /** Starts Dear ImGui's GLFW platform backend on the current ImGui context (input, cursor). */
  bool initImGuiPlatform();
  /** ImGui_ImplGlfw_NewFrame: display size, time step and input for the next ImGui frame. */
  void newImGuiPlatformFrame();
  /** Stops the platform backend; safe when not started. Call before destroying the context. */
  void shutdownImGuiPlatform();
  /**
   * Where typed characters beyond U+FFFF go instead of Dear ImGui (Debian builds ImGui 1.86 with
   * 16-bit ImWchar, so it would turn 𠀀 U+20000 into U+FFFD): `sink` gets each such code point
   * once, from GLFW's character callback, and may hand a stand-in to the field being edited
   * (ui::StartScreen::typeBeyondBasicPlane). Characters up to U+FFFF still go to ImGui. An empty
   * function restores ImGui's handling. Needs initImGuiPlatform() first to have any effect.
   */
  void setCharSinkBeyondBasicPlane(std::function<void(char32_t)> sink);

private:
  Window() = default;
  friend void* nativeWindowPointer(Window& window);

  void* mNative = nullptr; ///< The GLFWwindow (opaque here so no GLFW header leaks out).
  bool mImGui = false;
  WindowSize mLastSize;
  std::function<void(char32_t)> mWideCharSink; ///< setCharSinkBeyondBasicPlane.
};

} // namespace skillsim::platform
