#include "skillsim/report/ReportScenarioOverlay.h"

#include <cstdio>
#include <numbers>
#include <variant>

namespace skillsim::report {

std::vector<ReportZone> reportZones(const scenario::Scenario& scenario) {
  std::vector<ReportZone> zones;
  for (const sim::ZoneSpec& zone : scenario.simulation.zones) {
    if (zone.shape == sim::ZoneSpec::Shape::Cylinder && zone.radius > 0.0) {
      zones.push_back(ReportZone{zone.name, zone.center.x, zone.center.z, zone.radius});
    }
  }
  return zones;
}

std::vector<ReportBand>
reportBands(const scenario::Scenario& scenario, std::string_view metric,
            const std::map<std::string, std::pair<double, double>>& phaseTimes, double duration) {
  std::vector<ReportBand> bands;
  for (const assessment::CriterionSpec& criterion : scenario.rubric.criteria) {
    const auto* band = std::get_if<assessment::MetricBandParams>(&criterion.params);
    if (band == nullptr || band->metric != metric || !band->max) {
      continue;
    }
    double start = 0.0;
    double end = duration;
    if (!criterion.phase.empty()) {
      auto it = phaseTimes.find(criterion.phase);
      if (it == phaseTimes.end()) {
        continue;
      }
      start = it->second.first;
      end = it->second.second;
    }
    double low = band->min.value_or(0.0);
    char limits[64];
    std::snprintf(limits, sizeof limits, "%.2f–%.2f", low, *band->max);
    bands.push_back(ReportBand{start, end, low, *band->max, criterion.id + ": " + limits});
  }
  return bands;
}

std::vector<std::string> reportSampledMetrics(const sim::MachineDecl& machine) {
  std::vector<std::string> names = {machine.planX, machine.planZ};
  for (const sim::ReadoutDecl& r : machine.readouts) {
    if (r.plot) {
      names.push_back(r.metric);
    }
  }
  return names;
}

std::vector<ReportSeries>
reportSeries(const scenario::Scenario& scenario, std::string_view lang,
             const std::map<std::string, std::pair<double, double>>& phaseTimes, double duration) {
  std::vector<ReportSeries> out;
  if (!scenario.machine) {
    return out;
  }
  const bool zh = lang == "zh-CN";
  for (const sim::ReadoutDecl& r : scenario.machine->readouts) {
    const sim::MetricDecl* metric = scenario.machine->metric(r.metric);
    if (!r.plot || metric == nullptr) {
      continue;
    }
    ReportSeries s;
    s.id = r.metric;
    const std::string& label = zh ? metric->labelZh : metric->labelEn;
    const bool angle = metric->unit == sim::Unit::Radian;
    s.scale = angle ? 180.0 / std::numbers::pi : 1.0;
    const std::string unit = angle ? "°" : std::string(sim::unitSymbol(metric->unit));
    s.title = zh ? label + "随时间变化" : label + " over time";
    s.yLabel = unit.empty() ? label : label + " (" + unit + ")";
    s.minimumSpan = angle ? 1.0 : 0.5;
    s.bands = reportBands(scenario, r.metric, phaseTimes, duration);
    out.push_back(std::move(s));
  }
  return out;
}

} // namespace skillsim::report
