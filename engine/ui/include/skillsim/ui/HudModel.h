#pragma once

#include "skillsim/ui/AttemptMode.h"
#include "skillsim/ui/Language.h"

#include <skillsim/core/ActionState.h>
#include <skillsim/core/Controls.h>
#include <skillsim/sim/Machine.h>
#include <skillsim/sim/Metrics.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace skillsim::ui {

/** One deduction as the HUD lists it while the attempt runs. */
struct HudDeduction {
  double time = 0.0;   ///< s from the attempt's start.
  double points = 0.0; ///< Points deducted (> 0).
  std::string reason;  ///< From the assessor, e.g. "touched pile_2".
};

/** One step of the task, in the UI language. */
struct HudStep {
  std::string text;
  bool done = false;
};

/** A notched controller's position, for the notch indicator. */
struct HudNotch {
  int notch = 0;      ///< In [-notchCount, notchCount].
  int notchCount = 5; ///< Steps each way (> 0).
};

/** One of the machine's declared controls as the HUD shows it, in the UI language. */
struct HudControl {
  std::string label; ///< The control's trade name (ControlDecl::nameZh / nameEn).
  core::ControlKind kind = core::ControlKind::Notched;
  HudNotch notch;     ///< Notched only.
  float value = 0.0f; ///< Continuous only, in [-1, 1].
  bool held = false;  ///< Button and hold-to-enable only.
};

/** One of the machine's declared readouts, with its value in SI (formatted when drawn). */
struct HudReadout {
  std::string label; ///< MetricDecl::labelZh / labelEn.
  double value = 0.0;
  sim::Unit unit = sim::Unit::None;
  int precision = 2; ///< Decimals in the display unit (degrees for angles).
  /** The declared word for the value (ReadoutDecl::words), in the UI language; shown instead of
   * the number when not empty ("direction reverse"). */
  std::string word{};
};

/**
 * Everything the HUD shows for one frame, as plain data: filled by the app from the simulation's
 * metrics (load_height, load_swing_angle), the input mapper's notches, the assessor's running
 * score and deductions, and the scenario's task steps. Units SI; angles rad.
 */
struct HudModel {
  AttemptMode mode = AttemptMode::Practice;
  std::string scenarioTitle;
  double elapsed = 0.0;             ///< s since the attempt started (the horn).
  std::optional<double> targetTime; ///< s, the optimum time T of the time rule, if any.
  /** s used of the part timed against targetTime (ui::TaskClock); unset = `elapsed`. */
  std::optional<double> targetElapsed;
  double score = 0.0; ///< Running score.
  double maxScore = 100.0;
  std::vector<HudStep> steps;           ///< Shown in practice mode only.
  std::size_t currentStep = 0;          ///< Index into steps.
  std::string hint;                     ///< Shown in practice mode only; empty = none.
  std::vector<HudDeduction> deductions; ///< In time order.
  std::vector<std::string> vetoes;      ///< Reasons of vetoes that fired (the attempt fails).
  std::vector<HudControl> controls;     ///< In the machine's declaration order.
  std::vector<HudReadout> readouts;     ///< In the machine's declaration order.
  std::string cameraName;               ///< The current view's name.
  bool paused = false;
  std::string notice; ///< A device message or similar; empty = none.
};

/** What the trainee asked for through the HUD this frame. */
struct HudActions {
  bool pause = false;      ///< Practice only: the Pause button.
  bool resume = false;     ///< Practice only: the Resume button (shown while paused).
  bool restart = false;    ///< Practice only: the Restart button.
  bool nextCamera = false; ///< The view button.
};

/**
 * Sets `model.readouts` from the machine's declared readouts (MachineDecl::readouts) and the
 * simulation's metrics, labelled in `language`. A readout whose metric the simulation lacks is
 * left out; so is a training-aid readout (ReadoutDecl::trainingAid) unless `trainingAids` (the
 * scenario allows `machine_aids` in this mode), or while its validWhen flag reads 0.
 */
void fillReadouts(HudModel& model, const sim::MachineDecl& machine, const sim::Metrics& metrics,
                  Language language, bool trainingAids = false);

/**
 * Sets `model.controls` from the machine's declared controls and this tick's ActionState: a
 * notched control's notch is round(value * notches), a continuous one shows its value, a button
 * whether it is held; labels in `language`.
 */
void fillControls(HudModel& model, const core::ControlLayout& controls,
                  const core::ActionState& actions, Language language);

} // namespace skillsim::ui
