#pragma once

#include "skillsim/certify/CertificateDate.h"

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

/** One attempt and why it was or was not used. */
struct AttemptConsideration {
  std::string attemptId;
  std::string scenarioId;
  std::string startedAt;
  std::optional<double> percent; ///< 100 * score / max, when the data is valid.
  AttemptUse use = AttemptUse::Excluded;
  std::string reason; ///< E.g. "excluded: trace does not verify (signature mismatch)".

  friend bool operator==(const AttemptConsideration&, const AttemptConsideration&) = default;
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
  std::string reason;

  friend bool operator==(const PartOutcome&, const PartOutcome&) = default;
};

/**
 * A certificate decision with its reasons item by item: every attempt considered, every part,
 * the weighted total and the outcome. `reasons` is the printable form, one line per item, in
 * that order.
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
