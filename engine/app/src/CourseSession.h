#pragma once

#include "RunCommand.h"

#include "skillsim/app/CourseDesk.h"

#include <skillsim/ui/Language.h>

#include <cstdint>
#include <iosfwd>
#include <string>

namespace skillsim::app {

class Session;

/**
 * The work-study screens in a window (`skillsim course open --course COURSE --trainee ID`): the
 * trainee's course map, the chosen learning task's work page, carry out, check and evaluate
 * (ui::CourseScreen over an app::CourseDesk on `options.db`; `task`, when not empty, is the
 * learning task shown under the map at first). Carrying out starts the task's practice or exam
 * scenario (found by its id under the `scenarios/` folder beside `assets/`) in the normal attempt
 * loop (runWorkstation) in the same window; its results screen leads back to the course screens
 * with the records read again. An exam runs in the open exam session the trainee enters (pre-filled
 * from `options.examSession`), whose id and invigilator go into the exam trace's signed header. The
 * UI is in `language`. Returns kExitOk when the trainee goes back or closes the window;
 * kExitFailure (the course file's problem, the store's error, no display) with the reason on `err`.
 */
int runCourseSession(const RunOptions& options, const std::string& courseFile,
                     const std::string& task, ui::Language language, std::ostream& out,
                     std::ostream& err);

/**
 * `skillsim course open … --screenshot FILE.png [--task ID]`: the course screens as the trainee
 * would see them now (the map and, with `task`, that learning task's work page, carry out, check
 * and evaluate) drawn once offscreen at 1280 x 720 with the validation layer on
 * (writeOffscreenScreenshot), no window or display needed. Returns kExitOk, or kExitFailure (the
 * course, the store, an unknown task, the renderer or the file) with the reason on `err`.
 */
int writeCourseScreenshot(const RunOptions& options, const std::string& courseFile,
                          const std::string& task, ui::Language language, const std::string& path,
                          std::ostream& out, std::ostream& err);

/** How the course screens of runCourseScreens ended. */
enum class CourseScreensEnd : std::uint8_t {
  Back,   ///< The Back button: the caller's screen (the start screen) follows.
  Closed, ///< The window was closed: the run ends.
  Failed, ///< An error, printed on `err`.
};

/**
 * The course screens of `courseFile` for `options.trainee` in the session's window (made on first
 * use, shared with the start screen and every attempt), in the session's language, until Back or
 * the window is closed; each practice or exam attempt they start runs in runWorkstation with
 * courseAttemptOptions. Prints "course screens closed; validation messages N" when the session's
 * renderer runs the validation layer.
 */
[[nodiscard]] CourseScreensEnd runCourseScreens(Session& session, const RunOptions& options,
                                                const std::string& courseFile,
                                                const std::string& task, std::ostream& out,
                                                std::ostream& err);

/**
 * The options of the attempt `start` (what CourseDesk::apply returned) at `scenarioFile`: the
 * session's `options` with that scenario, its mode, and for an exam the exam session it runs in
 * (RunOptions::examSession and resolvedExamSession, which Session::traceHeader writes into the
 * trace's signed header); a practice attempt keeps none.
 */
[[nodiscard]] RunOptions courseAttemptOptions(const RunOptions& options, const CourseStart& start,
                                              const std::string& scenarioFile);

} // namespace skillsim::app
