#pragma once

#include "skillsim/records/TraceHeader.h"

#include <skillsim/assessment/AttemptResult.h>
#include <skillsim/core/ActionState.h>
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
  std::vector<core::ActionState> actions; ///< actions[t] = the inputs of tick t.
  bool complete = false;                  ///< The end record is present and its signature valid.
  std::string incompleteReason;           ///< Why there is no result (empty when complete).
  std::optional<assessment::AttemptResult> result; ///< The recorded result (complete only).
  core::Digest resultHash{};                       ///< resultHash(*result) as signed.
  core::Digest fileHash{}; ///< BLAKE2b-256 of the whole file: the "trace hash" of the store.

  /** Simulated seconds covered: actions.size() / tickRate. */
  [[nodiscard]] double duration() const {
    return header.tickRate == 0 ? 0.0 : static_cast<double>(actions.size()) / header.tickRate;
  }
};

} // namespace skillsim::records
