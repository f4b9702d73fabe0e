#include "skillsim/ui/MachinePanel.h"

#include "skillsim/core/Check.h"
#include "skillsim/ui/HudGuide.h"

#include <imgui.h>

#include <algorithm>

namespace skillsim::ui {
namespace {

bool heldIn(const core::ControlLayout& controls, const core::ActionState& actions,
            const sim::PanelButton& b) {
  if (auto bit = controls.buttonBit(b.control)) {
    return actions.button(*bit);
  }
  if (auto slot = controls.axisSlot(b.control)) {
    const float v = actions.axis(*slot);
    return b.axisValue != 0.0f && (v * b.axisValue) > 0.0f;
  }
  return false;
}

PanelButtonModel buttonModel(const sim::PanelButton& b, bool zh, const core::ControlLayout& c,
                             const core::ActionState& a) {
  std::string label = zh ? b.labelZh : b.labelEn;
  if (label.empty()) {
    if (const core::ControlDecl* decl = c.find(b.control)) {
      label = zh ? decl->nameZh : decl->nameEn;
    }
  }
  return {std::move(label), b.control, b.axisValue, heldIn(c, a, b), false};
}

} // namespace

void fillPanel(PanelModel& model, const sim::MachineDecl& machine, const sim::PanelState& state,
               const core::ActionState& actions, Language language) {
  model = {};
  const sim::PanelDecl& p = machine.panel;
  model.present = p.present();
  if (!model.present) {
    return;
  }
  const bool zh = language == Language::ChineseSimplified;
  model.title = zh ? p.titleZh : p.titleEn;
  for (std::size_t s = 0; s < p.selectors.size(); ++s) {
    PanelGroupModel g{zh ? p.selectors[s].titleZh : p.selectors[s].titleEn, {}};
    const int current = s < state.selected.size() ? state.selected[s] : -1;
    for (std::size_t o = 0; o < p.selectors[s].options.size(); ++o) {
      PanelButtonModel b = buttonModel(p.selectors[s].options[o], zh, machine.controls, actions);
      b.selected = static_cast<int>(o) == current;
      g.buttons.push_back(std::move(b));
    }
    model.selectors.push_back(std::move(g));
  }
  for (const sim::PanelGroup& group : p.groups) {
    PanelGroupModel g{zh ? group.titleZh : group.titleEn, {}};
    for (const sim::PanelButton& b : group.buttons) {
      g.buttons.push_back(buttonModel(b, zh, machine.controls, actions));
    }
    model.groups.push_back(std::move(g));
  }
  model.linesTitle = zh ? p.linesTitleZh : p.linesTitleEn;
  model.lines = state.lines;
  model.currentLine =
      state.currentLine >= 0 && static_cast<std::size_t>(state.currentLine) < state.lines.size()
          ? state.currentLine
          : -1;
  if (state.message) {
    const auto decl =
        std::find_if(machine.events.begin(), machine.events.end(),
                     [&](const sim::EventDecl& d) { return d.name == state.message->name; });
    if (decl != machine.events.end()) {
      model.message = toastText(decl->feedback, *state.message, language);
      if (model.message.empty()) {
        model.message = zh ? decl->labelZh : decl->labelEn;
      }
    }
  }
}

ScreenRect panelRect(float width, float height) {
  constexpr float kMargin = 10.0f;
  const float sideWidth = std::min(380.0f, width * 0.3f);
  const float top = kMargin + std::min(height * 0.5f, 340.0f) + kMargin; // under the deductions
  const float bottom = height - 56.0f - 2.0f * kMargin;                  // above the session row
  return {width - sideWidth - kMargin, top, sideWidth, std::max(bottom - top, 120.0f)};
}

std::vector<PanelPress> drawPanel(const PanelModel& model) {
  SKILLSIM_CHECK(ImGui::GetCurrentContext() != nullptr, "drawPanel needs a current ImGui frame");
  std::vector<PanelPress> presses;
  if (!model.present) {
    return presses;
  }
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const ScreenRect rect = panelRect(std::max(display.x, 1.0f), std::max(display.y, 1.0f));
  ImGui::SetNextWindowPos(ImVec2(rect.x, rect.y), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(rect.width, rect.height), ImGuiCond_Always);
  ImGui::SetNextWindowBgAlpha(0.80f);
  constexpr ImGuiWindowFlags flags =
      ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse |
      ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing;
  const std::string windowId = model.title + "##machine_panel";
  if (ImGui::Begin(windowId.c_str(), nullptr, flags)) {
    const ImVec4 on{0.20f, 0.55f, 0.25f, 1.0f};
    int id = 0;
    auto row = [&](const PanelGroupModel& g) {
      ImGui::TextUnformatted(g.title.c_str());
      float used = 0.0f;
      const float avail = ImGui::GetContentRegionAvail().x;
      for (const PanelButtonModel& b : g.buttons) {
        const float w =
            ImGui::CalcTextSize(b.label.c_str()).x + 2.0f * ImGui::GetStyle().FramePadding.x;
        if (used > 0.0f && used + w <= avail) {
          ImGui::SameLine();
        } else {
          used = 0.0f;
        }
        used += w + ImGui::GetStyle().ItemSpacing.x;
        ImGui::PushID(id++);
        const bool mark = b.selected || b.held;
        if (mark) {
          ImGui::PushStyleColor(ImGuiCol_Button, on);
        }
        ImGui::Button(b.label.c_str());
        if (mark) {
          ImGui::PopStyleColor();
        }
        if (ImGui::IsItemActive() && !b.control.empty()) {
          presses.push_back({b.control, b.axisValue});
        }
        ImGui::PopID();
      }
    };
    for (const PanelGroupModel& s : model.selectors) {
      row(s);
    }
    ImGui::Separator();
    for (const PanelGroupModel& g : model.groups) {
      row(g);
    }
    ImGui::Separator();
    if (!model.linesTitle.empty()) {
      ImGui::TextUnformatted(model.linesTitle.c_str());
    }
    for (std::size_t i = 0; i < model.lines.size(); ++i) {
      const bool current = static_cast<int>(i) == model.currentLine;
      ImGui::TextColored(current ? ImVec4(1.0f, 0.85f, 0.30f, 1.0f) : ImVec4(1, 1, 1, 1), "%s %s",
                         current ? ">" : " ", model.lines[i].c_str());
    }
    if (!model.message.empty()) {
      ImGui::Separator();
      ImGui::TextWrapped("%s", model.message.c_str());
    }
  }
  ImGui::End();
  return presses;
}

void PanelInput::hold(std::vector<PanelPress> presses) {
  for (const PanelPress& p : presses) {
    if (std::find(mHeld.begin(), mHeld.end(), p) == mHeld.end() &&
        std::find(mPending.begin(), mPending.end(), p) == mPending.end()) {
      mPending.push_back(p);
    }
  }
  mHeld = std::move(presses);
}

void PanelInput::apply(core::ActionState& actions) {
  auto add = [&](const PanelPress& p) {
    if (auto bit = mLayout.buttonBit(p.control)) {
      actions.setButton(*bit, true);
    } else if (auto slot = mLayout.axisSlot(p.control)) {
      actions.setAxis(*slot, std::clamp(p.axisValue, -1.0f, 1.0f));
    }
  };
  for (const PanelPress& p : mHeld) {
    add(p);
  }
  for (const PanelPress& p : mPending) {
    add(p);
  }
  mPending.clear();
}

void PanelInput::reset() {
  mHeld.clear();
  mPending.clear();
}

} // namespace skillsim::ui
