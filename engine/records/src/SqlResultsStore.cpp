#include "SqlResultsStore.h"

#include "skillsim/records/ResultJson.h"

#include "skillsim/records/ResultHash.h"
#include "skillsim/records/TraceHeader.h"

#include <skillsim/core/Hash.h>

#include <array>
#include <map>
#include <string_view>

namespace skillsim::records {
namespace {

/** Replaces every `placeholder` in `sql` by `value` (a migration may name a type twice). */
void replaceEvery(std::string& sql, std::string_view placeholder, std::string_view value) {
  for (auto at = sql.find(placeholder); at != std::string::npos;
       at = sql.find(placeholder, at + value.size())) {
    sql.replace(at, placeholder.size(), value);
  }
}

// Migrations, in order; migration i takes the schema from version i to i + 1. Never edit one that
// has shipped: add another. Types are the common subset of SQLite and PostgreSQL.
const std::array<std::vector<std::string_view>, kStoreSchemaVersion> kMigrations = {{
    // 1: trainees, scenarios, attempts, item results, deductions.
    {
        R"(CREATE TABLE trainees (
             id TEXT PRIMARY KEY,
             display_name TEXT NOT NULL DEFAULT ''))",
        R"(CREATE TABLE scenarios (
             hash TEXT PRIMARY KEY,
             id TEXT NOT NULL,
             title TEXT NOT NULL,
             title_en TEXT NOT NULL,
             version TEXT NOT NULL))",
        R"(CREATE TABLE attempts (
             id TEXT PRIMARY KEY,
             trainee_id TEXT NOT NULL REFERENCES trainees (id),
             scenario_hash TEXT NOT NULL REFERENCES scenarios (hash),
             standard_id TEXT NOT NULL,
             mode TEXT NOT NULL CHECK (mode IN ('practice', 'exam')),
             started_at TEXT NOT NULL,
             start_unix BIGINT NOT NULL,
             duration_s DOUBLE PRECISION NOT NULL,
             end_tick BIGINT NOT NULL,
             score DOUBLE PRECISION NOT NULL,
             maximum DOUBLE PRECISION NOT NULL,
             pass_mark DOUBLE PRECISION NOT NULL,
             passed BOOLEAN NOT NULL,
             vetoed BOOLEAN NOT NULL,
             trace_hash TEXT NOT NULL,
             signature_valid BOOLEAN NOT NULL,
             result_hash TEXT NOT NULL,
             engine_version TEXT NOT NULL))",
        R"(CREATE TABLE item_results (
             attempt_id TEXT NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
             ordinal INTEGER NOT NULL,
             item_id TEXT NOT NULL,
             clause TEXT NOT NULL,
             category TEXT NOT NULL,
             max_points DOUBLE PRECISION NOT NULL,
             awarded_points DOUBLE PRECISION NOT NULL,
             PRIMARY KEY (attempt_id, ordinal)))",
        R"(CREATE TABLE deductions (
             attempt_id TEXT NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
             ordinal INTEGER NOT NULL,
             item_id TEXT NOT NULL,
             criterion_id TEXT NOT NULL,
             points DOUBLE PRECISION NOT NULL,
             tick BIGINT NOT NULL,
             time_s DOUBLE PRECISION NOT NULL,
             x DOUBLE PRECISION NOT NULL,
             y DOUBLE PRECISION NOT NULL,
             z DOUBLE PRECISION NOT NULL,
             measured DOUBLE PRECISION NOT NULL,
             reason TEXT NOT NULL,
             PRIMARY KEY (attempt_id, ordinal)))",
    },
    // 2: veto details and the completed flag; vetoed attempts of schema 1 keep a placeholder veto
    // so that "vetoed" still reads true.
    {
        R"(ALTER TABLE attempts ADD COLUMN completed BOOLEAN NOT NULL DEFAULT TRUE)",
        R"(ALTER TABLE attempts ADD COLUMN level TEXT NOT NULL DEFAULT '')",
        R"(CREATE TABLE vetoes (
             attempt_id TEXT NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
             ordinal INTEGER NOT NULL,
             item_id TEXT NOT NULL,
             criterion_id TEXT NOT NULL,
             tick BIGINT NOT NULL,
             time_s DOUBLE PRECISION NOT NULL,
             x DOUBLE PRECISION NOT NULL,
             y DOUBLE PRECISION NOT NULL,
             z DOUBLE PRECISION NOT NULL,
             reason TEXT NOT NULL,
             PRIMARY KEY (attempt_id, ordinal)))",
        R"(INSERT INTO vetoes (attempt_id, ordinal, item_id, criterion_id, tick, time_s, x, y, z,
                               reason)
             SELECT id, 0, '', '', 0, 0, 0, 0, 0,
                    'vetoed (recorded under schema 1, which kept no veto details)'
             FROM attempts WHERE vetoed)",
        R"(CREATE INDEX attempts_by_trainee ON attempts (trainee_id, start_unix))",
    },
    // 3: exam stations (registered public keys, revocation kept as history) and invigilated exam
    // sessions (issue 13, point 13). Attempts are unchanged: the trace's signed header is the
    // evidence of station and session, checked by certify when it re-verifies the trace.
    {
        R"(CREATE TABLE exam_stations (
             id BIGINT PRIMARY KEY,
             name TEXT NOT NULL,
             public_key TEXT NOT NULL,
             registered_by TEXT NOT NULL,
             registered_unix BIGINT NOT NULL,
             revoked_by TEXT NOT NULL DEFAULT '',
             revoked_unix BIGINT))",
        R"(CREATE INDEX exam_stations_by_key ON exam_stations (public_key))",
        R"(CREATE TABLE exam_sessions (
             id TEXT PRIMARY KEY,
             invigilator_id TEXT NOT NULL,
             opened_unix BIGINT NOT NULL,
             closed_unix BIGINT))",
    },
    // 4: each deduction's and veto's finding (issue 13: data, the text made at display time) as
    // the JSON of records::findingToJson, and the result's format. Rows of schema 2 keep their
    // reason text and read as format 1 results (docs/results-store.md); so do schema 3 rows.
    {
        R"(ALTER TABLE attempts ADD COLUMN result_format INTEGER NOT NULL DEFAULT 1)",
        R"(ALTER TABLE deductions ADD COLUMN finding TEXT NOT NULL DEFAULT '')",
        R"(ALTER TABLE vetoes ADD COLUMN finding TEXT NOT NULL DEFAULT '')",
    },
    // 5: attempts abandoned at the workstation (Quit, Restart, the window closed): kept with
    // their signed reason and no score, so that an exam walked out of stays on the record.
    {
        R"(CREATE TABLE abandoned_attempts (
             id TEXT PRIMARY KEY,
             trainee_id TEXT NOT NULL REFERENCES trainees (id),
             scenario_hash TEXT NOT NULL REFERENCES scenarios (hash),
             mode TEXT NOT NULL CHECK (mode IN ('practice', 'exam')),
             started_at TEXT NOT NULL,
             start_unix BIGINT NOT NULL,
             ticks BIGINT NOT NULL,
             duration_s DOUBLE PRECISION NOT NULL,
             reason TEXT NOT NULL,
             trace_hash TEXT NOT NULL,
             engine_version TEXT NOT NULL))",
        R"(CREATE INDEX abandoned_by_trainee ON abandoned_attempts (trainee_id, start_unix))",
    },
    // 6: each attempt's signed trace bytes, so that a verifier needs only the database (issue 19),
    // and the verification queue: a claim with a lease on the attempt (claimed_by, claimed_until
    // in s since 1970 on the database's clock, claim_count), every claim in a log, and one verdict
    // per attempt (the primary key makes a second one impossible). {BYTES} is bytea on
    // PostgreSQL and BLOB on SQLite (the one type the two spell differently). Rows of schema 5
    // keep no trace (NULL): workers do not claim them, `verify --db` says so.
    {
        R"(ALTER TABLE attempts ADD COLUMN trace {BYTES})",
        R"(ALTER TABLE attempts ADD COLUMN claimed_by TEXT NOT NULL DEFAULT '')",
        R"(ALTER TABLE attempts ADD COLUMN claimed_until DOUBLE PRECISION)",
        R"(ALTER TABLE attempts ADD COLUMN claim_count INTEGER NOT NULL DEFAULT 0)",
        R"(CREATE TABLE verification_claims (
             attempt_id TEXT NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
             ordinal INTEGER NOT NULL,
             worker_id TEXT NOT NULL,
             claimed_unix DOUBLE PRECISION NOT NULL,
             lease_until DOUBLE PRECISION NOT NULL,
             PRIMARY KEY (attempt_id, ordinal)))",
        R"(CREATE TABLE verifications (
             attempt_id TEXT PRIMARY KEY REFERENCES attempts (id) ON DELETE CASCADE,
             verified BOOLEAN NOT NULL,
             status TEXT NOT NULL,
             detail TEXT NOT NULL,
             worker_id TEXT NOT NULL,
             build_id TEXT NOT NULL,
             engine_version TEXT NOT NULL,
             claim_ordinal INTEGER NOT NULL,
             verified_unix DOUBLE PRECISION NOT NULL))",
    },
    // 7: course records (issue 18, integrated work-study): per trainee, course and learning task,
    // work-page answers and the teacher's marks, the plan's approval, the teacher's and mentor's
    // ratings, self-checks, reflections and job cards (the signed file's text, verified again
    // when read). Self-contained: no table of 1..6 changes.
    {
        R"(CREATE TABLE course_answers (
             trainee_id TEXT NOT NULL REFERENCES trainees (id),
             course_id TEXT NOT NULL,
             task_id TEXT NOT NULL,
             ordinal BIGINT NOT NULL,
             question_id TEXT NOT NULL,
             answered_unix BIGINT NOT NULL,
             choices TEXT NOT NULL,
             number DOUBLE PRECISION,
             unit TEXT NOT NULL,
             text TEXT NOT NULL,
             PRIMARY KEY (trainee_id, course_id, task_id, ordinal)))",
        R"(CREATE TABLE course_marks (
             trainee_id TEXT NOT NULL REFERENCES trainees (id),
             course_id TEXT NOT NULL,
             task_id TEXT NOT NULL,
             question_id TEXT NOT NULL,
             teacher_id TEXT NOT NULL,
             points DOUBLE PRECISION NOT NULL,
             marked_unix BIGINT NOT NULL,
             PRIMARY KEY (trainee_id, course_id, task_id, question_id)))",
        R"(CREATE TABLE course_plan_approvals (
             trainee_id TEXT NOT NULL REFERENCES trainees (id),
             course_id TEXT NOT NULL,
             task_id TEXT NOT NULL,
             teacher_id TEXT NOT NULL,
             approved_unix BIGINT NOT NULL,
             PRIMARY KEY (trainee_id, course_id, task_id)))",
        R"(CREATE TABLE course_ratings (
             trainee_id TEXT NOT NULL REFERENCES trainees (id),
             course_id TEXT NOT NULL,
             task_id TEXT NOT NULL,
             rater_role TEXT NOT NULL CHECK (rater_role IN ('teacher', 'mentor')),
             rater_id TEXT NOT NULL,
             item_id TEXT NOT NULL,
             rating INTEGER NOT NULL,
             rated_unix BIGINT NOT NULL,
             PRIMARY KEY (trainee_id, course_id, task_id, rater_role, item_id)))",
        R"(CREATE TABLE course_self_checks (
             trainee_id TEXT NOT NULL REFERENCES trainees (id),
             course_id TEXT NOT NULL,
             task_id TEXT NOT NULL,
             attempt_id TEXT NOT NULL,
             item_id TEXT NOT NULL,
             self_points DOUBLE PRECISION NOT NULL,
             checked_unix BIGINT NOT NULL,
             PRIMARY KEY (trainee_id, course_id, task_id, item_id)))",
        R"(CREATE TABLE course_reflections (
             trainee_id TEXT NOT NULL REFERENCES trainees (id),
             course_id TEXT NOT NULL,
             task_id TEXT NOT NULL,
             text TEXT NOT NULL,
             written_unix BIGINT NOT NULL,
             PRIMARY KEY (trainee_id, course_id, task_id)))",
        R"(CREATE TABLE course_job_cards (
             card_hash TEXT PRIMARY KEY,
             trainee_id TEXT NOT NULL REFERENCES trainees (id),
             course_id TEXT NOT NULL,
             task_id TEXT NOT NULL,
             card TEXT NOT NULL,
             stored_unix BIGINT NOT NULL))",
        R"(CREATE INDEX course_job_cards_by_trainee ON course_job_cards (trainee_id, course_id))",
    },
    // 8: a classroom's live seats (issue 19, point 2; docs/classroom.md): one row per seat,
    // upserted about once a second by the seat's publisher thread (updated_unix on the database
    // server's clock, so that the classroom's offline check needs no synchronised clocks), and the
    // instructor's commands to a seat (kind pause|resume|message|end; applied_tick set once, by
    // the workstation that applied it). {IDENTITY} is the backend's auto-numbered key.
    {
        R"(CREATE TABLE live_seats (
             seat TEXT PRIMARY KEY,
             trainee_id TEXT NOT NULL,
             scenario_id TEXT NOT NULL,
             mode TEXT NOT NULL,
             phase TEXT NOT NULL,
             paused BOOLEAN NOT NULL,
             elapsed_s DOUBLE PRECISION NOT NULL,
             tick BIGINT NOT NULL,
             score DOUBLE PRECISION NOT NULL,
             max_score DOUBLE PRECISION NOT NULL,
             last_item_id TEXT NOT NULL,
             last_criterion_id TEXT NOT NULL,
             last_points DOUBLE PRECISION,
             last_time_s DOUBLE PRECISION,
             last_measured DOUBLE PRECISION,
             readouts TEXT NOT NULL,
             plan_x DOUBLE PRECISION NOT NULL,
             plan_z DOUBLE PRECISION NOT NULL,
             area_centre_x DOUBLE PRECISION NOT NULL,
             area_centre_z DOUBLE PRECISION NOT NULL,
             area_extent DOUBLE PRECISION NOT NULL,
             updated_unix DOUBLE PRECISION NOT NULL))",
        R"(CREATE TABLE seat_commands (
             id {IDENTITY},
             seat TEXT NOT NULL,
             kind TEXT NOT NULL CHECK (kind IN ('pause', 'resume', 'message', 'end')),
             text TEXT NOT NULL,
             sent_unix DOUBLE PRECISION NOT NULL,
             applied_tick BIGINT,
             outcome TEXT NOT NULL DEFAULT ''))",
        R"(CREATE INDEX seat_commands_pending ON seat_commands (seat, applied_tick))",
    },
}};

constexpr std::string_view kSchemaTable = R"(CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY,
    description TEXT NOT NULL))";

SqlValue flag(bool b) { return std::int64_t{b ? 1 : 0}; }
SqlValue text(std::string s) { return SqlValue(std::in_place_type<std::string>, std::move(s)); }
SqlValue integer(std::uint64_t n) { return static_cast<std::int64_t>(n); }

} // namespace

core::Expected<std::unique_ptr<SqlResultsStore>>
SqlResultsStore::create(std::unique_ptr<SqlConnection> connection, const StoreOptions& options) {
  if (options.schemaVersion < 1 || options.schemaVersion > kStoreSchemaVersion) {
    return core::makeError(core::ErrorCode::InvalidInput,
                           "schema version " + std::to_string(options.schemaVersion) +
                               " requested; this build knows 1.." +
                               std::to_string(kStoreSchemaVersion));
  }
  std::unique_ptr<SqlResultsStore> store(new SqlResultsStore(std::move(connection)));
  if (auto m = store->migrate(options.schemaVersion); !m) {
    return std::move(m).error();
  }
  return store;
}

void SqlResultsStore::rollback() { (void)mDb->execute("ROLLBACK"); }

core::Expected<void> SqlResultsStore::migrate(int target) {
  if (auto b = mDb->beginWrite(); !b) {
    return b;
  }
  auto fail = [&](core::Error e) -> core::Expected<void> {
    rollback();
    return e;
  };
  if (mDb->backend() == "postgresql") {
    // Workstations of a centre may start together: one migrates, the others wait.
    if (auto l = mDb->query("SELECT pg_advisory_xact_lock(727274651)"); !l) {
      return fail(std::move(l).error());
    }
  }
  if (auto t = mDb->execute(kSchemaTable); !t) {
    return fail(std::move(t).error());
  }
  auto rows = mDb->query("SELECT COALESCE(MAX(version), 0) FROM schema_version");
  if (!rows) {
    return fail(std::move(rows).error());
  }
  const int current = rows->empty() ? 0 : static_cast<int>(sqlInt((*rows)[0][0]));
  if (current > kStoreSchemaVersion) {
    return fail(core::makeError(core::ErrorCode::Unsupported,
                                "the results store has schema version " + std::to_string(current) +
                                    "; this build knows versions up to " +
                                    std::to_string(kStoreSchemaVersion) +
                                    ": use a newer SkillSim to write to it"));
  }
  const bool pg = mDb->backend() == "postgresql";
  for (int v = current; v < target; ++v) {
    for (std::string_view statement : kMigrations[static_cast<std::size_t>(v)]) {
      std::string sql(statement);
      replaceEvery(sql, "{BYTES}", pg ? "BYTEA" : "BLOB");
      replaceEvery(sql, "{IDENTITY}",
                   pg ? "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
                      : "INTEGER PRIMARY KEY AUTOINCREMENT");
      if (auto s = mDb->execute(sql); !s) {
        return fail(std::move(s).error());
      }
    }
    const std::array<SqlValue, 2> params = {std::int64_t{v + 1},
                                            text("migration " + std::to_string(v + 1))};
    if (auto s =
            mDb->query("INSERT INTO schema_version (version, description) VALUES ($1, $2)", params);
        !s) {
      return fail(std::move(s).error());
    }
  }
  if (auto c = mDb->execute("COMMIT"); !c) {
    return fail(std::move(c).error());
  }
  mVersion = std::max(current, target);
  return {};
}

core::Expected<int> SqlResultsStore::schemaVersion() {
  auto rows = mDb->query("SELECT COALESCE(MAX(version), 0) FROM schema_version");
  if (!rows) {
    return std::move(rows).error();
  }
  return static_cast<int>(sqlInt((*rows)[0][0]));
}

core::Expected<bool> SqlResultsStore::recordAttempt(const AttemptRecord& record) {
  if (auto b = mDb->beginWrite(); !b) {
    return std::move(b).error();
  }
  const std::string hash = core::toHex(resultHash(record.result));
  const std::array<SqlValue, 1> id = {text(record.attemptId)};
  if (!record.trace.empty() && core::toHex(core::hashBytes(record.trace)) != record.traceHash) {
    rollback();
    return core::makeError(core::ErrorCode::Integrity,
                           "attempt " + record.attemptId + ": the trace bytes given (hash " +
                               core::toHex(core::hashBytes(record.trace)) +
                               ") are not the trace the attempt names (hash " + record.traceHash +
                               ")");
  }
  auto existing = mDb->query("SELECT result_hash FROM attempts WHERE id = $1", id);
  if (!existing) {
    rollback();
    return std::move(existing).error();
  }
  if (!existing->empty()) {
    if (sqlText((*existing)[0][0]) == hash) {
      // Stored before its trace was kept (schema 5, or a queued copy): keep the trace now.
      if (mVersion >= 6 && !record.trace.empty()) {
        const std::array<SqlValue, 3> p = {text(record.attemptId), SqlBytes{record.trace},
                                           text(record.traceHash)};
        auto q = mDb->query(
            "UPDATE attempts SET trace = $2 WHERE id = $1 AND trace IS NULL AND trace_hash = $3",
            p);
        if (!q) {
          rollback();
          return std::move(q).error();
        }
        if (auto c = mDb->execute("COMMIT"); !c) {
          rollback();
          return std::move(c).error();
        }
        return false;
      }
      rollback();
      return false;
    }
    rollback();
    return core::makeError(core::ErrorCode::Integrity,
                           "attempt " + record.attemptId +
                               " is already stored with a different result (hash " +
                               sqlText((*existing)[0][0]) + ", now " + hash + ")");
  }
  if (auto w = writeAttempt(record); !w) {
    rollback();
    return std::move(w).error();
  }
  if (auto c = mDb->execute("COMMIT"); !c) {
    rollback();
    return std::move(c).error();
  }
  return true;
}

core::Expected<void> SqlResultsStore::writeTraineeAndScenario(const std::string& traineeId,
                                                              const std::string& traineeName,
                                                              const ScenarioInfo& scenario) {
  {
    const std::array<SqlValue, 2> p = {text(traineeId), text(traineeName)};
    auto q = mDb->query("INSERT INTO trainees (id, display_name) VALUES ($1, $2) "
                        "ON CONFLICT (id) DO UPDATE SET display_name = excluded.display_name "
                        "WHERE excluded.display_name <> ''",
                        p);
    if (!q) {
      return std::move(q).error();
    }
  }
  const std::array<SqlValue, 5> p = {text(scenario.hash), text(scenario.id), text(scenario.title),
                                     text(scenario.titleEn), text(scenario.version)};
  auto q = mDb->query("INSERT INTO scenarios (hash, id, title, title_en, version) "
                      "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (hash) DO NOTHING",
                      p);
  if (!q) {
    return std::move(q).error();
  }
  return {};
}

core::Expected<void> SqlResultsStore::writeAttempt(const AttemptRecord& a) {
  const assessment::AttemptResult& r = a.result;
  if (auto w = writeTraineeAndScenario(a.traineeId, a.traineeName, a.scenario); !w) {
    return w;
  }
  {
    std::vector<SqlValue> p = {text(a.attemptId),
                               text(a.traineeId),
                               text(a.scenario.hash),
                               text(r.standardId),
                               text(std::string(toString(a.mode))),
                               text(formatUtc(a.startUtc)),
                               std::int64_t{a.startUtc},
                               r.duration,
                               integer(r.endTick),
                               r.totalPoints,
                               r.maxPoints,
                               r.passMark,
                               flag(r.passed),
                               flag(a.vetoed()),
                               text(a.traceHash),
                               flag(a.signatureValid),
                               text(core::toHex(resultHash(r))),
                               text(a.engineVersion)};
    std::string sql = "INSERT INTO attempts (id, trainee_id, scenario_hash, standard_id, mode, "
                      "started_at, start_unix, duration_s, end_tick, score, maximum, pass_mark, "
                      "passed, vetoed, trace_hash, signature_valid, result_hash, engine_version";
    std::string values = "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, "
                         "$16, $17, $18";
    if (mVersion >= 2) {
      sql += ", completed, level";
      values += ", $19, $20";
      p.push_back(flag(r.completed));
      p.push_back(text(r.level));
    }
    if (mVersion >= 4) {
      sql += ", result_format";
      values += ", $21";
      p.push_back(integer(r.format));
    }
    if (mVersion >= 6 && !a.trace.empty()) {
      sql += ", trace";
      values += ", $22";
      p.push_back(SqlBytes{a.trace});
    }
    auto q = mDb->query(sql + ") VALUES (" + values + ")", p);
    if (!q) {
      return std::move(q).error();
    }
  }
  for (std::size_t i = 0; i < r.items.size(); ++i) {
    const assessment::ItemResult& item = r.items[i];
    const std::array<SqlValue, 7> p = {text(a.attemptId),
                                       integer(i),
                                       text(item.itemId),
                                       text(item.clause),
                                       text(std::string(assessment::toString(item.category))),
                                       item.maxPoints,
                                       item.awardedPoints};
    auto q = mDb->query("INSERT INTO item_results (attempt_id, ordinal, item_id, clause, "
                        "category, max_points, awarded_points) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                        p);
    if (!q) {
      return std::move(q).error();
    }
  }
  for (std::size_t i = 0; i < r.deductions.size(); ++i) {
    const assessment::Deduction& d = r.deductions[i];
    std::vector<SqlValue> p = {
        text(a.attemptId), integer(i),      text(d.itemId), text(d.criterionId),
        d.points,          integer(d.tick), d.time,         d.position.x,
        d.position.y,      d.position.z,    d.measured,     text(d.legacyReason)};
    std::string sql = "INSERT INTO deductions (attempt_id, ordinal, item_id, criterion_id, "
                      "points, tick, time_s, x, y, z, measured, reason";
    std::string values = "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12";
    if (mVersion >= 4) {
      sql += ", finding";
      values += ", $13";
      p.push_back(text(r.format >= 2 ? findingToJson(d.finding) : std::string()));
    }
    auto q = mDb->query(sql + ") VALUES (" + values + ")", p);
    if (!q) {
      return std::move(q).error();
    }
  }
  if (mVersion >= 2) {
    for (std::size_t i = 0; i < r.vetoes.size(); ++i) {
      const assessment::Veto& v = r.vetoes[i];
      std::vector<SqlValue> p = {text(a.attemptId),   integer(i),      text(v.itemId),
                                 text(v.criterionId), integer(v.tick), v.time,
                                 v.position.x,        v.position.y,    v.position.z,
                                 text(v.legacyReason)};
      std::string sql = "INSERT INTO vetoes (attempt_id, ordinal, item_id, criterion_id, tick, "
                        "time_s, x, y, z, reason";
      std::string values = "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10";
      if (mVersion >= 4) {
        sql += ", finding";
        values += ", $11";
        p.push_back(text(r.format >= 2 ? findingToJson(v.finding) : std::string()));
      }
      auto q = mDb->query(sql + ") VALUES (" + values + ")", p);
      if (!q) {
        return std::move(q).error();
      }
    }
  }
  return {};
}

core::Expected<std::vector<AttemptRecord>> SqlResultsStore::attempts(const AttemptQuery& query) {
  const std::array<SqlValue, 3> filter = {text(query.traineeId), text(query.scenarioId),
                                          text(query.attemptId)};
  // One attempt by id (a verification worker's read) goes by the key, not a scan of the store.
  const std::string where =
      std::string(query.attemptId.empty() ? " WHERE ($3 = '' OR TRUE)" : " WHERE a.id = $3") +
      " AND ($1 = '' OR a.trainee_id = $1) AND ($2 = '' OR s.id = $2)";
  const std::string from = " FROM attempts a JOIN scenarios s ON s.hash = a.scenario_hash"
                           " JOIN trainees t ON t.id = a.trainee_id";
  std::string sql =
      "SELECT a.id, a.trainee_id, t.display_name, s.id, s.hash, s.title, s.title_en, s.version, "
      "a.mode, a.start_unix, a.standard_id, a.duration_s, a.end_tick, a.score, a.maximum, "
      "a.pass_mark, a.passed, a.trace_hash, a.signature_valid, a.engine_version";
  sql += mVersion >= 2 ? ", a.completed, a.level" : ", 1, ''";
  sql += mVersion >= 4 ? ", a.result_format" : ", 1";
  auto rows = mDb->query(sql + from + where + " ORDER BY a.start_unix, a.id", filter);
  if (!rows) {
    return std::move(rows).error();
  }
  std::vector<AttemptRecord> out;
  std::map<std::string, std::size_t> index;
  for (const SqlRow& row : *rows) {
    AttemptRecord a;
    a.attemptId = sqlText(row[0]);
    a.traineeId = sqlText(row[1]);
    a.traineeName = sqlText(row[2]);
    a.scenario = {sqlText(row[3]), sqlText(row[4]), sqlText(row[5]), sqlText(row[6]),
                  sqlText(row[7])};
    a.mode = attemptModeFromName(sqlText(row[8])).value_or(AttemptMode::Practice);
    a.startUtc = sqlInt(row[9]);
    a.result.scenarioId = a.scenario.id;
    a.result.standardId = sqlText(row[10]);
    a.result.duration = sqlDouble(row[11]);
    a.result.endTick = static_cast<std::uint64_t>(sqlInt(row[12]));
    a.result.totalPoints = sqlDouble(row[13]);
    a.result.maxPoints = sqlDouble(row[14]);
    a.result.passMark = sqlDouble(row[15]);
    a.result.passed = sqlBool(row[16]);
    a.traceHash = sqlText(row[17]);
    a.signatureValid = sqlBool(row[18]);
    a.engineVersion = sqlText(row[19]);
    a.result.completed = sqlBool(row[20]);
    a.result.level = sqlText(row[21]);
    a.result.format = static_cast<std::uint32_t>(sqlInt(row[22]));
    index[a.attemptId] = out.size();
    out.push_back(std::move(a));
  }
  auto items =
      mDb->query("SELECT i.attempt_id, i.item_id, i.clause, i.category, i.max_points, "
                 "i.awarded_points FROM item_results i JOIN attempts a ON a.id = "
                 "i.attempt_id" +
                     from.substr(from.find(" JOIN")) + where + " ORDER BY i.attempt_id, i.ordinal",
                 filter);
  if (!items) {
    return std::move(items).error();
  }
  for (const SqlRow& row : *items) {
    assessment::ItemResult item;
    item.itemId = sqlText(row[1]);
    item.clause = sqlText(row[2]);
    item.category =
        assessment::categoryFromName(sqlText(row[3])).value_or(assessment::Category::Procedure);
    item.maxPoints = sqlDouble(row[4]);
    item.awardedPoints = sqlDouble(row[5]);
    out[index.at(sqlText(row[0]))].result.items.push_back(std::move(item));
  }
  auto deductions = mDb->query(
      "SELECT d.attempt_id, d.item_id, d.criterion_id, d.points, d.tick, d.time_s, d.x, d.y, d.z, "
      "d.measured, d.reason" +
          std::string(mVersion >= 4 ? ", d.finding" : ", ''") +
          " FROM deductions d JOIN attempts a ON a.id = d.attempt_id" +
          from.substr(from.find(" JOIN")) + where + " ORDER BY d.attempt_id, d.ordinal",
      filter);
  if (!deductions) {
    return std::move(deductions).error();
  }
  for (const SqlRow& row : *deductions) {
    assessment::Deduction d;
    d.itemId = sqlText(row[1]);
    d.criterionId = sqlText(row[2]);
    d.points = sqlDouble(row[3]);
    d.tick = static_cast<std::uint64_t>(sqlInt(row[4]));
    d.time = sqlDouble(row[5]);
    d.position = {sqlDouble(row[6]), sqlDouble(row[7]), sqlDouble(row[8])};
    d.measured = sqlDouble(row[9]);
    d.legacyReason = sqlText(row[10]);
    AttemptRecord& a = out[index.at(sqlText(row[0]))];
    if (a.result.format >= 2) {
      auto finding = findingFromJson(sqlText(row[11]), "deductions.finding");
      if (!finding) {
        return core::makeError(core::ErrorCode::InvalidInput,
                               "attempt " + a.attemptId + " deduction " +
                                   std::to_string(a.result.deductions.size() + 1) + ": " +
                                   finding.error().toString());
      }
      d.finding = std::move(*finding);
    }
    a.result.deductions.push_back(std::move(d));
  }
  if (mVersion >= 2) {
    auto vetoes = mDb->query(
        "SELECT v.attempt_id, v.item_id, v.criterion_id, v.tick, v.time_s, v.x, v.y, v.z, "
        "v.reason" +
            std::string(mVersion >= 4 ? ", v.finding" : ", ''") +
            " FROM vetoes v JOIN attempts a ON a.id = v.attempt_id" +
            from.substr(from.find(" JOIN")) + where + " ORDER BY v.attempt_id, v.ordinal",
        filter);
    if (!vetoes) {
      return std::move(vetoes).error();
    }
    for (const SqlRow& row : *vetoes) {
      assessment::Veto v;
      v.itemId = sqlText(row[1]);
      v.criterionId = sqlText(row[2]);
      v.tick = static_cast<std::uint64_t>(sqlInt(row[3]));
      v.time = sqlDouble(row[4]);
      v.position = {sqlDouble(row[5]), sqlDouble(row[6]), sqlDouble(row[7])};
      v.legacyReason = sqlText(row[8]);
      AttemptRecord& a = out[index.at(sqlText(row[0]))];
      if (a.result.format >= 2) {
        auto finding = findingFromJson(sqlText(row[9]), "vetoes.finding");
        if (!finding) {
          return core::makeError(core::ErrorCode::InvalidInput,
                                 "attempt " + a.attemptId + " veto " +
                                     std::to_string(a.result.vetoes.size() + 1) + ": " +
                                     finding.error().toString());
        }
        v.finding = std::move(*finding);
      }
      a.result.vetoes.push_back(std::move(v));
    }
  }
  return out;
}

std::string SqlResultsStore::nowSql() const {
  return mDb->backend() == "postgresql" ? "EXTRACT(EPOCH FROM clock_timestamp())::DOUBLE PRECISION"
                                        : "((julianday('now') - 2440587.5) * 86400.0)";
}

core::Expected<void> SqlResultsStore::needsVerificationTables() const {
  if (mVersion < 6) {
    return core::makeError(core::ErrorCode::Unsupported,
                           "the results store is at schema version " + std::to_string(mVersion) +
                               ", which keeps no traces and no verification queue (version 6 "
                               "does)");
  }
  return {};
}

core::Expected<std::optional<std::string>>
SqlResultsStore::attemptTrace(const std::string& attemptId) {
  const std::array<SqlValue, 1> id = {text(attemptId)};
  auto rows = mDb->query(std::string("SELECT ") + (mVersion >= 6 ? "trace" : "NULL") +
                             " FROM attempts WHERE id = $1",
                         id);
  if (!rows) {
    return std::move(rows).error();
  }
  if (rows->empty()) {
    return core::makeError(core::ErrorCode::NotFound,
                           "no attempt '" + attemptId + "' in the results store");
  }
  const SqlValue& v = (*rows)[0][0];
  if (std::holds_alternative<std::nullptr_t>(v)) {
    return std::optional<std::string>();
  }
  return std::optional<std::string>(sqlBytes(v));
}

core::Expected<std::optional<VerificationClaim>>
SqlResultsStore::claimVerification(const std::string& workerId, double leaseS) {
  if (auto v = needsVerificationTables(); !v) {
    return std::move(v).error();
  }
  if (workerId.empty() || !(leaseS > 0.0)) {
    return core::makeError(core::ErrorCode::InvalidInput,
                           "a claim needs a worker id and a lease of more than 0 s");
  }
  if (auto b = mDb->beginWrite(); !b) {
    return std::move(b).error();
  }
  auto fail = [&](core::Error e) -> core::Expected<std::optional<VerificationClaim>> {
    rollback();
    return e;
  };
  // PostgreSQL: rows another worker is claiming right now are skipped, not waited for; SQLite
  // has one writer at a time (BEGIN IMMEDIATE) and no row locks to skip.
  const std::string now = nowSql();
  auto candidate = mDb->query(
      "SELECT a.id FROM attempts a WHERE a.trace IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
      "verifications v WHERE v.attempt_id = a.id) AND (a.claimed_until IS NULL OR "
      "a.claimed_until < " +
      now + ") ORDER BY a.start_unix, a.id LIMIT 1" +
      (mDb->backend() == "postgresql" ? " FOR UPDATE OF a SKIP LOCKED" : ""));
  if (!candidate) {
    return fail(std::move(candidate).error());
  }
  if (candidate->empty()) {
    rollback();
    return std::optional<VerificationClaim>();
  }
  const std::string id = sqlText((*candidate)[0][0]);
  const std::array<SqlValue, 3> p = {text(id), text(workerId), leaseS};
  auto claimed = mDb->query("UPDATE attempts SET claimed_by = $2, claimed_until = " + now +
                                " + $3, claim_count = claim_count + 1 WHERE id = $1 "
                                "RETURNING claim_count, claimed_until",
                            p);
  if (!claimed) {
    return fail(std::move(claimed).error());
  }
  if (claimed->empty()) {
    return fail(core::makeError(core::ErrorCode::Io, "attempt " + id + " vanished while claimed"));
  }
  VerificationClaim claim{id, sqlInt((*claimed)[0][0]), sqlDouble((*claimed)[0][1])};
  const std::array<SqlValue, 4> log = {text(id), std::int64_t{claim.ordinal}, text(workerId),
                                       claim.leaseUntilUnix};
  auto logged = mDb->query("INSERT INTO verification_claims (attempt_id, ordinal, worker_id, "
                           "claimed_unix, lease_until) VALUES ($1, $2, $3, " +
                               now + ", $4)",
                           log);
  if (!logged) {
    return fail(std::move(logged).error());
  }
  if (auto c = mDb->execute("COMMIT"); !c) {
    return fail(std::move(c).error());
  }
  return std::optional<VerificationClaim>(std::move(claim));
}

core::Expected<bool> SqlResultsStore::recordVerdict(const VerificationVerdict& v) {
  if (auto ok = needsVerificationTables(); !ok) {
    return std::move(ok).error();
  }
  // Written only under the attempt's latest claim, and once: a worker whose lease ran out and
  // was taken over finds claim_count moved on; a second verdict meets the primary key.
  const std::array<SqlValue, 8> p = {
      text(v.attemptId), flag(v.verified), text(v.status),        text(v.detail),
      text(v.workerId),  text(v.buildId),  text(v.engineVersion), std::int64_t{v.claimOrdinal}};
  auto q = mDb->query("INSERT INTO verifications (attempt_id, verified, status, detail, worker_id, "
                      "build_id, engine_version, claim_ordinal, verified_unix) SELECT $1, "
                      "(CAST($2 AS INTEGER) <> 0), $3, $4, $5, $6, $7, CAST($8 AS INTEGER), " +
                          nowSql() +
                          " FROM attempts a WHERE a.id = $1 AND a.claimed_by = $5 AND "
                          "a.claim_count = $8 ON CONFLICT (attempt_id) DO NOTHING",
                      p);
  if (!q) {
    return std::move(q).error();
  }
  return mDb->changes() == 1;
}

core::Expected<std::vector<VerificationVerdict>> SqlResultsStore::verdicts() {
  std::vector<VerificationVerdict> out;
  if (mVersion < 6) {
    return out;
  }
  auto rows = mDb->query("SELECT attempt_id, verified, status, detail, worker_id, build_id, "
                         "engine_version, claim_ordinal, verified_unix FROM verifications "
                         "ORDER BY attempt_id");
  if (!rows) {
    return std::move(rows).error();
  }
  for (const SqlRow& r : *rows) {
    out.push_back({sqlText(r[0]), sqlBool(r[1]), sqlText(r[2]), sqlText(r[3]), sqlText(r[4]),
                   sqlText(r[5]), sqlText(r[6]), sqlInt(r[7]), sqlDouble(r[8])});
  }
  return out;
}

core::Expected<std::vector<std::tuple<std::string, std::int64_t, std::string>>>
SqlResultsStore::verificationClaims() {
  std::vector<std::tuple<std::string, std::int64_t, std::string>> out;
  if (mVersion < 6) {
    return out;
  }
  auto rows = mDb->query("SELECT attempt_id, ordinal, worker_id FROM verification_claims "
                         "ORDER BY attempt_id, ordinal");
  if (!rows) {
    return std::move(rows).error();
  }
  for (const SqlRow& r : *rows) {
    out.emplace_back(sqlText(r[0]), sqlInt(r[1]), sqlText(r[2]));
  }
  return out;
}

core::Expected<VerificationBacklog> SqlResultsStore::verificationBacklog() {
  if (auto ok = needsVerificationTables(); !ok) {
    return std::move(ok).error();
  }
  auto rows = mDb->query(
      "SELECT "
      "(SELECT COUNT(*) FROM attempts a WHERE a.trace IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
      "verifications v WHERE v.attempt_id = a.id)), "
      "(SELECT COUNT(*) FROM attempts a WHERE a.trace IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
      "verifications v WHERE v.attempt_id = a.id) AND a.claimed_until >= " +
      nowSql() +
      "), (SELECT COUNT(*) FROM attempts WHERE trace IS NULL), "
      "(SELECT COUNT(*) FROM verifications)");
  if (!rows) {
    return std::move(rows).error();
  }
  const SqlRow& r = (*rows)[0];
  return VerificationBacklog{sqlInt(r[0]), sqlInt(r[1]), sqlInt(r[2]), sqlInt(r[3])};
}

core::Expected<bool> SqlResultsStore::recordAbandoned(const AbandonedAttempt& a) {
  if (mVersion < 5) {
    return core::makeError(core::ErrorCode::Unsupported,
                           "the results store is at schema version " + std::to_string(mVersion) +
                               ", which keeps no abandoned attempts (version 5 does)");
  }
  if (auto b = mDb->beginWrite(); !b) {
    return std::move(b).error();
  }
  const std::array<SqlValue, 1> id = {text(a.attemptId)};
  auto finished = mDb->query("SELECT id FROM attempts WHERE id = $1", id);
  if (!finished) {
    rollback();
    return std::move(finished).error();
  }
  if (!finished->empty()) {
    rollback();
    return core::makeError(core::ErrorCode::Integrity,
                           "attempt " + a.attemptId +
                               " is stored as finished and scored; it cannot also be abandoned");
  }
  auto existing = mDb->query("SELECT trace_hash FROM abandoned_attempts WHERE id = $1", id);
  if (!existing) {
    rollback();
    return std::move(existing).error();
  }
  if (!existing->empty()) {
    rollback();
    if (sqlText((*existing)[0][0]) == a.traceHash) {
      return false;
    }
    return core::makeError(core::ErrorCode::Integrity,
                           "abandoned attempt " + a.attemptId +
                               " is already stored with another trace (hash " +
                               sqlText((*existing)[0][0]) + ", now " + a.traceHash + ")");
  }
  auto fail = [&](core::Error e) -> core::Expected<bool> {
    rollback();
    return e;
  };
  if (auto w = writeTraineeAndScenario(a.traineeId, a.traineeName, a.scenario); !w) {
    return fail(std::move(w).error());
  }
  const std::array<SqlValue, 11> p = {text(a.attemptId),
                                      text(a.traineeId),
                                      text(a.scenario.hash),
                                      text(std::string(toString(a.mode))),
                                      text(formatUtc(a.startUtc)),
                                      std::int64_t{a.startUtc},
                                      integer(a.ticks),
                                      a.duration,
                                      text(a.reason),
                                      text(a.traceHash),
                                      text(a.engineVersion)};
  auto q = mDb->query("INSERT INTO abandoned_attempts (id, trainee_id, scenario_hash, mode, "
                      "started_at, start_unix, ticks, duration_s, reason, trace_hash, "
                      "engine_version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                      p);
  if (!q) {
    return fail(std::move(q).error());
  }
  if (auto c = mDb->execute("COMMIT"); !c) {
    return fail(std::move(c).error());
  }
  return true;
}

core::Expected<std::vector<AbandonedAttempt>>
SqlResultsStore::abandonedAttempts(const AttemptQuery& query) {
  std::vector<AbandonedAttempt> out;
  if (mVersion < 5) {
    return out; // a store of schema 1..4 never kept one
  }
  const std::array<SqlValue, 3> filter = {text(query.traineeId), text(query.scenarioId),
                                          text(query.attemptId)};
  auto rows = mDb->query(
      "SELECT a.id, a.trainee_id, t.display_name, s.id, s.hash, s.title, s.title_en, s.version, "
      "a.mode, a.start_unix, a.ticks, a.duration_s, a.reason, a.trace_hash, a.engine_version "
      "FROM abandoned_attempts a JOIN scenarios s ON s.hash = a.scenario_hash "
      "JOIN trainees t ON t.id = a.trainee_id "
      "WHERE ($1 = '' OR a.trainee_id = $1) AND ($2 = '' OR s.id = $2) "
      "AND ($3 = '' OR a.id = $3) ORDER BY a.start_unix, a.id",
      filter);
  if (!rows) {
    return std::move(rows).error();
  }
  for (const SqlRow& row : *rows) {
    AbandonedAttempt a;
    a.attemptId = sqlText(row[0]);
    a.traineeId = sqlText(row[1]);
    a.traineeName = sqlText(row[2]);
    a.scenario = {sqlText(row[3]), sqlText(row[4]), sqlText(row[5]), sqlText(row[6]),
                  sqlText(row[7])};
    a.mode = attemptModeFromName(sqlText(row[8])).value_or(AttemptMode::Practice);
    a.startUtc = sqlInt(row[9]);
    a.ticks = static_cast<std::uint64_t>(sqlInt(row[10]));
    a.duration = sqlDouble(row[11]);
    a.reason = sqlText(row[12]);
    a.traceHash = sqlText(row[13]);
    a.engineVersion = sqlText(row[14]);
    out.push_back(std::move(a));
  }
  return out;
}

} // namespace skillsim::records
