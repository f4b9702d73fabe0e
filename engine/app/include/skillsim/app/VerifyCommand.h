#pragma once

#include <skillsim/records/ScenarioIndex.h>
#include <skillsim/records/TraceVerifier.h>

#include <iosfwd>
#include <string>
#include <vector>

namespace skillsim::app {

/** The options of `skillsim verify` (issue 6, points 2 and 3). */
struct VerifyCommandOptions {
  std::vector<std::string> traces;        ///< .sktrace files, or folders searched for them.
  std::string scenariosDir = "scenarios"; ///< Where scenarios are looked up by hash.
  std::string rescoreScenario;            ///< `--rescore FILE`: a revised scenario to score under.
  unsigned jobs = 0;                      ///< Threads; 0 = every core.
  bool allowOtherBuild = false;           ///< Try traces from another engine build.
  std::vector<std::string> trustedKeys;   ///< Hex Ed25519 public keys; empty = any key.
  bool progress = true;                   ///< Draw a progress bar when stderr is a terminal.
  /**
   * `--parent FILE`: traces that taken-over traces (format 6) may name as their parent; a child
   * whose parent is among them must hold the parent's inputs up to its take-over tick.
   */
  std::vector<std::string> parents;
};

/**
 * How verify finds scenarios and re-simulates them: the real loader and simulation by default
 * (defaultVerifyBackend), a fake in tests.
 */
struct VerifyBackend {
  records::ScenarioProbe probe;
  records::Resimulator resimulate;
};

/**
 * scenario::loadScenario as the probe; re-simulation headless through app::replayAttempt (the
 * simulation and assessor stepped as the workstation steps them while recording).
 */
[[nodiscard]] VerifyBackend defaultVerifyBackend();

/**
 * Runs `skillsim verify`: one line per trace on `out` ("OK path: …", "MISMATCH path: …", …), a
 * summary and the progress bar on `err`. With `rescoreScenario`, prints old and new scores side
 * by side instead. Returns kExitOk when every trace matches (or was re-scored), kExitFailure
 * otherwise, kExitUsage for bad options (a malformed key, no traces).
 */
int runVerify(const VerifyCommandOptions& options, std::ostream& out, std::ostream& err,
              const VerifyBackend& backend = defaultVerifyBackend());

} // namespace skillsim::app
