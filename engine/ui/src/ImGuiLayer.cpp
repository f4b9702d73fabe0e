#include "skillsim/ui/ImGuiLayer.h"

#include <skillsim/core/Check.h>
#include <skillsim/core/Log.h>
#include <skillsim/platform/Window.h>
#include <skillsim/render/Renderer.h>

#include <imgui.h>

#include <fstream>

namespace skillsim::ui {

core::Expected<std::unique_ptr<ImGuiLayer>> ImGuiLayer::create(render::Renderer& renderer,
                                                               platform::Window* window,
                                                               const ImGuiLayerOptions& options) {
  SKILLSIM_CHECK(ImGui::GetCurrentContext() == nullptr,
                 "ImGuiLayer::create: another Dear ImGui context is current");
  std::unique_ptr<ImGuiLayer> layer(new ImGuiLayer(renderer, window));
  IMGUI_CHECKVERSION();
  ImGuiContext* context = ImGui::CreateContext();
  layer->mContext = context;
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr; // no imgui.ini: panel layout comes from code, runs leave no files
  io.LogFilename = nullptr;
  ImGui::StyleColorsDark();

  // ImGui asserts (aborts) on an unreadable font file, so check first and fall back gracefully.
  const bool readable = std::ifstream(options.fontPath, std::ios::binary).good();
  ImFont* font = nullptr;
  if (readable) {
    ImFontConfig config;
    config.FontNo = options.fontIndex;
    // One horizontal sample per pixel: the full CJK range is ~21k glyphs and 3x oversampling
    // would triple the atlas for no visible gain at HUD sizes.
    config.OversampleH = 1;
    config.OversampleV = 1;
    config.PixelSnapH = true;
    io.Fonts->TexDesiredWidth = 4096;
    font = io.Fonts->AddFontFromFileTTF(options.fontPath.c_str(), options.fontSizePixels, &config,
                                        io.Fonts->GetGlyphRangesChineseFull());
  }
  if (font == nullptr) {
    core::logger().warn("font {} (face {}) {}; using Dear ImGui's default font, which has no "
                        "Chinese characters (install fonts-noto-cjk)",
                        options.fontPath, options.fontIndex,
                        readable ? "could not be loaded" : "is missing or unreadable");
    io.Fonts->Clear();
    io.Fonts->AddFontDefault();
    layer->mFallbackFont = true;
  }
  if (window != nullptr && !window->initImGuiPlatform()) {
    return core::makeError(core::ErrorCode::Unavailable,
                           "Dear ImGui: the window's GLFW backend could not start");
  }
  if (!renderer.attachImGui()) {
    return core::makeError(core::ErrorCode::Unavailable,
                           "Dear ImGui: the renderer's Vulkan backend could not start");
  }
  return layer;
}

ImGuiLayer::~ImGuiLayer() {
  if (mContext == nullptr) {
    return;
  }
  if (mInFrame) {
    ImGui::EndFrame();
  }
  mRenderer.detachImGui();
  if (mWindow != nullptr) {
    mWindow->shutdownImGuiPlatform();
  }
  ImGui::DestroyContext(static_cast<ImGuiContext*>(mContext));
}

void ImGuiLayer::beginFrame(float deltaSeconds) {
  SKILLSIM_CHECK(!mInFrame, "ImGuiLayer::beginFrame twice without endFrame");
  ImGuiIO& io = ImGui::GetIO();
  mRenderer.beginImGuiFrame();
  if (mWindow != nullptr) {
    mWindow->newImGuiPlatformFrame();
  } else {
    io.DisplaySize =
        ImVec2(static_cast<float>(mRenderer.width()), static_cast<float>(mRenderer.height()));
  }
  io.DeltaTime = deltaSeconds > 0.0f ? deltaSeconds : 1.0f / 60.0f;
  ImGui::NewFrame();
  mInFrame = true;
}

void ImGuiLayer::endFrame() {
  SKILLSIM_CHECK(mInFrame, "ImGuiLayer::endFrame without beginFrame");
  ImGui::Render();
  mInFrame = false;
}

bool ImGuiLayer::hasGlyph(unsigned int codepoint) const {
  const ImFont* font =
      ImGui::GetIO().Fonts->Fonts.empty() ? nullptr : ImGui::GetIO().Fonts->Fonts[0];
  return font != nullptr && font->FindGlyphNoFallback(static_cast<ImWchar>(codepoint)) != nullptr;
}

} // namespace skillsim::ui
