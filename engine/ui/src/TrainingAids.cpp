#include "skillsim/ui/TrainingAids.h"

#include "skillsim/core/Check.h"
#include "skillsim/ui/Format.h"

#include <glm/gtc/matrix_transform.hpp>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace skillsim::ui {
namespace {

const glm::vec4 kLaserRed{1.0f, 0.08f, 0.08f, 1.0f};
const glm::vec4 kMarkerCyan{0.1f, 0.95f, 1.0f, 1.0f};
constexpr double kSpotDiameter = 0.14; ///< Laser spot on the floor (m).
constexpr double kSpotLift = 0.018;    ///< Above the floor paint (m).
constexpr double kPostHeight = 3.0;    ///< Target marker post (m).

void ringLines(core::SceneView& view, const glm::dvec3& c, double r, glm::vec4 colour) {
  constexpr int kSegments = 48;
  for (int i = 0; i < kSegments; ++i) {
    const double a0 = 2.0 * std::numbers::pi * i / kSegments;
    const double a1 = 2.0 * std::numbers::pi * (i + 1) / kSegments;
    view.lines.push_back({glm::vec3(c + r * glm::dvec3(std::cos(a0), 0.0, std::sin(a0))),
                          glm::vec3(c + r * glm::dvec3(std::cos(a1), 0.0, std::sin(a1))), colour});
  }
}

/** A rectangle of half-size `half` about `zone`'s centre, in its own (turned) axes, at height y. */
void rectLines(core::SceneView& view, const sim::ZoneSpec& zone, double y, glm::dvec2 half,
               glm::vec4 colour) {
  auto corner = [&](double lx, double lz) {
    const glm::dvec2 plan = zone.planPoint({lx, lz});
    return glm::vec3(glm::dvec3(plan.x, y, plan.y));
  };
  const glm::vec3 p[4] = {corner(-half.x, -half.y), corner(half.x, -half.y), corner(half.x, half.y),
                          corner(-half.x, half.y)};
  for (int i = 0; i < 4; ++i) {
    view.lines.push_back({p[i], p[(i + 1) % 4], colour});
  }
}

} // namespace

double horizontalDistance(const sim::ZoneSpec& zone, const glm::dvec3& point) {
  const glm::dvec2 p(point.x, point.z);
  const glm::dvec2 c(zone.center.x, zone.center.z);
  if (zone.shape == sim::ZoneSpec::Shape::Cylinder) {
    return glm::length(p - c);
  }
  // In the box's own axes (turned by its yaw), so a turned box is measured as painted.
  const glm::dvec2 half(zone.halfExtents.x, zone.halfExtents.z);
  const glm::dvec3 local = zone.toZoneFrame(glm::dvec3(point.x, zone.center.y, point.z));
  const glm::dvec2 outside =
      glm::max(glm::abs(glm::dvec2(local.x, local.z)) - half, glm::dvec2(0.0));
  return glm::length(outside);
}

AidFrame computeAidFrame(const AidSwitches& shown, const sim::SimulationSpec& spec,
                         std::optional<glm::dvec3> anchor, const std::optional<AidTarget>& target) {
  AidFrame f;
  f.shown = shown;
  f.anchor = anchor;
  if (anchor) {
    f.height = anchor->y - f.groundY;
  }
  if (target) {
    for (const sim::ZoneSpec& z : spec.zones) {
      if (z.name == target->zone) {
        f.target = z;
        f.targetLabel = target->label;
        break;
      }
    }
  }
  if (f.target && anchor) {
    f.distance = horizontalDistance(*f.target, *anchor);
  }
  return f;
}

void appendAidGeometry(const AidFrame& f, core::SceneView& view) {
  if (f.shown.dropLine && f.anchor && f.anchor->y > f.groundY) {
    const glm::dvec3 floor(f.anchor->x, f.groundY + kSpotLift, f.anchor->z);
    view.lines.push_back({glm::vec3(*f.anchor), glm::vec3(floor), kLaserRed});
    core::MeshDesc disc;
    disc.kind = core::MeshKind::Cylinder;
    disc.size = glm::vec3(kSpotDiameter, 0.004f, kSpotDiameter);
    disc.subdivisions = 16;
    disc.debugName = "aid.laser_spot";
    view.meshes.push_back(disc);
    core::Material red;
    red.baseColor = kLaserRed;
    red.roughness = 0.2f;
    red.debugName = "aid.laser_spot";
    view.materials.push_back(red);
    view.instances.push_back(
        core::Instance{core::MeshId(static_cast<std::uint32_t>(view.meshes.size() - 1)),
                       core::MaterialId(static_cast<std::uint32_t>(view.materials.size() - 1)),
                       glm::translate(glm::mat4(1.0f), glm::vec3(floor)), false});
  }
  if (f.shown.targetMarker && f.target) {
    const sim::ZoneSpec& z = *f.target;
    const glm::dvec3 base(z.center.x, f.groundY + 0.03, z.center.z);
    if (z.shape == sim::ZoneSpec::Shape::Cylinder) {
      ringLines(view, base, z.radius + 0.12, kMarkerCyan);
      ringLines(view, base, z.radius + 0.24, kMarkerCyan);
    } else {
      const glm::dvec2 half(z.halfExtents.x, z.halfExtents.z);
      rectLines(view, z, base.y, half + glm::dvec2(0.12), kMarkerCyan);
      rectLines(view, z, base.y, half + glm::dvec2(0.24), kMarkerCyan);
    }
    // A post over the centre with an arrow pointing down at it.
    const glm::vec3 top(glm::dvec3(z.center.x, f.groundY + kPostHeight, z.center.z));
    const glm::vec3 tip(glm::dvec3(z.center.x, f.groundY + kPostHeight - 0.8, z.center.z));
    view.lines.push_back({top, tip, kMarkerCyan});
    for (const glm::vec3 side : {glm::vec3(0.3f, 0.3f, 0.0f), glm::vec3(-0.3f, 0.3f, 0.0f),
                                 glm::vec3(0.0f, 0.3f, 0.3f), glm::vec3(0.0f, 0.3f, -0.3f)}) {
      view.lines.push_back({tip + side, tip, kMarkerCyan});
    }
  }
  if (f.shown.machineAids) {
    constexpr glm::vec4 kInside{0.1f, 0.9f, 0.2f, 1.0f};
    constexpr glm::vec4 kOutside{1.0f, 0.15f, 0.1f, 1.0f};
    const glm::dvec3 lift(0.0, 0.01, 0.0);
    for (const sim::FloorAid& aid : f.floor) {
      const glm::vec4 colour = aid.inside ? kInside : kOutside;
      for (std::size_t i = 0; i < aid.outline.size(); ++i) {
        const glm::dvec3 a = aid.outline[i] + lift;
        const glm::dvec3 b = aid.outline[(i + 1) % aid.outline.size()] + lift;
        view.lines.push_back({glm::vec3(a), glm::vec3(b), colour});
      }
      const glm::dvec3 c = aid.point + lift;
      view.lines.push_back({glm::vec3(c - glm::dvec3(0.15, 0.0, 0.0)),
                            glm::vec3(c + glm::dvec3(0.15, 0.0, 0.0)), colour});
      view.lines.push_back({glm::vec3(c - glm::dvec3(0.0, 0.0, 0.15)),
                            glm::vec3(c + glm::dvec3(0.0, 0.0, 0.15)), colour});
    }
  }
}

std::vector<std::string> aidReadoutLines(const AidFrame& f, const I18n& text) {
  std::vector<std::string> lines;
  if (f.shown.heightReadout && f.height) {
    lines.push_back(text.text("aids.height") + "  " +
                    formatQuantity(*f.height, sim::Unit::Metre, 2, text));
  }
  if (f.shown.targetDistance) {
    if (f.distance) {
      std::string name = text.text("aids.to_target");
      if (!f.targetLabel.empty()) {
        name += " " + f.targetLabel;
      }
      lines.push_back(name + "  " + formatQuantity(*f.distance, sim::Unit::Metre, 2, text));
    } else {
      lines.push_back(text.text("aids.to_target") + "  " + text.text("aids.no_target"));
    }
  }
  return lines;
}

ScreenRect aidReadoutRect(float width, float height) {
  SKILLSIM_CHECK(width > 0.0f && height > 0.0f, "display size must be positive");
  // Above the HUD's readout panel (bottom left, 150 px tall with a 10 px margin).
  constexpr float kMargin = 10.0f;
  const float h = 64.0f;
  return {kMargin, height - 150.0f - 2.0f * kMargin - h, std::min(360.0f, width * 0.4f), h};
}

void drawAidReadouts(const AidFrame& f, const I18n& text) {
  SKILLSIM_CHECK(ImGui::GetCurrentContext() != nullptr, "drawAidReadouts needs an ImGui frame");
  const std::vector<std::string> lines = aidReadoutLines(f, text);
  if (lines.empty()) {
    return;
  }
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const ScreenRect r = aidReadoutRect(std::max(display.x, 1.0f), std::max(display.y, 1.0f));
  ImGui::SetNextWindowPos(ImVec2(r.x, r.y), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(r.width, r.height), ImGuiCond_Always);
  ImGui::SetNextWindowBgAlpha(0.72f);
  if (ImGui::Begin("##aid_readouts", nullptr,
                   ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                       ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse |
                       ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing)) {
    for (const std::string& line : lines) {
      ImGui::TextUnformatted(line.c_str());
    }
  }
  ImGui::End();
}

} // namespace skillsim::ui
