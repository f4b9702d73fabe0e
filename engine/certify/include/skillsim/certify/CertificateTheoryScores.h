#pragma once

#include "skillsim/certify/CertificateEvidence.h"

#include <skillsim/core/Expected.h>

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

namespace skillsim::certify {

/**
 * Theory examination scores by trainee id, parsed from CSV (RFC 4180: comma-separated, fields
 * may be double-quoted with "" for a quote). The first line is a header naming the columns:
 * `trainee_id` and `score` are required; `max_score` (default 100) and `date` (`YYYY-MM-DD`) are
 * optional; other columns (a name, a seat number) are ignored. Blank lines are skipped.
 *
 * Errors (ErrorCode::InvalidInput) name `file:line:column` and the column: a missing required
 * column, a row with the wrong number of fields, a score that is not a number or is outside
 * [0, max_score], a max_score that is not > 0, a date that does not exist, a trainee listed twice.
 * Each score's `source` is `file:line`.
 */
[[nodiscard]] core::Expected<std::map<std::string, CertificateTheoryScore>>
parseTheoryScoresCsv(std::string_view text, std::string_view fileName);

/** Reads and parses a theory-score CSV file; ErrorCode::NotFound when it does not exist. */
[[nodiscard]] core::Expected<std::map<std::string, CertificateTheoryScore>>
loadTheoryScoresCsv(const std::filesystem::path& path);

} // namespace skillsim::certify
