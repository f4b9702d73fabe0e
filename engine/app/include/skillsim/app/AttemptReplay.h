#pragma once

#include <skillsim/assessment/Assessor.h>
#include <skillsim/assessment/AttemptResult.h>
#include <skillsim/core/ActionState.h>
#include <skillsim/core/Expected.h>
#include <skillsim/records/ScenarioIndex.h>
#include <skillsim/records/Trace.h>
#include <skillsim/scenario/Scenario.h>
#include <skillsim/sim/Simulation.h>

#include <cstdint>
#include <functional>
#include <span>

namespace skillsim::app {

/**
 * Called after each replayed tick with its 0-based index, the simulation and the assessor as
 * they are after it (for a screenshot or a HUD); must not change them.
 */
using ReplayObserver = std::function<void(std::uint64_t tick, const sim::Simulation& simulation,
                                          const assessment::Assessor& assessor)>;

/**
 * Re-runs an attempt from its inputs through the one stepper, scenario::replayActions (an
 * AttemptRunner fed `actions[0]`, `actions[1]`, …), until the inputs end or the assessor
 * finishes the attempt; returns the assessor's result. Deterministic: the same scenario and
 * inputs give an equal result. Errors: the simulation's (InvalidInput).
 */
[[nodiscard]] core::Expected<assessment::AttemptResult>
replayAttempt(const scenario::Scenario& scenario, std::span<const core::ActionState> actions,
              const ReplayObserver& observer = {});
/** replayAttempt over a trace's run-length track (memory stays with the track's changes). */
[[nodiscard]] core::Expected<assessment::AttemptResult>
replayAttempt(const scenario::Scenario& scenario, const core::ActionTrack& actions,
              const ReplayObserver& observer = {});

/**
 * Re-simulates a trace headless, as `skillsim verify` does (defaultVerifyBackend): loads
 * `scenario.file`, checks that its hash is still `scenario.hash` and that its tick rate is the
 * trace's, then replayAttempt(loaded, trace.actions, observer). Errors: the loader's; Integrity
 * when the file changed since it was indexed; InvalidInput when the tick rates differ (both named).
 * Thread-safe: every call builds its own simulation.
 */
[[nodiscard]] core::Expected<assessment::AttemptResult>
replayTrace(const records::ScenarioEntry& scenario, const records::Trace& trace,
            const ReplayObserver& observer = {});

} // namespace skillsim::app
