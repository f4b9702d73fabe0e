#include "skillsim/readers/CsvReader.h"

namespace skillsim::readers {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF"; // from spreadsheet exports

/** Splits one line from `start`; nullopt (with the column) on an unterminated quote. */
std::optional<std::vector<CsvField>> splitLine(std::string_view line, std::size_t start,
                                               const CsvOptions& options,
                                               std::uint32_t& badColumn) {
  std::vector<CsvField> fields;
  std::size_t i = start;
  auto isSeparator = [&](char c) { return options.separators.find(c) != std::string_view::npos; };
  while (true) {
    CsvField field;
    field.column = static_cast<std::uint32_t>(i + 1);
    if (options.maxFields != 0 && fields.size() + 1 == options.maxFields) {
      field.text = std::string(line.substr(i));
      i = line.size();
    } else if (options.quotes && i < line.size() && line[i] == '"') {
      ++i;
      bool closed = false;
      while (i < line.size()) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            field.text += '"';
            i += 2;
            continue;
          }
          closed = true;
          ++i;
          break;
        }
        field.text += line[i++];
      }
      if (!closed || (i < line.size() && !isSeparator(line[i]))) {
        badColumn = field.column;
        return std::nullopt;
      }
    } else {
      while (i < line.size() && !isSeparator(line[i])) {
        field.text += line[i++];
      }
    }
    fields.push_back(std::move(field));
    if (i >= line.size()) {
      break;
    }
    ++i; // the separator
  }
  return fields;
}

} // namespace

CsvReader::CsvReader(std::string_view text, std::string fileName, CsvOptions options)
    : mText(text), mFileName(std::move(fileName)), mOptions(options) {
  if (mText.starts_with(kByteOrderMark)) {
    mPos = kByteOrderMark.size();
  }
}

core::Expected<std::optional<CsvRow>> CsvReader::next() {
  while (mPos < mText.size()) {
    std::size_t end = mText.find('\n', mPos);
    std::string_view line = mText.substr(mPos, end == std::string_view::npos ? end : end - mPos);
    mPos = end == std::string_view::npos ? mText.size() : end + 1;
    ++mLine;
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos ||
        (mOptions.comment != '\0' && line[first] == mOptions.comment)) {
      continue;
    }
    std::uint32_t badColumn = 0;
    auto fields = splitLine(line, mOptions.skipLeadingBlanks ? first : 0, mOptions, badColumn);
    if (!fields) {
      return core::makeError(core::ErrorCode::InvalidInput, "unterminated or misplaced quote",
                             core::SourceLocation{mFileName, mLine, badColumn, "", {}});
    }
    return std::optional<CsvRow>(CsvRow{mLine, std::move(*fields)});
  }
  return std::optional<CsvRow>();
}

} // namespace skillsim::readers
