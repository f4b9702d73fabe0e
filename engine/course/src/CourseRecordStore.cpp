#include "skillsim/course/CourseRecordStore.h"

#include <skillsim/core/Hash.h>
#include <skillsim/records/SqlConnection.h>
#include <skillsim/records/TraceHeader.h>

#include <array>

namespace skillsim::course {

using records::SqlRow;
using records::SqlValue;

namespace {

/** The first schema with course records (SqlResultsStore's migration 6). */
constexpr int kCourseSchema = 7;

SqlValue text(std::string s) { return SqlValue(std::in_place_type<std::string>, std::move(s)); }

std::string joinIds(const std::vector<std::string>& ids) {
  std::string out;
  for (const std::string& id : ids) {
    out += (out.empty() ? "" : "\n") + id;
  }
  return out;
}

std::vector<std::string> splitIds(const std::string& joined) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (!joined.empty()) {
    std::size_t end = joined.find('\n', pos);
    out.push_back(joined.substr(pos, end == std::string::npos ? end : end - pos));
    if (end == std::string::npos) {
      break;
    }
    pos = end + 1;
  }
  return out;
}

const char* roleName(RaterRole role) { return role == RaterRole::Teacher ? "teacher" : "mentor"; }

core::Expected<void> checkKey(const TaskKey& key) {
  if (key.trainee.empty() || key.course.empty() || key.task.empty()) {
    return core::makeError(core::ErrorCode::InvalidInput,
                           "a course record needs a trainee, a course and a learning task id");
  }
  return {};
}

/** Runs `body` inside one write transaction, committing on success, rolling back otherwise. */
template <typename Body>
core::Expected<void> inTransaction(records::SqlConnection& db, Body&& body) {
  if (auto b = db.beginWrite(); !b) {
    return b;
  }
  core::Expected<void> result = body();
  if (!result) {
    (void)db.execute("ROLLBACK");
    return result;
  }
  if (auto c = db.execute("COMMIT"); !c) {
    (void)db.execute("ROLLBACK");
    return c;
  }
  return {};
}

} // namespace

CourseRecordStore::CourseRecordStore(std::unique_ptr<records::SqlConnection> db)
    : mDb(std::move(db)) {}

CourseRecordStore::~CourseRecordStore() = default;

core::Expected<std::unique_ptr<CourseRecordStore>>
CourseRecordStore::open(const std::string& location, const records::StoreOptions& options) {
  // The results store owns the schema: opening it applies every migration up to the latest.
  auto results = records::ResultsStore::open(location, options);
  if (!results) {
    return std::move(results).error();
  }
  auto version = (*results)->schemaVersion();
  if (!version) {
    return std::move(version).error();
  }
  if (*version < kCourseSchema) {
    return core::makeError(core::ErrorCode::Unsupported,
                           "the results store is at schema version " + std::to_string(*version) +
                               ", which keeps no course records (version " +
                               std::to_string(kCourseSchema) + " does)");
  }
  results->reset();
  auto db = records::openSqlConnection(location, options);
  if (!db) {
    return std::move(db).error();
  }
  return std::unique_ptr<CourseRecordStore>(new CourseRecordStore(std::move(*db)));
}

core::Expected<void> CourseRecordStore::ensureTrainee(const std::string& trainee) {
  const std::array<SqlValue, 1> p = {text(trainee)};
  auto q = mDb->query(
      "INSERT INTO trainees (id, display_name) VALUES ($1, '') ON CONFLICT (id) DO NOTHING", p);
  if (!q) {
    return std::move(q).error();
  }
  return {};
}

core::Expected<void> CourseRecordStore::recordAnswer(const TaskKey& key, const Answer& answer) {
  if (auto k = checkKey(key); !k) {
    return k;
  }
  return inTransaction(*mDb, [&]() -> core::Expected<void> {
    if (auto t = ensureTrainee(key.trainee); !t) {
      return t;
    }
    const std::array<SqlValue, 3> k = {text(key.trainee), text(key.course), text(key.task)};
    auto next = mDb->query("SELECT COALESCE(MAX(ordinal), 0) + 1 FROM course_answers WHERE "
                           "trainee_id = $1 AND course_id = $2 AND task_id = $3",
                           k);
    if (!next) {
      return std::move(next).error();
    }
    const std::array<SqlValue, 10> p = {text(key.trainee),
                                        text(key.course),
                                        text(key.task),
                                        records::sqlInt((*next)[0][0]),
                                        text(answer.questionId),
                                        answer.answeredUtc,
                                        text(joinIds(answer.choices)),
                                        answer.number ? SqlValue(*answer.number)
                                                      : SqlValue(nullptr),
                                        text(answer.unit),
                                        text(answer.text)};
    auto q = mDb->query("INSERT INTO course_answers (trainee_id, course_id, task_id, ordinal, "
                        "question_id, answered_unix, choices, number, unit, text) VALUES ($1, $2, "
                        "$3, $4, $5, $6, $7, $8, $9, $10)",
                        p);
    if (!q) {
      return std::move(q).error();
    }
    return {};
  });
}

core::Expected<void> CourseRecordStore::recordMark(const TaskKey& key, const TeacherMark& mark) {
  if (auto k = checkKey(key); !k) {
    return k;
  }
  return inTransaction(*mDb, [&]() -> core::Expected<void> {
    if (auto t = ensureTrainee(key.trainee); !t) {
      return t;
    }
    const std::array<SqlValue, 7> p = {text(key.trainee),     text(key.course),     text(key.task),
                                       text(mark.questionId), text(mark.teacherId), mark.points,
                                       mark.markedUtc};
    auto q = mDb->query(
        "INSERT INTO course_marks (trainee_id, course_id, task_id, question_id, teacher_id, "
        "points, marked_unix) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (trainee_id, "
        "course_id, task_id, question_id) DO UPDATE SET teacher_id = excluded.teacher_id, points "
        "= excluded.points, marked_unix = excluded.marked_unix",
        p);
    if (!q) {
      return std::move(q).error();
    }
    return {};
  });
}

core::Expected<void> CourseRecordStore::recordPlanApproval(const TaskKey& key,
                                                           const std::string& teacherId,
                                                           std::int64_t nowUtc) {
  if (auto k = checkKey(key); !k) {
    return k;
  }
  if (teacherId.empty()) {
    return core::makeError(core::ErrorCode::InvalidInput, "a plan approval needs the teacher's id");
  }
  return inTransaction(*mDb, [&]() -> core::Expected<void> {
    if (auto t = ensureTrainee(key.trainee); !t) {
      return t;
    }
    const std::array<SqlValue, 5> p = {text(key.trainee), text(key.course), text(key.task),
                                       text(teacherId), nowUtc};
    auto q = mDb->query("INSERT INTO course_plan_approvals (trainee_id, course_id, task_id, "
                        "teacher_id, approved_unix) VALUES ($1, $2, $3, $4, $5) ON CONFLICT "
                        "(trainee_id, course_id, task_id) DO NOTHING",
                        p);
    if (!q) {
      return std::move(q).error();
    }
    return {};
  });
}

core::Expected<void> CourseRecordStore::recordRating(const TaskKey& key, const TaskRating& rating) {
  if (auto k = checkKey(key); !k) {
    return k;
  }
  if (rating.raterId.empty()) {
    return core::makeError(core::ErrorCode::InvalidInput, "a rating needs the rater's id");
  }
  return inTransaction(*mDb, [&]() -> core::Expected<void> {
    if (auto t = ensureTrainee(key.trainee); !t) {
      return t;
    }
    for (const Rating& r : rating.ratings) {
      const std::array<SqlValue, 8> p = {text(key.trainee),     text(key.course),
                                         text(key.task),        text(roleName(rating.role)),
                                         text(rating.raterId),  text(r.itemId),
                                         std::int64_t{r.value}, rating.ratedUtc};
      auto q = mDb->query(
          "INSERT INTO course_ratings (trainee_id, course_id, task_id, rater_role, rater_id, "
          "item_id, rating, rated_unix) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT "
          "(trainee_id, course_id, task_id, rater_role, item_id) DO UPDATE SET rater_id = "
          "excluded.rater_id, rating = excluded.rating, rated_unix = excluded.rated_unix",
          p);
      if (!q) {
        return std::move(q).error();
      }
    }
    return {};
  });
}

core::Expected<void>
CourseRecordStore::recordSelfCheck(const TaskKey& key, const std::vector<SelfCheckEntry>& entries) {
  if (auto k = checkKey(key); !k) {
    return k;
  }
  return inTransaction(*mDb, [&]() -> core::Expected<void> {
    if (auto t = ensureTrainee(key.trainee); !t) {
      return t;
    }
    // Once given, the score was shown: a second self-check would rate with the answer known
    // (found by a new user: the accuracy rose from 88.5 to 96.8 on a re-run).
    const std::array<SqlValue, 3> which = {text(key.trainee), text(key.course), text(key.task)};
    auto earlier = mDb->query("SELECT attempt_id, checked_unix FROM course_self_checks WHERE "
                              "trainee_id = $1 AND course_id = $2 AND task_id = $3 LIMIT 1",
                              which);
    if (!earlier) {
      return std::move(earlier).error();
    }
    if (!earlier->empty()) {
      return core::Error{core::ErrorCode::InvalidInput,
                         "the self-check of learning task '" + key.task + "' was given at " +
                             records::formatUtc(records::sqlInt((*earlier)[0][1])) + " (attempt " +
                             records::sqlText((*earlier)[0][0]) +
                             ") and its score shown; it is not given again",
                         {}};
    }
    for (const SelfCheckEntry& e : entries) {
      const std::array<SqlValue, 7> p = {text(key.trainee), text(key.course), text(key.task),
                                         text(e.attemptId), text(e.itemId),   e.selfPoints,
                                         e.checkedUtc};
      auto q = mDb->query(
          "INSERT INTO course_self_checks (trainee_id, course_id, task_id, attempt_id, item_id, "
          "self_points, checked_unix) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT "
          "(trainee_id, course_id, task_id, item_id) DO UPDATE SET attempt_id = "
          "excluded.attempt_id, self_points = excluded.self_points, checked_unix = "
          "excluded.checked_unix",
          p);
      if (!q) {
        return std::move(q).error();
      }
    }
    return {};
  });
}

core::Expected<void> CourseRecordStore::recordReflection(const TaskKey& key,
                                                         const std::string& reflection,
                                                         std::int64_t nowUtc) {
  if (auto k = checkKey(key); !k) {
    return k;
  }
  return inTransaction(*mDb, [&]() -> core::Expected<void> {
    if (auto t = ensureTrainee(key.trainee); !t) {
      return t;
    }
    const std::array<SqlValue, 3> k = {text(key.trainee), text(key.course), text(key.task)};
    auto existing = mDb->query("SELECT text FROM course_reflections WHERE trainee_id = $1 AND "
                               "course_id = $2 AND task_id = $3",
                               k);
    if (!existing) {
      return std::move(existing).error();
    }
    if (!existing->empty()) {
      if (records::sqlText((*existing)[0][0]) == reflection) {
        return {};
      }
      return core::makeError(core::ErrorCode::Integrity, "trainee " + key.trainee +
                                                             " already wrote a reflection for " +
                                                             key.task + "; it is kept as written");
    }
    const std::array<SqlValue, 5> p = {text(key.trainee), text(key.course), text(key.task),
                                       text(reflection), nowUtc};
    auto q = mDb->query("INSERT INTO course_reflections (trainee_id, course_id, task_id, text, "
                        "written_unix) VALUES ($1, $2, $3, $4, $5)",
                        p);
    if (!q) {
      return std::move(q).error();
    }
    return {};
  });
}

core::Expected<bool> CourseRecordStore::recordJobCard(const TaskKey& key,
                                                      const std::string& cardText,
                                                      std::int64_t nowUtc) {
  if (auto k = checkKey(key); !k) {
    return std::move(k).error();
  }
  auto card = parseJobCard(cardText, "job card");
  if (!card) {
    return std::move(card).error();
  }
  if (card->card.trainee != key.trainee || card->card.course != key.course ||
      card->card.learningTask != key.task) {
    return core::makeError(core::ErrorCode::InvalidInput,
                           "the job card is for trainee " + card->card.trainee + ", course " +
                               card->card.course + ", task " + card->card.learningTask + ", not " +
                               key.trainee + ", " + key.course + ", " + key.task);
  }
  const std::string hash = core::toHex(core::hashBytes(cardText));
  bool written = false;
  auto r = inTransaction(*mDb, [&]() -> core::Expected<void> {
    if (auto t = ensureTrainee(key.trainee); !t) {
      return t;
    }
    const std::array<SqlValue, 6> p = {text(hash),     text(key.trainee), text(key.course),
                                       text(key.task), text(cardText),    nowUtc};
    auto q = mDb->query("INSERT INTO course_job_cards (card_hash, trainee_id, course_id, task_id, "
                        "card, stored_unix) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT "
                        "(card_hash) DO NOTHING",
                        p);
    if (!q) {
      return std::move(q).error();
    }
    written = mDb->changes() > 0;
    return {};
  });
  if (!r) {
    return std::move(r).error();
  }
  return written;
}

core::Expected<TaskRecords> CourseRecordStore::records(const TaskKey& key) {
  const std::array<SqlValue, 3> k = {text(key.trainee), text(key.course), text(key.task)};
  const std::string where = " WHERE trainee_id = $1 AND course_id = $2 AND task_id = $3";
  TaskRecords out;
  auto answers = mDb->query("SELECT question_id, answered_unix, choices, number, unit, text FROM "
                            "course_answers" +
                                where + " ORDER BY ordinal",
                            k);
  if (!answers) {
    return std::move(answers).error();
  }
  for (const SqlRow& row : *answers) {
    Answer a;
    a.questionId = records::sqlText(row[0]);
    a.answeredUtc = records::sqlInt(row[1]);
    a.choices = splitIds(records::sqlText(row[2]));
    if (!std::holds_alternative<std::nullptr_t>(row[3])) {
      a.number = records::sqlDouble(row[3]);
    }
    a.unit = records::sqlText(row[4]);
    a.text = records::sqlText(row[5]);
    out.answers.push_back(std::move(a));
  }
  auto marks = mDb->query("SELECT question_id, teacher_id, points, marked_unix FROM course_marks" +
                              where + " ORDER BY question_id",
                          k);
  if (!marks) {
    return std::move(marks).error();
  }
  for (const SqlRow& row : *marks) {
    out.marks.push_back({records::sqlText(row[0]), records::sqlText(row[1]),
                         records::sqlDouble(row[2]), records::sqlInt(row[3])});
  }
  auto plan = mDb->query("SELECT teacher_id, approved_unix FROM course_plan_approvals" + where, k);
  if (!plan) {
    return std::move(plan).error();
  }
  if (!plan->empty()) {
    out.planApprovedBy = records::sqlText((*plan)[0][0]);
    out.planApprovedUtc = records::sqlInt((*plan)[0][1]);
  }
  auto ratings = mDb->query("SELECT rater_role, rater_id, item_id, rating, rated_unix FROM "
                            "course_ratings" +
                                where + " ORDER BY rater_role DESC, item_id",
                            k);
  if (!ratings) {
    return std::move(ratings).error();
  }
  for (const SqlRow& row : *ratings) {
    const RaterRole role =
        records::sqlText(row[0]) == "teacher" ? RaterRole::Teacher : RaterRole::Mentor;
    if (out.ratings.empty() || out.ratings.back().role != role) {
      out.ratings.push_back({role, records::sqlText(row[1]), {}, records::sqlInt(row[4])});
    }
    out.ratings.back().ratings.push_back(
        {records::sqlText(row[2]), static_cast<int>(records::sqlInt(row[3]))});
  }
  auto checks = mDb->query("SELECT attempt_id, item_id, self_points, checked_unix FROM "
                           "course_self_checks" +
                               where + " ORDER BY item_id",
                           k);
  if (!checks) {
    return std::move(checks).error();
  }
  for (const SqlRow& row : *checks) {
    out.selfChecks.push_back({records::sqlText(row[0]), records::sqlText(row[1]),
                              records::sqlDouble(row[2]), records::sqlInt(row[3])});
  }
  auto reflection = mDb->query("SELECT text, written_unix FROM course_reflections" + where, k);
  if (!reflection) {
    return std::move(reflection).error();
  }
  if (!reflection->empty()) {
    out.reflection = records::sqlText((*reflection)[0][0]);
    out.reflectionUtc = records::sqlInt((*reflection)[0][1]);
  }
  auto cards = mDb->query(
      "SELECT card FROM course_job_cards" + where + " ORDER BY stored_unix, card_hash", k);
  if (!cards) {
    return std::move(cards).error();
  }
  for (const SqlRow& row : *cards) {
    out.jobCards.push_back(records::sqlText(row[0]));
  }
  return out;
}

core::Expected<std::vector<ClassProgressRow>>
CourseRecordStore::classProgress(const std::string& courseId) {
  // One statement: every (trainee, task) with any record, and a count from each table.
  static constexpr const char* kQuery = R"(
    SELECT k.trainee_id, k.task_id,
      (SELECT COUNT(*) FROM course_answers x
         WHERE x.trainee_id = k.trainee_id AND x.course_id = $1 AND x.task_id = k.task_id),
      (SELECT COUNT(*) FROM course_plan_approvals x
         WHERE x.trainee_id = k.trainee_id AND x.course_id = $1 AND x.task_id = k.task_id),
      (SELECT COUNT(*) FROM course_self_checks x
         WHERE x.trainee_id = k.trainee_id AND x.course_id = $1 AND x.task_id = k.task_id),
      (SELECT COUNT(*) FROM course_reflections x
         WHERE x.trainee_id = k.trainee_id AND x.course_id = $1 AND x.task_id = k.task_id),
      (SELECT COUNT(*) FROM course_ratings x
         WHERE x.trainee_id = k.trainee_id AND x.course_id = $1 AND x.task_id = k.task_id
           AND x.rater_role = 'teacher'),
      (SELECT COUNT(*) FROM course_job_cards x
         WHERE x.trainee_id = k.trainee_id AND x.course_id = $1 AND x.task_id = k.task_id)
    FROM (SELECT trainee_id, task_id FROM course_answers WHERE course_id = $1
          UNION SELECT trainee_id, task_id FROM course_plan_approvals WHERE course_id = $1
          UNION SELECT trainee_id, task_id FROM course_self_checks WHERE course_id = $1
          UNION SELECT trainee_id, task_id FROM course_reflections WHERE course_id = $1
          UNION SELECT trainee_id, task_id FROM course_ratings WHERE course_id = $1
          UNION SELECT trainee_id, task_id FROM course_job_cards WHERE course_id = $1) k
    ORDER BY k.trainee_id, k.task_id)";
  const std::array<SqlValue, 1> p = {text(courseId)};
  auto rows = mDb->query(kQuery, p);
  if (!rows) {
    return std::move(rows).error();
  }
  std::vector<ClassProgressRow> out;
  for (const SqlRow& row : *rows) {
    out.push_back({records::sqlText(row[0]), records::sqlText(row[1]),
                   static_cast<int>(records::sqlInt(row[2])), records::sqlInt(row[3]) > 0,
                   static_cast<int>(records::sqlInt(row[4])), records::sqlInt(row[5]) > 0,
                   static_cast<int>(records::sqlInt(row[6])),
                   static_cast<int>(records::sqlInt(row[7]))});
  }
  return out;
}

} // namespace skillsim::course
