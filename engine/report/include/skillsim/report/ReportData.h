#pragma once

#include "skillsim/report/ReportCourseTable.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace skillsim::report {

/** A point of the running score: the points held at `time` (s from the attempt's start). */
struct ReportScorePoint {
  double time = 0.0;
  double score = 0.0;
};

/** An allowed range [low, high] of a quantity during [start, end] s (a rubric's band). */
struct ReportBand {
  double start = 0.0; ///< s.
  double end = 0.0;   ///< s.
  double low = 0.0;   ///< In the quantity's SI unit.
  double high = 0.0;
  std::string label; ///< E.g. "A→B: 2–4 m".
};

/**
 * One motion sample of an attempt for the report's plots (world frame, Y up; DESIGN.md units),
 * from re-simulating its trace. The caller chooses the sampling (e.g. every 24th tick, 10 Hz);
 * the writer draws every sample given.
 */
struct ReportSample {
  double time = 0.0;  ///< s from the attempt's start; non-decreasing along an attempt.
  double planX = 0.0; ///< m: the machine's plan-view point (MachineDecl::planX), seen from above.
  double planZ = 0.0; ///< m (MachineDecl::planZ).
  /** The value of each of ReportAttempt::series, in that order, in its metric's SI unit. */
  std::vector<double> values;
  /**
   * Whether each value means something now (its series' validWhen flag was 1); same size as
   * `values`, or empty = all valid. Invalid values are not drawn (the line breaks there).
   */
  std::vector<bool> valid;
};

/**
 * One plotted quantity over time: a machine's readout (sim::ReadoutDecl with plot = true), named
 * and scaled for display in the report's language.
 */
struct ReportSeries {
  std::string id;           ///< The metric name; the plot's CSS class is `plot-<id>`.
  std::string title;        ///< Plot title, e.g. "载荷摆角" / "load swing".
  std::string yLabel;       ///< Y axis, with the display unit, e.g. "load swing (°)".
  double scale = 1.0;       ///< Display value = SI value × scale (180/π for an angle in degrees).
  double minimumSpan = 0.5; ///< Smallest y range drawn, display units.
  std::vector<ReportBand> bands; ///< Allowed ranges, SI units (a rubric's metric bands).
  /** When the series is drawn, e.g. "shown only while: load engaged"; empty = always. */
  std::string validNote;
};

/** A deduction, placed in time and on the ground plan. */
struct ReportDeduction {
  double time = 0.0;  ///< s.
  double planX = 0.0; ///< m, where the plan-view point was when it was decided.
  double planZ = 0.0; ///< m.
  double points = 0.0;
  std::string itemId;
  std::string reason;    ///< In the report's language (writeDeductionTexts).
  std::string itemTitle; ///< The standard item's title; the id when not known.
};

/**
 * A shape on the ground plan, drawn under the path: a scenario zone (landing circles, gates, a
 * walkway) or a static body (piles, frames), seen from above.
 */
struct ReportZone {
  std::string name;    ///< The scenario's id (e.g. "circle_a").
  double x = 0.0;      ///< m, centre.
  double z = 0.0;      ///< m.
  double radius = 0.0; ///< m, > 0 for a circle; 0 for a rectangle.
  double halfX = 0.0;  ///< m, a rectangle's half extents along x and z (> 0 when radius is 0).
  double halfZ = 0.0;
  bool body = false; ///< A static body (drawn solid), else a zone (drawn outlined).
  std::string label; ///< Shown on the plan: its `[labels]` name ("A 圈"); empty: the id.
};

/** Everything the report shows for one attempt. */
struct ReportAttempt {
  std::string attemptId;
  std::string traineeId;
  std::string traineeName;
  std::string scenarioId;
  std::string scenarioTitle;
  std::string startedAt; ///< ISO 8601 UTC.
  double score = 0.0;
  double maxScore = 0.0;
  double passMark = 0.0;
  bool passed = false;
  bool vetoed = false;
  bool verified = false;                     ///< The trace re-verified; shown, never hidden.
  std::vector<ReportScorePoint> scoreSeries; ///< Running score; time non-decreasing.
  std::vector<ReportSample> samples;         ///< Motion; empty when not re-simulated.
  std::vector<ReportDeduction> deductions;
  std::vector<ReportSeries> series; ///< Plotted readouts, in the machine's declaration order.
  std::vector<ReportZone> zones;
  /**
   * Why the trace did not verify, or why there is no motion (e.g. "no trace with hash 3f2a…
   * under traces/"); shown under the score line, escaped. Empty: nothing to say.
   */
  std::string verificationNote;
};

/** One trainee's line in the class roster. */
struct ReportRosterRow {
  std::string traineeId;
  std::string traineeName;
  std::size_t attempts = 0;
  std::size_t verifiedAttempts = 0;
  std::size_t passedAttempts = 0;      ///< Verified and passed.
  std::optional<double> bestPercent;   ///< Best verified attempt, percent of its maximum.
  std::optional<double> latestPercent; ///< Latest verified attempt, percent.
  std::string certificate;             ///< A decision's text, e.g. "awarded", or empty.
};

/** The whole report: a title, the roster and the attempts, in the order given. */
struct ReportDocument {
  std::string title;
  std::string subtitle;           ///< E.g. the class and the date of the report; plain text.
  std::string language = "zh-CN"; ///< "zh-CN" or "en".
  std::vector<ReportRosterRow> roster;
  std::vector<ReportAttempt> attempts;
  /** With `skillsim report --course`: the class's course table, shown after the roster. */
  std::optional<ReportCourseTable> course;
};

/**
 * The roster for a set of attempts: one row per trainee in order of first appearance, counting
 * attempts, verified attempts and verified passes; best and latest (by startedAt) percentages
 * from verified attempts only. `certificate` is left empty.
 */
[[nodiscard]] std::vector<ReportRosterRow>
makeReportRoster(const std::vector<ReportAttempt>& attempts);

} // namespace skillsim::report
