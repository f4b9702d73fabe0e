#pragma once

#include "skillsim/certify/CertificateDate.h"
#include "skillsim/certify/ExamAdmission.h"

#include <optional>
#include <string>
#include <vector>

namespace skillsim::certify {

/**
 * One practical attempt as the certificate evaluation sees it: plain data taken from the
 * results store (or a test). `verified` says whether the attempt's trace re-verified (signature
 * valid and re-simulation gave the same result); only verified attempts can count.
 */
struct CertificateAttempt {
  std::string attemptId;  ///< Store id or trace hash; names the attempt in reasons.
  std::string scenarioId; ///< Scenario the attempt was made in.
  double score = 0.0;     ///< Points awarded (AttemptResult::totalPoints).
  double maxScore = 0.0;  ///< Points possible (AttemptResult::maxPoints), > 0.
  bool passed = false;    ///< The scenario's own verdict (pass mark, no veto).
  bool vetoed = false;    ///< A veto ("automatic fail") item fired.
  bool verified = false;  ///< The trace's signature and re-simulation matched.
  bool exam = false;      ///< Made under exam rules (no hints, no pause); practice never counts.
  std::string verificationNote; ///< Why it could not be verified (shown when !verified).
  std::string startedAt;        ///< ISO 8601 UTC, `YYYY-MM-DDThh:mm:ssZ`.
  /**
   * Whether it was taken at a registered exam station in an invigilated session by a person
   * (admitExamAttempt on the verified trace's header). Defaults to NotChecked, which never
   * counts: only an attempt whose station and session were checked can.
   */
  ExamAdmission admission;
};

/** A theory examination score (from the examination body's CSV export). */
struct CertificateTheoryScore {
  double score = 0.0;
  double maxScore = 100.0;
  std::string date;   ///< `YYYY-MM-DD`, or empty when the export has none.
  std::string source; ///< Where it came from, e.g. `theory.csv:4`, for reasons.
};

/** Everything a certificate decision is made from. */
struct CertificateEvidence {
  std::string traineeId;
  std::string traineeName;
  std::vector<CertificateAttempt> attempts;     ///< Any order; any scenarios.
  std::optional<CertificateTheoryScore> theory; ///< nullopt: no theory score on record.
  CertificateDate decisionDate; ///< The day of the decision (validFrom); given, never the clock.
};

} // namespace skillsim::certify
