#include "skillsim/ui/ControlsCard.h"

#include <skillsim/platform/Gamepad.h>
#include <skillsim/platform/Key.h>

namespace skillsim::ui {
namespace {

void join(std::string& to, const std::string& part) { to += (to.empty() ? "" : ", ") + part; }

std::string pad(const I18n& text, std::string_view name) {
  return text.text("pad." + std::string(name));
}

} // namespace

ControlsCard makeControlsCard(const core::ControlLayout& controls,
                              const platform::Bindings& bindings, const I18n& text) {
  ControlsCard card;
  const bool chinese = text.language() == Language::ChineseSimplified;
  for (const core::ControlDecl& c : controls.controls()) {
    ControlsCardRow row;
    row.label = chinese ? c.nameZh : c.nameEn;
    if (auto slot = controls.axisSlot(c.id)) {
      for (const auto& k : bindings.keyAxes) {
        if (k.slot == *slot) {
          join(row.keys, std::string(platform::keyName(k.increase)) +
                             (k.decrease ? " / " + std::string(platform::keyName(*k.decrease))
                                         : std::string()));
        }
      }
      for (const auto& g : bindings.gamepad.axes) {
        if (bindings.gamepad.enabled && g.slot == *slot) {
          join(row.gamepad, pad(text, platform::gamepadAxisName(g.source)));
        }
      }
    } else if (auto bit = controls.buttonBit(c.id)) {
      for (const auto& k : bindings.keyButtons) {
        if (k.bit == *bit) {
          join(row.keys, std::string(platform::keyName(k.key)));
        }
      }
      for (const auto& g : bindings.gamepad.buttons) {
        if (bindings.gamepad.enabled && g.bit == *bit) {
          join(row.gamepad, pad(text, platform::gamepadButtonName(g.source)));
        }
      }
    }
    card.controls.push_back(std::move(row));
  }
  for (std::size_t i = 0; i < static_cast<std::size_t>(platform::Command::Count); ++i) {
    const auto command = static_cast<platform::Command>(i);
    ControlsCardRow row;
    row.label = text.text("card.cmd." + std::string(platform::commandName(command)));
    for (const auto& k : bindings.keyCommands) {
      if (k.command == command) {
        join(row.keys, std::string(platform::keyName(k.key)));
      }
    }
    for (const auto& g : bindings.gamepad.commands) {
      if (bindings.gamepad.enabled && g.command == command) {
        join(row.gamepad, pad(text, platform::gamepadButtonName(g.source)));
      }
    }
    if (command == platform::Command::ControlsHelp) {
      card.helpKey = row.keys;
    }
    if (!row.keys.empty() || !row.gamepad.empty()) {
      card.commands.push_back(std::move(row));
    }
  }
  return card;
}

} // namespace skillsim::ui
