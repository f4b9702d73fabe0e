#pragma once

#include "skillsim/records/AttemptRecord.h"
#include "skillsim/records/ReportData.h"

#include <skillsim/assessment/CertificateEvidence.h>

namespace skillsim::records {

/**
 * A stored attempt as certificate evidence: id, scenario id, total and maximum points, the
 * scenario's verdict, veto, exam mode, start time (ISO 8601 UTC). `verified` here is only the
 * store's `signatureValid` — the trace's Ed25519 signature checked when the attempt was recorded —
 * and an attempt without it carries the note "the trace's signature did not verify when the
 * attempt was recorded". That flag is NOT enough to count towards a certificate: `skillsim
 * certify` overwrites `verified` and the note with a re-verification at certification time
 * (app::checkStoredAttempts: the trace found by its hash, re-simulated bit-exact, and its result
 * equal to the stored one).
 */
[[nodiscard]] assessment::CertificateAttempt
certificateAttemptFromRecord(const AttemptRecord& record);

/**
 * A stored attempt as report data: reportAttemptFromResult(record.result) plus the attempt,
 * trainee, scenario (title in zh-CN or, for `language` "en", English), start time and the
 * store's verification flag as in certificateAttemptFromRecord. Motion samples and bands stay
 * empty: `skillsim report` fills them, and replaces `verified`, by re-simulating the trace
 * (app::checkStoredAttempts).
 */
[[nodiscard]] ReportAttempt reportAttemptFromRecord(const AttemptRecord& record,
                                                    const std::string& language);

} // namespace skillsim::records
