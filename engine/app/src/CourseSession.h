#pragma once

#include "RunCommand.h"

#include <skillsim/ui/Language.h>

#include <iosfwd>
#include <string>

namespace skillsim::app {

/**
 * The work-study screens in a window (`skillsim course open --course COURSE --trainee ID`): the
 * trainee's course map, the chosen learning task's work page, carry out, check and evaluate
 * (ui::CourseScreen over an app::CourseDesk on `options.db`). Carrying out starts the task's
 * practice or exam scenario (found by its id under the `scenarios/` folder beside `assets/`) in
 * the normal attempt loop (runWorkstation) in the same window; its results screen leads back to
 * the course screens with the records read again. The UI is in `language`. Returns kExitOk when
 * the trainee goes back or closes the window; kExitFailure (the course file's problem, the
 * store's error, no display) with the reason on `err`.
 */
int runCourseSession(const RunOptions& options, const std::string& courseFile,
                     ui::Language language, std::ostream& out, std::ostream& err);

} // namespace skillsim::app
