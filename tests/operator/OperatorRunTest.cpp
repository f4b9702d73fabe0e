// The scripted operator on the real Q2 course: the simulation and the scenario's assessor.
#include "machines/overhead_crane/Q2Course.h"
#include <skillsim/operator/OperatorRun.h>
#include <skillsim/scenario/ScenarioLoader.h>

#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <set>
#include <vector>

using namespace skillsim;
using namespace skillsim::op;

namespace {

const scenario::Scenario& q2() {
  static const scenario::Scenario s = [] {
    auto loaded = scenario::loadScenario(std::string(SKILLSIM_SOURCE_DIR) +
                                         "/scenarios/overhead_crane/q2_practical.toml");
    if (!loaded) {
      ADD_FAILURE() << loaded.error().toString();
      return scenario::Scenario{};
    }
    return *loaded;
  }();
  return s;
}

/** A finding in brief for failure messages: kind, metric or event, value. */
std::string describe(const assessment::Finding& f) {
  return std::string(assessment::toString(f.kind)) + " " + f.metric + f.event + " " +
         std::to_string(f.value);
}

void print(const OperatorRun& run) {
  std::printf("total %.2f/%.0f passed %d completed %d duration %.1f ticks %zu\n",
              run.result.totalPoints, run.result.maxPoints, run.result.passed, run.result.completed,
              run.result.duration, run.actions.size());
  for (const auto& d : run.result.deductions) {
    std::printf("  -%.2f %s %s t=%.1f measured=%.3f %s\n", d.points, d.itemId.c_str(),
                d.criterionId.c_str(), d.time, d.measured, describe(d.finding).c_str());
  }
  for (const auto& v : run.result.vetoes) {
    std::printf("  VETO %s t=%.1f %s\n", v.criterionId.c_str(), v.time,
                describe(v.finding).c_str());
  }
}

} // namespace

TEST(Q2Course, LayoutFromTheScenario) {
  auto l = q2CourseLayout(q2());
  ASSERT_TRUE(l) << l.error().toString();
  EXPECT_EQ(l->circleA, glm::dvec2(6.0, 6.0));
  EXPECT_EQ(l->circleB, glm::dvec2(14.0, 10.0));
  EXPECT_EQ(l->circleC, glm::dvec2(24.0, 10.0));
  EXPECT_DOUBLE_EQ(l->lugHeight, 0.75);
  ASSERT_EQ(l->weavePath.size(), 7u);
  EXPECT_EQ(l->weavePath[0], glm::dvec2(14.0, 10.9));
  EXPECT_EQ(l->weavePath[1], glm::dvec2(17.75, 10.9));
  EXPECT_EQ(l->weavePath[2], glm::dvec2(17.75, 9.1));
  EXPECT_EQ(l->weavePath[6], glm::dvec2(22.75, 10.0));
  EXPECT_NEAR(l->returnHeight, 2.2, 1e-12); // the hook block clears the high bar (4.5 m)
  EXPECT_DOUBLE_EQ(l->targetTime, 150.0);
}

std::map<std::string, std::vector<assessment::Deduction>>
byCriterion(const assessment::AttemptResult& r) {
  std::map<std::string, std::vector<assessment::Deduction>> out;
  for (const auto& d : r.deductions) {
    out[d.criterionId].push_back(d);
  }
  return out;
}

// Criteria that measure precision (how far off, how much swing) rather than a fault.
const std::set<std::string> kPrecision = {"placement_a", "placement_b", "placement_c",
                                          "swing_at_setdown_b", "swing_at_setdown_c"};

TEST(OperatorRun, CompetentPassesWithAtLeast85) {
  auto run = runOperator(q2(), "competent");
  ASSERT_TRUE(run) << run.error().toString();
  print(*run);
  EXPECT_FALSE(run->failure) << *run->failure;
  EXPECT_TRUE(run->result.completed);
  EXPECT_TRUE(run->result.passed);
  EXPECT_TRUE(run->result.vetoes.empty());
  EXPECT_GE(run->result.totalPoints, 85.0);
  // Every deduction is a matter of precision, none a fault of procedure or safety.
  for (const auto& d : run->result.deductions) {
    EXPECT_TRUE(kPrecision.count(d.criterionId)) << d.criterionId << ": " << describe(d.finding);
  }
}

TEST(OperatorRun, CarelessMakesItsThreeFaultsAsTheRubricCharges) {
  auto run = runOperator(q2(), "careless");
  ASSERT_TRUE(run) << run.error().toString();
  print(*run);
  EXPECT_FALSE(run->failure) << *run->failure;
  EXPECT_TRUE(run->result.completed);
  EXPECT_TRUE(run->result.vetoes.empty());
  auto by = byCriterion(run->result);
  // Re-hoisting while setting down in B: 5 points per occurrence (q2_practical.toml no_rehoist_b).
  ASSERT_EQ(by["no_rehoist_b"].size(), 1u);
  EXPECT_EQ(by["no_rehoist_b"][0].points, 5.0);
  EXPECT_EQ(by["no_rehoist_b"][0].itemId, "curved_path");
  EXPECT_TRUE(by["no_rehoist_c"].empty());
  EXPECT_TRUE(by["no_rehoist_a"].empty());
  // Touching a pile: 5 points per contact.
  ASSERT_EQ(by["pile_contacts"].size(), 1u);
  EXPECT_EQ(by["pile_contacts"][0].points, 5.0);
  // Past T = 150 s on the frames task: loss rising linearly to 10 points at 1.5 T.
  ASSERT_EQ(by["time_frames"].size(), 1u);
  const auto& late = by["time_frames"][0];
  EXPECT_GT(late.measured, 150.0);
  EXPECT_LT(late.measured, 225.0);
  EXPECT_NEAR(late.points, 10.0 * (late.measured - 150.0) / 75.0, 0.05);
  // No other fault of procedure or safety.
  for (const auto& [criterion, list] : by) {
    if (list.empty() || kPrecision.count(criterion) || criterion == "no_rehoist_b" ||
        criterion == "pile_contacts" || criterion == "time_frames" ||
        criterion == "transfer_height_ca") {
      continue;
    }
    ADD_FAILURE() << "unexpected deduction " << criterion << ": " << describe(list[0].finding);
  }
  EXPECT_FALSE(run->result.passed && run->result.totalPoints >= 85.0);
}

TEST(OperatorRun, SameScenarioSameActionsSameResult) {
  auto a = runOperator(q2(), "competent");
  auto b = runOperator(q2(), "competent");
  ASSERT_TRUE(a && b);
  EXPECT_TRUE(a->actions == b->actions);
  EXPECT_EQ(a->result, b->result);
}
