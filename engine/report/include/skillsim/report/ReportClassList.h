#pragma once

#include <skillsim/core/Expected.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace skillsim::report {

/** One trainee of a class list. */
struct ReportClassMember {
  std::string traineeId;
  std::string name; ///< May be empty; the store's display name is used then.

  friend bool operator==(const ReportClassMember&, const ReportClassMember&) = default;
};

/**
 * Parses a class list for `skillsim report --class FILE`: UTF-8 text, one trainee per line as
 * `ID` or `ID,NAME` (a tab may stand for the comma); blank lines and lines starting with `#` are
 * skipped; a first line `trainee_id,...` is taken as a header and skipped. Order is kept. A field
 * in double quotes, as spreadsheets write them (`"T1","Li, Ming"`), is read without its quotes
 * (`""` is a quote); a UTF-8 byte order mark is skipped.
 * Errors (ErrorCode::InvalidInput) name `file:line:column`: an empty id, an id with spaces, an id
 * listed twice, no trainee at all, or UTF-16 text.
 */
[[nodiscard]] core::Expected<std::vector<ReportClassMember>>
parseReportClassList(std::string_view text, std::string_view fileName);

/** Reads and parses a class list; ErrorCode::NotFound when the file does not exist. */
[[nodiscard]] core::Expected<std::vector<ReportClassMember>>
loadReportClassList(const std::filesystem::path& path);

} // namespace skillsim::report
