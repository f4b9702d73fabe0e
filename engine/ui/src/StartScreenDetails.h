#pragma once

#include "skillsim/ui/I18n.h"
#include "skillsim/ui/StartScreen.h"
#include "skillsim/ui/StartScreenModel.h"

#include <optional>
#include <span>
#include <string>

namespace skillsim::ui {

/** The language choice (English / 中文) at the top of the start screen; sets actions.language. */
void drawLanguageChoice(const I18n& text, StartScreenActions& actions);
/** The chosen scenario's description, time limit and pass mark. */
void drawScenarioDetails(const ScenarioEntry& scenario, const I18n& text);
/**
 * The files that do not load, each with the validator's first message and an Open in editor
 * button; returns the file whose button was pressed.
 */
std::optional<std::string> drawBrokenScenarios(std::span<const BrokenScenario> broken,
                                               const I18n& text);

/** "Time limit 10:00 · pass mark 70 of 100" in the UI language (start.limits). */
[[nodiscard]] std::string scenarioLimitsText(const ScenarioEntry& scenario, const I18n& text);

} // namespace skillsim::ui
