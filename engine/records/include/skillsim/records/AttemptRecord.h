#pragma once

#include "skillsim/records/AttemptMode.h"

#include <skillsim/assessment/AttemptResult.h>

#include <cstdint>
#include <string>

namespace skillsim::records {

/** A scenario as the results store knows it (table `scenarios`). */
struct ScenarioInfo {
  std::string id;      ///< e.g. "trade.task".
  std::string hash;    ///< Lowercase hex of scenario::scenarioHash (64 digits): the identity.
  std::string title;   ///< Title in Chinese (zh-CN), as in the scenario file.
  std::string titleEn; ///< Title in English.
  std::string version; ///< The scenario file's version string.

  friend bool operator==(const ScenarioInfo&, const ScenarioInfo&) = default;
};

/**
 * One finished attempt as stored and exported: who, on what, when, how it was run, the full
 * AttemptResult, and the evidence (the trace's hash and whether its signature was valid).
 */
struct AttemptRecord {
  std::string attemptId;   ///< Unique and stable, e.g. the trace's file hash in hex; the key.
  std::string traineeId;   ///< The trainee's id at the training centre.
  std::string traineeName; ///< Display name; may be empty.
  ScenarioInfo scenario;
  AttemptMode mode = AttemptMode::Practice;
  std::int64_t startUtc = 0; ///< Attempt start, seconds since 1970-01-01T00:00:00Z.
  assessment::AttemptResult result;
  std::string traceHash;       ///< Lowercase hex BLAKE2b-256 of the .sktrace file; may be empty.
  bool signatureValid = false; ///< The trace's Ed25519 signature checked out when recorded.
  std::string engineVersion;   ///< core::engineVersion() of the recording engine.
  /**
   * The signed .sktrace file's bytes (schema 6 stores them with the attempt, so a verifier needs
   * only the database). Its BLAKE2b-256 must equal traceHash. Empty: none kept. attempts() leaves
   * it empty (ResultsStore::attemptTrace reads it); a queued attempt's file carries it (hex).
   */
  std::string trace;

  /** True when a veto ("automatic fail") item fired. */
  [[nodiscard]] bool vetoed() const { return !result.vetoes.empty(); }

  friend bool operator==(const AttemptRecord&, const AttemptRecord&) = default;
};

/**
 * An attempt left before its end at the workstation (Quit, Restart, the window closed), as the
 * results store keeps it (table `abandoned_attempts`, schema 5): an exam the trainee walked out of
 * stays on the record, with no score (issue 14 point 5; docs/results-store.md). Built from the
 * trace's signed header and its signed abandon record.
 */
struct AbandonedAttempt {
  std::string attemptId;   ///< The trace's file hash in hex (as for AttemptRecord): the key.
  std::string traineeId;   ///< From the trace's signed header.
  std::string traineeName; ///< Display name; may be empty.
  ScenarioInfo scenario;
  AttemptMode mode = AttemptMode::Practice;
  std::int64_t startUtc = 0; ///< Attempt start, seconds since 1970-01-01T00:00:00Z.
  std::uint64_t ticks = 0;   ///< Ticks recorded before it was abandoned.
  double duration = 0.0;     ///< Simulated seconds recorded (ticks / tick rate), s.
  std::string reason;        ///< The signed abandon record's reason (English evidence text).
  std::string traceHash;     ///< Lowercase hex BLAKE2b-256 of the .sktrace file.
  std::string engineVersion; ///< core::engineVersion() of the recording engine.

  friend bool operator==(const AbandonedAttempt&, const AbandonedAttempt&) = default;
};

} // namespace skillsim::records
