#pragma once

// Test fixtures for the forklift: the truck on a flat floor, written inline (STYLE.md), inputs by
// control slot (forklift_controls), and a scripted drive whose inputs depend only on the tick.

#include <skillsim/core/ActionState.h>
#include <skillsim/sim/Simulation.h>
#include <skillsim/sim/SimulationSpec.h>
#include <skillsim/sim/machines/forklift/ForkliftSpec.h>

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>

namespace skillsim::sim::testing {

/**
 * How a forklift test steps the world: a scenario's [simulation] tick_rate, solver_iterations and
 * friction_directions.
 */
struct ForkliftStepping {
  std::uint32_t tickRate = 240; ///< Hz.
  int solverIterations = 20;
  int frictionDirections = 1;
  const char* name = ""; ///< For test names.
};

/** The truck as first built, and the pole course's settings (scenarios/forklift/pole_course.toml).
 */
inline constexpr ForkliftStepping kDefaultStepping{240, 20, 1, "At240Hz"};
/**
 * scenarios/forklift/n1_field_test.toml's settings (docs/machines/forklift.md, Speed): every
 * physical-law test also runs at these, and ForkliftScenario.TheN1FieldTestStepsAsThePhysicsTestsDo
 * checks that the file says the same.
 */
inline constexpr ForkliftStepping kN1Stepping{50, 16, 2, "AtN1Field50Hz"};

/** Test-name suffix of a ForkliftStepping parameter. */
inline std::string steppingName(const ForkliftStepping& s) { return s.name; }

/** gtest prints a stepping by its name. */
inline void PrintTo(const ForkliftStepping& s, std::ostream* out) { *out << s.name; }

/** The default 3 t truck at the origin heading +X on a flat floor (240 Hz, 20 iterations). */
inline SimulationSpec forkliftFloor(const ForkliftSpec& truck = ForkliftSpec{},
                                    const ForkliftStepping& stepping = kDefaultStepping) {
  SimulationSpec spec;
  spec.tickRate = stepping.tickRate;
  spec.solverIterations = stepping.solverIterations;
  spec.frictionDirections = stepping.frictionDirections;
  spec.machine = forkliftMachine(truck);
  return spec;
}

/** The controls of one tick (pedals in [0, 1], steering and levers in [-1, 1]). */
struct ForkliftInput {
  double accelerator = 0.0;
  double brake = 0.0;
  double inching = 0.0;
  double steering = 0.0;
  double direction = 0.0;
  double lift = 0.0;
  double tilt = 0.0;
  bool horn = false;
  bool parkingBrake = false; ///< Held: each press toggles the lever.
};

inline core::ActionState forkliftActions(const ForkliftInput& in) {
  namespace fc = forklift_controls;
  core::ActionState a;
  a.setAxis(fc::kAccelerator, static_cast<float>(in.accelerator));
  a.setAxis(fc::kServiceBrake, static_cast<float>(in.brake));
  a.setAxis(fc::kInching, static_cast<float>(in.inching));
  a.setAxis(fc::kSteering, static_cast<float>(in.steering));
  a.setAxis(fc::kDirection, static_cast<float>(in.direction));
  a.setAxis(fc::kLift, static_cast<float>(in.lift));
  a.setAxis(fc::kTilt, static_cast<float>(in.tilt));
  a.setButton(fc::kHorn, in.horn);
  a.setButton(fc::kParkingBrake, in.parkingBrake);
  return a;
}

/**
 * A 30 s drive that uses every control (for determinism): release the parking brake, lift the
 * forks, drive forward turning right, brake, tilt, reverse turning left, brake, lower, park.
 * `tickRate` (Hz) turns the tick into seconds.
 */
inline core::ActionState scriptedForkliftActions(std::uint64_t tick, double tickRate = 240.0) {
  const double t = static_cast<double>(tick) / tickRate;
  ForkliftInput in;
  in.parkingBrake = tick < 2 || (t > 28.0 && t < 28.1);
  if (t < 1.0) {
    in.lift = 1.0;
  } else if (t < 8.0) {
    in.direction = 1.0;
    in.accelerator = 0.5;
    in.steering = t > 3.0 ? 0.6 : 0.0;
  } else if (t < 11.0) {
    in.direction = 1.0;
    in.brake = 1.0;
  } else if (t < 13.0) {
    in.tilt = t < 12.0 ? 1.0 : -1.0;
    in.brake = 0.5;
  } else if (t < 20.0) {
    in.direction = -1.0;
    in.accelerator = 0.35;
    in.steering = -0.8;
    in.inching = t > 18.0 ? 0.5 : 0.0;
  } else if (t < 24.0) {
    in.brake = 1.0;
    in.horn = t > 22.0 && t < 22.5;
  } else {
    in.lift = t < 26.0 ? -1.0 : 0.0;
    in.brake = 1.0;
  }
  return forkliftActions(in);
}

} // namespace skillsim::sim::testing
