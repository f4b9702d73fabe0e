#include <skillsim/app/AttemptControls.h>

#include <gtest/gtest.h>

using skillsim::app::AttemptControls;

TEST(AttemptControls, PracticeQuitLeavesAtOnce) {
  AttemptControls c(/*exam=*/false, /*chinese=*/false);
  EXPECT_FALSE(c.frame(false, false, 1.0).abandon);
  const auto step = c.frame(false, true, 2.0);
  EXPECT_TRUE(step.abandon);
  EXPECT_NE(step.abandonReason.find("practice"), std::string::npos);
}

TEST(AttemptControls, ExamQuitAsksFirstAndAbandonsOnTheSecondPress) {
  AttemptControls c(/*exam=*/true, /*chinese=*/false);
  const auto first = c.frame(false, true, 10.0);
  EXPECT_FALSE(first.abandon);
  ASSERT_TRUE(first.notice);
  EXPECT_EQ(*first.notice, "Press Quit again to abandon this exam (recorded as abandoned).");
  EXPECT_TRUE(c.confirming());
  EXPECT_FALSE(c.frame(false, false, 11.0).abandon) << "only a press confirms";
  const auto second = c.frame(false, true, 12.0);
  EXPECT_TRUE(second.abandon);
  EXPECT_EQ(second.abandonReason, "abandoned by the trainee (exam, Quit confirmed)");
}

TEST(AttemptControls, PracticeMinimisePausesOnceAndRestoreDoesNotResume) {
  AttemptControls c(/*exam=*/false, /*chinese=*/true);
  EXPECT_FALSE(c.frame(false, false, 0.5).pause);
  const auto minimised = c.frame(true, false, 1.0);
  EXPECT_TRUE(minimised.pause);
  ASSERT_TRUE(minimised.notice);
  EXPECT_EQ(minimised.notice->find("Window"), std::string::npos)
      << "zh-CN text: " << *minimised.notice;
  EXPECT_FALSE(c.frame(true, false, 1.0).pause) << "one pause per minimise";
  const auto restored = c.frame(false, false, 1.0);
  EXPECT_FALSE(restored.pause);
  EXPECT_FALSE(restored.logEntry) << "practice keeps no window log";
  EXPECT_FALSE(restored.event) << "practice records no window event";
}

TEST(AttemptControls, ExamMinimiseKeepsTheClockAndLogsBothEdges) {
  AttemptControls c(/*exam=*/true, /*chinese=*/false);
  const auto minimised = c.frame(true, false, 42.04);
  EXPECT_FALSE(minimised.pause) << "the exam clock runs";
  ASSERT_TRUE(minimised.logEntry);
  EXPECT_EQ(*minimised.logEntry, "t = 42.0 s: window minimised (exam clock kept running)");
  EXPECT_EQ(minimised.event, skillsim::records::WorkstationEventKind::WindowMinimised);
  EXPECT_FALSE(c.frame(true, false, 50.0).event);
  const auto restored = c.frame(false, false, 57.5);
  ASSERT_TRUE(restored.logEntry);
  EXPECT_EQ(*restored.logEntry, "t = 57.5 s: window restored (exam clock kept running)");
  EXPECT_EQ(restored.event, skillsim::records::WorkstationEventKind::WindowRestored);
  EXPECT_FALSE(restored.pause);
}
