#pragma once

#include "skillsim/records/AttemptRecord.h"

#include <skillsim/assessment/AttemptResult.h>
#include <skillsim/core/Expected.h>

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <string_view>

namespace skillsim::records {

/**
 * The full AttemptResult as a JSON object (docs/results-store.md, "JSON export"): every item,
 * deduction (with position [x, y, z] in m, time in s, tick, and its finding) and veto, and
 * `"format": 2`. Numbers are written so they read back bit-identical. A result of format 1 (read
 * from an old record: no "format", a "reason" text per deduction instead of a finding) is written
 * back the way it was read. `indent` < 0 gives one line, otherwise pretty-printed.
 */
[[nodiscard]] std::string resultToJson(const assessment::AttemptResult& result, int indent = -1);

/**
 * Inverse of resultToJson. Errors: InvalidInput naming `source` and the field that is missing
 * or of the wrong type, e.g. `a.json: field: items[2].maxPoints: expected a number`.
 */
[[nodiscard]] core::Expected<assessment::AttemptResult> resultFromJson(std::string_view json,
                                                                       const std::string& source);

/**
 * A deduction's or veto's finding as one line of JSON: every field of assessment::Finding by its
 * name, kind and side by name, a non-finite number as null (docs/deduction-messages.md). Stores
 * keep it beside the deduction; exports carry it.
 */
[[nodiscard]] std::string findingToJson(const assessment::Finding& finding);

/** Inverse of findingToJson; errors as resultFromJson (e.g. an unknown kind, named). */
[[nodiscard]] core::Expected<assessment::Finding> findingFromJson(std::string_view json,
                                                                  const std::string& source);

/** One attempt with its metadata and full result as a JSON object (also the queue's format). */
[[nodiscard]] std::string attemptToJson(const AttemptRecord& record, int indent = -1);

/** Inverse of attemptToJson; errors as resultFromJson. */
[[nodiscard]] core::Expected<AttemptRecord> attemptFromJson(std::string_view json,
                                                            const std::string& source);

/**
 * A JSON array of attemptToJson objects, for exporting a class's results. `progress`, when set,
 * is called after each attempt with (attempts done, attempts in all).
 */
[[nodiscard]] std::string
attemptsToJson(std::span<const AttemptRecord> records, int indent = 2,
               const std::function<void(std::size_t, std::size_t)>& progress = {});

} // namespace skillsim::records
