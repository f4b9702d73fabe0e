// A tiny stroke font for floor paint: capitals A-H and the digits, as polylines in a 0.6 x 1
// cell. Written for this project (no font files): legible from a few metres at 15 % stroke width.
#include "FloorGlyphs.h"

#include <initializer_list>

namespace skillsim::scenario::detail {
namespace {

using Polyline = std::initializer_list<glm::vec2>;

void add(std::vector<GlyphStroke>& out, Polyline line) {
  const glm::vec2* previous = nullptr;
  for (const glm::vec2& p : line) {
    if (previous != nullptr) {
      out.push_back({*previous, p});
    }
    previous = &p;
  }
}

} // namespace

std::vector<GlyphStroke> glyphStrokes(char glyph) {
  std::vector<GlyphStroke> s;
  switch (glyph) {
  case 'A':
    add(s, {{0.0f, 0.0f}, {0.3f, 1.0f}, {0.6f, 0.0f}});
    add(s, {{0.12f, 0.4f}, {0.48f, 0.4f}});
    break;
  case 'B':
    add(s, {{0.0f, 0.0f},
            {0.0f, 1.0f},
            {0.42f, 1.0f},
            {0.55f, 0.88f},
            {0.55f, 0.62f},
            {0.42f, 0.5f},
            {0.0f, 0.5f}});
    add(s, {{0.42f, 0.5f}, {0.6f, 0.38f}, {0.6f, 0.12f}, {0.45f, 0.0f}, {0.0f, 0.0f}});
    break;
  case 'C':
    add(s, {{0.6f, 0.85f},
            {0.45f, 1.0f},
            {0.15f, 1.0f},
            {0.0f, 0.8f},
            {0.0f, 0.2f},
            {0.15f, 0.0f},
            {0.45f, 0.0f},
            {0.6f, 0.15f}});
    break;
  case 'D':
    add(s, {{0.0f, 0.0f},
            {0.0f, 1.0f},
            {0.35f, 1.0f},
            {0.6f, 0.75f},
            {0.6f, 0.25f},
            {0.35f, 0.0f},
            {0.0f, 0.0f}});
    break;
  case 'E':
    add(s, {{0.6f, 1.0f}, {0.0f, 1.0f}, {0.0f, 0.0f}, {0.6f, 0.0f}});
    add(s, {{0.0f, 0.5f}, {0.45f, 0.5f}});
    break;
  case 'F':
    add(s, {{0.6f, 1.0f}, {0.0f, 1.0f}, {0.0f, 0.0f}});
    add(s, {{0.0f, 0.5f}, {0.45f, 0.5f}});
    break;
  case 'G':
    add(s, {{0.6f, 0.85f},
            {0.45f, 1.0f},
            {0.15f, 1.0f},
            {0.0f, 0.8f},
            {0.0f, 0.2f},
            {0.15f, 0.0f},
            {0.45f, 0.0f},
            {0.6f, 0.15f},
            {0.6f, 0.45f},
            {0.35f, 0.45f}});
    break;
  case 'H':
    add(s, {{0.0f, 0.0f}, {0.0f, 1.0f}});
    add(s, {{0.6f, 0.0f}, {0.6f, 1.0f}});
    add(s, {{0.0f, 0.5f}, {0.6f, 0.5f}});
    break;
  case '0':
    add(s, {{0.15f, 0.0f},
            {0.45f, 0.0f},
            {0.6f, 0.2f},
            {0.6f, 0.8f},
            {0.45f, 1.0f},
            {0.15f, 1.0f},
            {0.0f, 0.8f},
            {0.0f, 0.2f},
            {0.15f, 0.0f}});
    break;
  case '1':
    add(s, {{0.12f, 0.82f}, {0.3f, 1.0f}, {0.3f, 0.0f}});
    add(s, {{0.1f, 0.0f}, {0.5f, 0.0f}});
    break;
  case '2':
    add(s, {{0.0f, 0.8f},
            {0.15f, 1.0f},
            {0.45f, 1.0f},
            {0.6f, 0.8f},
            {0.6f, 0.6f},
            {0.0f, 0.0f},
            {0.6f, 0.0f}});
    break;
  case '3':
    add(s, {{0.0f, 1.0f},
            {0.6f, 1.0f},
            {0.25f, 0.55f},
            {0.45f, 0.55f},
            {0.6f, 0.38f},
            {0.6f, 0.15f},
            {0.45f, 0.0f},
            {0.1f, 0.0f},
            {0.0f, 0.12f}});
    break;
  case '4': add(s, {{0.45f, 0.0f}, {0.45f, 1.0f}, {0.0f, 0.3f}, {0.6f, 0.3f}}); break;
  case '5':
    add(s, {{0.6f, 1.0f},
            {0.0f, 1.0f},
            {0.0f, 0.55f},
            {0.45f, 0.55f},
            {0.6f, 0.4f},
            {0.6f, 0.15f},
            {0.45f, 0.0f},
            {0.0f, 0.0f}});
    break;
  case '6':
    add(s, {{0.5f, 1.0f},
            {0.15f, 1.0f},
            {0.0f, 0.8f},
            {0.0f, 0.15f},
            {0.15f, 0.0f},
            {0.45f, 0.0f},
            {0.6f, 0.15f},
            {0.6f, 0.4f},
            {0.45f, 0.55f},
            {0.0f, 0.55f}});
    break;
  case '7': add(s, {{0.0f, 1.0f}, {0.6f, 1.0f}, {0.2f, 0.0f}}); break;
  case '8':
    add(s, {{0.5f, 0.55f},
            {0.6f, 0.7f},
            {0.6f, 0.88f},
            {0.48f, 1.0f},
            {0.12f, 1.0f},
            {0.0f, 0.88f},
            {0.0f, 0.7f},
            {0.1f, 0.55f},
            {0.5f, 0.55f},
            {0.6f, 0.4f},
            {0.6f, 0.12f},
            {0.48f, 0.0f},
            {0.12f, 0.0f},
            {0.0f, 0.12f},
            {0.0f, 0.4f},
            {0.1f, 0.55f}});
    break;
  case '9':
    add(s, {{0.1f, 0.0f},
            {0.45f, 0.0f},
            {0.6f, 0.2f},
            {0.6f, 0.85f},
            {0.45f, 1.0f},
            {0.15f, 1.0f},
            {0.0f, 0.85f},
            {0.0f, 0.6f},
            {0.15f, 0.45f},
            {0.6f, 0.45f}});
    break;
  default: break;
  }
  return s;
}

} // namespace skillsim::scenario::detail
