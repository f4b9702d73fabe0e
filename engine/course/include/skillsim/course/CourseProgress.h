#pragma once

#include "skillsim/course/CourseRecordStore.h"
#include "skillsim/course/Gating.h"
#include "skillsim/course/TaskScore.h"

#include <skillsim/records/AttemptRecord.h>

#include <map>
#include <string>
#include <vector>

namespace skillsim::course {

/**
 * An attempt's score as a percentage of its maximum: 0 when vetoed (a vetoed attempt fails
 * whatever its total, ../shared/EXAMS.md) or when the maximum is 0.
 */
[[nodiscard]] double attemptPercent(const records::AttemptRecord& attempt);

/**
 * What the trainee did in `task`, from the stored course records and the trainee's stored
 * attempts: practice percents of the completed practice attempts on the practice scenario
 * (oldest first, by start then id); the exam percent of the latest completed exam attempt on the
 * exam scenario; plan approval, self-check and reflection from `stored`.
 */
[[nodiscard]] TaskProgress taskProgress(const LearningTask& task, const TaskRecords& stored,
                                        const std::vector<records::AttemptRecord>& attempts);

/**
 * The attempt a check step rates (docs/course-format.md, "Commands": selfcheck): with `attemptId`
 * non-empty, the attempt of that id when it is on `task`'s practice or exam scenario, else none;
 * with it empty, the best completed attempt on those scenarios by attemptPercent (the later one in
 * `attempts`' order on a tie). Returns nullptr when there is none; the pointer is into `attempts`.
 */
[[nodiscard]] const records::AttemptRecord*
selfCheckAttempt(const LearningTask& task, const std::vector<records::AttemptRecord>& attempts,
                 const std::string& attemptId = {});

/**
 * Every learning task's status (courseStatus) from the trainee's stored course records, keyed by
 * learning-task id (a task with no entry has no records yet), and the trainee's stored attempts:
 * taskProgress of each task, then the course's gating rules.
 */
[[nodiscard]] std::vector<TaskStatus>
courseStatusFromRecords(const Course& course, const std::map<std::string, TaskRecords>& stored,
                        const std::vector<records::AttemptRecord>& attempts);

/**
 * The five parts of `task`'s score with their sources (docs/course-format.md, "Assessment"):
 * work page from the answers and marks; simulator from the latest completed exam attempt (source:
 * its attempt id); self-assessment from the self-check against the items of the attempt it names
 * (source: that attempt id); teacher from the teacher's rating on the course's teacher rubric
 * (source: the teacher's id); mentor from the latest stored job card that verifies as signed by a
 * key in `trustedMentorKeys` (any key when empty) and fits the course (source: the mentor's name
 * and id, detail: the key in hex). A part without such a record is missing.
 */
[[nodiscard]] ScoreInputs
scoreInputs(const Course& course, const LearningTask& task, const TaskRecords& stored,
            const std::vector<records::AttemptRecord>& attempts,
            const std::vector<records::PublicKey>& trustedMentorKeys = {});

} // namespace skillsim::course
