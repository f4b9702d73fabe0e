#pragma once

#include "skillsim/ui/I18n.h"
#include "skillsim/ui/ResultsModel.h"
#include "skillsim/ui/ScreenRect.h"

namespace skillsim::ui {

/** What the trainee asked for on the results screen. */
struct ResultsActions {
  bool backToStart = false; ///< The "back to start" button.
};

/** Where the results window sits on a display `width` x `height` pixels. */
[[nodiscard]] ScreenRect resultsLayout(float width, float height);

/**
 * Draws the results screen into the current ImGui frame: per item awarded / max, each deduction
 * with time, points and reason, the vetoes, total against the pass mark, PASS or FAIL, and a
 * "back to start" button. No current ImGui context is a contract violation.
 */
ResultsActions drawResultsScreen(const ResultsModel& model, const I18n& text);

} // namespace skillsim::ui
