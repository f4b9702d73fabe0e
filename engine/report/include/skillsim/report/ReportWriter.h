#pragma once

#include "skillsim/report/ReportData.h"

#include <skillsim/core/Expected.h>

#include <cstddef>
#include <functional>
#include <string>

namespace skillsim::report {

/** Called after each attempt is written: (attempts done, attempts in total). */
using ReportProgress = std::function<void(std::size_t done, std::size_t total)>;

/**
 * Writes the report as ONE self-contained HTML file (no scripts, no external resources; also
 * well-formed XML, so `xmllint --noout` accepts it) in zh-CN or en (document.language):
 * the class roster table, then per attempt a heading, the score line (with "not verified" when
 * the trace did not verify), the attempt's verificationNote (`<p class="note">`) when it has one,
 * and four inline SVG plots, each `<svg class="plot plot-KIND">` with
 * its data as one `<polyline class="series">` of exactly one point per data point (or, with no
 * data, no polyline and the words "no samples"):
 *   - `plot-score`: the running score (scoreSeries) over time, deductions as vertical lines;
 *   - `plot-path`: the load's path seen from above (x right, z down, equal scale), zones as
 *     circles, each deduction a `<circle class="deduction">` with its reason as tooltip;
 *   - `plot-swing`: swing angle in degrees over time, allowed bands as shaded rectangles
 *     (`<rect class="band">`);
 *   - `plot-height`: load height over time with its allowed bands;
 * followed by the attempt's deductions as a table. All text is escaped (& < > " ').
 *
 * Errors (ErrorCode::InvalidInput, naming the attempt and sample): a non-finite sample or
 * deduction value, time going backwards, a band with end < start or high < low, a zone with
 * radius <= 0, a language other than zh-CN or en. `progress` (may be empty) is called once per
 * attempt.
 */
[[nodiscard]] core::Expected<std::string> writeHtmlReport(const ReportDocument& document,
                                                          const ReportProgress& progress = {});

/**
 * A one-line terminal progress bar, e.g. `[#########-----------]  45% 9/20 attempts`, `width`
 * characters between the brackets. `done` is clamped to `total`; total 0 shows 100%.
 */
[[nodiscard]] std::string formatReportProgressBar(std::size_t done, std::size_t total,
                                                  std::size_t width = 30);

} // namespace skillsim::report
