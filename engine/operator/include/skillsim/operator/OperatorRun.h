#pragma once

#include "skillsim/operator/Operator.h"
#include "skillsim/operator/OperatorRegistry.h"

#include <skillsim/assessment/AttemptResult.h>
#include <skillsim/core/ActionState.h>
#include <skillsim/core/Expected.h>
#include <skillsim/scenario/AttemptRunner.h>
#include <skillsim/scenario/Scenario.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skillsim::op {

/** What a scripted operator did in one attempt and how it was scored. */
struct OperatorRun {
  std::vector<core::ActionState> actions; ///< One per tick, from the first: the trace's inputs.
  assessment::AttemptResult result;
  std::optional<std::string> failure; ///< Set when the operator got stuck (Operator::failure).
};

/**
 * An operator as an attempt's inputs (scenario::InputSource): each tick it observes the
 * simulation and acts. Its inputs end 1 s after the operator finished, or at the scenario's time
 * limit + 5 s (1 h without one), or on the operator's error (then error() holds it).
 */
class OperatorInputs final : public scenario::InputSource {
public:
  OperatorInputs(Operator& op, const scenario::Scenario& scenario);
  std::optional<core::ActionState> next(const scenario::AttemptRunner& attempt) override;
  /** The operator's error that ended the inputs, if one did. */
  [[nodiscard]] const std::optional<core::Error>& error() const { return mError; }

private:
  Operator& mOperator;
  std::uint64_t mLimitTicks;
  std::uint64_t mIdleLimit;
  std::uint64_t mIdleTicks = 0;
  std::optional<core::Error> mError;
};

/**
 * Runs `op` through the scenario's attempt, exactly as a trainee's attempt runs
 * (scenario::AttemptRunner, fed by OperatorInputs): each tick the operator observes, its
 * ActionState steps the simulation, the assessor scores the step. Stops when the assessor
 * finishes the attempt or the operator's inputs end. Errors: the simulation's (InvalidInput), the
 * operator's (NotFound).
 */
[[nodiscard]] core::Expected<OperatorRun> runOperator(const scenario::Scenario& scenario,
                                                      Operator& op);

/**
 * runOperator with the operator `profile` of the scenario's machine from `registry`. Errors: the
 * registry's (InvalidInput: no such profile), the operator's planning (NotFound), runOperator's.
 */
[[nodiscard]] core::Expected<OperatorRun>
runOperator(const scenario::Scenario& scenario, std::string_view profile,
            const OperatorRegistry& registry = OperatorRegistry::builtIn());

} // namespace skillsim::op
