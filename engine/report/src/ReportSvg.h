#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace skillsim::report {

/** Escapes text for XML/HTML content and attribute values: & < > " ' become entities. */
[[nodiscard]] std::string escapeReportText(std::string_view text);

/** A number for SVG coordinates: fixed, `decimals` places, C locale, "-0.0" printed as "0.0". */
[[nodiscard]] std::string svgNumber(double value, int decimals = 1);

/** A closed interval used for an axis. */
struct ReportRange {
  double low = 0.0;
  double high = 1.0;
  void include(double value);
  /** Widens a degenerate or inverted range so that it has a positive span. */
  void settle(double minimumSpan);
};

/** "Nice" tick values (1, 2, 5 × 10^n steps) covering [low, high], about `count` of them. */
[[nodiscard]] std::vector<double> reportTicks(double low, double high, int count);

} // namespace skillsim::report
