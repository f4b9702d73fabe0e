#pragma once

#include "skillsim/course/JobCard.h"
#include "skillsim/course/TaskScore.h"
#include "skillsim/course/WorkPageScore.h"

#include <skillsim/core/Expected.h>
#include <skillsim/records/ResultsStore.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace skillsim::records {
class SqlConnection;
} // namespace skillsim::records

namespace skillsim::course {

/** Which trainee, course and learning task a record belongs to. */
struct TaskKey {
  std::string trainee;
  std::string course;
  std::string task;
};

/** Who rates on a rubric. */
enum class RaterRole : std::uint8_t { Teacher, Mentor };

/** One rater's rating of a learning task on their rubric. */
struct TaskRating {
  RaterRole role = RaterRole::Teacher;
  std::string raterId;
  std::vector<Rating> ratings; ///< In item id order as read back.
  std::int64_t ratedUtc = 0;
};

/** A teacher's mark of a short-text question. */
struct TeacherMark {
  std::string questionId;
  std::string teacherId;
  double points = 0.0;
  std::int64_t markedUtc = 0;
};

/** The trainee's self-check of one standard item of an attempt (the check step). */
struct SelfCheckEntry {
  std::string attemptId;
  std::string itemId;
  double selfPoints = 0.0;
  std::int64_t checkedUtc = 0;
};

/** Everything stored for one trainee's learning task. */
struct TaskRecords {
  std::vector<Answer> answers; ///< In the order they were given.
  std::vector<TeacherMark> marks;
  std::optional<std::string> planApprovedBy;
  std::optional<std::int64_t> planApprovedUtc;
  std::vector<TaskRating> ratings; ///< Teacher's and mentor's (the mentor's from a stored card).
  std::vector<SelfCheckEntry> selfChecks;
  std::optional<std::string> reflection;
  std::optional<std::int64_t> reflectionUtc;
  std::vector<std::string> jobCards; ///< Each stored card's file text (verify before counting).
};

/** One row of a class's progress (CourseRecordStore::classProgress). */
struct ClassProgressRow {
  std::string trainee;
  std::string task;
  int answers = 0;
  bool planApproved = false;
  int selfCheckedItems = 0;
  bool reflection = false;
  int teacherRatings = 0;
  int jobCards = 0;

  friend bool operator==(const ClassProgressRow&, const ClassProgressRow&) = default;
};

/**
 * The course records of the results store (schema 7, docs/results-store.md): work-page answers
 * with time stamps, teacher's marks, plan approvals, ratings, self-checks, reflections and job
 * cards, in the same database as the attempts (SQLite or PostgreSQL, the same statements), so
 * that a class's progress is one query. Not thread-safe.
 *
 * Errors: as records::ResultsStore (Unavailable, Io); Unsupported below schema 7; InvalidInput
 * for an empty trainee, course or task id, or a job card that does not parse; Integrity when a
 * record that is written once (a plan approval, a reflection) is written again with other data.
 */
class CourseRecordStore {
public:
  /** Opens the results store at `location`, migrating it to the latest schema. */
  [[nodiscard]] static core::Expected<std::unique_ptr<CourseRecordStore>>
  open(const std::string& location, const records::StoreOptions& options = {});
  ~CourseRecordStore();
  CourseRecordStore(const CourseRecordStore&) = delete;
  CourseRecordStore& operator=(const CourseRecordStore&) = delete;

  /** Appends an answer (a later answer to the same question replaces it when scoring). */
  core::Expected<void> recordAnswer(const TaskKey& key, const Answer& answer);
  /** Sets the teacher's mark of a short-text question (a new mark replaces the old). */
  core::Expected<void> recordMark(const TaskKey& key, const TeacherMark& mark);
  /** Records the teacher's approval of the plan; a second, identical approval is harmless. */
  core::Expected<void> recordPlanApproval(const TaskKey& key, const std::string& teacherId,
                                          std::int64_t nowUtc);
  /** Records a rating (replacing that role's earlier rating of the same items). */
  core::Expected<void> recordRating(const TaskKey& key, const TaskRating& rating);
  /**
   * Records the self-check items, once per learning task: InvalidInput when one is already
   * recorded (its score has been shown, so a second would be rated knowing it), nothing written.
   */
  core::Expected<void> recordSelfCheck(const TaskKey& key,
                                       const std::vector<SelfCheckEntry>& entries);
  /** Records the reflection; Integrity when another text is already stored. */
  core::Expected<void> recordReflection(const TaskKey& key, const std::string& text,
                                        std::int64_t nowUtc);
  /**
   * Stores a job card's file text (parsed first: InvalidInput when it does not parse, or names
   * another trainee, course or task than `key`). Whether it counts is decided when it is read
   * (verifyJobCard): an unsigned or altered card is kept, shown as such, and never counts.
   * Returns false when the same text is already stored.
   */
  core::Expected<bool> recordJobCard(const TaskKey& key, const std::string& cardText,
                                     std::int64_t nowUtc);

  /** Everything stored for `key`. */
  [[nodiscard]] core::Expected<TaskRecords> records(const TaskKey& key);

  /**
   * A class's progress in a course, in one query: one row per trainee and learning task with
   * any record, ordered by trainee then task.
   */
  [[nodiscard]] core::Expected<std::vector<ClassProgressRow>>
  classProgress(const std::string& courseId);

private:
  explicit CourseRecordStore(std::unique_ptr<records::SqlConnection> db);
  core::Expected<void> ensureTrainee(const std::string& trainee);
  std::unique_ptr<records::SqlConnection> mDb;
};

} // namespace skillsim::course
