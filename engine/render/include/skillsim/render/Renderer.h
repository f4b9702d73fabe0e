#pragma once

#include <skillsim/core/Expected.h>
#include <skillsim/core/SceneView.h>
#include <skillsim/render/DeviceChoice.h>
#include <skillsim/render/RendererOptions.h>
#include <skillsim/render/RgbaImage.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace skillsim::render {

class RendererImpl;

/** What happened to one render() call. */
enum class FrameStatus : std::uint8_t {
  Rendered, ///< The frame was drawn (and presented, when windowed).
  Skipped,  ///< Nothing drawn: the window is minimised (zero size) or its swapchain was rebuilt.
};

/**
 * The Vulkan renderer: one interface, two targets (a window's swapchain or an offscreen image).
 * Draws a core::SceneView (sky, lit and shadowed instanced meshes, debug lines) and then the
 * current Dear ImGui draw data when an ImGui context is attached (attachImGui()).
 *
 *   auto renderer = Renderer::create({.width = 256, .height = 256});   // offscreen
 *   if (!renderer) { print(renderer.error().toString()); return 1; }
 *   (*renderer)->render(scene);
 *   auto image = (*renderer)->readPixels();
 *
 * Not thread-safe: call from one thread. Vulkan 1.3 with dynamic rendering; frames in flight: 2.
 */
class Renderer {
public:
  /**
   * Creates the instance, picks the device (RendererOptions::gpu, see chooseDevice()), and builds
   * the target. Errors: no Vulkan loader or driver (ErrorCode::NotFound, names the package
   * mesa-vulkan-drivers), no suitable device or unusable `--gpu` choice (Unsupported/NotFound,
   * lists the devices), surface creation failed (Unavailable).
   */
  [[nodiscard]] static core::Expected<std::unique_ptr<Renderer>>
  create(const RendererOptions& options);

  /** The physical devices Vulkan reports, with whether each is suitable (for `--gpu list`). */
  [[nodiscard]] static core::Expected<std::vector<DeviceCandidate>> listDevices();

  Renderer(const Renderer&) = delete;
  Renderer& operator=(const Renderer&) = delete;
  ~Renderer();

  /**
   * Draws one frame of `scene` plus the ImGui draw data of the last ImGui::Render(), if attached.
   * Meshes are built on first use of each MeshDesc (glTF files loaded then). Errors: a glTF mesh
   * that cannot be loaded (names the file), an instance naming a mesh or material out of range
   * (names the instance index), a lost device.
   */
  [[nodiscard]] core::Expected<FrameStatus> render(const core::SceneView& scene);

  /** Changes the target size (pixels). Windowed: the swapchain is rebuilt on the next frame;
   * 0 x 0 (minimised) makes render() skip frames until a non-zero size comes back. */
  void resize(std::uint32_t width, std::uint32_t height);

  /** Offscreen: the last rendered frame as RGBA8. Windowed: ErrorCode::Unsupported. */
  [[nodiscard]] core::Expected<RgbaImage> readPixels();

  /** Current target width and height in pixels. */
  [[nodiscard]] std::uint32_t width() const;
  [[nodiscard]] std::uint32_t height() const;
  [[nodiscard]] bool offscreen() const;
  /** Name of the device in use, e.g. "llvmpipe (LLVM 15.0.6, 256 bits)". */
  [[nodiscard]] std::string deviceName() const;
  /** The render scale in use (RendererOptions::renderScale after the automatic choice), (0, 1]. */
  [[nodiscard]] float renderScale() const;
  /** Colour samples per pixel in use (after clamping to the device). */
  [[nodiscard]] std::uint32_t msaaSamples() const;
  /** Whether the validation layer is running. */
  [[nodiscard]] bool validationEnabled() const;
  /** Validation messages (warnings and errors) received since creation; each is also logged. */
  [[nodiscard]] std::uint64_t validationMessageCount() const;
  /**
   * The shadow map's edge in texels: RendererOptions::shadowMapSize times the render scale (the
   * map keeps its density relative to the scene's pixels), at least 16; 0 with shadows off.
   */
  [[nodiscard]] std::uint32_t shadowMapSize() const;
  /**
   * Times the shadow map was drawn so far. It is drawn again only when the light's projection,
   * the shadow casters' meshes or their instance data changed since the last draw; frames of a
   * still scene reuse it.
   */
  [[nodiscard]] std::uint64_t shadowMapDraws() const;
  /** Frames rendered so far (Skipped frames not counted). */
  [[nodiscard]] std::uint64_t frameCount() const;

  /**
   * Connects the current Dear ImGui context (ImGui::GetCurrentContext(), created by
   * ui::ImGuiLayer) to the renderer's Vulkan backend and uploads its font atlas. Call after the
   * fonts are added. Returns false (and logs) when there is no current context. Call
   * detachImGui() before destroying that context.
   */
  bool attachImGui();
  /** Disconnects ImGui (waits for the GPU first). Safe to call when not attached. */
  void detachImGui();
  /** Starts the ImGui backend's frame (ImGui_ImplVulkan_NewFrame); call before ImGui::NewFrame. */
  void beginImGuiFrame();
  [[nodiscard]] bool imguiAttached() const;

  /** Waits until the GPU has finished every submitted frame. */
  void waitIdle();

private:
  explicit Renderer(std::unique_ptr<RendererImpl> impl);
  std::unique_ptr<RendererImpl> mImpl;
};

} // namespace skillsim::render
