#pragma once

#include <skillsim/core/Expected.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skillsim::readers {

/** One field of a CSV row, quotes removed. */
struct CsvField {
  std::string text;
  std::uint32_t column = 1; ///< 1-based byte column where the field starts.
};

/** One row: its 1-based line number and its fields, in order. */
struct CsvRow {
  std::uint32_t line = 0;
  std::vector<CsvField> fields;
};

/** How a CsvReader splits lines. The defaults are RFC 4180. */
struct CsvOptions {
  /** Each of these characters ends a field. */
  std::string_view separators = ",";
  /** RFC 4180 quoting: a field may be double-quoted, with "" for a quote. Off: `"` is text. */
  bool quotes = true;
  /** At most this many fields; the last one holds the rest of the line as it is. 0: no limit. */
  std::size_t maxFields = 0;
  /** Spaces and tabs before the first field are skipped; its column is after them. */
  bool skipLeadingBlanks = false;
  /** A line whose first non-blank character is this one is skipped; '\0': none is. */
  char comment = '\0';
};

/**
 * Reads CSV text a person or a spreadsheet wrote, one row at a time, so that a parser reports the
 * first problem in file order: a UTF-8 byte-order mark at the start is skipped, lines end with
 * LF or CRLF, and blank lines (only spaces and tabs) are skipped. Used by every CSV file SkillSim
 * reads (theory scores, class lists); each parser checks its own columns.
 */
class CsvReader {
public:
  /** `text` must outlive the reader; `fileName` names the file in errors. */
  CsvReader(std::string_view text, std::string fileName, CsvOptions options = {});

  /**
   * The next row; nullopt at the end of the text. Error: InvalidInput "unterminated or
   * misplaced quote" at file:line:column of the field's opening quote.
   */
  [[nodiscard]] core::Expected<std::optional<CsvRow>> next();

  [[nodiscard]] const std::string& fileName() const { return mFileName; }

private:
  std::string_view mText;
  std::string mFileName;
  CsvOptions mOptions;
  std::size_t mPos = 0;
  std::uint32_t mLine = 0;
};

} // namespace skillsim::readers
