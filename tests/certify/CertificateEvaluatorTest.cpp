#include <skillsim/certify/CertificateEvaluator.h>
#include <skillsim/certify/CertificateReasonText.h>
#include <skillsim/certify/CertificateRuleLoader.h>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

namespace skillsim::certify {
namespace {

/** The Q2 licence as in assets/certificates: theory >= 70 and practical >= 70, 4 years. */
CertificateRule licenceRule() {
  auto rule = parseCertificateRule(R"(format_version = 1
id = "q2_test"
kind = "special_equipment_licence"
level_system = "none"
validity_years = 4
title = { zh = "Q2", en = "Q2" }
awarding_body = { zh = "机构", en = "Body" }
criteria = { zh = "各70分", en = "70 each" }
[[parts]]
kind = "theory"
weight = 0.5
minimum = 70
title = { zh = "理论", en = "Theory" }
[[parts]]
kind = "practical"
scenario = "q2_practical"
weight = 0.5
minimum = 70
title = { zh = "实操", en = "Practical" }
)",
                                   "q2_test.toml");
  SKILLSIM_CHECK(rule.hasValue(), rule ? "" : rule.error().toString());
  return *rule;
}

/** 1+X style: weights 0.3 / 0.7, overall minimum 70, best attempt. */
CertificateRule weightedRule(const std::string& policy) {
  auto rule = parseCertificateRule(R"(format_version = 1
id = "robot_test"
kind = "one_plus_x"
level_system = "one_plus_x"
level = "中级"
validity_years = 0
overall_minimum = 70
title = { zh = "机器人", en = "Robot" }
awarding_body = { zh = "机构", en = "Body" }
criteria = { zh = "加权70分", en = "weighted 70" }
[[parts]]
kind = "theory"
weight = 0.3
minimum = 60
title = { zh = "理论", en = "Theory" }
[[parts]]
kind = "practical"
scenario = "palletising"
weight = 0.7
minimum = 60
attempts = ")" + policy + R"("
title = { zh = "实操", en = "Practical" }
)",
                                   "robot_test.toml");
  SKILLSIM_CHECK(rule.hasValue(), rule ? "" : rule.error().toString());
  return *rule;
}

CertificateAttempt attempt(std::string id, std::string scenario, double score,
                           std::string startedAt, bool verified = true) {
  CertificateAttempt a;
  a.attemptId = std::move(id);
  a.scenarioId = std::move(scenario);
  a.score = score;
  a.maxScore = 100.0;
  a.passed = score >= 70.0;
  a.verified = verified;
  a.exam = true;
  a.admission = ExamAdmission::admitted(); // station and session are checked in ExamAdmissionTest
  a.startedAt = std::move(startedAt);
  return a;
}

CertificateEvidence evidence(double theory, std::vector<CertificateAttempt> attempts) {
  CertificateEvidence e;
  e.traineeId = "T001";
  e.traineeName = "张三";
  e.attempts = std::move(attempts);
  e.theory = CertificateTheoryScore{theory, 100.0, "2026-11-01", "theory.csv:2"};
  e.decisionDate = CertificateDate{2026, 11, 29};
  return e;
}

TEST(CertificateEvaluator, ExactlyTheMinimumInEveryPartIsAwarded) {
  auto decision = evaluateCertificate(
      licenceRule(), evidence(70.0, {attempt("A1", "q2_practical", 70.0, "2026-11-20T08:00:00Z")}));
  EXPECT_EQ(decision.outcome, CertificateOutcome::Awarded);
  ASSERT_EQ(decision.parts.size(), 2u);
  EXPECT_TRUE(decision.parts[0].met);
  EXPECT_TRUE(decision.parts[1].met);
  EXPECT_EQ(decision.parts[1].countedAttemptId, "A1");
  ASSERT_TRUE(decision.validUntil.has_value());
  EXPECT_EQ(decision.validUntil->toString(), "2030-11-29");
  EXPECT_EQ(decision.reasons.back(), "valid from 2026-11-29 until 2030-11-29");
  EXPECT_EQ(decision.parts[1].reason,
            "70.00% from attempt A1, 70.00 of 100.00 >= minimum 70.00%: met");
}

TEST(CertificateEvaluator, JustBelowTheMinimumInOnePartIsNotAwarded) {
  auto decision = evaluateCertificate(
      licenceRule(),
      evidence(95.0, {attempt("A1", "q2_practical", 69.99, "2026-11-20T08:00:00Z")}));
  EXPECT_EQ(decision.outcome, CertificateOutcome::NotAwarded);
  EXPECT_TRUE(decision.parts[0].met);
  EXPECT_FALSE(decision.parts[1].met);
  EXPECT_FALSE(decision.validUntil.has_value());
  EXPECT_EQ(decision.reasons.back(), "decision: not awarded (q2_test): not met: part q2_practical");
  // A high theory score does not make up for the practical: parts are judged separately.
  ASSERT_TRUE(decision.weightedPercent.has_value());
  EXPECT_GT(*decision.weightedPercent, 80.0);
}

TEST(CertificateEvaluator, TheoryFailedAlone) {
  auto decision = evaluateCertificate(
      licenceRule(),
      evidence(69.0, {attempt("A1", "q2_practical", 100.0, "2026-11-20T08:00:00Z")}));
  EXPECT_EQ(decision.outcome, CertificateOutcome::NotAwarded);
  EXPECT_FALSE(decision.parts[0].met);
  EXPECT_EQ(decision.parts[0].reason, "69.00% from theory score 69.00 of 100.00 (theory.csv:2) < "
                                      "minimum 70.00%: not met");
}

TEST(CertificateEvaluator, UnverifiableTraceIsExcludedWithItsReason) {
  // The latest attempt scored 95 but its trace does not verify: the earlier 60 counts instead.
  auto decision = evaluateCertificate(
      licenceRule(),
      evidence(80.0, {attempt("A1", "q2_practical", 60.0, "2026-11-20T08:00:00Z"),
                      attempt("A2", "q2_practical", 95.0, "2026-11-21T08:00:00Z", false)}));
  EXPECT_EQ(decision.attempts[1].use, AttemptUse::Excluded);
  EXPECT_EQ(decision.attempts[1].reason, "excluded: trace does not verify (no reason recorded)");
  EXPECT_EQ(decision.attempts[0].use, AttemptUse::Counted);
  EXPECT_EQ(decision.parts[1].countedAttemptId, "A1");
  EXPECT_EQ(decision.outcome, CertificateOutcome::NotAwarded);
}

TEST(CertificateEvaluator, ExcludedTraceNamesTheVerifierNote) {
  CertificateAttempt tampered = attempt("A9", "q2_practical", 99.0, "2026-11-21T08:00:00Z", false);
  tampered.verificationNote = "signature does not match the workstation key";
  auto decision = evaluateCertificate(licenceRule(), evidence(80.0, {tampered}));
  EXPECT_EQ(decision.attempts[0].reason,
            "excluded: trace does not verify (signature does not match the workstation key)");
  EXPECT_FALSE(decision.parts[1].met);
  EXPECT_EQ(decision.parts[1].reason, "no countable exam attempt at q2_practical: not met");
  EXPECT_EQ(decision.reasons[0], "attempt A9 (q2_practical, 2026-11-21T08:00:00Z, 99.00%): "
                                 "excluded: trace does not verify (signature does not match the "
                                 "workstation key)");
}

TEST(CertificateEvaluator, LatestPolicyCountsTheLastVerifiedAttemptEvenIfLower) {
  auto decision = evaluateCertificate(
      licenceRule(), evidence(80.0, {attempt("A2", "q2_practical", 65.0, "2026-11-22T08:00:00Z"),
                                     attempt("A1", "q2_practical", 90.0, "2026-11-20T08:00:00Z")}));
  EXPECT_EQ(decision.parts[1].countedAttemptId, "A2");
  EXPECT_EQ(decision.attempts[1].use, AttemptUse::Superseded);
  EXPECT_EQ(decision.attempts[1].reason, "superseded: the latest verified attempt is A2");
  EXPECT_EQ(decision.outcome, CertificateOutcome::NotAwarded);
}

TEST(CertificateEvaluator, VetoedAttemptFailsThePartWhateverItsScore) {
  CertificateAttempt vetoed = attempt("A1", "q2_practical", 92.0, "2026-11-20T08:00:00Z");
  vetoed.vetoed = true;
  vetoed.passed = false;
  auto decision = evaluateCertificate(licenceRule(), evidence(80.0, {vetoed}));
  EXPECT_FALSE(decision.parts[1].met);
  EXPECT_TRUE(decision.parts[1].vetoed);
  EXPECT_EQ(decision.outcome, CertificateOutcome::NotAwarded);
  EXPECT_NE(decision.parts[1].reason.find("but the attempt was vetoed: not met"),
            std::string::npos);
}

TEST(CertificateEvaluator, BestPolicyAndWeightedTotalAtTheBoundary) {
  // 0.3 * 70 + 0.7 * 70 is 69.99999999999999 in binary floating point; it must meet 70.
  auto decision = evaluateCertificate(
      weightedRule("best"),
      evidence(70.0, {attempt("A1", "palletising", 70.0, "2026-11-20T08:00:00Z"),
                      attempt("A2", "palletising", 65.0, "2026-11-22T08:00:00Z")}));
  EXPECT_EQ(decision.parts[1].countedAttemptId, "A1");
  ASSERT_TRUE(decision.weightedPercent.has_value());
  EXPECT_NEAR(*decision.weightedPercent, 70.0, 1e-12);
  EXPECT_EQ(decision.outcome, CertificateOutcome::Awarded);
  EXPECT_FALSE(decision.validUntil.has_value()); // validity_years = 0: no expiry
  EXPECT_EQ(decision.reasons.back(), "valid from 2026-11-29, no expiry");
}

TEST(CertificateEvaluator, WeightedTotalBelowOverallMinimumFailsThoughPartsAreMet) {
  auto decision = evaluateCertificate(
      weightedRule("latest"),
      evidence(100.0, {attempt("A1", "palletising", 60.0, "2026-11-20T08:00:00Z")}));
  EXPECT_TRUE(decision.parts[0].met);
  EXPECT_TRUE(decision.parts[1].met);
  EXPECT_NEAR(*decision.weightedPercent, 72.0, 1e-9); // 0.3 * 100 + 0.7 * 60
  EXPECT_EQ(decision.outcome, CertificateOutcome::Awarded);
  auto lower = evaluateCertificate(
      weightedRule("latest"),
      evidence(60.0, {attempt("A1", "palletising", 60.0, "2026-11-20T08:00:00Z")}));
  EXPECT_EQ(lower.outcome, CertificateOutcome::NotAwarded);
  EXPECT_EQ(lower.reasons.back(), "decision: not awarded (robot_test, level 中级): not met: the "
                                  "overall minimum");
}

TEST(CertificateEvaluator, MissingTheoryAndInvalidDataAreReasonsNotCrashes) {
  CertificateEvidence e =
      evidence(0.0, {attempt("A1", "q2_practical", 120.0, "2026-11-20T08:00:00Z"),
                     attempt("A2", "q2_practical", std::numeric_limits<double>::quiet_NaN(),
                             "2026-11-20T09:00:00Z"),
                     attempt("A3", "q2_practical", 80.0, "2026-12-01T08:00:00Z"),
                     attempt("A4", "q2_practical", 80.0, "yesterday"),
                     attempt("B1", "forklift_n1", 80.0, "2026-11-20T08:00:00Z"),
                     attempt("P1", "q2_practical", 99.0, "2026-11-20T08:00:00Z")});
  e.attempts.back().exam = false;
  e.theory.reset();
  auto decision = evaluateCertificate(licenceRule(), e);
  EXPECT_EQ(decision.outcome, CertificateOutcome::NotAwarded);
  EXPECT_EQ(decision.attempts[0].reason,
            "excluded: invalid score 120.00 of 100.00 (needs 0 <= score <= max, max > 0)");
  EXPECT_EQ(decision.attempts[1].use, AttemptUse::Excluded);
  EXPECT_EQ(decision.attempts[2].reason,
            "excluded: made on 2026-12-01, after the decision date 2026-11-29");
  EXPECT_EQ(decision.attempts[3].reason,
            "excluded: start time 'yesterday' is not an ISO 8601 UTC time");
  EXPECT_EQ(decision.attempts[4].use, AttemptUse::Unrelated);
  EXPECT_EQ(decision.attempts[5].reason, "excluded: a practice attempt (hints and pause allowed); "
                                         "only exam attempts count");
  EXPECT_EQ(decision.parts[1].reason, "no countable exam attempt at q2_practical: not met");
  EXPECT_EQ(decision.parts[0].reason, "no theory score on record: not met");
  EXPECT_FALSE(decision.weightedPercent.has_value());
}

TEST(CertificateEvaluator, PanelLevelIsPendingNotAwarded) {
  CertificateRule rule = weightedRule("best");
  rule.panelReview = true;
  auto decision = evaluateCertificate(
      rule, evidence(90.0, {attempt("A1", "palletising", 90.0, "2026-11-20T08:00:00Z")}));
  EXPECT_EQ(decision.outcome, CertificateOutcome::PendingPanelReview);
  EXPECT_FALSE(decision.validUntil.has_value());
}

TEST(CertificateEvaluator, SameEvidenceSameDecision) {
  auto e = evidence(75.0, {attempt("A1", "q2_practical", 71.0, "2026-11-20T08:00:00Z")});
  EXPECT_EQ(evaluateCertificate(licenceRule(), e), evaluateCertificate(licenceRule(), e));
}

TEST(CertificateDate, ParsesValidatesAndAddsYears) {
  EXPECT_FALSE(parseCertificateDate("2026-02-30").has_value());
  EXPECT_FALSE(parseCertificateDate("2026-1-05").has_value());
  EXPECT_FALSE(parseCertificateDate("2026-01-05 08:00").has_value());
  auto leap = parseCertificateDate("2028-02-29T10:00:00Z");
  ASSERT_TRUE(leap.has_value());
  EXPECT_EQ(leap->plusYears(4).toString(), "2032-02-29");
  EXPECT_EQ(leap->plusYears(1).toString(), "2029-02-28");
}

} // namespace
} // namespace skillsim::certify

namespace skillsim::certify {
namespace {

// The same decision worded in zh-CN (issue 14: a trainee reads plain words in zh-CN or en): every
// kind of attempt note and part source, hand-written, and the English lines as recorded.
TEST(CertificateReasonText, EveryReasonReadsInChineseAndTheEnglishIsTheRecordedOne) {
  std::vector<CertificateAttempt> attempts = {
      attempt("B1", "palletising", 80.0, "2026-11-20T08:00:00Z"),
      attempt("B2", "palletising", 90.0, "2026-11-21T08:00:00Z"),
      attempt("B3", "palletising", 99.0, "2026-11-22T08:00:00Z", false),
      attempt("B4", "palletising", 99.0, "2026-12-05T08:00:00Z"),
      attempt("B5", "palletising", 120.0, "2026-11-23T08:00:00Z"),
      attempt("B6", "welding", 99.0, "2026-11-23T08:00:00Z"),
      attempt("B7", "palletising", 99.0, "2026-11-24T08:00:00Z"),
      attempt("B8", "palletising", 99.0, "yesterday")};
  attempts[1].vetoed = true;
  attempts[2].verificationNote = "signature mismatch";
  attempts[6].exam = false;
  const CertificateDecision d = evaluateCertificate(weightedRule("best"), evidence(50.0, attempts));
  const std::vector<std::string> zh = certificateReasonLines(d, "zh-CN");
  const std::vector<std::string> expected = {
      "考试 B1（palletising，2026-11-20T08:00:00Z，80.00%）：被替代：已验证的最好一次考试是 B2",
      "考试 B2（palletising，2026-11-21T08:00:00Z，90.00%）：计入 palletising：已验证的最好一次考试"
      "；出现否决项，无论得分多少，该次考试都不合格",
      "考试 B3（palletising，2026-11-22T08:00:00Z，99.00%）：不计入：轨迹未通过验证（signature "
      "mismatch）",
      "考试 B4（palletising，2026-12-05T08:00:00Z，99.00%）：不计入：考于 2026-12-05，晚于决定日期 "
      "2026-11-29",
      "考试 B5（palletising，2026-11-23T08:00:00Z）：不计入：成绩无效 120.00 / 100.00（须 0 ≤ "
      "成绩 ≤ 满分，且满分 > 0）",
      "考试 B6（welding，2026-11-23T08:00:00Z）：场景 'welding' 不是本证书的组成部分",
      "考试 B7（palletising，2026-11-24T08:00:00Z，99.00%）：不计入：这是练习（允许提示和暂停），"
      "只有考试才计入",
      "考试 B8（palletising，yesterday，99.00%）：不计入：开始时间 'yesterday' 不是 ISO 8601 UTC "
      "时间",
      "理论部分（权重 0.30）：50.00%，来自理论成绩 50.00 / 100.00（theory.csv:2），< 最低要求 "
      "60.00%：未达到",
      "实操部分 palletising（权重 0.70）：90.00%，来自考试 B2，90.00 / 100.00，≥ 最低要求 "
      "60.00%，但该次考试被否决：未达到",
      "加权总分：0.30 × 50.00 + 0.70 × 90.00 = 78.00% ≥ 总分最低要求 70.00%：达到",
      "决定：不授予（robot_test，等级 中级）：未达到：理论部分、实操部分 palletising"};
  EXPECT_EQ(zh, expected);
  // The English lines are those recorded, word for word (spot checks against hand-written text).
  EXPECT_EQ(certificateReasonLines(d, "en"), d.reasons);
  EXPECT_EQ(d.reasons[0], "attempt B1 (palletising, 2026-11-20T08:00:00Z, 80.00%): superseded: "
                          "the best verified attempt is B2");
  EXPECT_EQ(d.reasons[10], "weighted total: 0.30 x 50.00 + 0.70 x 90.00 = 78.00% >= overall "
                           "minimum 70.00%: met");
  EXPECT_EQ(d.reasons[11], "decision: not awarded (robot_test, level 中级): not met: part theory, "
                           "part palletising");
}

TEST(CertificateReasonText, AwardedValidityAndMissingPartsInChinese) {
  const CertificateDecision awarded = evaluateCertificate(
      licenceRule(), evidence(70.0, {attempt("A1", "q2_practical", 70.0, "2026-11-20T08:00:00Z")}));
  EXPECT_EQ(certificateReasonLines(awarded, "zh-CN").back(), "有效期自 2026-11-29 至 2030-11-29");
  CertificateEvidence none = evidence(70.0, {});
  none.theory.reset();
  const CertificateDecision missing = evaluateCertificate(licenceRule(), none);
  const std::vector<std::string> zh = certificateReasonLines(missing, "zh-CN");
  ASSERT_EQ(zh.size(), 4u);
  EXPECT_EQ(zh[0], "理论部分（权重 0.50）：没有理论成绩记录：未达到");
  EXPECT_EQ(zh[1], "实操部分 q2_practical（权重 0.50）：在 q2_practical 没有可计入的考试：未达到");
  EXPECT_EQ(zh[2], "加权总分：未计算，有部分没有成绩");
  EXPECT_EQ(zh[3], "决定：不授予（q2_test）：未达到：理论部分、实操部分 q2_practical");
}

} // namespace
} // namespace skillsim::certify
