#include "skillsim/report/ReportScenarioOverlay.h"

#include <glm/gtc/quaternion.hpp>
#include <glm/mat3x3.hpp>

#include <cmath>
#include <cstdio>
#include <numbers>
#include <variant>

namespace skillsim::report {

std::vector<ReportZone> reportZones(const scenario::Scenario& scenario, bool chinese) {
  std::vector<ReportZone> zones;
  for (const sim::BodySpec& body : scenario.simulation.bodies) {
    if (body.mass > 0.0) {
      continue; // moving bodies are the path, not the course
    }
    const glm::dvec3 half = 0.5 * body.shape.size;
    ReportZone z{body.name, body.position.x, body.position.z, 0.0, 0.0, 0.0, true};
    if (body.shape.kind == sim::ShapeKind::Cylinder || body.shape.kind == sim::ShapeKind::Sphere ||
        body.shape.kind == sim::ShapeKind::Capsule) {
      z.radius = half.x;
    } else if (body.shape.kind == sim::ShapeKind::Box) {
      // The rotated box's extent seen from above (axis-aligned around it).
      const glm::dmat3 r = glm::mat3_cast(body.orientation);
      z.halfX =
          std::abs(r[0][0]) * half.x + std::abs(r[1][0]) * half.y + std::abs(r[2][0]) * half.z;
      z.halfZ =
          std::abs(r[0][2]) * half.x + std::abs(r[1][2]) * half.y + std::abs(r[2][2]) * half.z;
    } else {
      continue; // hulls and meshes: no simple footprint
    }
    if (z.radius > 0.0 || (z.halfX > 0.0 && z.halfZ > 0.0)) {
      zones.push_back(std::move(z));
    }
  }
  for (const sim::ZoneSpec& zone : scenario.simulation.zones) {
    if (zone.shape == sim::ZoneSpec::Shape::Cylinder && zone.radius > 0.0) {
      zones.push_back(
          ReportZone{zone.name, zone.center.x, zone.center.z, zone.radius, 0.0, 0.0, false});
    } else if (zone.shape == sim::ZoneSpec::Shape::Box && zone.halfExtents.x > 0.0 &&
               zone.halfExtents.z > 0.0) {
      // A turned box zone (yaw_deg) is drawn as its bounding rectangle on the plan.
      const glm::dvec2 half = zone.planBoundsHalf();
      zones.push_back(
          ReportZone{zone.name, zone.center.x, zone.center.z, 0.0, half.x, half.y, false});
    }
  }
  for (ReportZone& z : zones) {
    if (const auto label = scenario.labels.find(z.name); label != scenario.labels.end()) {
      const std::string& wanted = chinese ? label->second.zh : label->second.en;
      z.label = wanted.empty() ? (chinese ? label->second.en : label->second.zh) : wanted;
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

std::vector<std::string> reportSampleGates(const sim::MachineDecl& machine) {
  std::vector<std::string> gates;
  for (const sim::ReadoutDecl& r : machine.readouts) {
    if (r.plot) {
      gates.push_back(r.validWhen);
    }
  }
  return gates;
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
    if (const sim::MetricDecl* gate =
            r.validWhen.empty() ? nullptr : scenario.machine->metric(r.validWhen)) {
      s.validNote =
          (zh ? "仅在以下情况显示：" : "shown only while: ") + (zh ? gate->labelZh : gate->labelEn);
    }
    out.push_back(std::move(s));
  }
  return out;
}

} // namespace skillsim::report
