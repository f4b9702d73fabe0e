#pragma once

#include "skillsim/certify/CertificateDecision.h"
#include "skillsim/certify/CertificateExportOptions.h"
#include "skillsim/certify/CertificateRule.h"

#include <string>

namespace skillsim::certify {

/** xAPI extension key holding a decision's parts, reasons, level and validity. */
inline constexpr const char* kCertificateDecisionExtension =
    "https://skillsim.invalid/xapi/extensions/certificate-decision";

/**
 * A certificate decision as xAPI 1.0.3 statements (a JSON array, deterministic): one per scored
 * part (object `<iriBase>/certificates/<id>/parts/<label>`, verb ADL passed or failed, result
 * score scaled/raw/min/max as a percentage, success = part met, context parent = the
 * certificate) and then one for the decision (object `<iriBase>/certificates/<id>`, verb passed
 * when awarded, failed when not, completed — with no success — while a review panel decides;
 * result score = weighted total when every part was scored; the parts and reasons in result
 * extension kCertificateDecisionExtension). Actor: an Agent with account {accountHomePage,
 * trainee id}. Timestamps: the decision date at 00:00:00Z. Statement ids: UUIDs derived from a
 * BLAKE2b hash of certificate, trainee, date and object, so exporting twice gives the same ids.
 * Display names in en-US and zh-CN.
 */
[[nodiscard]] std::string writeCertificateXapiStatements(const CertificateRule& rule,
                                                         const CertificateDecision& decision,
                                                         const CertificateExportOptions& options);

} // namespace skillsim::certify
