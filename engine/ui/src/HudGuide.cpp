#include "skillsim/ui/HudGuide.h"

#include "skillsim/core/Check.h"
#include "skillsim/ui/Format.h"
#include "skillsim/ui/Hud.h"

#include <imgui.h>

#include <algorithm>
#include <array>

namespace skillsim::ui {
namespace {

constexpr ImGuiWindowFlags kPanelFlags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                                         ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse |
                                         ImGuiWindowFlags_NoSavedSettings |
                                         ImGuiWindowFlags_NoFocusOnAppearing;
const ImVec4 kRed{0.95f, 0.30f, 0.25f, 1.0f};
const ImVec4 kAmber{1.0f, 0.75f, 0.20f, 1.0f};
const ImVec4 kDim{0.65f, 0.65f, 0.65f, 1.0f};

constexpr std::array<std::string_view, 51> kGuideKeys = {"start_info.language",
                                                         "start_info.limits",
                                                         "start_info.no_limit",
                                                         "start_info.broken",
                                                         "device.connected",
                                                         "device.disconnected",
                                                         "device.missing",
                                                         "device.no_mapping",
                                                         "camera.fixed",
                                                         "camera.operator_cab",
                                                         "camera.overhead",
                                                         "camera.orbit",
                                                         "camera.follow",
                                                         "guide.clock_waits",
                                                         "guide.phase_time",
                                                         "guide.target_reached",
                                                         "guide.stop_soon",
                                                         "guide.stop_time_limit",
                                                         "guide.stop_time_rule",
                                                         "card.title",
                                                         "card.control",
                                                         "card.command",
                                                         "card.keyboard",
                                                         "card.gamepad",
                                                         "card.close",
                                                         "card.cmd.neutral",
                                                         "card.cmd.next_camera",
                                                         "card.cmd.pause",
                                                         "card.cmd.quit",
                                                         "card.cmd.controls_help",
                                                         "pad.left_x",
                                                         "pad.left_y",
                                                         "pad.right_x",
                                                         "pad.right_y",
                                                         "pad.left_trigger",
                                                         "pad.right_trigger",
                                                         "pad.a",
                                                         "pad.b",
                                                         "pad.x",
                                                         "pad.y",
                                                         "pad.left_bumper",
                                                         "pad.right_bumper",
                                                         "pad.back",
                                                         "pad.start",
                                                         "pad.guide",
                                                         "pad.left_thumb",
                                                         "pad.right_thumb",
                                                         "pad.dpad_up",
                                                         "pad.dpad_right",
                                                         "pad.dpad_down",
                                                         "pad.dpad_left"};

} // namespace

std::span<const std::string_view> guideTextKeys() { return kGuideKeys; }

std::string toastText(const sim::EventFeedback& feedback, const sim::SimEvent& event,
                      Language language, const I18n* units) {
  const std::string& pattern =
      language == Language::ChineseSimplified ? feedback.toastZh : feedback.toastEn;
  const auto quantity = [&](double v) {
    return units != nullptr ? formatQuantity(v, feedback.unit, feedback.precision, *units)
                            : formatQuantity(v, feedback.unit, feedback.precision);
  };
  const std::array<std::pair<std::string_view, std::string>, 2> values{
      {{"value", quantity(event.value)}, {"limit", quantity(event.limit)}}};
  return fillTemplate(pattern, values);
}

std::vector<sim::FeedbackCue> ToastQueue::add(const sim::MachineDecl& machine,
                                              std::span<const sim::SimEvent> events, double now,
                                              Language language, const I18n* units) {
  std::vector<sim::FeedbackCue> cues;
  for (const sim::SimEvent& e : events) {
    if (e.kind != sim::SimEventKind::Machine) {
      continue;
    }
    const auto decl = std::find_if(machine.events.begin(), machine.events.end(),
                                   [&](const sim::EventDecl& d) { return d.name == e.name; });
    if (decl == machine.events.end()) {
      continue;
    }
    const std::string text = toastText(decl->feedback, e, language, units);
    if (!text.empty()) {
      mToasts.push_back({text, now});
    }
    if (decl->feedback.cue != sim::FeedbackCue::None) {
      cues.push_back(decl->feedback.cue);
    }
  }
  while (!mToasts.empty() && now - mToasts.front().shownAt > kShownFor) {
    mToasts.pop_front();
  }
  return cues;
}

std::vector<std::string> ToastQueue::shown(double now) const {
  std::vector<std::string> out;
  for (const Toast& t : mToasts) {
    if (now - t.shownAt <= kShownFor && now >= t.shownAt) {
      out.push_back(t.text);
    }
  }
  if (out.size() > kMaxShown) {
    out.erase(out.begin(), out.end() - static_cast<std::ptrdiff_t>(kMaxShown));
  }
  return out;
}

std::string deviceStatusText(const platform::DeviceStatus& status, const I18n& text) {
  using K = platform::DeviceStatus::Kind;
  const char* key = status.kind == K::Connected      ? "device.connected"
                    : status.kind == K::Disconnected ? "device.disconnected"
                    : status.kind == K::Missing      ? "device.missing"
                                                     : "device.no_mapping";
  const std::array<std::pair<std::string_view, std::string>, 2> v{
      {{"name", status.name}, {"slot", std::to_string(status.slot)}}};
  return fillTemplate(text.text(key), v);
}

std::vector<std::string> cameraLabels(std::span<const sim::CameraSpec> cameras, const I18n& text) {
  using K = sim::CameraSpec::Kind;
  auto key = [](K kind) {
    switch (kind) {
    case K::Fixed: return "camera.fixed";
    case K::OperatorCab: return "camera.operator_cab";
    case K::Overhead: return "camera.overhead";
    case K::Orbit: return "camera.orbit";
    case K::Follow: return "camera.follow";
    }
    return "camera.fixed";
  };
  std::vector<std::string> out;
  for (std::size_t i = 0; i < cameras.size(); ++i) {
    const auto same = [&](const sim::CameraSpec& c) { return c.kind == cameras[i].kind; };
    const auto count = std::count_if(cameras.begin(), cameras.end(), same);
    const auto index =
        std::count_if(cameras.begin(), cameras.begin() + static_cast<std::ptrdiff_t>(i), same);
    std::string label = text.text(key(cameras[i].kind));
    if (count > 1) {
      // (append, not operator+: GCC 12's -Wrestrict misfires on " " + std::to_string)
      label.push_back(' ');
      label.append(std::to_string(index + 1));
    }
    out.push_back(std::move(label));
  }
  return out;
}

std::string clockWarningText(const ClockReading& clock, const I18n& text) {
  switch (clock.warning) {
  case ClockWarning::None: return {};
  case ClockWarning::TargetReached: {
    const std::array<std::pair<std::string_view, std::string>, 1> v{
        {{"target", formatClock(clock.target.value_or(0.0))}}};
    return fillTemplate(text.text("guide.target_reached"), v);
  }
  case ClockWarning::StopSoon: {
    const double left = std::max(0.0, clock.stopAt.value_or(0.0) - clock.phaseElapsed);
    const std::array<std::pair<std::string_view, std::string>, 2> v{
        {{"left", formatQuantity(left, sim::Unit::Second, 0, text)},
         {"stop", formatClock(clock.stopAt.value_or(0.0))}}};
    return fillTemplate(text.text("guide.stop_soon"), v);
  }
  }
  return {};
}

HudGuideActions drawHudGuide(const HudGuideModel& model, const I18n& text) {
  SKILLSIM_CHECK(ImGui::GetCurrentContext() != nullptr, "drawHudGuide needs a current ImGui frame");
  HudGuideActions actions;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float width = 420.0f;
  const float x = std::max(0.0f, (display.x - width) * 0.5f);
  // Under the timer (hudLayout's timer rect), 6 px apart.
  const ScreenRect timer = hudLayout(std::max(display.x, 1.0f), std::max(display.y, 1.0f)).timer;
  const float y = timer.y + timer.height + 6.0f;
  const std::string warning = clockWarningText(model.clock, text);
  const bool clockKnown = model.clock.target.has_value() || !model.clock.started;
  if (!warning.empty() || !model.toasts.empty() || clockKnown) {
    // Sized from its text, not by ImGui's auto-resize, so the first frame (a screenshot) shows it.
    const ImGuiStyle& style = ImGui::GetStyle();
    const float wrap = width - 2.0f * style.WindowPadding.x;
    const float line = ImGui::GetTextLineHeightWithSpacing();
    float height = 2.0f * style.WindowPadding.y + line; // the clock line
    if (!warning.empty()) {
      height += 1.3f * ImGui::CalcTextSize(warning.c_str(), nullptr, false, wrap / 1.3f).y +
                style.ItemSpacing.y;
    }
    for (const std::string& t : model.toasts) {
      height += ImGui::CalcTextSize(t.c_str(), nullptr, false, wrap).y + style.ItemSpacing.y;
    }
    ImGui::SetNextWindowPos(ImVec2(x, y), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(width, height), ImGuiCond_Always);
    ImGui::SetNextWindowBgAlpha(0.72f);
    if (ImGui::Begin("##hud_guide", nullptr, kPanelFlags)) {
      if (!model.clock.started) {
        ImGui::TextColored(kDim, "%s", text.text("guide.clock_waits").c_str());
      } else if (model.clock.target) {
        ImGui::TextColored(kDim, "%s %s / %s", text.text("guide.phase_time").c_str(),
                           formatClock(model.clock.phaseElapsed).c_str(),
                           formatClock(*model.clock.target).c_str());
      }
      if (!warning.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text,
                              model.clock.warning == ClockWarning::StopSoon ? kRed : kAmber);
        ImGui::SetWindowFontScale(1.3f);
        ImGui::TextWrapped("%s", warning.c_str());
        ImGui::SetWindowFontScale(1.0f);
        ImGui::PopStyleColor();
      }
      for (const std::string& t : model.toasts) {
        ImGui::TextWrapped("%s", t.c_str());
      }
    }
    ImGui::End();
  }

  // The controls button, bottom centre.
  const std::string button =
      text.text("card.title") + (model.card.helpKey.empty() ? "" : " (" + model.card.helpKey + ")");
  const ImVec2 buttonSize(ImGui::CalcTextSize(button.c_str()).x + 40.0f,
                          ImGui::GetFrameHeight() + 2.0f * ImGui::GetStyle().WindowPadding.y);
  ImGui::SetNextWindowPos(
      ImVec2(std::max(0.0f, (display.x - buttonSize.x) * 0.5f), display.y - buttonSize.y - 10.0f),
      ImGuiCond_Always);
  ImGui::SetNextWindowSize(buttonSize, ImGuiCond_Always);
  ImGui::SetNextWindowBgAlpha(0.72f);
  if (ImGui::Begin("##hud_card_button", nullptr, kPanelFlags)) {
    actions.toggleCard = ImGui::Button((button + "##card").c_str());
  }
  ImGui::End();

  if (model.showCard) {
    // Below the clock's banner (which stays readable) and above the controls button.
    const float cw = std::min(640.0f, display.x - 40.0f);
    const float ch = std::max(100.0f, std::min(480.0f, display.y - 260.0f));
    ImGui::SetNextWindowPos(ImVec2((display.x - cw) * 0.5f, 200.0f), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(cw, ch), ImGuiCond_Always);
    ImGui::SetNextWindowBgAlpha(0.9f);
    const std::string title = text.text("card.title") + "###controls_card";
    if (ImGui::Begin(title.c_str(), nullptr,
                     ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                         ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
      const ImGuiTableFlags flags =
          ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
      for (const auto* rows : {&model.card.controls, &model.card.commands}) {
        if (ImGui::BeginTable(rows == &model.card.controls ? "##card_controls" : "##card_commands",
                              3, flags)) {
          ImGui::TableSetupColumn(
              text.text(rows == &model.card.controls ? "card.control" : "card.command").c_str());
          ImGui::TableSetupColumn(text.text("card.keyboard").c_str());
          ImGui::TableSetupColumn(text.text("card.gamepad").c_str());
          ImGui::TableHeadersRow();
          for (const ControlsCardRow& r : *rows) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", r.label.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.keys.empty() ? "-" : r.keys.c_str());
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", r.gamepad.empty() ? "-" : r.gamepad.c_str());
          }
          ImGui::EndTable();
        }
        ImGui::Spacing();
      }
      actions.toggleCard = ImGui::Button(text.text("card.close").c_str()) || actions.toggleCard;
    }
    ImGui::End();
  }
  return actions;
}

} // namespace skillsim::ui
