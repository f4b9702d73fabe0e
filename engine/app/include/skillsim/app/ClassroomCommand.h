#pragma once

// `skillsim classroom --db postgresql://…`: the instructor's window over the live seats of a room
// (issue 19, point 2; docs/classroom.md).

#include <skillsim/records/LiveSeats.h>
#include <skillsim/ui/ClassroomGrid.h>
#include <skillsim/ui/I18n.h>

#include <iosfwd>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace CLI {
class App;
} // namespace CLI

namespace skillsim::scenario {
struct Scenario;
} // namespace skillsim::scenario

namespace skillsim::app {

/** The options of `skillsim classroom`. */
struct ClassroomOptions {
  std::string db;                         ///< The room's store: a postgresql:// URL.
  std::string scenariosDir = "scenarios"; ///< Where the seats' scenarios are found by id.
  std::string lang;                       ///< zh-CN or en; empty: the locale's.
  std::string gpu;                        ///< As `skillsim run --gpu`.
  bool headless = false;                  ///< No window: the grid as text on stdout.
  bool once = false;                      ///< Headless: print once and exit (else every 0.5 s).
  /**
   * Test seam, one command a frame instead of the instructor's clicks, separated by ';':
   * `pause SEAT`, `resume SEAT`, `end SEAT`, `message SEAT TEXT…` (each sent as its button
   * would), `frames N` (draws N frames), `quit` (prints the grid as text and closes).
   */
  std::string script;
  std::string screenshot; ///< With --script: at quit, a PNG of the grid (offscreen, validated).
};

/** Adds the `classroom` subcommand filling `options`; returns it. */
CLI::App* addClassroomCommand(CLI::App& cli, ClassroomOptions& options);

/**
 * Runs `skillsim classroom`. Returns kExitOk; kExitUsage for a bad script or an SQLite --db
 * (live seats need PostgreSQL, said on `err`); kExitFailure when the store cannot be read.
 */
int runClassroom(const ClassroomOptions& options, std::ostream& out, std::ostream& err);

/**
 * The scenarios under a folder by id, loaded on the first seat naming one not seen yet (a seat's
 * scenario id is looked up in them to word its phase, deduction and title). A file that does not
 * load is left out; an id not found shows as the id itself.
 */
class ScenarioCatalogue {
public:
  /** A catalogue of the scenarios under `folder` (read on the first find()). */
  explicit ScenarioCatalogue(std::string folder);
  ~ScenarioCatalogue();
  ScenarioCatalogue(const ScenarioCatalogue&) = delete;
  ScenarioCatalogue& operator=(const ScenarioCatalogue&) = delete;
  /** The scenario with `id`, or nullptr. */
  const scenario::Scenario* find(const std::string& id);

private:
  std::string mFolder;
  bool mLoaded = false;
  std::map<std::string, std::unique_ptr<scenario::Scenario>, std::less<>> mById;
};

/**
 * The grid's cells for `rows`, worded now in `text`'s language: the scenario's title, the mode
 * and phase by name, the elapsed clock, "score / max", the last deduction as "−points: the
 * standard item's title, the metric's label and measured value in its unit (metric-band
 * criteria), at the attempt time" made from the criterion of the seat's scenario, the readouts
 * with their declared labels through ui::formatQuantity (angles in degrees), and the minimap dot
 * from the plan position in the declared area (a zero or negative extent centres the dot).
 */
[[nodiscard]] std::vector<ui::ClassroomSeatView>
classroomSeatViews(const std::vector<records::LiveSeatRow>& rows, ScenarioCatalogue& scenarios,
                   const ui::I18n& text);

/** The grid as text, one block per seat (the --headless output; docs/classroom.md). */
void printClassroomGrid(const std::vector<ui::ClassroomSeatView>& seats, const ui::I18n& text,
                        std::ostream& out);

} // namespace skillsim::app
