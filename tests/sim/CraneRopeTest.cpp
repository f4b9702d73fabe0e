// The crane's hoist rope under abuse (issue 13 point 6): elastic wire rope, resonant driving,
// snatch loads.
#include "CraneCourse.h"

#include <skillsim/sim/Simulation.h>
#include <skillsim/sim/machines/overhead_crane/OverheadCraneSpec.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <optional>
#include <vector>

using namespace skillsim::sim;
using namespace skillsim::sim::testing;
using skillsim::core::ActionState;

namespace {

constexpr double kG = 9.81;

std::unique_ptr<Simulation> build(const SimulationSpec& spec) {
  auto sim = Simulation::create(spec);
  EXPECT_TRUE(sim) << (sim ? "" : sim.error().toString());
  return std::move(sim).value();
}

/**
 * The resonance case of the issue: the rated 5 t load (a 0.8 m steel block) on 8.5 m of hoist
 * rope and a 1 m sling, hanging in the air; pendulum length sheave to the load's centre of mass
 * L = 8.5 + 0.4 (hook block) + 1.0 + 0.4 = 10.3 m.
 */
SimulationSpec resonanceRig() {
  SimulationSpec spec;
  OverheadCraneSpec c = bayCrane();
  c.initialBridge = 15.0;
  c.initialRopeLength = 8.5;
  c.slingLength = 1.0;
  c.maxRopeLength = 11.0;
  c.attachTolerance = 1.05; // engages the lug a sling's length below the hook
  const double cube = 0.8;
  const glm::dvec3 sheave(c.initialBridge, c.liftHeight, c.initialTrolley);
  const double drop = c.initialRopeLength + kHookBlockHeight + c.slingLength + 0.5 * cube;
  spec.bodies.push_back(cubeLoad("block", cube, 5000.0, sheave - glm::dvec3(0.0, drop, 0.0)));
  spec.machine = overheadCraneMachine(c);
  return spec;
}

/** The hook block's lower point (metrics hook_x, hook_height above the ground at y = 0, hook_z). */
glm::dvec3 hookBottom(const Simulation& sim) {
  return {metric(sim, "hook_x"), metric(sim, "hook_height"), metric(sim, "hook_z")};
}

constexpr double kResonanceLength = 8.5 + kHookBlockHeight + 1.0 + 0.4;

} // namespace

/**
 * Spring rate of the crane's hoist rope paid out to `length` (N/m): falls * E A / L, from the
 * spec, with L running on to the hook block's centre (half its 0.4 m height; OverheadCrane.cpp).
 */
double hoistStiffness(const OverheadCraneSpec& c, double length) {
  return c.hoistRopeFalls * c.axialRigidity(c.hoistRopeDiameter) /
         (length + 0.5 * kHookBlockHeight);
}

// Ten minutes of bridge reversals every half pendulum period (the swing's resonance), then
// hoisting at full speed to the upper limit while the reversals go on. Before issue 13 point 6
// (inextensible rope) this swung to 68 deg and the hoisting stopped the run with a physics fault
// (the hook block spinning at 548 rad/s; without the reversals the rope's span reached 1.73 x
// its length). Both fixes are needed: the elastic rope alone still faulted (the hook block's tilt
// mode, OverheadCrane.cpp); the block is now kept upright. The 640 simulated seconds take about
// 3 s in Release.
TEST(CraneRope, ResonantDrivingThenHoistingHoldsTheRope) {
  SimulationSpec spec = resonanceRig();
  const OverheadCraneSpec& crane = *overheadCraneOf(spec);
  auto sim = build(spec);
  sim->step(craneActions(0, 0, 0, bit(crane_controls::kAttach)));
  ASSERT_EQ(metric(*sim, "load_attached"), 1.0);
  const double halfPeriod = std::numbers::pi * std::sqrt(kResonanceLength / kG); // 3.22 s
  double maxSwing = 0.0;
  double worstExcess = 0.0; // (span - length - T / k) / length: beyond the elastic stretch
  double maxStretch = 0.0;  // (span - length) / length
  double maxSpin = 0.0;     // the hook block's tilt rate (rad/s)
  double maxSpeed = 0.0;    // the load's (m/s)
  double maxTension = 0.0;  // N
  std::optional<glm::dvec3> previousAxis;
  auto track = [&] {
    maxSwing = std::max(maxSwing, metric(*sim, "load_swing_angle"));
    maxSpeed = std::max(maxSpeed, metric(*sim, "load_speed"));
    maxTension = std::max(maxTension, metric(*sim, "rope_tension"));
    const double length = metric(*sim, "rope_length");
    const double stretch = metric(*sim, "rope_span") - length;
    const double elastic = metric(*sim, "rope_tension") / hoistStiffness(crane, length);
    worstExcess = std::max(worstExcess, (stretch - elastic) / length); // slack is no excess
    maxStretch = std::max(maxStretch, stretch / length);
    const glm::dvec3 axis = glm::normalize(*sim->bodyPosition("crane.hook") - hookBottom(*sim));
    if (previousAxis) {
      const double turn = std::acos(std::clamp(glm::dot(axis, *previousAxis), -1.0, 1.0));
      maxSpin = std::max(maxSpin, turn * sim->spec().tickRate);
    }
    previousAxis = axis;
  };
  for (int i = 0; i < 240 * 600 && !sim->stopped(); ++i) {
    const double t = i / 240.0;
    const float dir = static_cast<int>(t / halfPeriod) % 2 == 0 ? 1.0f : -1.0f;
    sim->step(craneActions(dir, 0, 0));
    track();
  }
  const double swingDriving = maxSwing;
  // Hoist to the upper limit (8 m at 0.25 m/s: 32 s) while the reversals go on.
  for (int i = 240 * 600; i < 240 * 640 && !sim->stopped(); ++i) {
    const double t = i / 240.0;
    const float dir = static_cast<int>(t / halfPeriod) % 2 == 0 ? 1.0f : -1.0f;
    sim->step(craneActions(dir, 0, 1.0f));
    track();
  }
  RecordProperty("swing_deg", std::to_string(swingDriving * 180.0 / std::numbers::pi));
  // Whipped at the upper limit the 5 t load snaps the rope taut: the stretch (T / k) can pass the
  // 2 % backstop (RopeConstraint::kStrainLimit), tensions a real rope would not survive.
  RecordProperty("max_stretch_percent", std::to_string(100.0 * maxStretch));
  RecordProperty("max_tension_n", std::to_string(maxTension));
  RecordProperty("hook_tilt_rate_rad_s", std::to_string(maxSpin));
  EXPECT_GT(swingDriving, 45.0 * std::numbers::pi / 180.0) << "the driving is at resonance";
  EXPECT_FALSE(sim->stopped()) << (sim->fault() ? sim->fault()->toString() : "");
  EXPECT_EQ(metric(*sim, "load_attached"), 1.0);
  EXPECT_NEAR(metric(*sim, "rope_length"), crane.minRopeLength, 1e-9) << "hoisted to the top";
  EXPECT_LT(worstExcess, 0.01);
  EXPECT_LT(maxSpin, 20.0);
  // A 76 degree swing on 10.3 m passes the bottom at sqrt(2 g L (1 - cos 76)) = 12.5 m/s.
  EXPECT_LT(maxSpeed, 20.0);
  RecordProperty("max_load_speed_m_s", std::to_string(maxSpeed));
}

namespace {

/**
 * The 5 t block resting on the ground under the hook, attached with the 1 m sling slack by
 * 0.15 m; then the hoist runs at `notch` (fraction) from rest. Returns the simulation after 4 s.
 */
struct PickUp {
  std::unique_ptr<Simulation> sim;
  double peak = 0.0; ///< N, hoist rope
  std::vector<SimEvent> snatches;
};

PickUp pickUp(float notch, double snatchFactor = 0.0) {
  SimulationSpec spec;
  OverheadCraneSpec c = bayCrane();
  c.slingLength = 1.0;
  c.snatchFactor = snatchFactor;
  const double cube = 0.8;
  // Hook bottom 0.85 m above the lug: the 1 m sling is slack by 0.15 m; the hoist reaches full
  // speed (0.25 m/s at 0.3 m/s^2: 0.83 s, 0.10 m) before it comes taut.
  c.attachTolerance = 1.0;
  c.initialRopeLength = c.liftHeight - kHookBlockHeight - (cube + 0.85);
  spec.bodies.push_back(
      cubeLoad("block", cube, 5000.0, {c.initialBridge, 0.5 * cube, c.initialTrolley}));
  spec.machine = overheadCraneMachine(c);
  PickUp p;
  p.sim = build(spec);
  p.sim->step(craneActions(0, 0, 0, bit(crane_controls::kAttach)));
  EXPECT_EQ(metric(*p.sim, "load_attached"), 1.0);
  for (int i = 0; i < 240 * 4; ++i) {
    p.sim->step(craneActions(0, 0, notch));
    p.peak = std::max(p.peak, metric(*p.sim, "rope_tension"));
    for (const SimEvent& e : p.sim->events()) {
      if (e.is("snatch_load")) {
        p.snatches.push_back(e);
      }
    }
  }
  return p;
}

/**
 * Peak tension of a pick-up at hoist speed v (N): the load leaves the ground when the tension
 * reaches its weight, at rest while the rope's top end moves at v, so it oscillates on the
 * rope (hoist rope and sling in series, k) with velocity amplitude v: T = m g + v sqrt(k m).
 */
double predictedPeak(double v) {
  const OverheadCraneSpec c = bayCrane();
  const double rope = c.liftHeight - kHookBlockHeight - (0.8 + 0.85) - 0.15; // at the pick-up
  const double kRope = hoistStiffness(c, rope);
  const double kSling = c.axialRigidity(c.slingDiameter) / (1.0 + 0.5 * kHookBlockHeight);
  const double k = 1.0 / (1.0 / kRope + 1.0 / kSling); // 1.99e6 N/m
  return (5000.0 + c.hookMass) * kG + v * std::sqrt(k * 5000.0);
}

} // namespace

// Picking up 5 t with the hoist already at full speed: on main the inextensible rope gave a
// one-tick tension of 265 kN (5.4 x the weight). The elastic rope's peak is the spring-mass
// estimate (74.2 kN, 1.50 x); implicit Euler's damping (RopeConstraint.h) takes a little off
// it, so 5 %. It is over the snatch threshold (phi2 = 1.185) and raises one snatch_load event
// with the peak.
TEST(CraneRope, FullSpeedPickUpPeaksAsTheElasticRopePredicts) {
  PickUp p = pickUp(1.0f);
  const double law = predictedPeak(0.25);
  RecordProperty("peak_tension_n", std::to_string(p.peak));
  RecordProperty("predicted_n", std::to_string(law));
  EXPECT_NEAR(p.peak, law, 0.05 * law);
  EXPECT_LT(p.peak, 100e3);
  ASSERT_EQ(p.snatches.size(), 1u);
  EXPECT_DOUBLE_EQ(p.snatches[0].value, p.peak);
  EXPECT_EQ(p.snatches[0].subject, "load");
  EXPECT_EQ(p.snatches[0].subjectBody, "block");
  EXPECT_FALSE(p.sim->stopped());
}

// The first notch (0.05 m/s): peak 54.5 kN = 1.10 x, under phi2: no snatch.
TEST(CraneRope, GentlePickUpIsNoSnatch) {
  PickUp p = pickUp(0.2f);
  const double law = predictedPeak(0.05);
  EXPECT_NEAR(p.peak, law, 0.02 * law);
  EXPECT_LT(p.peak, bayCrane().snatchThreshold() * 5050.0 * kG);
  EXPECT_TRUE(p.snatches.empty());
  EXPECT_GT(metric(*p.sim, "load_height"), 0.01) << "it left the ground";
}

// The threshold is the spec's: 1.6 x lets the full-speed pick-up (1.48 x) pass.
TEST(CraneRope, SnatchThresholdIsConfigurable) {
  EXPECT_NEAR(bayCrane().snatchThreshold(), 1.10 + 0.34 * 0.25, 1e-12);
  PickUp p = pickUp(1.0f, 1.6);
  EXPECT_TRUE(p.snatches.empty());
}
