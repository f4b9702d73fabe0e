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
 * The scenario's zones for the report's ground plan: every cylinder zone as a circle (centre x,
 * z; radius), in file order. Box zones are not drawn (the ground plan draws circles only).
 */
[[nodiscard]] std::vector<ReportZone> reportZones(const scenario::Scenario& scenario);

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
 * The plotted series of the scenario's machine (readouts with plot = true, in declaration order),
 * titled in `lang` ("zh-CN" or "en") from the metric's labels, scaled for display (angles in
 * degrees), with the rubric's bands on that metric placed as reportBands() places them. Empty
 * without a machine.
 */
[[nodiscard]] std::vector<ReportSeries>
reportSeries(const scenario::Scenario& scenario, std::string_view lang,
             const std::map<std::string, std::pair<double, double>>& phaseTimes, double duration);

} // namespace skillsim::report
