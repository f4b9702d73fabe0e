#pragma once

#include "skillsim/course/Course.h"
#include "skillsim/course/WorkPageScore.h"

#include <skillsim/core/Expected.h>
#include <skillsim/records/TraceHeader.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skillsim::course {

/** The `format` value of a work-page answers file (docs/course-format.md, "Answers files"). */
inline constexpr std::string_view kAnswersFormat = "skillsim.answers/1";
/** The `format` value of a mentor key registry file (docs/course-format.md, "Mentor keys"). */
inline constexpr std::string_view kMentorKeysFormat = "skillsim.mentorkeys/1";

/**
 * Parses a trainee's work-page answers (TOML, docs/course-format.md "Answers files") for
 * `task`: `[answers]` maps question id to a choice id (single choice), an array of ids (multiple
 * choice, ordering), `{ value = NUMBER, unit = "m" }` (number) or a string (short text). When
 * `step` is given every question must be on that step's work page. Each answer is stamped
 * `nowUtc` (s since 1970-01-01T00:00:00Z).
 *
 * Errors: InvalidInput at file:line:column with the field (`answers.horn_first`) for a TOML
 * syntax error, a missing or other `format`, a `task` other than task.id, an unknown question,
 * a question on another step than `step` (naming the step it is on), a value of the wrong type
 * for the question's kind, a choice id the question does not have, an ordering that misses or
 * repeats an item, a number that is not finite, an empty unit or text, or no answer at all.
 */
[[nodiscard]] core::Expected<std::vector<Answer>>
parseAnswers(std::string_view text, const std::string& file, const LearningTask& task,
             std::optional<StepKind> step, std::int64_t nowUtc);

/** One enterprise mentor whose key the school knows. */
struct MentorKey {
  std::string mentorId; ///< The mentor's id in the company, as job cards give it.
  std::string name;
  records::PublicKey publicKey{}; ///< Their own Ed25519 key (mentor.key).
};

/**
 * Parses a mentor key registry (TOML, docs/course-format.md "Mentor keys"): `format` and one
 * `[[mentors]]` table per mentor with `id`, `name` and `public_key` (64 hex digits). Errors:
 * InvalidInput at file:line:column with the field for a syntax error, a missing or other
 * format, a missing or empty field, a key that is not 64 hex digits, an id or key listed twice,
 * or no mentor.
 */
[[nodiscard]] core::Expected<std::vector<MentorKey>> parseMentorKeys(std::string_view text,
                                                                     const std::string& file);

/** Reads a file's text; NotFound (naming the file) when it cannot be opened. */
[[nodiscard]] core::Expected<std::string> readTextFile(const std::string& path);

} // namespace skillsim::course
