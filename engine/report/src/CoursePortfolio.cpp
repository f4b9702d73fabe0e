#include "skillsim/report/CoursePortfolio.h"

#include <skillsim/course/CourseProgress.h>
#include <skillsim/course/Gating.h>
#include <skillsim/course/JobCard.h>
#include <skillsim/course/WorkPageScore.h>

#include <cmath>
#include <cstdio>
#include <sstream>

namespace skillsim::report {
namespace {

std::string esc(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&#39;"; break;
    default: out += c;
    }
  }
  return out;
}

std::string both(const course::LocalizedText& t) { return esc(t.zh) + " / " + esc(t.en); }

std::string percent(double p) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", p);
  return buffer;
}

std::string reason(const course::GateReason& r) {
  using Kind = course::GateReason::Kind;
  switch (r.kind) {
  case Kind::WaitingForTask:
    return "等待学习任务 " + esc(r.task) + " 完成 / waiting for learning task " + esc(r.task);
  case Kind::PlanNotApproved: return "计划尚未经教师批准 / the plan is not approved yet";
  case Kind::TooFewPractice:
    return "练习 " + std::to_string(r.have) + " 次，需要 " + std::to_string(r.need) + " 次 / " +
           std::to_string(r.have) + " practice attempts of " + std::to_string(r.need);
  case Kind::PracticeBelowMark:
    return "第 " + std::to_string(r.have) + " 次练习得分 " + percent(r.score) + "，低于 " +
           percent(r.minimum) + " / practice attempt " + std::to_string(r.have) + " scored " +
           percent(r.score) + ", below " + percent(r.minimum);
  case Kind::SelfCheckMissing: return "尚未自评 / the self-check is not done";
  case Kind::ExamMissing: return "尚未参加考核 / no exam attempt yet";
  }
  return "";
}

const char* stateWords(course::TaskState s) {
  switch (s) {
  case course::TaskState::Locked: return "未开放 / locked";
  case course::TaskState::Open: return "进行中 / open";
  case course::TaskState::Done: return "已完成 / done";
  }
  return "";
}

const char* verdictWords(course::AnswerVerdict v) {
  switch (v) {
  case course::AnswerVerdict::Right: return "正确 / right";
  case course::AnswerVerdict::Wrong: return "错误 / wrong";
  case course::AnswerVerdict::WrongUnit: return "单位错误 / wrong unit";
  case course::AnswerVerdict::Unanswered: return "未作答 / not answered";
  case course::AnswerVerdict::AwaitingTeacher: return "待教师评分 / awaiting the teacher";
  case course::AnswerVerdict::TeacherMarked: return "教师已评分 / marked by the teacher";
  }
  return "";
}

const char* partWords(course::ScorePart p) {
  switch (p) {
  case course::ScorePart::WorkPage: return "工作页 / work page";
  case course::ScorePart::Simulator: return "模拟器考核 / simulator exam";
  case course::ScorePart::SelfAssessment: return "自评准确度 / self-assessment accuracy";
  case course::ScorePart::Teacher: return "教师评价 / teacher's rating";
  case course::ScorePart::Mentor: return "企业师傅评价 / mentor's rating";
  }
  return "";
}

const char* cardWords(course::JobCardStatus s) {
  switch (s) {
  case course::JobCardStatus::Signed: return "已由师傅签名，计入 / signed by the mentor, counts";
  case course::JobCardStatus::Unsigned: return "未签名，不计入 / not signed, does not count";
  case course::JobCardStatus::Altered:
    return "签名后被改动，不计入 / altered after signing, does not count";
  case course::JobCardStatus::UntrustedKey:
    return "签名密钥不受信任，不计入 / signed with an untrusted key, does not count";
  }
  return "";
}

std::string answerText(const course::Answer& a) {
  if (a.number) {
    std::ostringstream s;
    s << *a.number << ' ' << a.unit;
    return esc(s.str());
  }
  if (!a.choices.empty()) {
    std::string out;
    for (const std::string& c : a.choices) {
      out += (out.empty() ? "" : ", ") + c;
    }
    return esc(out);
  }
  return esc(a.text);
}

} // namespace

std::string coursePortfolioHtml(const course::Course& c, const std::string& traineeId,
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

  std::ostringstream h;
  h << "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>"
    << both(c.title) << " — " << esc(traineeId)
    << "</title><style>body{font-family:sans-serif;margin:2em;max-width:70em}"
       "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #bbb;padding:.2em "
       ".5em;text-align:left}.locked{color:#777}.bad{color:#b00}</style></head><body>\n";
  h << "<h1>" << both(c.title) << "</h1>\n<p>学员 / trainee: " << esc(traineeId) << "</p>\n";
  for (std::size_t i = 0; i < c.learningTasks.size(); ++i) {
    const course::LearningTask& task = c.learningTasks[i];
    const course::TaskStatus& status = statuses[i];
    const course::TaskRecords& rec = of(task.id);
    h << "<section class=\"" << (status.state == course::TaskState::Locked ? "locked" : "")
      << "\"><h2>" << both(task.title) << "</h2>\n<p>" << stateWords(status.state) << "</p>\n";
    std::vector<course::GateReason> reasons = status.lockedBecause;
    if (status.state != course::TaskState::Locked) {
      reasons.insert(reasons.end(), status.examLockedBecause.begin(),
                     status.examLockedBecause.end());
    }
    if (!reasons.empty()) {
      h << "<ul>";
      for (const course::GateReason& r : reasons) {
        h << "<li>" << reason(r) << "</li>";
      }
      h << "</ul>\n";
    }
    h << "<h3>模拟器记录 / attempts</h3><table><tr><th>编号 / id</th><th>模式 / mode</th>"
         "<th>开始 / start</th><th>得分 / score</th></tr>\n";
    for (const records::AttemptRecord& a : attempts) {
      if (a.scenario.id != task.practiceScenario && a.scenario.id != task.examScenario) {
        continue;
      }
      h << "<tr><td>" << esc(a.attemptId) << "</td><td>"
        << (a.mode == records::AttemptMode::Exam ? "考核 / exam" : "练习 / practice") << "</td><td>"
        << esc(records::formatUtc(a.startUtc)) << "</td><td>" << percent(course::attemptPercent(a))
        << (a.vetoed() ? " (否决 / vetoed)" : "") << "</td></tr>\n";
    }
    h << "</table>\n";

    std::vector<std::pair<std::string, double>> marks;
    for (const course::TeacherMark& m : rec.marks) {
      marks.emplace_back(m.questionId, m.points);
    }
    const course::WorkPageScore page = course::scoreWorkPage(task, rec.answers, marks);
    h << "<h3>工作页 / work page</h3><table><tr><th>步骤 / step</th><th>问题 / question</th>"
         "<th>回答 / answer</th><th>时间 / time</th><th>结果 / verdict</th><th>得分 / "
         "points</th></tr>\n";
    std::size_t q = 0;
    for (const course::Step& step : task.steps) {
      for (const course::Question& question : step.questions) {
        const course::Answer* latest = nullptr;
        for (const course::Answer& a : rec.answers) {
          latest = a.questionId == question.id ? &a : latest;
        }
        const course::QuestionScore& s = page.questions[q++];
        h << "<tr><td>" << both(course::stepName(step.kind)) << "</td><td>" << both(question.prompt)
          << "</td><td>" << (latest ? answerText(*latest) : "") << "</td><td>"
          << (latest ? esc(records::formatUtc(latest->answeredUtc)) : "") << "</td><td>"
          << verdictWords(s.verdict) << "</td><td>" << s.points << " / " << s.maximum
          << "</td></tr>\n";
      }
    }
    h << "</table>\n";
    if (!rec.selfChecks.empty()) {
      h << "<h3>自评 / self-check</h3><p>记录编号 / attempt " << esc(rec.selfChecks[0].attemptId)
        << ": ";
      for (const course::SelfCheckEntry& e : rec.selfChecks) {
        h << esc(e.itemId) << " " << e.selfPoints << "; ";
      }
      h << "</p>\n";
    }
    if (rec.reflection) {
      h << "<h3>反思 / reflection</h3><p>" << esc(*rec.reflection) << "</p>\n";
    }
    for (const std::string& text : rec.jobCards) {
      auto card = course::parseJobCard(text, "job card");
      h << "<h3>企业工作任务单 / workplace job card</h3><p";
      if (!card) {
        h << " class=\"bad\">无法读取，不计入 / cannot be read, does not count: "
          << esc(card.error().message) << "</p>\n";
        continue;
      }
      const course::JobCardVerification v = course::verifyJobCard(*card, trustedMentorKeys);
      h << (v.counts() ? ">" : " class=\"bad\">") << esc(card->card.company) << ", "
        << esc(card->card.workshop) << ", " << esc(card->card.machine) << ", "
        << esc(card->card.date) << "; 师傅 / mentor " << esc(card->card.mentorName) << " ("
        << esc(card->card.mentorId) << "); " << cardWords(v.status);
      if (v.signer) {
        h << "; 密钥 / key " << esc(records::publicKeyHex(*v.signer));
      }
      h << "</p>\n";
    }
    const course::ScoreInputs in = course::scoreInputs(c, task, rec, attempts, trustedMentorKeys);
    const course::TaskScore score = course::combineScore(task.weights, in);
    h << "<h3>综合评价 / combined score</h3><table><tr><th>部分 / part</th><th>权重 / "
         "weight</th><th>得分 / value</th><th>来源 / source</th></tr>\n";
    for (const course::ScoredPart& p : score.parts) {
      h << "<tr><td>" << partWords(p.part) << "</td><td>" << p.weight << "</td><td>"
        << (p.percent ? percent(*p.percent) : "缺 / missing") << "</td><td>"
        << esc(p.source.reference) << (p.source.detail.empty() ? "" : " — ") << esc(p.source.detail)
        << "</td></tr>\n";
    }
    h << "</table><p>总分 / total: "
      << (score.total ? percent(*score.total) : std::string("尚不完整 / not complete yet"))
      << "</p></section>\n";
  }
  h << "</body></html>\n";
  return h.str();
}

} // namespace skillsim::report
