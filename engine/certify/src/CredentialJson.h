#pragma once
// The credential object shared by the unsigned writer and the signer (BadgeCredential.cpp).

#include "skillsim/certify/CertificateDecision.h"
#include "skillsim/certify/CertificateExportOptions.h"
#include "skillsim/certify/CertificateRule.h"

#include <skillsim/core/Expected.h>

#include <nlohmann/json.hpp>

namespace skillsim::certify::detail {

/**
 * The Open Badges 3.0 credential of an awarded decision (see writeOpenBadgeCredential). With
 * `willBeSigned` the description says that it is secured as a JWT instead of UNSIGNED.
 */
[[nodiscard]] core::Expected<nlohmann::ordered_json>
credentialJson(const CertificateRule& rule, const CertificateDecision& decision,
               const CertificateExportOptions& options, bool willBeSigned);

} // namespace skillsim::certify::detail
