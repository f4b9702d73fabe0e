#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

namespace CLI {
class App;
} // namespace CLI

namespace skillsim::app {

/** Options of `skillsim export`. */
struct ExportOptions {
  std::string db;        ///< Results store: an SQLite file (must exist) or a postgresql:// URL.
  std::string traineeId; ///< One trainee, or
  std::string classFile; ///< a class list (report::parseReportClassList); neither: everyone.
  std::string from;      ///< First day included, `YYYY-MM-DD` (UTC); empty: no lower bound.
  std::string to;        ///< Last day included, `YYYY-MM-DD` (UTC); empty: no upper bound.
  std::string format;    ///< csv, json or xapi.
  std::string out;       ///< The file to write.
};

/** Registers `export` and its options on `cli`; returns the subcommand. */
CLI::App* addExportCommand(CLI::App& cli, ExportOptions& options);

/**
 * `skillsim export --db URL [--trainee ID | --class FILE] [--from DATE] [--to DATE]
 * --format csv|json|xapi --out FILE`: reads the attempts from the results store (a class's
 * trainees in the list's order, each trainee's attempts oldest first; a class list's name
 * replaces an empty stored name), keeps those that started within [--from 00:00:00Z,
 * --to 23:59:59Z] and writes them: `csv` as exporting::attemptsToCsv with one `item_<id>` column
 * of awarded points per rubric item (UTF-8 with a byte order mark, RFC 4180); `json` as
 * records::attemptsToJson; `xapi` as exporting::attemptsToXapi (English deduction texts when the
 * assets are found). A progress bar on a terminal from kExportProgressThreshold attempts.
 * Prints `wrote FILE: N attempt(s) of M trainee(s)`. Errors (kExitFailure, message on `err`): a
 * store that cannot be opened or does not exist, a bad class list (file:line:column), a file
 * that cannot be written; kExitUsage for a bad date or --from after --to. Never throws.
 */
int runExport(const ExportOptions& options, std::ostream& out, std::ostream& err);

/** From this many attempts on, `export` shows a progress bar on a terminal. */
inline constexpr std::size_t kExportProgressThreshold = 50;

/**
 * Seconds since 1970-01-01T00:00:00Z of 00:00:00Z on the day `YYYY-MM-DD` (exactly ten
 * characters, a day that exists in the proleptic Gregorian calendar); nullopt otherwise.
 * Days from the civil date by H. Hinnant's `days_from_civil` ("chrono-Compatible Low-Level Date
 * Algorithms").
 */
[[nodiscard]] std::optional<std::int64_t> startOfUtcDay(std::string_view date);

} // namespace skillsim::app
