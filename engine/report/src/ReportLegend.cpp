#include "ReportLegend.h"

#include "ReportSvg.h"

namespace skillsim::report {

double textWidth(std::string_view text) {
  double width = 0.0;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    width += length >= 3 ? 11.0 : 6.2;
    i += length;
  }
  return width;
}

std::string svgLegend(const std::vector<LegendEntry>& entries, double x, double y) {
  std::string out = "<g class=\"legend\">\n";
  for (const LegendEntry& e : entries) {
    const std::string cls = "legend-swatch " + e.cssClass;
    switch (e.mark) {
    case LegendMark::Line:
    case LegendMark::DashedLine:
      out += "<line class=\"" + cls + "\" x1=\"" + svgNumber(x, 1) + "\" y1=\"" +
             svgNumber(y - 4, 1) + "\" x2=\"" + svgNumber(x + 16, 1) + "\" y2=\"" +
             svgNumber(y - 4, 1) + "\"/>";
      break;
    case LegendMark::Dot:
      out += "<circle class=\"" + cls + "\" cx=\"" + svgNumber(x + 8, 1) + "\" cy=\"" +
             svgNumber(y - 4, 1) + "\" r=\"4\"/>";
      break;
    case LegendMark::Filled:
    case LegendMark::Outlined:
      out += "<rect class=\"" + cls + "\" x=\"" + svgNumber(x + 2, 1) + "\" y=\"" +
             svgNumber(y - 10, 1) + "\" width=\"12\" height=\"10\"/>";
      break;
    }
    out += "<text class=\"legend-text\" x=\"" + svgNumber(x + 20, 1) + "\" y=\"" + svgNumber(y, 1) +
           "\">" + escapeReportText(e.label) + "</text>\n";
    x += 20.0 + textWidth(e.label) + 14.0;
  }
  return out + "</g>\n";
}

double LabelPlacer::place(std::string_view text, double x, double y, int maxSteps) {
  const double half = 0.5 * textWidth(text);
  Box box{x - half, y - 10.0, x + half, y + 2.0};
  auto overlaps = [&](const Box& b) {
    for (const Box& p : mPlaced) {
      if (b.x0 < p.x1 && p.x0 < b.x1 && b.y0 < p.y1 && p.y0 < b.y1) {
        return true;
      }
    }
    return false;
  };
  for (int step = 0; step < maxSteps && overlaps(box); ++step) {
    box.y0 += 13.0;
    box.y1 += 13.0;
  }
  mPlaced.push_back(box);
  return box.y1 - 2.0;
}

} // namespace skillsim::report
