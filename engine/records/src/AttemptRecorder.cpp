#include "skillsim/records/AttemptRecorder.h"

namespace skillsim::records {

AttemptRecorder::AttemptRecorder(std::string storeLocation, std::filesystem::path queueDir,
                                 StoreOptions options)
    : mLocation(std::move(storeLocation)), mQueue(std::move(queueDir)), mOptions(options) {}

core::Expected<FlushReport> AttemptRecorder::flush() {
  auto store = ResultsStore::open(mLocation, mOptions);
  if (!store) {
    return std::move(store).error();
  }
  return mQueue.flush(**store, mLocation);
}

core::Expected<AttemptRecorder::Status> AttemptRecorder::record(const AttemptRecord& record) {
  Status status;
  auto queueIt = [&](const core::Error& why) -> core::Expected<Status> {
    auto queued = mQueue.enqueue(record, mLocation);
    if (!queued) {
      return core::makeError(core::ErrorCode::Io, "attempt " + record.attemptId +
                                                      " could be neither stored (" +
                                                      why.toString() + ") nor queued (" +
                                                      queued.error().toString() + ")");
    }
    status.outcome = Outcome::Queued;
    status.reason = why.toString();
    status.pending = mQueue.pending().size();
    return status;
  };
  auto store = ResultsStore::open(mLocation, mOptions);
  if (!store) {
    return queueIt(store.error());
  }
  // Older queued attempts go first, so the store sees attempts in the order they finished.
  auto flushed = mQueue.flush(**store, mLocation);
  if (!flushed) {
    return queueIt(flushed.error());
  }
  status.flushed = *flushed;
  auto written = (*store)->recordAttempt(record);
  if (!written) {
    return queueIt(written.error());
  }
  status.outcome = Outcome::Stored;
  status.pending = mQueue.pending().size();
  status.otherStores = status.flushed.otherStores;
  return status;
}

} // namespace skillsim::records
