#pragma once

#include "skillsim/scenario/Scenario.h"
#include "skillsim/scenario/StepTracker.h"

#include <skillsim/assessment/Assessor.h>
#include <skillsim/assessment/AttemptResult.h>
#include <skillsim/core/ActionState.h>
#include <skillsim/core/ActionTrack.h>
#include <skillsim/core/Expected.h>
#include <skillsim/sim/Simulation.h>

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace skillsim::scenario {

class AttemptRunner;

/**
 * Where an attempt's per-tick inputs come from: a recorded trace (RecordedInputs), the trainee's
 * devices (the workstation), or a scripted operator (engine/operator). The stepper asks it once
 * per tick, before the step; it never sees what the ActionState holds.
 */
class InputSource {
public:
  virtual ~InputSource() = default;
  /**
   * The inputs for the next tick, given the attempt as it stands before it; std::nullopt when the
   * inputs have ended (a trace's last tick is behind, an operator is done). The attempt then ends
   * where it is and is scored as it stands (docs/attempt-loop.md: the trace-end rule).
   */
  virtual std::optional<core::ActionState> next(const AttemptRunner& attempt) = 0;
  /**
   * True while the source holds the attempt (a practice pause): AttemptRunner::advance() steps no
   * further tick until it lets go. Asked before each tick.
   */
  [[nodiscard]] virtual bool holding() const { return false; }
};

/** Inputs from a list, one per tick from the first (a trace's actions); ends with the list. */
class RecordedInputs final : public InputSource {
public:
  /** `actions` must outlive this source. */
  explicit RecordedInputs(std::span<const core::ActionState> actions) : mActions(actions) {}
  /** A trace's run-length track; `actions` must outlive this source. */
  explicit RecordedInputs(const core::ActionTrack& actions)
      : mTrack(&actions), mCursor(actions.begin()) {}
  std::optional<core::ActionState> next(const AttemptRunner& attempt) override;

private:
  std::span<const core::ActionState> mActions;
  const core::ActionTrack* mTrack = nullptr;
  /** Where the track was last read: ticks are asked in order, so each read is O(1). */
  core::ActionTrack::const_iterator mCursor;
  std::uint64_t mCursorTick = 0; ///< The tick mCursor stands on.
};

/** One stepped tick, as an observer sees it right after the step; valid during the call only. */
struct AttemptTick {
  std::uint64_t index = 0;              ///< 0-based: the simulation's tick() - 1.
  const core::ActionState& actions;     ///< The inputs this tick ran with (what a trace records).
  const sim::Simulation& simulation;    ///< After the step: its events(), metrics(), time().
  const assessment::Assessor& assessor; ///< After observing the step.
};

/**
 * Called after every tick the attempt steps (recording into a trace, a HUD, a screenshot, a
 * report's samples, a test's event log); must not change the attempt.
 */
using TickObserver = std::function<void(const AttemptTick& tick)>;

/**
 * One attempt at a scenario, and the only code that steps a sim::Simulation and feeds an
 * assessment::Assessor: the windowed workstation, the headless replay, `verify`, the
 * re-simulation behind `certify` and `report`, and the scripted operators all run attempts
 * through it, so "re-simulation gives what the trainee got" holds by construction. Owns the
 * Simulation built from the scenario's SimulationSpec and the Assessor built from its standard
 * and rubric, and steps both, tick by tick, with the same ActionState. After each simulation step
 * the Assessor observes that step's tick, events and metrics, then every observer sees the tick.
 * Deterministic: the same scenario and inputs give a bit-identical simulation state and an equal
 * AttemptResult, whatever pulls the ticks (a display's frame clock or a loop).
 *
 * It also runs the scenario's scheduled events (Scenario::events): before each step, an event
 * whose time has come (`at_s`), whose phase has ended (`after`, seen after the previous step) or
 * whose `when` event happened in the previous step begins: it is raised as a
 * sim::SimEventKind::Scheduled event of that step, a wind starts pushing its bodies
 * (sim::Simulation::setBodyForce; winds on one tag add up; a gust stops after its duration) and a
 * machine fault begins in the machine (sim::Simulation::beginFault) before that step.
 */
class AttemptRunner {
public:
  /** Builds the simulation (errors as sim::Simulation::create, file set) and the Assessor. */
  static core::Expected<std::unique_ptr<AttemptRunner>> create(const Scenario& scenario);

  AttemptRunner(const AttemptRunner&) = delete;
  AttemptRunner& operator=(const AttemptRunner&) = delete;

  /** Adds an observer, called after each later tick in the order added. */
  void addObserver(TickObserver observer);

  /** Advances the simulation one tick with `actions` and scores it; does nothing once finished().
   */
  void step(const core::ActionState& actions);
  /**
   * Steps up to `maxTicks` ticks with the inputs `source` gives, stopping earlier when the
   * attempt finishes, the source holds it or its inputs end (then inputsEnded() and finished()).
   * Returns the number of ticks stepped.
   */
  std::uint64_t advance(InputSource& source,
                        std::uint64_t maxTicks = std::numeric_limits<std::uint64_t>::max());
  /** advance(source) to the end, then result(). A holding source ends the run too. */
  assessment::AttemptResult run(InputSource& source);

  /**
   * True once the Assessor ends the attempt (end trigger, veto, NCCCO stop, time limit), the
   * simulation has stopped on a physics fault, or the inputs ended (inputsEnded()).
   */
  [[nodiscard]] bool finished() const;
  /** True once an InputSource said its inputs ended (the trace-end rule). */
  [[nodiscard]] bool inputsEnded() const { return mInputsEnded; }
  /** Points so far, for the HUD (the standard's total minus the deductions decided so far). */
  [[nodiscard]] double runningScore() const { return mAssessor.runningScore(); }
  /** Ends the attempt (if not yet) and returns its result; idempotent. */
  assessment::AttemptResult result();

  [[nodiscard]] const sim::Simulation& simulation() const { return *mSimulation; }
  [[nodiscard]] const assessment::Assessor& assessor() const { return mAssessor; }
  [[nodiscard]] const Scenario& scenario() const { return mScenario; }
  /**
   * The task steps (Scenario::steps) and which one is current, fed after the Assessor with the
   * same events each tick; `steps().currentTarget()` is the zone the training aids point at.
   * Presentation only: nothing scored reads it.
   */
  [[nodiscard]] const StepTracker& steps() const { return mSteps; }

private:
  AttemptRunner(Scenario scenario, std::unique_ptr<sim::Simulation> simulation);

  /** Where each of the scenario's scheduled events (Scenario::events) stands. */
  struct Scheduled {
    bool begun = false;
    bool due = false;          ///< `when` matched (or its phase ended): begins on the next tick.
    std::uint32_t matches = 0; ///< `when` matches so far (it fires on the count-th).
    std::optional<std::uint64_t> endTick; ///< A gust: the first tick it no longer blows.
    bool blowing = false;
  };
  /** Begins the scheduled events due at tick `next` and ends gusts; before the step. */
  void beginScheduled(std::uint64_t next);
  /** Counts `when` matches among the step's events; after the Assessor observed them. */
  void watchScheduled();
  /** True once phase `id` has ended. */
  [[nodiscard]] bool phaseEnded(const std::string& id) const;

  Scenario mScenario;
  std::unique_ptr<sim::Simulation> mSimulation;
  assessment::Assessor mAssessor;
  StepTracker mSteps;
  std::vector<TickObserver> mObservers;
  std::vector<Scheduled> mScheduled;
  bool mInputsEnded = false;
};

/**
 * Re-runs an attempt from its recorded inputs headless: AttemptRunner::run with RecordedInputs,
 * `observer` (if any) seeing each tick. Stops at the end of `actions` or when the attempt ends.
 * Errors: the simulation's (InvalidInput).
 */
[[nodiscard]] core::Expected<assessment::AttemptResult>
replayActions(const Scenario& scenario, std::span<const core::ActionState> actions,
              const TickObserver& observer = {});
/** replayActions over a trace's run-length track (memory stays with the track's changes). */
[[nodiscard]] core::Expected<assessment::AttemptResult>
replayActions(const Scenario& scenario, const core::ActionTrack& actions,
              const TickObserver& observer = {});

} // namespace skillsim::scenario
