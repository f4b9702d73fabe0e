#pragma once

#include "skillsim/app/StoredAttemptCheck.h"

#include <CLI/CLI.hpp>

#include <iostream>
#include <unistd.h>

namespace skillsim::app {

/**
 * Adds `--traces DIR` (repeatable), `--scenarios DIR`, `-j,--jobs N` and `--allow-other-build` to
 * `cmd` (certify, report): where the traces of stored attempts are found and how they are
 * re-verified (checkStoredAttempts).
 */
inline void addTraceSearchOptions(CLI::App* cmd, TraceSearchOptions& options) {
  cmd->add_option("--traces", options.traceDirs,
                  "Folder searched for the attempts' .sktrace files, by file hash; repeatable "
                  "(default: the workstation's traces folder in the user's data folder)");
  cmd->add_option("--scenarios", options.scenariosDir,
                  "Folder of scenario files, found by the trace's scenario hash (default: "
                  "scenarios)");
  cmd->add_option("-j,--jobs", options.jobs,
                  "Traces re-simulated in parallel (default: every core)");
  cmd->add_flag("--allow-other-build", options.allowOtherBuild,
                "Count traces recorded by another engine build when they re-simulate bit-exact");
}

/** True when `err` is the process's stderr and that is a terminal (progress bars go there). */
inline bool stderrIsTerminal(const std::ostream& err) {
  return &err == &std::cerr && ::isatty(STDERR_FILENO) != 0;
}

} // namespace skillsim::app
