#include "skillsim/operator/OperatorRun.h"

namespace skillsim::op {

std::optional<double> OperatorObservation::metric(std::string_view name) const {
  const sim::Metrics& m = mSimulation.metrics();
  const auto index = m.find(name);
  if (!index) {
    return std::nullopt;
  }
  return m.get(*index);
}

OperatorInputs::OperatorInputs(Operator& op, const scenario::Scenario& scenario)
    : mOperator(op),
      mLimitTicks(static_cast<std::uint64_t>(
          (scenario.timeLimit > 0.0 ? scenario.timeLimit + 5.0 : 3600.0) * scenario.tickRate)),
      mIdleLimit(static_cast<std::uint64_t>(scenario.tickRate)) {}

std::optional<core::ActionState> OperatorInputs::next(const scenario::AttemptRunner& attempt) {
  if (mError || attempt.simulation().tick() >= mLimitTicks || mIdleTicks >= mIdleLimit) {
    return std::nullopt;
  }
  auto actions = mOperator.act(OperatorObservation(attempt.simulation()));
  if (!actions) {
    mError = std::move(actions).error();
    return std::nullopt;
  }
  if (mOperator.finished()) {
    ++mIdleTicks; // the operator's last goal is done: 1 s more, then its inputs end
  }
  return std::move(*actions);
}

core::Expected<OperatorRun> runOperator(const scenario::Scenario& scenario, Operator& op) {
  auto runner = scenario::AttemptRunner::create(scenario);
  if (!runner) {
    return std::move(runner).error();
  }
  OperatorRun run;
  (*runner)->addObserver(
      [&run](const scenario::AttemptTick& tick) { run.actions.push_back(tick.actions); });
  OperatorInputs inputs(op, scenario);
  run.result = (*runner)->run(inputs);
  if (inputs.error()) {
    return *inputs.error();
  }
  run.failure = op.failure();
  return run;
}

core::Expected<OperatorRun> runOperator(const scenario::Scenario& scenario,
                                        std::string_view profile,
                                        const OperatorRegistry& registry) {
  auto op = registry.create(scenario, profile);
  if (!op) {
    return std::move(op).error();
  }
  return runOperator(scenario, **op);
}

} // namespace skillsim::op
