#include "skillsim/scenario/AttemptRunner.h"

namespace skillsim::scenario {

core::Expected<std::unique_ptr<AttemptRunner>> AttemptRunner::create(const Scenario& scenario) {
  auto simulation = sim::Simulation::create(scenario.simulation);
  if (!simulation) {
    core::Error error = std::move(simulation).error();
    if (error.location.file.empty()) {
      error.location.file = scenario.scenarioFile.string();
    }
    return error;
  }
  return std::unique_ptr<AttemptRunner>(new AttemptRunner(scenario, std::move(simulation).value()));
}

AttemptRunner::AttemptRunner(Scenario scenario, std::unique_ptr<sim::Simulation> simulation)
    : mScenario(std::move(scenario)), mSimulation(std::move(simulation)),
      mAssessor(mScenario.standard, mScenario.rubric, mScenario.id) {}

void AttemptRunner::step(const core::ActionState& actions) {
  if (finished()) {
    return;
  }
  mSimulation->step(actions);
  mAssessor.observe(mSimulation->tick(), mSimulation->events(), mSimulation->metrics(), actions);
}

bool AttemptRunner::finished() const { return mAssessor.finished() || mSimulation->stopped(); }

assessment::AttemptResult AttemptRunner::result() { return mAssessor.finish(); }

} // namespace skillsim::scenario
