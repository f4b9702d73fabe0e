// The committed reference traces of the N1 forklift mock exam (made by `skillsim operate` with the
// forklift's scripted operator, docs/machines/forklift.md): replayed through the simulation and
// the assessor they give the result signed into them, and each deduction is what the rubric
// charges for what the field measured. Figures worked from the field's geometry: bay 甲 1.75 m
// wide with 50 mm lines centred on its edges (inner edges 0.85 m, outer 0.90 m from its axis),
// the truck 1.225 m wide.
#include <skillsim/app/AttemptReplay.h>
#include <skillsim/operator/OperatorRegistry.h>
#include <skillsim/records/TraceReader.h>
#include <skillsim/scenario/ScenarioLoader.h>

#include "ReferenceTraceSupport.h"

#include <gtest/gtest.h>

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

using namespace skillsim;

namespace {

const std::string kDir = std::string(SKILLSIM_SOURCE_DIR) + "/scenarios/forklift/";

const scenario::Scenario& n1() { return test::committedScenario(kDir + "n1_field_test.toml"); }

const assessment::CriterionSpec& criterion(const std::string& id) {
  return test::criterionOf(n1(), id);
}

using test::Replayed;

Replayed replay(const std::string& name) {
  return test::replayCommitted(n1(), kDir + "traces/" + name);
}

/** The deductions by criterion id, in the order charged. */
std::map<std::string, std::vector<assessment::Deduction>>
byCriterion(const assessment::AttemptResult& r) {
  std::map<std::string, std::vector<assessment::Deduction>> out;
  for (const auto& d : r.deductions) {
    out[d.criterionId].push_back(d);
  }
  return out;
}

} // namespace

TEST(ForkliftReferenceTrace, CompetentReplaysToItsSignedResultWithFullMarks) {
  const Replayed r = replay("n1-competent.sktrace");
  ASSERT_TRUE(r.trace.result);
  EXPECT_EQ(r.result, *r.trace.result); // bit-exact re-simulation
  EXPECT_TRUE(r.result.completed);      // ended by the horn after the task
  EXPECT_TRUE(r.result.passed);
  EXPECT_TRUE(r.result.vetoes.empty());
  EXPECT_GE(r.result.totalPoints, 85.0);
  // Travel height, full stops, both loads within 0.05 m of the beam, centred in the bays, the end
  // state: nothing charged, inside the 300 s time target.
  EXPECT_TRUE(r.result.deductions.empty()) << r.result.deductions.front().criterionId;
  EXPECT_DOUBLE_EQ(r.result.totalPoints, 100.0);
  EXPECT_LT(r.result.duration, 300.0);
}

TEST(ForkliftReferenceTrace, CarelessReplaysToItsSignedFailWithEachFaultCharged) {
  const Replayed r = replay("n1-careless.sktrace");
  ASSERT_TRUE(r.trace.result);
  EXPECT_EQ(r.result, *r.trace.result);
  EXPECT_FALSE(r.result.passed);
  // It reversed into bay 甲 0.75 m off the bay's axis: the truck's side at 0.75 + 0.6125 =
  // 1.3625 m, 0.4625 m past the line's outer edge (over the 0.30 m of the automatic fail).
  ASSERT_EQ(r.result.vetoes.size(), 1u);
  EXPECT_EQ(r.result.vetoes[0].criterionId, "edge_line_crossed");
  EXPECT_EQ(r.result.vetoes[0].itemId, "veto_edge_line");
  EXPECT_FALSE(r.result.completed); // the veto stopped it before its horn

  const auto charged = byCriterion(r.result);
  for (const auto& [id, list] : charged) {
    for (const auto& d : list) {
      const auto& c = criterion(id);
      EXPECT_EQ(d.itemId, c.itemId) << id;
      EXPECT_DOUBLE_EQ(d.points, c.points) << id; // each N1 rule charges its points per fault
    }
  }
  // Forks at 0.50 m on both legs to the racks (band 0.20-0.30 m, charged after 1 s over).
  for (const char* leg : {"travel_height_to_yi", "travel_height_to_bing"}) {
    ASSERT_EQ(charged.count(leg), 1u) << leg;
    const auto& d = charged.at(leg).front();
    EXPECT_NEAR(d.measured, 0.50, 0.01) << leg;
    EXPECT_DOUBLE_EQ(d.finding.limit, 0.30) << leg;
    EXPECT_DOUBLE_EQ(d.finding.duration, 1.0) << leg;
  }
  // Forward selected while still rolling back at 0.3 m/s (its endSpeed) into bay 丁.
  ASSERT_EQ(charged.count("reversed_before_stop"), 1u);
  EXPECT_EQ(charged.at("reversed_before_stop").size(), 1u);
  // The side over the line's inner edge: 1.3625 - 0.85 = 0.5125 m as the truck's middle enters
  // the bay (the path follower's lateral error is a few mm).
  ASSERT_EQ(charged.count("touched_line"), 1u);
  EXPECT_NEAR(charged.at("touched_line").front().measured, 0.5125, 0.01);
  // Stopped by the veto at travel height with the parking brake off; still in reverse is no fault
  // of `neutral_at_end`'s (direction -1 <= 0).
  ASSERT_EQ(charged.count("parking_brake_at_end"), 1u);
  ASSERT_EQ(charged.count("forks_down_at_end"), 1u);
  EXPECT_NEAR(charged.at("forks_down_at_end").front().measured, 0.50, 0.01);
  for (const char* clean : {"mast_moved_travelling", "touched_rack", "placed_off_beam", "time",
                            "neutral_at_end", "horn_at_end"}) {
    EXPECT_EQ(charged.count(clean), 0u) << clean;
  }
  EXPECT_EQ(r.result.deductions.size(), 6u);
  EXPECT_DOUBLE_EQ(r.result.totalPoints, 100.0 - 6 * 5.0);
}

// The operator drives a field with the figure 8's loop poles as the pole course, any other as the
// N1 field: each refuses a field without what its route needs, naming it, and `operate` gets the
// error.
TEST(ForkliftReferenceTrace, TheOperatorRefusesAFieldWithoutWhatItsCourseNeeds) {
  auto poles = scenario::loadScenario(kDir + "pole_course.toml");
  ASSERT_TRUE(poles) << poles.error().toString();
  const auto registry = op::OperatorRegistry::builtIn();
  EXPECT_EQ(registry.profiles("forklift"), (std::vector<std::string>{"competent", "careless"}));
  EXPECT_TRUE(registry.create(*poles, "competent"));
  auto& bodies = poles->simulation.bodies;
  std::erase_if(bodies, [](const sim::BodySpec& b) { return b.name == "pole_east"; });
  auto oneLoop = registry.create(*poles, "competent");
  ASSERT_FALSE(oneLoop);
  EXPECT_EQ(oneLoop.error().code, core::ErrorCode::NotFound);
  EXPECT_NE(oneLoop.error().message.find("'pole_west' and 'pole_east'"), std::string::npos)
      << oneLoop.error().message;
  std::erase_if(bodies, [](const sim::BodySpec& b) { return b.name == "pole_west"; });
  auto made = registry.create(*poles, "competent"); // no loop poles: the N1 plan, one bay
  ASSERT_FALSE(made);
  EXPECT_EQ(made.error().code, core::ErrorCode::NotFound);
  EXPECT_NE(made.error().message.find("two bays"), std::string::npos) << made.error().message;
  auto unknown = registry.create(n1(), "reckless");
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("there are: competent, careless"), std::string::npos)
      << unknown.error().message;
}

// The pole course's reference attempts (scenarios/forklift/traces/pole-*.sktrace, made by
// `skillsim operate` with the same operator; docs/machines/forklift.md has the commands).
namespace {

const std::string kPoleReRecord = "re-record the pole course's traces (docs/machines/forklift.md)";

const scenario::Scenario& poleCourse() {
  return test::committedScenario(kDir + "pole_course.toml");
}

Replayed replayPole(const std::string& name) {
  return test::replayCommitted(poleCourse(), kDir + "traces/" + name, kPoleReRecord);
}

} // namespace

TEST(ForkliftReferenceTrace, PoleCompetentReplaysToItsSignedPassWithFullMarks) {
  const Replayed r = replayPole("pole-competent.sktrace");
  ASSERT_TRUE(r.trace.result);
  EXPECT_EQ(r.result, *r.trace.result); // bit-exact re-simulation
  EXPECT_TRUE(r.result.completed);      // ended by the horn after the task
  EXPECT_TRUE(r.result.passed);
  EXPECT_TRUE(r.result.vetoes.empty());
  EXPECT_GE(r.result.totalPoints, 85.0);
  // Horn before moving off, both loops of the 8, the load out of the corridor and back, no pole
  // or line touched, full stops, the parking brake on, inside the 240 s: nothing charged.
  EXPECT_TRUE(r.result.deductions.empty()) << r.result.deductions.front().criterionId;
  EXPECT_DOUBLE_EQ(r.result.totalPoints, 100.0);
  EXPECT_LT(r.result.duration, 240.0);
}

TEST(ForkliftReferenceTrace, PoleCarelessReplaysToItsSignedFailWithEachChargeByTheRubric) {
  const Replayed r = replayPole("pole-careless.sktrace");
  ASSERT_TRUE(r.trace.result);
  EXPECT_EQ(r.result, *r.trace.result);
  EXPECT_TRUE(r.result.completed); // its horn at the end, after the task
  EXPECT_TRUE(r.result.vetoes.empty());
  EXPECT_FALSE(r.result.passed);

  const auto charged = byCriterion(r.result);
  double total = 0.0;
  for (const auto& [id, list] : charged) {
    const auto& c = test::criterionOf(poleCourse(), id);
    for (const auto& d : list) {
      EXPECT_EQ(d.itemId, c.itemId) << id;
      EXPECT_DOUBLE_EQ(d.points, c.points) << id; // each charges its points per fault
      total += d.points;
    }
    if (c.maxPoints > 0.0) {
      EXPECT_LE(static_cast<double>(list.size()) * c.points, c.maxPoints) << id;
    }
  }
  EXPECT_DOUBLE_EQ(r.result.totalPoints, 100.0 - total);
  // Moved off without the horn: the figure 8's 10 points.
  ASSERT_EQ(charged.count("horn_before_moving_off"), 1u);
  EXPECT_EQ(charged.at("horn_before_moving_off").size(), 1u);
  EXPECT_EQ(charged.at("horn_before_moving_off").front().itemId, "figure_eight");
  // It swerved 0.60 m towards the middle gate's north pole (15, 10): the side of the 1.225 m
  // truck at 11.25 - 0.60 - 0.6125 = 10.0375 m, 12.5 mm from the 50 mm pole's face at 10.025 m,
  // and its tail swings out on the way back to the line. Each touch is a pole of that gate, in
  // the carry (the corridor is the carry's).
  ASSERT_EQ(charged.count("carry_poles"), 1u);
  for (const auto& d : charged.at("carry_poles")) {
    const std::string pole =
        d.finding.subject.rfind("pole", 0) == 0 ? d.finding.subject : d.finding.other;
    EXPECT_EQ(pole, "pole_gate2_north");
  }
  EXPECT_EQ(charged.count("eight_poles"), 0u);
  // Forward selected while still rolling back with the load at 0.3 m/s (its endSpeed).
  ASSERT_EQ(charged.count("reversed_before_stop"), 1u);
  EXPECT_EQ(charged.at("reversed_before_stop").size(), 1u);
  // Into the bay 0.35 m off its axis: the side 0.35 + 0.6125 = 0.9625 m from it, 0.1125 m over
  // the 50 mm line's inner edge at 0.85 m; the worst of the excursion, while the reversing truck
  // still straightens (its tail swung out), is charged: within 0.02 m of it.
  ASSERT_EQ(charged.count("touched_line"), 1u);
  EXPECT_NEAR(charged.at("touched_line").front().measured, 0.1125, 0.02);
  // The parking brake left off at the end.
  ASSERT_EQ(charged.count("parking_brake_at_end"), 1u);
  for (const char* clean : {"eight_route", "carry_route", "time", "eight_poles"}) {
    EXPECT_EQ(charged.count(clean), 0u) << clean;
  }
  EXPECT_LT(r.result.totalPoints, poleCourse().standard.passMark);
}
