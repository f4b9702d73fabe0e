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
 * A trainee's portfolio in one course as a self-contained HTML page (issue 18, point 5), zh-CN
 * and en side by side: per learning task its state (open, done, locked and why), every attempt
 * on its scenarios, the work page with each answer, its time and its verdict, the self-check,
 * the reflection, the teacher's rating, every job card with what its signature says (an unsigned
 * or altered card is shown as such and never counts), and the combined score with every part's
 * weight, value and source (course::combineScore). `stored` maps learning task id to its
 * records; `attempts` are the trainee's stored attempts. Every text is escaped.
 */
[[nodiscard]] std::string
coursePortfolioHtml(const course::Course& course, const std::string& traineeId,
                    const std::map<std::string, course::TaskRecords>& stored,
                    const std::vector<records::AttemptRecord>& attempts,
                    const std::vector<records::PublicKey>& trustedMentorKeys = {});

} // namespace skillsim::report
