#pragma once

// The instructor's classroom window (issue 19, point 2; docs/classroom.md): a grid of the seats
// publishing into live_seats, each with its plain-word fields, a minimap of the load's plan
// position and the command buttons. The text is made by the caller at display time (from the
// criterion data and the machine's declarations); this module only lays it out.

#include "skillsim/ui/I18n.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace skillsim::ui {

/** One seat as the grid shows it: every field already in the instructor's language. */
struct ClassroomSeatView {
  std::string seat;                  ///< The seat's name.
  std::string trainee;               ///< The trainee's id as enrolled.
  std::string scenario;              ///< The scenario's title (or its id when not found locally).
  std::string mode;                  ///< "练习" / "Practice", "考试" / "Exam".
  std::string phase;                 ///< The phase's display name, or "—".
  std::string elapsed;               ///< Attempt time as a clock (formatClock).
  std::string score;                 ///< "95 / 100" (formatPoints).
  std::string lastDeduction;         ///< The latest deduction in plain words, or "—".
  std::vector<std::string> readouts; ///< "label value unit" each (formatQuantity).
  bool online = false;               ///< Published within kLiveSeatOfflineAfterS.
  bool paused = false;               ///< The attempt is paused.
  std::string status;                ///< "在线" / "offline" / "paused", in words.
  /**
   * The load's plan position inside the declared scene area, as shares of the minimap square:
   * u from the area's west edge (world -X) to its east edge, v from its north edge (world -Z,
   * drawn up) to its south edge; each in [0, 1] (a point outside is clamped to the edge).
   */
  float mapU = 0.5f, mapV = 0.5f;
};

/** A command the instructor gave with a button of the grid (or the --script seam). */
struct ClassroomCommand {
  std::string seat; ///< The seat it is for.
  std::string kind; ///< pause, resume, message or end (records::kSeatCommandKinds).
  std::string text; ///< The message's text for "message"; else empty.
};

/** What the grid keeps between frames: the message box of each seat, by seat name. */
struct ClassroomGridState {
  std::map<std::string, std::string> drafts;
};

/** "1 seat" / "3 seats" (zh-CN: "1 个座位"): the seat count as the grid's title line shows it. */
[[nodiscard]] std::string classroomSeatCount(std::size_t seats, const I18n& text);

/**
 * Draws the grid over the whole display: one cell per seat (offline seats greyed, their buttons
 * disabled), each with its fields, readouts, minimap (the area as a square, the load as a dot)
 * and pause / resume / message / end buttons with a text box for the message. Returns the
 * command of a button pressed this frame (at most one); a sent message clears its box. Words from
 * the `classroom.*` keys of `text`. Needs a current ImGui frame.
 */
std::optional<ClassroomCommand> drawClassroomGrid(const std::vector<ClassroomSeatView>& seats,
                                                  ClassroomGridState& state, const I18n& text);

/** A cell's size in pixels (the grid wraps cells to the display's width). */
inline constexpr float kClassroomCellWidth = 400.0f;
inline constexpr float kClassroomCellHeight = 350.0f;
/** The minimap square's side in a cell, px. */
inline constexpr float kClassroomMinimapSide = 96.0f;

} // namespace skillsim::ui
