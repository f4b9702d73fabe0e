#include "machines/overhead_crane/CraneOperator.h"

#include "machines/overhead_crane/CraneObservation.h"
#include "machines/overhead_crane/Q2Course.h"

#include <skillsim/sim/machines/overhead_crane/OverheadCraneSpec.h>

#include <cstdio>
#include <cstdlib>

namespace skillsim::op {

CraneOperator::CraneOperator(ScriptedOperator script, const glm::dvec3& runwayOrigin)
    : mScript(std::move(script)), mRunwayOrigin(runwayOrigin) {}

core::Expected<core::ActionState> CraneOperator::act(const OperatorObservation& observation) {
  auto o = observeCrane(observation.metrics(), mRunwayOrigin);
  if (!o) {
    return std::move(o).error();
  }
  const core::ActionState actions = mScript.next(*o);
  if (std::getenv("SKILLSIM_OPERATOR_DEBUG") && observation.tick() % 120 == 0 &&
      mScript.currentGoal()) {
    std::fprintf(stderr,
                 "%7.1f %-40s trolley (%.2f %.2f) load (%.2f %.2f) h %.2f swing %.3f v (%.2f "
                 "%.2f %.2f) cmd (%.1f %.1f %.1f)\n",
                 o->time, mScript.currentGoal()->label.c_str(), o->trolleyX, o->trolleyZ, o->loadX,
                 o->loadZ, o->loadHeight, o->swingAngle, o->bridgeSpeed, o->trolleySpeed,
                 o->hoistSpeed, actions.axis(sim::crane_controls::kBridgeTravel),
                 actions.axis(sim::crane_controls::kTrolleyTravel),
                 actions.axis(sim::crane_controls::kHoist));
  }
  return actions;
}

void registerOperators_overhead_crane(OperatorRegistry& registry) {
  for (const auto& [name, profile] : {std::pair{"competent", OperatorProfile::Competent},
                                      std::pair{"careless", OperatorProfile::Careless}}) {
    registry.add(
        "overhead_crane", name,
        [profile](const scenario::Scenario& scenario) -> core::Expected<std::unique_ptr<Operator>> {
          auto layout = q2CourseLayout(scenario);
          if (!layout) {
            return std::move(layout).error();
          }
          const auto& crane = *sim::overheadCraneOf(scenario.simulation); // layout checked it
          return std::unique_ptr<Operator>(std::make_unique<CraneOperator>(
              ScriptedOperator(planQ2Course(*layout, profile), crane), crane.runwayOrigin));
        });
  }
}

} // namespace skillsim::op
