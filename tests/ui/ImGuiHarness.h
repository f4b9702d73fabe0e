#pragma once
// A GPU-free ImGui frame for panel tests: a real context with the default font atlas built on
// the CPU; after each frame the draw data's glyph quads are decoded back into characters (by
// their atlas UVs), so a test can ask "what text was drawn inside this rectangle?".

#include <skillsim/ui/ScreenRect.h>

#include <imgui.h>

#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace skillsim::ui::test {

struct DrawnGlyph {
  unsigned int codepoint = 0;
  float x = 0.0f; ///< Top-left of the glyph quad (pixels).
  float y = 0.0f;
};

class ImGuiHarness {
public:
  explicit ImGuiHarness(float width = 1280.0f, float height = 720.0f) {
    mContext = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(width, height);
    io.DeltaTime = 1.0f / 60.0f;
    io.IniFilename = nullptr;
    buildAtlas();
  }

  /**
   * With a real font (a CJK face, as the workstation loads it) holding ImGui's default Latin range
   * and every character of `corpus` (UTF-8): the Chinese characters drawn decode to their own code
   * points; one outside the corpus decodes as the font's fallback character (ImFont::FallbackChar).
   * fontLoaded() is false (and the default font is used) when the file cannot be read.
   */
  ImGuiHarness(const std::string& fontPath, int fontIndex, float sizePixels,
               const std::string& corpus, float width = 1280.0f, float height = 720.0f) {
    mContext = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(width, height);
    io.DeltaTime = 1.0f / 60.0f;
    io.IniFilename = nullptr;
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(io.Fonts->GetGlyphRangesDefault());
    builder.AddText(corpus.c_str());
    builder.BuildRanges(&mRanges);
    ImFontConfig config;
    config.FontNo = fontIndex;
    config.OversampleH = 1;
    config.OversampleV = 1;
    if (std::FILE* f = std::fopen(fontPath.c_str(), "rb")) {
      std::fclose(f);
      ImFont* font =
          io.Fonts->AddFontFromFileTTF(fontPath.c_str(), sizePixels, &config, mRanges.Data);
      mFontLoaded = font != nullptr;
      if (font != nullptr) {
        // Noto CJK has no U+FFFD: a glyph of its own for it makes it the fallback, so that a
        // character the atlas lacks decodes as U+FFFD, not as a '?' that reads like text.
        io.Fonts->AddCustomRectFontGlyph(font, 0xFFFD, 9, 13, 9.0f);
      }
    }
    buildAtlas();
  }

  /** True when the font given to the constructor was loaded. */
  bool fontLoaded() const { return mFontLoaded; }

  /** The character drawn for one the font lacks (ImFont::FallbackChar). */
  unsigned int fallbackChar() const { return ImGui::GetIO().Fonts->Fonts[0]->FallbackChar; }

private:
  void buildAtlas() {
    ImGuiIO& io = ImGui::GetIO();
    unsigned char* pixels = nullptr;
    int w = 0;
    int h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    for (const ImFontGlyph& g : io.Fonts->Fonts[0]->Glyphs) {
      if (g.Visible) {
        mGlyphByUv[{g.U0, g.V0}] = {g.Codepoint, {g.U1, g.V1}};
      }
    }
  }

public:
  ~ImGuiHarness() { ImGui::DestroyContext(mContext); }
  ImGuiHarness(const ImGuiHarness&) = delete;
  ImGuiHarness& operator=(const ImGuiHarness&) = delete;

  /** Runs NewFrame, `draw`, Render; decodes the glyphs; returns what `draw` returned. */
  template <typename F>
  auto frame(F&& draw) {
    ImGui::NewFrame();
    auto result = draw();
    ImGui::Render();
    decode();
    return result;
  }

  /** Moves the mouse and sets the left button for the next frame. */
  void mouse(float x, float y, bool down) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(x, y);
    io.MouseDown[0] = down;
  }

  /** Every glyph of the last frame, in drawing order. */
  const std::vector<DrawnGlyph>& glyphs() const { return mGlyphs; }

  /** The characters drawn inside `r` (spaces are not drawn, so they do not appear). */
  std::string textIn(const ScreenRect& r) const {
    std::string out;
    for (const auto& g : mGlyphs) {
      if (r.contains(g.x, g.y)) {
        out += static_cast<char>(g.codepoint < 128 ? g.codepoint : '?');
      }
    }
    return out;
  }

  /** All characters drawn. */
  std::string allText() const { return textIn({-1e6f, -1e6f, 2e6f, 2e6f}); }

  /** Where `word` (no spaces) was drawn: its first glyph's top-left, or nullopt. */
  std::optional<ImVec2> find(const std::string& word) const {
    const std::string all = allText();
    const auto at = all.find(word);
    if (at == std::string::npos) {
      return std::nullopt;
    }
    return ImVec2(mGlyphs[at].x, mGlyphs[at].y);
  }

  /** Number of non-text (untextured) triangles' vertices inside `r`: panels, bars, boxes. */
  int shapeVerticesIn(const ScreenRect& r) const { return countIn(r, false); }

private:
  int countIn(const ScreenRect& r, bool text) const {
    int n = 0;
    const ImVec2 white = ImGui::GetIO().Fonts->TexUvWhitePixel;
    const ImDrawData* data = ImGui::GetDrawData();
    for (int l = 0; l < data->CmdListsCount; ++l) {
      for (const ImDrawVert& v : data->CmdLists[l]->VtxBuffer) {
        const bool isWhite = v.uv.x == white.x && v.uv.y == white.y;
        if (isWhite != text && r.contains(v.pos.x, v.pos.y)) {
          ++n;
        }
      }
    }
    return n;
  }

  void decode() {
    mGlyphs.clear();
    const ImDrawData* data = ImGui::GetDrawData();
    for (int l = 0; l < data->CmdListsCount; ++l) {
      const auto& vtx = data->CmdLists[l]->VtxBuffer;
      for (int i = 0; i + 2 < vtx.Size; ++i) {
        auto it = mGlyphByUv.find({vtx[i].uv.x, vtx[i].uv.y});
        if (it == mGlyphByUv.end()) {
          continue;
        }
        const auto& [codepoint, uv1] = it->second;
        if (vtx[i + 2].uv.x == uv1.first && vtx[i + 2].uv.y == uv1.second) {
          mGlyphs.push_back({codepoint, vtx[i].pos.x, vtx[i].pos.y});
          i += 3;
        }
      }
    }
  }

  ImGuiContext* mContext = nullptr;
  ImVector<ImWchar> mRanges; ///< Must outlive the atlas build.
  bool mFontLoaded = false;
  std::map<std::pair<float, float>, std::pair<unsigned int, std::pair<float, float>>> mGlyphByUv;
  std::vector<DrawnGlyph> mGlyphs;
};

} // namespace skillsim::ui::test
