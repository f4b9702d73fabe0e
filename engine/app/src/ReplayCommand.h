#pragma once

#include <iosfwd>
#include <string>

namespace CLI {
class App;
} // namespace CLI

namespace skillsim::app {

/** `skillsim replay TRACE`: a recorded attempt in a window, with a timeline (docs/replay.md). */
struct ReplayCommandOptions {
  std::string trace;                      ///< The .sktrace file.
  std::string scenariosDir = "scenarios"; ///< Where its scenario is found by the trace's hash.
  std::string lang;                       ///< zh-CN or en; empty: the locale's.
  std::string gpu;                        ///< As `skillsim run --gpu`.
  /**
   * Test seam: commands run one per frame instead of the user's clicks, separated by ';':
   * `seek S` (s), `speed X` (one of ui::kReplaySpeeds), `play S` (plays S s of display time, at
   * a fixed 1/60 s a frame, so the result does not depend on the clock), `step`, `quit` (prints
   * "replay: tick N t S" and closes).
   */
  std::string script;
  std::string screenshot; ///< With --script: at quit, a PNG of the view and timeline (offscreen).
};

/** Adds the `replay` subcommand filling `options`; returns it. */
CLI::App* addReplayCommand(CLI::App& cli, ReplayCommandOptions& options);

/** Runs `skillsim replay`. Returns kExitOk, kExitUsage for a bad script, kExitFailure otherwise. */
int runReplay(const ReplayCommandOptions& options, std::ostream& out, std::ostream& err);

} // namespace skillsim::app
