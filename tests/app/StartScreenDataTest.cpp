// The start screen's data (issue 14 point 4): the installed scenarios with their descriptions,
// time limits and pass marks, broken ones with the validator's first message, and the previous
// attempts newest first with the date in local time.
#include <skillsim/app/StartScreenData.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

using namespace skillsim;

namespace {

/** Sets TZ for the test's life, restoring the old value after. */
class ScopedTimeZone {
public:
  explicit ScopedTimeZone(const char* tz) {
    if (const char* old = std::getenv("TZ")) {
      mOld = old;
    }
    setenv("TZ", tz, 1);
    tzset();
  }
  ~ScopedTimeZone() {
    if (mOld) {
      setenv("TZ", mOld->c_str(), 1);
    } else {
      unsetenv("TZ");
    }
    tzset();
  }
  ScopedTimeZone(const ScopedTimeZone&) = delete;
  ScopedTimeZone& operator=(const ScopedTimeZone&) = delete;

private:
  std::optional<std::string> mOld;
};

records::AttemptRecord record(std::string id, std::int64_t startUtc, double score, bool passed) {
  records::AttemptRecord r;
  r.attemptId = std::move(id);
  r.scenario.id = "overhead_crane.q2_practical";
  r.startUtc = startUtc;
  r.mode = records::AttemptMode::Exam;
  r.result.totalPoints = score;
  r.result.maxPoints = 100.0;
  r.result.passed = passed;
  return r;
}

} // namespace

TEST(StartScreenData, ListsTheInstalledScenariosWithDescriptionTimeAndPassMark) {
  const auto installed =
      app::installedScenarios(std::filesystem::path(SKILLSIM_SOURCE_DIR) / "scenarios");
  EXPECT_TRUE(installed.broken.empty()) << installed.broken.front().message;
  ASSERT_EQ(installed.scenarios.size(), 6u);
  // In path order: the forklift's N1 mock exam and pole course, the industrial robot's
  // handling_palletising.toml, then the crane's brake_fade_drill.toml, practice_single_lift.toml
  // and q2_practical.toml.
  const ui::ScenarioEntry& n1 = installed.scenarios[0];
  EXPECT_EQ(installed.scenarios[1].id, "forklift.pole_course");
  const ui::ScenarioEntry& robot = installed.scenarios[2];
  EXPECT_EQ(installed.scenarios[3].trade, "overhead_crane");
  const ui::ScenarioEntry& practice = installed.scenarios[4];
  const ui::ScenarioEntry& q2 = installed.scenarios[5];
  // The trade headings are the machines' names, never their keys.
  EXPECT_EQ(n1.tradeTitleZh, "平衡重式叉车");
  EXPECT_EQ(n1.tradeTitleEn, "counterbalance forklift truck");
  EXPECT_EQ(robot.tradeTitleZh, "工业机器人");
  EXPECT_EQ(q2.tradeTitleZh, "桥式起重机");
  EXPECT_EQ(q2.tradeTitleEn, "overhead crane");
  EXPECT_EQ(n1.id, "forklift.n1_field_test");
  EXPECT_EQ(n1.descriptionEn.rfind("Mock exam (not the licence test)", 0), 0u) << n1.descriptionEn;
  EXPECT_DOUBLE_EQ(n1.passMark, 70.0);
  EXPECT_EQ(robot.id, "industrial_robot.palletising");
  EXPECT_DOUBLE_EQ(robot.timeLimit, 2700.0);
  EXPECT_TRUE(n1.mockExam); // the start screen marks it "mock exam"
  EXPECT_FALSE(q2.mockExam);
  EXPECT_FALSE(installed.scenarios[1].mockExam);
  EXPECT_FALSE(robot.mockExam);
  EXPECT_EQ(practice.id, "overhead_crane.practice_single_lift");
  EXPECT_EQ(q2.id, "overhead_crane.q2_practical");
  EXPECT_EQ(q2.descriptionEn.rfind("Horn to start; lift from circle A", 0), 0u) << q2.descriptionEn;
  EXPECT_EQ(q2.descriptionZh.rfind("鸣铃开始", 0), 0u) << q2.descriptionZh;
  EXPECT_DOUBLE_EQ(q2.timeLimit, 600.0);
  EXPECT_DOUBLE_EQ(practice.timeLimit, 300.0);
  EXPECT_DOUBLE_EQ(q2.maxPoints, 100.0);
  EXPECT_GT(q2.passMark, 0.0);
  EXPECT_LE(q2.passMark, q2.maxPoints);
}

TEST(StartScreenData, ABrokenScenarioIsListedWithTheValidatorsFirstMessage) {
  const auto dir = std::filesystem::path(SKILLSIM_TEST_OUTPUT_DIR) / "start-screen-broken";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "overhead_crane");
  const auto file = dir / "overhead_crane" / "typo.toml";
  std::ofstream(file) << "format = \"skillsim.scenario/1\"\nid = \"x\"\nversion = \"1\n";
  const auto installed = app::installedScenarios(dir);
  EXPECT_TRUE(installed.scenarios.empty());
  ASSERT_EQ(installed.broken.size(), 1u);
  EXPECT_EQ(installed.broken[0].path, file.string());
  // file:line:column first, then what is wrong (an unterminated string on line 3).
  EXPECT_EQ(installed.broken[0].message.rfind(file.string() + ":3:", 0), 0u)
      << installed.broken[0].message;
}

TEST(StartScreenData, PreviousAttemptsNewestFirstInLocalTime) {
  const ScopedTimeZone china("CST-8"); // UTC+8, no daylight saving
  // 2026-11-29T08:30:00Z = 1795941000; one day earlier; one hour later.
  const auto rows = app::previousAttemptRows({record("b", 1795941000 - 86400, 64.5, false),
                                              record("c", 1795941000 + 3600, 91.0, true),
                                              record("a", 1795941000, 80.0, true)});
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].when, "2026-11-29 17:30");
  EXPECT_EQ(rows[1].when, "2026-11-29 16:30");
  EXPECT_EQ(rows[2].when, "2026-11-28 16:30");
  EXPECT_DOUBLE_EQ(rows[0].score, 91.0);
  EXPECT_DOUBLE_EQ(rows[2].score, 64.5);
  EXPECT_FALSE(rows[2].passed);
  EXPECT_EQ(rows[0].mode, ui::AttemptMode::Exam);
  // Across midnight in local time: 16:30Z is 00:30 the next day at UTC+8.
  EXPECT_EQ(app::formatLocalTime(1795941000 + 8 * 3600), "2026-11-30 00:30");
}

TEST(StartScreenData, AnAbandonedAttemptIsListedInItsPlaceWithoutAScore) {
  const ScopedTimeZone china("CST-8");
  records::AbandonedAttempt left;
  left.attemptId = "z";
  left.traineeId = "T-1";
  left.scenario = record("a", 0, 0.0, false).scenario;
  left.scenario.title = "起重机实操考核";
  left.scenario.titleEn = "Crane practical";
  left.mode = records::AttemptMode::Exam;
  left.startUtc = 1795941000 + 1800; // between the two finished ones
  const auto rows = app::previousAttemptRows(
      {record("a", 1795941000, 80.0, true), record("c", 1795941000 + 3600, 91.0, true)}, {left});
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_FALSE(rows[0].abandoned);
  EXPECT_DOUBLE_EQ(rows[0].score, 91.0);
  EXPECT_TRUE(rows[1].abandoned);
  EXPECT_EQ(rows[1].when, "2026-11-29 17:00");
  EXPECT_EQ(rows[1].titleZh, "起重机实操考核");
  EXPECT_EQ(rows[1].titleEn, "Crane practical");
  EXPECT_FALSE(rows[1].passed) << "an abandoned exam is never a pass";
  EXPECT_EQ(rows[1].mode, ui::AttemptMode::Exam);
  EXPECT_FALSE(rows[2].abandoned);
  EXPECT_DOUBLE_EQ(rows[2].score, 80.0);
}

TEST(StartScreenData, LocalTimeFollowsTheTimeZone) {
  const ScopedTimeZone utc("UTC0");
  EXPECT_EQ(app::formatLocalTime(1795941000), "2026-11-29 08:30");
}
