#include "skillsim/ui/ResultsScreen.h"

#include "skillsim/core/Check.h"
#include "skillsim/ui/Format.h"

#include <imgui.h>

#include <algorithm>

namespace skillsim::ui {
namespace {

const ImVec4 kRed{0.95f, 0.30f, 0.25f, 1.0f};
const ImVec4 kGreen{0.35f, 0.85f, 0.40f, 1.0f};
const ImVec4 kAmber{1.0f, 0.75f, 0.20f, 1.0f};
const ImVec4 kDim{0.65f, 0.65f, 0.65f, 1.0f};

} // namespace

ScreenRect resultsLayout(float width, float height) {
  SKILLSIM_CHECK(width > 0.0f && height > 0.0f, "display size must be positive");
  const float w = std::min(900.0f, width - 40.0f);
  const float h = height - 40.0f;
  return {(width - w) * 0.5f, 20.0f, std::max(w, 100.0f), std::max(h, 100.0f)};
}

ResultsActions drawResultsScreen(const ResultsModel& model, const I18n& text) {
  SKILLSIM_CHECK(ImGui::GetCurrentContext() != nullptr,
                 "drawResultsScreen needs a current ImGui frame");
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const ScreenRect r = resultsLayout(std::max(display.x, 1.0f), std::max(display.y, 1.0f));
  ResultsActions actions;
  ImGui::SetNextWindowPos(ImVec2(r.x, r.y), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(r.width, r.height), ImGuiCond_Always);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings;
  const std::string title = text.text("results.title") + "###results";
  if (ImGui::Begin(title.c_str(), nullptr, flags)) {
    ImGui::Text(
        "%s  |  %s  |  %s", model.scenarioTitle.c_str(), model.traineeId.c_str(),
        text.text(model.mode == AttemptMode::Practice ? "mode.practice" : "mode.exam").c_str());
    if (model.mockExam) {
      ImGui::TextColored(kRed, "%s", text.text("results.mock_exam").c_str());
    }
    ImGui::SetWindowFontScale(1.8f);
    ImGui::TextColored(model.passed ? kGreen : kRed, "%s   %s: %s / %s",
                       text.text(model.passed ? "results.passed" : "results.failed").c_str(),
                       text.text("results.total").c_str(), formatPoints(model.total).c_str(),
                       formatPoints(model.max).c_str());
    ImGui::SetWindowFontScale(1.0f);
    ImGui::Text("%s %s   %s %s", text.text("results.pass_mark").c_str(),
                formatPoints(model.passMark).c_str(), text.text("results.duration").c_str(),
                formatClock(model.duration).c_str());
    // The way back stays at the top, visible however long the lists below grow.
    actions.backToStart = ImGui::Button(text.text("results.back").c_str(), ImVec2(200.0f, 32.0f));
    if (!model.completed) {
      ImGui::TextColored(kAmber, "%s", text.text("results.not_completed").c_str());
    }
    if (!model.stopReason.empty()) {
      ImGui::TextColored(kAmber, "%s", model.stopReason.c_str());
    }

    ImGui::Separator();
    const ImGuiTableFlags tableFlags =
        ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("##items", 4, tableFlags)) {
      ImGui::TableSetupColumn(text.text("results.item").c_str(), ImGuiTableColumnFlags_None, 4.0f);
      ImGui::TableSetupColumn(text.text("results.clause").c_str(), ImGuiTableColumnFlags_None,
                              2.0f);
      ImGui::TableSetupColumn(text.text("results.awarded").c_str(), ImGuiTableColumnFlags_None,
                              1.0f);
      ImGui::TableSetupColumn(text.text("results.max").c_str(), ImGuiTableColumnFlags_None, 1.0f);
      ImGui::TableHeadersRow();
      for (const ResultsItem& item : model.items) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", item.title.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(item.clause.c_str());
        ImGui::TableNextColumn();
        ImGui::TextColored(item.awarded < item.max ? kAmber : kGreen, "%s",
                           formatPoints(item.awarded).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(formatPoints(item.max).c_str());
      }
      ImGui::EndTable();
    }

    ImGui::Spacing();
    ImGui::TextUnformatted(text.text("results.vetoes").c_str());
    if (model.vetoes.empty()) {
      ImGui::TextColored(kDim, "  %s", text.text("results.none").c_str());
    }
    for (const ResultsVeto& v : model.vetoes) {
      // A simulation fault's veto has no item of the standard: the time, then the reason.
      if (v.itemTitle.empty()) {
        ImGui::TextColored(kRed, "  %s", formatClock(v.time).c_str());
      } else {
        ImGui::TextColored(kRed, "  %s  %s:", formatClock(v.time).c_str(), v.itemTitle.c_str());
      }
      ImGui::SameLine();
      ImGui::PushStyleColor(ImGuiCol_Text, kRed);
      ImGui::TextWrapped("%s", v.reason.c_str()); // wrapped, never cut off
      ImGui::PopStyleColor();
    }

    ImGui::Spacing();
    ImGui::TextUnformatted(text.text("results.deductions").c_str());
    if (model.deductions.empty()) {
      ImGui::TextColored(kDim, "  %s", text.text("results.none").c_str());
    } else if (ImGui::BeginTable("##deductions", 4, tableFlags)) {
      ImGui::TableSetupColumn(text.text("results.time").c_str(), ImGuiTableColumnFlags_None, 1.0f);
      ImGui::TableSetupColumn(text.text("results.points").c_str(), ImGuiTableColumnFlags_None,
                              0.8f);
      ImGui::TableSetupColumn(text.text("results.item").c_str(), ImGuiTableColumnFlags_None, 1.6f);
      ImGui::TableSetupColumn(text.text("results.reason").c_str(), ImGuiTableColumnFlags_None,
                              4.0f);
      ImGui::TableHeadersRow();
      for (const ResultsDeduction& d : model.deductions) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(formatClock(d.time).c_str());
        ImGui::TableNextColumn();
        ImGui::TextColored(kAmber, "-%s", formatPoints(d.points).c_str());
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", d.itemTitle.c_str()); // the standard's title, not its id
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", d.reason.c_str());
      }
      ImGui::EndTable();
    }
  }
  ImGui::End();
  return actions;
}

} // namespace skillsim::ui
