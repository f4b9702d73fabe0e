#pragma once

#include <skillsim/core/Expected.h>

#include <memory>
#include <string>

namespace skillsim::render {
class Renderer;
}
namespace skillsim::platform {
class Window;
}

namespace skillsim::ui {

/** Noto Sans CJK as Debian's fonts-noto-cjk installs it. */
inline constexpr const char* kDefaultCjkFont =
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

/** How the Dear ImGui layer sets itself up. */
struct ImGuiLayerOptions {
  /** A TrueType/OpenType font or collection; missing or unreadable falls back with a warning. */
  std::string fontPath = kDefaultCjkFont;
  /** Face inside a collection: 2 is Simplified Chinese (SC) in NotoSansCJK-Regular.ttc. */
  int fontIndex = 2;
  /** Font size in pixels. */
  float fontSizePixels = 18.0f;
};

/**
 * Owns the Dear ImGui 1.86 context for one renderer and (optionally) one window: loads the font
 * with the full Chinese glyph range (ImGui's "common" range lacks characters such as 帧 and 拟),
 * connects the renderer's Vulkan backend and the window's GLFW backend, and frames ImGui calls.
 * HUD and panel code between beginFrame() and endFrame() uses plain ImGui:: calls; the next
 * Renderer::render() draws the result over the scene.
 *
 *   auto layer = ImGuiLayer::create(renderer, &window);  // nullptr window: offscreen HUD
 *   layer->beginFrame(dt); drawHud(); layer->endFrame(); renderer.render(scene);
 *
 * Destroy the layer before the renderer and the window. One layer at a time per process (ImGui's
 * current context is process-wide).
 */
class ImGuiLayer {
public:
  /**
   * Creates the context, loads fonts and attaches the backends. Errors
   * (ErrorCode::Unavailable): the renderer or window backend could not be attached.
   */
  [[nodiscard]] static core::Expected<std::unique_ptr<ImGuiLayer>>
  create(render::Renderer& renderer, platform::Window* window,
         const ImGuiLayerOptions& options = {});

  ImGuiLayer(const ImGuiLayer&) = delete;
  ImGuiLayer& operator=(const ImGuiLayer&) = delete;
  ~ImGuiLayer();

  /**
   * Starts an ImGui frame of `deltaSeconds` (> 0; the real frame time, display only). Offscreen,
   * the display size is the renderer's target size; windowed, GLFW supplies size and input.
   */
  void beginFrame(float deltaSeconds);
  /** Ends the frame (ImGui::Render); the renderer draws it on its next render(). */
  void endFrame();

  /** True when the CJK font was missing and ImGui's default (Latin-only) font is used. */
  [[nodiscard]] bool usingFallbackFont() const { return mFallbackFont; }
  /** Whether the loaded font has a glyph for Unicode code point `codepoint` (no fallback). */
  [[nodiscard]] bool hasGlyph(unsigned int codepoint) const;

private:
  ImGuiLayer(render::Renderer& renderer, platform::Window* window)
      : mRenderer(renderer), mWindow(window) {}

  render::Renderer& mRenderer;
  platform::Window* mWindow;
  void* mContext = nullptr; ///< ImGuiContext*
  bool mFallbackFont = false;
  bool mInFrame = false;
};

} // namespace skillsim::ui
