// The forklift's scenario section (issue 15 points 4 and 7): the shipped N1 mock exam loads and
// builds, and every new field's bad value is reported at its file:line:column.
#include <skillsim/scenario/AttemptRunner.h>
#include <skillsim/scenario/ScenarioLoader.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
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
  for (int i = 0; i < 240 * 2; ++i) {
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
  EXPECT_EQ(scenario->simulation.bodies.size(), 11u); // 5 figure-8 poles, 6 in the 工 corridor
  for (const sim::BodySpec& b : scenario->simulation.bodies) {
    EXPECT_NEAR(b.shape.size.y, 1.5, 1e-12) << b.name; // 1.5 m poles
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
