#pragma once

#include "skillsim/records/TraceHeader.h"

#include <skillsim/assessment/AttemptResult.h>
#include <skillsim/core/ActionState.h>
#include <skillsim/core/ActionTrack.h>
#include <skillsim/core/Controls.h>
#include <skillsim/core/Expected.h>
#include <skillsim/core/Hash.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace skillsim::records {

/**
 * A trace as read back by TraceReader: header, every tick's ActionState and, for a complete
 * attempt, the signed result. An incomplete trace (no end record: a crash, a killed process, or an
 * abandoned attempt) carries its reason and never a result.
 */
struct Trace {
  TraceHeader header;
  /** actions[t] = the inputs of tick t; memory grows with the changes, not the ticks. */
  core::ActionTrack actions;
  bool complete = false;        ///< The end record is present and its signature valid.
  std::string incompleteReason; ///< Why there is no result (empty when complete).
  /**
   * For an attempt abandoned at the workstation (a signed abandon record): the reason the writer
   * gave, e.g. "the trainee closed the window before the end"; empty otherwise.
   */
  std::string abandonReason;
  std::optional<assessment::AttemptResult> result; ///< The recorded result (complete only).
  core::Digest resultHash{};                       ///< resultHash(*result) as signed.
  core::Digest fileHash{}; ///< BLAKE2b-256 of the whole file: the "trace hash" of the store.

  /** Simulated seconds covered: actions.size() / tickRate. */
  [[nodiscard]] double duration() const {
    return header.tickRate == 0 ? 0.0 : static_cast<double>(actions.size()) / header.tickRate;
  }
};

/**
 * Checks that a trace's inputs belong to a machine with `controls` before it is re-simulated:
 * a version 2 trace must name the same control ids in the same slots; a version 1 trace (no
 * layout recorded) may set only slots the machine declares. Errors (InvalidInput, naming the
 * file and, for version 1, the first tick with an undeclared value): "the trace records controls
 * (a, b) but the scenario's machine declares (c, d)".
 */
[[nodiscard]] core::Expected<void> checkTraceControls(const Trace& trace, const std::string& file,
                                                      const core::ControlLayout& controls);

} // namespace skillsim::records
