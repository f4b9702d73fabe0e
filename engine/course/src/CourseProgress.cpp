#include "skillsim/course/CourseProgress.h"

#include "skillsim/course/WorkPageScore.h"

#include <algorithm>

namespace skillsim::course {
namespace {

std::vector<const records::AttemptRecord*>
completedOn(const std::vector<records::AttemptRecord>& attempts, const std::string& scenario,
            records::AttemptMode mode) {
  std::vector<const records::AttemptRecord*> out;
  for (const records::AttemptRecord& a : attempts) {
    if (a.scenario.id == scenario && a.mode == mode && a.result.completed) {
      out.push_back(&a);
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const auto* x, const auto* y) {
    return x->startUtc != y->startUtc ? x->startUtc < y->startUtc : x->attemptId < y->attemptId;
  });
  return out;
}

} // namespace

double attemptPercent(const records::AttemptRecord& attempt) {
  if (attempt.vetoed() || !(attempt.result.maxPoints > 0.0)) {
    return 0.0;
  }
  return 100.0 * attempt.result.totalPoints / attempt.result.maxPoints;
}

TaskProgress taskProgress(const LearningTask& task, const TaskRecords& stored,
                          const std::vector<records::AttemptRecord>& attempts) {
  TaskProgress p;
  p.planApproved = stored.planApprovedBy.has_value();
  for (const auto* a :
       completedOn(attempts, task.practiceScenario, records::AttemptMode::Practice)) {
    p.practicePercents.push_back(attemptPercent(*a));
  }
  auto exams = completedOn(attempts, task.examScenario, records::AttemptMode::Exam);
  if (!exams.empty()) {
    p.examPercent = attemptPercent(*exams.back());
  }
  p.selfCheckDone = !stored.selfChecks.empty();
  p.reflectionDone = stored.reflection.has_value();
  return p;
}

std::vector<TaskStatus>
courseStatusFromRecords(const Course& course, const std::map<std::string, TaskRecords>& stored,
                        const std::vector<records::AttemptRecord>& attempts) {
  const TaskRecords none;
  std::map<std::string, TaskProgress> progress;
  for (const LearningTask& t : course.learningTasks) {
    auto it = stored.find(t.id);
    progress.emplace(t.id, taskProgress(t, it != stored.end() ? it->second : none, attempts));
  }
  return courseStatus(course, progress);
}

ScoreInputs scoreInputs(const Course& course, const LearningTask& task, const TaskRecords& stored,
                        const std::vector<records::AttemptRecord>& attempts,
                        const std::vector<records::PublicKey>& trustedMentorKeys) {
  ScoreInputs in;
  std::vector<std::pair<std::string, double>> marks;
  for (const TeacherMark& m : stored.marks) {
    marks.emplace_back(m.questionId, m.points);
  }
  in.workPage = scoreWorkPage(task, stored.answers, marks).percent();
  in.workPageSource = {"work page", std::to_string(stored.answers.size()) + " answers"};

  auto exams = completedOn(attempts, task.examScenario, records::AttemptMode::Exam);
  if (!exams.empty()) {
    in.simulator = attemptPercent(*exams.back());
    in.simulatorSource = {exams.back()->attemptId, exams.back()->scenario.id};
  }

  if (!stored.selfChecks.empty()) {
    const std::string& attemptId = stored.selfChecks.front().attemptId;
    auto checked = std::find_if(attempts.begin(), attempts.end(),
                                [&](const auto& a) { return a.attemptId == attemptId; });
    if (checked != attempts.end()) {
      std::vector<SelfCheckItem> items;
      for (const assessment::ItemResult& item : checked->result.items) {
        auto self = std::find_if(stored.selfChecks.begin(), stored.selfChecks.end(),
                                 [&](const auto& e) { return e.itemId == item.itemId; });
        if (self != stored.selfChecks.end()) {
          items.push_back({item.itemId, self->selfPoints, item.awardedPoints, item.maxPoints});
        }
      }
      // Every item of the attempt must be rated: a partial self-check is no self-check.
      if (items.size() == checked->result.items.size()) {
        in.selfAssessment = selfAssessmentAccuracy(items);
        in.selfAssessmentSource = {attemptId, "self-check"};
      }
    }
  }

  for (const TaskRating& r : stored.ratings) {
    if (r.role == RaterRole::Teacher) {
      in.teacher = rubricPercent(course.assessment.teacherRubric, r.ratings);
      in.teacherSource = {r.raterId, "teacher"};
    }
  }

  for (auto it = stored.jobCards.rbegin(); it != stored.jobCards.rend(); ++it) {
    auto card = parseJobCard(*it, "stored job card");
    if (!card) {
      continue;
    }
    const JobCardVerification v = verifyJobCard(*card, trustedMentorKeys);
    if (auto percent = mentorPercent(*card, v, course)) {
      in.mentor = percent;
      in.mentorSource = {card->card.mentorName + " (" + card->card.mentorId + ")",
                         records::publicKeyHex(*v.signer)};
      break;
    }
  }
  return in;
}

const records::AttemptRecord* selfCheckAttempt(const LearningTask& task,
                                               const std::vector<records::AttemptRecord>& attempts,
                                               const std::string& attemptId) {
  const records::AttemptRecord* rated = nullptr;
  for (const records::AttemptRecord& a : attempts) {
    const bool onTask =
        a.scenario.id == task.practiceScenario || a.scenario.id == task.examScenario;
    if (!attemptId.empty()) {
      if (a.attemptId == attemptId) {
        return onTask ? &a : nullptr;
      }
    } else if (onTask && a.result.completed &&
               (rated == nullptr || attemptPercent(a) >= attemptPercent(*rated))) {
      rated = &a;
    }
  }
  return rated;
}

} // namespace skillsim::course
