#include "CourseWords.h"

#include <cstdio>

namespace skillsim::app {

std::string number(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", v);
  std::string s = buffer;
  if (s.size() > 2 && s.ends_with(".0")) {
    s.resize(s.size() - 2);
  }
  return s;
}

std::string taskTitle(const course::Course& c, const std::string& id, bool zh) {
  const course::LearningTask* t = c.learningTask(id);
  return t == nullptr ? id : (zh ? t->title.zh : t->title.en);
}

/** A gate's reason in plain words, made here from its fields. */
std::string reasonText(const course::GateReason& r, const course::Course& c, bool zh) {
  using K = course::GateReason::Kind;
  switch (r.kind) {
  case K::WaitingForTask:
    return zh ? "须先完成学习任务“" + taskTitle(c, r.task, true) + "”"
              : "first finish the learning task \"" + taskTitle(c, r.task, false) + "\"";
  case K::PlanNotApproved:
    return zh ? "教师尚未批准作业计划" : "the teacher has not approved the plan yet";
  case K::TooFewPractice:
    return zh ? "已完成练习 " + std::to_string(r.have) + " 次，需要 " + std::to_string(r.need) +
                    " 次"
              : std::to_string(r.have) + " practice attempts done of the " +
                    std::to_string(r.need) + " needed";
  case K::PracticeBelowMark:
    return zh ? "第 " + std::to_string(r.have) + " 次练习得分 " + number(r.score) + "，低于 " +
                    number(r.minimum)
              : "practice attempt " + std::to_string(r.have) + " scored " + number(r.score) +
                    ", below " + number(r.minimum);
  case K::SelfCheckMissing:
    return zh ? "尚未完成自评（检查控制）" : "the self-check (check step) is not done yet";
  case K::ExamMissing: return zh ? "尚未参加考核" : "the exam attempt is not taken yet";
  }
  return "";
}

std::string reasons(const std::vector<course::GateReason>& list, const course::Course& c, bool zh) {
  std::string out;
  for (const course::GateReason& r : list) {
    out += (out.empty() ? "" : (zh ? "；" : "; ")) + reasonText(r, c, zh);
  }
  return out;
}

const char* verdictText(course::AnswerVerdict v, bool zh) {
  if (zh) {
    switch (v) {
    case course::AnswerVerdict::Right: return "正确";
    case course::AnswerVerdict::Wrong: return "错误";
    case course::AnswerVerdict::WrongUnit: return "单位错误";
    case course::AnswerVerdict::Unanswered: return "未作答";
    case course::AnswerVerdict::AwaitingTeacher: return "待教师评分";
    case course::AnswerVerdict::TeacherMarked: return "教师已评分";
    }
    return "";
  }
  switch (v) {
  case course::AnswerVerdict::Right: return "right";
  case course::AnswerVerdict::Wrong: return "wrong";
  case course::AnswerVerdict::WrongUnit: return "wrong unit";
  case course::AnswerVerdict::Unanswered: return "not answered";
  case course::AnswerVerdict::AwaitingTeacher: return "waiting for the teacher's mark";
  case course::AnswerVerdict::TeacherMarked: return "marked by the teacher";
  }
  return "";
}

} // namespace skillsim::app
