#pragma once

#include <skillsim/sim/Machine.h>
#include <skillsim/sim/SimulationSpec.h>

#include <glm/vec3.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace skillsim::sim {

/** Registry kind of the counterbalance forklift truck (`[machine] kind = "forklift"`). */
inline constexpr std::string_view kForkliftKind = "forklift";

/**
 * Axis slots and button bits of the forklift's controls, in declaration order
 * (ForkliftType.cpp, core::ControlLayout). Axes: accelerator, service brake and inching pedals
 * in [0, 1] (a negative reading counts as 0), steering wheel in [-1, 1] (+1 full lock to the
 * right), direction lever notched with one notch each way (-1 reverse, 0 neutral, +1 forward),
 * lift and tilt levers in [-1, 1] (+ raises the forks / tilts the mast back).
 */
namespace forklift_controls {
inline constexpr std::size_t kAccelerator = 0;
inline constexpr std::size_t kServiceBrake = 1;
inline constexpr std::size_t kInching = 2;
inline constexpr std::size_t kSteering = 3;
inline constexpr std::size_t kDirection = 4;
inline constexpr std::size_t kLift = 5;
inline constexpr std::size_t kTilt = 6;
inline constexpr std::size_t kHorn = 0;         ///< Button bit.
inline constexpr std::size_t kParkingBrake = 1; ///< Button bit: each press toggles the lever.
} // namespace forklift_controls

/**
 * A pallet rack of the forklift field (`[[machine.racks]]`): two frames of uprights with a pair
 * of beams (front and back) at each tier, static. `position` is the middle of the front beams'
 * line on the floor (m, world); the rack faces along `heading` (the direction a truck drives to
 * put a load in, +X at 0, positive turning left). N1: rack 乙 tiers 0 and 1.5 m, 丙 0.5 and 2.0 m.
 */
struct ForkliftRack {
  std::string name;          ///< Body names "<name>.upright…", "<name>.beam…"; tag "rack".
  glm::dvec3 position{0.0};  ///< m, world.
  double heading = 0.0;      ///< rad (the file writes `heading_deg`).
  std::vector<double> tiers; ///< Beam tops above the floor (m); 0 = the floor itself.
  double width = 1.6;        ///< Clear width between the frames (m).
  double depth = 0.9;        ///< Front beam to back beam, outer faces (m).
  double beamHeight = 0.1;   ///< m.
};

/**
 * A loaded pallet (`[[machine.pallets]]`): a 1200 x 1000 mm three-stringer pallet with its boxed
 * load, dynamic, carried on the forks by contact and friction only. Bodies: the load with the
 * deck board (one box) and three stringers under it (the entry openings between them), joined
 * rigidly. `width` is the face the forks enter, `depth` their direction.
 */
struct ForkliftPallet {
  std::string name;             ///< Body "<name>" (tag "load") and "<name>.stringer1…3".
  glm::dvec3 position{0.0};     ///< Centre of its underside (m, world).
  double heading = 0.0;         ///< Direction the forks enter along (rad; file: heading_deg).
  double width = 1.2;           ///< m.
  double depth = 1.0;           ///< m.
  double stringerWidth = 0.1;   ///< m, each of three.
  double openingHeight = 0.1;   ///< Stringer height: the entry openings' height (m).
  double deckThickness = 0.022; ///< m.
  double palletMass = 25.0;     ///< kg.
  double loadMass = 500.0;      ///< kg.
  double loadHeight = 0.6;      ///< m (N1: at least 0.5 m).
  double friction = 0.45;       ///< Timber on steel.
};

/**
 * A parking bay of the field (`[[machine.bays]]`), drawn as its edge lines (no body). N1 sizes it
 * from the truck: length L + 2 m (L with forks), width W + 0.4 m to W + 0.7 m.
 */
struct ForkliftBay {
  std::string name;
  glm::dvec3 position{0.0}; ///< Centre on the floor (m, world).
  double heading = 0.0;     ///< Its length along this direction (rad; file: heading_deg).
  double length = 0.0;      ///< m.
  double width = 0.0;       ///< m.
};

/**
 * A 3 t internal-combustion counterbalance forklift truck (docs/machines/forklift.md). Truck frame:
 * origin at the centre of the front (drive) axle on the ground, +X forward, +Y up, +Z to the
 * driver's right; heading is the rotation of +X about world +Y (0 = world +X, positive turns
 * left, towards world -Z).
 *
 * Defaults are the published data of a typical 3.0 t diesel counterbalance truck in the
 * VDI 2198 type sheet layout (Heli H3 CPCD30 / Hangcha A30 class: capacity 3000 kg at a 500 mm
 * load centre, wheelbase 1700 mm, tread 1000 / 970 mm, tyres 28x9-15 front and 6.50-10 rear,
 * service mass 4320 kg, lift height 3000 mm, tilt 6 deg forward / 12 deg back, forks
 * 1070 x 122 x 45 mm, travel speed 19 / 20 km/h laden / unladen, lift speed 0.45 / 0.48 m/s,
 * outside turning radius 2400 mm). The split of the service mass into frame, counterweight, mast
 * and carriage and their centres, the tyre stiffness and the braking deceleration are not on a
 * type sheet: they are estimates stated in forklift.md (proposed values).
 */
struct ForkliftSpec : MachineParams {
  glm::dvec3 initialPosition{0.0}; ///< Front axle centre on the ground at start (m, world).
  double initialHeading = 0.0;     ///< rad (the file writes `initial_heading_deg`).
  double initialLift = 0.0;        ///< Fork lift at start, [0, liftHeight] (m).
  double ratedCapacity = 3000.0;   ///< kg at loadCentre.
  double loadCentre = 0.5;         ///< m, from the fork face.
  double wheelbase = 1.70;         ///< Front to rear axle (m).
  double frontTrack = 1.00;        ///< Front tyre centres apart (m).
  double rearTrack = 0.97;         ///< Rear tyre centres apart (m).
  double frontWheelRadius = 0.355; ///< 28x9-15 tyre (m).
  double rearWheelRadius = 0.295;  ///< 6.50-10 tyre (m).
  double truckWidth = 1.225;       ///< Overall width (m).
  double rearOverhang = 0.525;     ///< Rear axle to the counterweight's back (m).
  double frontOverhang = 0.475;    ///< Front axle to the fork face (m).
  /** Frame with engine, cab and overhead guard, without counterweight, mast and carriage (kg). */
  double frameMass = 1900.0;
  glm::dvec3 frameCentre{-0.80, 0.70, 0.0};         ///< Its centre of mass (m, truck frame).
  double counterweightMass = 1700.0;                ///< kg.
  glm::dvec3 counterweightCentre{-1.85, 0.75, 0.0}; ///< m, truck frame.
  double mastMass = 450.0;                          ///< Outer and inner channels, cylinders (kg).
  double carriageMass = 270.0;   ///< Carriage, backrest and both forks (kg), shared by the forks.
  double mastHeight = 2.07;      ///< Lowered mast height (m).
  double liftHeight = 3.0;       ///< Highest fork position above the ground (m).
  double liftSpeed = 0.48;       ///< m/s, unladen (0.45 laden).
  double lowerSpeed = 0.50;      ///< m/s.
  double tiltForward = 0.10472;  ///< Largest forward tilt (rad, 6 deg).
  double tiltBack = 0.20944;     ///< Largest backward tilt (rad, 12 deg).
  double tiltSpeed = 0.07;       ///< rad/s (about 4 deg/s).
  double forkLength = 1.07;      ///< m.
  double forkWidth = 0.122;      ///< m.
  double forkThickness = 0.045;  ///< m.
  double forkSpread = 0.70;      ///< Fork centre to fork centre (m).
  double maxSpeedLaden = 5.28;   ///< m/s (19 km/h).
  double maxSpeedUnladen = 5.56; ///< m/s (20 km/h).
  double maxTractiveForce = 18000.0; ///< N at the front tyres, at standstill.
  /** Full service brake (or inching pedal fully down) deceleration on a dry floor (m/s^2). */
  double brakeDeceleration = 3.0;
  double rollingResistance = 0.015; ///< Coefficient (force / normal load) of solid-rubber tyres.
  double tyreFriction = 0.8;        ///< Tyre on dry concrete (Coulomb coefficient).
  double tyreStiffness = 1.2e6;     ///< Vertical, one tyre (N/m).
  double tyreDampingRatio = 0.7;    ///< Of the vertical tyre mode.
  double maxSteerAngle = 1.396; ///< Rear axle centre (bicycle) angle at full lock (rad, 80 deg).
  double steerRate = 1.0;       ///< Fastest change of that angle (rad/s).
  /** A load heavier than this share of ratedCapacity on the forks counts as laden. */
  double ladenShare = 0.2;
  std::vector<ForkliftRack> racks;
  std::vector<ForkliftPallet> pallets;
  std::vector<ForkliftBay> bays;

  /** Wheels' fixed x positions (m, truck frame): front 0, rear -wheelbase. */
  [[nodiscard]] double rearAxleX() const { return -wheelbase; }
  /** Truck length with forks (m): rear overhang + wheelbase + front overhang + fork length. */
  [[nodiscard]] double lengthWithForks() const {
    return rearOverhang + wheelbase + frontOverhang + forkLength;
  }
  /** Mass of the whole truck, unladen (kg). */
  [[nodiscard]] double serviceMass() const {
    return frameMass + counterweightMass + mastMass + carriageMass;
  }
};

/** The forklift machine type (registered as kForkliftKind in MachineRegistry::builtIn()). */
[[nodiscard]] std::shared_ptr<const MachineType> forkliftType();
/** A machine spec for a forklift built in code (tests): validated again on Simulation::create. */
[[nodiscard]] MachineSpec forkliftMachine(const ForkliftSpec& spec);
/** The forklift params of a spec's machine, or nullptr when it is no forklift. */
[[nodiscard]] const ForkliftSpec* forkliftOf(const SimulationSpec& spec);

} // namespace skillsim::sim
