#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace skillsim::core {

/**
 * Where a user-caused problem was found. Every part is optional; `toString()` prints what is
 * known as `file:line:column: field: ` or `tick N: `. Lines and columns are 1-based, as editors
 * count them; 0 means unknown.
 */
struct SourceLocation {
  std::string file;         ///< Path as the user gave it, or empty.
  std::uint32_t line = 0;   ///< 1-based line, 0 when unknown.
  std::uint32_t column = 0; ///< 1-based column, 0 when unknown.
  std::string fieldPath;    ///< Dotted field path such as `rubric.items[2].points`, or empty.
  std::optional<std::uint64_t> tick; ///< Simulation tick for run-time problems.

  /** The location as a message prefix; empty when nothing is known. */
  [[nodiscard]] std::string toString() const;
};

/** Broad kind of a user-caused error, for exit codes and tests. */
enum class ErrorCode : std::uint8_t {
  InvalidInput, ///< Malformed or out-of-range data in a file or argument.
  NotFound,     ///< A file, asset, scenario or device that does not exist.
  Io,           ///< Reading or writing failed.
  Unsupported,  ///< Valid but not supported here (no suitable GPU, wrong format version).
  Integrity,    ///< A hash, signature or re-simulation did not match.
  Unavailable,  ///< A service (results store, display) cannot be reached now.
  PhysicsFault, ///< The simulation produced non-finite or exploding state.
};

/** Short lowercase name of an ErrorCode, e.g. "invalid input". */
[[nodiscard]] const char* toString(ErrorCode code);

/**
 * A user-caused error (bad file, missing asset, no suitable GPU). The message says what was
 * found and what would be right; the location says where.
 */
struct Error {
  ErrorCode code = ErrorCode::InvalidInput;
  std::string message;
  SourceLocation location;

  /** `location: message`, the form printed to a user. */
  [[nodiscard]] std::string toString() const;
};

/** Builds an Error; convenience for `return makeError(...)` in functions returning Expected. */
[[nodiscard]] Error makeError(ErrorCode code, std::string message, SourceLocation location = {});

} // namespace skillsim::core
