#pragma once

#include "skillsim/certify/CertificateDecision.h"
#include "skillsim/certify/CertificateEvidence.h"
#include "skillsim/certify/CertificateRule.h"

namespace skillsim::certify {

/**
 * Scores are compared with this slack (percentage points), so that a weighted total such as
 * 0.3 * 70 + 0.7 * 70 that binary floating point computes as 69.99999999999999 still meets a
 * minimum of 70. It is far below any score's printed precision (0.01).
 */
inline constexpr double kCertificateScoreTolerance = 1e-9;

/** True when `percent` meets `minimum` (both in percent), with kCertificateScoreTolerance. */
[[nodiscard]] inline bool meetsMinimum(double percent, double minimum) {
  return percent >= minimum - kCertificateScoreTolerance;
}

/**
 * Applies a certificate rule to a trainee's evidence (a pure function; same input, same
 * decision).
 *
 * Per attempt: an attempt whose scenario is not a part is `Unrelated`; one whose score is not
 * finite or outside [0, max], whose max is not > 0, that was a practice attempt (not under exam
 * rules), whose trace did not verify, whose start time is not `YYYY-MM-DD...` or is after the
 * decision date is `Excluded` with the first of these reasons, in this order (so a practice
 * attempt is excluded as practice whether or not its trace was re-simulated). Of the remaining
 * attempts at a part's scenario, the part's policy picks one (`latest`: the last by start time,
 * ties by attempt id; `best`: the highest percentage, ties to the earlier); the others are
 * `Superseded`.
 *
 * Per part: met when its percentage (100 * score / max) >= its minimum - tolerance and, for a
 * practical part, the counted attempt was not vetoed (a veto fails the attempt whatever its
 * score). A part with nothing to count is not met. The theory part uses evidence.theory.
 *
 * Overall: Awarded when every part is met and the weighted total meets the overall minimum (if
 * the rule has one); PendingPanelReview instead when the level needs a panel; else NotAwarded.
 * validUntil = decision date + validity years when awarded and the rule has a validity period.
 */
[[nodiscard]] CertificateDecision evaluateCertificate(const CertificateRule& rule,
                                                      const CertificateEvidence& evidence);

} // namespace skillsim::certify
