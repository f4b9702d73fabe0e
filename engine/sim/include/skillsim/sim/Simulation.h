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
 * module) with the spec's bodies in file order, its zones and, when present, the machine the
 * trainee operates (a sim::Machine from its MachineType). It advances exactly one fixed tick per
 * step(), so the same spec and ActionState sequence give bit-identical states, events and metrics
 * on every run (DESIGN.md, the determinism contract).
 *
 * Metrics: `time` (s, tick / tick rate), then the machine's (MachineDecl::metrics, e.g. the
 * machine's own documentation under docs/machines/), sampled at the end of every tick.
 *
 * Events are stamped with tick() as it is after the step (the first step's events carry tick 1)
 * and ordered: the machine's events before the physics step (controls, its buttons), contacts (by
 * body pair), zones (zone order, then body order), the machine's events after the step, physics
 * fault.
 */
class Simulation {
public:
  /**
   * Builds the world. Errors (InvalidInput, field path such as `bodies[2].shape.points` and what
   * would be right): a value physics cannot build (shape sizes, masses, hull and mesh data,
   * friction/restitution/damping ranges), duplicate body names (or a machine body's name), tick
   * rate 0, solver iterations < 1, non-finite gravity, bad zones (radius, height, extents <= 0),
   * the machine's own errors (MachineType::create), a camera following an unknown body.
   */
  static core::Expected<std::unique_ptr<Simulation>> create(const SimulationSpec& spec);
  ~Simulation();
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  /**
   * From the next step on, pushes every dynamic spec body tagged `tag` with `force` (N, world),
   * applied at its centre of mass as the impulse force / tickRate before each physics step, until
   * set again; a zero force ends it. A scenario's scheduled wind or gust (the attempt loop sets
   * it). Deterministic: forces are applied in body order.
   */
  void setBodyForce(const std::string& tag, const glm::dvec3& force);
  /**
   * Reports `event` first among the next step's events (its tick set to that step's tick): the
   * attempt loop's scheduled events (SimEventKind::Scheduled). Ignored once stopped().
   */
  void raiseEvent(SimEvent event);
  /**
   * Begins one of the machine's declared faults (MachineDecl::faults; Machine::beginFault) from
   * the next step on: the attempt loop's scheduled `machine_fault` events. Ignored without a
   * machine and once stopped(). Contract: `id` is declared and `params` holds each declared key
   * within its range (the scenario loader has checked both; a broken contract aborts).
   */
  void beginFault(std::string_view id, const FaultParams& params);
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
  /**
   * The watched body pairs' gaps after the last step (SimulationSpec::proximityWatches), one per
   * pair in a fixed order (watch order, then creation order); empty before the first step.
   */
  [[nodiscard]] std::span<const Proximity> proximities() const;
  /** True after a physics fault: step() does nothing more. */
  [[nodiscard]] bool stopped() const;
  /** The fault (code PhysicsFault, location.tick set, message naming the body), if any. */
  [[nodiscard]] std::optional<core::Error> fault() const;
  /**
   * BLAKE2b-256 over every body's exact state bits (position, rotation matrix, velocities as the
   * physics engine stores them), the ropes, the machine's own state (Machine::hash) and the tick.
   */
  [[nodiscard]] core::Digest stateHash() const;
  /**
   * Fills `view` for the renderer: one mesh and material per body (table stable between calls),
   * instances at the bodies' poses, the machine's part (Machine::fillScene), debug lines for
   * zones and hull/mesh wireframes, and the camera named `cameraName` (the first camera when the
   * name is unknown, an overview of the machine's working area when the spec has none).
   */
  void fillSceneView(core::SceneView& view, std::string_view cameraName) const;
  /** Names of the spec's cameras, in spec order. */
  [[nodiscard]] std::vector<std::string> cameraNames() const;
  /**
   * Centre of mass of a body (m, world): a spec body by name, "ground", or one of the machine's
   * own bodies (MachineDecl::bodies, answered by Machine::bodyPosition).
   */
  [[nodiscard]] std::optional<glm::dvec3> bodyPosition(std::string_view name) const;
  /**
   * A machine anchor's point (m, world) as it is after the last step (Machine::anchorPoint:
   * MachineDecl::cameraAnchors and aidAnchor); nullopt without a machine or for an anchor it does
   * not answer.
   */
  [[nodiscard]] std::optional<glm::dvec3> anchorPoint(std::string_view anchor) const;
  /** The machine's floor aids after the last step (Machine::floorAids); none without one. */
  [[nodiscard]] std::vector<FloorAid> floorAids() const;
  [[nodiscard]] const SimulationSpec& spec() const;
  /** The machine's panel after the last step (Machine::panelState); empty without a machine. */
  [[nodiscard]] PanelState panelState() const;
  /** The machine's declarations (controls, metrics, readouts …), or nullptr without a machine. */
  [[nodiscard]] const MachineDecl* machine() const;

private:
  struct Impl;
  explicit Simulation(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> mImpl;
};

} // namespace skillsim::sim
