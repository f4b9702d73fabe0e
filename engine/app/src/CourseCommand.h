#pragma once

#include "skillsim/app/RunObserver.h"

#include <iosfwd>
#include <string>
#include <vector>

namespace CLI {
class App;
} // namespace CLI

namespace skillsim::app {

/** Options of `skillsim course status|answer|approve|mark|rate|selfcheck|reflect|open`. */
struct CourseOptions {
  std::string courseFile;           ///< The course file (docs/course-format.md).
  std::string trainee;              ///< The trainee's id in the results store.
  std::string db;                   ///< Results store (default: the user's store).
  std::string task;                 ///< Learning task id (all but status).
  std::string lang = "en";          ///< zh-CN or en: the output and the errors (all but portfolio).
  std::string answersFile;          ///< answer: the answers file (TOML, skillsim.answers/1).
  std::string step;                 ///< answer: the step the answers belong to (optional).
  std::string teacher;              ///< approve / mark / rate --role teacher: the teacher's id.
  std::string question;             ///< mark: the short-text question.
  double points = -1.0;             ///< mark: the points given.
  std::string role = "teacher";     ///< rate: teacher or mentor.
  std::vector<std::string> ratings; ///< rate --role teacher: ITEM=RATING.
  std::string card;                 ///< rate --role mentor: the signed job card.
  std::string mentorKeys;           ///< rate --role mentor: the mentor key registry file.
  std::string attempt;              ///< selfcheck: the attempt rated (default: the best one).
  std::vector<std::string> items;   ///< selfcheck: ITEM=POINTS.
  std::string text;                 ///< reflect: the reflection.
  std::string openLang; ///< open: the UI language, zh-CN or en; empty = from the locale.
  std::string bindings; ///< open: the input bindings file; empty = assets/input/bindings.toml.
  /** open: the exam session id the Start exam field is pre-filled with (the invigilator's). */
  std::string examSession;
  std::string openTask;   ///< open: the learning task shown under the map at first (optional).
  std::string screenshot; ///< open: draw the screens offscreen once, write this PNG, no window.
  RunObserver observer;   ///< Not an option: open: what runCli's caller sees of each frame (tests).

  CLI::App* statusCmd = nullptr;
  CLI::App* answerCmd = nullptr;
  CLI::App* approveCmd = nullptr;
  CLI::App* markCmd = nullptr;
  CLI::App* rateCmd = nullptr;
  CLI::App* selfCheckCmd = nullptr;
  CLI::App* reflectCmd = nullptr;
  CLI::App* openCmd = nullptr;
};

/** Registers `course` and its subcommands on `cli`; returns `course`. */
CLI::App* addCourseCommand(CLI::App& cli, CourseOptions& options);

/**
 * Runs the parsed `course` subcommand on the course records of the results store
 * (docs/course-format.md, "Commands"): `status` prints the course map (each learning task open,
 * done or locked and why, the exam and the evaluation gates) in plain words, zh-CN or en;
 * `answer` records work-page answers from an answers file, time-stamped, and prints their
 * verdicts; `approve` records the teacher's approval of the plan; `mark` the teacher's points for
 * a short-text answer; `rate` a teacher's rating on the course's teacher rubric, or a mentor's
 * signed job card checked against a mentor key registry (an unknown, unsigned or altered one is
 * refused); `selfcheck` the trainee's rating of each standard item of an attempt (the check
 * step, after the exam); `reflect` the reflection (the evaluate step); `open` the same steps
 * on the workstation's course screens in a window (runCourseSession). Returns kExitOk,
 * kExitFailure (an error naming the file/line/field, the task or the gate) or kExitUsage.
 * Never throws.
 */
int runCourse(const CourseOptions& options, std::ostream& out, std::ostream& err);

/** Options of `skillsim portfolio` (docs/course-format.md, "Portfolio"). */
struct PortfolioOptions {
  std::string courseFile; ///< The course file.
  std::string trainee;    ///< The trainee's id.
  std::string db;         ///< Results store (default: the user's store).
  std::string out;        ///< The HTML file to write.
  std::string mentorKeys; ///< Optional mentor key registry: only its keys' job cards count.
  std::string xapi;       ///< Optional: also write the records as xAPI statements (JSON) here.
};

/** Registers `portfolio` on `cli`. */
CLI::App* addPortfolioCommand(CLI::App& cli, PortfolioOptions& options);

/**
 * Writes the trainee's course portfolio (report::coursePortfolioHtml) from the results store:
 * every learning task's records and the trainee's attempts; with `xapi`, also
 * report::courseXapiStatements to that file. Returns kExitOk or kExitFailure (the
 * course, the registry or the store could not be read, the file not written). Never throws.
 */
int runPortfolio(const PortfolioOptions& options, std::ostream& out, std::ostream& err);

} // namespace skillsim::app
