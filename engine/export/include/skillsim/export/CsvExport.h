#pragma once

#include <skillsim/messages/FindingText.h>
#include <skillsim/records/AttemptRecord.h>

#include <cstddef>
#include <functional>
#include <map>

#include <span>
#include <string>

namespace skillsim::exporting {

/** How the CSV roster is written. */
struct CsvOptions {
  /** Start with a UTF-8 byte order mark, so spreadsheet programs read Chinese names right. */
  bool byteOrderMark = true;
  /**
   * After the fixed columns, one column per rubric item, named `item_<item id>`, holding the
   * points awarded for that item (assessment::ItemResult::awardedPoints); the items are those of
   * every attempt exported, in the order they first appear (an attempt's own order, attempt by
   * attempt). An attempt without that item (another scenario) leaves the cell empty.
   */
  bool itemColumns = false;
  /** Called after each attempt's row with (attempts done, attempts in all); may be empty. */
  std::function<void(std::size_t, std::size_t)> progress;
};

/**
 * A class roster: one row per attempt (RFC 4180: comma-separated, CRLF line ends, fields with a
 * comma, quote or line break quoted, quotes doubled), with a header row. Columns: attempt_id,
 * trainee_id, trainee_name, scenario_id, scenario_title, scenario_version, scenario_hash, mode,
 * start_utc (ISO 8601), duration_s, score, maximum, pass_mark, passed, vetoed, completed, level,
 * deductions (count), points_deducted, trace_hash, signature_valid, then the item columns when
 * CsvOptions::itemColumns is set. Numbers are written in the
 * shortest form that reads back exactly; flags as true/false. A text field that begins with
 * `=`, `+`, `-` or `@` is prefixed with `'` so a spreadsheet shows it instead of evaluating it
 * (OWASP, "CSV injection").
 */
[[nodiscard]] std::string attemptsToCsv(std::span<const records::AttemptRecord> records,
                                        const CsvOptions& options = {});

/** The English text of the deductions in an export (docs/deduction-messages.md). */
struct ExportText {
  /** The English templates (assets/i18n/en.toml); null: no text column is filled. */
  const messages::MessageTemplates* english = nullptr;
  /** Machine labels and display names by scenario id; a scenario not here shows ids. */
  std::map<std::string, messages::MessageContext, std::less<>> contexts;
};

/**
 * Every deduction and veto of the attempts, one row each (RFC 4180 and the injection guard as
 * attemptsToCsv), header first. Columns: attempt_id, trainee_id, scenario_id, entry (deduction
 * or veto), time_s, item_id, criterion_id, points (0 for a veto), then the finding's fields
 * (assessment::Finding, SI units as `unit` says): kind, metric, control, unit, value, side,
 * limit, limit2, duration_s, phase, subject, other, event, expected, occurrence, count, total,
 * and text_en (the English text; a format 1 record's recorded reason).
 */
[[nodiscard]] std::string deductionsToCsv(std::span<const records::AttemptRecord> records,
                                          const ExportText& text, const CsvOptions& options = {});

} // namespace skillsim::exporting
