#pragma once

#include "skillsim/records/Trace.h"
#include "skillsim/records/TraceHeader.h"
#include "skillsim/records/WorkstationKey.h"

#include <skillsim/assessment/AttemptResult.h>
#include <skillsim/core/ActionState.h>
#include <skillsim/core/Expected.h>
#include <skillsim/core/Hash.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace skillsim::records {

/**
 * Records an attempt into a .sktrace file (docs/trace-format.md) while it runs: the header at
 * once, then one ActionState per simulated tick, stored as changes only. Buffered ticks are
 * written and flushed to the disk (fflush + fdatasync) every `tickRate` ticks, so a crash loses
 * at most one simulated second. `finish(result)` appends the end record: the result, its
 * canonical hash and the workstation's Ed25519 signature over everything before. A writer
 * destroyed without finish() or abandon() leaves an incomplete trace (as a crash would).
 * Move-only; not thread-safe (the simulation thread owns it).
 *
 *   auto key = WorkstationKey::loadOrCreate(defaultConfigDir());
 *   auto writer = TraceWriter::create("a.sktrace", header, *key);
 *   for each tick: writer->append(state);
 *   writer->finish(runner.result());
 */
class TraceWriter {
public:
  /**
   * Creates (truncates) `path` and writes the header. `header.publicKey` is set from `key`.
   * Errors: InvalidInput for a zero tick rate, an empty scenario id or an exam-mode header with a
   * take-over (a take-over is always practice); Io when the file cannot
   * be created or written.
   */
  [[nodiscard]] static core::Expected<TraceWriter>
  create(const std::filesystem::path& path, TraceHeader header, const WorkstationKey& key);

  TraceWriter(TraceWriter&& other) noexcept;
  TraceWriter& operator=(TraceWriter&& other) noexcept;
  TraceWriter(const TraceWriter&) = delete;
  TraceWriter& operator=(const TraceWriter&) = delete;
  /** Flushes what is buffered and closes the file; no end record (reads as incomplete). */
  ~TraceWriter();

  /**
   * Records the inputs of the next tick (tick numbers start at 0). Axis values must be finite and
   * in [-1, 1] (ActionState::setAxis guarantees it); otherwise InvalidInput naming the tick.
   * Errors: Io when a periodic flush fails. After finish() or abandon(): contract violation.
   */
  core::Expected<void> append(const core::ActionState& state);

  /**
   * Writes the buffered ticks, the end record with `result` and its hash, and the signature,
   * then closes the file. Errors: Io when writing fails.
   */
  core::Expected<void> finish(const assessment::AttemptResult& result);

  /**
   * Ends the trace without a result, recording why (e.g. "trainee quit the exam"); the trace
   * then reads as an incomplete attempt with this reason. Signed like an end record.
   */
  core::Expected<void> abandon(std::string_view reason);

  /**
   * Records a workstation event after the ticks appended so far (its tick = tickCount()): the
   * buffered ticks are written first, then a `W` frame, flushed to the disk. Covered by the
   * signature of the end or abandon record; the re-simulation ignores it. Errors: Io when writing
   * fails. After finish() or abandon(): contract violation.
   */
  core::Expected<void> recordEvent(WorkstationEventKind kind);

  /**
   * Records an instructor's command after the ticks appended so far (its tick = tickCount()), as
   * recordEvent does, in an `I` frame (format 5) with its kind, outcome and text. Errors:
   * InvalidInput when `text` is longer than kMaxInstructorTextBytes; Io when writing fails.
   * After finish() or abandon(): contract violation.
   */
  core::Expected<void> recordInstructorEvent(InstructorCommandKind kind, InstructorOutcome outcome,
                                             std::string_view text);

  /** Forces the buffered ticks to the disk now (also done every simulated second). */
  core::Expected<void> flush();

  /** Ticks appended so far. */
  [[nodiscard]] std::uint64_t tickCount() const { return mTickCount; }
  [[nodiscard]] const TraceHeader& header() const { return mHeader; }
  [[nodiscard]] const std::filesystem::path& path() const { return mPath; }

private:
  TraceWriter() = default;
  core::Expected<void> writeBytes(const std::vector<std::uint8_t>& bytes);
  core::Expected<void> writeTicksFrame();
  core::Expected<void> writeSignedFinal(std::uint8_t type, std::vector<std::uint8_t> body);
  void close();

  std::filesystem::path mPath;
  TraceHeader mHeader;
  const WorkstationKey* mKey = nullptr;
  std::FILE* mFile = nullptr;
  std::unique_ptr<core::Hasher> mSigned; ///< Running hash of all bytes written (for signing).
  std::vector<std::uint8_t> mPending;    ///< Encoded changes since the last ticks frame.
  std::uint64_t mPendingChanges = 0;
  std::uint64_t mFrameFirstTick = 0;
  std::uint64_t mTickCount = 0;
  std::uint64_t mLastChangeTick = 0;
  core::ActionState mLast{};
  bool mEnded = false;
};

} // namespace skillsim::records
