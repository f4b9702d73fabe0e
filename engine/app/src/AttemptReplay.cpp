#include "skillsim/app/AttemptReplay.h"

#include <skillsim/scenario/AttemptRunner.h>
#include <skillsim/scenario/ScenarioLoader.h>

#include <string>

namespace skillsim::app {

core::Expected<assessment::AttemptResult> replayAttempt(const scenario::Scenario& scenario,
                                                        std::span<const core::ActionState> actions,
                                                        const ReplayObserver& observer) {
  scenario::TickObserver perTick;
  if (observer) {
    perTick = [&observer](const scenario::AttemptTick& t) {
      observer(t.index, t.simulation, t.assessor);
    };
  }
  return scenario::replayActions(scenario, actions, perTick);
}

core::Expected<assessment::AttemptResult> replayAttempt(const scenario::Scenario& scenario,
                                                        const core::ActionTrack& actions,
                                                        const ReplayObserver& observer) {
  scenario::TickObserver perTick;
  if (observer) {
    perTick = [&observer](const scenario::AttemptTick& t) {
      observer(t.index, t.simulation, t.assessor);
    };
  }
  return scenario::replayActions(scenario, actions, perTick);
}

core::Expected<assessment::AttemptResult> replayTrace(const records::ScenarioEntry& entry,
                                                      const records::Trace& trace,
                                                      const ReplayObserver& observer) {
  auto loaded = scenario::loadScenario(entry.file);
  if (!loaded) {
    return std::move(loaded).error();
  }
  if (loaded->hash != entry.hash) {
    return core::makeError(core::ErrorCode::Integrity,
                           "the scenario file changed while verifying (hash now " +
                               core::toHex(loaded->hash) + ")",
                           core::SourceLocation{.file = entry.file.string()});
  }
  if (loaded->tickRate != trace.header.tickRate) {
    return core::makeError(core::ErrorCode::InvalidInput,
                           "the trace runs at " + std::to_string(trace.header.tickRate) +
                               " Hz but the scenario at " + std::to_string(loaded->tickRate) +
                               " Hz",
                           core::SourceLocation{.file = entry.file.string()});
  }
  if (loaded->machine) {
    if (auto ok =
            records::checkTraceControls(trace, entry.file.string(), loaded->machine->controls);
        !ok) {
      return std::move(ok).error();
    }
  }
  return replayAttempt(*loaded, trace.actions, observer);
}

} // namespace skillsim::app
