#pragma once

#include <glm/vec3.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skillsim::assessment {

/** Category of a standard item (DESIGN.md, files a user writes). */
enum class Category : std::uint8_t { Safety, Procedure, Quality, Efficiency };

/** "safety", "procedure", "quality" or "efficiency". */
[[nodiscard]] std::string_view toString(Category category);
/** Inverse of toString(Category); nullopt for an unknown name. */
[[nodiscard]] std::optional<Category> categoryFromName(std::string_view name);

/**
 * What a fired criterion found, as data (issue 13 point 5): which kind of finding, the metric and
 * its measured value against the limit, how long, in which phase, and the bodies, zones or events
 * involved. Text for people is made from it at display time (skillsim::messages, from the zh-CN
 * and en templates in assets/i18n/), so a changed template never changes a score or a hash.
 * Machine-independent: metrics, controls, bodies, zones, tags, phases and events are named by
 * their ids as the scenario and the machine's declarations write them. docs/deduction-messages.md
 * lists which fields each kind fills.
 */
enum class FindingKind : std::uint8_t {
  Contact,            ///< contact_count: `subject` touched `other` (body names); `occurrence`.
  Event,              ///< event_count: `event` (with `subject`/`other`) happened; `occurrence`.
  ZoneSequence,       ///< zone_sequence: `count` of `total` zones in order; `other` = next zone.
  Placement,          ///< placement: `subject` set down `value` m from the centre of `other`.
  NotPlaced,          ///< placement: `subject` never set down in `other` (`event` never came).
  MetricBand,         ///< metric_band: `metric` `value` past `limit` (`side`) for `duration` s.
  ForbiddenAction,    ///< forbidden_action: `metric` or `control` at `value` past `limit`.
  OutOfOrder,         ///< required_before: `event` came before the required `expected`.
  TimeOver,           ///< time_limit: phase took `value` s, over its target time `limit` (T).
  TimeStopped,        ///< time_limit: phase reached `value` s >= 1.5 T (`limit` = T): stopped.
  MissingEndSignal,   ///< missing_end_signal: no `event` `duration` s at rest after `phase` ended.
  EndNotObserved,     ///< end_state: the end state could not be observed.
  ControlsNotNeutral, ///< end_state: a control at `value` (largest axis, -1..1) at the end.
  EndMetric,          ///< end_state: `metric` `value` at the end, past `limit` (`side`).
  Veto,               ///< veto: `event` (with `subject`/`other`, measured `value`) happened.
};

/** Stable snake_case name of a finding kind ("metric_band"), as JSON and stores write it. */
[[nodiscard]] std::string_view toString(FindingKind kind);
/** Inverse of toString(FindingKind); nullopt for an unknown name. */
[[nodiscard]] std::optional<FindingKind> findingKindFromName(std::string_view name);

/** Which side of its limit a measured value went. */
enum class LimitSide : std::uint8_t {
  None,     ///< No limit involved.
  Above,    ///< Over a maximum (`limit` is the maximum).
  Below,    ///< Under a minimum (`limit` is the minimum).
  Reversed, ///< Turned against the direction held (`limit` is the dead band).
};

/** "", "above", "below", "reversed". */
[[nodiscard]] std::string_view toString(LimitSide side);
/** Inverse of toString(LimitSide); nullopt for an unknown name. */
[[nodiscard]] std::optional<LimitSide> limitSideFromName(std::string_view name);

/** A deduction's or veto's finding; fields a kind does not use stay empty / 0. */
struct Finding {
  FindingKind kind = FindingKind::Event;
  std::string metric;  ///< Metric id (sim::MetricDecl::name), or empty.
  std::string control; ///< Axis control id (core::ControlDecl::id), or empty.
  /** SI symbol of value and limit (sim::unitSymbol: "m", "rad", "m/s", "s", "N s"; "" a count). */
  std::string unit;
  double value = 0.0; ///< The measured value (worst of an excursion), in `unit`; may be non-finite.
  LimitSide side = LimitSide::None;
  double limit = 0.0; ///< The limit passed (maximum, minimum, dead band, T), in `unit`.
  /** A second limit: placement's distance for no marks (m); otherwise 0. */
  double limit2 = 0.0;
  double duration = 0.0; ///< s: how long it lasted (excursion, grace at rest); 0 = not timed.
  double since = 0.0;    ///< s from the start when it began (an excursion); 0 = at `time`.
  std::string phase;     ///< Phase id the criterion watches, or empty.
  std::string subject;   ///< Body name or tag (a contact's, a placed body, an event's subject).
  std::string other;     ///< Other body name or tag, or a zone name.
  std::string event;     ///< Event name: a machine event, a simulation kind or start/motion/end.
  std::string expected;  ///< out_of_order: the event that should have come first.
  std::uint32_t occurrence = 0; ///< 1, 2, … for a repeated fault; 0 = not counted.
  std::uint32_t count = 0;      ///< zone_sequence: zones visited in order.
  std::uint32_t total = 0;      ///< zone_sequence: zones in the sequence.

  friend bool operator==(const Finding&, const Finding&) = default;
};

/** One deduction, with the evidence an examiner would write down. */
struct Deduction {
  std::string itemId;       ///< Standard item the points come off.
  std::string criterionId;  ///< Rubric criterion that fired.
  double points = 0.0;      ///< Points deducted (> 0).
  std::uint64_t tick = 0;   ///< Tick at which it was decided.
  double time = 0.0;        ///< Seconds from the attempt's start (tick / tick rate).
  glm::dvec3 position{0.0}; ///< Where (m, world): the load or machine position then.
  double measured = 0.0;    ///< The measured value that caused it (units per criterion).
  Finding finding;          ///< What was found, as data (the text is made from it).
  /**
   * The English text a result of format 1 (before findings) recorded, kept when such a result is
   * read, shown when it has no finding; empty for new results and never hashed by them.
   */
  std::string legacyReason;

  friend bool operator==(const Deduction&, const Deduction&) = default;
};

/** A veto ("automatic fail") that fired. */
struct Veto {
  std::string itemId;
  std::string criterionId;
  std::uint64_t tick = 0;
  double time = 0.0;
  glm::dvec3 position{0.0};
  Finding finding;          ///< What was found, as data.
  std::string legacyReason; ///< As Deduction::legacyReason.

  friend bool operator==(const Veto&, const Veto&) = default;
};

/** Points for one standard item. */
struct ItemResult {
  std::string itemId;
  std::string clause; ///< Clause reference in the standard.
  Category category = Category::Procedure;
  double maxPoints = 0.0;
  double awardedPoints = 0.0; ///< maxPoints minus its deductions, never below 0.

  friend bool operator==(const ItemResult&, const ItemResult&) = default;
};

/**
 * The scored outcome of one attempt: per item the awarded and maximum points, every deduction
 * with its evidence, the vetoes, the total and pass/fail against the pass mark. A vetoed attempt
 * fails whatever its total. Deterministic: the same events give an equal AttemptResult.
 */
struct AttemptResult {
  std::string scenarioId;
  std::string standardId;
  std::vector<ItemResult> items;
  std::vector<Deduction> deductions; ///< In tick order.
  std::vector<Veto> vetoes;          ///< In tick order.
  double totalPoints = 0.0;          ///< Sum of awarded points.
  double maxPoints = 0.0;            ///< Sum of item maxima.
  double passMark = 0.0;
  bool passed = false;    ///< totalPoints >= passMark and no veto.
  bool completed = false; ///< The attempt reached its end (not stopped early).
  std::uint64_t endTick = 0;
  double duration = 0.0; ///< s.
  /** Id of the highest standard level reached (passed, total >= its minPoints); empty if none. */
  std::string level;
  /**
   * 2: deductions and vetoes carry findings (hashed as skillsim-attempt-result-v2); 1: a result
   * read from an older record, with legacyReason texts instead (docs/trace-format.md).
   */
  std::uint32_t format = 2;

  friend bool operator==(const AttemptResult&, const AttemptResult&) = default;
};

} // namespace skillsim::assessment
