// app::CourseDesk (issue 18 point 2): the workstation's course screens without a person, on a
// hand-made SQLite results store and the shipped Q2 course.
#include "../common/RecordsTestSupport.h"

#include <skillsim/app/CourseDesk.h>
#include <skillsim/app/StartScreenData.h>
#include <skillsim/course/CourseLoader.h>
#include <skillsim/course/CourseRecordStore.h>
#include <skillsim/records/ResultsStore.h>
#include <skillsim/records/TraceHeader.h>
#include <skillsim/ui/I18n.h>

#include <gtest/gtest.h>

#include <filesystem>

namespace records = skillsim::records;
namespace app = skillsim::app;
namespace ui = skillsim::ui;
using skillsim::app::CourseDesk;
using skillsim::ui::Language;

namespace {

constexpr std::int64_t kNow = 1796090400; // 2026-12-01T02:00:00Z

std::string course() {
  return std::string(SKILLSIM_SOURCE_DIR) + "/courses/overhead_crane/q2_operator.toml";
}

std::string freshDb(const std::string& name) {
  std::filesystem::path d = std::filesystem::path(SKILLSIM_TEST_OUTPUT_DIR) / "course-desk" / name;
  std::filesystem::remove_all(d);
  std::filesystem::create_directories(d);
  return (d / "store.db").string();
}

/** A completed attempt of T1 on the single-lift scenario scoring `total` of 100. */
void storeAttempt(const std::string& db, const std::string& id, double total,
                  records::AttemptMode mode, std::int64_t minute) {
  records::AttemptRecord a = records::test::sampleRecord(id, "T1", total);
  a.scenario.id = "overhead_crane.practice_single_lift";
  a.mode = mode;
  a.startUtc = 1796083200 + 60 * minute;
  auto s = records::ResultsStore::open(db);
  ASSERT_TRUE(s) << s.error().toString();
  ASSERT_TRUE((*s)->recordAttempt(a));
}

CourseDesk openDesk(const std::string& db) {
  auto desk = CourseDesk::open(course(), "T1", db);
  EXPECT_TRUE(desk) << desk.error().toString();
  return std::move(*desk);
}

skillsim::ui::WorkPageAnswer choices(const std::string& q, std::vector<std::string> ids) {
  skillsim::ui::WorkPageAnswer a;
  a.questionId = q;
  a.choices = std::move(ids);
  return a;
}

} // namespace

TEST(CourseDesk, TheMapSaysWhichTasksAreLockedAndWhyInBothLanguages) {
  CourseDesk desk = openDesk(freshDb("map"));
  const skillsim::ui::CourseScreenModel en = desk.model(Language::English);
  ASSERT_EQ(en.tasks.size(), 3u);
  EXPECT_EQ(en.courseTitle, "Overhead crane operator (Q2) integrated course");
  EXPECT_EQ(en.tasks[0].title, "One lift into a circle");
  EXPECT_EQ(en.tasks[0].workTask, "Lift a load into its place");
  EXPECT_EQ(en.tasks[0].state, skillsim::ui::CourseTaskState::Open);
  EXPECT_FALSE(en.tasks[0].examOpen);
  // Nothing done: the plan is not approved and no practice (0 of the 3 needed).
  EXPECT_EQ(en.tasks[0].examWhy,
            "the teacher has not approved the plan yet; 0 practice attempts done of the 3 needed");
  EXPECT_EQ(en.tasks[1].state, skillsim::ui::CourseTaskState::Locked);
  EXPECT_EQ(en.tasks[1].lockedWhy, "first finish the learning task \"One lift into a circle\"");
  const skillsim::ui::CourseScreenModel zh = desk.model(Language::ChineseSimplified);
  EXPECT_EQ(zh.tasks[1].title, "Q2 考核路线：绕桩与穿越高低架");
  EXPECT_EQ(zh.tasks[1].lockedWhy, "须先完成学习任务“单次吊运入圈”");
  EXPECT_EQ(zh.tasks[2].lockedWhy, "须先完成学习任务“Q2 考核路线：绕桩与穿越高低架”");
  EXPECT_EQ(zh.tasks[0].examWhy, "教师尚未批准作业计划；已完成练习 0 次，需要 3 次");

  // A locked task can be looked at but not worked on: the refusal says why.
  ASSERT_TRUE(desk.choose("q2_course"));
  EXPECT_TRUE(desk.model(Language::English).workPage.empty());
  auto refused =
      desk.answerQuestion(choices("weave_rule", {"a"}), Language::ChineseSimplified, kNow);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().message,
            "学习任务“Q2 考核路线：绕桩与穿越高低架”尚未开放：须先完成学习任务“单次吊运入圈”");
  EXPECT_FALSE(desk.choose("no_such"));
}

TEST(CourseDesk, AnsweringTheWorkPageStoresStampedAnswersThroughTheCourseRecords) {
  const std::string db = freshDb("answer");
  CourseDesk desk = openDesk(db);
  ASSERT_TRUE(desk.choose("single_lift"));
  const skillsim::ui::CourseScreenModel before = desk.model(Language::English);
  ASSERT_EQ(before.workPage.size(), 5u);
  EXPECT_EQ(before.workPage[0].step, "Get information");
  EXPECT_EQ(before.workPage[0].kind, skillsim::ui::WorkPageQuestionKind::SingleChoice);
  EXPECT_TRUE(before.workPage[0].answered.empty());

  // The answers the CLI test gives: horn 2 + rope 3 + clearance 2 right, sequence wrong (0 of 4).
  auto horn = desk.answerQuestion(choices("horn_first", {"a"}), Language::English, kNow);
  ASSERT_TRUE(horn) << horn.error().toString();
  EXPECT_EQ(horn->verdict, skillsim::course::AnswerVerdict::Right);
  EXPECT_EQ(horn->points, 2.0);
  auto rope = desk.answerQuestion(choices("rope_checks", {"wear", "kinks", "broken_wires"}),
                                  Language::English, kNow + 1);
  ASSERT_TRUE(rope);
  EXPECT_EQ(rope->points, 3.0);
  auto order = desk.answerQuestion(choices("sequence", {"horn", "lift", "setdown", "travel"}),
                                   Language::English, kNow + 2);
  ASSERT_TRUE(order);
  EXPECT_EQ(order->verdict, skillsim::course::AnswerVerdict::Wrong);
  skillsim::ui::WorkPageAnswer clearance;
  clearance.questionId = "clearance";
  clearance.number = 0.5;
  clearance.unit = "kg";
  auto wrongUnit = desk.answerQuestion(clearance, Language::English, kNow + 3);
  ASSERT_TRUE(wrongUnit);
  EXPECT_EQ(wrongUnit->verdict, skillsim::course::AnswerVerdict::WrongUnit);
  clearance.unit = "m";
  auto right = desk.answerQuestion(clearance, Language::English, kNow + 4);
  ASSERT_TRUE(right);
  EXPECT_EQ(right->verdict, skillsim::course::AnswerVerdict::Right); // the later answer counts

  auto store = skillsim::course::CourseRecordStore::open(db);
  ASSERT_TRUE(store);
  auto rec = (*store)->records({"T1", "q2_operator", "single_lift"});
  ASSERT_TRUE(rec);
  ASSERT_EQ(rec->answers.size(), 5u);
  EXPECT_EQ(rec->answers[0].questionId, "horn_first");
  EXPECT_EQ(rec->answers[0].answeredUtc, kNow);
  EXPECT_EQ(rec->answers[4].unit, "m");
  EXPECT_EQ(rec->answers[4].answeredUtc, kNow + 4);

  const skillsim::ui::CourseScreenModel after = desk.model(Language::English);
  EXPECT_EQ(after.workPage[0].answered, "2026-12-01T02:00:00Z");
  EXPECT_EQ(after.workPage[0].verdict, "right, 2 of 2 points");
  EXPECT_EQ(after.workPage[2].verdict, "wrong, 0 of 4 points");
  // The short text is not answered (0 points): 7 of 15 = 46.7 of 100.
  EXPECT_EQ(after.workPageScore, "work page: 7 of 15 points (46.7 of 100)");
  EXPECT_EQ(desk.model(Language::ChineseSimplified).workPage[2].verdict,
            "错误，得 0 分，满分 4 分");

  // Bad input from the widgets is refused with plain words, and nothing is stored.
  auto unknown = desk.answerQuestion(choices("horn_first", {"z"}), Language::English, kNow);
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find(": no such choice"), std::string::npos);
  auto partial =
      desk.answerQuestion(choices("sequence", {"horn", "lift"}), Language::ChineseSimplified, kNow);
  ASSERT_FALSE(partial);
  EXPECT_NE(partial.error().message.find("排序须包含每一步且各一次"), std::string::npos);
  auto none = desk.answerQuestion(choices("rope_checks", {}), Language::English, kNow);
  ASSERT_FALSE(none);
  EXPECT_NE(none.error().message.find("choose at least one"), std::string::npos);
  clearance.unit.clear();
  EXPECT_FALSE(desk.answerQuestion(clearance, Language::English, kNow));
  skillsim::ui::WorkPageAnswer empty;
  empty.questionId = "reflection";
  EXPECT_FALSE(desk.answerQuestion(empty, Language::English, kNow));
  EXPECT_FALSE(desk.answerQuestion(choices("no_question", {"a"}), Language::English, kNow));
  EXPECT_EQ((*store)->records({"T1", "q2_operator", "single_lift"})->answers.size(), 5u);
}

TEST(CourseDesk, TheCheckStepShowsTheScoreOnlyAfterTheSelfCheckThenTheDifference) {
  const std::string db = freshDb("check");
  storeAttempt(db, "p1", 85, records::AttemptMode::Practice, 1);
  CourseDesk desk = openDesk(db);
  ASSERT_TRUE(desk.choose("single_lift"));
  EXPECT_EQ(desk.model(Language::English).checkWhy,
            "the check step comes after the exam attempt, which is not taken yet");
  auto early =
      desk.checkItems({{"hazard", 20}, {"path", 40}, {"frames", 30}}, Language::English, kNow);
  ASSERT_FALSE(early);

  storeAttempt(db, "e1", 90, records::AttemptMode::Exam, 5);
  ASSERT_TRUE(desk.reload());
  desk.setItemTitles({{"hazard", "鸣铃示警"}});
  skillsim::ui::CourseScreenModel before = desk.model(Language::ChineseSimplified);
  EXPECT_TRUE(before.checkWhy.empty());
  EXPECT_EQ(before.checkAttempt, "第 e1 号记录（2026-12-01T00:05:00Z）");
  ASSERT_EQ(before.selfCheck.size(), 3u);
  EXPECT_EQ(before.selfCheck[0].title, "鸣铃示警");
  EXPECT_EQ(before.selfCheck[1].title, "Q2 2 path");
  for (const auto& row : before.selfCheck) {
    EXPECT_FALSE(row.awarded) << row.itemId << ": the score shows before the self-check";
  }
  EXPECT_TRUE(before.accuracy.empty());

  auto range =
      desk.checkItems({{"hazard", 21}, {"path", 40}, {"frames", 30}}, Language::English, kNow);
  ASSERT_FALSE(range);
  EXPECT_EQ(range.error().message, "item 鸣铃示警 has 0 to 20 points");
  auto missing = desk.checkItems({{"hazard", 20}}, Language::English, kNow);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, "item Q2 2 path is not rated; rate every item");
  auto reflectTooSoon = desk.reflect("x", Language::English, kNow);
  ASSERT_FALSE(reflectTooSoon);
  EXPECT_EQ(reflectTooSoon.error().message,
            "the evaluate step is not open yet: the self-check (check step) is not done yet");

  // e1 earned hazard 20/20, path 45/50, frames 25/30: 100 (1 - (0 + 5/50 + 5/30) / 3) = 91.11.
  auto accuracy =
      desk.checkItems({{"hazard", 20}, {"path", 40}, {"frames", 30}}, Language::English, kNow);
  ASSERT_TRUE(accuracy) << accuracy.error().toString();
  EXPECT_NEAR(*accuracy, 100.0 * (1.0 - (0.0 + 5.0 / 50.0 + 5.0 / 30.0) / 3.0), 1e-9);
  skillsim::ui::CourseScreenModel after = desk.model(Language::English);
  ASSERT_EQ(after.selfCheck.size(), 3u);
  EXPECT_EQ(after.selfCheck[1].self, 40.0);
  EXPECT_EQ(after.selfCheck[1].awarded, 45.0);
  EXPECT_EQ(after.selfCheck[2].self, 30.0);
  EXPECT_EQ(after.selfCheck[2].awarded, 25.0);
  EXPECT_EQ(after.accuracy, "self-assessment accuracy: 91.1 of 100");
  EXPECT_EQ(desk.model(Language::ChineseSimplified).accuracy, "自评准确度：91.1 分（百分制）");

  auto store = skillsim::course::CourseRecordStore::open(db);
  auto rec = (*store)->records({"T1", "q2_operator", "single_lift"});
  ASSERT_TRUE(rec);
  ASSERT_EQ(rec->selfChecks.size(), 3u);
  EXPECT_EQ(rec->selfChecks[0].attemptId, "e1");
  EXPECT_EQ(rec->selfChecks[0].checkedUtc, kNow);

  // The evaluate step: the reflection once.
  ASSERT_TRUE(desk.reflect("落放前应先稳钩。", Language::English, kNow));
  EXPECT_EQ(desk.model(Language::English).reflection, "落放前应先稳钩。");
  EXPECT_EQ(desk.model(Language::English).tasks[0].state, skillsim::ui::CourseTaskState::Done);
  EXPECT_EQ(desk.model(Language::English).tasks[1].state, skillsim::ui::CourseTaskState::Open);
  EXPECT_FALSE(desk.reflect("", Language::English, kNow));
}

TEST(CourseDesk, CarryingOutStartsThePracticeScenarioAndTheExamOnlyWhenOpen) {
  const std::string db = freshDb("start");
  CourseDesk desk = openDesk(db);
  skillsim::ui::CourseScreenActions act;
  act.choose = "single_lift";
  act.start = skillsim::ui::AttemptMode::Exam;
  EXPECT_FALSE(desk.apply(act, Language::ChineseSimplified, kNow));
  skillsim::ui::CourseScreenModel m = desk.model(Language::ChineseSimplified);
  EXPECT_TRUE(m.messageIsError);
  EXPECT_EQ(m.message, "考核尚未开放：教师尚未批准作业计划；已完成练习 0 次，需要 3 次");
  act.start = skillsim::ui::AttemptMode::Practice;
  EXPECT_EQ(desk.apply(act, Language::English, kNow),
            (app::CourseStart{
                "overhead_crane.practice_single_lift", skillsim::ui::AttemptMode::Practice, {}}));

  skillsim::ui::CourseScreenActions answer;
  answer.answer = choices("horn_first", {"b"});
  EXPECT_FALSE(desk.apply(answer, Language::English, kNow));
  EXPECT_EQ(desk.model(Language::English).message, "answer saved: wrong");
  EXPECT_FALSE(desk.model(Language::English).messageIsError);
}

// Issue 18: the course's exam step runs inside an invigilated exam session, as `skillsim run
// --mode exam --exam-session` does: Start exam takes the session id the invigilator gives (or the
// one the seat was set up with), refuses in plain words without an open one, and the course's
// gate still comes first.
TEST(CourseDesk, TheExamStartsOnlyInAnOpenInvigilatedSessionAndAfterTheGate) {
  const std::string db = freshDb("exam-session");
  records::ExamSession open;
  records::ExamSession closed;
  {
    auto s = records::ResultsStore::open(db);
    ASSERT_TRUE(s);
    auto o = (*s)->openSession("inv-wang", kNow - 600);
    ASSERT_TRUE(o) << o.error().toString();
    open = *o;
    auto c = (*s)->openSession("inv-zhao", kNow - 900);
    ASSERT_TRUE(c);
    ASSERT_TRUE((*s)->closeSession(c->id, kNow - 300));
    closed = *c;
  }
  CourseDesk desk = openDesk(db);
  skillsim::ui::CourseScreenActions act;
  act.choose = "single_lift";
  act.start = skillsim::ui::AttemptMode::Exam;
  act.examSession = open.id;
  // An open session does not open the gate: no approval, no practice yet.
  EXPECT_FALSE(desk.apply(act, Language::English, kNow));
  EXPECT_EQ(desk.model(Language::English).message,
            "the exam is not open yet: the teacher has not approved the plan yet; 0 practice "
            "attempts done of the 3 needed");

  for (int i = 1; i <= 3; ++i) {
    storeAttempt(db, "p" + std::to_string(i), 85, records::AttemptMode::Practice, i);
  }
  {
    auto store = skillsim::course::CourseRecordStore::open(db);
    ASSERT_TRUE((*store)->recordPlanApproval({"T1", "q2_operator", "single_lift"}, "li", kNow));
  }
  ASSERT_TRUE(desk.reload());

  // No session: refused, saying what the invigilator must do; nothing starts.
  act.examSession.clear();
  EXPECT_FALSE(desk.apply(act, Language::English, kNow));
  skillsim::ui::CourseScreenModel m = desk.model(Language::English);
  EXPECT_TRUE(m.messageIsError);
  EXPECT_EQ(m.message,
            "the exam attempt runs only in an invigilated exam session: the invigilator opens one "
            "('skillsim session open --invigilator ID') and you enter the session id it prints "
            "under \"Exam session\"");
  EXPECT_FALSE(desk.apply(act, Language::ChineseSimplified, kNow));
  EXPECT_EQ(desk.model(Language::ChineseSimplified).message,
            "考核只能在有监考的考试场次中进行：请监考员开设考试场次（skillsim session open "
            "--invigilator 监考员编号），再在“考试场次”处填写它给出的场次编号");
  act.examSession = "ES-nope";
  EXPECT_FALSE(desk.apply(act, Language::English, kNow));
  EXPECT_EQ(desk.model(Language::English).message,
            "there is no exam session ES-nope: check the id the invigilator gave ('skillsim "
            "session list' lists them)");
  act.examSession = closed.id;
  EXPECT_FALSE(desk.apply(act, Language::English, kNow));
  EXPECT_EQ(desk.model(Language::English).message,
            "exam session " + closed.id + " was closed at " + records::formatUtc(kNow - 300) +
                ": the invigilator opens a new one ('skillsim session open')");
  EXPECT_TRUE(desk.examSession().empty()); // a refused id is not kept

  // The open session, typed with stray spaces: the exam starts in it, with its invigilator and
  // opening time for the trace's signed header.
  act.examSession = "  " + open.id + " ";
  auto started = desk.apply(act, Language::English, kNow);
  ASSERT_TRUE(started) << desk.model(Language::English).message;
  EXPECT_EQ(started->scenarioId, "overhead_crane.practice_single_lift");
  EXPECT_EQ(started->mode, skillsim::ui::AttemptMode::Exam);
  EXPECT_EQ(started->examSession, (records::ExamSessionRef{open.id, "inv-wang", kNow - 600}));
  EXPECT_EQ(desk.model(Language::English).examSession, open.id); // the field keeps it

  // Set up at the seat (--exam-session): an empty field uses it.
  CourseDesk seat = openDesk(db);
  seat.setExamSession(open.id);
  act.examSession.clear();
  auto fromSeat = seat.apply(act, Language::English, kNow);
  ASSERT_TRUE(fromSeat) << seat.model(Language::English).message;
  EXPECT_EQ(fromSeat->examSession.invigilatorId, "inv-wang");
  // A practice attempt never carries a session.
  act.start = skillsim::ui::AttemptMode::Practice;
  auto practice = seat.apply(act, Language::English, kNow);
  ASSERT_TRUE(practice);
  EXPECT_TRUE(practice->examSession.empty());
}

TEST(CourseDesk, ABadCourseFileOrTraineeIsAClearError) {
  auto missing = CourseDesk::open(std::string(SKILLSIM_TEST_OUTPUT_DIR) + "/no-course.toml", "T1",
                                  freshDb("bad"));
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().toString().find("no-course.toml"), std::string::npos);
  auto noTrainee = CourseDesk::open(course(), "", freshDb("bad2"));
  ASSERT_FALSE(noTrainee);
  EXPECT_NE(noTrainee.error().message.find("--trainee must not be empty"), std::string::npos);
}

// The check step names each rubric item as the results screen does (the standard's words in the
// screen's language), from the standards of the scenarios the course's tasks use: the Q2 course
// uses the beginner practice sheet and the Q2 practical.
TEST(CourseDesk, TheCheckStepNamesTheItemsByTheirStandardsTitles) {
  const std::string source = SKILLSIM_SOURCE_DIR;
  skillsim::course::CourseReport report =
      skillsim::course::loadCourse(source + "/courses/overhead_crane/q2_operator.toml");
  ASSERT_TRUE(report.course) << "the shipped course loads";
  const app::InstalledScenarios installed = app::installedScenarios(source + "/scenarios");
  for (const auto language : {ui::Language::English, ui::Language::ChineseSimplified}) {
    auto text = ui::I18n::load(source + "/assets", language);
    ASSERT_TRUE(text) << text.error().toString();
    auto titles = app::courseItemTitles(*report.course, installed.scenarios, *text);
    ASSERT_TRUE(titles) << titles.error().toString();
    const bool zh = language == ui::Language::ChineseSimplified;
    EXPECT_EQ(titles->at("hazard_recognition"),
              zh ? "现场安全隐患辨识" : "On-site hazard recognition");
    EXPECT_EQ(titles->at("safety"), zh ? "鸣铃后动车；结束时手柄回零、吊钩升起"
                                       : "Horn before moving; controls in neutral and hook "
                                         "raised at the end");
    // Only the course's standards: the forklift's and the robot's items are not there.
    for (const auto& [id, title] : *titles) {
      EXPECT_EQ(id.find("fork"), std::string::npos) << id;
      EXPECT_FALSE(title.empty()) << id;
    }
  }
}
