#pragma once

#include <skillsim/records/ResultsStore.h>
#include <skillsim/records/TraceHeader.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace skillsim::certify {

/**
 * Why an exam attempt may not count towards a certificate although its trace verifies (issue 13,
 * point 13: "a bot can earn a licence"); None when it may. docs/certificates.md, "Exam stations
 * and sessions", gives the rules in full.
 */
enum class ExamRefusal : std::uint8_t {
  None,                 ///< Admitted: registered station, its session, a person at the controls.
  NotChecked,           ///< Station and session were never checked (the safe default).
  PracticeMode,         ///< The trace says practice.
  Scripted,             ///< Driven by the scripted operator (`skillsim operate`).
  UnregisteredKey,      ///< The signing key is no station of this store (at the attempt's time).
  RevokedKey,           ///< The station was revoked at or before the attempt began.
  NoSession,            ///< The trace names no exam session.
  UnknownSession,       ///< The trace's session id is not in this store.
  SessionMismatch,      ///< The trace's invigilator or opening time differ from the store's.
  OutsideSessionWindow, ///< The attempt began before the session opened or after it closed.
};

/** A stable English word for each refusal, for logs and tests ("revoked-key"). */
[[nodiscard]] std::string_view toString(ExamRefusal refusal);

/** The outcome of admitting one exam attempt, with what the plain-words text needs. */
struct ExamAdmission {
  ExamRefusal refusal = ExamRefusal::NotChecked;
  std::string keyId;           ///< records::keyId of the trace's signing key.
  std::int64_t attemptUtc = 0; ///< The attempt's start (trace header), s since 1970.
  std::int64_t stationId = 0;  ///< The station found for the key (0: none).
  std::string stationName;     ///< Its name.
  std::string revokedBy;       ///< RevokedKey: who revoked it.
  std::int64_t eventUtc = 0;   ///< RevokedKey: when; UnregisteredKey: a later registration
                               ///< (0: never registered); window: when the session opened.
  std::optional<std::int64_t> closedUtc; ///< OutsideSessionWindow: when the session closed.
  std::string sessionId;                 ///< The trace's exam session id.
  std::string invigilatorId;             ///< The trace's invigilator.

  [[nodiscard]] bool counts() const { return refusal == ExamRefusal::None; }
  /** An admission that counts (for callers that have checked station and session elsewhere). */
  [[nodiscard]] static ExamAdmission admitted() { return {.refusal = ExamRefusal::None}; }

  friend bool operator==(const ExamAdmission&, const ExamAdmission&) = default;
};

/**
 * Decides whether the exam attempt recorded with `header` (a verified trace's header) counts,
 * given the store's registered `stations` and `sessions`. The first failing condition is named,
 * in this order: practice mode, scripted, key not registered at the attempt's start, key revoked
 * at or before it, no session, unknown session, session fields differing from the store's, start
 * outside [opened, closed] (closed inclusive; an open session has no end).
 *
 * Revocation: a station revoked at time R does not count attempts begun at or after R (R <=
 * start); attempts begun before R still count, since the station was in service and the session
 * check ties them to an invigilated room. A key registered again after a revocation counts from
 * its new registration time. A key registered only after the attempt began does not count it.
 */
[[nodiscard]] ExamAdmission admitExamAttempt(const records::TraceHeader& header,
                                             std::span<const records::ExamStation> stations,
                                             std::span<const records::ExamSession> sessions);

/**
 * The admission in plain words, `language` "zh-CN" (Chinese) or anything else (English), e.g.
 * "not counted: signed by key 3f2a9c01b2d4e5f6, which is no registered exam station of this
 * store" / "不计入：签名密钥 3f2a9c01b2d4e5f6 不是本库登记的考试工位".
 */
[[nodiscard]] std::string examAdmissionText(const ExamAdmission& admission,
                                            std::string_view language);

} // namespace skillsim::certify
