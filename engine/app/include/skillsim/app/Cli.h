#pragma once

#include "skillsim/app/RunObserver.h"
#include "skillsim/app/StoredAttemptCheck.h"

#include <iosfwd>
#include <string>
#include <vector>

namespace skillsim::app {

/** Exit codes of the `skillsim` command. */
enum ExitCode : int {
  kExitOk = 0,      ///< Success (validate: every file valid; verify: every trace matches).
  kExitFailure = 1, ///< The command ran and the answer is "no" or it failed (invalid file…).
  kExitUsage = 2,   ///< Bad command line; the message is on stderr.
};

/**
 * Runs the `skillsim` command line. `args` excludes the program name. Everything meant for the
 * user goes to `out`; errors and usage messages to `err`. Returns an ExitCode (or a
 * subcommand's own code). Never throws.
 */
int runCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

/**
 * runCli with the check `certify` and `report` make of stored attempts against their traces
 * replaced by `checker` (checkStoredAttempts in runCli; tests of decisions on hand-made stores
 * pass a fake).
 */
int runCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
           const StoredAttemptChecker& checker);

/**
 * runCli with `observer` seeing every attempt `skillsim run` steps, windowed or headless: each
 * tick and the result (tests compare the window's attempt with the headless replay's).
 */
int runCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
           const RunObserver& observer);

/** runCli with both replaced. */
int runCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
           const StoredAttemptChecker& checker, const RunObserver& observer);

/** The text `skillsim --version` prints: engine version, build id and linked libraries. */
[[nodiscard]] std::string versionText();

} // namespace skillsim::app
