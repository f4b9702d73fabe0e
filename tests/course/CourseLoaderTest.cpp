#include <skillsim/course/CourseLoader.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>

namespace skillsim::course {
namespace {

// A valid course; each test below breaks one field.
const std::string kCourse = R"(format = "skillsim.course/1"
id = "demo_course"
version = "1.0"
trade = "demo"
title = { zh = "课程", en = "Course" }
description = { zh = "说明", en = "About" }
[assessment]
weights = { work_page = 0.2, simulator = 0.4, self_assessment = 0.1, teacher = 0.1, mentor = 0.2 }
[[assessment.teacher_rubric]]
id = "plan"
text = { zh = "计划", en = "Plan" }
max_rating = 5
[[assessment.mentor_rubric]]
id = "safe"
text = { zh = "安全", en = "Safe" }
max_rating = 4
[[work_tasks]]
id = "wt"
title = { zh = "任务", en = "Task" }
description = { zh = "描述", en = "About" }
[[learning_tasks]]
id = "lt"
work_task = "wt"
title = { zh = "学习", en = "Learn" }
practice_scenario = "demo.practice"
exam_scenario = "demo.exam"
[learning_tasks.gating]
plan_approved_by_teacher = true
min_practice_attempts = 3
last_practice_attempts = 2
last_practice_min_score = 80
self_check_before_evaluation = true
[[learning_tasks.steps]]
step = "get_information"
guidance = { zh = "读", en = "Read" }
[[learning_tasks.steps.questions]]
id = "q1"
kind = "single_choice"
prompt = { zh = "问", en = "Ask" }
points = 2
choices = [{ id = "a", zh = "甲", en = "A" }, { id = "b", zh = "乙", en = "B" }]
answer = "a"
[[learning_tasks.steps]]
step = "plan"
guidance = { zh = "计划", en = "Plan" }
checklist = [{ id = "route", zh = "路线", en = "Route" }]
[[learning_tasks.steps]]
step = "decide"
guidance = { zh = "决策", en = "Decide" }
[[learning_tasks.steps]]
step = "carry_out"
guidance = { zh = "实施", en = "Carry out" }
[[learning_tasks.steps]]
step = "check"
guidance = { zh = "检查", en = "Check" }
[[learning_tasks.steps]]
step = "evaluate"
guidance = { zh = "评价", en = "Evaluate" }
)";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  auto pos = text.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  return pos == std::string::npos ? text : text.replace(pos, from.size(), to);
}

/** 1-based line and column of the first `needle` in `text` (an independent count). */
std::pair<std::uint32_t, std::uint32_t> positionOf(const std::string& text,
                                                   const std::string& needle) {
  auto pos = text.find(needle);
  EXPECT_NE(pos, std::string::npos) << needle;
  std::uint32_t line = 1;
  std::size_t lineStart = 0;
  for (std::size_t i = 0; i < pos; ++i) {
    if (text[i] == '\n') {
      ++line;
      lineStart = i + 1;
    }
  }
  // Columns count characters (UTF-8 code points), as editors do: skip continuation bytes.
  std::uint32_t column = 1;
  for (std::size_t i = lineStart; i < pos; ++i) {
    column += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 ? 1 : 0;
  }
  return {line, column};
}

TEST(CourseLoader, ParsesAValidCourse) {
  CourseReport report = parseCourse(kCourse, "c.toml");
  ASSERT_TRUE(report.valid()) << report.problems.front().toString();
  const Course& c = *report.course;
  EXPECT_EQ(c.id, "demo_course");
  EXPECT_EQ(c.title.zh, "课程");
  EXPECT_DOUBLE_EQ(c.assessment.weights.simulator, 0.4);
  ASSERT_EQ(c.assessment.mentorRubric.size(), 1u);
  EXPECT_EQ(c.assessment.mentorRubric[0].maxRating, 4);
  ASSERT_EQ(c.learningTasks.size(), 1u);
  const LearningTask& t = c.learningTasks[0];
  EXPECT_EQ(t.practiceScenario, "demo.practice");
  EXPECT_EQ(t.examScenario, "demo.exam");
  EXPECT_EQ(t.gating.minPracticeAttempts, 3);
  EXPECT_EQ(t.gating.lastPracticeCount, 2);
  EXPECT_DOUBLE_EQ(t.gating.lastPracticeMinPercent, 80.0);
  ASSERT_EQ(t.steps.size(), 6u);
  EXPECT_EQ(t.steps[5].kind, StepKind::Evaluate);
  ASSERT_EQ(t.step(StepKind::Plan).checklist.size(), 1u);
  EXPECT_EQ(t.step(StepKind::Plan).checklist[0].id, "route");
  const Question& q = t.step(StepKind::GetInformation).questions.at(0);
  EXPECT_EQ(q.kind, QuestionKind::SingleChoice);
  EXPECT_EQ(q.answer, std::vector<std::string>{"a"});
  EXPECT_EQ(q.location.line, 36u); // its [[learning_tasks.steps.questions]] header
  EXPECT_DOUBLE_EQ(t.workPagePoints(), 2.0);
  // The task has no weights of its own: it takes the course's.
  EXPECT_EQ(t.weights, c.assessment.weights);
}

struct BadField {
  const char* name;
  const char* from;
  const char* to;
  const char* anchor;  ///< Where the problem must be reported (first occurrence in the bad text).
  const char* field;   ///< The field path the problem names.
  const char* message; ///< A part of the message.
};

class CourseLoaderBadField : public ::testing::TestWithParam<BadField> {};

TEST_P(CourseLoaderBadField, NamesFileLineColumnAndField) {
  const BadField& bad = GetParam();
  std::string text = replaced(kCourse, bad.from, bad.to);
  CourseReport report = parseCourse(text, "courses/demo/c.toml");
  ASSERT_FALSE(report.valid()) << bad.name;
  EXPECT_FALSE(report.course.has_value());
  auto [line, column] = positionOf(text, bad.anchor);
  bool found = false;
  std::string all;
  for (const core::Error& p : report.problems) {
    all += p.toString() + "\n";
    if (p.location.fieldPath == bad.field && p.message.find(bad.message) != std::string::npos) {
      found = true;
      EXPECT_EQ(p.location.file, "courses/demo/c.toml");
      EXPECT_EQ(p.location.line, line) << bad.name << ": " << p.toString();
      EXPECT_EQ(p.location.column, column) << bad.name << ": " << p.toString();
      EXPECT_EQ(p.code, core::ErrorCode::InvalidInput);
    }
  }
  EXPECT_TRUE(found) << bad.name << ": expected '" << bad.message << "' at " << bad.field
                     << ", got:\n"
                     << all;
}

// clang-format off
const BadField kBadFields[] = {
  {"wrong_format", "\"skillsim.course/1\"", "\"skillsim.scenario/1\"", "\"skillsim.scenario/1\"",
   "format", "expected format = \"skillsim.course/1\""},
  {"uppercase_id", "id = \"demo_course\"", "id = \"Demo\"", "\"Demo\"", "id",
   "must start with a lowercase letter"},
  {"empty_title", "title = { zh = \"课程\"", "title = { zh = \"\"", "\"\"", "title.zh",
   "must not be empty"},
  {"unknown_key", "trade = \"demo\"", "trade = \"demo\"\ntrady = 1", "trady", "trady",
   "trade"},
  {"weights_sum", "mentor = 0.2 }", "mentor = 0.3 }", "{ work_page", "assessment.weights",
   "must sum to 1, found 1.1"},
  {"weight_range", "teacher = 0.1, mentor", "teacher = -0.1, mentor", "-0.1",
   "assessment.weights.teacher", "expected a number in [0, 1]"},
  {"weight_missing", ", mentor = 0.2 }", " }", "{ work_page", "assessment.weights.mentor",
   "missing required key"},
  {"teacher_without_rubric", "[[assessment.teacher_rubric]]\nid = \"plan\"\ntext = { zh = \"计划\", en = \"Plan\" }\nmax_rating = 5\n",
   "", "[assessment]", "assessment.teacher_rubric", "the teacher needs a rubric"},
  {"mentor_without_rubric", "[[assessment.mentor_rubric]]\nid = \"safe\"\ntext = { zh = \"安全\", en = \"Safe\" }\nmax_rating = 4\n",
   "", "\"lt\"", "learning_tasks[0].id", "no mentor rubric"},
  {"rating_range", "max_rating = 4", "max_rating = 11", "11", "assessment.mentor_rubric[0].max_rating",
   "expected an integer in [1, 10]"},
  {"unknown_work_task", "work_task = \"wt\"", "work_task = \"wx\"", "\"wx\"",
   "learning_tasks[0].work_task", "no work task 'wx' (did you mean 'wt'?)"},
  {"bad_scenario_id", "\"demo.practice\"", "\"Demo Practice\"", "\"Demo Practice\"",
   "learning_tasks[0].practice_scenario", "must use lowercase letters"},
  {"missing_exam", "exam_scenario = \"demo.exam\"\n", "", "[[learning_tasks]]",
   "learning_tasks[0].exam_scenario", "missing required key"},
  {"gating_last_over_min", "last_practice_attempts = 2", "last_practice_attempts = 4", "4\nlast_practice_min",
   "learning_tasks[0].gating.last_practice_attempts", "cannot be more than min_practice_attempts (3)"},
  {"gating_score_range", "last_practice_min_score = 80", "last_practice_min_score = 120", "120",
   "learning_tasks[0].gating.last_practice_min_score", "[0, 100]"},
  {"gating_wrong_type", "plan_approved_by_teacher = true", "plan_approved_by_teacher = \"yes\"",
   "\"yes\"", "learning_tasks[0].gating.plan_approved_by_teacher", "expected true or false, found a string"},
  {"after_itself", "plan_approved_by_teacher = true", "after = [\"lt\"]\nplan_approved_by_teacher = true",
   "\"lt\"]", "learning_tasks[0].gating.after[0]", "cannot wait for itself"},
  {"after_unknown", "plan_approved_by_teacher = true", "after = [\"lx\"]\nplan_approved_by_teacher = true",
   "\"lx\"", "learning_tasks[0].gating.after[0]", "no learning task 'lx' (did you mean 'lt'?)"},
  {"unknown_step", "step = \"decide\"", "step = \"decid\"", "\"decid\"",
   "learning_tasks[0].steps[2].step", "unknown step 'decid' (did you mean 'decide'?)"},
  {"steps_out_of_order", "step = \"check\"", "step = \"decide\"", "[[learning_tasks.steps]]",
   "learning_tasks[0].steps", "once each and in this order"},
  {"plan_without_checklist", "checklist = [{ id = \"route\", zh = \"路线\", en = \"Route\" }]\n", "",
   "[[learning_tasks.steps]]\nstep = \"plan\"", "learning_tasks[0].steps[1].checklist",
   "the plan step needs a plan checklist"},
  {"checklist_elsewhere", "guidance = { zh = \"决策\", en = \"Decide\" }",
   "guidance = { zh = \"决策\", en = \"Decide\" }\nchecklist = [{ id = \"x\", zh = \"x\", en = \"x\" }]",
   "[{ id = \"x\"", "learning_tasks[0].steps[2].checklist", "only the plan step"},
  {"carry_out_questions", "guidance = { zh = \"实施\", en = \"Carry out\" }",
   "guidance = { zh = \"实施\", en = \"Carry out\" }\n[[learning_tasks.steps.questions]]\nid = \"q9\"\nkind = \"short_text\"\nprompt = { zh = \"问\", en = \"Ask\" }\npoints = 1\nguidance = { zh = \"看\", en = \"Look\" }",
   "[[learning_tasks.steps.questions]]\nid = \"q9\"", "learning_tasks[0].steps[3].questions",
   "carry_out step has no work-page questions"},
  {"question_kind", "kind = \"single_choice\"", "kind = \"essay\"", "\"essay\"",
   "learning_tasks[0].steps[0].questions[0].kind", "single_choice"},
  {"points_zero", "points = 2", "points = 0", "0\nchoices", "learning_tasks[0].steps[0].questions[0].points",
   "expected a number > 0"},
  {"answer_not_a_choice", "answer = \"a\"", "answer = \"c\"", "\"c\"",
   "learning_tasks[0].steps[0].questions[0].answer", "answer 'c' is not one of the choices ('a' or 'b')"},
  {"one_choice", ", { id = \"b\", zh = \"乙\", en = \"B\" }]", "]", "[{ id = \"a\"",
   "learning_tasks[0].steps[0].questions[0].choices", "at least two choices"},
  {"duplicate_choice", "{ id = \"b\"", "{ id = \"a\"", "\"a\", zh = \"乙\"",
   "learning_tasks[0].steps[0].questions[0].choices[1].id", "already used"},
  {"choice_without_en", ", en = \"B\" }", " }", "{ id = \"b\"",
   "learning_tasks[0].steps[0].questions[0].choices[1].en", "missing required key 'en'"},
  {"multiple_answer_not_a_list", "kind = \"single_choice\"", "kind = \"multiple_choice\"", "\"a\"\n[[",
   "learning_tasks[0].steps[0].questions[0].answer", "array of strings"},
  {"ordering_with_choices", "kind = \"single_choice\"", "kind = \"ordering\"", "choices = [",
   "learning_tasks[0].steps[0].questions[0].choices", "unknown key"},
  {"number_negative_tolerance", "kind = \"single_choice\"", "kind = \"number\"\nunit = \"m\"\ntolerance = -0.1",
   "-0.1", "learning_tasks[0].steps[0].questions[0].tolerance", ">= 0"},
  {"number_without_unit", "kind = \"single_choice\"", "kind = \"number\"\ntolerance = 0.1",
   "[[learning_tasks.steps.questions]]", "learning_tasks[0].steps[0].questions[0].unit", "missing"},
  {"short_text_without_guidance", "kind = \"single_choice\"", "kind = \"short_text\"",
   "[[learning_tasks.steps.questions]]", "learning_tasks[0].steps[0].questions[0].guidance", "missing"},
  {"syntax", "points = 2", "points = = 2", "= 2\nchoices", "", "TOML syntax error"},
};
// clang-format on

INSTANTIATE_TEST_SUITE_P(EveryField, CourseLoaderBadField, ::testing::ValuesIn(kBadFields),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(CourseLoader, RefusesADuplicateRubricItem) {
  std::string text = replaced(kCourse, "[[work_tasks]]",
                              "[[assessment.mentor_rubric]]\nid = \"safe\"\ntext = { zh = "
                              "\"安全\", en = \"Safe\" }\nmax_rating = 4\n[[work_tasks]]");
  CourseReport report = parseCourse(text, "c.toml");
  ASSERT_FALSE(report.valid());
  EXPECT_EQ(report.problems.front().location.fieldPath, "assessment.mentor_rubric[1].id");
  EXPECT_NE(report.problems.front().message.find("already used"), std::string::npos);
}

/** The bad text for a multiple-choice answer: the single-choice answer line replaced. */
TEST(CourseLoader, MultipleChoiceAnswerProblems) {
  std::string base = replaced(kCourse, "kind = \"single_choice\"", "kind = \"multiple_choice\"");
  for (auto [answer, message] : {std::pair{"answer = []", "at least one right choice"},
                                 std::pair{"answer = [\"a\", \"a\"]", "listed twice"},
                                 std::pair{"answer = [\"a\", \"z\"]", "answer 'z' is not one"}}) {
    std::string text = replaced(base, "answer = \"a\"", answer);
    CourseReport report = parseCourse(text, "c.toml");
    ASSERT_FALSE(report.valid()) << answer;
    const core::Error& p = report.problems.front();
    EXPECT_EQ(p.location.fieldPath, "learning_tasks[0].steps[0].questions[0].answer");
    EXPECT_EQ(p.location.line, positionOf(text, answer).first);
    EXPECT_EQ(p.location.column, 10u); // the value after "answer = "
    EXPECT_NE(p.message.find(message), std::string::npos) << p.toString();
  }
}

TEST(CourseLoader, OrderingAnswerMustListEveryItemOnce) {
  std::string base = replaced(kCourse, "kind = \"single_choice\"", "kind = \"ordering\"");
  base = replaced(base, "choices = [", "items = [");
  for (const char* answer :
       {"answer = [\"a\"]", "answer = [\"a\", \"a\"]", "answer = [\"b\", \"c\"]"}) {
    std::string text = replaced(base, "answer = \"a\"", answer);
    CourseReport report = parseCourse(text, "c.toml");
    ASSERT_FALSE(report.valid()) << answer;
    EXPECT_EQ(report.problems.front().location.fieldPath,
              "learning_tasks[0].steps[0].questions[0].answer");
    EXPECT_NE(report.problems.front().message.find("every item exactly once ('a' or 'b')"),
              std::string::npos)
        << report.problems.front().toString();
  }
  CourseReport right =
      parseCourse(replaced(base, "answer = \"a\"", "answer = [\"b\", \"a\"]"), "c.toml");
  ASSERT_TRUE(right.valid()) << right.problems.front().toString();
  EXPECT_EQ(right.course->learningTasks[0].steps[0].questions[0].answer,
            (std::vector<std::string>{"b", "a"}));
}

TEST(CourseLoader, NumberQuestionReadsValueUnitAndTolerance) {
  std::string text = replaced(kCourse, "kind = \"single_choice\"",
                              "kind = \"number\"\nunit = \"m\"\ntolerance = 0.25");
  text = replaced(text,
                  "choices = [{ id = \"a\", zh = \"甲\", en = \"A\" }, { id = \"b\", zh = \"乙\", "
                  "en = \"B\" }]\n",
                  "");
  text = replaced(text, "answer = \"a\"", "answer = 2.5");
  CourseReport report = parseCourse(text, "c.toml");
  ASSERT_TRUE(report.valid()) << report.problems.front().toString();
  const Question& q = report.course->learningTasks[0].steps[0].questions[0];
  EXPECT_EQ(q.kind, QuestionKind::Number);
  EXPECT_DOUBLE_EQ(q.number, 2.5);
  EXPECT_DOUBLE_EQ(q.tolerance, 0.25);
  EXPECT_EQ(q.unit, "m");
}

TEST(CourseLoader, ReportsACycleOfLearningTasks) {
  // A second task waiting for the first, and the first for the second.
  std::string second = kCourse.substr(kCourse.find("[[learning_tasks]]"));
  second = replaced(second, "id = \"lt\"", "id = \"lt2\"");
  second = replaced(second, "plan_approved_by_teacher = true",
                    "after = [\"lt\"]\nplan_approved_by_teacher = true");
  second = replaced(second, "id = \"q1\"", "id = \"q2\"");
  std::string text = replaced(kCourse, "plan_approved_by_teacher = true",
                              "after = [\"lt2\"]\nplan_approved_by_teacher = true") +
                     second;
  CourseReport report = parseCourse(text, "c.toml");
  ASSERT_FALSE(report.valid());
  EXPECT_EQ(report.problems.front().location.fieldPath, "learning_tasks[0].gating.after[0]");
  EXPECT_NE(report.problems.front().message.find("could never open"), std::string::npos);
  EXPECT_EQ(report.problems.front().location.line, positionOf(text, "[\"lt2\"]").first);
}

TEST(CourseLoader, RefusesADuplicateQuestionIdInALearningTask) {
  std::string text = replaced(
      kCourse, "guidance = { zh = \"评价\", en = \"Evaluate\" }",
      "guidance = { zh = \"评价\", en = \"Evaluate\" }\n[[learning_tasks.steps.questions]]\nid = "
      "\"q1\"\nkind = \"short_text\"\nprompt = { zh = \"问\", en = \"Ask\" }\npoints = 1\nguidance "
      "= { zh = \"看\", en = \"Look\" }");
  CourseReport report = parseCourse(text, "c.toml");
  ASSERT_FALSE(report.valid());
  EXPECT_EQ(report.problems.front().location.fieldPath,
            "learning_tasks[0].steps[5].questions[0].id");
  EXPECT_NE(report.problems.front().message.find("question id 'q1' is already used"),
            std::string::npos);
}

TEST(CourseLoader, ChecksScenarioIdsAgainstTheKnownScenarios) {
  std::set<std::string> known = {"demo.practice", "demo.exams"};
  CourseReport report = parseCourse(kCourse, "c.toml", &known);
  ASSERT_EQ(report.problems.size(), 1u);
  const core::Error& p = report.problems[0];
  EXPECT_EQ(p.location.fieldPath, "learning_tasks[0].exam_scenario");
  EXPECT_EQ(p.location.line, 26u);
  EXPECT_EQ(p.location.column, 17u);
  EXPECT_NE(p.message.find("no scenario 'demo.exam' (did you mean 'demo.exams'?)"),
            std::string::npos)
      << p.toString();
}

TEST(CourseLoader, ReportsEveryProblemInFileOrder) {
  std::string text = replaced(kCourse, "trade = \"demo\"", "trade = \"\"");
  text = replaced(text, "points = 2", "points = -1");
  text = replaced(text, "last_practice_min_score = 80", "last_practice_min_score = 101");
  CourseReport report = parseCourse(text, "c.toml");
  ASSERT_EQ(report.problems.size(), 3u);
  EXPECT_EQ(report.problems[0].location.fieldPath, "trade");
  EXPECT_EQ(report.problems[1].location.fieldPath,
            "learning_tasks[0].gating.last_practice_min_score");
  EXPECT_EQ(report.problems[2].location.fieldPath,
            "learning_tasks[0].steps[0].questions[0].points");
}

TEST(CourseLoader, MissingFileIsNotFound) {
  CourseReport report = loadCourse("/nonexistent/course.toml");
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_EQ(report.problems[0].code, core::ErrorCode::NotFound);
  EXPECT_EQ(report.problems[0].location.file, "/nonexistent/course.toml");
}

TEST(CourseLoader, RecognisesACourseFile) {
  EXPECT_TRUE(declaresCourseFormat(kCourse));
  EXPECT_FALSE(declaresCourseFormat("format = \"skillsim.scenario/1\"\n"));
  EXPECT_FALSE(declaresCourseFormat("format = = broken"));
}

// The shipped courses are valid against the shipped scenarios.
TEST(CourseLoader, ShippedCoursesAreValid) {
  const std::filesystem::path root = SKILLSIM_SOURCE_DIR;
  auto scenarios = scenarioIdsIn(root / "scenarios");
  ASSERT_TRUE(scenarios) << scenarios.error().toString();
  EXPECT_EQ(scenarios->count("overhead_crane.q2_practical"), 1u);
  EXPECT_EQ(scenarioIdsIn(root / "no_such_folder").error().code, core::ErrorCode::NotFound);
  EXPECT_EQ(scenariosFolderFor(root / "courses/overhead_crane/q2_operator.toml"),
            root / "scenarios");

  CourseReport crane = loadCourse(root / "courses/overhead_crane/q2_operator.toml", &*scenarios);
  ASSERT_TRUE(crane.valid()) << crane.problems.front().toString();
  EXPECT_GE(crane.course->learningTasks.size(), 3u);
  for (const LearningTask& task : crane.course->learningTasks) {
    EXPECT_EQ(task.practiceScenario.rfind("overhead_crane.", 0), 0u) << task.id;
  }
  // The workshop task keeps the course's weights, so its job card counts.
  EXPECT_DOUBLE_EQ(crane.course->learningTask("workshop_part_lift")->weights.mentor, 0.2);
  EXPECT_DOUBLE_EQ(crane.course->learningTask("single_lift")->weights.mentor, 0.0);

  CourseReport forklift = loadCourse(root / "courses/forklift/n1_driver.toml", &*scenarios);
  ASSERT_TRUE(forklift.valid()) << forklift.problems.front().toString();
  EXPECT_EQ(forklift.course->learningTasks.at(0).examScenario, "forklift.n1_field_test");
}

} // namespace
} // namespace skillsim::course
