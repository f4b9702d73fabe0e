#pragma once

#include "skillsim/scenario/Scenario.h"

#include <skillsim/sim/SimEvent.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace skillsim::scenario {

/**
 * Which of the scenario's task steps (Scenario::steps) the trainee is on, from the same events
 * the assessor sees. Steps are done in order: only the current step's `done` trigger is matched
 * (kind, subject, other as assessment::matchesEvent; `count` matches counted while it is current;
 * `after` needs that phase ended), and one event completes at most one step. Presentation only:
 * nothing scored reads it, and it is not part of any result or hash. Deterministic: the same
 * events give the same step changes.
 */
class StepTracker {
public:
  /** Answers whether the rubric phase with this id has ended (for `after`). */
  using PhaseEnded = std::function<bool(const std::string& phaseId)>;

  explicit StepTracker(std::vector<TaskStep> steps);

  /**
   * One tick's events in the simulation's order (sim::Simulation::events()); `phaseEnded` is
   * asked only for a step whose trigger has `after` (may be empty: then such a step never ends).
   */
  void observe(std::span<const sim::SimEvent> events, const PhaseEnded& phaseEnded);

  /** All steps, in order. */
  [[nodiscard]] const std::vector<TaskStep>& steps() const { return mSteps; }
  /** Index of the step now to do; == steps().size() once every step is done. */
  [[nodiscard]] std::size_t current() const { return mCurrent; }
  /** True once every step is done (true at once for a scenario without steps). */
  [[nodiscard]] bool allDone() const { return mCurrent >= mSteps.size(); }
  /**
   * The zone the current step heads for (TaskStep::target), for the training aids (a target
   * marker, the distance to it); std::nullopt when it names none or all steps are done.
   */
  [[nodiscard]] std::optional<std::string> currentTarget() const;
  /** The tick (SimEvent::tick) at which each done step was done, in step order. */
  [[nodiscard]] const std::vector<std::uint64_t>& doneTicks() const { return mDoneTicks; }

private:
  std::vector<TaskStep> mSteps;
  std::size_t mCurrent = 0;
  std::uint32_t mMatches = 0; ///< Matches of the current step's trigger so far.
  std::vector<std::uint64_t> mDoneTicks;
};

} // namespace skillsim::scenario
