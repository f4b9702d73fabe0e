#pragma once

#include "skillsim/report/ReportData.h"

#include <skillsim/scenario/Scenario.h>

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace skillsim::report {

/**
 * The course for the report's ground plan, seen from above: every static body (piles, frames:
 * a cylinder, sphere or capsule as a circle, a box as the rectangle around its rotated
 * footprint; body = true) in file order, then every zone (a cylinder as a circle, a box as a
 * rectangle) in file order. Moving bodies are left out (their path is drawn). Each is labelled
 * with its name from the scenario's `[labels]` in Chinese (`chinese`) or English (the other
 * language when one is empty), else left to show its id.
 */
[[nodiscard]] std::vector<ReportZone> reportZones(const scenario::Scenario& scenario,
                                                  bool chinese = true);

/**
 * The allowed bands of the rubric's `metric_band` criteria on `metric` (e.g. "load_height" in m,
 * "load_swing_angle" in rad), in rubric order. A criterion bound to a phase is placed at that
 * phase's [start, end] s from `phaseTimes` (known from a re-simulation of the attempt) and left
 * out when the phase has no time there; one without a phase spans [0, duration]. A missing
 * minimum is 0 (both metrics are non-negative); a band without a maximum is left out. The label
 * is the criterion id and the limits, e.g. "transfer_height_ab: 2.00–4.00".
 */
[[nodiscard]] std::vector<ReportBand>
reportBands(const scenario::Scenario& scenario, std::string_view metric,
            const std::map<std::string, std::pair<double, double>>& phaseTimes, double duration);

/**
 * The metrics a report samples for the machine, in ReportSample order: the plan-view x and z
 * (MachineDecl::planX, planZ), then every readout with plot = true (ReportSample::values).
 */
[[nodiscard]] std::vector<std::string> reportSampledMetrics(const sim::MachineDecl& machine);

/**
 * For each plotted readout (reportSampledMetrics' values order), the Flag metric that gates it
 * (sim::ReadoutDecl::validWhen), or "" when it is always valid: a sampler sets
 * ReportSample::valid from it.
 */
[[nodiscard]] std::vector<std::string> reportSampleGates(const sim::MachineDecl& machine);

/**
 * The plotted series of the scenario's machine (readouts with plot = true, in declaration order),
 * titled in `lang` ("zh-CN" or "en") from the metric's labels, scaled for display (angles in
 * degrees), with the rubric's bands on that metric placed as reportBands() places them. Empty
 * without a machine.
 */
[[nodiscard]] std::vector<ReportSeries>
reportSeries(const scenario::Scenario& scenario, std::string_view lang,
             const std::map<std::string, std::pair<double, double>>& phaseTimes, double duration);

} // namespace skillsim::report
