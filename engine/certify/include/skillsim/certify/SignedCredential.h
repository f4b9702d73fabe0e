#pragma once

#include "skillsim/certify/CertificateDecision.h"
#include "skillsim/certify/CertificateExportOptions.h"
#include "skillsim/certify/CertificateRule.h"

#include <skillsim/core/Expected.h>
#include <skillsim/records/WorkstationKey.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace skillsim::certify {

/** The compact JWS header's `typ` for a credential secured with JOSE (W3C VC-JOSE-COSE, §3.1). */
inline constexpr const char* kCredentialJwtType = "vc+jwt";

/**
 * The `did:key` of an Ed25519 public key (W3C did:key method 0.7): `did:key:z` followed by the
 * base58btc (Bitcoin alphabet) encoding of the multicodec prefix ed25519-pub (0xed 0x01) and the
 * 32 key bytes, e.g. `did:key:z6Mk…`.
 */
[[nodiscard]] std::string didKeyOf(const records::PublicKey& key);

/**
 * The Ed25519 public key named by `did` (`did:key:z6Mk…`, with or without a `#fragment`).
 * Errors: InvalidInput naming what is wrong (not did:key, not base58btc, not an ed25519-pub key).
 */
[[nodiscard]] core::Expected<records::PublicKey> publicKeyOfDidKey(std::string_view did);

/** An awarded decision's credential, signed. */
struct SignedCredential {
  /**
   * The credential as JSON (as writeOpenBadgeCredential, but with `issuer.id` the issuer key's
   * did:key and a description that no longer says UNSIGNED). It passes the Open Badges 3.0
   * AchievementCredential schema.
   */
  std::string json;
  /**
   * The same credential secured as a compact JWS (RFC 7515 §7.1, VC-JOSE-COSE "vc+jwt"):
   * header `{"alg":"EdDSA","kid":"<did>#<key>","typ":"vc+jwt","cty":"vc"}`; payload the
   * credential with the JWT claims `iss` (issuer did), `jti` (credential id), `sub` (trainee id),
   * `nbf` (validFrom) and, with a validUntil, `exp` (RFC 7519 NumericDate, s since 1970 UTC);
   * signature Ed25519 (RFC 8032, libsodium) over `header.payload`, all base64url without padding.
   */
  std::string jwt;
};

/**
 * Builds and signs the credential of an awarded decision with the issuer's Ed25519 key.
 * Deterministic: the same decision and key give the same bytes. Errors: as
 * writeOpenBadgeCredential.
 */
[[nodiscard]] core::Expected<SignedCredential>
signOpenBadgeCredential(const CertificateRule& rule, const CertificateDecision& decision,
                        const CertificateExportOptions& options,
                        const records::WorkstationKey& issuerKey);

/** What a credential that verified says. */
struct VerifiedCredential {
  std::string issuer;                    ///< The issuer's did:key (the signing key).
  std::string issuerName;                ///< issuer.name.
  std::string credentialId;              ///< `id` (urn:uuid:…).
  std::string name;                      ///< The credential's name (the achievement and its level).
  std::string traineeId;                 ///< The subject's identifier.
  std::string validFrom;                 ///< As in the credential, e.g. 2026-11-29T00:00:00Z.
  std::optional<std::string> validUntil; ///< Absent: no end of validity.
};

/**
 * Verifies a compact-JWS credential offline, in this order, each failure with its own message:
 * the token's shape (three base64url parts, a JSON header with alg "EdDSA" and a did:key `kid`);
 * the Ed25519 signature over `header.payload` with the kid's key (Integrity: "the signature does
 * not match …": a changed byte); the payload's Open Badges 3.0 shape (contexts, types, id,
 * issuer, validFrom, credentialSubject with its achievement; InvalidInput); that the signing key
 * is the issuer's (`issuer.id` and `iss` equal the kid's did; Integrity "signed with key …, not
 * the issuer's"); when `trustedIssuer` is not empty, that the issuer is that did (Integrity
 * "issued by …, not by the trusted issuer …": a wrong key); the dates: `nbf`/`exp` equal to
 * validFrom/validUntil, and `nowUnixSeconds` (s since 1970 UTC) within [validFrom, validUntil)
 * (InvalidInput "expired on …" or "not valid before …").
 */
[[nodiscard]] core::Expected<VerifiedCredential>
verifyOpenBadgeJwt(std::string_view jwt, std::int64_t nowUnixSeconds,
                   std::string_view trustedIssuer = {});

} // namespace skillsim::certify
