// The forklift's scenario section (issue 15 points 4 and 7): the shipped N1 mock exam loads and
// builds, and every new field's bad value is reported at its file:line:column.
#include <skillsim/scenario/AttemptRunner.h>
#include <skillsim/scenario/ScenarioLoader.h>
#include <skillsim/sim/Simulation.h>

#include "../sim/ForkliftFixture.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

using namespace skillsim;
using namespace skillsim::scenario;

namespace {

const std::filesystem::path kRoot(SKILLSIM_SOURCE_DIR);

std::string readFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

const std::string& n1Text() {
  static const std::string text = readFile(kRoot / "scenarios/forklift/n1_field_test.toml");
  return text;
}

const std::string& n1Standard() {
  static const std::string text = readFile(kRoot / "assets/standards/n1-forklift-field.toml");
  return text;
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) {
    text.replace(at, from.size(), to);
  }
  return text;
}

/** 1-based line and column of the first `needle` in `text`. */
std::pair<std::uint32_t, std::uint32_t> where(const std::string& text, const std::string& needle) {
  const auto at = text.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  std::uint32_t line = 1;
  std::size_t lineStart = 0;
  for (std::size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') {
      ++line;
      lineStart = i + 1;
    }
  }
  return {line, static_cast<std::uint32_t>(at - lineStart + 1)};
}

/** Exactly one problem: this field and message, at the first `needle` of `text`. */
void expectOnly(const std::string& text, const std::string& needle, const std::string& field,
                const std::string& message) {
  const ValidationReport r = validateScenarioText(text, "n1.toml", n1Standard(), "n1-std.toml");
  ASSERT_EQ(r.problems.size(), 1u) << [&] {
    std::string all;
    for (const auto& p : r.problems) {
      all += p.toString() + "\n";
    }
    return all;
  }();
  const auto [line, column] = where(text, needle);
  EXPECT_EQ(r.problems[0].location.fieldPath, field);
  EXPECT_EQ(r.problems[0].message, message);
  EXPECT_EQ(r.problems[0].location.line, line) << r.problems[0].toString();
  EXPECT_EQ(r.problems[0].location.column, column) << r.problems[0].toString();
}

} // namespace

TEST(ForkliftScenario, TheN1MockExamLoadsAndItsRacksHoldTheirPallets) {
  const ValidationReport r = validateScenarioText(n1Text(), "n1.toml", n1Standard(), "n1-std.toml");
  ASSERT_TRUE(r.valid()) << (r.problems.empty() ? "" : r.problems.front().toString());
  auto scenario = loadScenario(kRoot / "scenarios/forklift/n1_field_test.toml");
  ASSERT_TRUE(scenario) << scenario.error().toString();
  auto runner = AttemptRunner::create(*scenario);
  ASSERT_TRUE(runner) << runner.error().toString();
  for (std::uint32_t i = 0; i < 2 * scenario->simulation.tickRate; ++i) { // 2 s
    (*runner)->step(core::ActionState{});
  }
  EXPECT_FALSE((*runner)->finished());
  // Each pallet rests on its tier's beams: stringers 0.1 m, then half the deck and load
  // (0.022 + 0.6 m) above the beam tops.
  const double above = 0.1 + 0.5 * (0.022 + 0.6);
  EXPECT_NEAR((*runner)->simulation().bodyPosition("load_yi")->y, 1.5 + above, 0.005);
  EXPECT_NEAR((*runner)->simulation().bodyPosition("load_bing")->y, 2.0 + above, 0.005);
  // The truck stands parked in bay 甲 on its tyres.
  const auto& m = (*runner)->simulation().metrics();
  EXPECT_EQ(m.get(*m.find("parking_brake")), 1.0);
  EXPECT_NEAR(m.get(*m.find("truck_x")), 0.34, 1e-3);
}

// The N1 file steps as the physical-law tests' kN1Stepping (tests/sim/ForkliftFixture.h) runs
// them: 50 Hz, 16 solver iterations, two friction directions (docs/machines/forklift.md, Speed).
TEST(ForkliftScenario, TheN1FieldTestStepsAsThePhysicsTestsDo) {
  auto scenario = loadScenario(kRoot / "scenarios/forklift/n1_field_test.toml");
  ASSERT_TRUE(scenario) << scenario.error().toString();
  EXPECT_EQ(scenario->simulation.tickRate, sim::testing::kN1Stepping.tickRate);
  EXPECT_EQ(scenario->simulation.solverIterations, sim::testing::kN1Stepping.solverIterations);
  EXPECT_EQ(scenario->simulation.frictionDirections, sim::testing::kN1Stepping.frictionDirections);
  // The pole course keeps the truck's first settings (its traces are recorded on them).
  auto pole = loadScenario(kRoot / "scenarios/forklift/pole_course.toml");
  ASSERT_TRUE(pole) << pole.error().toString();
  EXPECT_EQ(pole->simulation.tickRate, sim::testing::kDefaultStepping.tickRate);
  EXPECT_EQ(pole->simulation.solverIterations, sim::testing::kDefaultStepping.solverIterations);
  EXPECT_EQ(pole->simulation.frictionDirections, 1);
}

TEST(ForkliftScenario, FrictionDirectionsOtherThanOneOrTwoAreNamedAtTheirValue) {
  const std::string key = "friction_directions = ";
  const std::string text = replace(n1Text(), key + "2", key + "3");
  const ValidationReport r = validateScenarioText(text, "n1.toml", n1Standard(), "n1-std.toml");
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].location.fieldPath, "simulation.friction_directions");
  EXPECT_EQ(r.problems[0].message, "value 3 is out of range; expected an integer in [1, 2]");
  const auto [line, column] = where(text, key + "3");
  EXPECT_EQ(r.problems[0].location.line, line);
  EXPECT_EQ(r.problems[0].location.column, column + key.size()); // at the value
}

TEST(ForkliftScenario, ARackTierAboveTheLiftHeightIsNamedAtItsTiers) {
  const std::string text = replace(n1Text(), "tiers = [0.5, 2.0]", "tiers = [0.5, 3.5]");
  expectOnly(text, "[0.5, 3.5]", "machine.racks[1].tiers",
             "tier 3.5 m is above the truck's lift_height 3 m: the forks cannot reach it");
}

TEST(ForkliftScenario, ATierThatIsNoNumberIsNamedAtItsElement) {
  const std::string text = replace(n1Text(), "tiers = [0.5, 2.0]", "tiers = [0.5, \"2 m\"]");
  expectOnly(text, "\"2 m\"", "machine.racks[1].tiers[1]", "expected a number, found a string");
}

TEST(ForkliftScenario, APalletWhoseOpeningsTheForksDoNotFitIsNamedAtItsWidth) {
  const std::string text =
      replace(n1Text(), "name = \"load_yi\"                   # on 乙's upper tier",
              "name = \"load_yi\"\nwidth = 0.7");
  expectOnly(text, "0.7", "machine.pallets[0].width",
             "the forks (0.7 m apart, 0.122 m wide) do not fit this pallet's entry openings, "
             "0.05 to 0.25 m either side of its centre (pallet 0.7 m wide)");
}

TEST(ForkliftScenario, ABayNarrowerThanTheTruckIsNamedAtItsWidth) {
  const std::string text = replace(n1Text(), "length = 5.8\nwidth = 1.75\n\n[[machine.bays]]",
                                   "length = 5.8\nwidth = 1.2\n\n[[machine.bays]]");
  expectOnly(text, "1.2\n", "machine.bays[0].width",
             "bay width 1.2 m is narrower than the truck's 1.225 m + 0.4 m = 1.625 m (N1: W + "
             "0.4 m to W + 0.7 m)");
}

TEST(ForkliftScenario, AnInitialLiftAboveTheMastsTravelIsNamedAtItsKey) {
  const std::string text = replace(n1Text(), "initial_heading_deg = 0\n",
                                   "initial_heading_deg = 0\ninitial_lift = 3.2\n");
  expectOnly(text, "3.2", "machine.initial_lift",
             "initial_lift 3.2 m must lie within the lift travel [0, lift_height] = [0, 3] m");
}

TEST(ForkliftScenario, ThePoleCourseLoadsWithItsPolesAndPallet) {
  auto scenario = loadScenario(kRoot / "scenarios/forklift/pole_course.toml");
  ASSERT_TRUE(scenario) << scenario.error().toString();
  EXPECT_EQ(scenario->simulation.bodies.size(), 12u); // 6 figure-8 poles, 6 in the 工 corridor
  for (const sim::BodySpec& b : scenario->simulation.bodies) {
    EXPECT_NEAR(b.shape.size.y, 1.5, 1e-12) << b.name; // 1.5 m poles
    ASSERT_TRUE(b.bands.has_value()) << b.name;        // red with white 0.3 m bands
    EXPECT_DOUBLE_EQ(b.bands->pitch, 0.3) << b.name;
  }
  auto runner = AttemptRunner::create(*scenario);
  ASSERT_TRUE(runner) << runner.error().toString();
  for (int i = 0; i < 240; ++i) {
    (*runner)->step(core::ActionState{});
  }
  EXPECT_FALSE((*runner)->finished());
  const auto& m = (*runner)->simulation().metrics();
  // It starts with the forks at travel height (initial_lift 0.25 m, less the tyres' sag).
  EXPECT_NEAR(m.get(*m.find("lift_position")), 0.25, 1e-3);
  EXPECT_NEAR(m.get(*m.find("fork_height")), 0.012 + 0.25 - 0.0075, 0.003);
  // The pallet rests on the floor: stringers 0.1 m, then half its deck and 0.5 m load.
  EXPECT_NEAR((*runner)->simulation().bodyPosition("pallet")->y, 0.1 + 0.5 * (0.022 + 0.5), 0.005);
}

TEST(ForkliftScenario, TheN1FieldTestIsAMockExamAndSaysWhere) {
  auto n1 = loadScenario(kRoot / "scenarios/forklift/n1_field_test.toml");
  ASSERT_TRUE(n1) << n1.error().toString();
  EXPECT_TRUE(n1->mockExam);
  const auto [line, column] = where(n1Text(), "true                   # never"); // its value
  EXPECT_EQ(n1->mockExamLocation.line, line);
  EXPECT_EQ(n1->mockExamLocation.column, column);
  // No flag: no mock exam (the pole course is practice, the crane's Q2 a licence practical).
  auto pole = loadScenario(kRoot / "scenarios/forklift/pole_course.toml");
  ASSERT_TRUE(pole) << pole.error().toString();
  EXPECT_FALSE(pole->mockExam);
}

TEST(ForkliftScenario, AMockExamFlagThatIsNoBooleanIsNamedAtItsValue) {
  const std::string text = replace(n1Text(), "mock_exam = true", "mock_exam = \"yes\"");
  expectOnly(text, "\"yes\"", "mock_exam", "expected true or false, found a string");
}

// The chase camera's `offset_frame` (docs/scenario-format.md): only for a follow camera, and only
// "world" or "body"; each mistake named at its value.
TEST(ForkliftScenario, AnOffsetFrameOnACabCameraIsNamedAtItsValue) {
  const std::string text = replace(n1Text(), "target = [-4.0, -1.4, 0.0]\n",
                                   "target = [-4.0, -1.4, 0.0]\noffset_frame = \"body\"\n");
  expectOnly(text, "\"body\"", "cameras[1].offset_frame",
             "offset_frame applies only to kind = \"follow\"");
}

TEST(ForkliftScenario, AnOffsetFrameThatIsNeitherWorldNorBodyIsNamedAtItsValue) {
  const std::string text = replace(n1Text(), "offset_frame = \"body\"", "offset_frame = \"truck\"");
  const ValidationReport r = validateScenarioText(text, "n1.toml", n1Standard(), "n1-std.toml");
  ASSERT_EQ(r.problems.size(), 1u) << r.problems.front().toString();
  EXPECT_EQ(r.problems[0].location.fieldPath, "cameras[2].offset_frame");
  const auto [line, column] = where(text, "offset_frame = \"truck\"");
  EXPECT_EQ(r.problems[0].location.line, line);
  EXPECT_EQ(r.problems[0].location.column, column + 15); // at the value
  EXPECT_NE(r.problems[0].message.find("body"), std::string::npos) << r.problems[0].message;
}

// The seat and rear cameras turn with the truck (Forklift::anchorOrientation) and the chase
// camera's offset is in the truck's axes: with the truck turned 90 deg to the left (facing world
// -Z), the seat looks along -Z, the rear view along +Z, and the chase camera stands 6 m behind
// (world +Z) and 3.5 m above the truck's centre of mass. Rotating (x, y, z) by +90 deg about +Y
// gives (z, y, -x).
TEST(ForkliftScenario, TheSeatRearAndChaseCamerasTurnWithTheTruck) {
  const std::string text = replace(n1Text(), "initial_heading_deg = 0", "initial_heading_deg = 90");
  const std::filesystem::path file =
      std::filesystem::temp_directory_path() / "skillsim-forklift-cameras.toml";
  {
    std::ofstream out(file, std::ios::binary);
    out << text;
  }
  LoadOptions options;
  options.assetsRoot = kRoot / "assets";
  auto scenario = loadScenario(file, options);
  std::filesystem::remove(file);
  ASSERT_TRUE(scenario) << scenario.error().toString();
  auto sim = sim::Simulation::create(scenario->simulation);
  ASSERT_TRUE(sim) << sim.error().toString();
  const glm::dvec3 eye = *(*sim)->anchorPoint("seat");
  const glm::dvec3 truck = *(*sim)->bodyPosition("forklift.truck");
  auto camera = [&](const char* name) {
    core::SceneView view;
    (*sim)->fillSceneView(view, name);
    return view.camera;
  };
  const core::Camera seat = camera("seat");
  EXPECT_NEAR(glm::length(glm::dvec3(seat.position) - eye), 0.0, 1e-4);
  const glm::dvec3 ahead = glm::dvec3(seat.target) - eye; // (4, -1.6, 0) turned
  EXPECT_NEAR(ahead.x, 0.0, 1e-4);
  EXPECT_NEAR(ahead.y, -1.6, 1e-4);
  EXPECT_NEAR(ahead.z, -4.0, 1e-4);
  const glm::dvec3 behind = glm::dvec3(camera("rear").target) - eye; // (-4, -1.4, 0) turned
  EXPECT_NEAR(behind.x, 0.0, 1e-4);
  EXPECT_NEAR(behind.z, 4.0, 1e-4);
  const core::Camera chase = camera("follow");
  const glm::dvec3 offset = glm::dvec3(chase.position) - truck; // (-6, 3.5, 0) turned
  // The truck stands pitched by its tyres' static sag (a few mrad): 6 m x 0.005 = 0.03 m.
  EXPECT_NEAR(offset.x, 0.0, 0.05);
  EXPECT_NEAR(offset.y, 3.5, 0.05);
  EXPECT_NEAR(offset.z, 6.0, 0.05);
  EXPECT_NEAR(glm::length(glm::dvec3(chase.target) - truck), 0.0, 1e-4);
}

namespace {

/** The N1 field with the truck's front axle at (x, z) facing +X, built and stepped `ticks`. */
std::unique_ptr<sim::Simulation> n1TruckAt(double x, double z, int ticks) {
  char line[120];
  std::snprintf(line, sizeof line, "initial_position = [%.4f, 0.0, %.4f]", x, z);
  const std::string text = replace(n1Text(), "initial_position = [0.34, 0.0, 0.0]", line);
  const std::filesystem::path file =
      std::filesystem::temp_directory_path() /
      (std::string("skillsim-forklift-aids-") +
       ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".toml");
  {
    std::ofstream out(file, std::ios::binary);
    out << text;
  }
  LoadOptions options;
  options.assetsRoot = kRoot / "assets";
  auto scenario = loadScenario(file, options);
  std::filesystem::remove(file);
  EXPECT_TRUE(scenario) << scenario.error().toString();
  if (!scenario) {
    return nullptr;
  }
  auto sim = sim::Simulation::create(scenario->simulation);
  EXPECT_TRUE(sim) << sim.error().toString();
  if (!sim) {
    return nullptr;
  }
  for (int i = 0; i < ticks; ++i) {
    (*sim)->step(core::ActionState{});
  }
  return std::move(*sim);
}

double metricOf(const sim::Simulation& sim, const char* name) {
  const auto index = sim.metrics().find(name);
  EXPECT_TRUE(index.has_value()) << name;
  return index ? sim.metrics().get(*index) : 0.0;
}

} // namespace

// The stability-triangle aid (issue 15 point 5): the front tyres' contacts and the rear axle's
// pivot, and the combined centre of gravity. Checked against an independent law: at rest the
// tyre loads balance the weight, so the centre of gravity lies behind the front axle by
// L x N_rear / (N_front_left + N_front_right + N_rear) (moment balance about the front axle).
TEST(ForkliftAids, TheStabilityTriangleHoldsTheCentreOfGravityTheTyreLoadsPut) {
  const int second = static_cast<int>(sim::testing::kN1Stepping.tickRate);
  auto sim = n1TruckAt(0.34, 0.0, second); // 1 s on the parking brake, settled
  ASSERT_TRUE(sim);
  const auto aids = sim->floorAids();
  ASSERT_EQ(aids.size(), 1u);
  const sim::FloorAid& t = aids[0];
  ASSERT_EQ(t.outline.size(), 3u);
  // Front tyres 1.00 m apart on the front axle (x = 0.34), the rear pivot 1.70 m behind.
  EXPECT_NEAR(t.outline[0].x, 0.34, 0.005);
  EXPECT_NEAR(t.outline[0].z, -0.5, 0.005);
  EXPECT_NEAR(t.outline[1].z, 0.5, 0.005);
  EXPECT_NEAR(t.outline[2].x, 0.34 - 1.70, 0.005);
  EXPECT_NEAR(t.outline[2].z, 0.0, 0.005);
  for (const auto& p : t.outline) {
    EXPECT_DOUBLE_EQ(p.y, 0.0);
  }
  const double front =
      metricOf(*sim, "front_left_tyre_load") + metricOf(*sim, "front_right_tyre_load");
  const double rear = metricOf(*sim, "rear_axle_load");
  const double behind = 1.70 * rear / (front + rear);
  EXPECT_NEAR(0.34 - t.point.x, behind, 0.01) << "tyre loads put it " << behind << " m behind";
  EXPECT_NEAR(t.point.z, 0.0, 0.005);
  EXPECT_TRUE(t.inside);
}

// The distance-to-rack aid: with the truck lined up on rack 乙 (its beams' face at x = 12 m) and
// the front axle at x = 10.105 m, the fork tips (1.545 m ahead) are 12 - 11.65 = 0.35 m from the
// face; in bay 甲, 3 m beside the rack's line, the forks face no rack.
TEST(ForkliftAids, TheForkTipsDistanceToTheRackBeamReadsOnlyFacingARack) {
  auto lined = n1TruckAt(10.105, -3.0, 1);
  ASSERT_TRUE(lined);
  EXPECT_DOUBLE_EQ(metricOf(*lined, "at_rack"), 1.0);
  EXPECT_NEAR(metricOf(*lined, "rack_distance"), 0.35, 0.005);
  auto bay = n1TruckAt(0.34, 0.0, 1);
  ASSERT_TRUE(bay);
  EXPECT_DOUBLE_EQ(metricOf(*bay, "at_rack"), 0.0);
  EXPECT_DOUBLE_EQ(metricOf(*bay, "rack_distance"), 0.0);
}
