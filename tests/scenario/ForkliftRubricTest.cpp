// The N1 rubric's forklift rules (issue 15 point 4): each deduction and automatic fail fires from
// crafted attempts on the shipped N1 mock exam, with the figures worked out by hand from the
// field's geometry (bay 甲: 5.8 x 1.75 m centred on the origin, 50 mm lines centred on its edges;
// the truck 1.225 m wide, 0.525 m behind the 1.70 m wheelbase, forks 0.475-1.545 m ahead of the
// front axle; rack 乙's front beams' face on x = 12 m).
#include "../sim/ForkliftFixture.h"

#include <skillsim/scenario/AttemptRunner.h>
#include <skillsim/scenario/ScenarioLoader.h>

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>

using namespace skillsim;
using namespace skillsim::scenario;
using skillsim::sim::testing::forkliftActions;
using skillsim::sim::testing::ForkliftInput;

namespace {

const std::filesystem::path kRoot(SKILLSIM_SOURCE_DIR);

std::string n1Text() {
  std::ifstream in(kRoot / "scenarios/forklift/n1_field_test.toml", std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

/** The N1 file's tick rate (Hz). */
double n1TickRate() {
  auto scenario = loadScenario(kRoot / "scenarios/forklift/n1_field_test.toml");
  EXPECT_TRUE(scenario) << scenario.error().toString();
  return scenario ? static_cast<double>(scenario->simulation.tickRate) : 240.0;
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) {
    text.replace(at, from.size(), to);
  }
  return text;
}

/** The N1 mock exam with the truck placed at (x, z) facing +x, forks at `lift` (m). */
std::string withTruckAt(double x, double z, double lift = 0.0) {
  char line[160];
  std::snprintf(line, sizeof line, "initial_position = [%.4f, 0.0, %.4f]\ninitial_lift = %.4f\n", x,
                z, lift);
  return replace(n1Text(), "initial_position = [0.34, 0.0, 0.0]", line);
}

struct Attempt {
  assessment::AttemptResult result;
  double lastPlacementOffset = 0.0; ///< The placement_offset metric at the end (m).
  double forkHeightAtStart = 0.0;   ///< After the first tick (m).
};

/** Runs `text` (written next to the shipped scenario's assets) for `seconds` of `inputs(t)`. */
Attempt attempt(const std::string& text, double seconds,
                const std::function<ForkliftInput(double)>& inputs) {
  const std::filesystem::path file =
      std::filesystem::temp_directory_path() /
      (std::string("skillsim-forklift-rubric-") +
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
    return {};
  }
  auto runner = AttemptRunner::create(*scenario);
  EXPECT_TRUE(runner) << runner.error().toString();
  if (!runner) {
    return {};
  }
  Attempt run;
  const double rate = static_cast<double>(scenario->simulation.tickRate);
  const auto ticks = static_cast<int>(std::lround(seconds * rate));
  for (int i = 0; i < ticks && !(*runner)->finished(); ++i) {
    (*runner)->step(forkliftActions(inputs(i / rate)));
    const auto& m = (*runner)->simulation().metrics();
    if (i == 0) {
      run.forkHeightAtStart = m.get(*m.find("fork_height"));
    }
    run.lastPlacementOffset = m.get(*m.find("placement_offset"));
  }
  run.result = (*runner)->result();
  return run;
}

ForkliftInput idle(double) { return {}; }

/** Parking brake released at the start, then reverse at 30 % accelerator. */
ForkliftInput reverseSlowly(double t) {
  ForkliftInput in;
  in.parkingBrake = t == 0.0; // pressed on the first tick
  if (t > 0.5) {
    in.direction = -1.0;
    in.accelerator = 0.3;
  }
  return in;
}

const assessment::Deduction* deduction(const assessment::AttemptResult& r, const std::string& id) {
  for (const auto& d : r.deductions) {
    if (d.criterionId == id) {
      return &d;
    }
  }
  return nullptr;
}

int count(const assessment::AttemptResult& r, const std::string& id) {
  int n = 0;
  for (const auto& d : r.deductions) {
    n += d.criterionId == id ? 1 : 0;
  }
  return n;
}

} // namespace

TEST(ForkliftRubric, ASideOverTheBaysLineIsChargedAsATouchByItsOverlap) {
  // Truck 0.35 m right of the bay's middle: its side at 0.35 + 0.6125 = 0.9625 m, the line's
  // inner edge at 0.875 - 0.025 = 0.85 m: 0.1125 m over; the fail (0.30 m past 0.90) not reached.
  const Attempt run = attempt(withTruckAt(0.34, 0.35), 0.5, idle);
  const auto* d = deduction(run.result, "touched_line");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->itemId, "contact");
  EXPECT_DOUBLE_EQ(d->points, 5.0);
  EXPECT_NEAR(d->measured, 0.1125, 0.002);
  EXPECT_EQ(count(run.result, "touched_line"), 1);
  EXPECT_TRUE(run.result.vetoes.empty());
}

TEST(ForkliftRubric, MoreThan30cmPastAnEdgeLineFailsTheAttempt) {
  // Side at 0.70 + 0.6125 = 1.3125 m, the line's outer edge at 0.90 m: 0.4125 m past it.
  const Attempt run = attempt(withTruckAt(0.34, 0.70), 0.5, idle);
  ASSERT_EQ(run.result.vetoes.size(), 1u);
  EXPECT_EQ(run.result.vetoes[0].criterionId, "edge_line_crossed");
  EXPECT_EQ(run.result.vetoes[0].itemId, "veto_edge_line");
  EXPECT_NEAR(run.result.vetoes[0].finding.value, 0.4125, 0.002);
  EXPECT_FALSE(run.result.passed);
  EXPECT_FALSE(run.result.completed);
}

TEST(ForkliftRubric, ReversingOverTheBackLineTouchesItThenFailsAt30cmPast) {
  // Centred in bay 甲, the counterweight's back at 0.34 - 1.70 - 0.525 = -1.885 m; the back line
  // spans -2.925..-2.875 m: a touch after 0.99 m of reversing, the fail 0.30 m past -2.925 m.
  const Attempt run = attempt(withTruckAt(0.34, 0.0), 8.0, reverseSlowly);
  const auto* d = deduction(run.result, "touched_line");
  ASSERT_NE(d, nullptr);
  EXPECT_GT(d->measured, 0.0);
  EXPECT_LT(d->measured, 0.01); // at most one tick's travel past the edge
  ASSERT_EQ(run.result.vetoes.size(), 1u);
  const assessment::Veto& v = run.result.vetoes[0];
  EXPECT_EQ(v.criterionId, "edge_line_crossed");
  EXPECT_GT(v.finding.value, 0.30);
  EXPECT_LT(v.finding.value, 0.31);
  EXPECT_LT(d->tick, v.tick);
  EXPECT_FALSE(run.result.passed);
}

TEST(ForkliftRubric, LeavingTheRackWithTheForksAbove90cmFailsTheAttempt) {
  // Fork tips 0.55 m in front of rack 乙 (front axle at 12 - 0.55 - 1.545 = 9.905 m), forks at
  // 1.2 m: reversing takes them 1 m out of the rack at that height.
  const Attempt run = attempt(withTruckAt(9.905, -3.0, 1.2), 4.0, reverseSlowly);
  ASSERT_EQ(run.result.vetoes.size(), 1u);
  const assessment::Veto& v = run.result.vetoes[0];
  EXPECT_EQ(v.criterionId, "left_rack_forks_high");
  EXPECT_EQ(v.itemId, "veto_forks_high");
  EXPECT_GT(run.forkHeightAtStart, 1.19);
  EXPECT_NEAR(v.finding.value, run.forkHeightAtStart, 0.005); // the forks held their height
  // It fires as the tips pass 1 m out: 0.45 m of reversing, tips at x = 11.0 m, on the first tick
  // past it (within one tick's travel: under 1 m/s x 1/50 s).
  EXPECT_LE(v.position.x, 11.0);
  EXPECT_GT(v.position.x, 11.0 - 0.02);
  EXPECT_FALSE(run.result.passed);
}

TEST(ForkliftRubric, LeavingTheRackWithTheForksLowIsNoFault) {
  const Attempt run = attempt(withTruckAt(9.905, -3.0, 0.6), 4.0, reverseSlowly);
  EXPECT_TRUE(run.result.vetoes.empty());
}

TEST(ForkliftRubric, AFallingLoadIsADroppedLoadAndFailsTheAttempt) {
  // A pallet let go 0.5 m above the floor: its underside falls faster than 1 m/s after
  // 1^2 / (2 g) = 0.051 m, at t = 1 / g = 0.102 s.
  std::string text = replace(n1Text(), "[[machine.bays]]\nname = \"bay_jia\"",
                             "[[machine.pallets]]\nname = \"falling\"\nposition = [5.0, 0.5, "
                             "3.0]\n\n[[machine.bays]]\nname = \"bay_jia\"");
  const Attempt run = attempt(text, 1.0, idle);
  ASSERT_EQ(run.result.vetoes.size(), 1u);
  const assessment::Veto& v = run.result.vetoes[0];
  EXPECT_EQ(v.criterionId, "load_dropped");
  EXPECT_EQ(v.itemId, "veto_load_dropped");
  EXPECT_GT(v.finding.value, 1.0);
  const double dt = 1.0 / n1TickRate(); // the speed passes 1 m/s within one tick of g dt
  EXPECT_LE(v.finding.value, 1.0 + 9.81 * dt + 1e-9);
  EXPECT_NEAR(v.time, 1.0 / 9.81, 2.0 * dt);
  EXPECT_NEAR(v.position.x, 5.0, 1e-6);
}

TEST(ForkliftRubric, PalletsRestingOnTheirTiersAreNeitherDroppedNorPlaced) {
  const Attempt run = attempt(n1Text(), 3.0, idle);
  EXPECT_TRUE(run.result.vetoes.empty());
  EXPECT_TRUE(run.result.deductions.empty());
  EXPECT_EQ(run.lastPlacementOffset, 0.0);
}

namespace {

/**
 * Rack 乙 cleared of its load (moved away on the floor); the truck before it with a pallet on
 * its forks (lift 0.15 m) whose face towards the aisle lies `offset` m behind the front beams'
 * face (pallet centre at 12 + offset + 0.5 m). The front axle at 11.45 m keeps the mast's face
 * (0.475 m ahead) 75 mm clear of the 1.5 m tier's beam, and the forks (to 12.995 m) under the
 * pallet's centre; an overhang into the aisle needs the truck further back (the pallet's near
 * edge must stay ahead of the fork face). The fork tops are at 0.012 + 0.15 - 0.0075 (tyre sag) +
 * 0.045 m; the pallet's deck underside 2 mm above them.
 */
std::string palletOnForks(double offset, double truckX = 11.45) {
  std::string text =
      replace(n1Text(), "position = [12.45, 1.5, -3.0]", "position = [30.0, 0.0, 30.0]");
  char pallet[200];
  const double forkTop = 0.012 + 0.15 - 0.0075 + 0.045;
  std::snprintf(pallet, sizeof pallet,
                "[[machine.pallets]]\nname = \"carried\"\nposition = [%.4f, %.4f, -3.0]\n\n"
                "[[machine.bays]]\nname = \"bay_jia\"",
                12.0 + offset + 0.5, forkTop + 0.002 - 0.1);
  text = replace(text, "[[machine.bays]]\nname = \"bay_jia\"", pallet);
  char truck[160];
  std::snprintf(truck, sizeof truck, "initial_position = [%.4f, 0.0, -3.0]\ninitial_lift = 0.15\n",
                truckX);
  return replace(text, "initial_position = [0.34, 0.0, 0.0]", truck);
}

/** Lift 0.3 s (off its rest), lower 1 s (set down on the floor tier), then wait. */
ForkliftInput setDown(double t) {
  ForkliftInput in;
  if (t < 0.3) {
    in.lift = 1.0;
  } else if (t < 1.3) {
    in.lift = -1.0;
  }
  return in;
}

} // namespace

TEST(ForkliftRubric, ALoadSetDown10cmBehindTheFrontBeamIsCharged) {
  const Attempt run = attempt(palletOnForks(0.10), 4.0, setDown);
  const auto* d = deduction(run.result, "placed_off_beam");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->itemId, "placement");
  EXPECT_DOUBLE_EQ(d->points, 5.0);
  EXPECT_NEAR(d->measured, 0.10, 0.005);
  EXPECT_EQ(count(run.result, "placed_off_beam"), 1);
  EXPECT_TRUE(run.result.vetoes.empty());
}

TEST(ForkliftRubric, ALoadSetDownOverhangingTheAisle8cmIsCharged) {
  const Attempt run = attempt(palletOnForks(-0.08, 11.30), 4.0, setDown);
  const auto* d = deduction(run.result, "placed_off_beam");
  ASSERT_NE(d, nullptr);
  EXPECT_NEAR(d->measured, 0.08, 0.005);
}

TEST(ForkliftRubric, ALoadSetDownWithin5cmOfTheFrontBeamIsNoFault) {
  const Attempt run = attempt(palletOnForks(0.03), 4.0, setDown);
  EXPECT_EQ(deduction(run.result, "placed_off_beam"), nullptr);
  EXPECT_NEAR(run.lastPlacementOffset, 0.03, 0.005); // it was set down, and measured
  EXPECT_TRUE(run.result.vetoes.empty());
}
