#pragma once

#include "skillsim/records/AttemptRecord.h"
#include "skillsim/records/ResultsStore.h"

#include <skillsim/core/Expected.h>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace skillsim::records {

/**
 * The identity of the results store at `location`, as a queued attempt records it (issue 13,
 * point 7): two spellings of one store give the same key. An SQLite file path or `file:` URI
 * becomes the file's absolute path (symbolic links resolved, a URI's `?query` dropped); a
 * PostgreSQL URL loses its password (the `:password` of its user part and any `password=`
 * parameter), so no password is written to the disk. An empty location gives "".
 */
[[nodiscard]] std::string storeKey(const std::string& location);

/** One file of the queue, as PendingQueue::entries() reads it. */
struct QueuedAttempt {
  std::filesystem::path file;
  /**
   * storeKey() of the store the attempt is bound to; empty for a file queued by a build before
   * issue 13 (no store recorded), which is written only when the user names the store
   * (PendingQueue::flush with `includeUnbound`).
   */
  std::string store;
  std::optional<AttemptRecord> record; ///< Absent when the file cannot be read.
  std::string problem;                 ///< Why it cannot be read (when `record` is absent).
};

/** What a PendingQueue::flush did. */
struct FlushReport {
  std::size_t written = 0;     ///< Attempts written to the store and removed from the queue.
  std::size_t duplicate = 0;   ///< Already in the store (same id and result); removed.
  std::size_t remaining = 0;   ///< Still queued for this store (it became unavailable again).
  std::size_t otherStores = 0; ///< Queued for other stores (or none recorded): left untouched.
  /** Files set aside as `<name>.rejected` (unreadable, or conflicting with the store), with why. */
  std::vector<std::string> rejected;
};

/**
 * Finished attempts waiting for the results store (issue 6, "nothing lost"), each bound to the
 * store it was meant for (issue 13, point 7): one JSON file per attempt in a directory,
 * `{"format": "skillsim.queued-attempt/1", "store": storeKey, "attempt": attemptToJson}`, written
 * to a temporary name, synced and renamed, so a crash leaves either the whole file or none. An
 * attempt is written back only to its own store, oldest first. A file that cannot be read or that
 * the store refuses is renamed `*.rejected`, never deleted. Queueing the same attempt for the
 * same store twice keeps one file when both copies are identical and both files when they differ
 * (the store then takes the first and refuses the second as a conflict, which is set aside).
 */
class PendingQueue {
public:
  /** The queue in `dir` (created on the first enqueue). */
  explicit PendingQueue(std::filesystem::path dir) : mDir(std::move(dir)) {}

  /**
   * Adds an attempt bound to the store at `storeLocation` (as for ResultsStore::open). Returns
   * the file holding it. Errors: Io when the directory or file cannot be written.
   */
  core::Expected<std::filesystem::path> enqueue(const AttemptRecord& record,
                                                const std::string& storeLocation);

  /** The queued files, oldest first. */
  [[nodiscard]] std::vector<std::filesystem::path> pending() const;

  /** The queued files read back, oldest first (an unreadable one with its problem). */
  [[nodiscard]] std::vector<QueuedAttempt> entries() const;

  /**
   * Writes the attempts queued for the store at `storeLocation` to `store` (opened from that
   * location), oldest first, removing each once it is committed; attempts bound to other stores
   * are left alone (counted in otherStores). With `includeUnbound`, files that record no store
   * (queued by an older build) are written here too. Stops at the first Unavailable error and
   * returns it (the rest stay queued, nothing is lost).
   */
  core::Expected<FlushReport> flush(ResultsStore& store, const std::string& storeLocation,
                                    bool includeUnbound = false);

  /** Removes one queued file (for `skillsim queue drop`). Errors: NotFound, Io. */
  core::Expected<void> drop(const std::filesystem::path& file);

  [[nodiscard]] const std::filesystem::path& dir() const { return mDir; }

private:
  std::filesystem::path mDir;
};

} // namespace skillsim::records
