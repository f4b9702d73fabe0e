#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace skillsim::render {

/**
 * Creates the window surface for the renderer: given the VkInstance (as void*), returns the
 * VkSurfaceKHR as an integer, or 0 on failure. The platform module builds one from its window
 * (GLFW's glfwCreateWindowSurface), so render never includes platform or GLFW.
 */
using SurfaceFactory = std::function<std::uint64_t(void* vkInstance)>;

/** Whether the Khronos validation layer runs. */
enum class Validation : std::uint8_t {
  Automatic, ///< On in debug builds (NDEBUG undefined), off in release builds.
  On,        ///< On (tests); a warning, not an error, when the layer is not installed.
  Off,
};

/**
 * The automatic render scale of a window on a CPU (software) Vulkan device (RendererOptions::
 * renderScale 0). Measured on a 2-core x86-64 machine with lavapipe (bench/RenderBench.cpp).
 */
inline constexpr float kSoftwareWindowRenderScale = 0.5f;

/**
 * How the shadow map is filtered (percentage-closer filtering, PCF; GPU Gems 1, ch. 11). Both use
 * the hardware's 2x2 bilinear depth comparison.
 */
enum class ShadowFilter : std::uint8_t {
  Automatic, ///< Pcf2x2 for a window on a CPU (software) device, else Pcf3x3.
  Pcf3x3,    ///< Four taps half a texel apart: a 3x3-texel footprint with bilinear weights.
  Pcf2x2,    ///< One tap: a 2x2-texel footprint; a quarter of the texture work.
};

/** Everything chosen when a Renderer is created. */
struct RendererOptions {
  /** Offscreen image size, or the window's framebuffer size at start (pixels). */
  std::uint32_t width = 1280;
  std::uint32_t height = 720;
  /** Device choice as `--gpu` gives it: "" (prefer a discrete GPU), an index, or a name part. */
  std::string gpu;
  Validation validation = Validation::Automatic;
  /** Empty: render offscreen. Set: render to a swapchain on the surface it creates. */
  SurfaceFactory surfaceFactory;
  /** Instance extensions the surface needs (glfwGetRequiredInstanceExtensions); windowed only. */
  std::vector<std::string> instanceExtensions;
  /** Windowed: wait for vertical blank (FIFO) when true; MAILBOX/IMMEDIATE when false. */
  bool vsync = true;
  /** Frames per second at most, 0 = no cap. Xvfb's FIFO does not throttle, so the app caps. */
  double frameCapHz = 0.0;
  /**
   * Colour samples per pixel; lowered to what the device supports (1 = no MSAA). 0 = automatic:
   * 1 for a window on a CPU (software) device, where every sample is shaded on the CPU, else 4.
   */
  std::uint32_t msaaSamples = 0;
  /** Shadow map filtering; see ShadowFilter. */
  ShadowFilter shadowFilter = ShadowFilter::Automatic;
  /**
   * Resolution of the 3D scene relative to the target, in (0, 1]: the scene (sky, meshes,
   * shadows, lines) is drawn at round(width * scale) x round(height * scale) pixels and upscaled
   * with bilinear filtering to the target, then the HUD is drawn at the target's full resolution
   * (the dynamic-resolution technique of game engines). 0 = automatic: kSoftwareWindowRenderScale
   * for a window on a CPU (software) device such as lavapipe, where fragment shading is the frame
   * time, else 1. Values outside [0, 1] are clamped; below 0.25 counts as 0.25.
   */
  float renderScale = 0.0f;
  /**
   * Directional-light shadow map edge (texels) at render scale 1; 0 turns shadows off. At a
   * render scale s < 1 the edge used is round(shadowMapSize * s) (Renderer::shadowMapSize).
   */
  std::uint32_t shadowMapSize = 2048;
  /** Largest radius (m) the shadow map covers around the shadow casters. */
  float maxShadowRadius = 80.0f;
  /** Application name given to the driver (VkApplicationInfo). */
  std::string applicationName = "SkillSim";
};

} // namespace skillsim::render
