#pragma once

#include <string>

namespace skillsim::ui {

/** Seconds as a clock "MM:SS.s" (tenths truncated, never rounded up); negative or NaN as 00:00.0.
 */
[[nodiscard]] std::string formatClock(double seconds);

/** Points with at most one decimal, without a trailing ".0": 5 -> "5", 2.5 -> "2.5". */
[[nodiscard]] std::string formatPoints(double points);

} // namespace skillsim::ui
