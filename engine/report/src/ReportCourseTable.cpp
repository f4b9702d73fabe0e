#include "skillsim/report/ReportCourseTable.h"

#include <skillsim/course/CourseProgress.h>

namespace skillsim::report {

ReportCourseRow makeReportCourseRow(const course::Course& c, const std::string& traineeId,
                                    const std::string& traineeName,
                                    const std::map<std::string, course::TaskRecords>& stored,
                                    const std::vector<records::AttemptRecord>& attempts,
                                    const std::vector<records::PublicKey>& trustedMentorKeys) {
  const course::TaskRecords none;
  auto of = [&](const std::string& id) -> const course::TaskRecords& {
    auto it = stored.find(id);
    return it != stored.end() ? it->second : none;
  };
  const std::vector<course::TaskStatus> statuses =
      course::courseStatusFromRecords(c, stored, attempts);
  ReportCourseRow row;
  row.traineeId = traineeId;
  row.traineeName = traineeName;
  for (std::size_t i = 0; i < c.learningTasks.size(); ++i) {
    const course::LearningTask& t = c.learningTasks[i];
    ReportCourseTask task;
    task.taskId = t.id;
    task.state = statuses[i].state;
    const course::TaskScore score = course::combineScore(
        t.weights, course::scoreInputs(c, t, of(t.id), attempts, trustedMentorKeys));
    task.parts = score.parts;
    task.total = score.total;
    row.done += task.state == course::TaskState::Done ? 1 : 0;
    row.open += task.state == course::TaskState::Open ? 1 : 0;
    row.locked += task.state == course::TaskState::Locked ? 1 : 0;
    row.tasks.push_back(std::move(task));
  }
  return row;
}

} // namespace skillsim::report
