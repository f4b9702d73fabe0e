// The industrial robot's scripted trainee (issue 16, point 6): the pendant procedure it plans for
// each profile, from the shipped palletising scenario, and its refusal of a scenario it cannot
// work. Its whole run is checked through the committed traces (tests/app/RobotReferenceTraceTest).
#include "machines/industrial_robot/RobotOperator.h"

#include <skillsim/scenario/ScenarioLoader.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace skillsim;
using Kind = op::PendantAction::Kind;

namespace {

const std::string kRoot = SKILLSIM_SOURCE_DIR;

const scenario::Scenario& palletising() {
  static const scenario::Scenario s = [] {
    auto loaded =
        scenario::loadScenario(kRoot + "/scenarios/industrial_robot/handling_palletising.toml");
    EXPECT_TRUE(loaded) << loaded.error().toString();
    return loaded ? *loaded : scenario::Scenario{};
  }();
  return s;
}

std::vector<op::PendantAction> plan(op::RobotProfile profile) {
  auto p = op::planPalletising(palletising(), profile);
  EXPECT_TRUE(p) << p.error().toString();
  return p ? *p : std::vector<op::PendantAction>{};
}

std::size_t presses(const std::vector<op::PendantAction>& plan, const std::string& control) {
  return static_cast<std::size_t>(std::count_if(plan.begin(), plan.end(), [&](const auto& a) {
    return (a.kind == Kind::Press || a.kind == Kind::Hold) && a.control == control;
  }));
}

/** The index of the first action pressing `control`, or the plan's size. */
std::size_t first(const std::vector<op::PendantAction>& plan, const std::string& control) {
  for (std::size_t i = 0; i < plan.size(); ++i) {
    if (plan[i].control == control) {
      return i;
    }
  }
  return plan.size();
}

} // namespace

TEST(RobotOperator, TheCompetentTraineeChecksTheStopTeachesInT1AndStepsBeforeTheAutomaticRun) {
  const auto p = plan(op::RobotProfile::Competent);
  ASSERT_FALSE(p.empty());
  EXPECT_EQ(p[0].kind, Kind::Hold);
  EXPECT_EQ(p[0].control, "emergency_stop");
  EXPECT_EQ(p[1].control, "reset");
  EXPECT_EQ(p[2].control, "mode_t1");
  EXPECT_EQ(presses(p, "mode_t2"), 0u);
  // Home, then per part 3 rows to pick (over, down, up) and 3 to place, and home: 32 points.
  EXPECT_EQ(presses(p, "teach_movej") + presses(p, "teach_movel"), 32u);
  EXPECT_EQ(presses(p, "insert_grip_on"), 5u);
  EXPECT_EQ(presses(p, "insert_grip_off"), 5u);
  EXPECT_EQ(presses(p, "cursor_up"), 41u); // from row 42 back to row 1
  EXPECT_EQ(presses(p, "step_forward"), 2u);
  EXPECT_EQ(presses(p, "step_back"), 2u);
  EXPECT_LT(first(p, "step_forward"), first(p, "mode_auto"));
  EXPECT_LT(first(p, "mode_auto"), first(p, "run"));
  EXPECT_EQ(presses(p, "run"), 1u);
}

TEST(RobotOperator, TheCarelessTraineeTeachesInT2PlacesOffByAndRunsWithoutStepping) {
  const auto careless = plan(op::RobotProfile::Careless);
  const auto competent = plan(op::RobotProfile::Competent);
  ASSERT_FALSE(careless.empty());
  EXPECT_EQ(presses(careless, "emergency_stop"), 0u);
  EXPECT_EQ(careless[0].control, "mode_t2");
  EXPECT_EQ(presses(careless, "mode_t1"), 0u);
  EXPECT_EQ(presses(careless, "step_forward") + presses(careless, "step_back"), 0u);
  // The same linear jogs, each place point 7 mm further along the row (base x); picks the same.
  std::vector<glm::dvec3> a, b;
  for (const auto& x : careless) {
    if (x.kind == Kind::JogLinear) {
      a.push_back(x.point);
    }
  }
  for (const auto& x : competent) {
    if (x.kind == Kind::JogLinear) {
      b.push_back(x.point);
    }
  }
  ASSERT_EQ(a.size(), 20u); // per part: down, up at the pick and at the place
  ASSERT_EQ(b.size(), 20u);
  for (std::size_t i = 0; i < a.size(); ++i) {
    const bool place = (i % 4) >= 2;
    EXPECT_NEAR(a[i].x - b[i].x, place ? 0.007 : 0.0, 1e-12) << i;
    EXPECT_EQ(a[i].y, b[i].y) << i;
    EXPECT_EQ(a[i].z, b[i].z) << i;
  }
}

TEST(RobotOperator, AScenarioWithoutTheRobotIsRefusedNamingWhatIsMissing) {
  auto crane = scenario::loadScenario(kRoot + "/scenarios/overhead_crane/q2_practical.toml");
  ASSERT_TRUE(crane) << crane.error().toString();
  auto p = op::planPalletising(*crane, op::RobotProfile::Competent);
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().code, core::ErrorCode::NotFound);
  EXPECT_NE(p.error().message.find("needs an industrial robot"), std::string::npos)
      << p.error().message;
}

TEST(RobotOperator, APlaceOutOfReachIsRefusedWithTheReason) {
  scenario::Scenario s = palletising();
  for (auto& z : s.simulation.zones) {
    if (z.name == "slot5") {
      z.center.x = 0.9; // beyond the arm's 580 mm
    }
  }
  auto p = op::planPalletising(s, op::RobotProfile::Competent);
  ASSERT_FALSE(p);
  EXPECT_NE(p.error().message.find("the place of part5"), std::string::npos) << p.error().message;
}
