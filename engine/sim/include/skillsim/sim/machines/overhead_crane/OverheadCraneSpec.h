#pragma once

#include <skillsim/sim/Machine.h>
#include <skillsim/sim/SimulationSpec.h>

#include <glm/vec3.hpp>

namespace skillsim::sim {

/** Registry kind of the overhead crane (`[machine] kind = "overhead_crane"`). */
inline constexpr std::string_view kOverheadCraneKind = "overhead_crane";

/**
 * An overhead (bridge) crane: the bridge travels along the runway (+X), the trolley along the
 * bridge (+Z), and the hoist rope hangs from the trolley with a hook block at its end.
 */
struct OverheadCraneSpec : MachineParams {
  glm::dvec3 runwayOrigin{
      0.0};                   ///< Where bridge position 0 / trolley position 0 meet, at ground (m).
  double runwayLength = 30.0; ///< Bridge travel range along +X (m).
  double span = 20.0;         ///< Trolley travel range along +Z (m).
  double liftHeight = 9.0;    ///< Height of the trolley's rope sheave above ground (m).
  double ratedLoad = 5000.0;  ///< kg; more hoisted mass raises an Overload event.
  ControllerSpec bridge{5, 1.0, 0.4};
  ControllerSpec trolley{5, 0.6, 0.4};
  ControllerSpec hoist{5, 0.25, 0.3};
  double hookMass = 50.0;         ///< Hook block (kg).
  double minRopeLength = 0.5;     ///< Upper hook limit (m of rope).
  double maxRopeLength = 8.8;     ///< Lower hook limit (m of rope).
  double initialRopeLength = 3.0; ///< m.
  double initialBridge = 0.0;     ///< Bridge position along the runway at start (m).
  double initialTrolley = 0.0;    ///< Trolley position along the bridge at start (m).
  double attachTolerance = 0.3;   ///< Hook within this of a lifting lug engages it (m).
  double slingLength = 1.0;       ///< Hook to lifting lug when engaged (m).
  /**
   * Wire ropes (docs/machines/overhead-crane.md, "Ropes"). Both are 6x36WS-IWRC steel wire rope,
   * elastic with k = falls * E A / length, A = fill factor * pi d^2 / 4 its metallic
   * cross-section. Defaults, a usual choice for a 5 t crane rather than a design calculation:
   * the hoist rope 11 mm on 4 falls (12.4 kN per fall for 5050 kg; the grade 1770 rope's minimum
   * breaking force F = d^2 R K = 121 mm^2 * 1770 N/mm^2 * 0.356 = 76 kN, EN 12385-2 with the
   * 6x36 IWRC factor K = 0.356, so a safety factor of 6.1); the sling a single-leg 20 mm wire
   * rope sling (EN 13414-1: working load limit = F / 5; F = 252 kN carries 5 t).
   */
  double hoistRopeDiameter = 0.011; ///< m, nominal.
  int hoistRopeFalls = 4;           ///< Parts of line between the trolley and the hook block.
  double slingDiameter = 0.020;     ///< m, nominal, one leg.
  /**
   * Rope modulus E (Pa) of a 6-strand IWRC rope on its metallic area: 100 kN/mm^2 (rope makers
   * give 90-110 kN/mm^2 for 6-strand IWRC ropes in the working range).
   */
  double ropeModulus = 1.0e11;
  /**
   * Fill factor f = metallic area / (pi d^2 / 4): 0.586 for 6x36 IWRC, from the metallic
   * cross-section factor C = 0.46 (A = C d^2; EN 12385-2 definitions, factor table of
   * vornbaeumen.de "calculation variables"; f = C / (pi / 4)).
   */
  double ropeFillFactor = 0.586;
  /**
   * A hoist rope tension above this multiple of the hook's and the hooked load's static weight
   * is a snatch load (a jerk lift). 0 = the dynamic factor phi2 of EN 13001-2:2014 table 2 (also
   * GB/T 3811-2008 table 2) for hoisting class HC2 at the hoist's top speed v_h:
   * phi2 = 1.10 + 0.34 s/m * v_h (1.185 at 0.25 m/s): what the crane is built to take when a
   * load is lifted off the ground at full speed; more means the operator snatched it.
   */
  double snatchFactor = 0.0;
  /**
   * The hoist's holding brake (docs/machines/overhead-crane.md, "Faults"): its holding capacity as
   * a multiple of the rated load's and the hook block's weight at the hook, (ratedLoad +
   * hookMass) g. 1.25: ASME B30.2 2-1.12.2, a holding brake of at least 125 % of the rated load
   * hoisting torque where the control braking is not mechanical. Only the `hoist_brake_fade`
   * fault reads it: the brake holds whatever hangs on the hook otherwise.
   */
  double hoistBrakeFactor = 1.25;
  /**
   * The hoist drive's rotating parts (motor rotor, brake disc, gearing) as a mass at the hook
   * (kg): J (omega_m / v_h)^2 for a rotor of J = 0.1 kg m^2 turning at omega_m = 151.8 rad/s
   * (1450 rpm) at the hoist's top speed v_h = 0.25 m/s; a usual 4-pole 15 kW motor (a 5 t hoist
   * at 0.25 m/s needs 12.3 kW), not a design calculation. What the load must accelerate besides
   * itself when the brake slips.
   */
  double hoistDriveMass = 36869.0;

  /** E A of one fall of a rope of diameter `d` (N): modulus * fill factor * pi d^2 / 4. */
  [[nodiscard]] double axialRigidity(double d) const;
  /** The snatch threshold actually used (snatchFactor, or phi2 when it is 0). */
  [[nodiscard]] double snatchThreshold() const;
};

/**
 * ActionState slots of the crane's controls (the order of its ControlLayout; the same as trace
 * format 1's axis and button order, so version 1 traces read unchanged).
 */
namespace crane_controls {
inline constexpr std::size_t kBridgeTravel = 0;  ///< Axis: + along the runway (+X).
inline constexpr std::size_t kTrolleyTravel = 1; ///< Axis: + across the bridge (+Z).
inline constexpr std::size_t kHoist = 2;         ///< Axis: + raises the hook.
inline constexpr std::size_t kHorn = 0;          ///< Button bit.
inline constexpr std::size_t kEmergencyStop = 1; ///< Button bit.
inline constexpr std::size_t kAttach = 2;        ///< Button bit.
inline constexpr std::size_t kRelease = 3;       ///< Button bit.
} // namespace crane_controls

/** The crane's MachineType (in MachineRegistry::builtIn()). */
[[nodiscard]] std::shared_ptr<const MachineType> overheadCraneType();

/**
 * A SimulationSpec::machine for this crane, for code and tests that build a spec directly.
 * Values are checked when the simulation is built (Simulation::create's errors name `crane.*`).
 */
[[nodiscard]] MachineSpec overheadCraneMachine(const OverheadCraneSpec& spec);

/** The crane's params in a spec, or nullptr when the spec has no crane. */
[[nodiscard]] const OverheadCraneSpec* overheadCraneOf(const SimulationSpec& spec);

} // namespace skillsim::sim
