#pragma once

#include "skillsim/export/CsvExport.h"

#include <skillsim/records/AttemptRecord.h>

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace skillsim::exporting {

/** Where the IRIs of exported statements point; set them to the training centre's own. */
struct XapiOptions {
  /** actor.account.homePage: the system that issued the trainee ids. */
  std::string accountHomePage = "https://skillsim.invalid";
  /** object.id = this + the scenario id (percent-encoded). */
  std::string activityIriBase = "https://skillsim.invalid/scenarios/";
  /** Extension keys = this + a name ("deductions", "vetoes", "mode", …). */
  std::string extensionIriBase = "https://skillsim.invalid/xapi/extensions/";
  /**
   * The English templates and contexts for each deduction's and veto's `text` (CsvExport.h);
   * without templates there is no `text`, the `finding` data is always there.
   */
  ExportText text;
  /** attemptsToXapi calls it after each attempt with (attempts done, attempts in all). */
  std::function<void(std::size_t, std::size_t)> progress;
};

/**
 * xAPI 1.0.3 statements for one attempt, following the cmi5 conventions (cmi5 spec, sections 9.3
 * and 9.5): "attempted" at the start; "completed" when the attempt reached its end (result.
 * completion true, result.duration); then "passed" or "failed" (result.success, result.score with
 * scaled = score / maximum, raw, min 0, max, result.completion and result.duration). Verb IRIs are
 * ADL's (http://adlnet.gov/expapi/verbs/…); completed, passed and failed carry the cmi5 and moveOn
 * context categories; every statement has context.registration and the cmi5 sessionid extension.
 * Durations are ISO 8601 (PT1M5.25S); display names are given in zh-CN and en. Deductions and
 * vetoes (item, criterion, points, tick, time s, position m, measured, and the finding's fields
 * as records::findingToJson writes them, with `text`: the English text) are in
 * result.extensions. Statement ids are UUIDs derived from the attempt id and the verb, so a
 * re-export sends the same statements (an LRS then ignores the duplicates).
 * Each string is one statement as a JSON object.
 */
[[nodiscard]] std::vector<std::string> attemptToXapi(const records::AttemptRecord& record,
                                                     const XapiOptions& options = {});

/** All statements of `records` as one JSON array (what an LRS's statements resource accepts). */
[[nodiscard]] std::string attemptsToXapi(std::span<const records::AttemptRecord> records,
                                         const XapiOptions& options = {});

} // namespace skillsim::exporting
