#include <skillsim/report/ReportFromResult.h>

#include <gtest/gtest.h>

#include <numbers>

namespace skillsim::report {
namespace {

assessment::AttemptResult result() {
  assessment::AttemptResult r;
  r.scenarioId = "overhead_crane.q2_practical";
  r.items = {{"hazards", "1", assessment::Category::Safety, 20.0, 20.0},
             {"path", "2", assessment::Category::Procedure, 50.0, 36.0},
             {"frames", "3", assessment::Category::Quality, 30.0, 0.0}};
  assessment::Deduction d;
  d.itemId = "path";
  d.points = 4.0;
  d.time = 12.5;
  d.position = {3.0, 2.5, 7.0};
  d.finding.kind = assessment::FindingKind::MetricBand;
  d.finding.metric = "load_swing_angle";
  d.finding.unit = "rad";
  d.finding.value = 5.5 * std::numbers::pi / 180.0;
  d.finding.side = assessment::LimitSide::Above;
  d.finding.limit = 5.0 * std::numbers::pi / 180.0;
  d.finding.duration = 1.25;
  d.finding.phase = "setdown_b";
  r.deductions.push_back(d);
  d.points = 10.0;
  d.time = 30.0;
  d.position = {9.0, 2.5, 1.0};
  r.deductions.push_back(d);
  d.itemId = "frames";
  d.points = 25.0;
  d.time = 40.0;
  r.deductions.push_back(d);
  d.points = 25.0; // only 5 left in the item: the score drops by 5, not 25
  d.time = 41.0;
  r.deductions.push_back(d);
  d.points = 3.0; // the item is at 0 already: no change, no points
  d.time = 42.0;
  r.deductions.push_back(d);
  r.totalPoints = 56.0;
  r.maxPoints = 100.0;
  r.passMark = 70.0;
  r.passed = false;
  r.duration = 95.0;
  return r;
}

TEST(ReportFromResult, RunningScoreFollowsItemClamping) {
  auto series = runningScoreSeries(result());
  ASSERT_EQ(series.size(), 1u + 2u * 4u + 1u);
  EXPECT_DOUBLE_EQ(series.front().score, 100.0);
  EXPECT_DOUBLE_EQ(series[1].time, 12.5);
  EXPECT_DOUBLE_EQ(series[1].score, 100.0);
  EXPECT_DOUBLE_EQ(series[2].score, 96.0);
  EXPECT_DOUBLE_EQ(series[6].score, 61.0);
  EXPECT_DOUBLE_EQ(series[7].time, 41.0);
  EXPECT_DOUBLE_EQ(series[8].score, 56.0);
  EXPECT_DOUBLE_EQ(series.back().time, 95.0);
  EXPECT_DOUBLE_EQ(series.back().score, result().totalPoints);
}

TEST(ReportFromResult, DeductionsArePlacedOnTheGroundPlan) {
  auto attempt = reportAttemptFromResult(result());
  EXPECT_EQ(attempt.scenarioId, "overhead_crane.q2_practical");
  EXPECT_DOUBLE_EQ(attempt.score, 56.0);
  EXPECT_FALSE(attempt.passed);
  EXPECT_FALSE(attempt.vetoed);
  ASSERT_EQ(attempt.deductions.size(), 5u);
  EXPECT_DOUBLE_EQ(attempt.deductions[0].planX, 3.0);
  EXPECT_DOUBLE_EQ(attempt.deductions[0].planZ, 7.0);
  // Until it is given words, a deduction carries its finding's data, never nothing.
  EXPECT_NE(attempt.deductions[0].reason.find("\"kind\":\"metric_band\""), std::string::npos)
      << attempt.deductions[0].reason;
  EXPECT_TRUE(attempt.samples.empty());
}

TEST(ReportFromResult, DeductionTextsComeFromTheTemplatesInTheReportsLanguage) {
  scenario::Scenario s;
  sim::MachineDecl machine;
  machine.metrics.push_back(
      {"load_swing_angle", sim::Unit::Radian, 0.0, 1.6, "载荷摆角", "load swing"});
  s.machine = machine;
  s.labels["setdown_b"] = {"B 圈落放", "setting down in B"};
  s.standard.items.push_back({.id = "path",
                              .descriptionZh = "吊运物件曲线运行",
                              .descriptionEn = "Moving the bucket along a curved path"});
  const assessment::AttemptResult r = result();
  const std::string assets = std::string(SKILLSIM_SOURCE_DIR) + "/assets";
  auto en = messages::MessageTemplates::load(assets, "en");
  auto zh = messages::MessageTemplates::load(assets, "zh-CN");
  ASSERT_TRUE(en && zh);
  ReportAttempt english = reportAttemptFromResult(r);
  writeDeductionTexts(english, r, *en, &s);
  EXPECT_EQ(english.deductions[0].reason,
            "load swing 5.5° over the 5.0° limit for 1.25 s (setting down in B)");
  EXPECT_EQ(english.deductions[0].itemTitle, "Moving the bucket along a curved path");
  ReportAttempt chinese = reportAttemptFromResult(r);
  writeDeductionTexts(chinese, r, *zh, &s);
  EXPECT_EQ(chinese.deductions[0].reason, "载荷摆角 5.5° 超过 5.0° 限值 1.25 秒（B 圈落放）");
  EXPECT_EQ(chinese.deductions[0].itemTitle, "吊运物件曲线运行");
  // Without the scenario the metric is named by its id, the item by its id.
  ReportAttempt bare = reportAttemptFromResult(r);
  writeDeductionTexts(bare, r, *en, nullptr);
  EXPECT_EQ(bare.deductions[0].reason,
            "load_swing_angle 5.5° over the 5.0° limit for 1.25 s (setdown_b)");
  EXPECT_EQ(bare.deductions[0].itemTitle, "path");
}

TEST(ReportFromResult, NoItemsNoDeductions) {
  assessment::AttemptResult empty;
  empty.duration = 3.0;
  auto series = runningScoreSeries(empty);
  ASSERT_EQ(series.size(), 2u);
  EXPECT_DOUBLE_EQ(series[1].time, 3.0);
  EXPECT_DOUBLE_EQ(series[1].score, 0.0);
}

records::AttemptRecord storedAttempt() {
  records::AttemptRecord r;
  r.attemptId = "f00d";
  r.traineeId = "T001";
  r.traineeName = "张三";
  r.scenario = {"overhead_crane.q2_practical", std::string(64, 'a'), "Q2 实操", "Q2 practical",
                "1.0.0"};
  r.mode = records::AttemptMode::Exam;
  r.startUtc = 1795939200; // 2026-11-29T08:00:00Z
  r.result.items = {{"path", "2", assessment::Category::Procedure, 50.0, 44.0}};
  r.result.deductions = {{"path", "swing", 6.0, 100, 12.0, {1.0, 2.0, 3.0}, 0.1, {}}};
  r.result.vetoes = {{"hazard", "drop", 200, 20.0, {0.0, 0.0, 0.0}, {}}};
  r.result.totalPoints = 44.0;
  r.result.maxPoints = 50.0;
  r.result.duration = 60.0;
  r.signatureValid = false;
  return r;
}

TEST(ReportFromRecord, ReportAttemptInEitherLanguage) {
  auto zh = reportAttemptFromRecord(storedAttempt(), "zh-CN");
  EXPECT_EQ(zh.scenarioTitle, "Q2 实操");
  EXPECT_EQ(zh.traineeName, "张三");
  EXPECT_EQ(zh.startedAt, "2026-11-29T08:00:00Z");
  EXPECT_TRUE(zh.vetoed);
  EXPECT_FALSE(zh.verified);
  ASSERT_EQ(zh.scoreSeries.size(), 4u);
  EXPECT_DOUBLE_EQ(zh.scoreSeries.back().score, 44.0);
  EXPECT_EQ(reportAttemptFromRecord(storedAttempt(), "en").scenarioTitle, "Q2 practical");
}

} // namespace
} // namespace skillsim::report
