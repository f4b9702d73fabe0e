#include <skillsim/course/TaskScore.h>

#include <gtest/gtest.h>

#include <cmath>

namespace skillsim::course {
namespace {

ScoreInputs allParts() {
  ScoreInputs in;
  in.workPage = 75.0;
  in.simulator = 90.0;
  in.selfAssessment = 80.0;
  in.teacher = 60.0;
  in.mentor = 100.0;
  in.simulatorSource = {"attempt-7", ""};
  in.mentorSource = {"card.toml", "key 3f2a"};
  return in;
}

TEST(TaskScore, WeightedSumOfTheFiveParts) {
  Weights w{0.15, 0.40, 0.10, 0.15, 0.20};
  TaskScore s = combineScore(w, allParts());
  ASSERT_TRUE(s.total);
  // 0.15*75 + 0.40*90 + 0.10*80 + 0.15*60 + 0.20*100 = 11.25 + 36 + 8 + 9 + 20
  EXPECT_NEAR(*s.total, 84.25, 1e-12);
  ASSERT_EQ(s.parts.size(), 5u);
  EXPECT_EQ(s.parts[1].part, ScorePart::Simulator);
  EXPECT_EQ(s.parts[1].source.reference, "attempt-7");
  EXPECT_EQ(s.parts[4].source.detail, "key 3f2a");
  EXPECT_NEAR(s.parts[4].contribution(), 20.0, 1e-12);
  EXPECT_TRUE(s.missing.empty());
}

TEST(TaskScore, OneWeightOfOneIsThatPartAlone) {
  TaskScore s = combineScore(Weights{0, 1, 0, 0, 0}, allParts());
  EXPECT_DOUBLE_EQ(*s.total, 90.0);
  ScoreInputs only;
  only.simulator = 42.0; // every other part missing, all of weight 0
  EXPECT_DOUBLE_EQ(*combineScore(Weights{0, 1, 0, 0, 0}, only).total, 42.0);
  EXPECT_DOUBLE_EQ(*combineScore(Weights{0, 0, 0, 0, 1}, allParts()).total, 100.0);
}

TEST(TaskScore, AMissingPartOfWeightAboveZeroLeavesNoTotal) {
  ScoreInputs in = allParts();
  in.mentor.reset(); // no signed job card
  TaskScore s = combineScore(Weights{0.15, 0.40, 0.10, 0.15, 0.20}, in);
  EXPECT_FALSE(s.total.has_value());
  EXPECT_EQ(s.missing, std::vector<ScorePart>{ScorePart::Mentor});
  // With the mentor's weight at 0 the same inputs are complete: 0.2*75+0.5*90+0.1*80+0.2*60.
  TaskScore noMentor = combineScore(Weights{0.20, 0.50, 0.10, 0.20, 0.0}, in);
  ASSERT_TRUE(noMentor.total);
  EXPECT_NEAR(*noMentor.total, 80.0, 1e-12);
}

TEST(TaskScore, PartsAreClampedAndNonFiniteCountsAsMissing) {
  ScoreInputs in = allParts();
  in.simulator = 130.0;
  in.workPage = std::nan("");
  TaskScore s = combineScore(Weights{0.5, 0.5, 0, 0, 0}, in);
  EXPECT_FALSE(s.total);
  EXPECT_EQ(s.missing, std::vector<ScorePart>{ScorePart::WorkPage});
  EXPECT_DOUBLE_EQ(*s.parts[1].percent, 100.0);
}

TEST(TaskScore, SelfAssessmentAccuracy) {
  // |8-10|/10 = 0.2, |5-5|/5 = 0, |0-4|/4 = 1: mean 0.4, accuracy 60.
  std::vector<SelfCheckItem> items = {
      {"a", 8.0, 10.0, 10.0}, {"b", 5.0, 5.0, 5.0}, {"c", 0.0, 4.0, 4.0}};
  EXPECT_NEAR(*selfAssessmentAccuracy(items), 60.0, 1e-12);
  EXPECT_DOUBLE_EQ(*selfAssessmentAccuracy({{"a", 3.0, 3.0, 6.0}}), 100.0);
  EXPECT_DOUBLE_EQ(*selfAssessmentAccuracy({{"a", 6.0, 0.0, 6.0}}), 0.0);
  EXPECT_DOUBLE_EQ(*selfAssessmentAccuracy({{"a", 99.0, 6.0, 6.0}}), 100.0); // clamped
  EXPECT_FALSE(selfAssessmentAccuracy({}));
  EXPECT_FALSE(selfAssessmentAccuracy({{"a", 1.0, 1.0, 0.0}}));
}

TEST(TaskScore, RubricPercentNeedsEveryItemRatedInRange) {
  std::vector<RubricItem> rubric = {{"plan", {}, 5}, {"safe", {}, 4}};
  EXPECT_NEAR(*rubricPercent(rubric, {{"plan", 4}, {"safe", 2}}), 100.0 * 6 / 9, 1e-12);
  EXPECT_DOUBLE_EQ(*rubricPercent(rubric, {{"safe", 4}, {"plan", 5}}), 100.0);
  EXPECT_DOUBLE_EQ(*rubricPercent(rubric, {{"safe", 0}, {"plan", 0}}), 0.0);
  EXPECT_FALSE(rubricPercent(rubric, {{"plan", 4}}));                           // one unrated
  EXPECT_FALSE(rubricPercent(rubric, {{"plan", 6}, {"safe", 2}}));              // above max
  EXPECT_FALSE(rubricPercent(rubric, {{"plan", -1}, {"safe", 2}}));             // below 0
  EXPECT_FALSE(rubricPercent(rubric, {{"plan", 4}, {"other", 2}}));             // unknown item
  EXPECT_FALSE(rubricPercent(rubric, {{"plan", 4}, {"plan", 3}, {"safe", 1}})); // twice
  EXPECT_FALSE(rubricPercent({}, {}));
}

} // namespace
} // namespace skillsim::course
