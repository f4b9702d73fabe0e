#pragma once

#include "skillsim/app/ScriptedOperator.h"

#include <skillsim/assessment/AttemptResult.h>
#include <skillsim/core/ActionState.h>
#include <skillsim/core/Expected.h>
#include <skillsim/scenario/Scenario.h>

#include <optional>
#include <string>
#include <vector>

namespace skillsim::app {

/** What a scripted operator did in one attempt and how it was scored. */
struct OperatorRun {
  std::vector<core::ActionState> actions; ///< One per tick, from the first: the trace's inputs.
  assessment::AttemptResult result;
  std::optional<std::string> failure; ///< Set when the operator got stuck (see ScriptedOperator).
};

/**
 * Runs the Q2 course (q2CourseLayout) with the scripted operator of `profile` through the
 * simulation and the scenario's assessor, exactly as a trainee's attempt runs: each tick the
 * operator reads the metrics, its ActionState steps the simulation, the assessor scores the
 * step. Stops when the assessor finishes the attempt, or 1 s after the operator's last goal.
 * Errors: the layout's (NotFound) or the simulation's (InvalidInput). With the environment
 * variable SKILLSIM_OPERATOR_DEBUG set, prints the goal and crane state every 0.5 s to stderr.
 */
[[nodiscard]] core::Expected<OperatorRun> runScriptedOperator(const scenario::Scenario& scenario,
                                                              OperatorProfile profile);

} // namespace skillsim::app
