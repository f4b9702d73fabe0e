#include "skillsim/report/ReportClassList.h"

#include <skillsim/readers/CsvReader.h>

#include <fstream>
#include <map>
#include <sstream>

namespace skillsim::report {

core::Expected<std::vector<ReportClassMember>> parseReportClassList(std::string_view text,
                                                                    std::string_view fileName) {
  std::string file(fileName);
  auto error = [&](std::uint32_t line, std::uint32_t column, std::string message) {
    return core::makeError(core::ErrorCode::InvalidInput, std::move(message),
                           core::SourceLocation{file, line, column, "", {}});
  };
  // A spreadsheet saved as "Unicode text" writes UTF-16: every id would read wrong, so say so.
  if (text.size() >= 2 && ((static_cast<unsigned char>(text[0]) == 0xFF &&
                            static_cast<unsigned char>(text[1]) == 0xFE) ||
                           (static_cast<unsigned char>(text[0]) == 0xFE &&
                            static_cast<unsigned char>(text[1]) == 0xFF))) {
    return error(1, 1, "the class list is UTF-16 text; save it as UTF-8 (\"CSV UTF-8\")");
  }
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") {
    text.remove_prefix(3); // a UTF-8 byte order mark, as spreadsheets write it
  }
  // A field a spreadsheet quoted ("T1","Li, Ming"): its text without the quotes, "" as ".
  auto unquoted = [](std::string_view f) {
    if (f.size() >= 2 && f.front() == '"' && f.back() == '"') {
      std::string out;
      for (std::size_t i = 1; i + 1 < f.size(); ++i) {
        out += f[i];
        if (f[i] == '"' && i + 2 < f.size() && f[i + 1] == '"') {
          ++i;
        }
      }
      return out;
    }
    return std::string(f);
  };
  std::vector<ReportClassMember> members;
  std::map<std::string, std::uint32_t> seen;
  // One trainee per line, `ID` or `ID,NAME` (or a tab): the name is the rest of the line.
  readers::CsvReader reader(text, file,
                            {.separators = ",\t",
                             .quotes = false,
                             .maxFields = 2,
                             .skipLeadingBlanks = true,
                             .comment = '#'});
  bool first = true;
  while (true) {
    auto row = reader.next();
    if (!row) {
      return std::move(row).error();
    }
    if (!*row) {
      break;
    }
    const std::uint32_t lineNumber = (*row)->line;
    const std::vector<readers::CsvField>& fields = (*row)->fields;
    std::string_view rawId = fields[0].text;
    while (!rawId.empty() && rawId.back() == ' ') {
      rawId.remove_suffix(1);
    }
    const std::string idText = unquoted(rawId);
    const std::string_view id = idText;
    std::string name;
    if (fields.size() > 1) {
      std::string_view rest = fields[1].text;
      std::size_t a = rest.find_first_not_of(" \t");
      std::size_t b = rest.find_last_not_of(" \t");
      if (a != std::string_view::npos) {
        name = unquoted(rest.substr(a, b - a + 1));
      }
    }
    const std::uint32_t column = fields[0].column;
    if (first && id == "trainee_id") {
      first = false;
      continue;
    }
    first = false;
    if (id.empty()) {
      return error(lineNumber, column, "empty trainee id (expected ID or ID,NAME)");
    }
    if (id.find(' ') != std::string_view::npos) {
      return error(lineNumber, column,
                   "trainee id '" + std::string(id) +
                       "' contains a space (separate the name with a comma or a tab)");
    }
    auto [it, inserted] = seen.emplace(std::string(id), lineNumber);
    if (!inserted) {
      return error(lineNumber, column,
                   "trainee '" + std::string(id) + "' is listed twice (first on line " +
                       std::to_string(it->second) + ")");
    }
    members.push_back(ReportClassMember{std::string(id), std::move(name)});
  }
  if (members.empty()) {
    return error(1, 1, "no trainees in the class list (one ID or ID,NAME per line)");
  }
  return members;
}

core::Expected<std::vector<ReportClassMember>>
loadReportClassList(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return core::makeError(core::ErrorCode::NotFound, "no such class list file",
                           core::SourceLocation{path.string(), 0, 0, "", {}});
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return parseReportClassList(text.str(), path.string());
}

} // namespace skillsim::report
