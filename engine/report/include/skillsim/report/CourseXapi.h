#pragma once

#include <skillsim/course/Course.h>
#include <skillsim/course/CourseRecordStore.h>
#include <skillsim/records/AttemptRecord.h>
#include <skillsim/records/TraceHeader.h>

#include <map>
#include <string>
#include <vector>

namespace skillsim::report {

/**
 * A trainee's course records as xAPI 1.0.3 statements (a JSON array, deterministic; issue 18).
 * Per learning task, in course order: one statement per completed work-page step (a step with
 * questions, each of them answered; verb ADL completed; object
 * `<iriBase>/courses/<course>/tasks/<task>/steps/<step key>`; timestamp = the step's latest
 * answer) and then, when every weighted part of the task's score is present
 * (course::combineScore), one statement for the score (verb ADL scored; object
 * `<iriBase>/courses/<course>/tasks/<task>`; result.score scaled = total / 100 in [0, 1], raw =
 * total in [0, 100]; each part's weight, percent and source in result extension
 * `<iriBase>/xapi/extensions/score-parts`; timestamp = the latest record or attempt start that
 * went into it). No pass mark is defined for a learning task, so no passed or failed. Context:
 * the course and task ids in contextActivities (parent = the task, grouping = the course).
 * Actor: an Agent with account {accountHomePage, trainee id}. Ids: UUIDs derived from course,
 * task, trainee and object (exporting twice gives the same ids). Names in zh-CN and en-US.
 * `stored` maps learning task id to its records; `attempts` are the trainee's attempts.
 */
[[nodiscard]] std::string
courseXapiStatements(const course::Course& course, const std::string& traineeId,
                     const std::map<std::string, course::TaskRecords>& stored,
                     const std::vector<records::AttemptRecord>& attempts,
                     const std::vector<records::PublicKey>& trustedMentorKeys = {},
                     const std::string& iriBase = "https://skillsim.invalid",
                     const std::string& accountHomePage = "https://skillsim.invalid");

} // namespace skillsim::report
