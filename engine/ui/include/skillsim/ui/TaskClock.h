#pragma once

#include "skillsim/ui/I18n.h"

#include <skillsim/assessment/Assessor.h>
#include <skillsim/assessment/AttemptResult.h>
#include <skillsim/assessment/Rubric.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace skillsim::ui {

/** A rubric phase timed by the NCCCO time rule (a time_limit criterion): its id and T (s). */
struct TimedPhase {
  std::string phaseId;
  double limit = 0.0; ///< T, s (> 0).
};

/** The rubric's time_limit criteria that are bound to a phase, in rubric order. */
[[nodiscard]] std::vector<TimedPhase> timedPhases(const assessment::Rubric& rubric);

/** The clock's warning state (EXAMS.md, NCCCO time rule: points are lost from T, stop at 1.5 T). */
enum class ClockWarning : std::uint8_t {
  None,
  TargetReached, ///< The timed phase has run T: points are lost from now on.
  StopSoon,      ///< 10 s (or less, for T <= 20 s) before 1.5 T: the attempt stops then.
};

/** What the HUD's clock shows at one tick. Times in s. */
struct ClockReading {
  bool started = false; ///< The first timed phase has started (in Q2: the horn).
  double elapsed = 0.0; ///< Since the first timed phase started (0 before).
  /** The running timed phase (else the last one started): its T, time used and 1.5 T. */
  std::optional<double> target;
  double phaseElapsed = 0.0;
  std::optional<double> stopAt;
  ClockWarning warning = ClockWarning::None;
  /** The warning was raised at this update (play the cue once). */
  bool newWarning = false;
};

/**
 * The trainee's clock: counted from the start of the first timed phase (the horn), with the T of
 * the phase being timed now, and its warnings at T and at max(T, 1.5 T - 10 s), each whole tick
 * exact (T = 240 s at 240 Hz: TargetReached 57 600 ticks after the phase's start, StopSoon at
 * 84 000). Reads the assessor's phase spans only; presentation, never scored. A rubric without
 * a time rule counts from the attempt's start, with no target.
 */
class TaskClock {
public:
  TaskClock(std::vector<TimedPhase> phases, std::uint32_t tickRate);

  /**
   * `tick`: ticks run so far (sim::Simulation::tick()); `spans`: the phases started so far
   * (assessment::Assessor::phaseTicks()).
   */
  ClockReading update(std::uint64_t tick, std::span<const assessment::PhaseSpan> spans);

private:
  std::vector<TimedPhase> mPhases;
  std::uint32_t mTickRate;
  std::vector<ClockWarning> mRaised; ///< Per timed phase: the warning already raised.
};

/**
 * The results screen's line when the attempt was stopped by a time limit: the scenario's hard
 * limit (`rubric.timeLimit`, "guide.stop_time_limit") or the time rule's 1.5 T (its
 * deduction decided at the last tick, "guide.stop_time_rule"); with the times filled in.
 * Empty when the attempt completed or stopped for another reason.
 */
[[nodiscard]] std::string timeLimitStopReason(const assessment::AttemptResult& result,
                                              const assessment::Rubric& rubric, const I18n& text);

/** `text` with each "{name}" replaced by its value (names not given are left as written). */
[[nodiscard]] std::string
fillTemplate(std::string text, std::span<const std::pair<std::string_view, std::string>> values);

} // namespace skillsim::ui
