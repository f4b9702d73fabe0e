#pragma once
// What the last Dear ImGui frame drew, read back from its draw data without a GPU read-back:
// window tests look for a word on screen (ImGui draws nothing outside the window).

#include <imgui.h>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace skillsim::test {

/** One drawn character: its code point and the top-left corner of its quad (px). */
struct Glyph {
  unsigned int codepoint;
  float x;
  float y;
};

/**
 * The characters of the last ImGui frame, decoded from the live font's atlas UVs (a quad whose
 * first and third vertices carry a glyph's UV corners), in draw order. Spaces draw nothing, so
 * they are absent.
 */
inline std::vector<Glyph> drawnGlyphs() {
  std::map<std::pair<float, float>, std::pair<unsigned int, std::pair<float, float>>> byUv;
  for (const ImFontGlyph& g : ImGui::GetIO().Fonts->Fonts[0]->Glyphs) {
    if (g.Visible) {
      byUv[{g.U0, g.V0}] = {g.Codepoint, {g.U1, g.V1}};
    }
  }
  std::vector<Glyph> out;
  const ImDrawData* data = ImGui::GetDrawData();
  if (data == nullptr) {
    return out;
  }
  for (int l = 0; l < data->CmdListsCount; ++l) {
    const auto& vtx = data->CmdLists[l]->VtxBuffer;
    for (int i = 0; i + 2 < vtx.Size; ++i) {
      auto it = byUv.find({vtx[i].uv.x, vtx[i].uv.y});
      if (it != byUv.end() && vtx[i + 2].uv.x == it->second.second.first &&
          vtx[i + 2].uv.y == it->second.second.second) {
        out.push_back({it->second.first, vtx[i].pos.x, vtx[i].pos.y});
        i += 3;
      }
    }
  }
  return out;
}

/** Where `word` (ASCII, no spaces) was drawn in the last frame; nullopt when it was not. */
inline std::optional<ImVec2> findDrawn(const std::string& word) {
  const std::vector<Glyph> glyphs = drawnGlyphs();
  std::string all;
  for (const Glyph& g : glyphs) {
    all += static_cast<char>(g.codepoint < 128 ? g.codepoint : '?');
  }
  const auto at = all.find(word);
  if (at == std::string::npos) {
    return std::nullopt;
  }
  return ImVec2(glyphs[at].x, glyphs[at].y);
}

} // namespace skillsim::test
