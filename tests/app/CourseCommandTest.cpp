// `skillsim course ...` (issue 18 point 1) in-process on a hand-made SQLite results store.
#include "../common/RecordsTestSupport.h"

#include <skillsim/app/Cli.h>
#include <skillsim/course/CourseRecordStore.h>
#include <skillsim/records/ResultsStore.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sys/wait.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using skillsim::app::runCli;
namespace records = skillsim::records;

namespace {

struct CourseRun {
  int code;
  std::string out;
  std::string err;
};

CourseRun cli(std::vector<std::string> args) {
  std::ostringstream out;
  std::ostringstream err;
  int code = runCli(args, out, err);
  return {code, out.str(), err.str()};
}

std::string course() {
  return std::string(SKILLSIM_SOURCE_DIR) + "/courses/overhead_crane/q2_operator.toml";
}

std::filesystem::path freshDir(const std::string& name) {
  std::filesystem::path d = std::filesystem::path(SKILLSIM_TEST_OUTPUT_DIR) / "course-cli" / name;
  std::filesystem::remove_all(d);
  std::filesystem::create_directories(d);
  return d;
}

std::string write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

/** A completed attempt of `trainee` on the single-lift scenario scoring `total` of 100. */
records::AttemptRecord attempt(const std::string& id, double total, records::AttemptMode mode,
                               std::int64_t minute) {
  records::AttemptRecord a = records::test::sampleRecord(id, "T1", total);
  a.scenario.id = "overhead_crane.practice_single_lift";
  a.mode = mode;
  a.startUtc = 1796083200 + 60 * minute;
  return a;
}

void store(const std::string& db, const std::vector<records::AttemptRecord>& attempts) {
  auto s = records::ResultsStore::open(db);
  ASSERT_TRUE(s) << s.error().toString();
  for (const auto& a : attempts) {
    ASSERT_TRUE((*s)->recordAttempt(a));
  }
}

std::vector<std::string> common(const std::string& sub, const std::string& db,
                                const std::string& task = "single_lift") {
  std::vector<std::string> a = {"course", sub, "--course", course(), "--trainee", "T1", "--db", db};
  if (sub != "status") {
    a.insert(a.end(), {"--task", task});
  }
  return a;
}

std::vector<std::string> with(std::vector<std::string> a, std::vector<std::string> more) {
  a.insert(a.end(), more.begin(), more.end());
  return a;
}

const char* kAnswers = R"(format = "skillsim.answers/1"
task = "single_lift"
[answers]
horn_first = "a"
rope_checks = ["wear", "kinks", "broken_wires"]
sequence = ["horn", "lift", "setdown", "travel"]
clearance = { value = 0.5, unit = "m" }
reflection = "跟钩稳钩，减速，停顿等待摆动衰减"
)";

/** The self-check T1 gives of the exam attempt e1 (hazard 20, path 40, frames 30). */
void selfCheck(const std::string& db) {
  std::vector<std::string> a = common("selfcheck", db);
  a.insert(a.end(), {"--item", "hazard=20", "--item", "path=40", "--item", "frames=30"});
  CourseRun r = cli(a);
  ASSERT_EQ(r.code, 0) << r.err;
}

} // namespace

TEST(CourseCommand, StatusShowsOpenLockedAndWhyInBothLanguages) {
  auto d = freshDir("status");
  const std::string db = (d / "store.db").string();
  store(db, {attempt("p1", 90, records::AttemptMode::Practice, 1),
             attempt("p2", 70, records::AttemptMode::Practice, 2)});
  CourseRun en = cli(common("status", db));
  ASSERT_EQ(en.code, 0) << en.err;
  EXPECT_NE(en.out.find("[open]   One lift into a circle"), std::string::npos) << en.out;
  EXPECT_NE(en.out.find("the teacher has not approved the plan yet"), std::string::npos);
  EXPECT_NE(en.out.find("2 practice attempts done of the 3 needed"), std::string::npos);
  EXPECT_NE(en.out.find("practice attempt 2 scored 70, below 80"), std::string::npos) << en.out;
  EXPECT_NE(en.out.find("[locked] The Q2"), std::string::npos) << en.out;
  EXPECT_NE(en.out.find("first finish the learning task \"One lift into a circle\""),
            std::string::npos);
  CourseRun zh = cli(with(common("status", db), {"--lang", "zh-CN"}));
  ASSERT_EQ(zh.code, 0) << zh.err;
  EXPECT_NE(zh.out.find("[进行中] 单次吊运入圈"), std::string::npos) << zh.out;
  EXPECT_NE(zh.out.find("教师尚未批准作业计划"), std::string::npos);
  EXPECT_NE(zh.out.find("第 2 次练习得分 70，低于 80"), std::string::npos) << zh.out;
  EXPECT_NE(zh.out.find("须先完成学习任务“单次吊运入圈”"), std::string::npos);
  for (const std::string& text : {en.out, zh.out}) {
    EXPECT_EQ(text.find("PracticeBelowMark"), std::string::npos);
    EXPECT_EQ(text.find("inf"), std::string::npos);
  }
  EXPECT_EQ(cli(with(common("status", db), {"--lang", "fr"})).code, 2);
}

TEST(CourseCommand, AnswersAreStampedScoredAndStored) {
  auto d = freshDir("answer");
  const std::string db = (d / "store.db").string();
  // The reflection belongs to the evaluate step, locked until the exam and the self-check: the
  // whole file is refused and nothing is recorded (found by a new user: the answers were stored
  // and the portfolio's xAPI called the locked step completed).
  CourseRun locked = cli(with(common("answer", db), {"--answers", write(d / "a.toml", kAnswers)}));
  EXPECT_EQ(locked.code, 1);
  EXPECT_NE(
      locked.err.find("question reflection belongs to the evaluate step, which is not open "
                      "yet: the exam attempt is not taken yet; the self-check (check step) is not "
                      "done yet; no answer was recorded"),
      std::string::npos)
      << locked.err;
  {
    auto s = skillsim::course::CourseRecordStore::open(db);
    ASSERT_TRUE(s);
    auto rec = (*s)->records({"T1", "q2_operator", "single_lift"});
    ASSERT_TRUE(rec);
    EXPECT_TRUE(rec->answers.empty());
  }
  store(db, {attempt("p1", 85, records::AttemptMode::Practice, 1),
             attempt("e1", 90, records::AttemptMode::Exam, 5)});
  selfCheck(db);
  CourseRun r = cli(with(common("answer", db), {"--answers", write(d / "a.toml", kAnswers)}));
  ASSERT_EQ(r.code, 0) << r.err;
  // horn 2 + rope 3 (set, any order) + clearance 2 right; sequence 4 wrong; reflection waits.
  EXPECT_NE(r.out.find("5 answers recorded"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("rope_checks: right, 3 of 3 points"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("sequence: wrong, 0 of 4 points"), std::string::npos);
  EXPECT_NE(r.out.find("reflection: waiting for the teacher's mark"), std::string::npos);
  EXPECT_NE(r.out.find("work page: 7 of 15 points so far"), std::string::npos) << r.out;
  auto s = skillsim::course::CourseRecordStore::open(db);
  ASSERT_TRUE(s);
  auto rec = (*s)->records({"T1", "q2_operator", "single_lift"});
  ASSERT_TRUE(rec);
  ASSERT_EQ(rec->answers.size(), 5u);
  EXPECT_GT(rec->answers[0].answeredUtc, 1764547200); // after 2025-12-01: a real time stamp

  // The teacher marks the short text: 3 of 4 makes 10 of 15 = 66.7 of 100.
  CourseRun m = cli(with(common("mark", db),
                         {"--teacher", "teacher-li", "--question", "reflection", "--points", "3"}));
  ASSERT_EQ(m.code, 0) << m.err;
  CourseRun again = cli(with(
      common("answer", db), {"--answers", write(d / "b.toml", "format = \"skillsim.answers/1\"\n"
                                                              "[answers]\nhorn_first = \"a\"\n")}));
  ASSERT_EQ(again.code, 0) << again.err;
  EXPECT_NE(again.out.find("work page: 10 of 15 points (66.7 of 100)"), std::string::npos)
      << again.out;
}

TEST(CourseCommand, BadAnswersNameTheFileLineAndField) {
  auto d = freshDir("bad-answer");
  const std::string db = (d / "store.db").string();
  auto bad = [&](const std::string& name, const std::string& text,
                 std::vector<std::string> extra = {}) {
    std::vector<std::string> args =
        with(common("answer", db), {"--answers", write(d / name, text)});
    args.insert(args.end(), extra.begin(), extra.end());
    CourseRun r = cli(args);
    EXPECT_EQ(r.code, 1) << name;
    return r.err;
  };
  const std::string head = "format = \"skillsim.answers/1\"\n[answers]\n";
  std::string e = bad("unknown.toml", head + "nope = \"a\"\n");
  EXPECT_NE(e.find("unknown.toml:3:8: answers.nope"), std::string::npos) << e;
  EXPECT_NE(e.find("has no question 'nope'"), std::string::npos) << e;
  e = bad("step.toml", head + "clearance = { value = 0.5, unit = \"m\" }\n",
          {"--step", "get_information"});
  EXPECT_NE(e.find("step.toml:3"), std::string::npos) << e;
  EXPECT_NE(e.find("on the work page of step 'decide', not of step 'get_information'"),
            std::string::npos)
      << e;
  e = bad("choice.toml", head + "horn_first = \"z\"\n");
  EXPECT_NE(e.find("'z' is not a choice of this question (one of a, b, c)"), std::string::npos)
      << e;
  e = bad("order.toml", head + "sequence = [\"horn\", \"lift\"]\n");
  EXPECT_NE(e.find("an ordering must list every item once (4 items"), std::string::npos) << e;
  e = bad("type.toml", head + "clearance = 0.5\n");
  EXPECT_NE(e.find("a number question takes { value = NUMBER, unit = \"m\" }"), std::string::npos)
      << e;
  e = bad("task.toml", "format = \"skillsim.answers/1\"\ntask = \"q2_course\"\n[answers]\n"
                       "horn_first = \"a\"\n");
  EXPECT_NE(e.find("task.toml:2:8: task"), std::string::npos) << e;
  e = bad("format.toml", "[answers]\nhorn_first = \"a\"\n");
  EXPECT_NE(e.find("format.toml: format"), std::string::npos) << e;
  e = bad("syntax.toml", head + "horn_first = \n");
  EXPECT_NE(e.find("syntax.toml:3"), std::string::npos) << e;
  EXPECT_EQ(cli(with(common("answer", db), {"--answers",
                                            write(d / "x.toml", head + "horn_first = "
                                                                       "\"a\"\n"),
                                            "--step", "nap"}))
                .code,
            2);
  // Nothing of the bad files was stored.
  auto s = skillsim::course::CourseRecordStore::open(db);
  ASSERT_TRUE(s);
  EXPECT_TRUE((*s)->records({"T1", "q2_operator", "single_lift"})->answers.empty());
}

TEST(CourseCommand, UnknownAndLockedTasksAreRefused) {
  auto d = freshDir("locked");
  const std::string db = (d / "store.db").string();
  CourseRun unknown = cli(with(common("approve", db, "no_such"), {"--teacher", "teacher-li"}));
  EXPECT_EQ(unknown.code, 1);
  EXPECT_NE(unknown.err.find("has no such learning task (it has single_lift, q2_course, "
                             "workshop_part_lift)"),
            std::string::npos)
      << unknown.err;
  CourseRun locked =
      cli(with(common("answer", db, "q2_course"),
               {"--answers", write(d / "a.toml", "format = \"skillsim.answers/1\"\n"
                                                 "[answers]\nweave_rule = \"a\"\n")}));
  EXPECT_EQ(locked.code, 1);
  EXPECT_NE(locked.err.find("learning task 'q2_course' is locked for T1: first finish the "
                            "learning task \"One lift into a circle\""),
            std::string::npos)
      << locked.err;
}

TEST(CourseCommand, ApproveUnlocksTheExamOnceThePracticeIsGoodEnough) {
  auto d = freshDir("approve");
  const std::string db = (d / "store.db").string();
  store(db, {attempt("p1", 60, records::AttemptMode::Practice, 1),
             attempt("p2", 80, records::AttemptMode::Practice, 2),
             attempt("p3", 85, records::AttemptMode::Practice, 3)});
  EXPECT_NE(cli(common("status", db)).out.find("exam: locked, the teacher has not approved"),
            std::string::npos);
  ASSERT_EQ(cli(with(common("approve", db), {"--teacher", "teacher-li"})).code, 0);
  CourseRun s = cli(common("status", db));
  EXPECT_NE(s.out.find("exam: open"), std::string::npos) << s.out;
  EXPECT_NE(s.out.find("evaluation: locked, the exam attempt is not taken yet"), std::string::npos)
      << s.out;
}

TEST(CourseCommand, MarkChecksTheQuestionAndThePoints) {
  auto d = freshDir("mark");
  const std::string db = (d / "store.db").string();
  auto mark = [&](const std::string& q, const std::string& p) {
    return cli(
        with(common("mark", db), {"--teacher", "teacher-li", "--question", q, "--points", p}));
  };
  CourseRun notAnswered = mark("reflection", "3");
  EXPECT_EQ(notAnswered.code, 1);
  EXPECT_NE(notAnswered.err.find("T1 has not answered question 'reflection' yet"),
            std::string::npos);
  store(db, {attempt("p1", 85, records::AttemptMode::Practice, 1),
             attempt("e1", 90, records::AttemptMode::Exam, 5)});
  selfCheck(db);
  ASSERT_EQ(cli(with(common("answer", db), {"--answers", write(d / "a.toml", kAnswers)})).code, 0);
  CourseRun choice = mark("horn_first", "1");
  EXPECT_EQ(choice.code, 1);
  EXPECT_NE(choice.err.find("is a single_choice question, scored from the answer"),
            std::string::npos);
  CourseRun range = mark("reflection", "4.5");
  EXPECT_EQ(range.code, 1);
  EXPECT_NE(range.err.find("question 'reflection' is marked 0 to 4 points"), std::string::npos);
  EXPECT_EQ(mark("nope", "1").code, 1);
  EXPECT_EQ(mark("reflection", "4").code, 0);
}

TEST(CourseCommand, TeacherRatingsStayOnTheRubric) {
  auto d = freshDir("rate");
  const std::string db = (d / "store.db").string();
  auto rate = [&](std::vector<std::string> r) {
    return cli(with(with(common("rate", db), {"--teacher", "teacher-li"}), r));
  };
  CourseRun high = rate({"--rating", "plan_quality=6", "--rating", "reflection_depth=3"});
  EXPECT_EQ(high.code, 1);
  EXPECT_NE(high.err.find("item 'plan_quality' is rated a whole number from 0 to 5"),
            std::string::npos)
      << high.err;
  CourseRun unknown = rate({"--rating", "tidiness=3"});
  EXPECT_EQ(unknown.code, 1);
  EXPECT_NE(unknown.err.find("(plan_quality, reflection_depth)"), std::string::npos);
  CourseRun missing = rate({"--rating", "plan_quality=4"});
  EXPECT_EQ(missing.code, 1);
  EXPECT_NE(missing.err.find("item 'reflection_depth' of the teacher rubric is not rated"),
            std::string::npos);
  EXPECT_EQ(rate({"--rating", "plan_quality=-1", "--rating", "reflection_depth=3"}).code, 1);
  CourseRun ok = rate({"--rating", "plan_quality=4", "--rating", "reflection_depth=3"});
  ASSERT_EQ(ok.code, 0) << ok.err;
  EXPECT_NE(ok.out.find(": 70 of 100"), std::string::npos) << ok.out; // 7 of 10
  EXPECT_EQ(cli(with(common("rate", db), {"--role", "boss"})).code, 2);
}

TEST(CourseCommand, SelfCheckAfterTheExamThenReflection) {
  auto d = freshDir("selfcheck");
  const std::string db = (d / "store.db").string();
  store(db, {attempt("p1", 85, records::AttemptMode::Practice, 1)});
  auto selfcheck = [&](std::vector<std::string> items) {
    std::vector<std::string> a = common("selfcheck", db);
    for (const auto& i : items) {
      a.insert(a.end(), {"--item", i});
    }
    return cli(a);
  };
  CourseRun early = selfcheck({"hazard=20", "path=40", "frames=30"});
  EXPECT_EQ(early.code, 1);
  EXPECT_NE(early.err.find("the check step comes after the exam attempt"), std::string::npos);
  CourseRun earlyReflect = cli(with(common("reflect", db), {"--text", "x"}));
  EXPECT_EQ(earlyReflect.code, 1);
  EXPECT_NE(earlyReflect.err.find("the evaluate step of learning task 'single_lift' is not open "
                                  "yet: the exam attempt is not taken yet"),
            std::string::npos)
      << earlyReflect.err;

  store(db, {attempt("e1", 90, records::AttemptMode::Exam, 5)});
  CourseRun range = selfcheck({"hazard=21", "path=40", "frames=30"});
  EXPECT_EQ(range.code, 1);
  EXPECT_NE(range.err.find("item 'hazard' has 0 to 20 points"), std::string::npos) << range.err;
  CourseRun missing = selfcheck({"hazard=20"});
  EXPECT_EQ(missing.code, 1);
  EXPECT_NE(missing.err.find("item 'path' is not rated"), std::string::npos);
  EXPECT_EQ(selfcheck({"wheels=1"}).code, 1);
  CourseRun otherAttempt =
      cli(with(common("selfcheck", db), {"--attempt", "zzz", "--item", "hazard=20"}));
  EXPECT_EQ(otherAttempt.code, 1);
  EXPECT_NE(otherAttempt.err.find("--attempt zzz: no attempt of T1"), std::string::npos);

  CourseRun reflectTooSoon = cli(with(common("reflect", db), {"--text", "x"}));
  EXPECT_EQ(reflectTooSoon.code, 1);
  EXPECT_NE(reflectTooSoon.err.find("the self-check (check step) is not done yet"),
            std::string::npos);

  // The best attempt is the exam's 90: hazard 20/20, path 45/50, frames 25/30.
  // Accuracy 100 * (1 - (0 + 5/50 + 5/30) / 3) = 91.1.
  CourseRun ok = selfcheck({"hazard=20", "path=40", "frames=30"});
  ASSERT_EQ(ok.code, 0) << ok.err;
  EXPECT_NE(ok.out.find("self-check of attempt e1"), std::string::npos) << ok.out;
  EXPECT_NE(ok.out.find("path: you said 40, the attempt earned 45 of 50"), std::string::npos);
  EXPECT_NE(ok.out.find("self-assessment accuracy: 91.1 of 100"), std::string::npos) << ok.out;
  // Once: the score is shown now, so a second self-check (the answers known) is refused and the
  // first stays (found by a new user: a re-run raised the accuracy from 88.5 to 96.8).
  CourseRun again = selfcheck({"hazard=20", "path=45", "frames=25"});
  EXPECT_EQ(again.code, 1);
  EXPECT_NE(again.err.find("learning task 'single_lift': the self-check was given at "),
            std::string::npos)
      << again.err;
  EXPECT_NE(again.err.find("(attempt e1) and its score shown; it is not given again"),
            std::string::npos)
      << again.err;
  {
    auto kept = skillsim::course::CourseRecordStore::open(db);
    ASSERT_TRUE(kept);
    const auto checks = (*kept)->records({"T1", "q2_operator", "single_lift"})->selfChecks;
    ASSERT_EQ(checks.size(), 3u);
    for (const auto& c : checks) {
      EXPECT_DOUBLE_EQ(c.selfPoints, c.itemId == "hazard" ? 20.0
                                     : c.itemId == "path" ? 40.0
                                                          : 30.0)
          << c.itemId;
    }
  }

  CourseRun reflect = cli(with(common("reflect", db), {"--text", "落放前应先稳钩。"}));
  ASSERT_EQ(reflect.code, 0) << reflect.err;
  CourseRun other = cli(with(common("reflect", db), {"--text", "another text"}));
  EXPECT_EQ(other.code, 1); // a reflection is written once
  auto s = skillsim::course::CourseRecordStore::open(db);
  EXPECT_EQ(*(*s)->records({"T1", "q2_operator", "single_lift"})->reflection, "落放前应先稳钩。");
  EXPECT_EQ(cli(with(common("reflect", db), {"--text", ""})).code, 2);
}

TEST(CourseCommand, MentorRatingsNeedASignedCardByARegisteredKey) {
  auto d = freshDir("mentor");
  const std::string db = (d / "store.db").string();
  // workshop_part_lift opens after q2_course, which opens after single_lift: finish both.
  {
    auto s = skillsim::course::CourseRecordStore::open(db);
    ASSERT_TRUE(s);
    for (const char* task : {"single_lift", "q2_course"}) {
      ASSERT_TRUE((*s)->recordReflection({"T1", "q2_operator", task}, "done", 1796083200));
    }
  }
  records::AttemptRecord q2 = attempt("q2e", 90, records::AttemptMode::Exam, 9);
  q2.scenario.id = "overhead_crane.q2_practical";
  q2.scenario.hash = std::string(64, 'd');
  store(db, {attempt("e1", 90, records::AttemptMode::Exam, 5), q2});

  const std::string card = (d / "card.toml").string();
  ASSERT_EQ(cli({"jobcard",       "new",
                 "--course",      course(),
                 "--task",        "workshop_part_lift",
                 "--trainee",     "T1",
                 "--company",     "华东重工",
                 "--workshop",    "二号车间",
                 "--machine",     "QD 5 t No. 3",
                 "--date",        "2026-11-20",
                 "--mentor-name", "王建国",
                 "--mentor-id",   "M-0042",
                 "--item",        "pre_use_check=4",
                 "--item",        "signals=5",
                 "--out",         card})
                .code,
            0);
  auto rate = [&](const std::string& registry) {
    return cli(with(common("rate", db, "workshop_part_lift"),
                    {"--role", "mentor", "--card", card, "--mentor-keys", registry}));
  };
  const std::string otherKey(64, 'c');
  const std::string unknownRegistry =
      write(d / "other.toml", "format = \"skillsim.mentorkeys/1\"\n[[mentors]]\nid = \"M-0042\"\n"
                              "name = \"王建国\"\npublic_key = \"" +
                                  otherKey + "\"\n");
  CourseRun unsignedCard = rate(unknownRegistry);
  EXPECT_EQ(unsignedCard.code, 1);
  EXPECT_NE(unsignedCard.err.find("NOT SIGNED by the mentor"), std::string::npos);

  CourseRun sign = cli({"jobcard", "sign", card, "--key-dir", (d / "mentor-key").string()});
  ASSERT_EQ(sign.code, 0) << sign.err;
  const auto keyAt = sign.out.find("with key ");
  ASSERT_NE(keyAt, std::string::npos);
  const std::string key = sign.out.substr(keyAt + 9, 64);

  CourseRun unknown = rate(unknownRegistry);
  EXPECT_EQ(unknown.code, 1);
  EXPECT_NE(
      unknown.err.find("signed with key " + key + ", which is not in the mentor key registry"),
      std::string::npos)
      << unknown.err;
  const std::string wrongMentor =
      write(d / "wrong.toml", "format = \"skillsim.mentorkeys/1\"\n[[mentors]]\nid = \"M-0099\"\n"
                              "name = \"赵六\"\npublic_key = \"" +
                                  key + "\"\n");
  CourseRun mismatch = rate(wrongMentor);
  EXPECT_EQ(mismatch.code, 1);
  EXPECT_NE(mismatch.err.find("signed with the key of mentor 赵六 (M-0099)"), std::string::npos);
  const std::string badRegistry =
      write(d / "bad.toml", "format = \"skillsim.mentorkeys/1\"\n[[mentors]]\nid = \"M-0042\"\n"
                            "name = \"王建国\"\npublic_key = \"12ab\"\n");
  CourseRun bad = rate(badRegistry);
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.err.find("bad.toml:5:14: mentors[0].public_key: expected 64 hex digits"),
            std::string::npos)
      << bad.err;

  const std::string registry =
      write(d / "registry.toml", "format = \"skillsim.mentorkeys/1\"\n[[mentors]]\n"
                                 "id = \"M-0042\"\nname = \"王建国\"\npublic_key = \"" +
                                     key + "\"\n");
  CourseRun ok = rate(registry);
  ASSERT_EQ(ok.code, 0) << ok.err;
  // Ticked 4 + 5 of 3 items x 5 = 9 of 15 = 60.
  EXPECT_NE(ok.out.find("mentor 王建国 (M-0042) rated learning task 'workshop_part_lift' for T1: "
                        "60 of 100"),
            std::string::npos)
      << ok.out;
  auto s = skillsim::course::CourseRecordStore::open(db);
  auto rec = (*s)->records({"T1", "q2_operator", "workshop_part_lift"});
  ASSERT_TRUE(rec);
  EXPECT_EQ(rec->jobCards.size(), 1u);

  // Altered after signing: refused.
  std::string text;
  {
    std::ifstream in(card);
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  const auto at = text.find("rating = 4");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 10, "rating = 5");
  write(card, text);
  CourseRun altered = rate(registry);
  EXPECT_EQ(altered.code, 1);
  EXPECT_NE(altered.err.find("ALTERED after it was signed"), std::string::npos) << altered.err;
}

TEST(PortfolioCommand, ThePageShowsWhatTheCommandsRecorded) {
  auto d = freshDir("portfolio");
  const std::string db = (d / "store.db").string();
  store(db, {attempt("p1", 85, records::AttemptMode::Practice, 1),
             attempt("e1", 90, records::AttemptMode::Exam, 5)});
  selfCheck(db);
  ASSERT_EQ(cli(with(common("answer", db), {"--answers", write(d / "a.toml", kAnswers)})).code, 0);
  ASSERT_EQ(cli(with(common("reflect", db), {"--text", "下次落放前先稳钩 <b>"})).code, 0);
  ASSERT_EQ(cli(with(common("rate", db), {"--teacher", "teacher-li", "--rating", "plan_quality=4",
                                          "--rating", "reflection_depth=3"}))
                .code,
            0);
  const std::string html = (d / "p.html").string();
  CourseRun r = cli({"portfolio", "--course", course(), "--trainee", "T1", "--db", db, "-o", html});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("2 attempts"), std::string::npos) << r.out;
  std::ifstream in(html);
  const std::string page{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  EXPECT_NE(page.find("下次落放前先稳钩 &lt;b&gt;"), std::string::npos); // escaped
  EXPECT_NE(page.find("teacher-li"), std::string::npos);
  EXPECT_NE(page.find("e1"), std::string::npos);
  CourseRun missing = cli({"portfolio", "--course", course(), "--trainee", "T1", "--db", db, "-o",
                           html, "--mentor-keys", (d / "none.toml").string()});
  EXPECT_EQ(missing.code, 1);
  EXPECT_NE(missing.err.find("none.toml: cannot open the file"), std::string::npos) << missing.err;
}

TEST(PortfolioCommand, XapiStatementsPassTheValidatorWithTheHandWorkedScore) {
  auto d = freshDir("portfolio-xapi");
  const std::string db = (d / "store.db").string();
  // Exam e1 (sampleResult at 90): hazard 20 of 20, path 45 of 50, frames 25 of 30.
  store(db, {attempt("p1", 85, records::AttemptMode::Practice, 1),
             attempt("e1", 90, records::AttemptMode::Exam, 5)});
  selfCheck(db);
  ASSERT_EQ(cli(with(common("answer", db), {"--answers", write(d / "a.toml", kAnswers)})).code, 0);
  ASSERT_EQ(cli(with(common("mark", db),
                     {"--teacher", "teacher-li", "--question", "reflection", "--points", "3"}))
                .code,
            0);
  ASSERT_EQ(cli(with(common("rate", db), {"--teacher", "teacher-li", "--rating", "plan_quality=4",
                                          "--rating", "reflection_depth=3"}))
                .code,
            0);
  const std::string xapi = (d / "p.json").string();
  CourseRun r = cli({"portfolio", "--course", course(), "--trainee", "T1", "--db", db, "-o",
                     (d / "p.html").string(), "--xapi", xapi});
  ASSERT_EQ(r.code, 0) << r.err;
  std::ifstream in(xapi);
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  const nlohmann::json all = nlohmann::json::parse(text);
  // single_lift: the four steps with questions, all answered, then its score; q2_course has no
  // record, so nothing.
  ASSERT_EQ(all.size(), 5u) << text;
  const std::vector<std::string> objects = {"get_information", "plan", "decide", "evaluate"};
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(all[i]["verb"]["id"], "http://adlnet.gov/expapi/verbs/completed") << i;
    EXPECT_EQ(all[i]["object"]["id"], "https://skillsim.invalid/courses/q2_operator/tasks/"
                                      "single_lift/steps/" +
                                          objects[i])
        << i;
    EXPECT_EQ(all[i]["actor"]["account"]["name"], "T1") << i;
  }
  const nlohmann::json& scored = all[4];
  EXPECT_EQ(scored["verb"]["id"], "http://adlnet.gov/expapi/verbs/scored");
  EXPECT_EQ(scored["object"]["id"],
            "https://skillsim.invalid/courses/q2_operator/tasks/single_lift");
  EXPECT_EQ(scored["context"]["contextActivities"]["grouping"][0]["id"],
            "https://skillsim.invalid/courses/q2_operator");
  // Work page: horn_first 2 + rope_checks 3 + sequence 0 (travel and set-down swapped) of 4 +
  // clearance 2 + reflection 3 (marked) of 4 = 10 of 15; simulator 90; self-assessment
  // 100 * (1 - (0/20 + 5/50 + 5/30) / 3) = 91.111; teacher (4 + 3) / 10 = 70. Weights 0.20,
  // 0.50, 0.10, 0.20: 13.333 + 45 + 9.111 + 14 = 81.444.
  const double expected = 0.2 * 1000.0 / 15.0 + 0.5 * 90.0 +
                          0.1 * 100.0 * (1.0 - (0.1 + 5.0 / 30.0) / 3.0) + 0.2 * 70.0;
  EXPECT_NEAR(expected, 81.4444, 1e-4);
  EXPECT_NEAR(scored["result"]["score"]["scaled"].get<double>(), 0.814444, 1e-6);
  EXPECT_NEAR(scored["result"]["score"]["raw"].get<double>(), expected, 1e-9);
  // The records are stamped with the clock: the score's time is the latest of them (the rating),
  // never before the exam's start, 2026-12-01T00:05:00Z; ISO 8601 strings compare as times.
  const std::string when = scored["timestamp"].get<std::string>();
  EXPECT_EQ(when.size(), 20u) << when;
  EXPECT_GE(when, "2026-12-01T00:05:00Z");
  EXPECT_GE(when, all[3]["timestamp"].get<std::string>());

  CourseRun bad = cli({"portfolio", "--course", course(), "--trainee", "T1", "--db", db, "-o",
                       (d / "p.html").string(), "--xapi", (d / "no-dir" / "p.json").string()});
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.err.find("no-dir/p.json: cannot write the file"), std::string::npos) << bad.err;

  const std::string command = "node '" SKILLSIM_SOURCE_DIR "/tests/export/validate-xapi.js' '" +
                              xapi + "' > '" + (d / "v.txt").string() + "' 2>&1";
  const int status = std::system(command.c_str());
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream vin(d / "v.txt");
  const std::string output{std::istreambuf_iterator<char>(vin), std::istreambuf_iterator<char>()};
  ASSERT_NE(code, 127) << "node is not installed (Debian package nodejs; scripts/setup.sh)";
  ASSERT_NE(code, 2) << "the validator could not run (scripts/setup.sh):\n" << output;
  EXPECT_EQ(code, 0) << output;
  EXPECT_NE(output.find("5 statements, 0 warnings"), std::string::npos) << output;
}

TEST(ReportCommand, ClassReportCourseTableFromTheCourseRecords) {
  auto d = freshDir("report-course");
  const std::string db = (d / "store.db").string();
  // T1 as in the xAPI test: work page 10 of 15, exam 90, self-assessment 91.111, teacher 70.
  store(db, {attempt("p1", 85, records::AttemptMode::Practice, 1),
             attempt("e1", 90, records::AttemptMode::Exam, 5)});
  selfCheck(db);
  ASSERT_EQ(cli(with(common("answer", db), {"--answers", write(d / "a.toml", kAnswers)})).code, 0);
  ASSERT_EQ(cli(with(common("mark", db),
                     {"--teacher", "teacher-li", "--question", "reflection", "--points", "3"}))
                .code,
            0);
  ASSERT_EQ(cli(with(common("rate", db), {"--teacher", "teacher-li", "--rating", "plan_quality=4",
                                          "--rating", "reflection_depth=3"}))
                .code,
            0);
  ASSERT_EQ(cli(with(common("reflect", db), {"--text", "下次落放前先稳钩"})).code, 0);
  const std::string html = (d / "class.html").string();
  CourseRun r = cli({"report", "--class", write(d / "class.txt", "T1,张伟\nT2,李娜\n"), "--db", db,
                     "--out", html, "--lang", "en", "--course", course()});
  ASSERT_EQ(r.code, 0) << r.err;
  std::ifstream in(html);
  const std::string page{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  const auto table = page.find("<table class=\"course\">");
  ASSERT_NE(table, std::string::npos) << page;
  const std::string course = page.substr(table, page.find("</table>", table) - table);
  auto rowOf = [&](const std::string& id) {
    const auto at = course.find("<tr><td>" + id + "</td>");
    return at == std::string::npos ? std::string()
                                   : course.substr(at, course.find("</tr>", at) - at);
  };
  const std::string t1 = rowOf("T1");
  const std::string t2 = rowOf("T2");
  // T1: single_lift done (exam, self-check, reflection), so q2_course opens; the workshop task
  // waits for q2_course. T2 has no record: single_lift open, the other two locked.
  EXPECT_NE(t1.find("<td>张伟</td><td class=\"num\">1</td><td class=\"num\">1</td><td "
                    "class=\"num\">1</td>"),
            std::string::npos)
      << t1;
  EXPECT_NE(t2.find("<td>李娜</td><td class=\"num\">0</td><td class=\"num\">1</td><td "
                    "class=\"num\">2</td>"),
            std::string::npos)
      << t2;
  // 0.2 * 66.667 + 0.5 * 90 + 0.1 * 91.111 + 0.2 * 70 = 81.444; each part with its weight.
  EXPECT_NE(t1.find("data-task=\"single_lift\">done; total 81.4%<ul><li>work page (20%): "
                    "66.7%</li><li>simulator exam (50%): 90.0%</li><li>self-assessment (10%): "
                    "91.1%</li><li>teacher (20%): 70.0%</li></ul>"),
            std::string::npos)
      << t1;
  EXPECT_NE(t1.find("data-task=\"q2_course\">open; total –"), std::string::npos) << t1;
  EXPECT_NE(t1.find("data-task=\"workshop_part_lift\">locked; total –"), std::string::npos) << t1;
  EXPECT_NE(t2.find("data-task=\"single_lift\">open; total –<ul><li>work page (20%): 0.0%</li>"
                    "<li>simulator exam (50%): –</li>"),
            std::string::npos)
      << t2;
  // The mentor part (weight 0 in single_lift) is not shown; in the workshop task it is (20%).
  EXPECT_EQ(t1.find("mentor (0%)"), std::string::npos) << t1;
  EXPECT_NE(t1.find("mentor (20%): –"), std::string::npos) << t1;

  CourseRun bad = cli({"report", "--class", (d / "class.txt").string(), "--db", db, "--out", html,
                       "--course", (d / "no-course.toml").string()});
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.err.find("no-course.toml"), std::string::npos) << bad.err;
}

TEST(CourseCommand, AnswerAndMarkSpeakChineseWithLang) {
  auto d = freshDir("answer-zh");
  const std::string db = (d / "store.db").string();
  store(db, {attempt("p1", 85, records::AttemptMode::Practice, 1)});
  CourseRun locked = cli(
      with(common("answer", db), {"--answers", write(d / "a.toml", kAnswers), "--lang", "zh-CN"}));
  EXPECT_EQ(locked.code, 1);
  EXPECT_NE(locked.err.find("题目 reflection 属于评价反馈，该步骤尚未开放"), std::string::npos)
      << locked.err;
  store(db, {attempt("e1", 90, records::AttemptMode::Exam, 5)});
  selfCheck(db);
  CourseRun a = cli(
      with(common("answer", db), {"--answers", write(d / "a.toml", kAnswers), "--lang", "zh-CN"}));
  ASSERT_EQ(a.code, 0) << a.err;
  EXPECT_NE(a.out.find("已为学习任务“"), std::string::npos) << a.out;
  EXPECT_NE(a.out.find("记录 5 个回答"), std::string::npos) << a.out;
  EXPECT_NE(a.out.find("  sequence: 错误, 得 0 分，满分 4 分\n"), std::string::npos) << a.out;
  EXPECT_NE(a.out.find("  reflection: 待教师评分, 得 0 分，满分 4 分\n"), std::string::npos)
      << a.out;
  // horn_first 2 + rope_checks 3 + sequence 0 + clearance 2 = 7 of 15; the reflection waits.
  EXPECT_NE(a.out.find("工作页：得 7 分，满分 15 分，目前（简答题待教师评分）"), std::string::npos)
      << a.out;
  EXPECT_EQ(a.out.find("points"), std::string::npos) << a.out;
  CourseRun m = cli(with(common("mark", db), {"--teacher", "teacher-li", "--question", "reflection",
                                              "--points", "3", "--lang", "zh-CN"}));
  ASSERT_EQ(m.code, 0) << m.err;
  EXPECT_EQ(m.out, "教师 teacher-li 为问题 reflection 评分：3 分，满分 4 分\n");
  CourseRun bad = cli(with(common("mark", db), {"--teacher", "teacher-li", "--question",
                                                "reflection", "--points", "3", "--lang", "fr"}));
  EXPECT_NE(bad.code, 0);
  EXPECT_NE((bad.out + bad.err).find("fr"), std::string::npos) << bad.out << bad.err;
}

namespace {

/** True when `text` has no run of Latin letters of 3 or more outside the allowed words. */
bool plainChinese(const std::string& text, const std::vector<std::string>& allowed) {
  std::string rest = text;
  std::vector<std::string> longestFirst = allowed;
  std::sort(longestFirst.begin(), longestFirst.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  for (const std::string& a : longestFirst) {
    for (auto at = rest.find(a); at != std::string::npos; at = rest.find(a)) {
      rest.erase(at, a.size());
    }
  }
  int run = 0;
  for (char ch : rest) {
    run = std::isalpha(static_cast<unsigned char>(ch)) != 0 ? run + 1 : 0;
    if (run >= 3) {
      return false;
    }
  }
  return true;
}

} // namespace

TEST(CourseCommand, ApproveRateSelfCheckAndReflectSpeakChineseWithLang) {
  auto d = freshDir("zh-steps");
  const std::string db = (d / "store.db").string();
  store(db, {attempt("p1", 85, records::AttemptMode::Practice, 1)});
  const std::vector<std::string> zh = {"--lang", "zh-CN"};
  // The words a zh-CN line may still hold: the command, option names, ids and the data given.
  const std::vector<std::string> ids = {"skillsim course",
                                        "selfcheck",
                                        "reflect",
                                        "rate",
                                        "--role",
                                        "teacher-li",
                                        "teacher",
                                        "mentor",
                                        "--rating",
                                        "plan_quality",
                                        "reflection_depth",
                                        "--item",
                                        "hazard",
                                        "path",
                                        "frames",
                                        "--text",
                                        "--attempt",
                                        "zzz",
                                        "--task",
                                        "no_such",
                                        "q2_operator",
                                        "single_lift",
                                        "q2_course",
                                        "workshop_part_lift",
                                        "courses/overhead_crane/q2_operator.toml",
                                        "boss"};
  auto chinese = [&](const CourseRun& r) {
    EXPECT_TRUE(plainChinese(r.out + r.err, ids)) << r.out << r.err;
  };

  CourseRun approve = cli(with(with(common("approve", db), {"--teacher", "teacher-li"}), zh));
  ASSERT_EQ(approve.code, 0) << approve.err;
  EXPECT_EQ(approve.out, "教师 teacher-li 已批准学员 T1 的学习任务“单次吊运入圈”的作业计划\n");

  CourseRun locked = cli(with(with(common("approve", db, "q2_course"), {"--teacher", "t"}), zh));
  EXPECT_EQ(locked.code, 1);
  EXPECT_EQ(locked.err, "skillsim course approve：学习任务“Q2 考核路线：绕桩与穿越高低架”对学员 "
                        "T1 尚未开放：须先完成学习任务“单次吊运入圈”\n");
  CourseRun unknown = cli(with(with(common("approve", db, "no_such"), {"--teacher", "t"}), zh));
  EXPECT_EQ(unknown.code, 1);
  EXPECT_NE(unknown.err.find("没有这个学习任务（它有 single_lift, q2_course, workshop_part_lift）"),
            std::string::npos)
      << unknown.err;

  auto rate = [&](std::vector<std::string> r) {
    return cli(with(with(with(common("rate", db), {"--teacher", "teacher-li"}), r), zh));
  };
  CourseRun high = rate({"--rating", "plan_quality=6", "--rating", "reflection_depth=3"});
  EXPECT_EQ(high.code, 1);
  EXPECT_NE(high.err.find("评分项“作业计划完整、顺序合理”（plan_quality）须为 0 到 5 的整数"),
            std::string::npos)
      << high.err;
  chinese(high);
  CourseRun missing = rate({"--rating", "plan_quality=4"});
  EXPECT_EQ(missing.code, 1);
  EXPECT_NE(missing.err.find("（reflection_depth）尚未评分（--rating reflection_depth=0..5）"),
            std::string::npos)
      << missing.err;
  chinese(missing);
  CourseRun twice = rate({"--rating", "plan_quality=4", "--rating", "plan_quality=3"});
  EXPECT_NE(twice.err.find("（plan_quality）评了两次"), std::string::npos) << twice.err;
  CourseRun role = cli(with(with(common("rate", db), {"--role", "boss"}), zh));
  EXPECT_EQ(role.code, 2);
  EXPECT_NE(role.err.find("应为 teacher（教师）或 mentor（企业导师）"), std::string::npos);
  CourseRun mentorUsage = cli(with(with(common("rate", db), {"--role", "mentor"}), zh));
  EXPECT_EQ(mentorUsage.code, 2);
  EXPECT_NE(mentorUsage.err.find("企业导师公钥登记表"), std::string::npos) << mentorUsage.err;
  CourseRun rated = rate({"--rating", "plan_quality=4", "--rating", "reflection_depth=3"});
  ASSERT_EQ(rated.code, 0) << rated.err;
  // 4 + 3 of 5 + 5 = 70 of 100.
  EXPECT_EQ(rated.out, "教师 teacher-li 为学员 T1 的学习任务“单次吊运入圈”评分：70 分（百分制）\n");

  auto selfcheck = [&](std::vector<std::string> items) {
    std::vector<std::string> a = common("selfcheck", db);
    for (const auto& i : items) {
      a.insert(a.end(), {"--item", i});
    }
    return cli(with(a, zh));
  };
  CourseRun early = selfcheck({"hazard=20", "path=40", "frames=30"});
  EXPECT_EQ(early.code, 1);
  EXPECT_EQ(early.err, "skillsim course selfcheck：学习任务“单次吊运入圈”：检查控制在考核之后，"
                       "学员 T1 尚未参加考核\n");
  CourseRun earlyReflect = cli(with(with(common("reflect", db), {"--text", "x"}), zh));
  EXPECT_EQ(earlyReflect.code, 1);
  EXPECT_EQ(earlyReflect.err,
            "skillsim course reflect：学习任务“单次吊运入圈”的评价反馈尚未开放：尚未参加考核；"
            "尚未完成自评（检查控制）\n");

  store(db, {attempt("e1", 90, records::AttemptMode::Exam, 5)});
  CourseRun range = selfcheck({"hazard=21", "path=40", "frames=30"});
  EXPECT_EQ(range.code, 1);
  EXPECT_NE(range.err.find("评分项 hazard 的分数为 0 到 20 分"), std::string::npos) << range.err;
  chinese(range);
  CourseRun unrated = selfcheck({"hazard=20"});
  EXPECT_NE(unrated.err.find("评分项 path 尚未自评（--item path=0..50）"), std::string::npos)
      << unrated.err;
  chinese(unrated);
  CourseRun notAnItem = selfcheck({"wheels=1"});
  EXPECT_NE(notAnItem.err.find("（hazard, path, frames）"), std::string::npos) << notAnItem.err;
  CourseRun other = cli(with(with(common("selfcheck", db), {"--attempt", "zzz"}), zh));
  EXPECT_NE(other.err.find("--attempt zzz：学员 T1 在学习任务“单次吊运入圈”上没有这个编号的记录"),
            std::string::npos)
      << other.err;
  CourseRun tooSoon = cli(with(with(common("reflect", db), {"--text", "x"}), zh));
  EXPECT_NE(tooSoon.err.find("评价反馈尚未开放：尚未完成自评（检查控制）"), std::string::npos)
      << tooSoon.err;

  // e1: hazard 20/20, path 45/50, frames 25/30; accuracy 100 (1 - (0 + 5/50 + 5/30) / 3) = 91.1.
  CourseRun ok = selfcheck({"hazard=20", "path=40", "frames=30"});
  ASSERT_EQ(ok.code, 0) << ok.err;
  EXPECT_EQ(ok.out, "已记录对第 e1 号记录的自评；现在公布得分：\n"
                    "  hazard：自评 20 分，实得 20 分，满分 20 分\n"
                    "  path：自评 40 分，实得 45 分，满分 50 分\n"
                    "  frames：自评 30 分，实得 25 分，满分 30 分\n"
                    "自评准确度：91.1 分（百分制）\n");
  EXPECT_EQ(cli(with(with(common("reflect", db), {"--text", ""}), zh)).err,
            "skillsim course reflect：--text 不能为空\n");
  CourseRun reflect = cli(with(with(common("reflect", db), {"--text", "落放前应先稳钩。"}), zh));
  ASSERT_EQ(reflect.code, 0) << reflect.err;
  EXPECT_EQ(reflect.out, "已记录学习任务“单次吊运入圈”的反思\n");
  EXPECT_NE(cli(with(with(common("reflect", db), {"--text", "x"}), {"--lang", "fr"})).code, 0);
}
