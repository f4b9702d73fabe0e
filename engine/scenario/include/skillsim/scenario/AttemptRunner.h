#pragma once

#include "skillsim/scenario/Scenario.h"

#include <skillsim/assessment/Assessor.h>
#include <skillsim/assessment/AttemptResult.h>
#include <skillsim/core/ActionState.h>
#include <skillsim/core/Expected.h>
#include <skillsim/sim/Simulation.h>

#include <memory>

namespace skillsim::scenario {

/**
 * One attempt at a scenario: owns the Simulation built from the scenario's SimulationSpec and
 * the Assessor built from its standard and rubric, and steps both, tick by tick, with the same
 * ActionState (the per-tick input a trace records). After each simulation step the Assessor
 * observes that step's tick, events and metrics. Deterministic: the same scenario and inputs
 * give a bit-identical simulation state and an equal AttemptResult.
 */
class AttemptRunner {
public:
  /** Builds the simulation (errors as sim::Simulation::create) and the Assessor. */
  static core::Expected<std::unique_ptr<AttemptRunner>> create(const Scenario& scenario);

  AttemptRunner(const AttemptRunner&) = delete;
  AttemptRunner& operator=(const AttemptRunner&) = delete;

  /** Advances the simulation one tick and scores it; does nothing once finished(). */
  void step(const core::ActionState& actions);
  /**
   * True once the Assessor ends the attempt (end trigger, veto, NCCCO stop, time limit) or the
   * simulation has stopped on a physics fault.
   */
  [[nodiscard]] bool finished() const;
  /** Points so far, for the HUD (the standard's total minus the deductions decided so far). */
  [[nodiscard]] double runningScore() const { return mAssessor.runningScore(); }
  /** Ends the attempt (if not yet) and returns its result; idempotent. */
  assessment::AttemptResult result();

  [[nodiscard]] const sim::Simulation& simulation() const { return *mSimulation; }
  [[nodiscard]] const assessment::Assessor& assessor() const { return mAssessor; }
  [[nodiscard]] const Scenario& scenario() const { return mScenario; }

private:
  AttemptRunner(Scenario scenario, std::unique_ptr<sim::Simulation> simulation);

  Scenario mScenario;
  std::unique_ptr<sim::Simulation> mSimulation;
  assessment::Assessor mAssessor;
};

} // namespace skillsim::scenario
