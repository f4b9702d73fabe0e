#pragma once

#include "skillsim/certify/CertificateDecision.h"

#include <string>
#include <string_view>
#include <vector>

namespace skillsim::certify {

/**
 * The reasons of `decision`, one line per item in the order of CertificateDecision::reasons
 * (each attempt, each part, the weighted total, the verdict, the validity when awarded), made
 * from its structured fields in `language`: "zh-CN" for Chinese, anything else for English. The
 * English lines are exactly the ones evaluateCertificate records in `reasons`. Numbers keep two
 * decimals in both languages; ids, file names and the verifier's own note are not translated.
 */
[[nodiscard]] std::vector<std::string> certificateReasonLines(const CertificateDecision& decision,
                                                              std::string_view language);

/** The reason for one attempt (AttemptConsideration::reason in English) in `language`. */
[[nodiscard]] std::string attemptReasonText(const AttemptConsideration& attempt,
                                            std::string_view language);

/** The reason for one part (PartOutcome::reason in English) in `language`. */
[[nodiscard]] std::string partReasonText(const PartOutcome& part, std::string_view language);

} // namespace skillsim::certify
