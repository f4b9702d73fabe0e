#include "skillsim/app/CourseDesk.h"

#include "CourseWords.h"

#include <skillsim/course/CourseLoader.h>
#include <skillsim/course/CourseProgress.h>
#include <skillsim/course/TaskScore.h>
#include <skillsim/course/WorkPageScore.h>
#include <skillsim/messages/FindingText.h>
#include <skillsim/records/ResultsStore.h>
#include <skillsim/records/TraceHeader.h>
#include <skillsim/scenario/ScenarioLoader.h>
#include <skillsim/ui/DeductionText.h>

#include <algorithm>
#include <cmath>
#include <set>

namespace skillsim::app {
namespace {

const std::string& pick(const course::LocalizedText& t, bool zh) { return zh ? t.zh : t.en; }

core::Error wrong(bool zh, const std::string& zhText, const std::string& enText) {
  return core::makeError(core::ErrorCode::InvalidInput, zh ? zhText : enText);
}

ui::WorkPageQuestionKind screenKind(course::QuestionKind k) {
  switch (k) {
  case course::QuestionKind::SingleChoice: return ui::WorkPageQuestionKind::SingleChoice;
  case course::QuestionKind::MultipleChoice: return ui::WorkPageQuestionKind::MultipleChoice;
  case course::QuestionKind::Ordering: return ui::WorkPageQuestionKind::Ordering;
  case course::QuestionKind::Number: return ui::WorkPageQuestionKind::Number;
  case course::QuestionKind::ShortText: return ui::WorkPageQuestionKind::ShortText;
  }
  return ui::WorkPageQuestionKind::ShortText;
}

/** The latest stored answer to `questionId`, or nullptr. */
const course::Answer* latestAnswer(const course::TaskRecords& r, const std::string& questionId) {
  const course::Answer* found = nullptr;
  for (const course::Answer& a : r.answers) {
    if (a.questionId == questionId) {
      found = &a;
    }
  }
  return found;
}

std::vector<std::pair<std::string, double>> marksOf(const course::TaskRecords& r) {
  std::vector<std::pair<std::string, double>> marks;
  for (const course::TeacherMark& m : r.marks) {
    marks.emplace_back(m.questionId, m.points);
  }
  return marks;
}

} // namespace

std::string CourseDesk::itemTitle(const assessment::ItemResult& i) const {
  if (auto it = mItemTitles.find(i.itemId); it != mItemTitles.end()) {
    return it->second;
  }
  return i.clause.empty() ? i.itemId : i.clause + " " + i.itemId;
}

core::Expected<CourseDesk> CourseDesk::open(const std::string& courseFile,
                                            const std::string& trainee, const std::string& db) {
  if (trainee.empty()) {
    return core::makeError(core::ErrorCode::InvalidInput,
                           "skillsim course open: --trainee must not be empty");
  }
  course::CourseReport report = course::loadCourse(courseFile);
  if (!report.valid()) {
    return report.problems.front();
  }
  CourseDesk desk;
  desk.mCourse = std::move(*report.course);
  desk.mTrainee = trainee;
  desk.mDb = db;
  auto store = course::CourseRecordStore::open(db);
  if (!store) {
    return store.error();
  }
  desk.mStore = std::move(*store);
  if (auto ok = desk.reload(); !ok) {
    return ok.error();
  }
  return desk;
}

core::Expected<void> CourseDesk::reload() {
  auto results = records::ResultsStore::open(mDb);
  if (!results) {
    return results.error();
  }
  records::AttemptQuery query;
  query.traineeId = mTrainee;
  auto attempts = (*results)->attempts(query);
  if (!attempts) {
    return attempts.error();
  }
  std::map<std::string, course::TaskRecords> stored;
  for (const course::LearningTask& t : mCourse.learningTasks) {
    auto r = mStore->records({mTrainee, mCourse.id, t.id});
    if (!r) {
      return r.error();
    }
    stored.emplace(t.id, std::move(*r));
  }
  mAttempts = std::move(*attempts);
  mRecords = std::move(stored);
  mStatuses = course::courseStatusFromRecords(mCourse, mRecords, mAttempts);
  return {};
}

bool CourseDesk::choose(const std::string& taskId) {
  if (mCourse.learningTask(taskId) == nullptr) {
    return false;
  }
  mChosen = taskId;
  mMessage.clear();
  mMessageIsError = false;
  return true;
}

const course::LearningTask* CourseDesk::chosenTask() const {
  return mChosen ? mCourse.learningTask(*mChosen) : nullptr;
}

const course::TaskStatus* CourseDesk::statusOf(const std::string& taskId) const {
  for (const course::TaskStatus& s : mStatuses) {
    if (s.taskId == taskId) {
      return &s;
    }
  }
  return nullptr;
}

core::Expected<const course::LearningTask*> CourseDesk::openChosen(bool zh) const {
  const course::LearningTask* t = chosenTask();
  if (t == nullptr) {
    return wrong(zh, "请先在课程地图上选择一个学习任务", "choose a learning task on the map first");
  }
  const course::TaskStatus* s = statusOf(t->id);
  if (s != nullptr && s->state == course::TaskState::Locked) {
    return wrong(
        zh, "学习任务“" + t->title.zh + "”尚未开放：" + reasons(s->lockedBecause, mCourse, true),
        "the learning task \"" + t->title.en +
            "\" is locked: " + reasons(s->lockedBecause, mCourse, false));
  }
  return t;
}

ui::CourseScreenModel CourseDesk::model(ui::Language language) const {
  const bool zh = language == ui::Language::ChineseSimplified;
  ui::CourseScreenModel m;
  m.courseTitle = pick(mCourse.title, zh);
  m.trainee = mTrainee;
  m.message = mMessage;
  m.messageIsError = mMessageIsError;
  m.examSession = mExamSession;
  for (const course::TaskStatus& s : mStatuses) {
    const course::LearningTask* t = mCourse.learningTask(s.taskId);
    ui::CourseMapTask row;
    row.id = s.taskId;
    row.title = t != nullptr ? pick(t->title, zh) : s.taskId;
    for (const course::WorkTask& w : mCourse.workTasks) {
      if (t != nullptr && w.id == t->workTask) {
        row.workTask = pick(w.title, zh);
      }
    }
    row.state = s.state == course::TaskState::Done     ? ui::CourseTaskState::Done
                : s.state == course::TaskState::Locked ? ui::CourseTaskState::Locked
                                                       : ui::CourseTaskState::Open;
    row.lockedWhy = reasons(s.lockedBecause, mCourse, zh);
    row.examOpen = s.examUnlocked;
    row.examWhy = reasons(s.examLockedBecause, mCourse, zh);
    row.evaluationOpen = s.evaluationUnlocked;
    row.evaluationWhy = reasons(s.evaluationLockedBecause, mCourse, zh);
    if (mChosen && *mChosen == s.taskId) {
      m.chosen = m.tasks.size();
    }
    m.tasks.push_back(std::move(row));
  }
  const course::LearningTask* t = chosenTask();
  const course::TaskStatus* s = t != nullptr ? statusOf(t->id) : nullptr;
  if (t == nullptr || s == nullptr || s->state == course::TaskState::Locked) {
    return m;
  }
  const course::TaskRecords& r = mRecords.at(t->id);
  const course::WorkPageScore score = course::scoreWorkPage(*t, r.answers, marksOf(r));
  for (const course::Step& step : t->steps) {
    for (const course::Question& q : step.questions) {
      ui::WorkPageQuestion wq;
      wq.id = q.id;
      wq.step = pick(course::stepName(step.kind), zh);
      wq.kind = screenKind(q.kind);
      wq.prompt = pick(q.prompt, zh);
      wq.points = q.points;
      wq.unit = q.unit;
      for (const course::Choice& c : q.choices) {
        wq.choices.push_back({c.id, pick(c.text, zh)});
      }
      if (const course::Answer* a = latestAnswer(r, q.id)) {
        wq.answered = records::formatUtc(a->answeredUtc);
        wq.givenChoices = a->choices;
        wq.givenNumber = a->number;
        wq.givenUnit = a->unit;
        wq.givenText = a->text;
        for (const course::QuestionScore& qs : score.questions) {
          if (qs.questionId == q.id) {
            wq.verdict =
                std::string(verdictText(qs.verdict, zh)) +
                (zh ? "，得 " + number(qs.points) + " 分，满分 " + number(qs.maximum) + " 分"
                    : ", " + number(qs.points) + " of " + number(qs.maximum) + " points");
          }
        }
      }
      m.workPage.push_back(std::move(wq));
    }
  }
  if (auto p = score.percent()) {
    m.workPageScore = zh ? "工作页：得 " + number(score.points) + " 分，满分 " +
                               number(score.maximum) + " 分（百分制 " + number(*p) + "）"
                         : "work page: " + number(score.points) + " of " + number(score.maximum) +
                               " points (" + number(*p) + " of 100)";
  } else {
    m.workPageScore = zh ? "工作页：目前得 " + number(score.points) + " 分，满分 " +
                               number(score.maximum) + " 分（简答题待教师评分）"
                         : "work page: " + number(score.points) + " of " + number(score.maximum) +
                               " points so far (a short-text answer waits for the teacher's mark)";
  }
  m.practiceOpen = true;
  const bool examTaken =
      std::none_of(s->evaluationLockedBecause.begin(), s->evaluationLockedBecause.end(),
                   [](const auto& g) { return g.kind == course::GateReason::Kind::ExamMissing; });
  if (!examTaken) {
    m.checkWhy = zh ? "检查控制在考核之后：尚未参加考核"
                    : "the check step comes after the exam attempt, which is not taken yet";
  } else if (const records::AttemptRecord* rated = course::selfCheckAttempt(*t, mAttempts)) {
    m.checkAttempt =
        zh ? "第 " + rated->attemptId + " 号记录（" + records::formatUtc(rated->startUtc) + "）"
           : "attempt " + rated->attemptId + " (" + records::formatUtc(rated->startUtc) + ")";
    std::vector<course::SelfCheckItem> items;
    for (const assessment::ItemResult& i : rated->result.items) {
      ui::SelfCheckRow row{i.itemId, itemTitle(i), i.maxPoints, std::nullopt, std::nullopt};
      for (const course::SelfCheckEntry& e : r.selfChecks) {
        if (e.attemptId == rated->attemptId && e.itemId == i.itemId) {
          row.self = e.selfPoints;
        }
      }
      if (row.self) {
        items.push_back({i.itemId, *row.self, i.awardedPoints, i.maxPoints});
      }
      m.selfCheck.push_back(row);
    }
    // The attempt's points are shown only once every item is rated: before seeing the score.
    if (!m.selfCheck.empty() && items.size() == m.selfCheck.size()) {
      for (ui::SelfCheckRow& row : m.selfCheck) {
        for (const assessment::ItemResult& i : rated->result.items) {
          if (i.itemId == row.itemId) {
            row.awarded = i.awardedPoints;
          }
        }
      }
      if (auto acc = course::selfAssessmentAccuracy(items)) {
        m.accuracy = zh ? "自评准确度：" + number(*acc) + " 分（百分制）"
                        : "self-assessment accuracy: " + number(*acc) + " of 100";
      }
    }
  } else {
    m.checkWhy =
        zh ? "还没有已完成的考试或练习可供自评" : "there is no completed attempt to rate yet";
  }
  m.reflection = r.reflection;
  return m;
}

core::Expected<course::QuestionScore> CourseDesk::answerQuestion(const ui::WorkPageAnswer& given,
                                                                 ui::Language language,
                                                                 std::int64_t nowUtc) {
  const bool zh = language == ui::Language::ChineseSimplified;
  auto open = openChosen(zh);
  if (!open) {
    return open.error();
  }
  const course::LearningTask& t = **open;
  const course::Question* q = nullptr;
  for (const course::Step& s : t.steps) {
    for (const course::Question& candidate : s.questions) {
      if (candidate.id == given.questionId) {
        q = &candidate;
      }
    }
  }
  if (q == nullptr) {
    return wrong(zh, "学习任务“" + t.title.zh + "”没有这道题",
                 "the learning task \"" + t.title.en + "\" has no such question");
  }
  const std::string what = zh ? "“" + q->prompt.zh + "”：" : "\"" + q->prompt.en + "\": ";
  if (const course::Step* in = t.stepOfQuestion(q->id);
      in != nullptr && in->kind == course::StepKind::Evaluate) {
    const course::TaskStatus* s = statusOf(t.id);
    if (s != nullptr && !s->evaluationUnlocked) {
      return wrong(zh,
                   what + "评价反馈尚未开放：" + reasons(s->evaluationLockedBecause, mCourse, true),
                   what + "the evaluate step is not open yet: " +
                       reasons(s->evaluationLockedBecause, mCourse, false));
    }
  }
  course::Answer a;
  a.questionId = q->id;
  a.answeredUtc = nowUtc;
  switch (q->kind) {
  case course::QuestionKind::SingleChoice:
  case course::QuestionKind::MultipleChoice:
  case course::QuestionKind::Ordering: {
    std::set<std::string> seen;
    for (const std::string& id : given.choices) {
      if (std::none_of(q->choices.begin(), q->choices.end(),
                       [&](const course::Choice& c) { return c.id == id; })) {
        return wrong(zh, what + "没有这个选项", what + "no such choice");
      }
      if (!seen.insert(id).second) {
        return wrong(zh, what + "同一选项选了两次", what + "a choice is given twice");
      }
    }
    if (given.choices.empty() ||
        (q->kind == course::QuestionKind::SingleChoice && given.choices.size() != 1)) {
      return wrong(zh,
                   what + (q->kind == course::QuestionKind::SingleChoice ? "请选择一个选项"
                                                                         : "请至少选择一项"),
                   what + (q->kind == course::QuestionKind::SingleChoice ? "choose one answer"
                                                                         : "choose at least one"));
    }
    if (q->kind == course::QuestionKind::Ordering && given.choices.size() != q->choices.size()) {
      return wrong(zh, what + "排序须包含每一步且各一次",
                   what + "the order must hold every step once");
    }
    a.choices = given.choices;
    break;
  }
  case course::QuestionKind::Number:
    if (!given.number || !std::isfinite(*given.number)) {
      return wrong(zh, what + "请填写一个数值", what + "give a number");
    }
    if (given.unit.empty()) {
      return wrong(zh, what + "请填写单位", what + "give the unit");
    }
    a.number = given.number;
    a.unit = given.unit;
    break;
  case course::QuestionKind::ShortText:
    if (given.text.empty()) {
      return wrong(zh, what + "回答不能为空", what + "the answer must not be empty");
    }
    a.text = given.text;
    break;
  }
  if (auto ok = mStore->recordAnswer({mTrainee, mCourse.id, t.id}, a); !ok) {
    return ok.error();
  }
  if (auto ok = reload(); !ok) {
    return ok.error();
  }
  const course::TaskRecords& r = mRecords.at(t.id);
  const course::WorkPageScore score = course::scoreWorkPage(t, r.answers, marksOf(r));
  for (const course::QuestionScore& qs : score.questions) {
    if (qs.questionId == q->id) {
      return qs;
    }
  }
  return core::makeError(core::ErrorCode::InvalidInput, "the work page has no score for " + q->id);
}

core::Expected<double>
CourseDesk::checkItems(const std::vector<std::pair<std::string, double>>& points,
                       ui::Language language, std::int64_t nowUtc) {
  const bool zh = language == ui::Language::ChineseSimplified;
  auto open = openChosen(zh);
  if (!open) {
    return open.error();
  }
  const course::LearningTask& t = **open;
  const course::TaskStatus* s = statusOf(t.id);
  if (s != nullptr &&
      std::any_of(s->evaluationLockedBecause.begin(), s->evaluationLockedBecause.end(),
                  [](const auto& g) { return g.kind == course::GateReason::Kind::ExamMissing; })) {
    return wrong(zh, "检查控制在考核之后：尚未参加考核",
                 "the check step comes after the exam attempt, which is not taken yet");
  }
  if (const auto done = mRecords.find(t.id);
      done != mRecords.end() && !done->second.selfChecks.empty()) {
    return wrong(zh, "自评已提交，得分已公布，不能再次自评",
                 "the self-check was given and its score shown; it is not given again");
  }
  const records::AttemptRecord* rated = course::selfCheckAttempt(t, mAttempts);
  if (rated == nullptr) {
    return wrong(zh, "还没有已完成的考试或练习可供自评",
                 "there is no completed attempt to rate yet");
  }
  std::vector<course::SelfCheckEntry> entries;
  std::vector<course::SelfCheckItem> items;
  for (const assessment::ItemResult& i : rated->result.items) {
    auto given = std::find_if(points.begin(), points.end(),
                              [&](const auto& p) { return p.first == i.itemId; });
    if (given == points.end()) {
      return wrong(zh, "评分项 " + itemTitle(i) + " 尚未自评；请为每一项自评",
                   "item " + itemTitle(i) + " is not rated; rate every item");
    }
    if (!(given->second >= 0.0 && given->second <= i.maxPoints)) {
      return wrong(zh, "评分项 " + itemTitle(i) + " 的分数为 0 到 " + number(i.maxPoints) + " 分",
                   "item " + itemTitle(i) + " has 0 to " + number(i.maxPoints) + " points");
    }
    entries.push_back({rated->attemptId, i.itemId, given->second, nowUtc});
    items.push_back({i.itemId, given->second, i.awardedPoints, i.maxPoints});
  }
  for (const auto& [id, value] : points) {
    if (std::none_of(rated->result.items.begin(), rated->result.items.end(),
                     [&](const auto& i) { return i.itemId == id; })) {
      return wrong(zh, "这次记录没有评分项 " + id, "the attempt has no item " + id);
    }
  }
  if (auto ok = mStore->recordSelfCheck({mTrainee, mCourse.id, t.id}, entries); !ok) {
    return ok.error();
  }
  if (auto ok = reload(); !ok) {
    return ok.error();
  }
  return course::selfAssessmentAccuracy(items).value_or(0.0);
}

core::Expected<void> CourseDesk::reflect(const std::string& text, ui::Language language,
                                         std::int64_t nowUtc) {
  const bool zh = language == ui::Language::ChineseSimplified;
  if (text.empty()) {
    return wrong(zh, "反思不能为空", "the reflection must not be empty");
  }
  auto open = openChosen(zh);
  if (!open) {
    return open.error();
  }
  const course::LearningTask& t = **open;
  const course::TaskStatus* s = statusOf(t.id);
  if (s != nullptr && !s->evaluationUnlocked) {
    return wrong(zh, "评价反馈尚未开放：" + reasons(s->evaluationLockedBecause, mCourse, true),
                 "the evaluate step is not open yet: " +
                     reasons(s->evaluationLockedBecause, mCourse, false));
  }
  if (auto ok = mStore->recordReflection({mTrainee, mCourse.id, t.id}, text, nowUtc); !ok) {
    return ok.error();
  }
  return reload();
}

std::optional<CourseStart> CourseDesk::apply(const ui::CourseScreenActions& actions,
                                             ui::Language language, std::int64_t nowUtc) {
  const bool zh = language == ui::Language::ChineseSimplified;
  auto fail = [&](const core::Error& e) {
    mMessage = e.message;
    mMessageIsError = true;
  };
  auto done = [&](std::string text) {
    mMessage = std::move(text);
    mMessageIsError = false;
  };
  if (actions.choose) {
    choose(*actions.choose);
  }
  if (actions.answer) {
    if (auto v = answerQuestion(*actions.answer, language, nowUtc)) {
      done((zh ? "已保存回答：" : "answer saved: ") + std::string(verdictText(v->verdict, zh)));
    } else {
      fail(v.error());
    }
  }
  if (actions.selfCheck) {
    if (auto acc = checkItems(*actions.selfCheck, language, nowUtc)) {
      done(zh ? "已记录自评；自评准确度：" + number(*acc) + " 分（百分制）"
              : "self-check recorded; self-assessment accuracy: " + number(*acc) + " of 100");
    } else {
      fail(acc.error());
    }
  }
  if (actions.reflection) {
    if (auto ok = reflect(*actions.reflection, language, nowUtc)) {
      done(zh ? "已记录反思" : "reflection recorded");
    } else {
      fail(ok.error());
    }
  }
  if (actions.start) {
    auto open = openChosen(zh);
    if (!open) {
      fail(open.error());
      return std::nullopt;
    }
    const course::TaskStatus* s = statusOf((*open)->id);
    if (*actions.start == ui::AttemptMode::Exam) {
      if (s != nullptr && !s->examUnlocked) {
        fail(wrong(zh, "考核尚未开放：" + reasons(s->examLockedBecause, mCourse, true),
                   "the exam is not open yet: " + reasons(s->examLockedBecause, mCourse, false)));
        return std::nullopt;
      }
      auto session =
          openExamSession(actions.examSession.empty() ? mExamSession : actions.examSession, zh);
      if (!session) {
        fail(session.error());
        return std::nullopt;
      }
      mExamSession = session->id;
      return CourseStart{(*open)->examScenario, ui::AttemptMode::Exam, *session};
    }
    return CourseStart{(*open)->practiceScenario, ui::AttemptMode::Practice, {}};
  }
  return std::nullopt;
}

core::Expected<records::ExamSessionRef> CourseDesk::openExamSession(const std::string& given,
                                                                    bool zh) const {
  const std::size_t first = given.find_first_not_of(" \t");
  const std::string id = first == std::string::npos
                             ? std::string()
                             : given.substr(first, given.find_last_not_of(" \t") - first + 1);
  if (id.empty()) {
    return wrong(zh,
                 "考核只能在有监考的考试场次中进行：请监考员开设考试场次（skillsim session open "
                 "--invigilator 监考员编号），再在“考试场次”处填写它给出的场次编号",
                 "the exam attempt runs only in an invigilated exam session: the invigilator "
                 "opens one ('skillsim session open --invigilator ID') and you enter the session "
                 "id it prints under \"Exam session\"");
  }
  auto results = records::ResultsStore::open(mDb);
  if (!results) {
    return results.error();
  }
  auto sessions = (*results)->sessions();
  if (!sessions) {
    return sessions.error();
  }
  for (const records::ExamSession& e : *sessions) {
    if (e.id != id) {
      continue;
    }
    if (e.closedUtc) {
      return wrong(zh,
                   "考试场次 " + id + " 已于 " + records::formatUtc(*e.closedUtc) +
                       " 结束：请监考员开设新的考试场次（skillsim session open）",
                   "exam session " + id + " was closed at " + records::formatUtc(*e.closedUtc) +
                       ": the invigilator opens a new one ('skillsim session open')");
    }
    return e.ref();
  }
  return wrong(zh,
               "没有编号为 " + id +
                   " 的考试场次：请核对监考员给出的编号（skillsim session list 列出全部场次）",
               "there is no exam session " + id +
                   ": check the id the invigilator gave ('skillsim session list' lists them)");
}

core::Expected<std::map<std::string, std::string>>
courseItemTitles(const course::Course& course, const std::vector<ui::ScenarioEntry>& installed,
                 const ui::I18n& text) {
  auto templates = ui::messageTemplates(text);
  if (!templates) {
    return std::move(templates).error();
  }
  std::map<std::string, std::string> titles;
  for (const ui::ScenarioEntry& s : installed) {
    const bool used = std::ranges::any_of(course.learningTasks, [&](const course::LearningTask& t) {
      return t.practiceScenario == s.id || t.examScenario == s.id;
    });
    if (!used) {
      continue;
    }
    if (auto loaded = scenario::loadScenario(s.path); loaded) {
      for (const assessment::StandardItem& item : loaded->standard.items) {
        titles.try_emplace(item.id, messages::itemTitle(loaded->standard, item.id, *templates));
      }
    }
  }
  return titles;
}

} // namespace skillsim::app
