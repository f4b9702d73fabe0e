#pragma once

#include <skillsim/course/Course.h>
#include <skillsim/course/CourseRecordStore.h>
#include <skillsim/course/Gating.h>
#include <skillsim/course/TaskScore.h>
#include <skillsim/records/AttemptRecord.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace skillsim::report {

/** One trainee's learning task in the class report's course table. */
struct ReportCourseTask {
  std::string taskId;
  course::TaskState state = course::TaskState::Locked;
  std::vector<course::ScoredPart> parts; ///< The five, in ScorePart order (course::combineScore).
  std::optional<double> total;           ///< 0..100; nullopt while a weighted part is missing.
};

/** One trainee's row: how many learning tasks are done, open and locked, and each task. */
struct ReportCourseRow {
  std::string traineeId;
  std::string traineeName; ///< From the class list; may be empty.
  int done = 0;
  int open = 0;
  int locked = 0;
  std::vector<ReportCourseTask> tasks; ///< In the course's order.
};

/** The course table of a class report (`skillsim report --class FILE --course COURSE`). */
struct ReportCourseTable {
  std::string courseId;
  course::LocalizedText title;
  std::vector<std::pair<std::string, course::LocalizedText>> tasks; ///< Id and title, in order.
  std::vector<ReportCourseRow> rows;
};

/**
 * A trainee's row from the stored course records (`stored`: learning task id to its records) and
 * the trainee's attempts: each task's state (course::courseStatus) and score with its parts
 * (course::scoreInputs, course::combineScore; job cards verified against `trustedMentorKeys`,
 * any key when empty).
 */
[[nodiscard]] ReportCourseRow
makeReportCourseRow(const course::Course& course, const std::string& traineeId,
                    const std::string& traineeName,
                    const std::map<std::string, course::TaskRecords>& stored,
                    const std::vector<records::AttemptRecord>& attempts,
                    const std::vector<records::PublicKey>& trustedMentorKeys = {});

} // namespace skillsim::report
