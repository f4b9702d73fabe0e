#include "skillsim/ui/ReplayTimeline.h"

#include "skillsim/core/Check.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace skillsim::ui {
namespace {

constexpr ImU32 kBar = IM_COL32(70, 70, 78, 255);
constexpr ImU32 kPlayed = IM_COL32(120, 160, 220, 255);
constexpr ImU32 kRedMark = IM_COL32(235, 70, 60, 255);
constexpr ImU32 kPhaseMark = IM_COL32(90, 170, 255, 255);
constexpr ImU32 kCursor = IM_COL32(255, 255, 255, 255);

std::string speedLabel(double speed) {
  char buf[16];
  std::snprintf(buf, sizeof buf, speed < 1.0 ? "%.2gx" : "%.0fx", speed);
  return buf;
}

} // namespace

ReplayTimelineActions drawReplayTimeline(const ReplayTimelineModel& model, const I18n& text) {
  SKILLSIM_CHECK(ImGui::GetCurrentContext() != nullptr,
                 "drawReplayTimeline needs a current ImGui frame");
  SKILLSIM_CHECK(model.length > 0.0, "the replayed attempt must have a length");
  ReplayTimelineActions actions;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(0.0f, display.y - kReplayTimelineHeight), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(display.x, kReplayTimelineHeight), ImGuiCond_Always);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                                 ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse |
                                 ImGuiWindowFlags_NoScrollbar;
  if (ImGui::Begin("##replay_timeline", nullptr, flags)) {
    const std::string play = model.playing ? text.text("replay.pause") : text.text("replay.play");
    actions.togglePlay = ImGui::Button((play + "##play").c_str(), ImVec2(90.0f, 0.0f));
    ImGui::SameLine();
    actions.stepTick = ImGui::Button((text.text("replay.step") + "##step").c_str());
    ImGui::SameLine();
    ImGui::TextUnformatted(text.text("replay.speed").c_str());
    for (const double s : kReplaySpeeds) {
      ImGui::SameLine();
      const std::string label = speedLabel(s);
      const bool chosen = std::abs(s - model.speed) < 1e-9;
      if (chosen) {
        ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.25f, 0.45f, 0.75f, 1.0f));
      }
      if (ImGui::Button(label.c_str())) {
        actions.speed = s;
      }
      if (chosen) {
        ImGui::PopStyleColor();
      }
    }
    ImGui::SameLine();
    ImGui::Text("   %s %.1f / %.1f s   %s %llu   %s %zu / %zu", text.text("replay.time").c_str(),
                model.position, model.length, text.text("replay.tick").c_str(),
                static_cast<unsigned long long>(model.tick), text.text("replay.keyframes").c_str(),
                model.keyframesReady, model.keyframesTotal);

    // The bar: the attempt from 0 to length, the part before the shown state lighter.
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float width = std::max(ImGui::GetContentRegionAvail().x, 10.0f);
    const float height = 36.0f;
    ImGui::InvisibleButton("##replay_bar", ImVec2(width, height));
    const bool barHovered = ImGui::IsItemHovered();
    if (ImGui::IsItemActive()) {
      const float x = std::clamp(ImGui::GetIO().MousePos.x - origin.x, 0.0f, width);
      actions.seekTo = model.length * static_cast<double>(x / width);
    }
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const auto xOf = [&](double t) {
      return origin.x + width * static_cast<float>(std::clamp(t / model.length, 0.0, 1.0));
    };
    const float barTop = origin.y + 12.0f;
    const float barBottom = origin.y + height - 8.0f;
    draw->AddRectFilled(ImVec2(origin.x, barTop), ImVec2(origin.x + width, barBottom), kBar);
    draw->AddRectFilled(ImVec2(origin.x, barTop), ImVec2(xOf(model.position), barBottom), kPlayed);
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const ReplayMark* hovered = nullptr;
    for (const ReplayMark& m : model.marks) {
      const float x = xOf(m.time);
      const bool red = m.kind != ReplayMarkKind::Phase;
      const float top = m.kind == ReplayMarkKind::Veto ? origin.y : origin.y + 4.0f;
      draw->AddRectFilled(ImVec2(x - 1.5f, top), ImVec2(x + 1.5f, origin.y + height),
                          red ? kRedMark : kPhaseMark);
      if (barHovered && std::abs(mouse.x - x) <= 4.0f && (hovered == nullptr || red)) {
        hovered = &m;
      }
    }
    const float cx = xOf(model.position);
    draw->AddTriangleFilled(ImVec2(cx - 6.0f, origin.y), ImVec2(cx + 6.0f, origin.y),
                            ImVec2(cx, origin.y + 10.0f), kCursor);
    // Under the bar: take the controls from here, and which camera the view uses.
    if (model.canTakeOver) {
      actions.takeOver = ImGui::Button((text.text("replay.take_over") + "##take_over").c_str());
      if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("%s", text.text("replay.take_over_hint").c_str());
      }
    }
    if (!model.cameras.empty()) {
      if (model.canTakeOver) {
        ImGui::SameLine(0.0f, 24.0f);
      }
      ImGui::TextUnformatted(text.text("replay.camera").c_str());
      for (std::size_t i = 0; i < model.cameras.size(); ++i) {
        ImGui::SameLine();
        const bool chosen = i == model.camera;
        if (chosen) {
          ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.25f, 0.45f, 0.75f, 1.0f));
        }
        if (ImGui::Button((model.cameras[i] + "##camera" + std::to_string(i)).c_str())) {
          actions.camera = i;
        }
        if (chosen) {
          ImGui::PopStyleColor();
        }
      }
    }
    if (hovered != nullptr) {
      ImGui::BeginTooltip();
      ImGui::Text("%.1f s", hovered->time);
      ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
      ImGui::TextUnformatted(hovered->text.c_str());
      ImGui::PopTextWrapPos();
      ImGui::EndTooltip();
    }
  }
  ImGui::End();
  return actions;
}

} // namespace skillsim::ui
