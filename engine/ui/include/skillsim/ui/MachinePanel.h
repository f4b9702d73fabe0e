#pragma once

#include "skillsim/ui/Language.h"
#include "skillsim/ui/ScreenRect.h"

#include <skillsim/core/ActionState.h>
#include <skillsim/core/Controls.h>
#include <skillsim/sim/Machine.h>

#include <string>
#include <vector>

namespace skillsim::ui {

/** One button of the machine panel as drawn: its label in the UI language and what it works. */
struct PanelButtonModel {
  std::string label;
  std::string control;    ///< ControlDecl::id; empty = shown only (a selector option).
  float axisValue = 1.0f; ///< Axis controls: the value held while pressed.
  bool held = false;      ///< Its control is held (or at axisValue) on the last tick.
  bool selected = false;  ///< Selector options: the current one.
};

/** A selector or a group of buttons under its heading. */
struct PanelGroupModel {
  std::string title;
  std::vector<PanelButtonModel> buttons;
};

/**
 * The machine panel for one frame, in the UI language: selectors (the current option marked),
 * groups of buttons, the text lines with the cursor line, and the message line.
 */
struct PanelModel {
  bool present = false; ///< The machine declares a panel.
  std::string title;
  std::vector<PanelGroupModel> selectors;
  std::vector<PanelGroupModel> groups;
  std::string linesTitle;
  std::vector<std::string> lines;
  int currentLine = -1; ///< Index into lines, or -1.
  std::string message;  ///< Empty = none.
};

/**
 * Fills `model` from the machine's panel declaration (MachineDecl::panel), what the machine shows
 * now (sim::PanelState) and the last tick's inputs (which buttons are held), in `language`. The
 * message is the event's declared toast (values filled in), else its label; an event the machine
 * does not declare shows nothing. A selector without a matching PanelState entry marks nothing.
 */
void fillPanel(PanelModel& model, const sim::MachineDecl& machine, const sim::PanelState& state,
               const core::ActionState& actions, Language language);

/** One control the trainee holds on the panel this frame (a pressed panel button). */
struct PanelPress {
  std::string control;    ///< ControlDecl::id.
  float axisValue = 1.0f; ///< For an axis control.
  friend bool operator==(const PanelPress&, const PanelPress&) = default;
};

/** Where the machine panel sits on a display `width` x `height` pixels: right, under the
 * deductions, above the session buttons. */
[[nodiscard]] ScreenRect panelRect(float width, float height);

/**
 * Draws the panel into the current ImGui frame (contract: a current ImGui frame) at
 * panelRect(display size) and returns the buttons held down with the pointer this frame.
 * Nothing when `model.present` is false.
 */
std::vector<PanelPress> drawPanel(const PanelModel& model);

/**
 * Turns panel presses into the machine's recorded inputs, so a click is recorded and
 * re-simulated like a key: each frame hold() gives the buttons held down; apply() adds them to
 * the next tick's mapped ActionState (a button control held, an axis control at its value, over
 * what the keys give). A press that started this frame stays held for at least the next tick
 * even if released before any tick ran (a quick click is never lost).
 */
class PanelInput {
public:
  explicit PanelInput(core::ControlLayout layout) : mLayout(std::move(layout)) {}
  /** The buttons held down this frame (replaces the last frame's). Unknown controls are ignored. */
  void hold(std::vector<PanelPress> presses);
  /** Adds the held and not yet applied presses to one tick's inputs. */
  void apply(core::ActionState& actions);
  /** Forgets every press (a restart). */
  void reset();

private:
  core::ControlLayout mLayout;
  std::vector<PanelPress> mHeld;
  std::vector<PanelPress> mPending; ///< Started and not yet applied to a tick.
};

} // namespace skillsim::ui
