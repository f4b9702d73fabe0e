#pragma once

#include "skillsim/ui/AttemptMode.h"

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
  double score = 0.0;               ///< Running score.
  double maxScore = 100.0;
  std::vector<HudStep> steps;           ///< Shown in practice mode only.
  std::size_t currentStep = 0;          ///< Index into steps.
  std::string hint;                     ///< Shown in practice mode only; empty = none.
  std::vector<HudDeduction> deductions; ///< In time order.
  std::vector<std::string> vetoes;      ///< Reasons of vetoes that fired (the attempt fails).
  HudNotch bridge;
  HudNotch trolley;
  HudNotch hoist;
  double loadHeight = 0.0; ///< m, bottom of the load above ground.
  double swingAngle = 0.0; ///< rad, the load's swing from vertical.
  bool loadOnHook = false;
  std::string cameraName; ///< The current view's name.
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
 * Copies the crane readouts from a simulation's metrics into `model`: `load_height` (m),
 * `load_swing_angle` (rad) and `load_attached` (1 = on the hook). A metric the simulation does
 * not have (not a crane) leaves its field unchanged.
 */
void fillCraneReadouts(HudModel& model, const sim::Metrics& metrics);

} // namespace skillsim::ui
