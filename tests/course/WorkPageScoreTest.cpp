#include <skillsim/course/WorkPageScore.h>

#include <gtest/gtest.h>

#include <cmath>

// GCC 12 at -O3 reports a false -Wrestrict in std::string's assign from a short literal once the
// helpers below are inlined (GCC bug 105329); nothing here overlaps.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wrestrict"
#endif

namespace skillsim::course {
namespace {

Question choice(QuestionKind kind, std::vector<std::string> answer, double points = 2.0) {
  Question q;
  q.id = "q";
  q.kind = kind;
  q.points = points;
  q.choices = {{"a", {}}, {"b", {}}, {"c", {}}};
  q.answer = std::move(answer);
  return q;
}

Question number(double value, double tolerance, std::string unit) {
  Question q;
  q.id = "n";
  q.kind = QuestionKind::Number;
  q.points = 3.0;
  q.number = value;
  q.tolerance = tolerance;
  q.unit = std::move(unit);
  return q;
}

Answer picks(std::vector<std::string> ids) {
  Answer a;
  a.questionId = "q";
  a.choices = std::move(ids);
  return a;
}

Answer given(double value, std::string unit) {
  Answer a;
  a.questionId = "n";
  a.number = value;
  a.unit = std::move(unit);
  return a;
}

TEST(WorkPageScore, SingleChoice) {
  Question q = choice(QuestionKind::SingleChoice, {"b"});
  Answer right = picks({"b"});
  Answer wrong = picks({"a"});
  Answer two = picks({"b", "a"});
  EXPECT_EQ(scoreAnswer(q, &right).verdict, AnswerVerdict::Right);
  EXPECT_DOUBLE_EQ(scoreAnswer(q, &right).points, 2.0);
  EXPECT_EQ(scoreAnswer(q, &wrong).verdict, AnswerVerdict::Wrong);
  EXPECT_DOUBLE_EQ(scoreAnswer(q, &wrong).points, 0.0);
  EXPECT_EQ(scoreAnswer(q, &two).verdict, AnswerVerdict::Wrong); // two picks on a single choice
  EXPECT_EQ(scoreAnswer(q, nullptr).verdict, AnswerVerdict::Unanswered);
  EXPECT_DOUBLE_EQ(scoreAnswer(q, nullptr).maximum, 2.0);
}

TEST(WorkPageScore, MultipleChoiceNeedsExactlyTheSetInAnyOrder) {
  Question q = choice(QuestionKind::MultipleChoice, {"a", "c"}, 3.0);
  Answer reversed = picks({"c", "a"});
  Answer missing = picks({"a"});
  Answer extra = picks({"a", "b", "c"});
  Answer repeated = picks({"a", "c", "a"});
  EXPECT_DOUBLE_EQ(scoreAnswer(q, &reversed).points, 3.0);
  EXPECT_DOUBLE_EQ(scoreAnswer(q, &missing).points, 0.0);
  EXPECT_DOUBLE_EQ(scoreAnswer(q, &extra).points, 0.0);
  EXPECT_DOUBLE_EQ(scoreAnswer(q, &repeated).points, 3.0); // ticking one box twice is one tick
  Answer none = picks({});
  EXPECT_EQ(scoreAnswer(q, &none).verdict, AnswerVerdict::Unanswered);
}

TEST(WorkPageScore, OrderingNeedsTheExactOrder) {
  Question q = choice(QuestionKind::Ordering, {"b", "a", "c"}, 4.0);
  Answer right = picks({"b", "a", "c"});
  Answer swapped = picks({"a", "b", "c"});
  Answer shorter = picks({"b", "a"});
  EXPECT_DOUBLE_EQ(scoreAnswer(q, &right).points, 4.0);
  EXPECT_EQ(scoreAnswer(q, &swapped).verdict, AnswerVerdict::Wrong);
  EXPECT_EQ(scoreAnswer(q, &shorter).verdict, AnswerVerdict::Wrong);
}

TEST(WorkPageScore, NumberAtTheToleranceEdges) {
  Question q = number(2.5, 0.1, "m");
  // 2.6 - 2.5 is 0.10000000000000009 in binary: still within ± 0.1 (kToleranceRounding).
  for (double inside : {2.5, 2.4, 2.6, 2.45, 2.55}) {
    Answer a = given(inside, "m");
    EXPECT_EQ(scoreAnswer(q, &a).verdict, AnswerVerdict::Right) << inside;
  }
  for (double outside : {2.39, 2.61, 2.6001, 2.3999, -2.5}) {
    Answer a = given(outside, "m");
    EXPECT_EQ(scoreAnswer(q, &a).verdict, AnswerVerdict::Wrong) << outside;
    EXPECT_DOUBLE_EQ(scoreAnswer(q, &a).points, 0.0);
  }
  // Another unit of length is converted first (found by a new user: 2500 mm scored 0).
  Answer inMillimetres = given(2500.0, "mm");
  EXPECT_EQ(scoreAnswer(q, &inMillimetres).verdict, AnswerVerdict::Right);
  Answer inCentimetres = given(261.0, " cm ");
  EXPECT_EQ(scoreAnswer(q, &inCentimetres).verdict, AnswerVerdict::Wrong); // 2.61 m
  Answer inChinese = given(2450.0, "毫米");
  EXPECT_EQ(scoreAnswer(q, &inChinese).verdict, AnswerVerdict::Right);
  Answer inKilograms = given(2.5, "kg");
  EXPECT_EQ(scoreAnswer(q, &inKilograms).verdict, AnswerVerdict::WrongUnit);
  Answer inUnknown = given(2.5, "furlong");
  EXPECT_EQ(scoreAnswer(q, &inUnknown).verdict, AnswerVerdict::WrongUnit);
  Answer notANumber = given(std::nan(""), "m");
  EXPECT_EQ(scoreAnswer(q, &notANumber).verdict, AnswerVerdict::Unanswered);
}

TEST(WorkPageScore, UnitsConvertWithinTheirQuantityOnly) {
  EXPECT_DOUBLE_EQ(*convertUnit(3.0, "t", "kg"), 3000.0);
  EXPECT_DOUBLE_EQ(*convertUnit(3000.0, "公斤", "吨"), 3.0);
  EXPECT_DOUBLE_EQ(*convertUnit(36.0, "km/h", "m/s"), 10.0);
  EXPECT_DOUBLE_EQ(*convertUnit(20.0, "m/min", "m/s"), 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(*convertUnit(2.0, "min", "s"), 120.0);
  EXPECT_DOUBLE_EQ(*convertUnit(10.0, "ft", "m"), 3.048);
  EXPECT_DOUBLE_EQ(*convertUnit(1.0, "lb", "kg"), 0.45359237);
  EXPECT_DOUBLE_EQ(*convertUnit(180.0, "°", "rad"), 3.14159265358979323846);
  EXPECT_DOUBLE_EQ(*convertUnit(1.5, "kN", "N"), 1500.0);
  EXPECT_DOUBLE_EQ(*convertUnit(7.0, "widgets", "widgets"), 7.0); // same string, any unit
  EXPECT_FALSE(convertUnit(1.0, "m", "s"));
  EXPECT_FALSE(convertUnit(1.0, "kg", "kN"));
  EXPECT_FALSE(convertUnit(1.0, "m", "widgets"));
  Question q = number(3000.0, 0.0, "kg");
  Answer inTonnes = given(3.0, "t");
  EXPECT_EQ(scoreAnswer(q, &inTonnes).verdict, AnswerVerdict::Right);
}

TEST(WorkPageScore, NumberWithZeroToleranceIsExact) {
  Question q = number(3000.0, 0.0, "kg");
  Answer exact = given(3000.0, "kg");
  Answer off = given(3000.01, "kg");
  EXPECT_EQ(scoreAnswer(q, &exact).verdict, AnswerVerdict::Right);
  EXPECT_EQ(scoreAnswer(q, &off).verdict, AnswerVerdict::Wrong);
}

TEST(WorkPageScore, ShortTextWaitsForTheTeacher) {
  Question q;
  q.id = "t";
  q.kind = QuestionKind::ShortText;
  q.points = 4.0;
  Answer a;
  a.questionId = "t";
  a.text = "slow down and follow the load";
  EXPECT_EQ(scoreAnswer(q, &a).verdict, AnswerVerdict::AwaitingTeacher);
  EXPECT_EQ(scoreAnswer(q, &a, 3.0).verdict, AnswerVerdict::TeacherMarked);
  EXPECT_DOUBLE_EQ(scoreAnswer(q, &a, 3.0).points, 3.0);
  EXPECT_DOUBLE_EQ(scoreAnswer(q, &a, 9.0).points, 4.0); // clamped to the question's points
  EXPECT_DOUBLE_EQ(scoreAnswer(q, &a, -1.0).points, 0.0);
  EXPECT_EQ(scoreAnswer(q, nullptr).verdict, AnswerVerdict::Unanswered);
}

TEST(WorkPageScore, WholePageUsesTheLatestAnswerAndWaitsForMarks) {
  LearningTask task;
  Step info;
  info.kind = StepKind::GetInformation;
  info.questions = {choice(QuestionKind::SingleChoice, {"b"}, 2.0), number(2.5, 0.1, "m")};
  Step evaluate;
  evaluate.kind = StepKind::Evaluate;
  Question text;
  text.id = "t";
  text.kind = QuestionKind::ShortText;
  text.points = 4.0;
  evaluate.questions = {text};
  task.steps = {info, evaluate};

  Answer first = picks({"a"});
  Answer second = picks({"b"}); // the trainee changed their mind: the later answer counts
  Answer n = given(2.7, "m");
  Answer t;
  t.questionId = "t";
  t.text = "reflection";
  WorkPageScore page = scoreWorkPage(task, {first, n, second, t});
  EXPECT_DOUBLE_EQ(page.points, 2.0);
  EXPECT_DOUBLE_EQ(page.maximum, 9.0);
  EXPECT_FALSE(page.complete);
  EXPECT_FALSE(page.percent().has_value());

  WorkPageScore marked = scoreWorkPage(task, {first, n, second, t}, {{"t", 2.5}});
  EXPECT_TRUE(marked.complete);
  ASSERT_TRUE(marked.percent());
  EXPECT_DOUBLE_EQ(*marked.percent(), 100.0 * 4.5 / 9.0); // 2 + 0 + 2.5 of 9
  ASSERT_EQ(marked.questions.size(), 3u);
  EXPECT_EQ(marked.questions[1].verdict, AnswerVerdict::Wrong);

  LearningTask empty;
  EXPECT_DOUBLE_EQ(*scoreWorkPage(empty, {}).percent(), 100.0);
}

} // namespace
} // namespace skillsim::course
