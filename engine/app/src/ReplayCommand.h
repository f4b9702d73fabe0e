#pragma once

#include "skillsim/app/RunObserver.h"

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
   * a fixed 1/60 s a frame, so the result does not depend on the clock), `step`, `camera N`
   * (the N-th view offered, 0-based; the last is the free camera), `orbit D` (turns the free
   * camera D degrees about the vertical), `takeover` (as the Take over button), `quit` (prints
   * "replay: tick N t S ..., state HASH, camera NAME" and closes).
   */
  std::string script;
  std::string screenshot; ///< With --script: at quit, a PNG of the view and timeline (offscreen).
  /**
   * `--take-over-at S`: take over at S s into the attempt at once (as seeking there and pressing
   * Take over), for scripts and tests; < 0: not at once.
   */
  double takeOverAt = -1.0;
  /** Who takes over (the child attempt's trainee id); empty: the replayed trace's trainee. */
  std::string trainee;
  /**
   * `--input TRACE`: a take-over's new inputs come from this trace's ticks from the take-over
   * tick on (the attempt ends with them) instead of the devices; the child is marked scripted.
   */
  std::string input;
  std::string db;       ///< Results store the take-over is recorded in (as `run --db`).
  bool noStore = false; ///< Do not record the take-over in the results store.
  /** Not an option: what runCli's caller sees (tests: validation layer, frames, ticks). */
  RunObserver observer;
};

/** Adds the `replay` subcommand filling `options`; returns it. */
CLI::App* addReplayCommand(CLI::App& cli, ReplayCommandOptions& options);

/**
 * Runs `skillsim replay`. A take-over runs as a `skillsim run` practice attempt in the same
 * window (Workstation.h) and returns its status. Returns kExitOk, kExitUsage for a bad script,
 * kExitFailure otherwise.
 */
int runReplay(const ReplayCommandOptions& options, std::ostream& out, std::ostream& err);

} // namespace skillsim::app
