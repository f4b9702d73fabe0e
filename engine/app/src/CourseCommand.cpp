#include "CourseCommand.h"
#include "CourseSession.h"
#include "CourseWords.h"
#include "Session.h"

#include "skillsim/app/Cli.h"

#include <skillsim/course/CourseInputs.h>
#include <skillsim/course/CourseLoader.h>
#include <skillsim/course/CourseProgress.h>
#include <skillsim/course/CourseRecordStore.h>
#include <skillsim/course/Gating.h>
#include <skillsim/course/JobCard.h>
#include <skillsim/records/ResultsStore.h>
#include <skillsim/records/TraceHeader.h>
#include <skillsim/records/UserDirs.h>
#include <skillsim/report/CoursePortfolio.h>
#include <skillsim/report/CourseXapi.h>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <ostream>

namespace skillsim::app {
namespace {

std::int64_t nowUtc() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

/** Everything a course subcommand works on, loaded once. */
struct Context {
  course::Course course;
  std::unique_ptr<course::CourseRecordStore> store;
  std::vector<records::AttemptRecord> attempts;
};

/** Loads the course and opens the store; prints the problem and returns nullopt on failure. */
std::optional<Context> load(const CourseOptions& o, std::ostream& err) {
  course::CourseReport report = course::loadCourse(o.courseFile);
  if (!report.valid()) {
    for (const core::Error& p : report.problems) {
      err << p.toString() << '\n';
    }
    return std::nullopt;
  }
  const std::string location = o.db.empty() ? records::defaultStorePath().string() : o.db;
  auto results = records::ResultsStore::open(location);
  if (!results) {
    err << "skillsim course: " << results.error().toString() << '\n';
    return std::nullopt;
  }
  records::AttemptQuery query;
  query.traineeId = o.trainee;
  auto attempts = (*results)->attempts(query);
  if (!attempts) {
    err << "skillsim course: " << attempts.error().toString() << '\n';
    return std::nullopt;
  }
  auto store = course::CourseRecordStore::open(location);
  if (!store) {
    err << "skillsim course: " << store.error().toString() << '\n';
    return std::nullopt;
  }
  return Context{std::move(*report.course), std::move(*store), std::move(*attempts)};
}

std::optional<std::map<std::string, course::TaskRecords>>
allRecords(Context& c, const std::string& trainee, std::ostream& err) {
  std::map<std::string, course::TaskRecords> out;
  for (const course::LearningTask& t : c.course.learningTasks) {
    auto r = c.store->records({trainee, c.course.id, t.id});
    if (!r) {
      err << "skillsim course: " << r.error().toString() << '\n';
      return std::nullopt;
    }
    out.emplace(t.id, std::move(*r));
  }
  return out;
}

std::optional<std::vector<course::TaskStatus>> statuses(Context& c, const std::string& trainee,
                                                        std::ostream& err) {
  auto stored = allRecords(c, trainee, err);
  if (!stored) {
    return std::nullopt;
  }
  return course::courseStatusFromRecords(c.course, *stored, c.attempts);
}

const course::TaskStatus* statusOf(const std::vector<course::TaskStatus>& all,
                                   const std::string& id) {
  for (const course::TaskStatus& s : all) {
    if (s.taskId == id) {
      return &s;
    }
  }
  return nullptr;
}

std::string taskIds(const course::Course& c) {
  std::string ids;
  for (const course::LearningTask& t : c.learningTasks) {
    ids += (ids.empty() ? "" : ", ") + t.id;
  }
  return ids;
}

/** The learning task named by --task, open for the trainee; prints why not. */
const course::LearningTask* openTask(Context& c, const CourseOptions& o, const char* command,
                                     std::ostream& err,
                                     std::vector<course::TaskStatus>* statusOut = nullptr) {
  const bool zh = o.lang == "zh-CN";
  const course::LearningTask* t = c.course.learningTask(o.task);
  if (t == nullptr) {
    if (zh) {
      err << "skillsim course " << command << ": --task " << o.task << "：课程 '" << c.course.id
          << "'（" << o.courseFile << "）没有这个学习任务（它有 " << taskIds(c.course) << "）\n";
    } else {
      err << "skillsim course " << command << ": --task " << o.task << ": course '" << c.course.id
          << "' (" << o.courseFile << ") has no such learning task (it has " << taskIds(c.course)
          << ")\n";
    }
    return nullptr;
  }
  auto all = statuses(c, o.trainee, err);
  if (!all) {
    return nullptr;
  }
  const course::TaskStatus* s = statusOf(*all, t->id);
  if (s != nullptr && s->state == course::TaskState::Locked) {
    if (zh) {
      err << "skillsim course " << command << "：学习任务“" << t->title.zh << "”对学员 "
          << o.trainee << " 尚未开放：" << reasons(s->lockedBecause, c.course, true) << '\n';
    } else {
      err << "skillsim course " << command << ": learning task '" << t->id << "' is locked for "
          << o.trainee << ": " << reasons(s->lockedBecause, c.course, false) << '\n';
    }
    return nullptr;
  }
  if (statusOut != nullptr) {
    *statusOut = std::move(*all);
  }
  return t;
}

std::optional<std::pair<std::string, double>> keyValue(const std::string& given) {
  const auto eq = given.find('=');
  if (eq == std::string::npos || eq == 0) {
    return std::nullopt;
  }
  try {
    std::size_t used = 0;
    const std::string value = given.substr(eq + 1);
    double v = std::stod(value, &used);
    if (used != value.size() || !std::isfinite(v)) {
      return std::nullopt;
    }
    return std::make_pair(given.substr(0, eq), v);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

int runStatus(const CourseOptions& o, std::ostream& out, std::ostream& err) {
  if (o.lang != "en" && o.lang != "zh-CN") {
    err << "skillsim course status: --lang " << o.lang << ": expected zh-CN or en\n";
    return kExitUsage;
  }
  const bool zh = o.lang == "zh-CN";
  auto c = load(o, err);
  if (!c) {
    return kExitFailure;
  }
  auto all = statuses(*c, o.trainee, err);
  if (!all) {
    return kExitFailure;
  }
  out << (zh ? c->course.title.zh : c->course.title.en) << " — " << (zh ? "学员 " : "trainee ")
      << o.trainee << '\n';
  for (const course::TaskStatus& s : *all) {
    const std::string title = taskTitle(c->course, s.taskId, zh);
    switch (s.state) {
    case course::TaskState::Done:
      out << (zh ? "  [已完成] " : "  [done]   ") << title << '\n';
      break;
    case course::TaskState::Locked:
      out << (zh ? "  [未开放] " : "  [locked] ") << title << (zh ? "：" : ": ")
          << reasons(s.lockedBecause, c->course, zh) << '\n';
      break;
    case course::TaskState::Open:
      out << (zh ? "  [进行中] " : "  [open]   ") << title << '\n';
      out << (zh ? "      考核：" : "      exam: ")
          << (s.examUnlocked
                  ? (zh ? "已开放" : "open")
                  : (zh ? "未开放，" : "locked, ") + reasons(s.examLockedBecause, c->course, zh))
          << '\n';
      out << (zh ? "      评价反馈：" : "      evaluation: ")
          << (s.evaluationUnlocked ? (zh ? "已开放" : "open")
                                   : (zh ? "未开放，" : "locked, ") +
                                         reasons(s.evaluationLockedBecause, c->course, zh))
          << '\n';
      break;
    }
  }
  return kExitOk;
}

std::string say(bool zh, const std::string& zhText, const std::string& enText) {
  return zh ? zhText : enText;
}

int runAnswer(const CourseOptions& o, std::ostream& out, std::ostream& err) {
  std::optional<course::StepKind> step;
  if (!o.step.empty()) {
    step = course::stepFromKey(o.step);
    if (!step) {
      err << "skillsim course answer: --step " << o.step
          << ": expected get_information, plan, decide, carry_out, check or evaluate\n";
      return kExitUsage;
    }
  }
  auto c = load(o, err);
  if (!c) {
    return kExitFailure;
  }
  std::vector<course::TaskStatus> all;
  const course::LearningTask* t = openTask(*c, o, "answer", err, &all);
  if (t == nullptr) {
    return kExitFailure;
  }
  const bool zh = o.lang == "zh-CN";
  auto text = course::readTextFile(o.answersFile);
  if (!text) {
    err << text.error().toString() << '\n';
    return kExitFailure;
  }
  const std::int64_t now = nowUtc();
  auto answers = course::parseAnswers(*text, o.answersFile, *t, step, now);
  if (!answers) {
    err << answers.error().toString() << '\n';
    return kExitFailure;
  }
  // The evaluate step's questions wait for its gate, as the reflection does: none of the file's
  // answers is recorded while one of them is refused (found by a new user: they were stored,
  // and the portfolio's xAPI said the locked step was completed).
  const course::TaskStatus* status = statusOf(all, t->id);
  if (status != nullptr && !status->evaluationUnlocked) {
    for (const course::Answer& a : *answers) {
      const course::Step* in = t->stepOfQuestion(a.questionId);
      if (in != nullptr && in->kind == course::StepKind::Evaluate) {
        err << say(zh,
                   "skillsim course answer：" + o.answersFile + "：题目 " + a.questionId +
                       " 属于评价反馈，该步骤尚未开放：" +
                       reasons(status->evaluationLockedBecause, c->course, true) +
                       "；没有记录任何回答\n",
                   "skillsim course answer: " + o.answersFile + ": question " + a.questionId +
                       " belongs to the evaluate step, which is not open yet: " +
                       reasons(status->evaluationLockedBecause, c->course, false) +
                       "; no answer was recorded\n");
        return kExitFailure;
      }
    }
  }
  const course::TaskKey key{o.trainee, c->course.id, t->id};
  for (const course::Answer& a : *answers) {
    if (auto ok = c->store->recordAnswer(key, a); !ok) {
      err << "skillsim course answer: " << ok.error().toString() << '\n';
      return kExitFailure;
    }
  }
  auto stored = c->store->records(key);
  if (!stored) {
    err << "skillsim course answer: " << stored.error().toString() << '\n';
    return kExitFailure;
  }
  std::vector<std::pair<std::string, double>> marks;
  for (const course::TeacherMark& m : stored->marks) {
    marks.emplace_back(m.questionId, m.points);
  }
  const course::WorkPageScore score = course::scoreWorkPage(*t, stored->answers, marks);
  if (zh) {
    out << "已为学习任务“" << t->title.zh << "”记录 " << answers->size() << " 个回答，时间 "
        << records::formatUtc(now) << '\n';
  } else {
    out << answers->size() << " answer" << (answers->size() == 1 ? "" : "s")
        << " recorded for learning task '" << t->id << "' at " << records::formatUtc(now) << '\n';
  }
  for (const course::Answer& a : *answers) {
    for (const course::QuestionScore& q : score.questions) {
      if (q.questionId == a.questionId) {
        out << "  " << q.questionId << ": " << verdictText(q.verdict, zh) << ", "
            << (zh ? "得 " : "") << number(q.points) << (zh ? " 分，满分 " : " of ")
            << number(q.maximum) << (zh ? " 分\n" : " points\n");
      }
    }
  }
  out << (zh ? "工作页：得 " : "work page: ") << number(score.points)
      << (zh ? " 分，满分 " : " of ") << number(score.maximum) << (zh ? " 分" : " points");
  if (auto p = score.percent()) {
    out << (zh ? "（百分制 " : " (") << number(*p) << (zh ? "）\n" : " of 100)\n");
  } else {
    out << (zh ? "，目前（简答题待教师评分）\n"
               : " so far (a short-text answer waits for the teacher's mark)\n");
  }
  return kExitOk;
}

/** `zhText` when the command speaks zh-CN, else `enText`. */

int runApprove(const CourseOptions& o, std::ostream& out, std::ostream& err) {
  auto c = load(o, err);
  if (!c) {
    return kExitFailure;
  }
  const course::LearningTask* t = openTask(*c, o, "approve", err);
  if (t == nullptr) {
    return kExitFailure;
  }
  if (auto ok = c->store->recordPlanApproval({o.trainee, c->course.id, t->id}, o.teacher, nowUtc());
      !ok) {
    err << "skillsim course approve: " << ok.error().toString() << '\n';
    return kExitFailure;
  }
  out << say(o.lang == "zh-CN",
             "教师 " + o.teacher + " 已批准学员 " + o.trainee + " 的学习任务“" + t->title.zh +
                 "”的作业计划\n",
             "plan of learning task '" + t->id + "' approved for " + o.trainee + " by teacher " +
                 o.teacher + '\n');
  return kExitOk;
}

int runMark(const CourseOptions& o, std::ostream& out, std::ostream& err) {
  auto c = load(o, err);
  if (!c) {
    return kExitFailure;
  }
  const course::LearningTask* t = openTask(*c, o, "mark", err);
  if (t == nullptr) {
    return kExitFailure;
  }
  const course::Question* q = nullptr;
  for (const course::Step& s : t->steps) {
    for (const course::Question& candidate : s.questions) {
      if (candidate.id == o.question) {
        q = &candidate;
      }
    }
  }
  if (q == nullptr) {
    err << "skillsim course mark: --question " << o.question << ": learning task '" << t->id
        << "' has no such question\n";
    return kExitFailure;
  }
  if (q->kind != course::QuestionKind::ShortText) {
    err << "skillsim course mark: question '" << q->id << "' is a "
        << course::questionKindKey(q->kind)
        << " question, scored from the answer; only short-text answers are marked\n";
    return kExitFailure;
  }
  if (!(o.points >= 0.0 && o.points <= q->points)) {
    err << "skillsim course mark: --points " << number(o.points) << ": question '" << q->id
        << "' is marked 0 to " << number(q->points) << " points\n";
    return kExitFailure;
  }
  const course::TaskKey key{o.trainee, c->course.id, t->id};
  auto stored = c->store->records(key);
  if (!stored) {
    err << "skillsim course mark: " << stored.error().toString() << '\n';
    return kExitFailure;
  }
  if (std::none_of(stored->answers.begin(), stored->answers.end(),
                   [&](const course::Answer& a) { return a.questionId == q->id; })) {
    err << "skillsim course mark: " << o.trainee << " has not answered question '" << q->id
        << "' yet\n";
    return kExitFailure;
  }
  if (auto ok = c->store->recordMark(key, {q->id, o.teacher, o.points, nowUtc()}); !ok) {
    err << "skillsim course mark: " << ok.error().toString() << '\n';
    return kExitFailure;
  }
  if (o.lang == "zh-CN") {
    out << "教师 " << o.teacher << " 为问题 " << q->id << " 评分：" << number(o.points)
        << " 分，满分 " << number(q->points) << " 分\n";
  } else {
    out << "question '" << q->id << "' marked " << number(o.points) << " of " << number(q->points)
        << " points by teacher " << o.teacher << '\n';
  }
  return kExitOk;
}

int rateTeacher(const CourseOptions& o, Context& c, const course::LearningTask& t,
                std::ostream& out, std::ostream& err) {
  const bool zh = o.lang == "zh-CN";
  if (o.teacher.empty()) {
    err << say(zh, "skillsim course rate：--role teacher 需要 --teacher 教师编号\n",
               "skillsim course rate: --role teacher needs --teacher ID\n");
    return kExitUsage;
  }
  const auto& rubric = c.course.assessment.teacherRubric;
  course::TaskRating rating{course::RaterRole::Teacher, o.teacher, {}, nowUtc()};
  for (const std::string& given : o.ratings) {
    auto kv = keyValue(given);
    auto item = kv ? std::find_if(rubric.begin(), rubric.end(),
                                  [&](const auto& i) { return i.id == kv->first; })
                   : rubric.end();
    if (item == rubric.end()) {
      std::string ids;
      for (const auto& i : rubric) {
        ids += (ids.empty() ? "" : ", ") + i.id;
      }
      err << say(zh,
                 "skillsim course rate：--rating " + given + "：应为 评分项=分数，评分项为教师" +
                     "评分表中的一项（" + ids + "）\n",
                 "skillsim course rate: --rating " + given +
                     ": expected ITEM=RATING with ITEM one of the teacher rubric's items (" + ids +
                     ")\n");
      return kExitFailure;
    }
    if (kv->second != std::floor(kv->second) || kv->second < 0 || kv->second > item->maxRating) {
      const std::string max = std::to_string(item->maxRating);
      err << say(zh,
                 "skillsim course rate：--rating " + given + "：评分项“" + item->text.zh + "”（" +
                     item->id + "）须为 0 到 " + max + " 的整数\n",
                 "skillsim course rate: --rating " + given + ": item '" + item->id +
                     "' is rated a whole number from 0 to " + max + '\n');
      return kExitFailure;
    }
    if (std::any_of(rating.ratings.begin(), rating.ratings.end(),
                    [&](const auto& r) { return r.itemId == item->id; })) {
      err << say(
          zh, "skillsim course rate：评分项“" + item->text.zh + "”（" + item->id + "）评了两次\n",
          "skillsim course rate: item '" + item->id + "' is rated twice\n");
      return kExitFailure;
    }
    rating.ratings.push_back({item->id, static_cast<int>(kv->second)});
  }
  for (const course::RubricItem& i : rubric) {
    if (std::none_of(rating.ratings.begin(), rating.ratings.end(),
                     [&](const auto& r) { return r.itemId == i.id; })) {
      const std::string hint = "--rating " + i.id + "=0.." + std::to_string(i.maxRating);
      err << say(zh,
                 "skillsim course rate：教师评分表的评分项“" + i.text.zh + "”（" + i.id +
                     "）尚未评分（" + hint + "）\n",
                 "skillsim course rate: item '" + i.id + "' of the teacher rubric is not rated (" +
                     hint + ")\n");
      return kExitFailure;
    }
  }
  if (auto ok = c.store->recordRating({o.trainee, c.course.id, t.id}, rating); !ok) {
    err << "skillsim course rate: " << ok.error().toString() << '\n';
    return kExitFailure;
  }
  const std::string percent = number(course::rubricPercent(rubric, rating.ratings).value_or(0.0));
  out << say(zh,
             "教师 " + o.teacher + " 为学员 " + o.trainee + " 的学习任务“" + t.title.zh +
                 "”评分：" + percent + " 分（百分制）\n",
             "teacher " + o.teacher + " rated learning task '" + t.id + "' for " + o.trainee +
                 ": " + percent + " of 100\n");
  return kExitOk;
}

int rateMentor(const CourseOptions& o, Context& c, const course::LearningTask& t, std::ostream& out,
               std::ostream& err) {
  const bool zh = o.lang == "zh-CN";
  if (o.card.empty() || o.mentorKeys.empty()) {
    err << say(zh,
               "skillsim course rate：--role mentor 需要 --card（企业导师已签名的工作任务单）和 "
               "--mentor-keys（企业导师公钥登记表）\n",
               "skillsim course rate: --role mentor needs --card (the mentor's signed job card) "
               "and --mentor-keys (the mentor key registry)\n");
    return kExitUsage;
  }
  auto registryText = course::readTextFile(o.mentorKeys);
  if (!registryText) {
    err << registryText.error().toString() << '\n';
    return kExitFailure;
  }
  auto registry = course::parseMentorKeys(*registryText, o.mentorKeys);
  if (!registry) {
    err << registry.error().toString() << '\n';
    return kExitFailure;
  }
  auto cardText = course::readTextFile(o.card);
  if (!cardText) {
    err << cardText.error().toString() << '\n';
    return kExitFailure;
  }
  auto card = course::parseJobCard(*cardText, o.card);
  if (!card) {
    err << card.error().toString() << '\n';
    return kExitFailure;
  }
  if (card->card.trainee != o.trainee || card->card.learningTask != t.id) {
    err << say(zh,
               "skillsim course rate：" + o.card + "：这张工作任务单属于学员 " +
                   card->card.trainee + "、学习任务 '" + card->card.learningTask + "'，不是 " +
                   o.trainee + "、'" + t.id + "'\n",
               "skillsim course rate: " + o.card + ": the card is for trainee " +
                   card->card.trainee + ", learning task '" + card->card.learningTask + "', not " +
                   o.trainee + ", '" + t.id + "'\n");
    return kExitFailure;
  }
  if (auto fits = course::checkJobCardAgainstCourse(card->card, c.course, o.card); !fits) {
    err << fits.error().toString() << '\n';
    return kExitFailure;
  }
  const course::JobCardVerification v = course::verifyJobCard(*card);
  if (v.status == course::JobCardStatus::Unsigned) {
    err << say(zh,
               "skillsim course rate：" + o.card +
                   "：企业导师尚未签名（skillsim jobcard sign）；未签名的工作任务单不计分\n",
               "skillsim course rate: " + o.card +
                   ": NOT SIGNED by the mentor (skillsim jobcard sign); an unsigned card never "
                   "counts\n");
    return kExitFailure;
  }
  if (v.status == course::JobCardStatus::Altered) {
    err << say(zh,
               "skillsim course rate：" + o.card + "：签名后被改动过（签名与内容不符）；不计分\n",
               "skillsim course rate: " + o.card +
                   ": ALTERED after it was signed (the signature does not match the card); it "
                   "never counts\n");
    return kExitFailure;
  }
  auto known = std::find_if(registry->begin(), registry->end(),
                            [&](const auto& m) { return m.publicKey == *v.signer; });
  if (known == registry->end()) {
    const std::string key = records::publicKeyHex(*v.signer);
    err << say(zh,
               "skillsim course rate：" + o.card + "：签名所用公钥 " + key +
                   " 不在企业导师公钥登记表 " + o.mentorKeys + " 中；不计分\n",
               "skillsim course rate: " + o.card + ": signed with key " + key +
                   ", which is not in the mentor key registry " + o.mentorKeys +
                   "; it does not count\n");
    return kExitFailure;
  }
  if (known->mentorId != card->card.mentorId) {
    err << say(zh,
               "skillsim course rate：" + o.card + "：签名用的是企业导师 " + known->name + "（" +
                   known->mentorId + "）的公钥，但任务单写的导师是 " + card->card.mentorName +
                   "（" + card->card.mentorId + "）；不计分\n",
               "skillsim course rate: " + o.card + ": signed with the key of mentor " +
                   known->name + " (" + known->mentorId + ") but the card names mentor " +
                   card->card.mentorName + " (" + card->card.mentorId + "); it does not count\n");
    return kExitFailure;
  }
  const course::TaskKey key{o.trainee, c.course.id, t.id};
  if (auto ok = c.store->recordJobCard(key, *cardText, nowUtc()); !ok) {
    err << "skillsim course rate: " << ok.error().toString() << '\n';
    return kExitFailure;
  }
  course::TaskRating rating{course::RaterRole::Mentor, card->card.mentorId, {}, nowUtc()};
  for (const course::JobCardItem& i : card->card.items) {
    rating.ratings.push_back({i.id, i.ticked ? i.rating : 0});
  }
  if (auto ok = c.store->recordRating(key, rating); !ok) {
    err << "skillsim course rate: " << ok.error().toString() << '\n';
    return kExitFailure;
  }
  const std::string percent = number(course::mentorPercent(*card, v, c.course).value_or(0.0));
  const std::string keyHex = records::publicKeyHex(known->publicKey);
  out << say(zh,
             "企业导师 " + known->name + "（" + known->mentorId + "）为学员 " + o.trainee +
                 " 的学习任务“" + t.title.zh + "”评分：" + percent + " 分（百分制），签名公钥 " +
                 keyHex + '\n',
             "mentor " + known->name + " (" + known->mentorId + ") rated learning task '" + t.id +
                 "' for " + o.trainee + ": " + percent + " of 100, signed with key " + keyHex +
                 '\n');
  return kExitOk;
}

int runRate(const CourseOptions& o, std::ostream& out, std::ostream& err) {
  if (o.role != "teacher" && o.role != "mentor") {
    err << say(o.lang == "zh-CN",
               "skillsim course rate：--role " + o.role +
                   "：应为 teacher（教师）或 mentor（企业导师）\n",
               "skillsim course rate: --role " + o.role + ": expected teacher or mentor\n");
    return kExitUsage;
  }
  auto c = load(o, err);
  if (!c) {
    return kExitFailure;
  }
  const course::LearningTask* t = openTask(*c, o, "rate", err);
  if (t == nullptr) {
    return kExitFailure;
  }
  return o.role == "teacher" ? rateTeacher(o, *c, *t, out, err) : rateMentor(o, *c, *t, out, err);
}

int runSelfCheck(const CourseOptions& o, std::ostream& out, std::ostream& err) {
  const bool zh = o.lang == "zh-CN";
  auto c = load(o, err);
  if (!c) {
    return kExitFailure;
  }
  std::vector<course::TaskStatus> all;
  const course::LearningTask* t = openTask(*c, o, "selfcheck", err, &all);
  if (t == nullptr) {
    return kExitFailure;
  }
  // The check step comes after the exam attempt: the evaluation gate's ExamMissing says so.
  const course::TaskStatus* s = statusOf(all, t->id);
  if (s != nullptr &&
      std::any_of(s->evaluationLockedBecause.begin(), s->evaluationLockedBecause.end(),
                  [](const auto& r) { return r.kind == course::GateReason::Kind::ExamMissing; })) {
    err << say(zh,
               "skillsim course selfcheck：学习任务“" + t->title.zh + "”：检查控制在考核之后，" +
                   "学员 " + o.trainee + " 尚未参加考核\n",
               "skillsim course selfcheck: learning task '" + t->id +
                   "': the check step comes after the exam attempt, and " + o.trainee +
                   " has not taken it yet\n");
    return kExitFailure;
  }
  // Once: its score has been shown (course::CourseRecordStore::recordSelfCheck refuses too).
  if (auto stored = c->store->records({o.trainee, c->course.id, t->id});
      stored && !stored->selfChecks.empty()) {
    const course::SelfCheckEntry& first = stored->selfChecks.front();
    err << say(zh,
               "skillsim course selfcheck：学习任务“" + t->title.zh + "”的自评已在 " +
                   records::formatUtc(first.checkedUtc) + " 提交（记录 " + first.attemptId +
                   "），得分已公布，不能再次自评\n",
               "skillsim course selfcheck: learning task '" + t->id +
                   "': the self-check was given at " + records::formatUtc(first.checkedUtc) +
                   " (attempt " + first.attemptId +
                   ") and its score shown; it is not given again\n");
    return kExitFailure;
  }
  const records::AttemptRecord* rated = course::selfCheckAttempt(*t, c->attempts, o.attempt);
  if (rated == nullptr) {
    err << (o.attempt.empty()
                ? say(zh,
                      "skillsim course selfcheck：学员 " + o.trainee + " 在学习任务“" +
                          t->title.zh + "”上没有已完成的考试或练习\n",
                      "skillsim course selfcheck: no completed attempt of " + o.trainee +
                          " on learning task '" + t->id + "'\n")
                : say(zh,
                      "skillsim course selfcheck：--attempt " + o.attempt + "：学员 " + o.trainee +
                          " 在学习任务“" + t->title.zh + "”上没有这个编号的记录\n",
                      "skillsim course selfcheck: --attempt " + o.attempt + ": no attempt of " +
                          o.trainee + " on learning task '" + t->id + "' has this id\n"));
    return kExitFailure;
  }
  std::vector<course::SelfCheckEntry> entries;
  const std::int64_t now = nowUtc();
  for (const std::string& given : o.items) {
    auto kv = keyValue(given);
    auto item = kv ? std::find_if(rated->result.items.begin(), rated->result.items.end(),
                                  [&](const auto& i) { return i.itemId == kv->first; })
                   : rated->result.items.end();
    if (item == rated->result.items.end()) {
      std::string ids;
      for (const auto& i : rated->result.items) {
        ids += (ids.empty() ? "" : ", ") + i.itemId;
      }
      err << say(zh,
                 "skillsim course selfcheck：--item " + given + "：应为 评分项=分数，评分项为" +
                     "这次记录的一项（" + ids + "）\n",
                 "skillsim course selfcheck: --item " + given +
                     ": expected ITEM=POINTS with ITEM one of the attempt's items (" + ids + ")\n");
      return kExitFailure;
    }
    if (kv->second < 0.0 || kv->second > item->maxPoints) {
      err << say(zh,
                 "skillsim course selfcheck：--item " + given + "：评分项 " + item->itemId +
                     " 的分数为 0 到 " + number(item->maxPoints) + " 分\n",
                 "skillsim course selfcheck: --item " + given + ": item '" + item->itemId +
                     "' has 0 to " + number(item->maxPoints) + " points\n");
      return kExitFailure;
    }
    entries.push_back({rated->attemptId, item->itemId, kv->second, now});
  }
  for (const auto& i : rated->result.items) {
    if (std::none_of(entries.begin(), entries.end(),
                     [&](const auto& e) { return e.itemId == i.itemId; })) {
      const std::string hint = "--item " + i.itemId + "=0.." + number(i.maxPoints);
      err << say(zh,
                 "skillsim course selfcheck：评分项 " + i.itemId + " 尚未自评（" + hint +
                     "）；请为这次记录的每一项自评\n",
                 "skillsim course selfcheck: item '" + i.itemId + "' is not rated (" + hint +
                     "); rate every item of the attempt\n");
      return kExitFailure;
    }
  }
  if (auto ok = c->store->recordSelfCheck({o.trainee, c->course.id, t->id}, entries); !ok) {
    err << "skillsim course selfcheck: " << ok.error().toString() << '\n';
    return kExitFailure;
  }
  std::vector<course::SelfCheckItem> items;
  out << say(zh, "已记录对第 " + rated->attemptId + " 号记录的自评；现在公布得分：\n",
             "self-check of attempt " + rated->attemptId + " recorded; now the score:\n");
  for (const auto& e : entries) {
    auto item = std::find_if(rated->result.items.begin(), rated->result.items.end(),
                             [&](const auto& i) { return i.itemId == e.itemId; });
    items.push_back({e.itemId, e.selfPoints, item->awardedPoints, item->maxPoints});
    out << say(zh,
               "  " + e.itemId + "：自评 " + number(e.selfPoints) + " 分，实得 " +
                   number(item->awardedPoints) + " 分，满分 " + number(item->maxPoints) + " 分\n",
               "  " + e.itemId + ": you said " + number(e.selfPoints) + ", the attempt earned " +
                   number(item->awardedPoints) + " of " + number(item->maxPoints) + '\n');
  }
  const std::string accuracy = number(course::selfAssessmentAccuracy(items).value_or(0.0));
  out << say(zh, "自评准确度：" + accuracy + " 分（百分制）\n",
             "self-assessment accuracy: " + accuracy + " of 100\n");
  return kExitOk;
}

int runReflect(const CourseOptions& o, std::ostream& out, std::ostream& err) {
  const bool zh = o.lang == "zh-CN";
  if (o.text.empty()) {
    err << say(zh, "skillsim course reflect：--text 不能为空\n",
               "skillsim course reflect: --text must not be empty\n");
    return kExitUsage;
  }
  auto c = load(o, err);
  if (!c) {
    return kExitFailure;
  }
  std::vector<course::TaskStatus> all;
  const course::LearningTask* t = openTask(*c, o, "reflect", err, &all);
  if (t == nullptr) {
    return kExitFailure;
  }
  const course::TaskStatus* s = statusOf(all, t->id);
  if (s != nullptr && !s->evaluationUnlocked) {
    err << say(zh,
               "skillsim course reflect：学习任务“" + t->title.zh + "”的评价反馈尚未开放：" +
                   reasons(s->evaluationLockedBecause, c->course, true) + '\n',
               "skillsim course reflect: the evaluate step of learning task '" + t->id +
                   "' is not open yet: " + reasons(s->evaluationLockedBecause, c->course, false) +
                   '\n');
    return kExitFailure;
  }
  if (auto ok = c->store->recordReflection({o.trainee, c->course.id, t->id}, o.text, nowUtc());
      !ok) {
    err << "skillsim course reflect: " << ok.error().toString() << '\n';
    return kExitFailure;
  }
  out << say(zh, "已记录学习任务“" + t->title.zh + "”的反思\n",
             "reflection recorded for learning task '" + t->id + "'\n");
  return kExitOk;
}

int runOpen(const CourseOptions& o, std::ostream& out, std::ostream& err) {
  auto language = runLanguage(o.openLang);
  if (!language) {
    err << "skillsim course open: " << language.error().toString() << '\n';
    return kExitUsage;
  }
  RunOptions run;
  run.trainee = o.trainee;
  run.db = o.db;
  run.lang = o.openLang;
  run.bindings = o.bindings;
  run.observer = o.observer;
  run.examSession = o.examSession;
  if (!o.screenshot.empty()) {
    return writeCourseScreenshot(run, o.courseFile, o.openTask, *language, o.screenshot, out, err);
  }
  return runCourseSession(run, o.courseFile, o.openTask, *language, out, err);
}

CLI::App* withCommon(CLI::App* cmd, CourseOptions& o, bool task) {
  cmd->add_option("--course", o.courseFile, "The course file")->required();
  cmd->add_option("--trainee", o.trainee, "The trainee's id")->required();
  cmd->add_option("--db", o.db, "Results store: SQLite file or postgresql:// URL");
  if (task) {
    cmd->add_option("--task", o.task, "The learning task id")->required();
  }
  return cmd;
}

} // namespace

CLI::App* addCourseCommand(CLI::App& cli, CourseOptions& o) {
  CLI::App* course = cli.add_subcommand(
      "course", "A trainee's course records: the course map, work pages, approvals, marks, "
                "ratings, the self-check and the reflection");
  course->require_subcommand(1);
  o.statusCmd = withCommon(
      course->add_subcommand("status", "The course map: each learning task open, done or "
                                       "locked, and why"),
      o, false);
  o.statusCmd->add_option("--lang", o.lang, "zh-CN or en (default en)");
  o.answerCmd = withCommon(
      course->add_subcommand("answer", "Record work-page answers from an answers file"), o, true);
  o.answerCmd->add_option("--answers", o.answersFile, "The answers file (TOML)")->required();
  o.answerCmd->add_option("--step", o.step, "Only questions of this step (get_information …)");
  o.answerCmd->add_option("--lang", o.lang, "zh-CN or en (default en)")
      ->check(CLI::IsMember({"zh-CN", "en"}));
  o.approveCmd = withCommon(
      course->add_subcommand("approve", "The teacher approves the trainee's plan"), o, true);
  o.approveCmd->add_option("--teacher", o.teacher, "The teacher's id")->required();
  o.markCmd =
      withCommon(course->add_subcommand("mark", "The teacher marks a short-text answer"), o, true);
  o.markCmd->add_option("--teacher", o.teacher, "The teacher's id")->required();
  o.markCmd->add_option("--question", o.question, "The question id")->required();
  o.markCmd->add_option("--points", o.points, "The points given")->required();
  o.markCmd->add_option("--lang", o.lang, "zh-CN or en (default en)")
      ->check(CLI::IsMember({"zh-CN", "en"}));
  o.rateCmd = withCommon(
      course->add_subcommand("rate", "A teacher's rating, or a mentor's signed job card"), o, true);
  o.rateCmd->add_option("--role", o.role, "teacher or mentor (default teacher)");
  o.rateCmd->add_option("--teacher", o.teacher, "teacher: the teacher's id");
  o.rateCmd->add_option("--rating", o.ratings, "teacher: ITEM=RATING (every rubric item)");
  o.rateCmd->add_option("--card", o.card, "mentor: the signed job card");
  o.rateCmd->add_option("--mentor-keys", o.mentorKeys, "mentor: the mentor key registry file");
  o.selfCheckCmd = withCommon(
      course->add_subcommand("selfcheck", "The trainee rates each item of their best attempt"), o,
      true);
  o.selfCheckCmd->add_option("--attempt", o.attempt, "The attempt (default: the best one)");
  o.selfCheckCmd->add_option("--item", o.items, "ITEM=POINTS (every item of the attempt)");
  o.reflectCmd = withCommon(
      course->add_subcommand("reflect", "The trainee's reflection (the evaluate step)"), o, true);
  o.reflectCmd->add_option("--text", o.text, "The reflection")->required();
  o.openCmd = withCommon(
      course->add_subcommand("open", "The course screens in a window: the course map, work "
                                     "pages, practice and exam, the self-check and the reflection"),
      o, false);
  o.openCmd->add_option("--lang", o.openLang,
                        "UI language: zh-CN or en (default: from the locale)");
  o.openCmd->add_option("--bindings", o.bindings, "Input bindings file");
  o.openCmd->add_option("--exam-session", o.examSession,
                        "The invigilated exam session the exam runs in (pre-fills Start exam)");
  o.openCmd->add_option("--task", o.openTask, "The learning task shown under the map at first");
  o.openCmd->add_option("--screenshot", o.screenshot,
                        "No window: draw the course screens offscreen once and write this PNG");
  for (CLI::App* cmd : {o.approveCmd, o.rateCmd, o.selfCheckCmd, o.reflectCmd}) {
    cmd->add_option("--lang", o.lang, "zh-CN or en (default en)")
        ->check(CLI::IsMember({"zh-CN", "en"}));
  }
  return course;
}

int runCourse(const CourseOptions& o, std::ostream& out, std::ostream& err) {
  try {
    const std::pair<CLI::App*, int (*)(const CourseOptions&, std::ostream&, std::ostream&)>
        commands[] = {{o.statusCmd, runStatus},   {o.answerCmd, runAnswer},
                      {o.approveCmd, runApprove}, {o.markCmd, runMark},
                      {o.rateCmd, runRate},       {o.selfCheckCmd, runSelfCheck},
                      {o.reflectCmd, runReflect}, {o.openCmd, runOpen}};
    for (const auto& [cmd, run] : commands) {
      if (cmd != nullptr && cmd->parsed()) {
        return run(o, out, err);
      }
    }
  } catch (const std::exception& e) {
    err << "skillsim course: " << e.what() << '\n';
    return kExitFailure;
  }
  return kExitUsage;
}

} // namespace skillsim::app

namespace skillsim::app {

CLI::App* addPortfolioCommand(CLI::App& cli, PortfolioOptions& o) {
  CLI::App* cmd = cli.add_subcommand(
      "portfolio", "A trainee's course portfolio as an HTML page: every learning task's state, "
                   "attempts, work page, self-check, reflection, ratings, job cards and score");
  cmd->add_option("--course", o.courseFile, "The course file")->required();
  cmd->add_option("--trainee", o.trainee, "The trainee's id")->required();
  cmd->add_option("--db", o.db, "Results store: SQLite file or postgresql:// URL");
  cmd->add_option("-o,--out", o.out, "The HTML file to write")->required();
  cmd->add_option("--mentor-keys", o.mentorKeys,
                  "Mentor key registry: only cards signed by its keys count");
  cmd->add_option("--xapi", o.xapi,
                  "Also write xAPI statements (completed steps, scored learning tasks) here");
  return cmd;
}

int runPortfolio(const PortfolioOptions& o, std::ostream& out, std::ostream& err) {
  try {
    std::vector<records::PublicKey> trusted;
    if (!o.mentorKeys.empty()) {
      auto text = course::readTextFile(o.mentorKeys);
      if (!text) {
        err << text.error().toString() << '\n';
        return kExitFailure;
      }
      auto registry = course::parseMentorKeys(*text, o.mentorKeys);
      if (!registry) {
        err << registry.error().toString() << '\n';
        return kExitFailure;
      }
      for (const course::MentorKey& m : *registry) {
        trusted.push_back(m.publicKey);
      }
    }
    CourseOptions co;
    co.courseFile = o.courseFile;
    co.trainee = o.trainee;
    co.db = o.db;
    auto c = load(co, err);
    if (!c) {
      return kExitFailure;
    }
    auto stored = allRecords(*c, o.trainee, err);
    if (!stored) {
      return kExitFailure;
    }
    const std::string html =
        report::coursePortfolioHtml(c->course, o.trainee, *stored, c->attempts, trusted);
    std::ofstream file(o.out, std::ios::binary | std::ios::trunc);
    file << html;
    file.close();
    if (!file) {
      err << "skillsim portfolio: " << o.out << ": cannot write the file\n";
      return kExitFailure;
    }
    if (!o.xapi.empty()) {
      const std::string statements =
          report::courseXapiStatements(c->course, o.trainee, *stored, c->attempts, trusted);
      std::ofstream x(o.xapi, std::ios::binary | std::ios::trunc);
      x << statements;
      x.close();
      if (!x) {
        err << "skillsim portfolio: " << o.xapi << ": cannot write the file\n";
        return kExitFailure;
      }
    }
    out << o.out << ": portfolio of " << o.trainee << " in course '" << c->course.id << "', "
        << c->attempts.size() << " attempts\n";
    return kExitOk;
  } catch (const std::exception& e) {
    err << "skillsim portfolio: " << e.what() << '\n';
    return kExitFailure;
  }
}

} // namespace skillsim::app
