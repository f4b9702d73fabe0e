#include "RecordsTestSupport.h"

#include <skillsim/course/CourseProgress.h>

#include <gtest/gtest.h>

namespace skillsim::course {
namespace {

using records::AttemptMode;
using records::AttemptRecord;

const std::string kScenario = "crane/q2_bucket_path"; // sampleRecord's

Course course() {
  Course c;
  c.id = "demo";
  c.assessment.teacherRubric = {{"plan", {}, 5}, {"reflection", {}, 5}};
  c.assessment.mentorRubric = {{"safe", {}, 4}, {"smooth", {}, 4}};
  LearningTask t;
  t.id = "lt";
  t.practiceScenario = kScenario;
  t.examScenario = kScenario;
  Step info;
  info.kind = StepKind::GetInformation;
  Question q;
  q.id = "q";
  q.kind = QuestionKind::SingleChoice;
  q.points = 2.0;
  q.choices = {{"a", {}}, {"b", {}}};
  q.answer = {"a"};
  info.questions = {q};
  t.steps = {info};
  t.weights = {0.1, 0.4, 0.1, 0.2, 0.2};
  c.learningTasks = {t};
  return c;
}

AttemptRecord attempt(const std::string& id, AttemptMode mode, double total, std::int64_t start,
                      bool vetoed = false, bool completed = true) {
  AttemptRecord a = records::test::sampleRecord(id, "T1", total, vetoed);
  a.mode = mode;
  a.startUtc = start;
  a.result.completed = completed;
  return a;
}

std::vector<AttemptRecord> attempts() {
  AttemptRecord elsewhere = attempt("x", AttemptMode::Practice, 100.0, 0);
  elsewhere.scenario.id = "other.scenario";
  return {attempt("e2", AttemptMode::Exam, 90.0, 20),
          attempt("p3", AttemptMode::Practice, 85.0, 3),
          attempt("p1", AttemptMode::Practice, 60.0, 1),
          attempt("p2", AttemptMode::Practice, 90.0, 2, /*vetoed=*/true),
          attempt("p4", AttemptMode::Practice, 95.0, 4, false, /*completed=*/false),
          attempt("e1", AttemptMode::Exam, 82.5, 10),
          elsewhere};
}

TEST(CourseProgress, PracticeAndExamFromTheStoredAttempts) {
  const Course c = course();
  TaskRecords stored;
  stored.planApprovedBy = "teacher";
  TaskProgress p = taskProgress(c.learningTasks[0], stored, attempts());
  // Oldest first; the vetoed one counts 0; the unfinished and the other scenario's are left out.
  EXPECT_EQ(p.practicePercents, (std::vector<double>{60.0, 0.0, 85.0}));
  ASSERT_TRUE(p.examPercent);
  EXPECT_DOUBLE_EQ(*p.examPercent, 90.0); // the latest exam attempt
  EXPECT_TRUE(p.planApproved);
  EXPECT_FALSE(p.selfCheckDone);
  EXPECT_FALSE(p.reflectionDone);
  // With the course rules (3 attempts, last 2 at 80) the vetoed attempt keeps the exam shut.
  Course gated = c;
  gated.learningTasks[0].gating = Gating{{}, true, 3, 2, 80.0, true};
  TaskStatus s = courseStatus(gated, {{"lt", p}})[0];
  EXPECT_FALSE(s.examUnlocked);
  EXPECT_EQ(s.examLockedBecause,
            (std::vector<GateReason>{{GateReason::Kind::PracticeBelowMark, {}, 2, 2, 0.0, 80.0}}));
}

TEST(CourseProgress, EveryPartWithItsSource) {
  const Course c = course();
  auto key = records::WorkstationKey::loadOrCreate(
      std::filesystem::path(SKILLSIM_TEST_OUTPUT_DIR) / "course-progress-key", kMentorKeyFileName);
  ASSERT_TRUE(key) << key.error().toString();
  JobCardFile card;
  card.card = {"demo", "lt",         "T1",     "C",      "W",
               "M",    "2026-11-20", "王建国", "M-0042", {{"safe", true, 3}, {"smooth", true, 4}},
               ""};
  card.signature = signJobCard(card.card, *key, 5);
  JobCardFile altered = card;
  altered.card.items[0].rating = 4; // changed after signing: never counts

  TaskRecords stored;
  stored.answers = {{"q", {"a"}, std::nullopt, "", "", 1}};
  stored.ratings = {{RaterRole::Teacher, "teacher-li", {{"plan", 4}, {"reflection", 3}}, 2}};
  // Self-check of e2: hazard 20 of 20 (awarded 20), path 35 of 50 (awarded 45), frames 30 of 30
  // (awarded 25): mean |error| (0 + 10/50 + 5/30) / 3.
  stored.selfChecks = {
      {"e2", "hazard", 20.0, 3}, {"e2", "path", 35.0, 3}, {"e2", "frames", 30.0, 3}};
  stored.jobCards = {jobCardToToml(card), jobCardToToml(altered)};

  ScoreInputs in = scoreInputs(c, c.learningTasks[0], stored, attempts());
  ASSERT_TRUE(in.workPage && in.simulator && in.selfAssessment && in.teacher && in.mentor);
  EXPECT_DOUBLE_EQ(*in.workPage, 100.0);
  EXPECT_DOUBLE_EQ(*in.simulator, 90.0);
  EXPECT_EQ(in.simulatorSource.reference, "e2");
  const double self = 100.0 * (1.0 - (0.0 + 10.0 / 50.0 + 5.0 / 30.0) / 3.0);
  EXPECT_NEAR(*in.selfAssessment, self, 1e-12);
  EXPECT_EQ(in.selfAssessmentSource.reference, "e2");
  EXPECT_DOUBLE_EQ(*in.teacher, 70.0);
  EXPECT_EQ(in.teacherSource.reference, "teacher-li");
  EXPECT_DOUBLE_EQ(*in.mentor, 100.0 * 7.0 / 8.0); // the signed card, not the altered later one
  EXPECT_EQ(in.mentorSource.reference, "王建国 (M-0042)");
  EXPECT_EQ(in.mentorSource.detail, records::publicKeyHex(key->publicKey()));

  TaskScore score = combineScore(c.learningTasks[0].weights, in);
  ASSERT_TRUE(score.total);
  EXPECT_NEAR(*score.total, 0.1 * 100 + 0.4 * 90 + 0.1 * self + 0.2 * 70 + 0.2 * 87.5, 1e-9);

  // Only the altered card: the mentor part is missing and there is no total.
  stored.jobCards = {jobCardToToml(altered)};
  ScoreInputs noCard = scoreInputs(c, c.learningTasks[0], stored, attempts());
  EXPECT_FALSE(noCard.mentor);
  EXPECT_EQ(combineScore(c.learningTasks[0].weights, noCard).missing,
            std::vector<ScorePart>{ScorePart::Mentor});
  // A partial self-check (one item left out) is no self-check.
  stored.selfChecks.pop_back();
  EXPECT_FALSE(scoreInputs(c, c.learningTasks[0], stored, attempts()).selfAssessment);
  // A trusted-key list without the signer's key: the signed card no longer counts either.
  stored.jobCards = {jobCardToToml(card)};
  records::PublicKey other{};
  other[0] = 1;
  EXPECT_FALSE(scoreInputs(c, c.learningTasks[0], stored, attempts(), {other}).mentor);
}

} // namespace
} // namespace skillsim::course
