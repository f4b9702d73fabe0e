#include "TaskStepLines.h"

#include <algorithm>
#include <cstdint>
#include <set>
#include <vector>

namespace skillsim::scenario {
namespace {

std::string_view trimmedStart(std::string_view line) {
  const auto first = line.find_first_not_of(" \t");
  return first == std::string_view::npos ? std::string_view() : line.substr(first);
}

/** A line that is only blank or a comment (its end of line included). */
bool blankOrComment(std::string_view line) {
  const std::string_view t = trimmedStart(line);
  return t.empty() || t.front() == '#' || t.front() == '\n' || t.front() == '\r';
}

/**
 * Lines (1-based) where a table header is written: a non-inline table begins there and the line
 * starts with '['. The steps' own sub-tables are left out (they belong to their step).
 */
void collectHeaders(const toml::table& table, const std::vector<std::string_view>& lines,
                    bool isRoot, std::set<std::uint32_t>& headers) {
  auto consider = [&](const toml::table& t) {
    const std::uint32_t line = t.source().begin.line;
    if (!t.is_inline() && line >= 1 && line <= lines.size() &&
        trimmedStart(lines[line - 1]).starts_with('[')) {
      headers.insert(line);
    }
  };
  for (const auto& [key, node] : table) {
    if (isRoot && key.str() == "steps") {
      continue;
    }
    if (const toml::table* t = node.as_table()) {
      consider(*t);
      collectHeaders(*t, lines, false, headers);
    } else if (const toml::array* a = node.as_array()) {
      for (const toml::node& element : *a) {
        if (const toml::table* t = element.as_table()) {
          consider(*t);
          collectHeaders(*t, lines, false, headers);
        }
      }
    }
  }
}

} // namespace

std::string withoutTaskSteps(std::string_view text, const toml::table& root) {
  const toml::array* steps = root["steps"].as_array();
  if (steps == nullptr || steps->empty()) {
    return std::string(text);
  }
  std::vector<std::string_view> lines; // each with its end of line
  for (std::size_t at = 0; at < text.size();) {
    const auto end = text.find('\n', at);
    const std::size_t next = end == std::string_view::npos ? text.size() : end + 1;
    lines.push_back(text.substr(at, next - at));
    at = next;
  }
  const auto lineCount = static_cast<std::uint32_t>(lines.size());
  std::set<std::uint32_t> headers;
  collectHeaders(root, lines, true, headers);
  std::vector<std::pair<std::uint32_t, std::uint32_t>> ranges; // inclusive, 1-based
  std::set<std::uint32_t> stepHeaders;
  for (const toml::node& element : *steps) {
    const toml::table* t = element.as_table();
    if (t != nullptr && !t->is_inline()) {
      stepHeaders.insert(t->source().begin.line);
    }
  }
  if (!steps->is_array_of_tables() || stepHeaders.empty()) {
    ranges.emplace_back(steps->source().begin.line, steps->source().end.line);
  }
  for (const std::uint32_t begin : stepHeaders) {
    std::uint32_t end = lineCount;
    for (const auto* set : {&headers, &stepHeaders}) {
      if (auto next = set->upper_bound(begin); next != set->end()) {
        end = std::min(end, *next - 1);
      }
    }
    ranges.emplace_back(begin, end);
  }
  std::vector<bool> drop(lineCount + 1, false);
  for (auto [begin, end] : ranges) {
    if (begin < 1 || begin > lineCount) {
      continue;
    }
    for (std::uint32_t l = begin; l <= std::min(end, lineCount); ++l) {
      drop[l] = true;
    }
    for (std::uint32_t l = begin - 1; l >= 1 && !drop[l] && blankOrComment(lines[l - 1]); --l) {
      drop[l] = true;
    }
  }
  std::string kept;
  kept.reserve(text.size());
  for (std::uint32_t l = 1; l <= lineCount; ++l) {
    if (!drop[l]) {
      kept.append(lines[l - 1]);
    }
  }
  return kept;
}

} // namespace skillsim::scenario
