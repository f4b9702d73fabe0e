#pragma once

#include "skillsim/certify/CertificateDecision.h"
#include "skillsim/certify/CertificateExportOptions.h"
#include "skillsim/certify/CertificateRule.h"

#include <skillsim/core/Expected.h>

#include <string>

namespace skillsim::certify {

/** The W3C Verifiable Credentials Data Model 2.0 context, first in every credential. */
inline constexpr const char* kVerifiableCredentialsContext = "https://www.w3.org/ns/credentials/v2";
/** The Open Badges 3.0 JSON-LD context (1EdTech Open Badges 3.0, context version 3.0.3). */
inline constexpr const char* kOpenBadgesContext =
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

/**
 * An awarded certificate decision as an Open Badges 3.0 `OpenBadgeCredential` (JSON, UTF-8,
 * 2-space indented, keys in a fixed order; deterministic):
 * `@context` (VC 2.0, OB 3.0), `id` (`urn:uuid:` of a BLAKE2b-derived UUID over certificate,
 * trainee and decision date), `type` [VerifiableCredential, OpenBadgeCredential], `issuer`
 * (Profile), `name`, `description`, `validFrom` (decision date, 00:00:00Z), `validUntil` (when
 * the rule has a validity period), `credentialSubject` (AchievementSubject identified by the
 * trainee id, unhashed IdentityObject) with its `achievement` (id `<iriBase>/certificates/<id>`,
 * achievementType License or Certificate, `criteria.narrative` from the rule, `inLanguage`) and
 * `evidence` (one entry per counted attempt).
 *
 * UNSIGNED: the credential has no `proof`, so it is not yet verifiable; its `description` starts
 * with "UNSIGNED" (and the Chinese equivalent) to say so. Signing (eddsa-rdfc-2022 or JWT) is
 * future work.
 *
 * Errors: ErrorCode::InvalidInput when the decision is not Awarded (a credential states an
 * achievement), or when it is for another certificate than `rule`.
 */
[[nodiscard]] core::Expected<std::string>
writeOpenBadgeCredential(const CertificateRule& rule, const CertificateDecision& decision,
                         const CertificateExportOptions& options);

} // namespace skillsim::certify
