#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace skillsim::report {

/** How a legend entry's swatch is drawn: as the plot draws that thing. */
enum class LegendMark { Line, DashedLine, Dot, Filled, Outlined };

/** One legend entry: the CSS class the plot uses for the thing, its swatch and its words. */
struct LegendEntry {
  std::string cssClass;
  LegendMark mark = LegendMark::Line;
  std::string label;
};

/** Height (px) a legend row adds below a plot. */
inline constexpr double kLegendHeight = 20.0;

/**
 * A legend as one row of swatches and words starting at (x, y) (y = the row's text baseline), in
 * a `<g class="legend">`; entries are spaced by their text's estimated width, never overlapping.
 */
[[nodiscard]] std::string svgLegend(const std::vector<LegendEntry>& entries, double x, double y);

/** Estimated width (px) of `text` at the plots' 11 px font: CJK 11 px a character, else 6.2. */
[[nodiscard]] double textWidth(std::string_view text);

/**
 * Places text labels so that none overlaps another: each wants to sit centred on (x, y); when
 * its box would overlap one placed before, it moves down by one line (13 px) until free, at most
 * `maxSteps` lines (then it stays where it is). Deterministic: the order of place() calls decides.
 */
class LabelPlacer {
public:
  /** The baseline y for a label of `text` centred at x, wanting baseline y. */
  double place(std::string_view text, double x, double y, int maxSteps = 12);

private:
  struct Box {
    double x0, y0, x1, y1;
  };
  std::vector<Box> mPlaced;
};

} // namespace skillsim::report
