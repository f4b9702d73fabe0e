// One test suite for the results store, run against both backends (issue 6, point 4): SQLite on
// a temporary file, PostgreSQL on the server named by SKILLSIM_TEST_PG_URL (scripts/test.sh
// starts one; without it the PostgreSQL half is skipped, saying so). Each PostgreSQL test works in
// a database of its own, created and dropped here.

#include "MissingPrerequisite.h"
#include "RecordsTestSupport.h"

#include <skillsim/records/AttemptRecorder.h>
#include <skillsim/records/PendingQueue.h>
#include <skillsim/records/ResultHash.h>
#include <skillsim/records/ResultJson.h>
#include <skillsim/records/ResultsStore.h>

#include <libpq-fe.h>
#include <sqlite3.h>

#include <gtest/gtest.h>

#include <skillsim/core/Hash.h>

#include <chrono>
#include <cstdlib>
#include <random>
#include <thread>

namespace skillsim::records {
namespace {

using test::sampleRecord;
using test::TempDir;
using test::withDatabase;

class ResultsStoreTest : public ::testing::TestWithParam<std::string> {
protected:
  void SetUp() override {
    if (postgres()) {
      const char* url = std::getenv("SKILLSIM_TEST_PG_URL");
      if (url == nullptr || url[0] == '\0') {
        SKILLSIM_MISSING_PREREQUISITE()
            << "SKILLSIM_TEST_PG_URL is not set, so the PostgreSQL half of the results "
               "store suite is skipped; scripts/test.sh starts a server and sets it";
      }
      mServerUrl = url;
      mDatabase = "skillsim_test_" + std::to_string(std::random_device{}());
      admin("CREATE DATABASE " + mDatabase);
      mLocation = withDatabase(mServerUrl, mDatabase);
    } else {
      mLocation = (mDir / "results.sqlite").string();
    }
  }

  void TearDown() override {
    if (mRawPg != nullptr) {
      PQfinish(mRawPg);
    }
    if (mRawLite != nullptr) {
      sqlite3_close(mRawLite);
    }
    if (!mDatabase.empty()) {
      admin("DROP DATABASE IF EXISTS " + mDatabase + " WITH (FORCE)");
      admin("DROP DATABASE IF EXISTS " + mDatabase + "_later WITH (FORCE)");
    }
  }

  /**
   * A second store that cannot be reached now and can be brought back (bringBack()) at the same
   * location: a PostgreSQL database not yet created; an SQLite file whose folder is blocked by a
   * plain file.
   */
  std::string laterStore() {
    if (postgres()) {
      return withDatabase(mServerUrl, mDatabase + "_later");
    }
    test::writeFile(mDir / "blocked", "x"); // the store's folder cannot be created
    return (mDir / "blocked" / "results.sqlite").string();
  }

  void bringBack() {
    if (postgres()) {
      admin("CREATE DATABASE " + mDatabase + "_later");
    } else {
      std::filesystem::remove(mDir / "blocked");
    }
  }

  /** The attempts in the store at `location`. */
  std::vector<AttemptRecord> attemptsIn(const std::string& location) {
    auto store = ResultsStore::open(location);
    EXPECT_TRUE(store) << store.error().toString();
    if (!store) {
      return {};
    }
    auto all = (*store)->attempts();
    EXPECT_TRUE(all) << all.error().toString();
    return all ? *all : std::vector<AttemptRecord>{};
  }

  [[nodiscard]] bool postgres() const { return GetParam() == "postgresql"; }

  /** Runs SQL on the server's maintenance database (create/drop/alter database). */
  void admin(const std::string& sql) {
    PGconn* c = PQconnectdb(mServerUrl.c_str());
    ASSERT_EQ(PQstatus(c), CONNECTION_OK) << PQerrorMessage(c);
    PGresult* r = PQexec(c, sql.c_str());
    EXPECT_EQ(PQresultStatus(r), PGRES_COMMAND_OK) << sql << ": " << PQresultErrorMessage(r);
    PQclear(r);
    PQfinish(c);
  }

  /** Runs SQL on the store's own database through a second, raw connection kept open. */
  void raw(const std::string& sql) {
    if (postgres()) {
      if (mRawPg == nullptr) {
        mRawPg = PQconnectdb(mLocation.c_str());
        ASSERT_EQ(PQstatus(mRawPg), CONNECTION_OK) << PQerrorMessage(mRawPg);
        PQsetNoticeProcessor(
            mRawPg, [](void*, const char*) {}, nullptr);
      }
      PGresult* r = PQexec(mRawPg, sql.c_str());
      const auto status = PQresultStatus(r);
      EXPECT_TRUE(status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
          << sql << ": " << PQresultErrorMessage(r);
      PQclear(r);
    } else {
      if (mRawLite == nullptr) {
        ASSERT_EQ(sqlite3_open(mLocation.c_str(), &mRawLite), SQLITE_OK);
      }
      char* message = nullptr;
      EXPECT_EQ(sqlite3_exec(mRawLite, sql.c_str(), nullptr, nullptr, &message), SQLITE_OK)
          << sql << ": " << (message ? message : "");
      sqlite3_free(message);
    }
  }

  /** A single integer from the store's database through a fresh raw connection. */
  std::int64_t count(const std::string& table) {
    const std::string sql = "SELECT COUNT(*) FROM " + table;
    if (postgres()) {
      PGconn* c = PQconnectdb(mLocation.c_str());
      PGresult* r = PQexec(c, sql.c_str());
      const std::int64_t n =
          PQresultStatus(r) == PGRES_TUPLES_OK ? std::atoll(PQgetvalue(r, 0, 0)) : -1;
      PQclear(r);
      PQfinish(c);
      return n;
    }
    sqlite3* db = nullptr;
    sqlite3_open(mLocation.c_str(), &db);
    sqlite3_stmt* stmt = nullptr;
    std::int64_t n = -1;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
      n = sqlite3_column_int64(stmt, 0);
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return n;
  }

  std::unique_ptr<ResultsStore> open(StoreOptions options = {}) {
    auto store = ResultsStore::open(mLocation, options);
    EXPECT_TRUE(store) << store.error().toString();
    return store ? std::move(*store) : nullptr;
  }

  TempDir mDir{"store"};
  std::string mLocation;
  std::string mServerUrl;
  std::string mDatabase;
  PGconn* mRawPg = nullptr;
  sqlite3* mRawLite = nullptr;
};

TEST_P(ResultsStoreTest, CreatesTheLatestSchemaOnce) {
  auto store = open();
  ASSERT_TRUE(store);
  EXPECT_EQ(store->backend(), GetParam());
  EXPECT_EQ(*store->schemaVersion(), kStoreSchemaVersion);
  store.reset();
  auto again = open();
  EXPECT_EQ(*again->schemaVersion(), kStoreSchemaVersion);
  EXPECT_EQ(count("schema_version"), kStoreSchemaVersion); // each migration recorded once
  for (const char* table :
       {"trainees", "scenarios", "attempts", "item_results", "deductions", "vetoes"}) {
    EXPECT_EQ(count(table), 0) << table;
  }
}

TEST_P(ResultsStoreTest, StoresAndReadsBackFullAttemptsBitExact) {
  auto store = open();
  ASSERT_TRUE(store);
  AttemptRecord late = sampleRecord("att-3", "t-1", 91.0);
  AttemptRecord vetoed = sampleRecord("att-2", "t-2", 75.5, /*vetoed=*/true);
  AttemptRecord early = sampleRecord("att-1", "t-1", 64.25);
  early.result.deductions[0].time = 0.1 + 0.2; // needs all 17 digits
  early.result.deductions[1].position.z = -1e-300;
  early.result.completed = false;
  early.mode = AttemptMode::Practice;
  early.signatureValid = false;
  for (const AttemptRecord* a : {&late, &vetoed, &early}) {
    auto written = store->recordAttempt(*a);
    ASSERT_TRUE(written) << written.error().toString();
    EXPECT_TRUE(*written);
  }
  auto all = store->attempts();
  ASSERT_TRUE(all) << all.error().toString();
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0], early); // ordered by start time
  EXPECT_EQ((*all)[1], vetoed);
  EXPECT_EQ((*all)[2], late);
  EXPECT_TRUE((*all)[1].vetoed());
  EXPECT_EQ(count("trainees"), 2);
  EXPECT_EQ(count("scenarios"), 1);
  EXPECT_EQ(count("item_results"), 9);
  EXPECT_EQ(count("deductions"), 6);
  EXPECT_EQ(count("vetoes"), 1);

  auto mine = store->attempts({.traineeId = "t-1"});
  ASSERT_TRUE(mine);
  ASSERT_EQ(mine->size(), 2u);
  EXPECT_EQ((*mine)[0].attemptId, "att-1");
  EXPECT_EQ((*mine)[1].attemptId, "att-3");
  auto none = store->attempts({.scenarioId = "forklift/n1"});
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

TEST_P(ResultsStoreTest, WritingTheSameAttemptTwiceIsHarmlessAConflictIsNot) {
  auto store = open();
  ASSERT_TRUE(store);
  const AttemptRecord a = sampleRecord("att-1", "t-1");
  ASSERT_TRUE(*store->recordAttempt(a));
  auto again = store->recordAttempt(a);
  ASSERT_TRUE(again) << again.error().toString();
  EXPECT_FALSE(*again);
  AttemptRecord changed = a;
  changed.result.totalPoints -= 1.0;
  auto conflict = store->recordAttempt(changed);
  ASSERT_FALSE(conflict);
  EXPECT_EQ(conflict.error().code, core::ErrorCode::Integrity);
  EXPECT_NE(conflict.error().message.find("attempt att-1 is already stored with a different "
                                          "result"),
            std::string::npos)
      << conflict.error().toString();
  EXPECT_EQ(count("attempts"), 1);
}

TEST_P(ResultsStoreTest, AnAttemptIsWrittenInOneTransaction) {
  auto store = open();
  ASSERT_TRUE(store);
  // Make the database refuse the second deduction row: nothing of the attempt may remain.
  if (postgres()) {
    raw("CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN "
        "IF NEW.reason = 'refuse me' THEN RAISE EXCEPTION 'refused by test'; END IF; "
        "RETURN NEW; END $$ LANGUAGE plpgsql");
    raw("CREATE TRIGGER refuse BEFORE INSERT ON deductions FOR EACH ROW EXECUTE FUNCTION refuse()");
  } else {
    raw("CREATE TRIGGER refuse BEFORE INSERT ON deductions WHEN NEW.reason = 'refuse me' "
        "BEGIN SELECT RAISE(ABORT, 'refused by test'); END");
  }
  AttemptRecord a = sampleRecord("att-1", "t-new");
  a.result.deductions[1].legacyReason = "refuse me"; // the reason column, kept for old rows
  auto written = store->recordAttempt(a);
  ASSERT_FALSE(written);
  EXPECT_NE(written.error().message.find("refused by test"), std::string::npos)
      << written.error().toString();
  for (const char* table : {"trainees", "scenarios", "attempts", "item_results", "deductions"}) {
    EXPECT_EQ(count(table), 0) << table;
  }
  // The store is still usable afterwards.
  ASSERT_TRUE(*store->recordAttempt(sampleRecord("att-2", "t-new")));
  EXPECT_EQ(count("deductions"), 2);
}

/** An attempt as a store of schema 1 or 2 held it: a format 1 result, reasons as free text. */
AttemptRecord legacyRecord(const std::string& id, const std::string& trainee, double total,
                           bool vetoed = false) {
  AttemptRecord a = sampleRecord(id, trainee, total, vetoed);
  a.result.format = 1;
  for (auto& d : a.result.deductions) {
    d.finding = {};
    d.legacyReason = "load_swing_angle outside [-inf, 0.05236] for 0.2417 s";
  }
  for (auto& v : a.result.vetoes) {
    v.finding = {};
    v.legacyReason = "machine load_dropped load (value 0)";
  }
  return a;
}

TEST_P(ResultsStoreTest, MigratesSchemaOneKeepingItsAttempts) {
  {
    auto v1 = open({.schemaVersion = 1});
    ASSERT_TRUE(v1);
    EXPECT_EQ(*v1->schemaVersion(), 1);
    ASSERT_TRUE(*v1->recordAttempt(legacyRecord("att-1", "t-1", 88.0)));
    ASSERT_TRUE(*v1->recordAttempt(legacyRecord("att-2", "t-2", 40.0, /*vetoed=*/true)));
  }
  auto latest = open();
  ASSERT_TRUE(latest);
  EXPECT_EQ(*latest->schemaVersion(), kStoreSchemaVersion);
  auto all = latest->attempts();
  ASSERT_TRUE(all) << all.error().toString();
  ASSERT_EQ(all->size(), 2u);
  const AttemptRecord plain = legacyRecord("att-2", "t-2", 40.0, true);
  EXPECT_EQ((*all)[0].result.items, plain.result.items);
  EXPECT_EQ((*all)[0].result.deductions, plain.result.deductions);
  ASSERT_EQ((*all)[0].result.vetoes.size(), 1u); // vetoed stays true through the migration
  EXPECT_NE((*all)[0].result.vetoes[0].legacyReason.find("schema 1"), std::string::npos);
  AttemptRecord before = legacyRecord("att-1", "t-1", 88.0);
  before.result.level.clear(); // schema 1 kept no level
  EXPECT_EQ((*all)[1], before);
}

// Issue 13 point 5: a store of schema 2 (reasons as text) opens, migrates to the latest, keeps its
// old attempts as format 1 results with their texts and their hashes, and stores findings from then
// on.
TEST_P(ResultsStoreTest, MigratesSchemaTwoKeepingReasonTextsAndStoresFindingsAfter) {
  const AttemptRecord old = legacyRecord("att-old", "t-1", 81.5, /*vetoed=*/true);
  {
    auto v2 = open({.schemaVersion = 2});
    ASSERT_TRUE(v2);
    EXPECT_EQ(*v2->schemaVersion(), 2);
    ASSERT_TRUE(*v2->recordAttempt(old));
  }
  auto latest = open();
  ASSERT_TRUE(latest);
  EXPECT_EQ(*latest->schemaVersion(), kStoreSchemaVersion);
  const AttemptRecord fresh = sampleRecord("att-new", "t-1", 77.0, /*vetoed=*/true);
  ASSERT_EQ(fresh.result.format, 2u);
  ASSERT_TRUE(*latest->recordAttempt(fresh));
  auto all = latest->attempts();
  ASSERT_TRUE(all) << all.error().toString();
  ASSERT_EQ(all->size(), 2u);
  const AttemptRecord& readOld = (*all)[0].attemptId == "att-old" ? (*all)[0] : (*all)[1];
  const AttemptRecord& readNew = (*all)[0].attemptId == "att-old" ? (*all)[1] : (*all)[0];
  EXPECT_EQ(readOld, old);
  EXPECT_EQ(readOld.result.format, 1u);
  EXPECT_EQ(readOld.result.deductions[0].legacyReason,
            "load_swing_angle outside [-inf, 0.05236] for 0.2417 s");
  EXPECT_EQ(resultHash(readOld.result), resultHash(old.result)); // v1, as it was signed
  EXPECT_EQ(readNew, fresh);
  EXPECT_EQ(readNew.result.deductions[0].finding.other, "pile_2");
  EXPECT_EQ(readNew.result.deductions[1].finding.metric, "load_swing_angle");
  EXPECT_DOUBLE_EQ(readNew.result.deductions[1].finding.limit, 0.2);
  EXPECT_EQ(readNew.result.vetoes[0].finding.event, "load_dropped");
  EXPECT_EQ(resultHash(readNew.result), resultHash(fresh.result));
  EXPECT_NE(resultHash(readNew.result), resultHash(readOld.result));
}

TEST_P(ResultsStoreTest, RefusesASchemaNewerThanThisBuild) {
  ASSERT_TRUE(open());
  raw("INSERT INTO schema_version (version, description) VALUES (9, 'from the future')");
  auto store = ResultsStore::open(mLocation);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, core::ErrorCode::Unsupported);
  EXPECT_NE(store.error().message.find("schema version 9; this build knows versions up to " +
                                       std::to_string(kStoreSchemaVersion)),
            std::string::npos)
      << store.error().toString();
}

// --- Nothing lost (issue 6, point 5): locked, read-only, unreachable; then back. -------------

TEST_P(ResultsStoreTest, LockedStoreQueuesTheAttemptAndWritesItWhenFree) {
  ASSERT_TRUE(open());
  ASSERT_TRUE(*open()->recordAttempt(sampleRecord("att-0", "t-1", 50.0)));
  if (postgres()) {
    raw("BEGIN");
    raw("LOCK TABLE attempts IN ACCESS EXCLUSIVE MODE");
  } else {
    raw("BEGIN EXCLUSIVE");
    raw("INSERT INTO trainees (id) VALUES ('holder')");
  }
  AttemptRecorder recorder(mLocation, mDir / "queue", {.lockTimeoutMs = 100});
  auto first = recorder.record(sampleRecord("att-1", "t-1", 70.0));
  ASSERT_TRUE(first) << first.error().toString();
  EXPECT_EQ(first->outcome, AttemptRecorder::Outcome::Queued);
  EXPECT_NE(first->reason.find("lock"), std::string::npos) << first->reason;
  EXPECT_EQ(first->pending, 1u);
  auto second = recorder.record(sampleRecord("att-2", "t-2", 80.0));
  ASSERT_TRUE(second);
  EXPECT_EQ(second->outcome, AttemptRecorder::Outcome::Queued);
  EXPECT_EQ(second->pending, 2u);
  raw(postgres() ? "COMMIT" : "ROLLBACK");

  auto third = recorder.record(sampleRecord("att-3", "t-1", 90.0));
  ASSERT_TRUE(third) << third.error().toString();
  EXPECT_EQ(third->outcome, AttemptRecorder::Outcome::Stored);
  EXPECT_EQ(third->flushed.written, 2u);
  EXPECT_EQ(third->pending, 0u);
  auto all = open()->attempts();
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 4u);
  EXPECT_EQ((*all)[1], sampleRecord("att-1", "t-1", 70.0));
  EXPECT_EQ((*all)[2], sampleRecord("att-2", "t-2", 80.0));
  EXPECT_EQ((*all)[3], sampleRecord("att-3", "t-1", 90.0));
}

TEST_P(ResultsStoreTest, ReadOnlyStoreQueuesTheAttemptAndWritesItWhenWritable) {
  ASSERT_TRUE(open());
  std::string readOnly = mLocation;
  if (postgres()) {
    admin("ALTER DATABASE " + mDatabase + " SET default_transaction_read_only = on");
  } else {
    readOnly = "file:" + mLocation + "?mode=ro";
  }
  {
    AttemptRecorder recorder(readOnly, mDir / "queue");
    auto status = recorder.record(sampleRecord("att-1", "t-1"));
    ASSERT_TRUE(status) << status.error().toString();
    EXPECT_EQ(status->outcome, AttemptRecorder::Outcome::Queued);
    EXPECT_NE(status->reason.find(postgres() ? "read-only transaction" : "readonly"),
              std::string::npos)
        << status->reason;
    auto flush = recorder.flush();
    ASSERT_FALSE(flush); // still read-only
    EXPECT_EQ(flush.error().code, core::ErrorCode::Unavailable);
    EXPECT_EQ(recorder.queue().pending().size(), 1u);
  }
  if (postgres()) {
    admin("ALTER DATABASE " + mDatabase + " SET default_transaction_read_only = off");
  }
  AttemptRecorder recorder(mLocation, mDir / "queue");
  auto report = recorder.flush();
  ASSERT_TRUE(report) << report.error().toString();
  EXPECT_EQ(report->written, 1u);
  EXPECT_TRUE(recorder.queue().pending().empty());
  auto all = open()->attempts();
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0], sampleRecord("att-1", "t-1"));
}

TEST_P(ResultsStoreTest, UnreachableStoreQueuesTheAttemptAndWritesItWhenBack) {
  const std::string down = laterStore();
  AttemptRecorder offline(down, mDir / "queue", {.connectTimeoutS = 2});
  auto status = offline.record(sampleRecord("att-1", "t-1"));
  ASSERT_TRUE(status) << status.error().toString();
  EXPECT_EQ(status->outcome, AttemptRecorder::Outcome::Queued);
  EXPECT_NE(status->reason.find(postgres() ? "cannot be reached" : "cannot open"),
            std::string::npos)
      << status->reason;
  // The queued file is the full attempt, readable by a person, with the store it is for.
  const auto files = offline.queue().pending();
  ASSERT_EQ(files.size(), 1u);
  EXPECT_NE(test::readFile(files[0]).find("\"attemptId\": \"att-1\""), std::string::npos);
  EXPECT_NE(test::readFile(files[0]).find("\"store\": \"" + storeKey(down) + "\""),
            std::string::npos)
      << test::readFile(files[0]);

  bringBack();
  AttemptRecorder online(down, mDir / "queue");
  auto back = online.record(sampleRecord("att-2", "t-1", 60.0));
  ASSERT_TRUE(back) << back.error().toString();
  EXPECT_EQ(back->outcome, AttemptRecorder::Outcome::Stored);
  EXPECT_EQ(back->flushed.written, 1u);
  const auto all = attemptsIn(down);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0], sampleRecord("att-2", "t-1", 60.0));
  EXPECT_EQ(all[1], sampleRecord("att-1", "t-1"));
}

// Issue 13, point 7: an exam attempt queued while the centre's store was down went into
// whichever store the next run used (e.g. --db practice.sqlite).
TEST_P(ResultsStoreTest, QueuedAttemptIsWrittenOnlyToItsOwnStore) {
  const std::string centre = laterStore();
  AttemptRecord exam = sampleRecord("att-exam", "t-1", 77.0);
  exam.mode = AttemptMode::Exam;
  AttemptRecorder offline(centre, mDir / "queue", {.connectTimeoutS = 2});
  ASSERT_EQ(offline.record(exam)->outcome, AttemptRecorder::Outcome::Queued);

  // The next run uses another store (mLocation): it must not receive the exam attempt.
  AttemptRecorder practice(mLocation, mDir / "queue");
  auto other = practice.record(sampleRecord("att-practice", "t-1", 50.0));
  ASSERT_TRUE(other) << other.error().toString();
  EXPECT_EQ(other->outcome, AttemptRecorder::Outcome::Stored);
  EXPECT_EQ(other->flushed.written, 0u);
  EXPECT_EQ(other->flushed.otherStores, 1u);
  EXPECT_EQ(other->otherStores, 1u);
  EXPECT_EQ(other->pending, 1u);
  const auto here = attemptsIn(mLocation);
  ASSERT_EQ(here.size(), 1u) << "the queued exam attempt was written into the wrong store";
  EXPECT_EQ(here[0].attemptId, "att-practice");
  auto flushedHere = practice.flush();
  ASSERT_TRUE(flushedHere);
  EXPECT_EQ(flushedHere->written, 0u);
  EXPECT_EQ(attemptsIn(mLocation).size(), 1u);

  // The centre's store comes back: the attempt goes there, and only there.
  bringBack();
  AttemptRecorder centreBack(centre, mDir / "queue");
  auto report = centreBack.flush();
  ASSERT_TRUE(report) << report.error().toString();
  EXPECT_EQ(report->written, 1u);
  EXPECT_EQ(report->otherStores, 0u);
  EXPECT_TRUE(centreBack.queue().pending().empty());
  const auto there = attemptsIn(centre);
  ASSERT_EQ(there.size(), 1u);
  EXPECT_EQ(there[0], exam);
  EXPECT_EQ(attemptsIn(mLocation).size(), 1u);
}

TEST_P(ResultsStoreTest, SecondQueuedCopyOfAnAttemptIsNeitherLostNorDuplicated) {
  const std::string centre = laterStore();
  const AttemptRecord a = sampleRecord("att-1", "t-1", 70.0);
  PendingQueue queue(mDir / "queue");
  // The same attempt queued twice for the centre (two replays while it was down) and once for
  // another store: one file for the centre, one for the other store.
  ASSERT_TRUE(queue.enqueue(a, centre));
  ASSERT_TRUE(queue.enqueue(a, centre));
  ASSERT_TRUE(queue.enqueue(a, mLocation));
  EXPECT_EQ(queue.pending().size(), 2u) << "a copy for one store replaced the other's";
  // A differing copy for the centre (same id, another result) is kept beside the first.
  AttemptRecord changed = a;
  changed.result.totalPoints -= 5.0;
  ASSERT_TRUE(queue.enqueue(changed, centre));
  EXPECT_EQ(queue.pending().size(), 3u);

  auto here = open();
  ASSERT_TRUE(here);
  auto first = queue.flush(*here, mLocation);
  ASSERT_TRUE(first) << first.error().toString();
  EXPECT_EQ(first->written, 1u);
  EXPECT_EQ(first->otherStores, 2u);
  EXPECT_EQ(attemptsIn(mLocation).size(), 1u);

  bringBack();
  auto centreStore = ResultsStore::open(centre);
  ASSERT_TRUE(centreStore) << centreStore.error().toString();
  auto second = queue.flush(**centreStore, centre);
  ASSERT_TRUE(second) << second.error().toString();
  EXPECT_EQ(second->written, 1u);
  ASSERT_EQ(second->rejected.size(), 1u); // the differing copy: a conflict, set aside, not lost
  EXPECT_NE(second->rejected[0].find("already stored with a different result"), std::string::npos)
      << second->rejected[0];
  EXPECT_TRUE(queue.pending().empty());
  const auto there = attemptsIn(centre);
  ASSERT_EQ(there.size(), 1u);
  EXPECT_EQ(there[0], a);
  std::size_t setAside = 0;
  for (const auto& f : std::filesystem::directory_iterator(mDir / "queue")) {
    setAside += f.path().extension() == ".rejected" ? 1 : 0;
  }
  EXPECT_EQ(setAside, 1u);
}

// Issue 13, point 13: exam stations and sessions in the store, the same on both backends.
TEST_P(ResultsStoreTest, ExamStationsAreRegisteredListedAndRevokedKeepingHistory) {
  auto store = open();
  ASSERT_TRUE(store);
  PublicKey bay1{};
  bay1.fill(0x11);
  PublicKey bay2{};
  bay2.fill(0x22);
  auto first = store->registerStation(bay1, "bay 1", "R-1", 1795161600);
  ASSERT_TRUE(first) << first.error().toString();
  EXPECT_EQ(first->id, 1);
  auto second = store->registerStation(bay2, "bay 2", "R-1", 1795161700);
  ASSERT_TRUE(second) << second.error().toString();
  EXPECT_EQ(second->id, 2);
  // The same key twice while in service is refused, naming the station that has it.
  auto twice = store->registerStation(bay1, "bay 1 again", "R-2", 1795161800);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code, core::ErrorCode::InvalidInput);
  EXPECT_NE(twice.error().message.find("key 1111111111111111 is already registered as station 1 "
                                       "'bay 1' (by R-1 at 2026-11-20T08:00:00Z)"),
            std::string::npos)
      << twice.error().message;
  EXPECT_FALSE(store->registerStation(bay1, " ", "R-2", 1795161800));
  EXPECT_FALSE(store->registerStation(bay1, "bay 1", "", 1795161800));

  auto revoked = store->revokeStation(1, "R-2", 1795165200);
  ASSERT_TRUE(revoked) << revoked.error().toString();
  EXPECT_EQ(revoked->revokedBy, "R-2");
  EXPECT_EQ(revoked->revokedUtc, std::optional<std::int64_t>(1795165200));
  auto again = store->revokeStation(1, "R-3", 1795165300);
  ASSERT_FALSE(again);
  EXPECT_NE(again.error().message.find("already revoked by R-2 at 2026-11-20T09:00:00Z"),
            std::string::npos)
      << again.error().message;
  auto unknown = store->revokeStation(9, "R-2", 1795165300);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, core::ErrorCode::NotFound);
  // Revoked, the key may be registered again: a new row, the old one kept.
  auto back = store->registerStation(bay1, "bay 1 (new PC)", "R-1", 1795168800);
  ASSERT_TRUE(back) << back.error().toString();
  EXPECT_EQ(back->id, 3);

  store.reset();
  auto reopened = open(); // what another process sees
  ASSERT_TRUE(reopened);
  auto all = reopened->stations();
  ASSERT_TRUE(all) << all.error().toString();
  const std::vector<ExamStation> expected = {
      {1, "bay 1", bay1, "R-1", 1795161600, "R-2", 1795165200},
      {2, "bay 2", bay2, "R-1", 1795161700, "", std::nullopt},
      {3, "bay 1 (new PC)", bay1, "R-1", 1795168800, "", std::nullopt}};
  EXPECT_EQ(*all, expected);
  EXPECT_EQ(count("exam_stations"), 3);
}

TEST_P(ResultsStoreTest, ExamSessionsOpenAndCloseOnce) {
  auto store = open();
  ASSERT_TRUE(store);
  auto s = store->openSession("INV-7", 1795159800);
  ASSERT_TRUE(s) << s.error().toString();
  EXPECT_EQ(s->id.size(), 11u); // "ES-" and 8 hex digits
  EXPECT_EQ(s->id.rfind("ES-", 0), 0u);
  EXPECT_EQ(s->ref(), (ExamSessionRef{s->id, "INV-7", 1795159800}));
  auto other = store->openSession("INV-8", 1795159900);
  ASSERT_TRUE(other);
  EXPECT_NE(other->id, s->id);
  EXPECT_FALSE(store->openSession("", 1795159900));
  auto closed = store->closeSession(s->id, 1795166400);
  ASSERT_TRUE(closed) << closed.error().toString();
  EXPECT_EQ(closed->closedUtc, std::optional<std::int64_t>(1795166400));
  auto twice = store->closeSession(s->id, 1795166500);
  ASSERT_FALSE(twice);
  EXPECT_NE(twice.error().message.find("was already closed at 2026-11-20T09:20:00Z"),
            std::string::npos)
      << twice.error().message;
  auto unknown = store->closeSession("ES-nope", 1795166500);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, core::ErrorCode::NotFound);
  store.reset();
  auto reopened = open();
  auto all = reopened->sessions();
  ASSERT_TRUE(all) << all.error().toString();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0], (ExamSession{s->id, "INV-7", 1795159800, 1795166400}));
  EXPECT_EQ((*all)[1], (ExamSession{other->id, "INV-8", 1795159900, std::nullopt}));
}

TEST_P(ResultsStoreTest, ASchemaTwoStoreOpensAtTheLatestWithItsAttemptsAndNoStations) {
  {
    auto v2 = open({.schemaVersion = 2});
    ASSERT_TRUE(v2);
    ASSERT_TRUE(*v2->recordAttempt(sampleRecord("att-1", "t-1", 88.0)));
    auto refused = v2->stations();
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, core::ErrorCode::Unsupported);
  }
  auto v3 = open();
  ASSERT_TRUE(v3);
  EXPECT_EQ(*v3->schemaVersion(), kStoreSchemaVersion);
  auto all = v3->attempts();
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 1u);
  // Written under schema 2, it reads back as a format 1 result (reason texts, no findings).
  const AttemptRecord written = sampleRecord("att-1", "t-1", 88.0);
  EXPECT_EQ((*all)[0].attemptId, written.attemptId);
  EXPECT_EQ((*all)[0].traineeId, written.traineeId);
  EXPECT_EQ((*all)[0].result.totalPoints, written.result.totalPoints);
  EXPECT_EQ((*all)[0].result.deductions.size(), written.result.deductions.size());
  EXPECT_TRUE(v3->stations()->empty());
  EXPECT_TRUE(v3->sessions()->empty());
}

/** An abandoned exam as the workstation records it (values as a trace of 50 s at 100 Hz has). */
AbandonedAttempt sampleAbandoned(const std::string& id, const std::string& trainee) {
  AbandonedAttempt a;
  a.attemptId = id;
  a.traceHash = id + "-hash";
  a.traineeId = trainee;
  a.traineeName = sampleRecord("att-x", trainee).traineeName; // the same trainee, same name
  a.scenario = sampleRecord("att-x", trainee).scenario;
  a.mode = AttemptMode::Exam;
  a.startUtc = 1'790'000'000;
  a.ticks = 5000;
  a.duration = 50.0;
  a.reason = "abandoned by the trainee (exam, Quit confirmed)";
  a.engineVersion = "0.test";
  return a;
}

TEST_P(ResultsStoreTest, AnAbandonedAttemptIsKeptWithoutAScoreOnceAndApart) {
  auto store = open();
  ASSERT_TRUE(store);
  const AbandonedAttempt left = sampleAbandoned("ab-1", "t-1");
  auto written = store->recordAbandoned(left);
  ASSERT_TRUE(written) << written.error().toString();
  EXPECT_TRUE(*written);
  auto again = store->recordAbandoned(left);
  ASSERT_TRUE(again) << again.error().toString();
  EXPECT_FALSE(*again) << "the same trace twice is one row";
  AbandonedAttempt otherTrace = left;
  otherTrace.traceHash = "another-hash";
  auto conflict = store->recordAbandoned(otherTrace);
  ASSERT_FALSE(conflict);
  EXPECT_EQ(conflict.error().code, core::ErrorCode::Integrity);
  EXPECT_NE(conflict.error().message.find("abandoned attempt ab-1 is already stored with another "
                                          "trace (hash ab-1-hash, now another-hash)"),
            std::string::npos)
      << conflict.error().toString();
  // A finished attempt's id cannot also be abandoned (one trace, one outcome).
  ASSERT_TRUE(*store->recordAttempt(sampleRecord("att-1", "t-1")));
  auto finished = store->recordAbandoned(sampleAbandoned("att-1", "t-1"));
  ASSERT_FALSE(finished);
  EXPECT_EQ(finished.error().code, core::ErrorCode::Integrity);
  // Another trainee's, and the query filters.
  ASSERT_TRUE(*store->recordAbandoned(sampleAbandoned("ab-2", "t-2")));
  EXPECT_EQ(count("abandoned_attempts"), 2);
  EXPECT_EQ(count("attempts"), 1) << "no score is written for an abandoned attempt";
  auto mine = store->abandonedAttempts({"t-1", ""});
  ASSERT_TRUE(mine) << mine.error().toString();
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ((*mine)[0], left) << "read back field for field";
  auto bothOnScenario = store->abandonedAttempts({"", left.scenario.id});
  ASSERT_TRUE(bothOnScenario);
  EXPECT_EQ(bothOnScenario->size(), 2u);
  auto none = store->abandonedAttempts({"", "no.such.scenario"});
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

TEST_P(ResultsStoreTest, AStoreBelowSchemaFiveRefusesAnAbandonedAttemptAndListsNone) {
  {
    auto v4 = open({.schemaVersion = 4});
    ASSERT_TRUE(v4);
    auto refused = v4->recordAbandoned(sampleAbandoned("ab-1", "t-1"));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, core::ErrorCode::Unsupported);
    EXPECT_NE(refused.error().message.find("schema version 4, which keeps no abandoned attempts"),
              std::string::npos)
        << refused.error().toString();
    auto listed = v4->abandonedAttempts();
    ASSERT_TRUE(listed);
    EXPECT_TRUE(listed->empty());
  }
  auto v5 = open(); // migrates 4 -> 5, and then takes it
  ASSERT_TRUE(v5);
  EXPECT_EQ(*v5->schemaVersion(), kStoreSchemaVersion);
  auto written = v5->recordAbandoned(sampleAbandoned("ab-1", "t-1"));
  ASSERT_TRUE(written) << written.error().toString();
  EXPECT_TRUE(*written);
}

/** A record whose trace is `bytes` (its hash and id follow from them), as the workstation keeps. */
AttemptRecord recordWithTrace(std::string bytes, const std::string& trainee, double total) {
  AttemptRecord a = sampleRecord("", trainee, total);
  a.traceHash = core::toHex(core::hashBytes(bytes));
  a.attemptId = a.traceHash;
  a.trace = std::move(bytes);
  return a;
}

TEST_P(ResultsStoreTest, KeepsEachAttemptsSignedTraceBytesExactly) {
  auto store = open();
  ASSERT_TRUE(store);
  // Every byte value, NUL and 0xFF included, and the bytes of a bytea escape (backslash, x, digits,
  // a quote).
  std::string bytes;
  for (int i = 0; i < 512; ++i) {
    bytes.push_back(static_cast<char>(i % 256));
  }
  bytes += "\\x00'";
  const AttemptRecord a = recordWithTrace(bytes, "t-1", 70.0);
  ASSERT_TRUE(store->recordAttempt(a));
  auto back = store->attemptTrace(a.attemptId);
  ASSERT_TRUE(back) << back.error().toString();
  ASSERT_TRUE(back->has_value());
  EXPECT_EQ(back->value(), bytes);
  EXPECT_EQ(back->value().size(), 517u);

  auto listed = store->attempts();
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_TRUE((*listed)[0].trace.empty()) << "attempts() does not carry the trace bytes";

  const AttemptRecord none = sampleRecord("no-trace", "t-2", 60.0);
  ASSERT_TRUE(store->recordAttempt(none));
  auto absent = store->attemptTrace("no-trace");
  ASSERT_TRUE(absent);
  EXPECT_FALSE(absent->has_value());

  auto unknown = store->attemptTrace("no-such-attempt");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, core::ErrorCode::NotFound);
  EXPECT_NE(unknown.error().message.find("no attempt 'no-such-attempt'"), std::string::npos);

  AttemptRecord forged = recordWithTrace("other bytes", "t-3", 50.0);
  forged.trace = "not the bytes the hash names";
  auto refused = store->recordAttempt(forged);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, core::ErrorCode::Integrity);
  EXPECT_NE(refused.error().message.find("are not the trace the attempt names"), std::string::npos)
      << refused.error().toString();
  EXPECT_EQ(count("attempts"), 2);
}

TEST_P(ResultsStoreTest, MigratesSchemaFiveKeepingAttemptsThenKeepsTheirTraces) {
  const AttemptRecord a = recordWithTrace("signed trace bytes of attempt a", "t-1", 70.0);
  AttemptRecord withoutBytes = a;
  withoutBytes.trace.clear();
  {
    auto v5 = open({.schemaVersion = 5});
    ASSERT_TRUE(v5);
    ASSERT_TRUE(v5->recordAttempt(a)); // schema 5 has no column for the bytes: they are dropped
    auto none = v5->attemptTrace(a.attemptId);
    ASSERT_TRUE(none);
    EXPECT_FALSE(none->has_value());
    auto refused = v5->claimVerification("w", 10.0);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, core::ErrorCode::Unsupported);
  }
  auto v6 = open();
  ASSERT_TRUE(v6);
  EXPECT_EQ(*v6->schemaVersion(), kStoreSchemaVersion) << "opened at the newest schema";
  auto kept = v6->attempts();
  ASSERT_TRUE(kept);
  ASSERT_EQ(kept->size(), 1u);
  EXPECT_EQ((*kept)[0], withoutBytes) << "the schema 5 row reads back field for field";
  auto backlog = v6->verificationBacklog();
  ASSERT_TRUE(backlog);
  EXPECT_EQ(backlog->withoutTrace, 1);
  EXPECT_EQ(backlog->unverified, 0);
  // Recording the same attempt again (a re-run of `run --headless`) now keeps its trace.
  auto again = v6->recordAttempt(a);
  ASSERT_TRUE(again) << again.error().toString();
  EXPECT_FALSE(*again) << "the attempt itself was there already";
  auto bytes = v6->attemptTrace(a.attemptId);
  ASSERT_TRUE(bytes);
  ASSERT_TRUE(bytes->has_value());
  EXPECT_EQ(bytes->value(), "signed trace bytes of attempt a");
  EXPECT_EQ(count("attempts"), 1);
}

TEST_P(ResultsStoreTest, AVerdictIsWrittenOnceAndOnlyUnderTheLatestClaim) {
  auto store = open();
  ASSERT_TRUE(store);
  const AttemptRecord first = recordWithTrace("trace one", "t-1", 60.0);  // starts earlier
  const AttemptRecord second = recordWithTrace("trace two", "t-2", 90.0); // starts later
  ASSERT_TRUE(store->recordAttempt(second));
  ASSERT_TRUE(store->recordAttempt(first));
  ASSERT_TRUE(store->recordAttempt(sampleRecord("no-trace", "t-3", 10.0)));

  auto a = store->claimVerification("w1", 0.05);
  ASSERT_TRUE(a) << a.error().toString();
  ASSERT_TRUE(a->has_value());
  EXPECT_EQ((*a)->attemptId, first.attemptId) << "oldest first";
  EXPECT_EQ((*a)->ordinal, 1);
  auto b = store->claimVerification("w2", 60.0);
  ASSERT_TRUE(b && b->has_value());
  EXPECT_EQ((*b)->attemptId, second.attemptId) << "a leased attempt is not claimed twice";
  auto none = store->claimVerification("w3", 60.0);
  ASSERT_TRUE(none);
  EXPECT_FALSE(none->has_value()) << "the attempt without a trace is never claimed";

  // w1's lease (50 ms) runs out: w3 claims the attempt again.
  std::optional<VerificationClaim> retaken;
  for (int i = 0; i < 200 && !retaken; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    auto c = store->claimVerification("w3", 60.0);
    ASSERT_TRUE(c) << c.error().toString();
    retaken = *c;
  }
  ASSERT_TRUE(retaken) << "the expired lease was never taken over";
  EXPECT_EQ(retaken->attemptId, first.attemptId);
  EXPECT_EQ(retaken->ordinal, 2);

  VerificationVerdict v{first.attemptId, true, "OK", "attempt: re-simulated", "w1", "build-x",
                        "1.0.0",         1,    0.0};
  auto late = store->recordVerdict(v);
  ASSERT_TRUE(late) << late.error().toString();
  EXPECT_FALSE(*late) << "w1's claim was taken over: its verdict is not written";
  v.workerId = "w3";
  v.claimOrdinal = 2;
  auto written = store->recordVerdict(v);
  ASSERT_TRUE(written) << written.error().toString();
  EXPECT_TRUE(*written);
  v.status = "MISMATCH";
  auto twice = store->recordVerdict(v);
  ASSERT_TRUE(twice);
  EXPECT_FALSE(*twice) << "a second verdict on the same attempt";

  auto verdicts = store->verdicts();
  ASSERT_TRUE(verdicts);
  ASSERT_EQ(verdicts->size(), 1u);
  EXPECT_EQ((*verdicts)[0].workerId, "w3");
  EXPECT_EQ((*verdicts)[0].status, "OK");
  EXPECT_TRUE((*verdicts)[0].verified);
  EXPECT_EQ((*verdicts)[0].buildId, "build-x");
  EXPECT_EQ((*verdicts)[0].claimOrdinal, 2);
  EXPECT_GT((*verdicts)[0].verifiedUnix, 1.7e9) << "the database clock, s since 1970";
  auto claims = store->verificationClaims();
  ASSERT_TRUE(claims);
  ASSERT_EQ(claims->size(), 3u);
  auto backlog = store->verificationBacklog();
  ASSERT_TRUE(backlog);
  EXPECT_EQ(backlog->unverified, 1); // `second`, leased by w2
  EXPECT_EQ(backlog->leased, 1);
  EXPECT_EQ(backlog->withoutTrace, 1);
  EXPECT_EQ(backlog->verdicts, 1);
}

TEST_P(ResultsStoreTest, AQueuedAttemptReachesTheStoreWithItsTraceBytes) {
  const std::string down = laterStore();
  std::string bytes = "signed bytes";
  bytes.push_back('\0');
  bytes += "\xff after a NUL";
  const AttemptRecord a = recordWithTrace(bytes, "t-1", 70.0);
  AttemptRecorder offline(down, mDir / "queue", {.connectTimeoutS = 2});
  auto status = offline.record(a);
  ASSERT_TRUE(status) << status.error().toString();
  ASSERT_EQ(status->outcome, AttemptRecorder::Outcome::Queued);
  const auto files = offline.queue().pending();
  ASSERT_EQ(files.size(), 1u);
  EXPECT_NE(test::readFile(files[0]).find("\"trace\": \"7369676e6564206279746573"),
            std::string::npos)
      << "the bytes in hex: " << test::readFile(files[0]);
  // A second queued attempt whose trace field was damaged is set aside, naming the field.
  AttemptRecord b = recordWithTrace("other bytes", "t-2", 60.0);
  ASSERT_TRUE(offline.record(b));
  auto second = offline.queue().pending();
  ASSERT_EQ(second.size(), 2u);
  for (const auto& f : second) {
    std::string text = test::readFile(f);
    const auto at = text.find(core::toHex(core::hashBytes("other bytes")).substr(0, 16));
    if (at != std::string::npos && text.find("6f74686572") != std::string::npos) {
      text.replace(text.find("6f74686572"), 2, "zz");
      test::writeFile(f, text);
    }
  }

  bringBack();
  AttemptRecorder online(down, mDir / "queue");
  auto flushed = online.flush();
  ASSERT_TRUE(flushed) << flushed.error().toString();
  EXPECT_EQ(flushed->written, 1u);
  ASSERT_EQ(flushed->rejected.size(), 1u);
  EXPECT_NE(flushed->rejected[0].find("field 'trace' is not the trace's bytes in lowercase hex"),
            std::string::npos)
      << flushed->rejected[0];
  auto store = ResultsStore::open(down);
  ASSERT_TRUE(store);
  auto kept = (*store)->attemptTrace(a.attemptId);
  ASSERT_TRUE(kept) << kept.error().toString();
  ASSERT_TRUE(kept->has_value());
  EXPECT_EQ(kept->value(), bytes);
}

INSTANTIATE_TEST_SUITE_P(Backends, ResultsStoreTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

TEST(SqliteStore, UsesWriteAheadLogging) {
  TempDir dir("store-wal");
  const std::string location = (dir / "results.sqlite").string();
  ASSERT_TRUE(ResultsStore::open(location));
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(location.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), "wal");
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

TEST(PendingQueue, DamagedFileIsSetAsideNotLost) {
  TempDir dir("queue-damaged");
  PendingQueue queue(dir / "queue");
  const std::string location = (dir / "r.sqlite").string();
  ASSERT_TRUE(queue.enqueue(sampleRecord("att-1", "t-1"), location));
  const auto file = queue.pending().at(0);
  test::writeFile(file, "{\"attemptId\": 3");
  auto store = ResultsStore::open(location);
  ASSERT_TRUE(store);
  auto report = queue.flush(**store, location);
  ASSERT_TRUE(report);
  EXPECT_EQ(report->written, 0u);
  ASSERT_EQ(report->rejected.size(), 1u);
  EXPECT_NE(report->rejected[0].find("not valid JSON"), std::string::npos) << report->rejected[0];
  EXPECT_TRUE(std::filesystem::exists(file.string() + ".rejected"));
  EXPECT_TRUE(queue.pending().empty());
}

TEST(PendingQueue, StoreKeyNamesOneStoreOneWayWithoutItsPassword) {
  const std::filesystem::path cwd = std::filesystem::current_path();
  EXPECT_EQ(storeKey("results.sqlite"), (cwd / "results.sqlite").string());
  EXPECT_EQ(storeKey("file:results.sqlite?mode=ro"), storeKey("results.sqlite"));
  EXPECT_EQ(storeKey("./a/../results.sqlite"), storeKey("results.sqlite"));
  EXPECT_NE(storeKey("practice.sqlite"), storeKey("results.sqlite"));
  EXPECT_EQ(storeKey("postgresql://exam:secret@centre:5432/results"),
            "postgresql://exam@centre:5432/results");
  EXPECT_EQ(storeKey("postgresql://exam@centre/results?password=secret&sslmode=require"),
            "postgresql://exam@centre/results?sslmode=require");
  EXPECT_EQ(storeKey(""), "");
}

TEST(PendingQueue, FileFromAnOlderBuildIsWrittenOnlyWhereTheUserSays) {
  TempDir dir("queue-unbound");
  std::filesystem::create_directories(dir / "queue");
  // Issue 6's format: the bare attempt, no store recorded.
  test::writeFile(dir / "queue" / "00000000001700000000-att-old.attempt.json",
                  attemptToJson(sampleRecord("att-old", "t-1"), 2));
  PendingQueue queue(dir / "queue");
  const auto entries = queue.entries();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].store, "");
  ASSERT_TRUE(entries[0].record);
  const std::string location = (dir / "r.sqlite").string();
  auto store = ResultsStore::open(location);
  ASSERT_TRUE(store);
  auto report = queue.flush(**store, location);
  ASSERT_TRUE(report);
  EXPECT_EQ(report->written, 0u);
  EXPECT_EQ(report->otherStores, 1u);
  auto adopted = queue.flush(**store, location, /*includeUnbound=*/true);
  ASSERT_TRUE(adopted);
  EXPECT_EQ(adopted->written, 1u);
  EXPECT_TRUE(queue.pending().empty());
}

TEST(PendingQueue, AQueuedFileNestedTooDeepIsAProblemNotAParse) {
  TempDir dir("queue-deep");
  std::filesystem::create_directories(dir / "queue");
  test::writeFile(dir / "queue" / "00000000001700000000-att-deep.attempt.json",
                  std::string(1'000'000, '['));
  PendingQueue queue(dir / "queue");
  const auto entries = queue.entries();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_FALSE(entries[0].record);
  EXPECT_NE(entries[0].problem.find("JSON nested deeper than 64 levels at byte 64"),
            std::string::npos)
      << entries[0].problem;
}

TEST(ResultsStore, SelectsTheBackendFromTheLocation) {
  EXPECT_TRUE(ResultsStore::isPostgresUrl("postgresql://u@h/db"));
  EXPECT_TRUE(ResultsStore::isPostgresUrl("postgres://h/db"));
  EXPECT_FALSE(ResultsStore::isPostgresUrl("/var/lib/skillsim/results.sqlite"));
  EXPECT_FALSE(ResultsStore::isPostgresUrl("file:results.sqlite?mode=ro"));
  auto empty = ResultsStore::open("");
  ASSERT_FALSE(empty);
  EXPECT_NE(empty.error().message.find("no results store given"), std::string::npos);
  auto badPassword =
      ResultsStore::open("postgresql://u:secret@127.0.0.1:1/db", {.connectTimeoutS = 1});
  ASSERT_FALSE(badPassword);
  EXPECT_EQ(badPassword.error().code, core::ErrorCode::Unavailable);
  EXPECT_EQ(badPassword.error().message.find("secret"), std::string::npos)
      << "the password must not appear in messages: " << badPassword.error().message;
  EXPECT_NE(badPassword.error().message.find("postgresql://u:***@127.0.0.1:1/db"),
            std::string::npos);
}

} // namespace
} // namespace skillsim::records
