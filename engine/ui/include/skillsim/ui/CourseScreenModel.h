#pragma once

#include "skillsim/ui/AttemptMode.h"

#include <cstdint>

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace skillsim::ui {

/** A learning task's state on the course map (course::TaskState, as the screen shows it). */
enum class CourseTaskState : std::uint8_t { Open, Done, Locked };

/**
 * One learning task on the trainee's course map. Every text is already in the screen's language,
 * made from the course's structured data (app::CourseDesk), never an id or an enum name.
 */
struct CourseMapTask {
  std::string id;       ///< The learning task's id (what an action names; not shown).
  std::string workTask; ///< The typical work task's title it belongs to.
  std::string title;    ///< The learning task's title.
  CourseTaskState state = CourseTaskState::Locked;
  std::string lockedWhy; ///< Locked: why, in plain words ("须先完成学习任务“…”").
  bool examOpen = false;
  std::string examWhy; ///< Exam closed: why, in plain words.
  bool evaluationOpen = false;
  std::string evaluationWhy; ///< Evaluate step closed: why, in plain words.
};

/** The kinds of guiding question a work page asks (docs/course-format.md, "Questions"). */
enum class WorkPageQuestionKind : std::uint8_t {
  SingleChoice,
  MultipleChoice,
  Ordering,
  Number,
  ShortText
};

/** A choice (choice questions) or an item to put in order (ordering). */
struct WorkPageChoice {
  std::string id;   ///< Not shown.
  std::string text; ///< What the trainee reads.
};

/** One guiding question of the open learning task's work page. */
struct WorkPageQuestion {
  std::string id;   ///< Not shown.
  std::string step; ///< The step's name (获取信息 …).
  WorkPageQuestionKind kind = WorkPageQuestionKind::SingleChoice;
  std::string prompt;
  double points = 0.0; ///< What a right answer earns.
  std::vector<WorkPageChoice> choices;
  std::string unit;     ///< Number: the unit the answer is asked in ("m").
  std::string verdict;  ///< The stored answer's verdict in words; empty when not answered.
  std::string answered; ///< When the stored answer was given (UTC text); empty when none.
  /** The stored answer, to pre-fill the widgets: choice ids, the number, the unit, the text. */
  std::vector<std::string> givenChoices;
  std::optional<double> givenNumber;
  std::string givenUnit;
  std::string givenText;
};

/** One standard item of the attempt the check step rates. */
struct SelfCheckRow {
  std::string itemId; ///< Not shown.
  std::string title;  ///< The standard item in words.
  double maxPoints = 0.0;
  std::optional<double> self;    ///< The trainee's rating, once recorded.
  std::optional<double> awarded; ///< The attempt's points: shown only after the self-check.
};

/**
 * Everything the course screens show (ui::CourseScreen): the course map, and for the chosen
 * learning task its work page, its carry-out buttons, the check step and the evaluate step.
 * Plain data in the screen's language; the screen holds only the trainee's unsent input.
 */
struct CourseScreenModel {
  std::string courseTitle;
  std::string trainee;
  std::vector<CourseMapTask> tasks;
  /** The learning task shown below the map (an index into tasks); none: the map only. */
  std::optional<std::size_t> chosen;
  std::vector<WorkPageQuestion> workPage; ///< The chosen task's questions, step by step.
  std::string workPageScore;              ///< "7 of 15 points so far" …, in words.
  bool practiceOpen = false;              ///< Carry out: the practice scenario may start.
  std::string checkWhy;                   ///< The check step closed: why (empty when open).
  std::string checkAttempt;               ///< The attempt the check step rates, in words.
  std::vector<SelfCheckRow> selfCheck;
  std::string accuracy; ///< After the self-check: the self-assessment accuracy, in words.
  std::optional<std::string> reflection; ///< The stored reflection, once written.
  std::string message;                   ///< The last action's outcome or error, in words.
  bool messageIsError = false;
  /**
   * The invigilated exam session id the Start exam field is pre-filled with (`--exam-session`,
   * or the one last used); empty = none yet.
   */
  std::string examSession;
};

/** A work-page answer from the screen's widgets (course::Answer without its time stamp). */
struct WorkPageAnswer {
  std::string questionId;
  std::vector<std::string> choices; ///< Single / multiple choice ids, or the ordering.
  std::optional<double> number;
  std::string unit;
  std::string text;
};

/** What the trainee did on the course screens this frame. */
struct CourseScreenActions {
  std::optional<std::string> choose;    ///< A learning task picked on the map (its id).
  std::optional<WorkPageAnswer> answer; ///< A question's Save button.
  std::optional<AttemptMode> start;     ///< Carry out: start the practice or the exam attempt.
  /** With start = Exam: the exam session id in the field (the invigilator gives it). */
  std::string examSession;
  /** The check step's Submit: every item's points, in the model's order. */
  std::optional<std::vector<std::pair<std::string, double>>> selfCheck;
  std::optional<std::string> reflection; ///< The evaluate step's Submit.
  bool back = false;                     ///< Back to the start screen.
};

} // namespace skillsim::ui
