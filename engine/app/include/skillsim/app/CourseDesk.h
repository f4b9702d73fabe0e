#pragma once

#include <skillsim/core/Expected.h>
#include <skillsim/course/Course.h>
#include <skillsim/course/CourseRecordStore.h>
#include <skillsim/course/Gating.h>
#include <skillsim/records/AttemptRecord.h>
#include <skillsim/records/TraceHeader.h>
#include <skillsim/ui/CourseScreenModel.h>
#include <skillsim/ui/I18n.h>
#include <skillsim/ui/Language.h>
#include <skillsim/ui/StartScreenModel.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace skillsim::app {

/** What the course screens start: a learning task's practice or exam attempt. */
struct CourseStart {
  std::string scenarioId; ///< The scenario file's `id` (practice or exam scenario of the task).
  ui::AttemptMode mode = ui::AttemptMode::Practice;
  /**
   * Exam: the open invigilated exam session the attempt runs in (id, invigilator, opening time),
   * as its trace's signed header records it; empty for practice.
   */
  records::ExamSessionRef examSession;

  friend bool operator==(const CourseStart&, const CourseStart&) = default;
};

/**
 * A trainee's course at the workstation (issue 18 point 2, docs/course-format.md "A learning task
 * at the workstation"): the course file, the trainee's course records and attempts from the
 * results store, and the actions of the course screens (ui::CourseScreen) stored through the same
 * course::CourseRecordStore calls that `skillsim course answer|selfcheck|reflect` make, under the
 * same gates. Its model() makes every text in the screen's language from the structured records.
 * Not thread-safe; one per screen.
 */
class CourseDesk {
public:
  /**
   * Loads `courseFile` (every problem at file:line:column, as `skillsim validate`) and opens the
   * results store at `db` (a SQLite file or a postgresql:// URL). Errors: the course's first
   * problem (InvalidInput) naming the file, or the store's (Unavailable, Io, Unsupported);
   * InvalidInput for an empty trainee id.
   */
  [[nodiscard]] static core::Expected<CourseDesk>
  open(const std::string& courseFile, const std::string& trainee, const std::string& db);

  /** Re-reads the records and the attempts (after an attempt ended, or another command). */
  [[nodiscard]] core::Expected<void> reload();

  /**
   * The screens' model in `language`: the map (each task open, done or locked and why; its exam
   * and evaluation gates and why closed), and for the chosen task its work page with each stored
   * answer's verdict and time, the work page's points, the check step (closed and why, or the
   * attempt it rates; the attempt's points only once the self-check is recorded) and the
   * reflection; and the last action's message.
   */
  [[nodiscard]] ui::CourseScreenModel model(ui::Language language) const;

  /** Chooses the learning task shown under the map; false for an unknown id. */
  bool choose(const std::string& taskId);
  [[nodiscard]] const std::optional<std::string>& chosen() const { return mChosen; }

  /**
   * Applies one frame's actions: `choose`, `answer` (answerQuestion), `selfCheck` (checkItems),
   * `reflection` (reflect); the outcome or the error is the model's message in `language`.
   * Returns what to start for `start`: the practice scenario; or the exam scenario when the
   * task's exam gate is open (docs/course-format.md "Gating") and `actions.examSession` (else the
   * one given with setExamSession) names an exam session that is open in the results store
   * (`skillsim session open`; docs/results-store.md "Exam stations and sessions"). Otherwise the
   * exam is refused, nothing is started or recorded, and the message says why in plain words: the
   * gate's reasons; no session given (and what the invigilator must do); an unknown session id; a
   * closed session (when it closed); the store's error.
   */
  std::optional<CourseStart> apply(const ui::CourseScreenActions& actions, ui::Language language,
                                   std::int64_t nowUtc);

  /**
   * The exam session id the Start exam field is pre-filled with (`--exam-session`, given when the
   * invigilator sets up the seat); the id last used for an exam replaces it.
   */
  void setExamSession(std::string id) { mExamSession = std::move(id); }
  [[nodiscard]] const std::string& examSession() const { return mExamSession; }

  /**
   * Records one work-page answer of the chosen task, stamped `nowUtc` (s since the epoch), and
   * returns its verdict. Errors (InvalidInput, in words of `language`): no task chosen or it is
   * locked (with why), an unknown question, no choice given for a choice question, a choice id
   * the question does not have, an id twice, an ordering that does not hold every item once, a
   * number that is not finite or without a unit, an empty text; the store's errors as they are.
   */
  [[nodiscard]] core::Expected<course::QuestionScore>
  answerQuestion(const ui::WorkPageAnswer& answer, ui::Language language, std::int64_t nowUtc);

  /**
   * The check step: records the trainee's points for every item of the attempt the step rates
   * (course::selfCheckAttempt: the best completed attempt on the task's scenarios), each
   * 0..the item's maximum, stamped `nowUtc`, and returns the self-assessment accuracy (0..100,
   * docs/course-format.md "Assessment"). Errors (InvalidInput, in words): the exam attempt not
   * taken yet, no completed attempt, an item missing, unknown or out of range.
   */
  [[nodiscard]] core::Expected<double>
  checkItems(const std::vector<std::pair<std::string, double>>& points, ui::Language language,
             std::int64_t nowUtc);

  /**
   * The evaluate step: records the reflection, once. Errors (InvalidInput, in words): an empty
   * text, the evaluate step not open (with why); Integrity from the store for a second text.
   */
  [[nodiscard]] core::Expected<void> reflect(const std::string& text, ui::Language language,
                                             std::int64_t nowUtc);

  /**
   * The standard items' titles in the screen's language (item id -> title, as the results screen
   * gets them); an item without one shows its clause and id.
   */
  void setItemTitles(std::map<std::string, std::string> titles) { mItemTitles = std::move(titles); }

  [[nodiscard]] const course::Course& course() const { return mCourse; }
  /** The status of every learning task, in file order, from the records last read. */
  [[nodiscard]] const std::vector<course::TaskStatus>& statuses() const { return mStatuses; }

private:
  CourseDesk() = default;
  const course::LearningTask* chosenTask() const;
  std::string itemTitle(const assessment::ItemResult& item) const;
  const course::TaskStatus* statusOf(const std::string& taskId) const;
  core::Expected<const course::LearningTask*> openChosen(bool zh) const;
  /** The open exam session `id` names, or why there is none, in words (zh or en). */
  core::Expected<records::ExamSessionRef> openExamSession(const std::string& id, bool zh) const;

  course::Course mCourse;
  std::string mTrainee;
  std::string mDb;
  std::unique_ptr<course::CourseRecordStore> mStore;
  std::map<std::string, course::TaskRecords> mRecords;
  std::vector<records::AttemptRecord> mAttempts;
  std::vector<course::TaskStatus> mStatuses;
  std::optional<std::string> mChosen;
  std::map<std::string, std::string> mItemTitles;
  std::string mMessage;
  bool mMessageIsError = false;
  std::string mExamSession;
};

/**
 * The standard items' titles (item id -> title in `text`'s language, as the results screen words
 * them) of the standards that the scenarios of `course`'s learning tasks use, read from the
 * installed scenario files; an item id in two standards keeps the first scenario's title, and a
 * scenario that does not load is left out (the course map already says it is missing). Errors: the
 * message templates of `text` are incomplete.
 */
[[nodiscard]] core::Expected<std::map<std::string, std::string>>
courseItemTitles(const course::Course& course, const std::vector<ui::ScenarioEntry>& installed,
                 const ui::I18n& text);

} // namespace skillsim::app
