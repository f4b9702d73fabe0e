// Faults of the machines themselves (issue 17 point 4): each machine declares the faults it models
// and begins one on Simulation::beginFault. Physical laws with tolerances: the crane's fading
// hoist brake (Newton's second law while it slips, no drift while it holds), its failed upper
// limit switch (the hook passes the limit and stops at the mechanical end with an event), the
// forklift's soft tyre (the lean atan(dr / track), the drift towards the soft side).
#include "CraneCourse.h"
#include "ForkliftFixture.h"

#include <skillsim/sim/Simulation.h>
#include <skillsim/sim/machines/forklift/ForkliftSpec.h>
#include <skillsim/sim/machines/overhead_crane/OverheadCraneSpec.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
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

void run(Simulation& sim, const ActionState& a, double seconds) {
  const auto ticks = static_cast<int>(std::lround(seconds * sim.spec().tickRate));
  for (int i = 0; i < ticks; ++i) {
    sim.step(a);
  }
}

/** Least-squares fit of y = c0 + c1 t + c2 t^2 / 2; returns c2 (the acceleration). */
double fittedAcceleration(const std::vector<double>& t, const std::vector<double>& y) {
  // Normal equations for the basis (1, t, t^2 / 2), solved by Cramer's rule.
  double s[5] = {0, 0, 0, 0, 0};
  double r[3] = {0, 0, 0};
  for (std::size_t i = 0; i < t.size(); ++i) {
    const double b[3] = {1.0, t[i], 0.5 * t[i] * t[i]};
    for (int k = 0; k < 3; ++k) {
      r[k] += b[k] * y[i];
    }
    s[0] += 1.0;
    s[1] += t[i];
    s[2] += t[i] * t[i];
    s[3] += t[i] * t[i] * t[i];
    s[4] += t[i] * t[i] * t[i] * t[i];
  }
  const double m[3][3] = {
      {s[0], s[1], 0.5 * s[2]}, {s[1], s[2], 0.5 * s[3]}, {0.5 * s[2], 0.5 * s[3], 0.25 * s[4]}};
  auto det = [](const double a[3][3]) {
    return a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) -
           a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0]) +
           a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
  };
  double m2[3][3];
  for (int i = 0; i < 3; ++i) {
    for (int j = 0; j < 3; ++j) {
      m2[i][j] = j == 2 ? r[i] : m[i][j];
    }
  }
  return det(m2) / det(m);
}

/** A 4 t load hanging 6 m under the sheave of the bay crane (5 t rated, 50 kg hook block). */
struct HangingCrane {
  SimulationSpec spec = hangingLoad(6.0, 4000.0, 50.0);
  std::unique_ptr<Simulation> sim;
  HangingCrane() {
    sim = build(spec);
    sim->step(craneActions(0, 0, 0, bit(crane_controls::kAttach)));
    run(*sim, ActionState{}, 2.0); // settle on the rope
  }
};

const FaultDecl* faultOf(const Simulation& sim, const std::string& id) {
  return sim.machine() == nullptr ? nullptr : sim.machine()->fault(id);
}

} // namespace

TEST(MachineFaults, EachMachineDeclaresItsFaultsWithWordsAndRanges) {
  HangingCrane crane;
  const FaultDecl* fade = faultOf(*crane.sim, "hoist_brake_fade");
  ASSERT_NE(fade, nullptr);
  EXPECT_EQ(fade->labelEn, "hoist brake fading");
  EXPECT_FALSE(fade->labelZh.empty());
  ASSERT_NE(fade->param("holding_fraction"), nullptr);
  EXPECT_EQ(fade->param("holding_fraction")->max, 1.0);
  EXPECT_FALSE(fade->param("holding_fraction")->defaultValue.has_value());
  ASSERT_NE(fade->param("fade_s"), nullptr);
  EXPECT_EQ(fade->param("fade_s")->unit, Unit::Second);
  EXPECT_NE(faultOf(*crane.sim, "hoist_upper_limit_fails"), nullptr);
  EXPECT_EQ(faultOf(*crane.sim, "tyre_pressure_loss"), nullptr);
  auto truck = build(forkliftFloor());
  const FaultDecl* tyre = faultOf(*truck, "tyre_pressure_loss");
  ASSERT_NE(tyre, nullptr);
  ASSERT_NE(tyre->param("tyre"), nullptr);
  EXPECT_EQ(tyre->param("tyre")->choices,
            (std::vector<std::string>{"front_left", "front_right", "rear_left", "rear_right"}));
  ASSERT_NE(tyre->param("radius_loss_m"), nullptr);
  EXPECT_EQ(tyre->param("radius_loss_m")->unit, Unit::Metre);
}

TEST(MachineFaults, AFadedHoistBrakeLetsTheLoadAccelerateDownPerNewtonsSecondLaw) {
  HangingCrane crane;
  Simulation& sim = *crane.sim;
  const OverheadCraneSpec& c = *overheadCraneOf(crane.spec);
  const double moving = 4000.0 + c.hookMass;                                    // kg on the rope
  const double capacity = c.hoistBrakeFactor * (c.ratedLoad + c.hookMass) * kG; // N at the hook
  const double f = 0.3;
  ASSERT_LT(f, moving * kG / capacity) << "the brake must be too weak to hold";
  const double y0 = sim.bodyPosition("bucket")->y;
  sim.beginFault("hoist_brake_fade", {{"holding_fraction", f}, {"fade_s", 0.0}});
  // Newton's second law on the load, the hook block and the drive's rotating parts (their mass
  // at the hook), pulled by gravity and held by the brake's sliding friction.
  const double law = (moving * kG - f * capacity) / (moving + c.hoistDriveMass);
  std::vector<double> t, y;
  const double dt = 1.0 / sim.spec().tickRate;
  const double start = sim.time();
  for (int i = 0; i < static_cast<int>(2.5 / dt); ++i) {
    sim.step(ActionState{});
    if (sim.time() - start > 0.25) { // past the rope's first bounce
      t.push_back(sim.time() - start);
      y.push_back(-sim.bodyPosition("bucket")->y);
    }
  }
  const double measured = fittedAcceleration(t, y);
  EXPECT_NEAR(measured, law, 0.05 * law) << "law " << law << " m/s^2";
  RecordProperty("acceleration_m_s2", std::to_string(measured));
  RecordProperty("law_m_s2", std::to_string(law));
  EXPECT_LT(sim.bodyPosition("bucket")->y, y0 - 1.0);
  EXPECT_LT(metric(sim, "hoist_speed"), -0.5) << "the hoist reads the creep";
  EXPECT_FALSE(sim.stopped());
}

TEST(MachineFaults, AHoistBrakeThatStillHoldsEnoughLetsNoLoadDrift) {
  HangingCrane crane;
  Simulation& sim = *crane.sim;
  const OverheadCraneSpec& c = *overheadCraneOf(crane.spec);
  const double capacity = c.hoistBrakeFactor * (c.ratedLoad + c.hookMass) * kG;
  const double f = 0.8; // holds 49.5 kN against 39.2 kN hanging
  ASSERT_GT(f * capacity, (4000.0 + c.hookMass) * kG);
  sim.beginFault("hoist_brake_fade", {{"holding_fraction", f}, {"fade_s", 3.0}});
  run(sim, ActionState{}, 4.0); // faded to 0.8 after 3 s
  const double before = sim.bodyPosition("bucket")->y;
  run(sim, ActionState{}, 2.0);
  const double drift = std::abs(sim.bodyPosition("bucket")->y - before) / 2.0;
  EXPECT_LT(drift, 1e-3) << "m/s";
  RecordProperty("drift_m_s", std::to_string(drift));
  // Fading over 3 s to f = 0.3: holds until the holding force falls under the weight, then slips.
  HangingCrane slow;
  slow.sim->beginFault("hoist_brake_fade", {{"holding_fraction", 0.3}, {"fade_s", 3.0}});
  const double start = slow.sim->bodyPosition("bucket")->y;
  // The weight is 0.642 of the capacity: the holding fraction 1 - 0.7 t / 3 s passes it at 1.53 s.
  run(*slow.sim, ActionState{}, 1.4);
  EXPECT_NEAR(slow.sim->bodyPosition("bucket")->y, start, 1e-3);
  run(*slow.sim, ActionState{}, 1.6);
  EXPECT_LT(slow.sim->bodyPosition("bucket")->y, start - 0.02);
}

TEST(MachineFaults, TheHoistDriveCatchesASlippingLoadWhenSwitchedOn) {
  HangingCrane crane;
  Simulation& sim = *crane.sim;
  sim.beginFault("hoist_brake_fade", {{"holding_fraction", 0.0}, {"fade_s", 0.0}});
  run(sim, ActionState{}, 0.5);
  ASSERT_LT(metric(sim, "hoist_speed"), -0.2);
  // Lowering at the first notch: the drive takes the drum at its speed, then brings it to the
  // notch's speed (0.25 m/s / 5) within its acceleration (0.3 m/s^2).
  run(sim, craneActions(0, 0, -0.2f, 0), 3.0);
  EXPECT_NEAR(metric(sim, "hoist_speed"), -0.05, 1e-9);
  EXPECT_FALSE(sim.stopped());
}

TEST(MachineFaults, WithoutTheFaultHoistingStopsAtTheUpperLimitWithinATicksTravel) {
  SimulationSpec spec;
  OverheadCraneSpec c = bayCrane();
  c.initialRopeLength = 3.0;
  spec.machine = overheadCraneMachine(c);
  auto sim = build(spec);
  const double dt = 1.0 / sim->spec().tickRate;
  double least = 1e9;
  for (int i = 0; i < static_cast<int>(20.0 / dt); ++i) {
    sim->step(craneActions(0, 0, 1.0f, 0));
    least = std::min(least, metric(*sim, "rope_length"));
  }
  EXPECT_GE(least, c.minRopeLength - c.hoist.maxSpeed * dt);
  EXPECT_NEAR(metric(*sim, "rope_length"), c.minRopeLength, c.hoist.maxSpeed * dt);
  // The hook's underside at the limit: sheave - rope - block.
  EXPECT_NEAR(metric(*sim, "hook_height"), c.liftHeight - c.minRopeLength - kHookBlockHeight, 0.01);
}

TEST(MachineFaults, WithTheUpperLimitSwitchFailedTheHookPassesItAndStopsAtTheTrolley) {
  SimulationSpec spec;
  OverheadCraneSpec c = bayCrane();
  c.initialRopeLength = 3.0;
  spec.machine = overheadCraneMachine(c);
  auto sim = build(spec);
  sim->beginFault("hoist_upper_limit_fails", {});
  const double dt = 1.0 / sim->spec().tickRate;
  std::vector<SimEvent> blocked;
  double speedAtLimit = 0.0;
  for (int i = 0; i < static_cast<int>(20.0 / dt); ++i) {
    sim->step(craneActions(0, 0, 1.0f, 0));
    if (std::abs(metric(*sim, "rope_length") - c.minRopeLength) < 0.5 * c.hoist.maxSpeed * dt) {
      speedAtLimit = metric(*sim, "hoist_speed");
    }
    for (const SimEvent& e : sim->events()) {
      if (e.is("two_blocking")) {
        blocked.push_back(e);
      }
    }
  }
  // No slow-down either: full speed past the old limit, then the block meets the trolley once.
  EXPECT_NEAR(speedAtLimit, c.hoist.maxSpeed, 1e-9);
  EXPECT_LT(metric(*sim, "rope_length"), c.minRopeLength - 0.4);
  EXPECT_NEAR(metric(*sim, "rope_length"), 0.0, 1e-9);
  ASSERT_EQ(blocked.size(), 1u);
  EXPECT_NEAR(blocked[0].value, c.hoist.maxSpeed, 1e-9) << "it hit at full speed (m/s)";
  EXPECT_EQ(blocked[0].subject, "hook");
  EXPECT_GT(metric(*sim, "hook_height"), c.liftHeight - c.minRopeLength - kHookBlockHeight + 0.4);
  EXPECT_NEAR(metric(*sim, "hook_height"), c.liftHeight - kHookBlockHeight, 0.01);
  EXPECT_FALSE(sim->stopped()) << "no physics fault at the mechanical end";
  // Lowering still works, and hoisting back up is a second two-blocking.
  run(*sim, craneActions(0, 0, -1.0f, 0), 3.0);
  EXPECT_GT(metric(*sim, "rope_length"), 0.4);
  std::size_t again = 0;
  for (int i = 0; i < static_cast<int>(6.0 / dt); ++i) {
    sim->step(craneActions(0, 0, 1.0f, 0));
    for (const SimEvent& e : sim->events()) {
      again += e.is("two_blocking") ? 1 : 0;
    }
  }
  EXPECT_EQ(again, 1u);
  EXPECT_FALSE(sim->stopped());
}

namespace {

/** The truck's roll angle (rad, + the right side up). */
double roll(Simulation& sim) { return metric(sim, "roll_angle"); }

/**
 * The default truck with its forks at 0.25 m (the N1 travel height): on the ground (12 mm under
 * the tines) the fork tips would rest on the floor once the front sinks by a few millimetres.
 */
SimulationSpec raisedForks() {
  ForkliftSpec truck;
  truck.initialLift = 0.25;
  return forkliftFloor(truck);
}

FaultParams softTyre(double tyre, double loss, double time = 0.0) {
  return {{"tyre", tyre}, {"radius_loss_m", loss}, {"deflate_s", time}};
}

} // namespace

TEST(MachineFaults, ASoftFrontTyreLeansTheTruckAtRestByAtanOfTheLossOverTheTrack) {
  const ForkliftSpec truck;
  const double loss = 0.03;
  const double law = std::atan(loss / truck.frontTrack);
  for (int side : {0, 1}) { // front_left, front_right
    auto sim = build(raisedForks());
    run(*sim, ActionState{}, 2.0);
    const double before = roll(*sim);
    sim->beginFault("tyre_pressure_loss", softTyre(side, loss, 1.0));
    run(*sim, ActionState{}, 4.0);
    const double lean = roll(*sim) - before;
    // Left is -Z: with the left tyre low the right side (+Z) rises, a positive roll.
    const double expected = side == 0 ? law : -law;
    EXPECT_NEAR(lean, expected, 0.1 * law) << (side == 0 ? "front_left" : "front_right");
    RecordProperty(side == 0 ? "lean_left_rad" : "lean_right_rad", std::to_string(lean));
    EXPECT_FALSE(sim->stopped());
  }
  RecordProperty("law_rad", std::to_string(law));
}

TEST(MachineFaults, ASoftRearTyreDoesNotLeanTheTruckItsAxlePivots) {
  const ForkliftSpec truck;
  const double loss = 0.03;
  auto sim = build(raisedForks());
  run(*sim, ActionState{}, 2.0);
  const double before = roll(*sim);
  const double pitchBefore = metric(*sim, "pitch_angle");
  sim->beginFault("tyre_pressure_loss", softTyre(2, loss));
  run(*sim, ActionState{}, 3.0);
  // The rear axle pivots on the frame: its low tyre tilts the axle, not the truck; the pivot
  // drops by half the loss, which pitches the truck back by dr / (2 wheelbase).
  EXPECT_LT(std::abs(roll(*sim) - before), 0.1 * std::atan(loss / truck.rearTrack));
  const double pitch = metric(*sim, "pitch_angle") - pitchBefore;
  EXPECT_NEAR(pitch, 0.5 * loss / truck.wheelbase, 0.2 * 0.5 * loss / truck.wheelbase);
}

namespace {

struct Drive {
  double yawRate = 0.0; ///< rad/s, + turning left.
  double speed = 0.0;   ///< m/s, the mean.
};

/** Drives forward with the steering wheel at zero; the fault (if any) begins at 4 s. */
Drive driveStraight(const FaultParams* fault) {
  auto sim = build(raisedForks());
  ForkliftInput in;
  in.parkingBrake = true;
  sim->step(forkliftActions(in)); // release
  in.parkingBrake = false;
  in.direction = 1.0;
  in.accelerator = 0.25;
  run(*sim, forkliftActions(in), 4.0);
  if (fault != nullptr) {
    sim->beginFault("tyre_pressure_loss", *fault);
  }
  run(*sim, forkliftActions(in), 1.0); // the tyre and the steer axle take it
  const double h0 = metric(*sim, "heading");
  double speeds = 0.0;
  const int ticks = 3 * 240;
  for (int i = 0; i < ticks; ++i) {
    sim->step(forkliftActions(in));
    speeds += metric(*sim, "travel_speed");
  }
  EXPECT_FALSE(sim->stopped());
  return {(metric(*sim, "heading") - h0) / 3.0, speeds / ticks};
}

} // namespace

TEST(MachineFaults, DrivingStraightOnASoftFrontTyreTheTruckDriftsTowardsTheSoftSide) {
  const ForkliftSpec truck;
  const double loss = 0.01;
  const Drive straight = driveStraight(nullptr);
  ASSERT_GT(straight.speed, 1.0);
  EXPECT_LT(std::abs(straight.yawRate), 1e-4) << "rad/s without the fault";
  for (int side : {0, 1}) {
    const FaultParams fault = softTyre(side, loss);
    const Drive soft = driveStraight(&fault);
    // The kinematic estimate: the drive axle on radii r and r - dr rolls on a circle of
    // radius r t / dr, so it turns at v dr / (r t), towards the soft side (+ = left).
    const double estimate =
        (side == 0 ? 1.0 : -1.0) * soft.speed * loss / (truck.frontWheelRadius * truck.frontTrack);
    EXPECT_EQ(soft.yawRate > 0.0, side == 0) << "drifts towards the soft side";
    EXPECT_NEAR(soft.yawRate, estimate, 0.2 * std::abs(estimate));
    RecordProperty(side == 0 ? "yaw_left_rad_s" : "yaw_right_rad_s", std::to_string(soft.yawRate));
    RecordProperty(side == 0 ? "estimate_left_rad_s" : "estimate_right_rad_s",
                   std::to_string(estimate));
  }
}

TEST(MachineFaults, BegunAtTheSameTickTheyGiveTheSameStateBits) {
  auto once = [] {
    HangingCrane crane;
    crane.sim->beginFault("hoist_brake_fade", {{"holding_fraction", 0.2}, {"fade_s", 1.0}});
    run(*crane.sim, ActionState{}, 2.0);
    return crane.sim->stateHash();
  };
  const auto a = once();
  EXPECT_EQ(a, once());
  HangingCrane calm;
  run(*calm.sim, ActionState{}, 2.0);
  EXPECT_NE(a, calm.sim->stateHash()) << "the fault changes the state";
}
