#include "skillsim/readers/Diagnostics.h"

#include <algorithm>
#include <cstdio>

namespace skillsim::readers {

void Diagnostics::add(std::uint32_t line, std::uint32_t column, std::string fieldPath,
                      std::string message) {
  mProblems.push_back(core::makeError(
      core::ErrorCode::InvalidInput, std::move(message),
      core::SourceLocation{
          .file = mFile, .line = line, .column = column, .fieldPath = std::move(fieldPath)}));
}

std::string formatNumber(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

std::size_t editDistance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) {
    row[j] = j;
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
      diagonal = up;
    }
  }
  return row[b.size()];
}

std::string didYouMean(std::string_view word, const std::vector<std::string>& candidates) {
  const std::string* best = nullptr;
  std::size_t bestDistance = 0;
  for (const std::string& candidate : candidates) {
    std::size_t d = editDistance(word, candidate);
    if (best == nullptr || d < bestDistance) {
      best = &candidate;
      bestDistance = d;
    }
  }
  std::size_t allowed = std::clamp<std::size_t>(word.size() / 3, 1, 3);
  if (best == nullptr || bestDistance > allowed) {
    return "";
  }
  return " (did you mean '" + *best + "'?)";
}

std::string listChoices(const std::vector<std::string>& choices) {
  std::string out;
  for (std::size_t i = 0; i < choices.size(); ++i) {
    if (i > 0) {
      out += i + 1 == choices.size() ? " or " : ", ";
    }
    out += "'" + choices[i] + "'";
  }
  return out;
}

} // namespace skillsim::readers
