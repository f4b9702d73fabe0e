#pragma once

#include "skillsim/app/StoredAttemptCheck.h"

#include <cstddef>
#include <iosfwd>
#include <string>

namespace CLI {
class App;
} // namespace CLI

namespace skillsim::app {

/** Options of `skillsim report`. */
struct ReportOptions {
  std::string traineeId; ///< One trainee, or
  std::string classFile; ///< a class list (report::parseReportClassList).
  std::string db;        ///< Store path or URL; empty: the default store.
  std::string out;       ///< The HTML file to write.
  std::string lang = "zh-CN";
  std::string title; ///< Report title; empty: a default in `lang`.
  /** A course file (docs/course-format.md): adds the class's course table from the store. */
  std::string courseFile;
  /**
   * Where the attempts' traces are re-verified and re-simulated (collectMotion is set by the
   * command) and where the scenarios are (also for the ground plan's zones and the bands).
   */
  TraceSearchOptions traces;
};

/** Registers `report` and its options on `cli`; returns the subcommand. */
CLI::App* addReportCommand(CLI::App& cli, ReportOptions& options);

/**
 * `skillsim report --trainee ID | --class FILE [--db ...] --out FILE.html [--lang zh-CN|en]
 * [--traces DIR]... [--scenarios DIR]`: reads the trainees' attempts (and certificate decisions)
 * from the results store, re-verifies and re-simulates each attempt's trace once with `checker`
 * (checkStoredAttempts, collecting motion; a progress bar on a terminal) and writes one
 * self-contained HTML report (report::writeHtmlReport). Per attempt: `verified` is that
 * re-verification (the rule certify applies); the motion plots hold the re-simulation's 10 Hz
 * samples, with the allowed swing and height bands of the scenario's rubric placed at the
 * re-simulated phase times (report::reportBands); an attempt whose trace is not found keeps its
 * score plot, empty motion plots and the reason as a note. Shows a progress bar on stderr when
 * stderr is a terminal and there are at least kReportProgressThreshold attempts. Returns
 * kExitOk, or kExitFailure with the message on `err`. Never throws.
 */
int runReport(const ReportOptions& options, std::ostream& out, std::ostream& err,
              const StoredAttemptChecker& checker = checkStoredAttempts);

/** From this many attempts on, `report` shows a progress bar on a terminal. */
inline constexpr std::size_t kReportProgressThreshold = 10;

} // namespace skillsim::app
