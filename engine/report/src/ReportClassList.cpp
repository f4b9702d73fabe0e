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
    std::string_view id = fields[0].text;
    while (!id.empty() && id.back() == ' ') {
      id.remove_suffix(1);
    }
    std::string name;
    if (fields.size() > 1) {
      std::string_view rest = fields[1].text;
      std::size_t a = rest.find_first_not_of(" \t");
      std::size_t b = rest.find_last_not_of(" \t");
      if (a != std::string_view::npos) {
        name = std::string(rest.substr(a, b - a + 1));
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
