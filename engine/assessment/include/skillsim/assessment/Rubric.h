#pragma once

#include <skillsim/core/ActionState.h>
#include <skillsim/sim/SimEvent.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace skillsim::assessment {

/** Events that the Assessor makes up itself, besides the simulation's SimEvents. */
enum class PseudoEvent : std::uint8_t {
  None,   ///< The trigger matches a real SimEvent.
  Start,  ///< The first observed tick of the attempt ("start").
  Motion, ///< The controls leave neutral (some axis becomes non-zero) ("motion").
  End,    ///< The attempt ends; only as a phase's end ("end").
};

/** "start", "motion", "end" (or "" for None). */
[[nodiscard]] std::string_view toString(PseudoEvent pseudo);

/**
 * What starts or ends a phase, or what a criterion waits for: the `count`-th event of a kind whose
 * subject and other match (empty = any), counted only once phase `after` (if named) has ended.
 * Within a tick, events are taken in the simulation's order, then "motion" (so a horn in the same
 * tick as the first motion counts as before it). Contact triggers match in either tag order.
 */
struct Trigger {
  std::optional<sim::SimEventKind> kind; ///< Set for a real event; unset for a pseudo event.
  /** kind == Machine: the machine-defined event kind ("horn"), SimEvent::name. */
  std::string machineEvent;
  PseudoEvent pseudo = PseudoEvent::None;
  std::string subject;     ///< Body tag (or controller) of the event; empty = any.
  std::string other;       ///< Other body's tag or the zone's name; empty = any.
  std::string after;       ///< Phase that must have ended first; empty = none.
  std::uint32_t count = 1; ///< Fire on the count-th match (>= 1).

  /** The trigger written the way files write it, e.g. `zone_enter(load, circle_b)`. */
  [[nodiscard]] std::string describe() const;
};

/**
 * A named stretch of the attempt, from the first `start` match to the first `end` match after it
 * (e.g. the weave: from the load leaving circle B to it entering circle C). A phase runs at most
 * once. On an event that ends one phase and starts another, the end is taken first; the event
 * that starts a phase belongs to it, the one that ends it does not.
 */
struct PhaseSpec {
  std::string id;
  Trigger start;
  Trigger end;
};

/**
 * Deduct per contact episode between a body tagged `subject` and one tagged `other`, as an
 * examiner sees episodes: one opens at a contact_begin of a pair with no episode open, and ends
 * only once that pair has been more than `separation` apart (Simulation::proximities) without a
 * break for `apartTime`, with no contact meanwhile. A load leaning on a pile and rocking a few mm
 * is one touch; backing off and touching again, or touching a second pile, is another. Episodes
 * are per body pair. Without a measured gap (no proximity for the pair) the bodies count as apart
 * once their contact has ended.
 */
struct ContactCountParams {
  std::string subject; ///< Tag; the match is symmetric (subject/other in either order).
  std::string other;
  double separation = 0.02; ///< m, >= 0.
  double apartTime = 0.5;   ///< s, >= 0; counted in whole ticks.
};

/** Deduct per matching event (e.g. the load entering a zone people work in). */
struct EventCountParams {
  Trigger event;
};

/** Visit zones in order (ZoneEnter of a body tagged `subject`); deduct when incomplete. */
struct ZoneSequenceParams {
  std::string subject; ///< Body tag; empty = any.
  std::vector<std::string> zones;
};

/**
 * Placement error: horizontal distance d (m) from (xMetric, zMetric) to the zone's centre when
 * `at` fires. Deduct 0 for d <= fullWithin, all `points` for d >= noneBeyond, linearly between.
 * Never placed by the end: all `points`.
 */
struct PlacementParams {
  std::string body;     ///< The placed body (checked on load; position read from the metrics).
  std::string zone;     ///< Target zone name.
  double centerX = 0.0; ///< Zone centre (m), filled by the loader from the zone.
  double centerZ = 0.0;
  Trigger at;
  double fullWithin = 0.0; ///< a (m).
  double noneBeyond = 0.0; ///< b (m), > a.
  std::string xMetric = "load_x";
  std::string zMetric = "load_z";
};

/** How a metric band or a forbidden action is charged. */
enum class ChargeMode : std::uint8_t {
  PerOccurrence, ///< `points` per excursion.
  PerSecond,     ///< `points` per second spent outside, charged when the excursion ends.
};

/**
 * Metric band: the metric must stay within [min, max] (inclusive) while the phase runs. An
 * excursion shorter than minDuration (s) is forgiven. A non-finite value is outside.
 */
struct MetricBandParams {
  std::string metric;
  std::optional<double> min;
  std::optional<double> max;
  ChargeMode mode = ChargeMode::PerOccurrence;
  double minDuration = 0.0;
  std::string unit; ///< The metric's SI symbol (sim::unitSymbol), filled by the loader.
};

/** What a forbidden action is. */
enum class ForbiddenWhen : std::uint8_t {
  Above, ///< value > threshold (e.g. a lifting speed above 0.02 m/s while setting down).
  Below, ///< value < threshold.
  /** The value's sign turns against the direction held since the phase began (the first sign
   * beyond the dead band), ignoring |value| <= deadBand: a travel drive reversing. Coming back to
   * the held direction is no fault; turning away from it again is another (EXAMS.md, Q2: the
   * travel drive may not reverse during the weave). */
  Reverses,
};

/** A forbidden action in a phase; `points` per occurrence (each time the condition starts). */
struct ForbiddenActionParams {
  std::string metric; ///< Either a metric …
  /** … or an axis control of the machine: its id and its ActionState slot (ControlLayout). */
  std::string axisId;
  std::optional<std::size_t> axisSlot;
  ForbiddenWhen when = ForbiddenWhen::Above;
  double threshold = 0.0;
  double deadBand = 0.0; ///< Reverses only (units of the value), >= 0.
  std::string unit;      ///< The metric's SI symbol, filled by the loader; "" for an axis control.
};

/** `required` must happen before `before` (e.g. horn before the first motion); else deduct. */
struct RequiredBeforeParams {
  Trigger required;
  Trigger before;
};

/**
 * NCCCO time rule on a phase of optimum time T = limit (s): no loss up to T, loss rising linearly
 * to `points` at 1.5 T; at 1.5 T the attempt is stopped and all the item's points are lost.
 * Times are counted in whole ticks, T rounded to the nearest tick.
 */
struct TimeLimitParams {
  double limit = 0.0;
};

/** A veto: when the event happens the item's veto fires and the attempt stops, failed. */
struct VetoParams {
  Trigger event;
};

/** Checked once at the end of the attempt. */
enum class EndStateCheck : std::uint8_t {
  ControlsNeutral, ///< Every axis at 0.
  MetricAtLeast,   ///< metric >= threshold (e.g. a height of at least 3 m at the end).
  MetricAtMost,    ///< metric <= threshold.
};

struct EndStateParams {
  EndStateCheck check = EndStateCheck::ControlsNeutral;
  std::string metric;
  double threshold = 0.0;
  std::string unit; ///< The metric's SI symbol, filled by the loader.
};

/**
 * The attempt's end signal never came (Q2, EXAMS.md: the horn ends the attempt). Once phase
 * `after` has ended (the last set-down) and the machine has been at rest for `grace` seconds
 * without a break (every control axis at 0 and each of `restMetrics` within +-restTolerance), the
 * attempt ends, not completed, and `points` are deducted once ("no horn at the end"). When
 * `signal` matches first, nothing is charged. Its own item and reason, so a missing horn is never
 * charged as a timeout on another item. Times in whole ticks.
 */
struct MissingEndSignalParams {
  Trigger signal;      ///< The end signal awaited: the rubric's end trigger (filled by the loader).
  std::string after;   ///< Phase whose end starts the wait (default: the signal's `after`).
  double grace = 10.0; ///< s at rest before the attempt is ended (> 0).
  std::vector<std::string> restMetrics; ///< Metrics that must be near 0 (speeds).
  double restTolerance = 0.01;          ///< |value| <= this counts as at rest, in each one's unit.
};

using CriterionParams =
    std::variant<ContactCountParams, EventCountParams, ZoneSequenceParams, PlacementParams,
                 MetricBandParams, ForbiddenActionParams, RequiredBeforeParams, TimeLimitParams,
                 VetoParams, EndStateParams, MissingEndSignalParams>;

/** Names of the criterion kinds as files write them, in CriterionParams' order. */
[[nodiscard]] std::string_view criterionKindName(const CriterionParams& params);

/** One rubric entry: binds a standard item to a measurable criterion. */
struct CriterionSpec {
  std::string id;         ///< Unique within the rubric.
  std::string itemId;     ///< Standard item the points come off (or whose veto fires).
  std::string phase;      ///< Phase id during which it is active; empty = the whole attempt.
  double points = 0.0;    ///< Per occurrence / per second / for a failure, as the kind says.
  double maxPoints = 0.0; ///< Cap on this criterion's total deduction; 0 = none.
  bool proposed = false;  ///< Point value not published (EXAMS.md); kept as data.
  CriterionParams params;
};

/** How an attempt is scored: phases, criteria, how it ends. Filled by the scenario loader. */
struct Rubric {
  std::uint32_t tickRate = 240; ///< Hz; times are tick / tickRate.
  double timeLimit = 0.0;       ///< s from the start; the attempt stops there. 0 = none.
  std::optional<Trigger> end;   ///< The attempt is complete when it fires (e.g. the final horn).
  std::vector<PhaseSpec> phases;
  std::vector<CriterionSpec> criteria;
  /**
   * Metrics that place a deduction (AttemptResult deduction `position`, m): x, height and z of
   * the machine's plan-view point (sim::MachineDecl::planX, planHeight, planZ). Empty or absent
   * metrics read 0.
   */
  std::string positionX, positionY, positionZ;
};

/**
 * True when `event` matches the trigger's kind, subject and other (ignores count and after).
 * Contacts match in either order: (load, ground) matches a contact reported as (ground, load).
 */
[[nodiscard]] bool matchesEvent(const Trigger& trigger, const sim::SimEvent& event);

} // namespace skillsim::assessment
