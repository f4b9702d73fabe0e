#pragma once

#include "skillsim/records/AttemptRecord.h"
#include "skillsim/records/ReportData.h"

#include <skillsim/assessment/CertificateEvidence.h>

namespace skillsim::records {

/**
 * A stored attempt as certificate evidence: id, scenario id, total and maximum points, the
 * scenario's verdict, veto, exam mode, start time (ISO 8601 UTC). `verified` is the store's
 * `signatureValid` — the trace's Ed25519 signature checked when the attempt was recorded — and
 * an attempt without it carries the note "the trace's signature did not verify when the attempt
 * was recorded". (Re-simulating the trace at certification time needs the trace file, which the
 * store does not hold; `skillsim verify TRACE` does that.)
 */
[[nodiscard]] assessment::CertificateAttempt
certificateAttemptFromRecord(const AttemptRecord& record);

/**
 * A stored attempt as report data: reportAttemptFromResult(record.result) plus the attempt,
 * trainee, scenario (title in zh-CN or, for `language` "en", English), start time and the
 * verification flag as in certificateAttemptFromRecord. Motion samples stay empty (they come from
 * re-simulating the trace).
 */
[[nodiscard]] ReportAttempt reportAttemptFromRecord(const AttemptRecord& record,
                                                    const std::string& language);

} // namespace skillsim::records
