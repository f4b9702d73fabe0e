#include "StartScreenDetails.h"

#include "skillsim/ui/Format.h"
#include "skillsim/ui/TaskClock.h"

#include <imgui.h>

#include <array>

namespace skillsim::ui {
namespace {

const ImVec4 kRed{0.95f, 0.30f, 0.25f, 1.0f};
const ImVec4 kDim{0.65f, 0.65f, 0.65f, 1.0f};

} // namespace

void drawLanguageChoice(const I18n& text, StartScreenActions& actions) {
  ImGui::TextUnformatted(text.text("start_info.language").c_str());
  // Each language's own name, so a trainee finds theirs whatever is shown now.
  const std::array<std::pair<Language, const char*>, 2> choices{
      {{Language::ChineseSimplified, "中文"}, {Language::English, "English"}}};
  for (const auto& [language, name] : choices) {
    ImGui::SameLine();
    if (ImGui::RadioButton(name, text.language() == language) && text.language() != language) {
      actions.language = language;
    }
  }
}

std::string scenarioLimitsText(const ScenarioEntry& scenario, const I18n& text) {
  const std::array<std::pair<std::string_view, std::string>, 3> values{
      {{"limit", scenario.timeLimit > 0.0 ? formatClock(scenario.timeLimit)
                                          : text.text("start_info.no_limit")},
       {"pass", formatPoints(scenario.passMark)},
       {"max", formatPoints(scenario.maxPoints)}}};
  return fillTemplate(text.text("start_info.limits"), values);
}

void drawScenarioDetails(const ScenarioEntry& scenario, const I18n& text) {
  const bool chinese = text.language() == Language::ChineseSimplified;
  const std::string& description = chinese ? scenario.descriptionZh : scenario.descriptionEn;
  if (!description.empty()) {
    ImGui::TextWrapped("%s", description.c_str());
  }
  if (scenario.mockExam) {
    ImGui::TextColored(kRed, "%s", text.text("start_info.mock_exam").c_str());
  }
  ImGui::TextColored(kDim, "%s", scenarioLimitsText(scenario, text).c_str());
}

std::optional<std::string> drawBrokenScenarios(std::span<const BrokenScenario> broken,
                                               const I18n& text) {
  std::optional<std::string> open;
  if (broken.empty()) {
    return open;
  }
  ImGui::TextColored(kRed, "%s", text.text("start_info.broken").c_str());
  for (std::size_t i = 0; i < broken.size(); ++i) {
    const BrokenScenario& b = broken[i];
    const std::string label = text.text("edit.open_in_editor") + "##broken" + std::to_string(i);
    if (ImGui::SmallButton(label.c_str())) {
      open = b.path;
    }
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, kRed);
    ImGui::TextWrapped("%s", b.message.c_str());
    ImGui::PopStyleColor();
  }
  return open;
}

} // namespace skillsim::ui
