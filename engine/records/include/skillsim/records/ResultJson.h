#pragma once

#include "skillsim/records/AttemptRecord.h"

#include <skillsim/assessment/AttemptResult.h>
#include <skillsim/core/Expected.h>

#include <span>
#include <string>
#include <string_view>

namespace skillsim::records {

/**
 * The full AttemptResult as a JSON object (docs/results-store.md, "JSON export"): every item,
 * deduction (with position [x, y, z] in m, time in s, tick) and veto. Numbers are written so
 * they read back bit-identical. `indent` < 0 gives one line, otherwise pretty-printed.
 */
[[nodiscard]] std::string resultToJson(const assessment::AttemptResult& result, int indent = -1);

/**
 * Inverse of resultToJson. Errors: InvalidInput naming `source` and the field that is missing
 * or of the wrong type, e.g. `a.json: field: items[2].maxPoints: expected a number`.
 */
[[nodiscard]] core::Expected<assessment::AttemptResult> resultFromJson(std::string_view json,
                                                                       const std::string& source);

/** One attempt with its metadata and full result as a JSON object (also the queue's format). */
[[nodiscard]] std::string attemptToJson(const AttemptRecord& record, int indent = -1);

/** Inverse of attemptToJson; errors as resultFromJson. */
[[nodiscard]] core::Expected<AttemptRecord> attemptFromJson(std::string_view json,
                                                            const std::string& source);

/** A JSON array of attemptToJson objects, for exporting a class's results. */
[[nodiscard]] std::string attemptsToJson(std::span<const AttemptRecord> records, int indent = 2);

} // namespace skillsim::records
