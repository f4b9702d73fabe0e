#pragma once

#include <glm/vec2.hpp>

#include <vector>

namespace skillsim::scenario::detail {

/** One painted stroke of a glyph: from, to, in a cell 0.6 wide and 1 high (letter heights). */
struct GlyphStroke {
  glm::vec2 from;
  glm::vec2 to;
};

/** Glyph cell width, in letter heights. */
inline constexpr float kGlyphWidth = 0.6f;

/**
 * The strokes of a character of kPaintableGlyphs (Course.h), as straight segments in the glyph
 * cell (x right, y up); empty for any other character.
 */
[[nodiscard]] std::vector<GlyphStroke> glyphStrokes(char glyph);

} // namespace skillsim::scenario::detail
