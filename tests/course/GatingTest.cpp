#include <skillsim/course/Gating.h>

#include <gtest/gtest.h>

namespace skillsim::course {
namespace {

using Kind = GateReason::Kind;

LearningTask task(std::string id, std::vector<std::string> after = {}) {
  LearningTask t;
  t.id = std::move(id);
  t.gating.after = std::move(after);
  t.gating.planApprovedByTeacher = true;
  t.gating.minPracticeAttempts = 3;
  t.gating.lastPracticeCount = 2;
  t.gating.lastPracticeMinPercent = 80.0;
  t.gating.selfCheckBeforeEvaluation = true;
  return t;
}

Course course() {
  Course c;
  c.learningTasks = {task("first"), task("second", {"first"})};
  return c;
}

TEST(Gating, NothingDoneOpensOnlyTheFirstTask) {
  std::vector<TaskStatus> s = courseStatus(course(), {});
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].state, TaskState::Open);
  EXPECT_FALSE(s[0].examUnlocked);
  EXPECT_EQ(s[0].examLockedBecause,
            (std::vector<GateReason>{{Kind::PlanNotApproved}, {Kind::TooFewPractice, {}, 0, 3}}));
  EXPECT_EQ(s[0].evaluationLockedBecause,
            (std::vector<GateReason>{{Kind::ExamMissing}, {Kind::SelfCheckMissing}}));
  EXPECT_EQ(s[1].state, TaskState::Locked);
  EXPECT_EQ(s[1].lockedBecause, (std::vector<GateReason>{{Kind::WaitingForTask, "first"}}));
  EXPECT_FALSE(s[1].examUnlocked); // a locked task opens nothing
}

TEST(Gating, ExamUnlocksAfterThreePracticesWithTheLastTwoAtTheMark) {
  TaskProgress p;
  p.planApproved = true;
  p.practicePercents = {40.0, 80.0}; // two only, and the first of the last two is low
  EXPECT_EQ(courseStatus(course(), {{"first", p}})[0].examLockedBecause,
            (std::vector<GateReason>{{Kind::TooFewPractice, {}, 2, 3},
                                     {Kind::PracticeBelowMark, {}, 1, 2, 40.0, 80.0}}));

  p.practicePercents = {40.0, 80.0, 80.0}; // the first may be low; 80 is the mark itself
  TaskStatus open = courseStatus(course(), {{"first", p}})[0];
  EXPECT_TRUE(open.examUnlocked);
  EXPECT_TRUE(open.examLockedBecause.empty());

  p.practicePercents = {90.0, 90.0, 79.99, 85.0}; // the second-to-last is just below
  TaskStatus below = courseStatus(course(), {{"first", p}})[0];
  EXPECT_FALSE(below.examUnlocked);
  EXPECT_EQ(below.examLockedBecause,
            (std::vector<GateReason>{{Kind::PracticeBelowMark, {}, 3, 2, 79.99, 80.0}}));

  p.practicePercents.push_back(81.0); // a fifth attempt at the mark: the last two are 85 and 81
  EXPECT_TRUE(courseStatus(course(), {{"first", p}})[0].examUnlocked);

  p.planApproved = false;
  EXPECT_EQ(courseStatus(course(), {{"first", p}})[0].examLockedBecause,
            (std::vector<GateReason>{{Kind::PlanNotApproved}}));
}

TEST(Gating, WithoutRulesTheExamIsOpenAtOnce) {
  Course c;
  c.learningTasks = {task("only")};
  c.learningTasks[0].gating = Gating{{}, false, 0, 0, 0.0, false};
  TaskStatus s = courseStatus(c, {})[0];
  EXPECT_TRUE(s.examUnlocked);
  EXPECT_EQ(s.evaluationLockedBecause, (std::vector<GateReason>{{Kind::ExamMissing}}));
}

TEST(Gating, EvaluationNeedsTheSelfCheckAndDoneOpensTheNextTask) {
  TaskProgress p;
  p.planApproved = true;
  p.practicePercents = {85.0, 90.0, 95.0};
  p.examPercent = 88.0;
  TaskStatus exam = courseStatus(course(), {{"first", p}})[0];
  EXPECT_FALSE(exam.evaluationUnlocked);
  EXPECT_EQ(exam.evaluationLockedBecause, (std::vector<GateReason>{{Kind::SelfCheckMissing}}));
  EXPECT_EQ(exam.state, TaskState::Open);

  p.selfCheckDone = true;
  EXPECT_TRUE(courseStatus(course(), {{"first", p}})[0].evaluationUnlocked);
  EXPECT_EQ(courseStatus(course(), {{"first", p}})[1].state, TaskState::Locked);

  p.reflectionDone = true;
  std::vector<TaskStatus> done = courseStatus(course(), {{"first", p}});
  EXPECT_EQ(done[0].state, TaskState::Done);
  EXPECT_EQ(done[1].state, TaskState::Open);
  EXPECT_TRUE(done[1].lockedBecause.empty());
}

} // namespace
} // namespace skillsim::course
