#pragma once

#include "skillsim/records/AttemptRecord.h"
#include "skillsim/records/PendingQueue.h"
#include "skillsim/records/ResultsStore.h"

#include <skillsim/core/Expected.h>

#include <filesystem>
#include <string>

namespace skillsim::records {

/**
 * Records finished attempts so that none is ever lost (issue 6, point 5): each attempt goes to
 * the results store when it can be reached and written, otherwise to the local PendingQueue,
 * bound to this recorder's store (issue 13, point 7); the attempts queued for this store are
 * written back, oldest first, the next time it answers (on the next record() or an explicit
 * flush()). Attempts queued for another store are never written here: they wait for a recorder
 * of their own store or `skillsim queue flush`. The store is opened per call, so a server that
 * comes back is used again.
 *
 *   AttemptRecorder recorder(dbOption.empty() ? defaultStorePath().string() : dbOption,
 *                            defaultQueueDir());
 *   auto status = recorder.record(attempt);  // Stored, or Queued with the reason
 */
class AttemptRecorder {
public:
  /** Where an attempt went. */
  enum class Outcome { Stored, Queued };

  /** The outcome of record(): where the attempt went, why if queued, and what was flushed. */
  struct Status {
    Outcome outcome = Outcome::Stored;
    std::string reason;          ///< Why the store could not take it (when queued).
    FlushReport flushed;         ///< Older queued attempts written back first.
    std::size_t pending = 0;     ///< Attempts in the queue afterwards (for any store).
    std::size_t otherStores = 0; ///< Of those, queued for other stores (when stored).
  };

  /** `storeLocation` as for ResultsStore::open; `queueDir` normally defaultQueueDir(). */
  AttemptRecorder(std::string storeLocation, std::filesystem::path queueDir,
                  StoreOptions options = {});

  /**
   * Stores `record`, or queues it when the store is unavailable or refuses it. Errors only when
   * the attempt could be neither stored nor queued (Io: the queue directory cannot be written).
   */
  core::Expected<Status> record(const AttemptRecord& record);

  /**
   * Writes the attempts queued for this store back now. Errors: the store's error when it is
   * still unavailable.
   */
  core::Expected<FlushReport> flush();

  [[nodiscard]] const PendingQueue& queue() const { return mQueue; }

private:
  std::string mLocation;
  PendingQueue mQueue;
  StoreOptions mOptions;
};

} // namespace skillsim::records
