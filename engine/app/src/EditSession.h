#pragma once

#include "RunCommand.h"

#include <iosfwd>
#include <string>

namespace CLI {
class App;
} // namespace CLI

namespace skillsim::app {

class Session;

/** `skillsim edit SCENARIO.toml [--lang zh-CN|en] [--gpu N] [--trainee ID]`. */
struct EditCommandOptions {
  std::string scenario;               ///< The scenario file to edit.
  std::string lang;                   ///< zh-CN or en; empty: the locale's.
  std::string gpu;                    ///< As `skillsim run --gpu`.
  std::string trainee = "instructor"; ///< Who Try it's practice attempts are recorded for.
};

/** Adds the `edit` subcommand filling `options`; returns it. */
CLI::App* addEditCommand(CLI::App& cli, EditCommandOptions& options);

/**
 * Runs `skillsim edit` (a window, docs/scenario-editor.md); `observer` is the test seam (frames,
 * the validation layer). Returns kExitOk when the editor is closed, kExitUsage for a bad
 * language, kExitFailure (the file cannot be read, no display) with the reason on `err`.
 */
int runEdit(const EditCommandOptions& options, const RunObserver& observer, std::ostream& out,
            std::ostream& err);

/**
 * The editor on `file` in the session's window (made on first use, kept after): the editor
 * screen over the 3D view of the course, rebuilt from the edited text after each change. Try it
 * runs a practice attempt of the current text (saved or not; not stored in the results store,
 * its trace kept as every attempt's) through runWorkstation in the same window, by `trainee`,
 * and comes back to the same edit (undo history, selection, grid) after its results screen.
 * Closing with unsaved changes asks first. Prints "editor closed: ..." with the edit's state on
 * `out` (and the validation layer's message count when it is on). Returns as runEdit.
 */
int runEditor(Session& session, const std::string& file, const std::string& trainee,
              std::ostream& out, std::ostream& err);

} // namespace skillsim::app
