#include "skillsim/app/OperatorRun.h"

#include "skillsim/app/Q2Course.h"

#include <skillsim/assessment/Assessor.h>
#include <skillsim/sim/Simulation.h>

#include <cstdio>
#include <cstdlib>

namespace skillsim::app {

core::Expected<OperatorRun> runScriptedOperator(const scenario::Scenario& scenario,
                                                OperatorProfile profile) {
  auto layout = q2CourseLayout(scenario);
  if (!layout) {
    return std::move(layout).error();
  }
  auto simulation = sim::Simulation::create(scenario.simulation);
  if (!simulation) {
    return std::move(simulation).error();
  }
  sim::Simulation& sim = **simulation;
  assessment::Assessor assessor(scenario.standard, scenario.rubric, scenario.id);
  ScriptedOperator op(planQ2Course(*layout, profile), *scenario.simulation.crane);
  const glm::dvec3 origin = scenario.simulation.crane->runwayOrigin;

  OperatorRun run;
  const auto limitTicks = static_cast<std::uint64_t>(
      (scenario.timeLimit > 0.0 ? scenario.timeLimit + 5.0 : 3600.0) * scenario.tickRate);
  std::uint64_t idleTicks = 0;
  while (!assessor.finished() && !sim.stopped() && sim.tick() < limitTicks &&
         idleTicks < scenario.tickRate) {
    auto observation = observeCrane(sim.metrics(), origin);
    if (!observation) {
      return std::move(observation).error();
    }
    const core::ActionState actions = op.next(*observation);
    if (std::getenv("SKILLSIM_OPERATOR_DEBUG") && sim.tick() % 120 == 0 && op.currentGoal()) {
      const auto& o = *observation;
      std::fprintf(stderr,
                   "%7.1f %-40s trolley (%.2f %.2f) load (%.2f %.2f) h %.2f swing %.3f v (%.2f "
                   "%.2f %.2f) cmd (%.1f %.1f %.1f)\n",
                   o.time, op.currentGoal()->label.c_str(), o.trolleyX, o.trolleyZ, o.loadX,
                   o.loadZ, o.loadHeight, o.swingAngle, o.bridgeSpeed, o.trolleySpeed, o.hoistSpeed,
                   actions.axis(core::Axis::BridgeTravel), actions.axis(core::Axis::TrolleyTravel),
                   actions.axis(core::Axis::Hoist));
    }
    if (op.finished()) {
      ++idleTicks;
    }
    sim.step(actions);
    assessor.observe(sim.tick(), sim.events(), sim.metrics(), actions);
    run.actions.push_back(actions);
  }
  run.result = assessor.finish();
  run.failure = op.failure();
  return run;
}

} // namespace skillsim::app
