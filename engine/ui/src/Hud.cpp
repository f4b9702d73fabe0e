#include "skillsim/ui/Hud.h"

#include "skillsim/core/Check.h"
#include "skillsim/ui/Format.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>

namespace skillsim::ui {
namespace {

constexpr float kMargin = 10.0f;
constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                                         ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse |
                                         ImGuiWindowFlags_NoSavedSettings |
                                         ImGuiWindowFlags_NoFocusOnAppearing;

const ImVec4 kRed{0.95f, 0.30f, 0.25f, 1.0f};
const ImVec4 kGreen{0.35f, 0.85f, 0.40f, 1.0f};
const ImVec4 kAmber{1.0f, 0.75f, 0.20f, 1.0f};
const ImVec4 kDim{0.65f, 0.65f, 0.65f, 1.0f};

bool beginPanel(const char* id, const ScreenRect& r) {
  ImGui::SetNextWindowPos(ImVec2(r.x, r.y), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(r.width, r.height), ImGuiCond_Always);
  ImGui::SetNextWindowBgAlpha(0.72f);
  return ImGui::Begin(id, nullptr, kPanelFlags);
}

/**
 * A panel anchored at the bottom of `r` that grows upwards to hold `rows` lines (a machine may
 * declare more controls and readouts than the rect holds); never smaller than `r`. Sized from the
 * row count, not by ImGui's auto-resize, so the first frame (a screenshot) already shows it.
 */
bool beginGrowingPanel(const char* id, const ScreenRect& r, int rows) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float needed = static_cast<float>(rows) * ImGui::GetTextLineHeightWithSpacing() +
                       2.0f * style.WindowPadding.y;
  const float height = std::max(r.height, needed);
  ImGui::SetNextWindowPos(ImVec2(r.x, r.y + r.height - height), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(r.width, height), ImGuiCond_Always);
  ImGui::SetNextWindowBgAlpha(0.72f);
  return ImGui::Begin(id, nullptr, kPanelFlags);
}

/** A row of 2n+1 cells with the current notch filled; 0 in the middle. */
void notchIndicator(const char* label, const HudNotch& n) {
  const int count = std::max(1, n.notchCount);
  const int notch = std::clamp(n.notch, -count, count);
  ImGui::TextUnformatted(label);
  ImGui::SameLine(118.0f);
  char value[16];
  std::snprintf(value, sizeof value, "%+d", notch);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float cell = 12.0f;
  const float gap = 2.0f;
  for (int i = -count; i <= count; ++i) {
    const float x = origin.x + static_cast<float>(i + count) * (cell + gap);
    const ImVec2 a(x, origin.y + 2.0f);
    const ImVec2 b(x + cell, origin.y + 2.0f + cell);
    const bool lit = (notch > 0 && i > 0 && i <= notch) || (notch < 0 && i < 0 && i >= notch);
    const ImU32 fill = lit ? ImGui::GetColorU32(notch > 0 ? kGreen : kAmber)
                           : ImGui::GetColorU32(ImVec4(0.25f, 0.25f, 0.25f, 1.0f));
    draw->AddRectFilled(a, b, i == 0 ? ImGui::GetColorU32(ImVec4(0.8f, 0.8f, 0.8f, 1.0f)) : fill);
  }
  const float width = static_cast<float>(2 * count + 1) * (cell + gap);
  ImGui::Dummy(ImVec2(width, cell + 4.0f));
  ImGui::SameLine();
  ImGui::TextUnformatted(value);
}

/**
 * Height of the deductions panel for `model`'s entries at `width` pixels, never more than
 * `maxHeight` (then the panel scrolls): the title, the separator, each veto and deduction with
 * its reason wrapped as drawHud wraps it. Computed before drawing, so the first frame (a
 * screenshot) already has the right size.
 */
float deductionsHeight(const HudModel& model, const I18n& text, float width, float maxHeight) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float line = ImGui::GetTextLineHeight();
  const float content = width - 2.0f * style.WindowPadding.x;
  float height = 2.0f * style.WindowPadding.y + line + style.ItemSpacing.y; // title
  height += style.ItemSpacing.y + 1.0f;                                     // separator
  const auto wrapped = [&](const std::string& s, float indent) {
    const float wrap = std::max(content - indent, 8.0f * ImGui::GetFontSize());
    return std::max(line, ImGui::CalcTextSize(s.c_str(), nullptr, false, wrap).y) +
           style.ItemSpacing.y;
  };
  for (const std::string& veto : model.vetoes) {
    height += wrapped(text.text("hud.veto") + ": " + veto, 0.0f);
  }
  if (model.deductions.empty() && model.vetoes.empty()) {
    height += line + style.ItemSpacing.y;
  }
  for (const HudDeduction& d : model.deductions) {
    const std::string prefix =
        formatClock(d.time) + "  -" + formatPoints(d.points) + " " + text.text("hud.points");
    height += wrapped(d.reason, ImGui::CalcTextSize(prefix.c_str()).x + style.ItemSpacing.x);
  }
  return std::min(maxHeight, std::ceil(height));
}

} // namespace

HudLayout hudLayout(float width, float height) {
  SKILLSIM_CHECK(width > 0.0f && height > 0.0f, "display size must be positive");
  HudLayout l;
  const float timerWidth = 320.0f;
  l.timer = {(width - timerWidth) * 0.5f, kMargin, timerWidth, 116.0f}; // 4 lines, one large
  const float sideWidth = std::min(380.0f, width * 0.3f);
  l.deductions = {width - sideWidth - kMargin, kMargin, sideWidth, std::min(height * 0.5f, 340.0f)};
  l.task = {kMargin, kMargin, std::min(360.0f, width * 0.3f), std::min(height * 0.45f, 320.0f)};
  const float readoutHeight = 150.0f;
  l.readout = {kMargin, height - readoutHeight - kMargin, 360.0f, readoutHeight};
  const float sessionWidth = 300.0f;
  l.session = {width - sessionWidth - kMargin, height - 56.0f - kMargin, sessionWidth, 56.0f};
  return l;
}

HudActions drawHud(const HudModel& model, const I18n& text) {
  SKILLSIM_CHECK(ImGui::GetCurrentContext() != nullptr, "drawHud needs a current ImGui frame");
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const HudLayout layout = hudLayout(std::max(display.x, 1.0f), std::max(display.y, 1.0f));
  const bool practice = model.mode == AttemptMode::Practice;
  HudActions actions;

  // Timer: mode, time, target time and running score.
  if (beginPanel("##hud_timer", layout.timer)) {
    ImGui::TextColored(kDim, "%s  %s", text.text(practice ? "mode.practice" : "mode.exam").c_str(),
                       model.scenarioTitle.c_str());
    const bool over =
        model.targetTime && model.targetElapsed.value_or(model.elapsed) > *model.targetTime;
    ImGui::SetWindowFontScale(1.6f);
    ImGui::TextColored(over ? kAmber : ImVec4(1, 1, 1, 1), "%s %s", text.text("hud.time").c_str(),
                       formatClock(model.elapsed).c_str());
    ImGui::SetWindowFontScale(1.0f);
    if (model.targetTime) {
      ImGui::Text("%s %s%s%s", text.text("hud.target_time").c_str(),
                  formatClock(*model.targetTime).c_str(), over ? "  " : "",
                  over ? text.text("hud.overtime").c_str() : "");
    }
    ImGui::Text("%s %s / %s", text.text("hud.score").c_str(), formatPoints(model.score).c_str(),
                formatPoints(model.maxScore).c_str());
  }
  ImGui::End();

  // Live deductions, newest last, and any veto in red.
  // Sized to its entries, at most the layout's rect (then it scrolls, newest in view).
  ScreenRect deductionsRect = layout.deductions;
  deductionsRect.height =
      deductionsHeight(model, text, deductionsRect.width, layout.deductions.height);
  if (beginPanel("##hud_deductions", deductionsRect)) {
    ImGui::TextUnformatted(text.text("hud.deductions").c_str());
    ImGui::Separator();
    for (const std::string& veto : model.vetoes) {
      ImGui::TextColored(kRed, "%s: %s", text.text("hud.veto").c_str(), veto.c_str());
    }
    if (model.deductions.empty() && model.vetoes.empty()) {
      ImGui::TextColored(kDim, "%s", text.text("hud.no_deductions").c_str());
    }
    for (const HudDeduction& d : model.deductions) {
      ImGui::TextColored(kAmber, "%s  -%s %s", formatClock(d.time).c_str(),
                         formatPoints(d.points).c_str(), text.text("hud.points").c_str());
      ImGui::SameLine();
      ImGui::TextWrapped("%s", d.reason.c_str());
    }
    if (!model.deductions.empty() && ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 1.0f) {
      ImGui::SetScrollHereY(1.0f);
    }
  }
  ImGui::End();

  // Task steps and hint: a practice aid, never shown in an exam.
  if (practice && (!model.steps.empty() || !model.hint.empty())) {
    if (beginPanel("##hud_task", layout.task)) {
      ImGui::TextUnformatted(text.text("hud.task").c_str());
      ImGui::Separator();
      for (std::size_t i = 0; i < model.steps.size(); ++i) {
        const HudStep& s = model.steps[i];
        const ImVec4 colour =
            s.done ? kDim : (i == model.currentStep ? kGreen : ImVec4(1, 1, 1, 1));
        // A done step gets a drawn tick (no letter standing in for it, in any language).
        if (s.done) {
          const ImVec2 at = ImGui::GetCursorScreenPos();
          const float e = ImGui::GetFontSize();
          const ImVec2 tick[3] = {ImVec2(at.x + 0.10f * e, at.y + 0.50f * e),
                                  ImVec2(at.x + 0.35f * e, at.y + 0.78f * e),
                                  ImVec2(at.x + 0.80f * e, at.y + 0.20f * e)};
          ImGui::GetWindowDrawList()->AddPolyline(tick, 3, ImGui::GetColorU32(kGreen), 0, 2.0f);
        }
        ImGui::TextColored(colour, "%s %zu. ", s.done || i != model.currentStep ? " " : ">", i + 1);
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, colour);
        ImGui::TextWrapped("%s", s.text.c_str());
        ImGui::PopStyleColor();
      }
      if (!model.hint.empty()) {
        ImGui::Separator();
        ImGui::TextColored(kAmber, "%s:", text.text("hud.hint").c_str());
        ImGui::TextWrapped("%s", model.hint.c_str());
      }
    }
    ImGui::End();
  }

  // Readouts: notches, load height, swing, view.
  int rows = 3; // heading, readout values, view
  for (const HudControl& c : model.controls) {
    rows += c.kind != core::ControlKind::Button || c.held ? 1 : 0;
  }
  for (const HudReadout& r : model.readouts) {
    rows += r.unit == sim::Unit::Flag && r.value > 0.5 ? 1 : 0;
  }
  rows += model.notice.empty() ? 0 : 3;
  if (beginGrowingPanel("##hud_readout", layout.readout, rows)) {
    ImGui::TextColored(kDim, "%s", text.text("hud.controllers").c_str());
    for (const HudControl& c : model.controls) {
      switch (c.kind) {
      case core::ControlKind::Notched: notchIndicator(c.label.c_str(), c.notch); break;
      case core::ControlKind::Continuous:
        ImGui::TextUnformatted(c.label.c_str());
        ImGui::SameLine(118.0f);
        ImGui::ProgressBar(0.5f * (c.value + 1.0f), ImVec2(120.0f, 0.0f), "");
        ImGui::SameLine();
        ImGui::Text("%+.2f", static_cast<double>(c.value));
        break;
      case core::ControlKind::HoldToEnable:
        ImGui::TextColored(c.held ? kGreen : kDim, "%s: %s", c.label.c_str(),
                           text.text(c.held ? "hud.held" : "hud.released").c_str());
        break;
      case core::ControlKind::Button:
        if (c.held) {
          ImGui::TextColored(kGreen, "%s", c.label.c_str());
        }
        break;
      }
    }
    // Readouts on one wrapped line ("load height 0.73 m   load swing 0.9°"), flags that are on
    // after them in green, so the panel keeps its size whatever the machine declares.
    std::string values;
    std::string flags;
    for (const HudReadout& r : model.readouts) {
      if (r.unit == sim::Unit::Flag) {
        if (r.value > 0.5) {
          flags += (flags.empty() ? "" : "   ") + r.label;
        }
        continue;
      }
      values += (values.empty() ? "" : "   ") + r.label + " " +
                (r.word.empty() ? formatQuantity(r.value, r.unit, r.precision, text) : r.word);
    }
    if (!values.empty()) {
      ImGui::TextWrapped("%s", values.c_str());
    }
    if (!flags.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, kGreen);
      ImGui::TextWrapped("%s", flags.c_str());
      ImGui::PopStyleColor();
    }
    ImGui::Text("%s: %s", text.text("hud.view").c_str(), model.cameraName.c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton(">##next_camera")) {
      actions.nextCamera = true;
    }
    if (!model.notice.empty()) {
      // Wrapped inside the panel (it keeps 3 rows for it): an English notice ran past its edge.
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextColored(kAmber, "%s", model.notice.c_str());
      ImGui::PopTextWrapPos();
    }
  }
  ImGui::End();

  // Pause / resume / restart: practice only (an exam is one uninterrupted attempt).
  if (practice) {
    if (beginPanel("##hud_session", layout.session)) {
      if (model.paused) {
        ImGui::TextColored(kAmber, "%s", text.text("hud.paused").c_str());
        ImGui::SameLine();
        actions.resume = ImGui::Button(text.text("hud.resume").c_str());
      } else {
        actions.pause = ImGui::Button(text.text("hud.pause").c_str());
      }
      ImGui::SameLine();
      actions.restart = ImGui::Button(text.text("hud.restart").c_str());
    }
    ImGui::End();
  }
  return actions;
}

} // namespace skillsim::ui
