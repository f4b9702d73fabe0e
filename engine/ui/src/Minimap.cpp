#include "skillsim/ui/Minimap.h"

#include "skillsim/core/Check.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

namespace skillsim::ui {
namespace {

constexpr float kMargin = 10.0f;
constexpr float kPadding = 8.0f;

ImU32 colour(glm::vec4 c, float alpha = 1.0f) {
  return ImGui::GetColorU32(ImVec4(c.r, c.g, c.b, c.a * alpha));
}

} // namespace

MinimapModel minimapModel(const sim::SimulationSpec& spec,
                          const std::vector<std::pair<std::string, std::string>>& labels,
                          glm::dvec2 areaMin, glm::dvec2 areaMax, std::optional<glm::dvec3> machine,
                          const std::optional<std::string>& targetZone) {
  MinimapModel m;
  m.min = areaMin;
  m.max = areaMax;
  for (const sim::ZoneSpec& z : spec.zones) {
    auto it = std::find_if(labels.begin(), labels.end(),
                           [&](const auto& entry) { return entry.first == z.name; });
    const bool target = targetZone && *targetZone == z.name;
    if (it == labels.end() && !target) {
      continue;
    }
    MinimapZone out;
    out.label = it == labels.end() ? std::string() : it->second;
    out.circle = z.shape == sim::ZoneSpec::Shape::Cylinder;
    out.centre = {z.center.x, z.center.z};
    // A turned box zone is drawn as its bounding rectangle (the map draws axis-aligned boxes).
    out.half = z.planBoundsHalf();
    out.color = z.color;
    out.target = target;
    m.min = glm::min(m.min, out.centre - out.half);
    m.max = glm::max(m.max, out.centre + out.half);
    m.zones.push_back(std::move(out));
  }
  for (const sim::BodySpec& b : spec.bodies) {
    const bool box =
        b.shape.kind == sim::ShapeKind::Box || b.shape.kind == sim::ShapeKind::Cylinder ||
        b.shape.kind == sim::ShapeKind::Capsule || b.shape.kind == sim::ShapeKind::Sphere;
    if (!box) {
      continue;
    }
    MinimapBody out;
    out.centre = {b.position.x, b.position.z};
    const double sx = b.shape.size.x;
    const double sz = b.shape.kind == sim::ShapeKind::Box ? b.shape.size.z : b.shape.size.x;
    out.half = 0.5 * glm::dvec2(sx, sz);
    out.color = b.color;
    m.bodies.push_back(out);
  }
  if (machine) {
    m.machine = glm::dvec2(machine->x, machine->z);
  }
  return m;
}

ScreenRect minimapRect(float width, float height) {
  SKILLSIM_CHECK(width > 0.0f && height > 0.0f, "display size must be positive");
  const float w = std::min(260.0f, width * 0.3f);
  const float h = std::min(200.0f, height * 0.3f);
  // Above the session panel (56 px tall) at the bottom right.
  return {width - w - kMargin, height - 56.0f - 2.0f * kMargin - h, w, h};
}

glm::vec2 minimapPoint(const MinimapModel& m, const ScreenRect& r, glm::dvec2 plan) {
  const glm::dvec2 extent = glm::max(m.max - m.min, glm::dvec2(1e-6));
  const double innerW = std::max(1.0, static_cast<double>(r.width) - 2.0 * kPadding);
  const double innerH = std::max(1.0, static_cast<double>(r.height) - 2.0 * kPadding);
  const double scale = std::min(innerW / extent.x, innerH / extent.y);
  const glm::dvec2 centre = 0.5 * (m.min + m.max);
  const double cx = r.x + 0.5 * r.width;
  const double cy = r.y + 0.5 * r.height;
  // World +X right; world -Z up on the screen (screen +y is down, so +Z goes down).
  return {static_cast<float>(cx + (plan.x - centre.x) * scale),
          static_cast<float>(cy + (plan.y - centre.y) * scale)};
}

void drawMinimap(const MinimapModel& m, const I18n& text) {
  SKILLSIM_CHECK(ImGui::GetCurrentContext() != nullptr, "drawMinimap needs an ImGui frame");
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const ScreenRect r = minimapRect(std::max(display.x, 1.0f), std::max(display.y, 1.0f));
  ImGui::SetNextWindowPos(ImVec2(r.x, r.y), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(r.width, r.height), ImGuiCond_Always);
  ImGui::SetNextWindowBgAlpha(0.8f);
  if (ImGui::Begin("##aid_minimap", nullptr,
                   ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                       ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse |
                       ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                       ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoInputs)) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    auto at = [&](glm::dvec2 p) {
      const glm::vec2 s = minimapPoint(m, r, p);
      return ImVec2(s.x, s.y);
    };
    const glm::vec2 a = minimapPoint(m, r, m.min);
    const glm::vec2 b = minimapPoint(m, r, m.max);
    const double scale = (b.x - a.x) / std::max(m.max.x - m.min.x, 1e-6);
    draw->AddRectFilled(ImVec2(a.x, a.y), ImVec2(b.x, b.y), colour({0.42f, 0.43f, 0.42f, 1.0f}));
    for (const MinimapBody& body : m.bodies) {
      draw->AddRectFilled(at(body.centre - body.half - glm::dvec2(0.05)),
                          at(body.centre + body.half + glm::dvec2(0.05)), colour(body.color));
    }
    for (const MinimapZone& z : m.zones) {
      const ImU32 line = z.target ? colour({0.1f, 0.95f, 1.0f, 1.0f}) : colour(z.color);
      const float thickness = z.target ? 3.0f : 1.5f;
      if (z.circle) {
        draw->AddCircle(at(z.centre), static_cast<float>(z.half.x * scale), line, 32, thickness);
      } else {
        draw->AddRect(at(z.centre - z.half), at(z.centre + z.half), line, 0.0f, 0, thickness);
      }
      if (!z.label.empty()) {
        const ImVec2 size = ImGui::CalcTextSize(z.label.c_str());
        const ImVec2 c = at(z.centre);
        draw->AddText(ImVec2(c.x - 0.5f * size.x, c.y - 0.5f * size.y), colour({1, 1, 1, 1}),
                      z.label.c_str());
      }
    }
    if (m.machine) {
      const ImVec2 c = at(*m.machine);
      draw->AddLine(ImVec2(c.x - 7.0f, c.y), ImVec2(c.x + 7.0f, c.y),
                    colour({1.0f, 0.1f, 0.1f, 1.0f}), 2.0f);
      draw->AddLine(ImVec2(c.x, c.y - 7.0f), ImVec2(c.x, c.y + 7.0f),
                    colour({1.0f, 0.1f, 0.1f, 1.0f}), 2.0f);
      draw->AddCircleFilled(c, 3.0f, colour({1.0f, 0.1f, 0.1f, 1.0f}));
    }
    draw->AddText(ImVec2(r.x + kPadding, r.y + 2.0f), colour({0.9f, 0.9f, 0.9f, 1.0f}),
                  text.text("aids.minimap").c_str());
  }
  ImGui::End();
}

} // namespace skillsim::ui
