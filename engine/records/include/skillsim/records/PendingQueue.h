#pragma once

#include "skillsim/records/AttemptRecord.h"
#include "skillsim/records/ResultsStore.h"

#include <skillsim/core/Expected.h>

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace skillsim::records {

/** What a PendingQueue::flush did. */
struct FlushReport {
  std::size_t written = 0;   ///< Attempts written to the store and removed from the queue.
  std::size_t duplicate = 0; ///< Already in the store (same id and result); removed.
  std::size_t remaining = 0; ///< Still queued (the store became unavailable again).
  /** Files set aside as `<name>.rejected` (unreadable, or conflicting with the store), with why. */
  std::vector<std::string> rejected;
};

/**
 * Finished attempts waiting for the results store (issue 6, "nothing lost"): one JSON file per
 * attempt (attemptToJson) in a directory, written to a temporary name, synced and renamed, so a
 * crash leaves either the whole file or none. Files are written back oldest first. A file that
 * cannot be read or that the store refuses is renamed `*.rejected`, never deleted.
 */
class PendingQueue {
public:
  /** The queue in `dir` (created on the first enqueue). */
  explicit PendingQueue(std::filesystem::path dir) : mDir(std::move(dir)) {}

  /** Adds an attempt. Errors: Io when the directory or file cannot be written. */
  core::Expected<std::filesystem::path> enqueue(const AttemptRecord& record);

  /** The queued files, oldest first. */
  [[nodiscard]] std::vector<std::filesystem::path> pending() const;

  /**
   * Writes queued attempts to `store`, oldest first, removing each once it is committed. Stops at
   * the first Unavailable error and returns it (the rest stay queued, nothing is lost).
   */
  core::Expected<FlushReport> flush(ResultsStore& store);

  [[nodiscard]] const std::filesystem::path& dir() const { return mDir; }

private:
  std::filesystem::path mDir;
};

} // namespace skillsim::records
