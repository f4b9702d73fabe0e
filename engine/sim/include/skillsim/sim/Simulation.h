#pragma once

#include "skillsim/sim/Metrics.h"
#include "skillsim/sim/SimEvent.h"
#include "skillsim/sim/SimulationSpec.h"

#include <skillsim/core/ActionState.h>
#include <skillsim/core/Error.h>
#include <skillsim/core/Expected.h>
#include <skillsim/core/Hash.h>
#include <skillsim/core/SceneView.h>

#include <glm/vec3.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace skillsim::sim {

/**
 * A deterministic simulation built from a SimulationSpec: a Bullet world (through the physics
 * module) with the spec's bodies in file order, its zones and, when present, an overhead crane.
 * It advances exactly one fixed tick per step(), so the same spec and ActionState sequence give
 * bit-identical states, events and metrics on every run (DESIGN.md, the determinism contract).
 *
 * Overhead crane model (issue 4 point 3): the bridge travels along the runway (+X), the trolley
 * along the bridge (+Z); both are driven by NotchedController and move the trolley, a kinematic
 * body. The hoist rope (a unilateral rope of variable length, physics::RopeDesc) hangs from the
 * trolley's sheave to the top of the hook block (a dynamic box 0.3 x 0.4 x 0.3 m of
 * OverheadCraneSpec::hookMass); on Attach a sling rope of OverheadCraneSpec::slingLength joins the
 * bottom of the hook block to the nearest lifting lug within attachTolerance. Hook block and load
 * are the double pendulum of the crane-dynamics literature (e.g. Abdel-Rahman, Nayfeh, Masoud,
 * "Dynamics and control of cranes: a review", J. Vib. Control 9 (2003)). Ropes pull and never
 * push: a load set down lets the rope go slack while the hook keeps lowering.
 *
 * Crane rules: Hoist > 0 raises (shortens the rope) within [minRopeLength, maxRopeLength];
 * travel limit switches brake each motion to rest at its end stops. The emergency stop latches:
 * every motion brakes at its acceleration limit until the button is released and every controller
 * is back in notch 0 (zero-position interlock). While the hoisted mass exceeds the rated load the
 * overload limiter cuts off hoisting up (GB/T 12602: lifting cut-off; lowering stays possible).
 *
 * Crane metrics (Metrics.h lists the names), sampled at the end of every tick:
 * - `load_swing_angle` (rad): angle from the vertical of the line from the trolley's sheave to the
 *   attached load's centre of mass while it hangs (its sling carries more than half its weight),
 *   else to the hook block's centre;
 * - `load_height` (m): bottom of "the load" above ground (y = 0), where the load is the attached
 *   one, else the last one attached, else the first body with a lifting lug (0 with none);
 *   `load_x`, `load_y`, `load_z` (m) its centre of mass, `load_speed` (m/s);
 * - `hook_height` (m): the bottom of the hook block (where slings hang) above ground;
 * - `bridge_speed`, `trolley_speed` (m/s, + along +X / +Z), `hoist_speed` (m/s, + raising);
 * - `rope_length` (m): hoist rope paid out (the commanded length); `rope_span`, `rope_stretch`;
 * - `hoisted_mass` (kg): the load's mass times the fraction of its weight the sling carries
 *   (sling tension low-passed with a 0.5 s time constant, as a load cell and limiter see it,
 *   clamped to [0, 1]), so a freely hanging load reads its mass and a set-down load reads 0.
 *
 * Events are stamped with tick() as it is after the step (the first step's events carry tick 1)
 * and ordered: machine events (horn, emergency stop, control changes, attach, release, drop),
 * contacts (by body pair), zones (zone order, then body order), overload, physics fault.
 */
class Simulation {
public:
  /**
   * Builds the world. Errors (InvalidInput, field path such as `bodies[2].shape.points` and what
   * would be right): a value physics cannot build (shape sizes, masses, hull and mesh data,
   * friction/restitution/damping ranges), duplicate body names, tick rate 0, solver iterations
   * < 1, non-finite gravity, bad zones (radius, height, extents <= 0), crane values (lengths and
   * speeds <= 0, rope limits out of order, initial positions outside the travel), a camera
   * following an unknown body.
   */
  static core::Expected<std::unique_ptr<Simulation>> create(const SimulationSpec& spec);
  ~Simulation();
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  /** Advances exactly one tick (1 / tickRate s); does nothing once stopped(). */
  void step(const core::ActionState& actions);
  /** Ticks advanced so far. */
  [[nodiscard]] std::uint64_t tick() const;
  /** tick() / tickRate (s). */
  [[nodiscard]] double time() const;
  /** Events raised during the last step, in the deterministic order above. */
  [[nodiscard]] std::span<const SimEvent> events() const;
  /** Metrics sampled at the end of the last step (initial values before the first). */
  [[nodiscard]] const Metrics& metrics() const;
  /** True after a physics fault: step() does nothing more. */
  [[nodiscard]] bool stopped() const;
  /** The fault (code PhysicsFault, location.tick set, message naming the body), if any. */
  [[nodiscard]] std::optional<core::Error> fault() const;
  /**
   * BLAKE2b-256 over every body's exact state bits (position, rotation matrix, velocities as the
   * physics engine stores them), the ropes, the crane's controller states and the tick.
   */
  [[nodiscard]] core::Digest stateHash() const;
  /**
   * Fills `view` for the renderer: one mesh and material per body (table stable between calls),
   * instances at the bodies' poses, the crane (runway rails, bridge girder, trolley, hook block),
   * debug lines for ropes, zones and hull/mesh wireframes, and the camera named `cameraName`
   * (the first camera when the name is unknown, an overview when the spec has none).
   */
  void fillSceneView(core::SceneView& view, std::string_view cameraName) const;
  /** Names of the spec's cameras, in spec order. */
  [[nodiscard]] std::vector<std::string> cameraNames() const;
  /**
   * Centre of mass of a body (m, world): a spec body by name, "ground", or the crane's parts
   * "crane.hook", "crane.trolley", "crane.bridge" (the bridge's point above the runway origin's Z).
   */
  [[nodiscard]] std::optional<glm::dvec3> bodyPosition(std::string_view name) const;
  [[nodiscard]] const SimulationSpec& spec() const;

private:
  struct Impl;
  explicit Simulation(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> mImpl;
};

} // namespace skillsim::sim
