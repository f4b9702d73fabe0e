#pragma once

#include "RunCommand.h"

#include <skillsim/ui/Language.h>

#include <iosfwd>

namespace skillsim::app {

/**
 * The start screen (`skillsim` with no arguments on a display, or `skillsim run` without a
 * scenario): the trainee enters an ID, sees the installed scenarios (every valid scenario file
 * under the `scenarios/` folder beside `assets/`) by trade with both titles and the standard,
 * chooses practice or exam and sees their previous attempts from the results store; the installed
 * courses (every course file under the `courses/` folder beside `scenarios/`, validated against
 * the installed scenarios; a broken one listed with its first problem) open the course screens
 * (runCourseScreens) for the trainee entered, in the same window, and their Back leads back here.
 * Starting
 * one opens the workstation (runWorkstation) in the same window, with the same renderer and ImGui
 * layer (one Session for the whole run); its results screen leads back here. Uses `options.db`
 * and `options.bindings`; the UI is in `language`. Returns kExitOk when the trainee quits or
 * closes the window.
 */
int runStartSession(const RunOptions& options, ui::Language language, std::ostream& out,
                    std::ostream& err);

} // namespace skillsim::app
