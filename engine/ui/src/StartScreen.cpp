#include "skillsim/ui/StartScreen.h"

#include "StartScreenDetails.h"

#include "skillsim/core/Check.h"
#include "skillsim/ui/Format.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <optional>

namespace skillsim::ui {
namespace {

const ImVec4 kRed{0.95f, 0.30f, 0.25f, 1.0f};
const ImVec4 kGreen{0.35f, 0.85f, 0.40f, 1.0f};
const ImVec4 kAmber{1.0f, 0.75f, 0.20f, 1.0f};
const ImVec4 kDim{0.65f, 0.65f, 0.65f, 1.0f};

bool blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\t'; });
}

constexpr char32_t kStandInFirst = 0xE000;
constexpr char32_t kStandInLast = 0xF8FF;

/** The code point at `i` of valid UTF-8 (advancing i), or nullopt for an invalid byte (i + 1). */
std::optional<char32_t> decode(std::string_view s, std::size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  const std::size_t n = b < 0x80           ? 1
                        : (b >> 5) == 0x6  ? 2
                        : (b >> 4) == 0xE  ? 3
                        : (b >> 3) == 0x1E ? 4
                                           : 0;
  if (n == 0 || i + n > s.size()) {
    ++i;
    return std::nullopt;
  }
  char32_t c = n == 1 ? b : b & (0x7F >> n);
  for (std::size_t k = 1; k < n; ++k) {
    const auto cont = static_cast<unsigned char>(s[i + k]);
    if ((cont >> 6) != 0x2) {
      ++i;
      return std::nullopt;
    }
    c = (c << 6) | (cont & 0x3F);
  }
  i += n;
  return c;
}

void encode(char32_t c, std::string& out) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

} // namespace

std::string toFieldText(std::string_view utf8, std::vector<char32_t>& standIns) {
  std::string out;
  for (std::size_t i = 0; i < utf8.size();) {
    const std::size_t at = i;
    const auto c = decode(utf8, i);
    if (!c) {
      out += utf8[at];
      continue;
    }
    if (*c > 0xFFFF || (*c >= kStandInFirst && *c <= kStandInLast)) {
      auto it = std::find(standIns.begin(), standIns.end(), *c);
      if (it == standIns.end() && standIns.size() <= kStandInLast - kStandInFirst) {
        it = standIns.insert(standIns.end(), *c);
      }
      if (it != standIns.end()) {
        encode(kStandInFirst + static_cast<char32_t>(it - standIns.begin()), out);
        continue;
      }
    }
    encode(*c, out);
  }
  return out;
}

std::string fromFieldText(std::string_view field, const std::vector<char32_t>& standIns) {
  std::string out;
  for (std::size_t i = 0; i < field.size();) {
    const std::size_t at = i;
    const auto c = decode(field, i);
    if (!c) {
      out += field[at];
      continue;
    }
    if (*c >= kStandInFirst && *c - kStandInFirst < standIns.size()) {
      encode(standIns[*c - kStandInFirst], out);
    } else {
      encode(*c, out);
    }
  }
  return out;
}

void StartScreen::typeBeyondBasicPlane(char32_t codepoint) {
  auto it = std::find(mStandIns.begin(), mStandIns.end(), codepoint);
  if (it == mStandIns.end()) {
    if (mStandIns.size() > kStandInLast - kStandInFirst) {
      return;
    }
    it = mStandIns.insert(mStandIns.end(), codepoint);
  }
  // Not through ImGui's character queue: InputText filters private-use characters out of it.
  // The field's callback inserts them at the cursor on the next frame (insertTyped).
  encode(kStandInFirst + static_cast<char32_t>(it - mStandIns.begin()), mTyped);
}

int StartScreen::insertTyped(ImGuiInputTextCallbackData* data) {
  auto* self = static_cast<StartScreen*>(data->UserData);
  if (!self->mTyped.empty()) {
    data->InsertChars(data->CursorPos, self->mTyped.c_str());
    self->mTyped.clear();
  }
  return 0;
}

StartScreen::StartScreen(std::string traineeId)
    : mTraineeId(std::move(traineeId)), mField(toFieldText(mTraineeId, mStandIns)) {}

ScreenRect startScreenLayout(float width, float height) {
  SKILLSIM_CHECK(width > 0.0f && height > 0.0f, "display size must be positive");
  const float w = std::min(1000.0f, width - 40.0f);
  return {(width - w) * 0.5f, 20.0f, std::max(w, 100.0f), std::max(height - 40.0f, 100.0f)};
}

void StartScreen::drawCourses(const StartScreenModel& model, const I18n& text,
                              StartScreenActions& actions) {
  const bool chinese = text.language() == Language::ChineseSimplified;
  ImGui::Separator();
  ImGui::TextUnformatted(text.text("start.courses").c_str());
  if (model.courses.empty()) {
    ImGui::TextColored(kDim, "%s", text.text("start.no_courses").c_str());
  }
  for (std::size_t i = 0; i < model.courses.size(); ++i) {
    const CourseEntry& c = model.courses[i];
    const std::string& first = chinese ? c.titleZh : c.titleEn;
    const std::string& second = chinese ? c.titleEn : c.titleZh;
    const std::string label = "  " + first + "  /  " + second + "  (" +
                              std::to_string(c.learningTasks) + " " +
                              text.text("start.learning_tasks") + ")##course" + std::to_string(i);
    if (ImGui::Selectable(label.c_str(), mSelectedCourse == i)) {
      mSelectedCourse = i;
    }
  }
  if (mSelectedCourse) {
    const CourseEntry& c = model.courses[*mSelectedCourse];
    const std::string& description = chinese ? c.descriptionZh : c.descriptionEn;
    if (!description.empty()) {
      ImGui::TextWrapped("%s", description.c_str());
    }
  }
  drawBrokenScenarios(model.brokenCourses, text);
  const bool ready = mSelectedCourse.has_value() && !blank(mTraineeId);
  ImGui::BeginDisabled(!ready);
  if (ImGui::Button(text.text("start.open_course").c_str(), ImVec2(160.0f, 36.0f)) && ready) {
    actions.openCourse = CourseRequest{*mSelectedCourse, mTraineeId};
  }
  ImGui::EndDisabled();
  if (!ready && !model.courses.empty()) {
    ImGui::SameLine();
    ImGui::TextColored(
        kDim, "%s",
        text.text(blank(mTraineeId) ? "start.enter_id" : "start.choose_course").c_str());
  }
}

StartScreenActions StartScreen::draw(const StartScreenModel& model, const I18n& text) {
  SKILLSIM_CHECK(ImGui::GetCurrentContext() != nullptr, "StartScreen::draw needs an ImGui frame");
  if (mSelected && *mSelected >= model.scenarios.size()) {
    mSelected.reset();
  }
  if (mSelectedCourse && *mSelectedCourse >= model.courses.size()) {
    mSelectedCourse.reset();
  }
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const ScreenRect r = startScreenLayout(std::max(display.x, 1.0f), std::max(display.y, 1.0f));
  StartScreenActions actions;
  ImGui::SetNextWindowPos(ImVec2(r.x, r.y), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(r.width, r.height), ImGuiCond_Always);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings;
  const std::string title = text.text("start.title") + "###start";
  const bool chinese = text.language() == Language::ChineseSimplified;
  if (ImGui::Begin(title.c_str(), nullptr, flags)) {
    drawLanguageChoice(text, actions);
    ImGui::TextUnformatted(text.text("start.trainee_id").c_str());
    ImGui::SameLine();
    ImGui::SetNextItemWidth(260.0f);
    // Debian's ImGui keeps 16-bit characters: the field holds stand-ins for those beyond U+FFFF
    // (toFieldText), so a name such as 𠀀 survives editing; one typed or pasted into the field
    // itself still arrives from ImGui as U+FFFD (docs/workstation.md, "Trainee names").
    actions.traineeChanged = ImGui::InputText(
        "##trainee", &mField, ImGuiInputTextFlags_CallbackAlways, &insertTyped, this);
    if (actions.traineeChanged) {
      mTraineeId = fromFieldText(mField, mStandIns);
    }
    if (!model.notice.empty()) {
      ImGui::TextColored(kAmber, "%s", model.notice.c_str());
    }
    ImGui::Separator();

    ImGui::TextUnformatted(text.text("start.scenarios").c_str());
    if (model.scenarios.empty()) {
      ImGui::TextColored(kDim, "%s", text.text("start.no_scenarios").c_str());
    }
    // As tall as its rows (a trade's header, each scenario's title and standard), at most 42 % of
    // the window, so the courses below stay in view on a 720-pixel screen.
    std::size_t rows = 0;
    for (std::size_t i = 0; i < model.scenarios.size(); ++i) {
      rows += (i == 0 || model.scenarios[i].trade != model.scenarios[i - 1].trade) ? 3 : 2;
    }
    const float content = static_cast<float>(rows) * ImGui::GetTextLineHeightWithSpacing() +
                          2.0f * ImGui::GetStyle().WindowPadding.y;
    const float listHeight = std::max(120.0f, std::min(r.height * 0.42f, content));
    if (ImGui::BeginChild("##scenario_list", ImVec2(0.0f, listHeight), true)) {
      std::string currentTrade;
      for (std::size_t i = 0; i < model.scenarios.size(); ++i) {
        const ScenarioEntry& s = model.scenarios[i];
        if (i == 0 || s.trade != currentTrade) {
          currentTrade = s.trade;
          // The machine's own name, never its key (a new user saw "overhead_crane" in zh-CN).
          const std::string& trade = chinese ? s.tradeTitleZh : s.tradeTitleEn;
          ImGui::TextColored(kGreen, "%s", (trade.empty() ? s.trade : trade).c_str());
        }
        const std::string& first = chinese ? s.titleZh : s.titleEn;
        const std::string& second = chinese ? s.titleEn : s.titleZh;
        const std::string label =
            "  " + first + "  /  " + second + "##scenario" + std::to_string(i);
        if (ImGui::Selectable(label.c_str(), mSelected == i)) {
          mSelected = i;
        }
        const std::string& standard =
            chinese && !s.standardTitleZh.empty() ? s.standardTitleZh : s.standardTitle;
        ImGui::TextColored(kDim, "      %s: %s", text.text("start.standard").c_str(),
                           (standard.empty() ? s.standardId : standard).c_str());
      }
    }
    ImGui::EndChild();
    if (mSelected) {
      drawScenarioDetails(model.scenarios[*mSelected], text);
    }
    actions.edit = drawBrokenScenarios(model.broken, text);

    ImGui::TextUnformatted(text.text("start.mode").c_str());
    ImGui::SameLine();
    if (ImGui::RadioButton(text.text("mode.practice").c_str(), mMode == AttemptMode::Practice)) {
      mMode = AttemptMode::Practice;
    }
    ImGui::SameLine();
    if (ImGui::RadioButton(text.text("mode.exam").c_str(), mMode == AttemptMode::Exam)) {
      mMode = AttemptMode::Exam;
    }

    const bool ready = mSelected.has_value() && !blank(mTraineeId);
    ImGui::BeginDisabled(!ready);
    if (ImGui::Button(text.text("start.start").c_str(), ImVec2(160.0f, 36.0f)) && ready) {
      actions.start = StartRequest{*mSelected, mMode, mTraineeId};
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (!ready) {
      ImGui::TextColored(
          kDim, "%s",
          text.text(blank(mTraineeId) ? "start.enter_id" : "start.choose_scenario").c_str());
      ImGui::SameLine();
    }
    ImGui::BeginDisabled(!mSelected.has_value());
    if (ImGui::Button(text.text("edit.start_edit").c_str(), ImVec2(100.0f, 36.0f)) && mSelected) {
      actions.edit = model.scenarios[*mSelected].path;
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::SetCursorPosX(ImGui::GetWindowContentRegionMax().x - 100.0f);
    actions.quit = ImGui::Button(text.text("start.quit").c_str(), ImVec2(100.0f, 36.0f));

    drawCourses(model, text, actions);

    ImGui::Separator();
    ImGui::TextUnformatted(text.text("start.previous").c_str());
    if (model.attempts.empty()) {
      ImGui::TextColored(kDim, "%s", text.text("start.no_attempts").c_str());
    } else if (ImGui::BeginTable("##attempts", 5,
                                 ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg |
                                     ImGuiTableFlags_ScrollY)) {
      ImGui::TableSetupColumn(text.text("start.date").c_str());
      ImGui::TableSetupColumn(text.text("start.scenario").c_str());
      ImGui::TableSetupColumn(text.text("start.mode").c_str());
      ImGui::TableSetupColumn(text.text("start.score").c_str());
      ImGui::TableSetupColumn(text.text("start.result").c_str());
      ImGui::TableHeadersRow();
      for (const PreviousAttempt& a : model.attempts) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(a.when.c_str());
        ImGui::TableNextColumn();
        const std::string& title = chinese ? a.titleZh : a.titleEn;
        ImGui::TextUnformatted(title.empty() ? a.scenarioId.c_str() : title.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(
            text.text(a.mode == AttemptMode::Practice ? "mode.practice" : "mode.exam").c_str());
        ImGui::TableNextColumn();
        if (a.abandoned) {
          ImGui::TextColored(kDim, "-");
          ImGui::TableNextColumn();
          ImGui::TextColored(kDim, "%s", text.text("start.abandoned").c_str());
          continue;
        }
        ImGui::Text("%s / %s", formatPoints(a.score).c_str(), formatPoints(a.maxScore).c_str());
        ImGui::TableNextColumn();
        ImGui::TextColored(a.passed ? kGreen : kRed, "%s",
                           text.text(a.passed ? "start.passed" : "start.failed").c_str());
      }
      ImGui::EndTable();
    }
  }
  ImGui::End();
  return actions;
}

} // namespace skillsim::ui
