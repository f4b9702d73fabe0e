#pragma once

#include "skillsim/certify/CertificateDate.h"
#include "skillsim/certify/ExamAdmission.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skillsim::certify {

/** The outcome of a certificate evaluation. */
enum class CertificateOutcome : std::uint8_t {
  Awarded,            ///< Every part and the overall minimum met.
  NotAwarded,         ///< At least one part, or the overall minimum, not met.
  PendingPanelReview, ///< Every part met; the level requires a review panel to decide.
};

/** "awarded", "not awarded" or "pending panel review". */
[[nodiscard]] std::string_view toString(CertificateOutcome outcome);

/** How one of the trainee's attempts was treated. */
enum class AttemptUse : std::uint8_t {
  Counted,    ///< This attempt's score is the part's score.
  Superseded, ///< Valid, but the part's policy chose another attempt.
  Excluded,   ///< Cannot count: unverifiable trace, invalid data, dated after the decision.
  Unrelated,  ///< Its scenario is not a part of this certificate.
};

/** "counted", "superseded", "excluded" or "unrelated". */
[[nodiscard]] std::string_view toString(AttemptUse use);

/**
 * Why an attempt was used as it was: the structured form of AttemptConsideration::reason, from
 * which certificateReasonLines makes the words in either language.
 */
enum class AttemptNote : std::uint8_t {
  NotAPart,          ///< Unrelated: its scenario is no part of the certificate.
  InvalidScore,      ///< Excluded: score not finite or outside [0, max], or max not > 0.
  Practice,          ///< Excluded: a practice attempt.
  NotVerified,       ///< Excluded: its trace did not verify (verificationNote says why).
  NotAdmitted,       ///< Excluded: station or session checks refused it (admission says why).
  BadStartTime,      ///< Excluded: startedAt is not an ISO 8601 UTC time.
  AfterDecisionDate, ///< Excluded: made after the decision date.
  Counted,           ///< Counted for its part.
  Superseded,        ///< Valid, but the part's policy chose supersededBy.
};

/** One attempt and why it was or was not used. */
struct AttemptConsideration {
  std::string attemptId;
  std::string scenarioId;
  std::string startedAt;
  std::optional<double> percent; ///< 100 * score / max, when the data is valid.
  AttemptUse use = AttemptUse::Excluded;
  std::string reason; ///< E.g. "excluded: trace does not verify (signature mismatch)".
  AttemptNote note = AttemptNote::NotVerified; ///< `reason` as data.
  double score = 0.0;                          ///< Points awarded, as given.
  double maxScore = 0.0;                       ///< Points possible, as given.
  std::string verificationNote; ///< NotVerified: the verifier's reason ("" = none recorded).
  ExamAdmission admission;      ///< NotAdmitted: the refusal and its details.
  std::string madeOn;           ///< AfterDecisionDate: the attempt's date, `YYYY-MM-DD`.
  std::string decisionDate;     ///< AfterDecisionDate: the decision date, `YYYY-MM-DD`.
  bool bestPolicy = false;      ///< Counted / Superseded: the part counts its best attempt.
  bool vetoed = false;          ///< Counted: a veto item fired in it.
  std::string supersededBy;     ///< Superseded: the attempt that counts instead.

  friend bool operator==(const AttemptConsideration&, const AttemptConsideration&) = default;
};

/** Where a part's score came from: the structured form of the source in PartOutcome::reason. */
enum class PartSource : std::uint8_t {
  TheoryScore,   ///< A valid theory score (sourceScore of sourceMax, from sourceOrigin).
  TheoryInvalid, ///< A theory score out of range (sourceScore of sourceMax).
  TheoryMissing, ///< No theory score on record.
  Attempt,       ///< The counted attempt (countedAttemptId, sourceScore of sourceMax).
  NoAttempt,     ///< No countable exam attempt at the part's scenario (label).
};

/** One part of the certificate and whether it was met. */
struct PartOutcome {
  std::string label; ///< "theory" or the scenario id.
  double weight = 0.0;
  double minimum = 0.0;          ///< Percent.
  std::optional<double> percent; ///< The part's score in percent; nullopt: nothing counted.
  std::string countedAttemptId;  ///< Practical: the attempt that counted.
  bool vetoed = false;           ///< The counted attempt had a veto.
  bool met = false;
  std::string reason; ///< English, as recorded; certificateReasonLines words it in either language.
  PartSource source = PartSource::NoAttempt;
  double sourceScore = 0.0; ///< Theory or attempt points, as given.
  double sourceMax = 0.0;   ///< Their maximum.
  std::string sourceOrigin; ///< TheoryScore: where it came from ("theory.csv:4"), or "".

  friend bool operator==(const PartOutcome&, const PartOutcome&) = default;
};

/**
 * A certificate decision with its reasons item by item: every attempt considered, every part,
 * the weighted total and the outcome. `reasons` is the printable form in English, one line per
 * item, in that order, as the decision store records it; certificateReasonLines (in
 * CertificateReasonText.h) makes the same lines in zh-CN or en from the structured fields.
 */
struct CertificateDecision {
  std::string certificateId;
  std::string level; ///< The rule's level name, or "".
  std::string traineeId;
  std::string traineeName;
  CertificateOutcome outcome = CertificateOutcome::NotAwarded;
  std::vector<AttemptConsideration> attempts; ///< In the order given.
  std::vector<PartOutcome> parts;             ///< In the rule's order.
  std::optional<double> weightedPercent;      ///< Sum of weight * percent, when all parts scored.
  std::optional<double> overallMinimum;       ///< The rule's, when it has one.
  CertificateDate decidedOn;
  std::optional<CertificateDate> validUntil; ///< Awarded with a validity period only.
  std::vector<std::string> reasons;

  [[nodiscard]] bool awarded() const { return outcome == CertificateOutcome::Awarded; }

  friend bool operator==(const CertificateDecision&, const CertificateDecision&) = default;
};

} // namespace skillsim::certify
