#pragma once
// The plain words of the course records (docs/course-format.md), zh-CN and en, made at display
// time from structured data: shared by `skillsim course` and the workstation's course screens.

#include <skillsim/course/Course.h>
#include <skillsim/course/Gating.h>
#include <skillsim/course/WorkPageScore.h>

#include <string>
#include <vector>

namespace skillsim::app {

/** `v` with one decimal, a trailing ".0" dropped (70, 91.1). */
std::string number(double v);

/** The learning task's title in zh or en; its id when the course has no such task. */
std::string taskTitle(const course::Course& c, const std::string& id, bool zh);

/** One gate's reason in plain words ("教师尚未批准作业计划", "2 practice attempts done of the 3
 * needed"). */
std::string reasonText(const course::GateReason& r, const course::Course& c, bool zh);

/** Every reason of `list`, joined by "；" (zh) or "; " (en). */
std::string reasons(const std::vector<course::GateReason>& list, const course::Course& c, bool zh);

/** A question's verdict in words ("正确", "waiting for the teacher's mark"). */
const char* verdictText(course::AnswerVerdict v, bool zh);

} // namespace skillsim::app
