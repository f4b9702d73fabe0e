#pragma once

#include "skillsim/certify/CertificateEvidence.h"

#include <skillsim/records/AttemptRecord.h>

namespace skillsim::certify {

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
[[nodiscard]] CertificateAttempt certificateAttemptFromRecord(const records::AttemptRecord& record);

} // namespace skillsim::certify
