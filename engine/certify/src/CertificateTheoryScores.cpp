#include "skillsim/certify/CertificateTheoryScores.h"

#include <skillsim/readers/CsvReader.h>

#include <charconv>
#include <cmath>
#include <fstream>
#include <optional>
#include <sstream>
#include <vector>

namespace skillsim::certify {
namespace {

using core::ErrorCode;
using core::SourceLocation;

std::optional<double> toNumber(std::string_view text) {
  while (!text.empty() && text.front() == ' ') {
    text.remove_prefix(1);
  }
  while (!text.empty() && text.back() == ' ') {
    text.remove_suffix(1);
  }
  double value = 0.0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || text.empty() ||
      !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

} // namespace

core::Expected<std::map<std::string, CertificateTheoryScore>>
parseTheoryScoresCsv(std::string_view text, std::string_view fileName) {
  std::string file(fileName);
  auto error = [&](std::uint32_t line, std::uint32_t column, std::string field,
                   std::string message) {
    return core::makeError(ErrorCode::InvalidInput, std::move(message),
                           SourceLocation{file, line, column, std::move(field), {}});
  };
  std::map<std::string, CertificateTheoryScore> scores;
  std::vector<std::string> header;
  std::optional<std::size_t> idColumn, scoreColumn, maxColumn, dateColumn;
  readers::CsvReader reader(text, file);
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
    if (header.empty()) {
      for (std::size_t c = 0; c < fields.size(); ++c) {
        const std::string& name = fields[c].text;
        header.push_back(name);
        if (name == "trainee_id") {
          idColumn = c;
        } else if (name == "score") {
          scoreColumn = c;
        } else if (name == "max_score") {
          maxColumn = c;
        } else if (name == "date") {
          dateColumn = c;
        }
      }
      if (!idColumn || !scoreColumn) {
        return error(lineNumber, 1, "",
                     std::string("the header must name the columns trainee_id and score "
                                 "(optional: max_score, date); missing ") +
                         (!idColumn ? "trainee_id" : "score"));
      }
      continue;
    }
    if (fields.size() != header.size()) {
      return error(lineNumber, 1, "",
                   "expected " + std::to_string(header.size()) +
                       " fields as in the header, found " + std::to_string(fields.size()));
    }
    const readers::CsvField& id = fields[*idColumn];
    if (id.text.empty()) {
      return error(lineNumber, id.column, "trainee_id", "empty trainee id");
    }
    CertificateTheoryScore score;
    score.source = file + ":" + std::to_string(lineNumber);
    if (maxColumn) {
      const readers::CsvField& f = fields[*maxColumn];
      auto value = toNumber(f.text);
      if (!value || *value <= 0.0) {
        return error(lineNumber, f.column, "max_score",
                     "expected a number > 0, found '" + f.text + "'");
      }
      score.maxScore = *value;
    }
    const readers::CsvField& s = fields[*scoreColumn];
    auto value = toNumber(s.text);
    if (!value || *value < 0.0 || *value > score.maxScore) {
      std::ostringstream message;
      message << "expected a number from 0 to " << score.maxScore << ", found '" << s.text << "'";
      return error(lineNumber, s.column, "score", message.str());
    }
    score.score = *value;
    if (dateColumn) {
      const readers::CsvField& d = fields[*dateColumn];
      if (!d.text.empty()) {
        if (!parseCertificateDate(d.text) || d.text.size() != 10) {
          return error(lineNumber, d.column, "date",
                       "expected a date YYYY-MM-DD, found '" + d.text + "'");
        }
        score.date = d.text;
      }
    }
    auto [it, inserted] = scores.emplace(id.text, score);
    if (!inserted) {
      return error(lineNumber, id.column, "trainee_id",
                   "trainee '" + id.text + "' is listed twice (first at " + it->second.source +
                       ")");
    }
  }
  if (header.empty()) {
    return error(1, 1, "", "empty file: expected a header line trainee_id,score[,max_score,date]");
  }
  return scores;
}

core::Expected<std::map<std::string, CertificateTheoryScore>>
loadTheoryScoresCsv(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return core::makeError(ErrorCode::NotFound, "no such theory-score file",
                           SourceLocation{path.string(), 0, 0, "", {}});
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return parseTheoryScoresCsv(text.str(), path.string());
}

} // namespace skillsim::certify
