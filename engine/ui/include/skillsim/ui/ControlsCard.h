#pragma once

#include "skillsim/ui/I18n.h"
#include "skillsim/ui/Language.h"

#include <skillsim/core/Controls.h>
#include <skillsim/platform/Bindings.h>

#include <string>
#include <vector>

namespace skillsim::ui {

/** One line of the controls card: what it does, its keys, its gamepad control. */
struct ControlsCardRow {
  std::string label;   ///< The control's trade name, or the command's, in the UI language.
  std::string keys;    ///< "W / S" (increase / decrease) for an axis, "H" for a button; "" unbound.
  std::string gamepad; ///< The gamepad control in plain words ("left stick up/down"); "" unbound.
};

/** The controls card: the machine's controls in declaration order, then the commands. */
struct ControlsCard {
  std::vector<ControlsCardRow> controls;
  std::vector<ControlsCardRow> commands;
  std::string helpKey; ///< The key that opens and closes the card ("F1"); "" unbound.
};

/**
 * The card for one machine and the bindings in effect (declared defaults or a station's file):
 * every declared control (core::ControlDecl::nameZh / nameEn), with every key bound to it
 * (two keys for an axis: increase / decrease, joined by " / "; several bindings by ", "), and its
 * gamepad control when the gamepad is enabled, named by `text` ("pad.<name>"). Then the
 * workstation commands that are bound, labelled "card.cmd.<command name>". Generic: nothing of
 * any machine is written here.
 */
[[nodiscard]] ControlsCard makeControlsCard(const core::ControlLayout& controls,
                                            const platform::Bindings& bindings, const I18n& text);

} // namespace skillsim::ui
