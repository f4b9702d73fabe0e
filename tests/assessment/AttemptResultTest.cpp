#include <skillsim/assessment/AttemptResult.h>

#include <gtest/gtest.h>

using namespace skillsim::assessment;

TEST(Category, NamesRoundTrip) {
  for (Category c :
       {Category::Safety, Category::Procedure, Category::Quality, Category::Efficiency}) {
    EXPECT_EQ(categoryFromName(toString(c)), c);
  }
  EXPECT_EQ(toString(Category::Safety), "safety");
  EXPECT_FALSE(categoryFromName("Safety")); // names are case-sensitive, as written in files
}

TEST(AttemptResult, EqualityCoversDeductions) {
  AttemptResult a;
  a.deductions.push_back({.itemId = "lift.circle_b", .points = 2.0, .tick = 10});
  AttemptResult b = a;
  EXPECT_EQ(a, b);
  b.deductions[0].points = 2.5;
  EXPECT_NE(a, b);
}
