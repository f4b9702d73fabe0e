#pragma once

#include "skillsim/report/ReportData.h"

#include <skillsim/assessment/AttemptResult.h>
#include <skillsim/messages/FindingText.h>
#include <skillsim/records/AttemptRecord.h>
#include <skillsim/scenario/Scenario.h>

#include <string>
#include <vector>

namespace skillsim::report {

/**
 * The running score of an attempt, exactly as the assessor's rule makes it: every item starts at
 * its maximum and loses its deductions in tick order, never going below 0 (AttemptResult,
 * ItemResult::awardedPoints). A point at 0 s with the maximum, two points per deduction that
 * changed the score (before and after, at the deduction's time), and one at the attempt's end
 * (`duration`). A deduction naming an item the result does not list comes off the total (still
 * never below 0). For a consistent result the last point's score equals `totalPoints`.
 */
[[nodiscard]] std::vector<ReportScorePoint>
runningScoreSeries(const assessment::AttemptResult& result);

/**
 * The report data an AttemptResult alone gives: score, maximum, pass mark, passed, vetoed, the
 * running score series and the deductions placed at their positions (x, z), each with its legacy
 * text or, until writeDeductionTexts() gives it words, its finding's data as JSON. Identity fields
 * (attempt, trainee, scenario title, start) and the motion samples, bands and zones — which need
 * the scenario and a re-simulation of the trace — are left for the caller.
 */
[[nodiscard]] ReportAttempt reportAttemptFromResult(const assessment::AttemptResult& result);

/**
 * A stored attempt as report data: reportAttemptFromResult(record.result) plus the attempt,
 * trainee, scenario (title in zh-CN or, for `language` "en", English), start time and the
 * store's verification flag (`signatureValid`: the trace's signature checked when the attempt was
 * recorded). Motion samples and bands stay empty: `skillsim report` fills them, and replaces
 * `verified`, by re-simulating the trace (app::checkStoredAttempts).
 */
[[nodiscard]] ReportAttempt reportAttemptFromRecord(const records::AttemptRecord& record,
                                                    const std::string& language);

/**
 * Writes each deduction's text and item title in the report's language: the text from its
 * finding with `templates` (the same zh-CN / en templates as the HUD, docs/deduction-messages.md)
 * and the machine's labels and display names of `scenario` (null when the scenario is not found:
 * metrics and names then show by id); the title from the scenario's standard. `attempt` must have
 * been made from `result` (one ReportDeduction per deduction, in order).
 */
void writeDeductionTexts(ReportAttempt& attempt, const assessment::AttemptResult& result,
                         const messages::MessageTemplates& templates,
                         const scenario::Scenario* scenario);

} // namespace skillsim::report
