#pragma once

#include "machines/overhead_crane/ScriptedOperator.h"

#include <skillsim/operator/Operator.h>
#include <skillsim/operator/OperatorRegistry.h>

#include <glm/vec3.hpp>

namespace skillsim::op {

/**
 * The overhead crane's scripted operator behind the generic Operator interface: reads a
 * CraneObservation from the metrics and asks ScriptedOperator for the controls. With the
 * environment variable SKILLSIM_OPERATOR_DEBUG set, prints the goal and crane state every 0.5 s
 * to stderr.
 */
class CraneOperator final : public Operator {
public:
  /** `runwayOrigin`: the crane spec's (m, world). */
  CraneOperator(ScriptedOperator script, const glm::dvec3& runwayOrigin);

  core::Expected<core::ActionState> act(const OperatorObservation& observation) override;
  [[nodiscard]] bool finished() const override { return mScript.finished(); }
  [[nodiscard]] std::optional<std::string> failure() const override { return mScript.failure(); }

private:
  ScriptedOperator mScript;
  glm::dvec3 mRunwayOrigin;
};

/**
 * Registers the Q2 course operators ("competent", "careless": OperatorProfile) under the trade
 * "overhead_crane". Their factories fail (NotFound) on a scenario without a crane or without the
 * Q2 course's landmarks (q2CourseLayout).
 */
void registerOperators_overhead_crane(OperatorRegistry& registry);

} // namespace skillsim::op
