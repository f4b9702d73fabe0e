#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace CLI {
class App;
} // namespace CLI

namespace skillsim::app {

/** Options of `skillsim queue list|flush|drop`. */
struct QueueOptions {
  std::string action;               ///< "list", "flush" or "drop".
  std::string queueDir;             ///< The queue folder; empty = records::defaultQueueDir().
  std::string db;                   ///< flush: only the attempts bound to this store.
  bool includeUnbound = false;      ///< flush --db: also the files that record no store.
  std::vector<std::string> entries; ///< drop: numbers from `list`, attempt ids or file names.
  bool yes = false;                 ///< drop: confirmed on the command line.
  /**
   * drop without --yes: where the answer to "drop them? [y/N]" is read (the terminal); nullptr
   * when there is no terminal to ask on, and then drop refuses.
   */
  std::istream* confirmation = nullptr;
};

/** Adds the `queue` subcommand and its three actions to `cli`, filling `options`. */
CLI::App* addQueueCommand(CLI::App& cli, QueueOptions& options);

/**
 * `skillsim queue` (issue 13, point 7): the attempts waiting in the pending queue for the store
 * they were recorded for.
 * - `list`: one line each: number, attempt id, trainee, scenario, mode, start (UTC) and the store
 *   it is bound to (never a password); unreadable files with their problem.
 * - `flush [--db LOCATION [--include-unbound]]`: writes each attempt to its own store when that
 *   store answers (with --db: only the attempts bound to LOCATION, which may carry the password;
 *   --include-unbound adds files from older builds that record no store). Attempts whose store is
 *   still down stay queued.
 * - `drop ENTRY... [--yes]`: removes queued attempts (they will reach no store), after asking on
 *   the terminal or with --yes; with neither, refuses.
 * Returns kExitOk; kExitFailure when an attempt could not be flushed or dropped (or a store was
 * down); kExitUsage for an unknown entry or a drop refused for want of confirmation.
 */
int runQueue(const QueueOptions& options, std::ostream& out, std::ostream& err);

} // namespace skillsim::app
