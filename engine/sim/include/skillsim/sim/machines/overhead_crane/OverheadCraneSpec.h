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
