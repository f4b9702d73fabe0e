#include "skillsim/ui/ClassroomGrid.h"

#include "skillsim/core/Check.h"

#include <imgui.h>

#include <algorithm>
#include <array>

namespace skillsim::ui {
namespace {

constexpr ImU32 kMapBack = IM_COL32(40, 46, 54, 255);
constexpr ImU32 kMapEdge = IM_COL32(150, 160, 170, 255);
constexpr ImU32 kLoadDot = IM_COL32(255, 150, 20, 255);
constexpr ImU32 kOfflineDot = IM_COL32(110, 110, 110, 255);

/** The minimap of one seat at the cursor: the area as a square, the load as a dot. */
void drawSeatMinimap(const ClassroomSeatView& seat) {
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float side = kClassroomMinimapSide;
  ImGui::Dummy(ImVec2(side, side));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(origin, ImVec2(origin.x + side, origin.y + side), kMapBack);
  draw->AddRect(origin, ImVec2(origin.x + side, origin.y + side), kMapEdge);
  const float u = std::clamp(seat.mapU, 0.0f, 1.0f);
  const float v = std::clamp(seat.mapV, 0.0f, 1.0f);
  draw->AddCircleFilled(ImVec2(origin.x + u * side, origin.y + v * side), 6.0f,
                        seat.online ? kLoadDot : kOfflineDot);
}

} // namespace

std::string classroomSeatCount(std::size_t seats, const I18n& text) {
  return std::to_string(seats) + " " +
         text.text(seats == 1 ? "classroom.seat_one" : "classroom.seats");
}

std::optional<ClassroomCommand> drawClassroomGrid(const std::vector<ClassroomSeatView>& seats,
                                                  ClassroomGridState& state, const I18n& text) {
  SKILLSIM_CHECK(ImGui::GetCurrentContext() != nullptr,
                 "drawClassroomGrid needs a current ImGui frame");
  std::optional<ClassroomCommand> command;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(0.0f, 0.0f), ImGuiCond_Always);
  ImGui::SetNextWindowSize(display, ImGuiCond_Always);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                                 ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse |
                                 ImGuiWindowFlags_NoBringToFrontOnFocus;
  if (ImGui::Begin("##classroom", nullptr, flags)) {
    ImGui::TextUnformatted(text.text("classroom.title").c_str());
    ImGui::SameLine();
    ImGui::Text("  %s", classroomSeatCount(seats.size(), text).c_str());
    if (seats.empty()) {
      ImGui::TextUnformatted(text.text("classroom.no_seats").c_str());
    }
    const float width = std::max(ImGui::GetContentRegionAvail().x, kClassroomCellWidth);
    const int perRow = std::max(1, static_cast<int>(width / (kClassroomCellWidth + 8.0f)));
    for (std::size_t i = 0; i < seats.size(); ++i) {
      const ClassroomSeatView& seat = seats[i];
      if (i % static_cast<std::size_t>(perRow) != 0) {
        ImGui::SameLine();
      }
      ImGui::PushID(seat.seat.c_str());
      ImGui::BeginChild("##seat", ImVec2(kClassroomCellWidth, kClassroomCellHeight), true);
      if (!seat.online) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
      }
      ImGui::Text("%s  %s", seat.seat.c_str(), seat.status.c_str());
      ImGui::Text("%s %s", text.text("classroom.trainee").c_str(), seat.trainee.c_str());
      ImGui::TextUnformatted(seat.scenario.c_str());
      ImGui::Text("%s · %s %s · %s", seat.mode.c_str(), text.text("classroom.phase").c_str(),
                  seat.phase.c_str(), seat.elapsed.c_str());
      ImGui::Text("%s %s", text.text("classroom.score").c_str(), seat.score.c_str());
      ImGui::TextWrapped("%s %s", text.text("classroom.last_deduction").c_str(),
                         seat.lastDeduction.c_str());
      const float topOfMap = ImGui::GetCursorPosY();
      drawSeatMinimap(seat);
      ImGui::SetCursorPos(ImVec2(kClassroomMinimapSide + 16.0f, topOfMap));
      ImGui::BeginGroup();
      for (const std::string& r : seat.readouts) {
        ImGui::TextUnformatted(r.c_str());
      }
      ImGui::EndGroup();
      // The buttons go below the taller of the minimap and the readouts.
      ImGui::SetCursorPosY(
          std::max(ImGui::GetCursorPosY(), topOfMap + kClassroomMinimapSide + 4.0f));
      if (!seat.online) {
        ImGui::PopStyleColor();
      }
      ImGui::BeginDisabled(!seat.online);
      std::string& draft = state.drafts[seat.seat];
      const std::array<const char*, 3> buttons{"pause", "resume", "end"};
      for (const char* kind : buttons) {
        if (ImGui::Button(text.text(std::string("classroom.") + kind).c_str())) {
          command = ClassroomCommand{seat.seat, kind, ""};
        }
        ImGui::SameLine();
      }
      ImGui::NewLine(); // the message and its button on a line of their own, whatever the words
      std::array<char, 256> buffer{};
      draft.copy(buffer.data(), buffer.size() - 1);
      const ImGuiStyle& style = ImGui::GetStyle();
      const float sendWidth = ImGui::CalcTextSize(text.text("classroom.message").c_str()).x +
                              2.0f * style.FramePadding.x;
      ImGui::SetNextItemWidth(
          std::max(80.0f, ImGui::GetContentRegionAvail().x - sendWidth - style.ItemSpacing.x));
      if (ImGui::InputText("##message", buffer.data(), buffer.size())) {
        draft = buffer.data();
      }
      ImGui::SameLine();
      if (ImGui::Button(text.text("classroom.message").c_str()) && !draft.empty()) {
        command = ClassroomCommand{seat.seat, "message", draft};
        draft.clear();
      }
      ImGui::EndDisabled();
      ImGui::EndChild();
      ImGui::PopID();
    }
  }
  ImGui::End();
  return command;
}

} // namespace skillsim::ui
