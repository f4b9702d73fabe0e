// The committed reference traces of the industrial robot's palletising task (issue 16, point 6),
// made by `skillsim operate` (engine/operator/src/machines/industrial_robot/): replayed through the
// simulation and the assessor they must give the result signed into them, bit for bit, and each
// deduction must be the one the rubric charges for what the scripted trainee did.
#include <skillsim/app/AttemptReplay.h>
#include <skillsim/messages/FindingText.h>
#include <skillsim/records/TraceReader.h>
#include <skillsim/scenario/ScenarioLoader.h>

#include "ReferenceTraceSupport.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>

using namespace skillsim;

namespace {

const std::string kDir = std::string(SKILLSIM_SOURCE_DIR) + "/scenarios/industrial_robot/";

const scenario::Scenario& palletising() {
  return test::committedScenario(kDir + "handling_palletising.toml");
}

using test::Replayed;

Replayed replay(const std::string& name) {
  Replayed r = test::replayCommitted(palletising(), kDir + "traces/" + name,
                                     "re-record it (docs/machines/industrial-robot.md)");
  EXPECT_TRUE(r.trace.header.scripted);
  return r;
}

/** Points taken per criterion id. */
std::map<std::string, double> charged(const assessment::AttemptResult& r) {
  std::map<std::string, double> out;
  for (const auto& d : r.deductions) {
    out[d.criterionId] += d.points;
  }
  return out;
}

/** The placement rule: 8 points lost linearly from 5 mm (none) to 10 mm (all). */
double placementLoss(double metres) { return 8.0 * std::clamp((metres - 0.005) / 0.005, 0.0, 1.0); }

} // namespace

TEST(RobotReferenceTrace, CompetentReplaysToItsSignedResultAndPasses) {
  const Replayed r = replay("palletising-competent.sktrace");
  ASSERT_TRUE(r.trace.result);
  EXPECT_EQ(r.result, *r.trace.result); // bit-exact re-simulation
  EXPECT_TRUE(r.result.completed) << "ended by the automatic run's cycle_complete";
  EXPECT_TRUE(r.result.passed);
  EXPECT_TRUE(r.result.vetoes.empty());
  EXPECT_GE(r.result.totalPoints, 85.0);
  // Nothing of safety, pendant use or procedure; only placement precision or the cycle time.
  for (const auto& d : r.result.deductions) {
    EXPECT_TRUE(d.criterionId.rfind("placement_", 0) == 0 || d.criterionId == "cycle_time")
        << d.criterionId;
    if (d.criterionId.rfind("placement_", 0) == 0) {
      EXPECT_NEAR(d.points, placementLoss(d.measured), 1e-9) << d.criterionId;
    }
  }
  // Every part placed within the 5 mm that costs nothing.
  for (const auto& [id, points] : charged(r.result)) {
    EXPECT_NE(id.rfind("placement_", 0), 0u) << id << " " << points;
  }
}

TEST(RobotReferenceTrace, CarelessReplaysToItsSignedResultAndFailsOnEachFault) {
  const Replayed r = replay("palletising-careless.sktrace");
  ASSERT_TRUE(r.trace.result);
  EXPECT_EQ(r.result, *r.trace.result);
  EXPECT_TRUE(r.result.completed);
  EXPECT_FALSE(r.result.passed);
  EXPECT_TRUE(r.result.vetoes.empty());
  const auto c = charged(r.result);
  // The faults it was scripted to make, at the rubric's points.
  EXPECT_DOUBLE_EQ(c.at("estop_checked"), 3.0);  // never tested the emergency stop
  EXPECT_DOUBLE_EQ(c.at("taught_in_t1"), 15.0);  // taught in T2
  EXPECT_DOUBLE_EQ(c.at("stepped_first"), 10.0); // ran without stepping
  // Each place point taught 7 mm along the row: 8 x (7 - 5) / 5 = 3.2 points per part.
  for (int k = 1; k <= 5; ++k) {
    const std::string id = "placement_" + std::to_string(k);
    ASSERT_TRUE(c.count(id)) << id;
    EXPECT_NEAR(c.at(id), 3.2, 0.1) << id;
  }
  for (const auto& d : r.result.deductions) {
    if (d.criterionId.rfind("placement_", 0) == 0) {
      EXPECT_NEAR(d.measured, 0.007, 0.0003) << d.criterionId;
      EXPECT_NEAR(d.points, placementLoss(d.measured), 1e-9) << d.criterionId;
    }
  }
  // No fault it did not make.
  for (const char* clean : {"at_home_at_end", "jog_refused", "collision"}) {
    EXPECT_EQ(c.count(clean), 0u) << clean;
  }
  EXPECT_LT(r.result.totalPoints, 60.0);
}

// The careless attempt's deductions read in plain words, zh-CN and en: no metric id, no
// placeholder, no radians or "inf" (the house rule for what users read).
TEST(RobotReferenceTrace, CarelessDeductionsReadInPlainWordsInBothLanguages) {
  const Replayed r = replay("palletising-careless.sktrace");
  ASSERT_TRUE(palletising().machine);
  const std::string assets = std::string(SKILLSIM_SOURCE_DIR) + "/assets";
  auto zh = messages::MessageTemplates::load(assets, "zh-CN");
  auto en = messages::MessageTemplates::load(assets, "en");
  ASSERT_TRUE(zh) << zh.error().toString();
  ASSERT_TRUE(en) << en.error().toString();
  const messages::MessageContext context =
      messages::makeContext(&*palletising().machine, palletising().labels);
  ASSERT_EQ(r.result.deductions.size(), 8u);
  for (const auto& d : r.result.deductions) {
    const std::string chinese = messages::deductionText(d, r.result, *zh, context);
    const std::string english = messages::deductionText(d, r.result, *en, context);
    SCOPED_TRACE(d.criterionId + ": " + chinese + " | " + english);
    EXPECT_FALSE(chinese.empty());
    EXPECT_NE(chinese, english);
    for (const std::string& text : {chinese, english}) {
      EXPECT_EQ(text.find('_'), std::string::npos) << "an id";
      EXPECT_EQ(text.find('{'), std::string::npos) << "an unfilled placeholder";
      EXPECT_EQ(text.find("rad"), std::string::npos);
      EXPECT_EQ(text.find("inf"), std::string::npos);
    }
  }
}
