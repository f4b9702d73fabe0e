#pragma once

#include "skillsim/certify/CertificateRule.h"

#include <skillsim/core/Expected.h>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace skillsim::certify {

/**
 * Parses a certificate rule from TOML text (format: docs/certificate-format.md). `fileName` is
 * used in messages only. Errors (ErrorCode::InvalidInput, or Unsupported for another
 * format_version) name `file:line:column`, the field and what would be right: a TOML syntax
 * error, an unknown or missing key, a wrong type, a value out of range, a level not in its
 * level system, weights that do not sum to 1, a part minimum below the one the certificate kind
 * requires (special-equipment licences 70, national skill standards 60; ../shared/EXAMS.md).
 */
[[nodiscard]] core::Expected<CertificateRule> parseCertificateRule(std::string_view text,
                                                                   std::string_view fileName);

/** Reads and parses a rule file; ErrorCode::NotFound / Io when the file cannot be read. */
[[nodiscard]] core::Expected<CertificateRule>
loadCertificateRule(const std::filesystem::path& path);

/**
 * Loads `<directory>/<id>.toml` and checks that its `id` is `id`. ErrorCode::NotFound, with the
 * ids that do exist, when there is no such file.
 */
[[nodiscard]] core::Expected<CertificateRule>
findCertificateRule(const std::filesystem::path& directory, std::string_view id);

/**
 * A mock-exam scenario counted as a licence's practical: nullopt when `rule` is no
 * special-equipment licence or none of its practical parts names a scenario of `mockExams`
 * (scenario id -> where its `mock_exam = true` is written). Otherwise an InvalidInput error at the
 * part's `scenario` value (file:line:column, field `parts[i].scenario`) naming the scenario's flag:
 * a simulator may not replace the licence's practical test (China's draft syllabus for in-plant
 * vehicle operators, ../shared/EXAMS.md), so no rule may count a mock exam as it.
 */
[[nodiscard]] std::optional<core::Error>
mockExamPracticalProblem(const CertificateRule& rule,
                         const std::map<std::string, core::SourceLocation>& mockExams);

} // namespace skillsim::certify
