#pragma once

#include <skillsim/core/Error.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace skillsim::readers {

/**
 * Collects every problem found in one file, so that all of them are reported at once
 * (issue 5, point 2). Each problem is a core::Error naming file:line:column and the field path.
 */
class Diagnostics {
public:
  explicit Diagnostics(std::string file) : mFile(std::move(file)) {}

  void add(std::uint32_t line, std::uint32_t column, std::string fieldPath, std::string message);
  [[nodiscard]] const std::vector<core::Error>& problems() const { return mProblems; }
  [[nodiscard]] bool empty() const { return mProblems.empty(); }
  [[nodiscard]] const std::string& file() const { return mFile; }

private:
  std::string mFile;
  std::vector<core::Error> mProblems;
};

/** A number for messages: shortest form, "C" locale (70, 0.5, 1e+06). */
[[nodiscard]] std::string formatNumber(double value);

/** Levenshtein distance (for "did you mean"). */
[[nodiscard]] std::size_t editDistance(std::string_view a, std::string_view b);

/**
 * " (did you mean 'x'?)" for the candidate closest to `word`, when it is close enough (at most a
 * third of the word's length, at least 1, at most 3 edits); else "".
 */
[[nodiscard]] std::string didYouMean(std::string_view word,
                                     const std::vector<std::string>& candidates);

/** "'a', 'b' or 'c'". */
[[nodiscard]] std::string listChoices(const std::vector<std::string>& choices);

} // namespace skillsim::readers
