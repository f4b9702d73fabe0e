#pragma once

// Verifying attempts from the traces a results store keeps (schema 6; issue 19):
// `skillsim verify --db STORE [ATTEMPT...]` on one machine, and `skillsim verify-worker`, any
// number of which, on any number of machines, share one PostgreSQL server's verification queue
// (docs/evaluation-centre.md).

#include <ostream>
#include <string>
#include <vector>

namespace skillsim::app {

/** The options of `skillsim verify --db STORE [ATTEMPT...]`. */
struct StoredVerifyOptions {
  std::string db;                         ///< SQLite file or postgresql:// URL.
  std::vector<std::string> attempts;      ///< Attempt ids; empty: every attempt in the store.
  std::string scenariosDir = "scenarios"; ///< Where scenarios are looked up by hash.
  bool allowOtherBuild = false;           ///< Count traces from another engine build.
};

/**
 * Re-simulates each named stored attempt from the trace bytes the store keeps (no trace file
 * needed) and prints one line per attempt, `<STATUS> attempt <id>: <detail>` (app::
 * verifyStoredTrace). Writes no verdict. Exit 0 when every attempt verified; 1 when one did not,
 * has no stored trace, or is unknown (each named on its line); 1 when the store cannot be opened.
 */
int runVerifyStored(const StoredVerifyOptions& options, std::ostream& out, std::ostream& err);

/** The options of `skillsim verify-worker`. */
struct VerifyWorkerOptions {
  std::string db;        ///< The results store: a postgresql:// URL (an SQLite file: one machine).
  unsigned jobs = 1;     ///< Claims worked on at once (threads, one connection each), >= 1.
  double leaseS = 600.0; ///< How long a claim holds, s; must exceed the longest re-simulation.
  bool once = false;     ///< Each thread verifies at most one attempt, then stops.
  bool untilEmpty = false;                ///< Stop when every attempt with a trace has a verdict.
  double pollS = 1.0;                     ///< Wait between looks when nothing can be claimed, s.
  std::string workerId;                   ///< Who signs the verdicts; default "<host>:<pid>".
  std::string scenariosDir = "scenarios"; ///< Where scenarios are looked up by hash.
  bool allowOtherBuild = false;           ///< Count traces from another engine build.
  bool timings = false; ///< Print per-attempt database and re-simulation times (s) at the end.
};

/**
 * Claims attempts needing verification (ResultsStore::claimVerification: oldest first, one at
 * a time per thread, under a lease), re-simulates each from its stored trace
 * (verifyStoredTrace) and writes its verdict with this worker's id and build
 * (ResultsStore::recordVerdict: once, only under the latest claim). Prints one line per attempt:
 * `<STATUS> attempt <id>: <detail>`, or `LATE attempt <id>: …` when the lease was taken over
 * before the verdict was written. Without --once or --until-empty it runs until killed, looking
 * again every pollS when the queue is empty; a store that goes away is retried, said on err.
 * Exit 0 when it stopped as asked; 1 when the store cannot be opened or refuses (e.g. below
 * schema 6); 2 for bad options.
 */
int runVerifyWorker(const VerifyWorkerOptions& options, std::ostream& out, std::ostream& err);

} // namespace skillsim::app
