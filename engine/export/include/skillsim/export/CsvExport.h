#pragma once

#include <skillsim/records/AttemptRecord.h>

#include <span>
#include <string>

namespace skillsim::exporting {

/** How the CSV roster is written. */
struct CsvOptions {
  /** Start with a UTF-8 byte order mark, so spreadsheet programs read Chinese names right. */
  bool byteOrderMark = true;
};

/**
 * A class roster: one row per attempt (RFC 4180: comma-separated, CRLF line ends, fields with a
 * comma, quote or line break quoted, quotes doubled), with a header row. Columns: attempt_id,
 * trainee_id, trainee_name, scenario_id, scenario_title, scenario_version, scenario_hash, mode,
 * start_utc (ISO 8601), duration_s, score, maximum, pass_mark, passed, vetoed, completed, level,
 * deductions (count), points_deducted, trace_hash, signature_valid. Numbers are written in the
 * shortest form that reads back exactly; flags as true/false. A text field that begins with
 * `=`, `+`, `-` or `@` is prefixed with `'` so a spreadsheet shows it instead of evaluating it
 * (OWASP, "CSV injection").
 */
[[nodiscard]] std::string attemptsToCsv(std::span<const records::AttemptRecord> records,
                                        const CsvOptions& options = {});

} // namespace skillsim::exporting
