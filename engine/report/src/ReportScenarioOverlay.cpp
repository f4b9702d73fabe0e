#include "skillsim/report/ReportScenarioOverlay.h"

#include <cstdio>
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

} // namespace skillsim::report
