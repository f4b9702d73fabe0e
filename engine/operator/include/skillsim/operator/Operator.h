#pragma once

#include <skillsim/core/ActionState.h>
#include <skillsim/core/Expected.h>
#include <skillsim/sim/Metrics.h>
#include <skillsim/sim/SimEvent.h>
#include <skillsim/sim/Simulation.h>

#include <glm/vec3.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

/**
 * Scripted operators (`operator` is a C++ keyword, hence the namespace `op`): programs that take
 * an attempt the way a trainee does, only through the machine's controls, for the reference
 * traces and the tests. One per machine, behind one interface and one registry
 * (OperatorRegistry.h); the attempt itself runs through scenario::AttemptRunner (OperatorRun.h).
 */
namespace skillsim::op {

/**
 * What an operator may see before a tick: the simulation as it stands after the last step (its
 * tick and time, the machine's metrics by name, that step's events, where the named bodies are).
 * A view; valid during Operator::act only.
 */
class OperatorObservation {
public:
  explicit OperatorObservation(const sim::Simulation& simulation) : mSimulation(simulation) {}

  /** Ticks stepped so far (the tick about to run is this one, 0-based). */
  [[nodiscard]] std::uint64_t tick() const { return mSimulation.tick(); }
  /** tick() / tick rate (s). */
  [[nodiscard]] double time() const { return mSimulation.time(); }
  /** Every metric the machine and the sensors publish (sim/Metrics.h). */
  [[nodiscard]] const sim::Metrics& metrics() const { return mSimulation.metrics(); }
  /** The metric called `name`, if the simulation has one. */
  [[nodiscard]] std::optional<double> metric(std::string_view name) const;
  /** Events raised during the last step. */
  [[nodiscard]] std::span<const sim::SimEvent> events() const { return mSimulation.events(); }
  /** Centre of mass of a named body (m, world); sim::Simulation::bodyPosition. */
  [[nodiscard]] std::optional<glm::dvec3> bodyPosition(std::string_view name) const {
    return mSimulation.bodyPosition(name);
  }

private:
  const sim::Simulation& mSimulation;
};

/**
 * A scripted operator of one machine: each tick it reads an observation and sets the controls,
 * exactly as a trainee's devices do through platform::InputMapper. Deterministic: the same
 * observations give the same actions.
 */
class Operator {
public:
  virtual ~Operator() = default;
  /**
   * This tick's controls. Errors (NotFound) when the observation lacks what the operator needs
   * (a metric of an older simulation), naming it.
   */
  virtual core::Expected<core::ActionState> act(const OperatorObservation& observation) = 0;
  /** True once every goal is done (or one failed: see failure()). */
  [[nodiscard]] virtual bool finished() const = 0;
  /** Why the operator got stuck, if it did (a load out of reach, a swing that never settled). */
  [[nodiscard]] virtual std::optional<std::string> failure() const = 0;
};

} // namespace skillsim::op
