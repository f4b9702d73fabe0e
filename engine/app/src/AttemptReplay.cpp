#include "skillsim/app/AttemptReplay.h"

namespace skillsim::app {

core::Expected<assessment::AttemptResult> replayAttempt(const scenario::Scenario& scenario,
                                                        std::span<const core::ActionState> actions,
                                                        const ReplayObserver& observer) {
  auto simulation = sim::Simulation::create(scenario.simulation);
  if (!simulation) {
    return std::move(simulation).error();
  }
  sim::Simulation& sim = **simulation;
  assessment::Assessor assessor(scenario.standard, scenario.rubric, scenario.id);
  for (std::uint64_t t = 0; t < actions.size() && !assessor.finished() && !sim.stopped(); ++t) {
    sim.step(actions[t]);
    assessor.observe(sim.tick(), sim.events(), sim.metrics(), actions[t]);
    if (observer) {
      observer(t, sim, assessor);
    }
  }
  return assessor.finish();
}

} // namespace skillsim::app
