#include "ReportSvg.h"

#include <cmath>
#include <cstdio>

namespace skillsim::report {

std::string escapeReportText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&#39;"; break;
    default:
      // Control characters other than tab and newline are not allowed in XML 1.0.
      if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') {
        out += ' ';
      } else {
        out += c;
      }
    }
  }
  return out;
}

std::string svgNumber(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  std::string out = text;
  if (out.starts_with('-') && out.find_first_not_of("-0.") == std::string::npos) {
    out.erase(0, 1);
  }
  return out;
}

void ReportRange::include(double value) {
  low = std::min(low, value);
  high = std::max(high, value);
}

void ReportRange::settle(double minimumSpan) {
  if (!(high - low >= minimumSpan)) {
    double mid = 0.5 * (low + high);
    low = mid - 0.5 * minimumSpan;
    high = mid + 0.5 * minimumSpan;
  }
}

std::vector<double> reportTicks(double low, double high, int count) {
  std::vector<double> ticks;
  double span = high - low;
  if (!(span > 0.0) || count < 1) {
    return ticks;
  }
  double raw = span / count;
  double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (double factor : {1.0, 2.0, 5.0, 10.0}) {
    step = factor * magnitude;
    if (step >= raw) {
      break;
    }
  }
  for (double t = std::ceil(low / step) * step; t <= high + 1e-9 * step; t += step) {
    ticks.push_back(std::abs(t) < 1e-12 * step ? 0.0 : t);
  }
  return ticks;
}

} // namespace skillsim::report
