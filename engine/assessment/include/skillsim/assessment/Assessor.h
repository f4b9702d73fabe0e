#pragma once

#include "skillsim/assessment/AttemptResult.h"
#include "skillsim/assessment/Rubric.h"
#include "skillsim/assessment/Standard.h"

#include <skillsim/core/ActionState.h>
#include <skillsim/sim/Metrics.h>
#include <skillsim/sim/SimEvent.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace skillsim::assessment {

class Criterion;
class PhaseTracker;
struct EventRef;
struct Observation;
class ScoreSheet;
class TriggerState;

/** When a rubric phase ran, in simulation ticks (time = tick / tickRate). */
struct PhaseSpan {
  std::string phaseId;         ///< PhaseSpec::id.
  std::uint64_t startTick = 0; ///< The tick whose event started it.
  std::uint64_t endTick = 0;   ///< The tick whose event ended it, or the last observed tick.
  bool running = false;        ///< Not ended yet (endTick is then the last observed tick).

  friend bool operator==(const PhaseSpan&, const PhaseSpan&) = default;
};

/**
 * Scores one attempt against a standard by a rubric, tick by tick, from the simulation's events
 * and metrics only (it knows nothing of physics). Feed every tick to observe(); read
 * runningScore() for the HUD; call finish() once the attempt is over (or to abandon it) for the
 * AttemptResult. Deterministic: equal inputs give an equal AttemptResult.
 *
 * The attempt is finished when the rubric's end trigger fires (completed), a veto fires, the
 * NCCCO time rule stops it at 1.5 T, a missing end signal ends it (missing_end_signal), or the
 * rubric's time limit is reached (not completed).
 *
 * A simulation fault (a `physics_fault` event: a body not finite, too fast or flown away) is
 * always a veto, whether or not the rubric declares one: criterion id `simulation_fault`, no
 * standard item, no points taken, the attempt failed and not completed, so a faulted attempt
 * never gets a score (issue 15 point 7; DESIGN.md, "bad input never produces a silently wrong
 * score"). A rubric's own veto on that event fires instead of it, never both.
 *
 * The standard and rubric must be consistent (every item, phase and metric named exists): the
 * scenario loader checks that for files; an inconsistent rubric built in code is a contract
 * violation, as is a metric the simulation does not provide.
 */
class Assessor {
public:
  Assessor(Standard standard, Rubric rubric, std::string scenarioId);
  ~Assessor();
  Assessor(Assessor&&) noexcept;
  Assessor& operator=(Assessor&&) noexcept;
  Assessor(const Assessor&) = delete;
  Assessor& operator=(const Assessor&) = delete;

  /**
   * One tick: `tick` counts from 0 at the attempt's start (time = tick / tickRate), increasing
   * by at least 1 per call; `events` are that tick's events in the simulation's order, `metrics`
   * and `actions` the values during it, `proximities` the watched bodies' gaps after it
   * (sim::Simulation::proximities; contact_count episodes). Ignored once finished().
   */
  void observe(std::uint64_t tick, std::span<const sim::SimEvent> events,
               const sim::Metrics& metrics, const core::ActionState& actions,
               std::span<const sim::Proximity> proximities = {});

  /** True once the attempt is over (see the class comment); further ticks are ignored. */
  [[nodiscard]] bool finished() const;
  /** True when the end trigger fired (the trainee finished the task). */
  [[nodiscard]] bool completed() const { return mCompleted; }
  /** Points so far: the standard's total minus every deduction decided up to now. */
  [[nodiscard]] double runningScore() const;
  /** The standard's total points. */
  [[nodiscard]] double maxScore() const;
  /** The deductions decided so far, in tick order (for a live list on the HUD). */
  [[nodiscard]] const std::vector<Deduction>& deductions() const;
  /** True once a veto has fired. */
  [[nodiscard]] bool vetoed() const;

  /**
   * Ends the attempt at the last observed tick (closing running phases and deciding what is
   * decided only at the end: zone sequences, unplaced loads, end-state checks) and returns the
   * result. Idempotent: later calls return the same result.
   */
  AttemptResult finish();

  /**
   * The phases that have started so far, in rubric order (phases never started are left out):
   * each one's start tick and its end tick, a running phase ending at the last observed tick
   * (as finish() closes it). For the report's allowed bands, which are drawn over the phase a
   * criterion is bound to (report::reportBands).
   */
  [[nodiscard]] std::vector<PhaseSpan> phaseTicks() const;

  [[nodiscard]] const Standard& standard() const { return *mStandard; }
  [[nodiscard]] const Rubric& rubric() const { return *mRubric; }

private:
  void dispatch(const EventRef& ref, const Observation& obs);

  // Held by pointer so the criteria's references stay valid when the Assessor moves.
  std::unique_ptr<Standard> mStandard;
  std::unique_ptr<Rubric> mRubric;
  std::string mScenarioId;
  std::unique_ptr<PhaseTracker> mPhases;
  std::unique_ptr<ScoreSheet> mSheet;
  std::vector<std::unique_ptr<Criterion>> mCriteria;
  std::unique_ptr<TriggerState> mEnd;
  bool mStarted = false;
  bool mBound = false;
  bool mCompleted = false;
  bool mTimedOut = false;
  bool mWasNeutral = true;
  std::uint64_t mLastTick = 0;
  std::optional<core::ActionState> mLastActions;
  std::optional<sim::Metrics> mLastMetrics;
  std::optional<AttemptResult> mResult;
};

} // namespace skillsim::assessment
