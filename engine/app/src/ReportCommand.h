#pragma once

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
  std::string classFile; ///< a class list (records::parseReportClassList).
  std::string db;        ///< Store path or URL; empty: the default store.
  std::string out;       ///< The HTML file to write.
  std::string lang = "zh-CN";
  std::string title;                      ///< Report title; empty: a default in `lang`.
  std::string scenariosDir = "scenarios"; ///< Scenario files, for the ground plan's zones.
};

/** Registers `report` and its options on `cli`; returns the subcommand. */
CLI::App* addReportCommand(CLI::App& cli, ReportOptions& options);

/**
 * `skillsim report --trainee ID | --class FILE [--db ...] --out FILE.html [--lang zh-CN|en]`:
 * reads the trainees' attempts (and certificate decisions) from the results store and writes one
 * self-contained HTML report (records::writeHtmlReport). Shows a progress bar on stderr when
 * stderr is a terminal and there are at least kReportProgressThreshold attempts. Returns kExitOk,
 * or kExitFailure with the message on `err`. Never throws.
 */
int runReport(const ReportOptions& options, std::ostream& out, std::ostream& err);

/** From this many attempts on, `report` shows a progress bar on a terminal. */
inline constexpr std::size_t kReportProgressThreshold = 10;

} // namespace skillsim::app
