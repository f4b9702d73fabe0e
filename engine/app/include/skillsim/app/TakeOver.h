#pragma once

#include <skillsim/core/Expected.h>
#include <skillsim/records/Trace.h>
#include <skillsim/records/TraceHeader.h>
#include <skillsim/scenario/AttemptRunner.h>
#include <skillsim/scenario/Scenario.h>

#include <cstdint>
#include <filesystem>

namespace skillsim::app {

/**
 * Where a Take over starts (issue 17, point 2; docs/replay.md "Take over"): a replayed trace (the
 * parent) and the tick at which the new attempt takes the controls.
 */
struct TakeOverPoint {
  records::Trace parent;      ///< As read (any mode; complete or not).
  std::filesystem::path file; ///< The parent trace's file, for messages.
  std::uint64_t tick = 0;     ///< Ticks of the parent replayed first, < parent.actions.size().
};

/**
 * The take-over of `parent` (read from `file`) at `seconds` into it on `scenario` (rounded to the
 * nearest tick at the scenario's tick rate). Errors (InvalidInput, naming the file): the parent
 * was recorded on another scenario (its hash differs) or another machine's controls; `seconds` is
 * negative, not finite, or at or after the parent's last tick ("the attempt ends at 437.9 s:
 * take over before its end").
 */
[[nodiscard]] core::Expected<TakeOverPoint> takeOverPoint(records::Trace parent,
                                                          const std::filesystem::path& file,
                                                          const scenario::Scenario& scenario,
                                                          double seconds);

/**
 * Marks `header` as a take-over of `point` (trace format 6): the parent's file hash and the tick,
 * and practice mode whatever the parent's was (a take-over is never an exam attempt), with no
 * exam session.
 */
void markTakeOver(records::TraceHeader& header, const TakeOverPoint& point);

/**
 * Steps `runner`, a fresh attempt at the parent's scenario, through the parent's inputs of ticks
 * 0..point.tick-1 as fast as it can (no display), so its observers (the new trace) record them as
 * the attempt's first ticks and it then stands in the parent's state at that tick, bit for bit.
 * Errors (InvalidInput naming the file and tick): the runner is not at tick 0, or the attempt
 * ended before the tick (the parent's recorded attempt did not run through it on this build).
 */
[[nodiscard]] core::Expected<void> replayToTakeOver(scenario::AttemptRunner& runner,
                                                    const TakeOverPoint& point);

} // namespace skillsim::app
