// Verification from the results store alone (issue 19): `skillsim verify --db` re-simulates
// stored attempts from the trace bytes the store keeps (schema 6), and `skillsim verify-worker`
// processes share the store's verification queue. The traces are real: a few tenths of a second
// of the practice lift, run live while a TraceWriter records them (as VerifyEndToEndTest does),
// so that 300 of them re-simulate in seconds. The worker test runs the real program against the
// PostgreSQL server of SKILLSIM_TEST_PG_URL (scripts/test.sh starts one).

#include "MissingPrerequisite.h"
#include "RecordsTestSupport.h"

#include <skillsim/app/Cli.h>
#include <skillsim/app/VerifyWorkerCommand.h>
#include <skillsim/assessment/Assessor.h>
#include <skillsim/core/Hash.h>
#include <skillsim/core/Version.h>
#include <skillsim/records/ResultsStore.h>
#include <skillsim/records/SqlConnection.h>
#include <skillsim/records/TraceWriter.h>
#include <skillsim/records/WorkstationKey.h>
#include <skillsim/scenario/ScenarioLoader.h>
#include <skillsim/sim/Simulation.h>
#include <skillsim/sim/machines/overhead_crane/OverheadCraneSpec.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <spawn.h>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace skillsim::app {
namespace {

namespace fs = std::filesystem;
using records::AttemptRecord;

constexpr const char* kScenario = "scenarios/overhead_crane/practice_single_lift.toml";

/** Records short attempts of the practice lift, each a real signed trace with its result. */
class ShortAttempts {
public:
  explicit ShortAttempts(const fs::path& dir) : mDir(dir) {
    auto loaded = scenario::loadScenario(fs::path(SKILLSIM_SOURCE_DIR) / kScenario);
    EXPECT_TRUE(loaded) << loaded.error().toString();
    mScenario.emplace(std::move(*loaded));
    mKey.emplace(*records::WorkstationKey::loadOrCreate(mDir / "config"));
  }

  /** `ticks` ticks of hoisting up by trainee `trainee`; the record carries its trace bytes. */
  AttemptRecord record(const std::string& trainee, std::uint64_t ticks) {
    const scenario::Scenario& s = *mScenario;
    records::TraceHeader h;
    h.scenarioId = s.id;
    h.scenarioVersion = s.version;
    h.scenarioHash = s.hash;
    h.tickRate = s.tickRate;
    h.traineeId = trainee;
    h.mode = records::AttemptMode::Practice;
    h.startUtc = 1796083200 + static_cast<std::int64_t>(++mCount);
    h.setControls(s.machine->controls);
    auto simulation = sim::Simulation::create(s.simulation);
    EXPECT_TRUE(simulation) << simulation.error().toString();
    assessment::Assessor assessor(s.standard, s.rubric, s.id);
    const fs::path file = mDir / (trainee + ".sktrace");
    auto writer = records::TraceWriter::create(file, h, *mKey);
    EXPECT_TRUE(writer) << writer.error().toString();
    for (std::uint64_t t = 0; t < ticks; ++t) {
      core::ActionState a;
      a.setAxis(sim::crane_controls::kHoist, 0.5f);
      EXPECT_TRUE(writer->append(a));
      (*simulation)->step(a);
      assessor.observe((*simulation)->tick(), (*simulation)->events(), (*simulation)->metrics(), a);
    }
    const assessment::AttemptResult result = assessor.finish();
    EXPECT_TRUE(writer->finish(result));
    AttemptRecord r;
    r.trace = records::test::readFile(file);
    fs::remove(file); // the store's copy is the only one
    r.traceHash = core::toHex(core::hashBytes(r.trace));
    r.attemptId = r.traceHash;
    r.traineeId = trainee;
    r.scenario = {s.id, core::toHex(s.hash), s.titleZh, s.titleEn, s.version};
    r.mode = h.mode;
    r.startUtc = h.startUtc;
    r.result = result;
    r.signatureValid = true;
    r.engineVersion = std::string(core::engineVersion());
    return r;
  }

private:
  fs::path mDir;
  std::optional<scenario::Scenario> mScenario;
  std::optional<records::WorkstationKey> mKey;
  int mCount = 0;
};

std::string scenariosDir() { return (fs::path(SKILLSIM_SOURCE_DIR) / "scenarios").string(); }

TEST(VerifyStoredTrace, ReSimulatesFromTheStoreAloneAndNamesEachAttemptThatFails) {
  records::test::TempDir dir("verify-db");
  ShortAttempts attempts(dir.path());
  const std::string db = (dir / "results.sqlite").string();
  auto store = records::ResultsStore::open(db);
  ASSERT_TRUE(store) << store.error().toString();

  const AttemptRecord honest = attempts.record("t-honest", 48);
  AttemptRecord edited = attempts.record("t-edited", 48);
  edited.result.totalPoints += 5.0; // the store's copy says more than the trace
  AttemptRecord corrupt = attempts.record("t-corrupt", 48);
  corrupt.trace[corrupt.trace.size() / 2] ^= 0x20; // bytes altered after signing
  corrupt.traceHash = core::toHex(core::hashBytes(corrupt.trace));
  corrupt.attemptId = corrupt.traceHash;
  AttemptRecord bare = attempts.record("t-bare", 48);
  bare.trace.clear();
  for (const AttemptRecord* r :
       std::initializer_list<const AttemptRecord*>{&honest, &edited, &corrupt, &bare}) {
    auto written = (*store)->recordAttempt(*r);
    ASSERT_TRUE(written) << written.error().toString();
  }
  EXPECT_FALSE(fs::exists(dir / "t-honest.sktrace")) << "no trace file is left to find";

  std::ostringstream out;
  std::ostringstream err;
  StoredVerifyOptions o{db, {honest.attemptId}, scenariosDir(), false};
  EXPECT_EQ(runVerifyStored(o, out, err), kExitOk) << out.str() << err.str();
  EXPECT_EQ(out.str().rfind("OK attempt " + honest.attemptId + ": t-honest", 0), 0u) << out.str();
  EXPECT_NE(out.str().find("re-simulated bit-exact"), std::string::npos) << out.str();

  out.str("");
  o.attempts = {edited.attemptId, corrupt.attemptId, bare.attemptId, "no-such-attempt"};
  EXPECT_EQ(runVerifyStored(o, out, err), kExitFailure);
  std::istringstream lines(out.str());
  std::string l1, l2, l3, l4;
  std::getline(lines, l1);
  std::getline(lines, l2);
  std::getline(lines, l3);
  std::getline(lines, l4);
  EXPECT_EQ(l1.rfind("STORED-DIFFERS attempt " + edited.attemptId +
                         ": the stored result differs from the trace's re-simulation",
                     0),
            0u)
      << l1;
  EXPECT_EQ(l2.rfind("INVALID attempt " + corrupt.attemptId + ": ", 0), 0u) << l2;
  EXPECT_EQ(
      l3.rfind("NO-TRACE attempt " + bare.attemptId + ": the results store keeps no trace for it",
               0),
      0u)
      << l3;
  EXPECT_EQ(l4, "NOT-FOUND attempt no-such-attempt: no attempt 'no-such-attempt' in the results "
                "store");
}

TEST(VerifyStoredTrace, RunHeadlessStoresTheTraceAndVerifyDbNeedsNoFile) {
  records::test::TempDir dir("verify-db-cli");
  ShortAttempts attempts(dir.path());
  const AttemptRecord r = attempts.record("t-cli", 48);
  const fs::path file = dir / "t-cli.sktrace";
  records::test::writeFile(file, r.trace);
  const std::string db = (dir / "results.sqlite").string();
  std::ostringstream out;
  std::ostringstream err;
  ASSERT_EQ(runCli({"run", std::string(SKILLSIM_SOURCE_DIR) + "/" + kScenario, "--headless",
                    "--input", file.string(), "--db", db, "--lang", "en"},
                   out, err),
            kExitOk)
      << out.str() << err.str();
  fs::remove(file);
  out.str("");
  ASSERT_EQ(runCli({"verify", "--db", db, "--scenarios", scenariosDir()}, out, err), kExitOk)
      << out.str() << err.str();
  EXPECT_EQ(out.str().rfind("OK attempt " + r.attemptId + ": t-cli", 0), 0u) << out.str();

  std::ostringstream usage;
  EXPECT_EQ(runCli({"verify"}, out, usage), kExitUsage);
  EXPECT_NE(usage.str().find("name .sktrace files or folders, or --db STORE"), std::string::npos)
      << usage.str();
  EXPECT_EQ(runCli({"verify", "--db", db, "--rescore", "x.toml"}, out, usage), kExitUsage);
  EXPECT_NE(usage.str().find("--rescore works on trace files, not with --db"), std::string::npos)
      << usage.str();
}

TEST(VerifyWorker, OnSqliteOneProcessVerifiesEveryAttemptOnceAndStops) {
  records::test::TempDir dir("worker-sqlite");
  ShortAttempts attempts(dir.path());
  const std::string db = (dir / "results.sqlite").string();
  {
    auto store = records::ResultsStore::open(db);
    ASSERT_TRUE(store);
    for (int i = 0; i < 3; ++i) {
      AttemptRecord r = attempts.record("t-" + std::to_string(i), 24);
      if (i == 2) {
        r.result.totalPoints -= 1.0; // a store edited after recording
      }
      ASSERT_TRUE((*store)->recordAttempt(r));
    }
  }
  VerifyWorkerOptions o;
  o.db = db;
  o.jobs = 2;
  o.untilEmpty = true;
  o.pollS = 0.05;
  o.workerId = "bench-1";
  o.scenariosDir = scenariosDir();
  std::ostringstream out;
  std::ostringstream err;
  ASSERT_EQ(runVerifyWorker(o, out, err), kExitOk) << err.str();
  EXPECT_NE(err.str().find("worker bench-1: 3 attempts, 2 verified, 1 not, 0 late"),
            std::string::npos)
      << err.str();
  auto store = records::ResultsStore::open(db);
  ASSERT_TRUE(store);
  auto verdicts = (*store)->verdicts();
  ASSERT_TRUE(verdicts);
  ASSERT_EQ(verdicts->size(), 3u);
  std::size_t ok = 0;
  for (const records::VerificationVerdict& v : *verdicts) {
    EXPECT_TRUE(v.workerId == "bench-1/1" || v.workerId == "bench-1/2") << v.workerId;
    EXPECT_EQ(v.buildId, core::buildId());
    EXPECT_EQ(v.claimOrdinal, 1);
    ok += v.verified ? 1 : 0;
    if (!v.verified) {
      EXPECT_EQ(v.status, "STORED-DIFFERS") << v.detail;
    }
  }
  EXPECT_EQ(ok, 2u);
  // Nothing left to claim: a second run stops at once, writing nothing.
  std::ostringstream out2;
  EXPECT_EQ(runVerifyWorker(o, out2, err), kExitOk);
  EXPECT_EQ(out2.str(), "");
}

TEST(VerifyWorker, RefusesBadOptionsAndAStoreItCannotOpen) {
  std::ostringstream out;
  std::ostringstream err;
  VerifyWorkerOptions o;
  o.db = "postgresql://nobody@127.0.0.1:1/none?connect_timeout=1";
  o.leaseS = 0.0;
  EXPECT_EQ(runVerifyWorker(o, out, err), kExitUsage);
  EXPECT_NE(err.str().find("--lease and --poll are seconds above 0"), std::string::npos);
  o.leaseS = 10.0;
  err.str("");
  EXPECT_EQ(runVerifyWorker(o, out, err), kExitFailure);
  EXPECT_NE(err.str().find("cannot be reached"), std::string::npos) << err.str();
}

/** A running `skillsim verify-worker` child, its output in a file. */
struct Worker {
  pid_t pid = -1;
  fs::path output;
};

Worker spawnWorker(const std::string& url, const std::string& id, const fs::path& dir) {
  Worker w;
  w.output = dir / (id + ".out");
  std::vector<std::string> args = {SKILLSIM_PROGRAM,
                                   "verify-worker",
                                   "--db",
                                   url,
                                   "--until-empty",
                                   "--lease",
                                   "3",
                                   "--poll",
                                   "0.1",
                                   "--worker-id",
                                   id,
                                   "--scenarios",
                                   scenariosDir(),
                                   "--timings"};
  std::vector<char*> argv;
  for (std::string& a : args) {
    argv.push_back(a.data());
  }
  argv.push_back(nullptr);
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  posix_spawn_file_actions_addopen(&files, STDOUT_FILENO, w.output.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&files, STDOUT_FILENO, STDERR_FILENO);
  EXPECT_EQ(posix_spawn(&w.pid, argv[0], &files, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&files);
  return w;
}

/** Waits for `pid` up to `limit`; its exit status, or -1 (then it is killed). */
int waitFor(pid_t pid, std::chrono::seconds limit) {
  const auto end = std::chrono::steady_clock::now() + limit;
  int status = 0;
  while (std::chrono::steady_clock::now() < end) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) {
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, &status, 0);
  return -1;
}

class VerifyWorkersOnPostgres : public ::testing::Test {
protected:
  void SetUp() override {
    const char* url = std::getenv("SKILLSIM_TEST_PG_URL");
    if (url == nullptr || url[0] == '\0') {
      SKILLSIM_MISSING_PREREQUISITE()
          << "SKILLSIM_TEST_PG_URL is not set, so the verification workers are not run against "
             "PostgreSQL; scripts/test.sh starts a server and sets it";
    }
    mServer = url;
    mDatabase = "skillsim_workers_" + std::to_string(std::random_device{}());
    admin("CREATE DATABASE " + mDatabase);
    mUrl = records::test::withDatabase(mServer, mDatabase);
  }
  void TearDown() override {
    if (!mDatabase.empty()) {
      admin("DROP DATABASE IF EXISTS " + mDatabase + " WITH (FORCE)");
    }
  }
  /** Runs SQL on the server's maintenance database (create, drop database). */
  void admin(const std::string& sql) {
    auto c = records::openSqlConnection(mServer);
    ASSERT_TRUE(c) << c.error().toString();
    auto done = (*c)->execute(sql);
    EXPECT_TRUE(done) << sql << ": " << done.error().toString();
  }

  std::string mServer;
  std::string mDatabase;
  std::string mUrl;
};

TEST_F(VerifyWorkersOnPostgres, ThreeWorkersOneKilledVerifyThreeHundredAttemptsExactlyOnce) {
  records::test::TempDir dir("workers-pg");
  constexpr int kAttempts = 300;
  std::set<std::string> ids;
  {
    ShortAttempts attempts(dir.path());
    auto store = records::ResultsStore::open(mUrl);
    ASSERT_TRUE(store) << store.error().toString();
    for (int i = 0; i < kAttempts; ++i) {
      const AttemptRecord r = attempts.record("t-" + std::to_string(i), 24 + i % 5);
      auto written = (*store)->recordAttempt(r);
      ASSERT_TRUE(written) << written.error().toString();
      ids.insert(r.attemptId);
    }
  }
  ASSERT_EQ(ids.size(), static_cast<std::size_t>(kAttempts));
  auto store = records::ResultsStore::open(mUrl);
  ASSERT_TRUE(store);

  std::vector<Worker> workers;
  for (const char* id : {"w1", "w2", "w3"}) {
    workers.push_back(spawnWorker(mUrl, id, dir.path()));
  }
  // Stop w1, look: if it holds the latest claim of an attempt with no verdict, it is inside
  // that attempt, and SIGKILL ends it there; otherwise let it run a little and look again.
  std::string killedIn;
  for (int tries = 0; tries < 400 && killedIn.empty(); ++tries) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ASSERT_EQ(::kill(workers[0].pid, SIGSTOP), 0);
    auto claims = (*store)->verificationClaims();
    auto verdicts = (*store)->verdicts();
    ASSERT_TRUE(claims && verdicts);
    std::set<std::string> done;
    for (const auto& v : *verdicts) {
      done.insert(v.attemptId);
    }
    std::map<std::string, std::string> latest; // attempt -> worker of its latest claim
    for (const auto& [attempt, ordinal, worker] : *claims) {
      latest[attempt] = worker;
    }
    for (const auto& [attempt, worker] : latest) {
      if (worker == "w1" && !done.contains(attempt)) {
        killedIn = attempt;
      }
    }
    ASSERT_EQ(::kill(workers[0].pid, killedIn.empty() ? SIGCONT : SIGKILL), 0);
  }
  ASSERT_FALSE(killedIn.empty()) << "w1 was never caught inside an attempt";
  EXPECT_EQ(waitFor(workers[0].pid, std::chrono::seconds(10)), 128 + SIGKILL);
  EXPECT_EQ(waitFor(workers[1].pid, std::chrono::seconds(120)), 0)
      << records::test::readFile(workers[1].output);
  EXPECT_EQ(waitFor(workers[2].pid, std::chrono::seconds(120)), 0)
      << records::test::readFile(workers[2].output);

  auto verdicts = (*store)->verdicts();
  ASSERT_TRUE(verdicts);
  EXPECT_EQ(verdicts->size(), static_cast<std::size_t>(kAttempts)) << "one verdict row each";
  std::set<std::string> verified;
  for (const records::VerificationVerdict& v : *verdicts) {
    EXPECT_TRUE(v.verified) << v.status << ' ' << v.detail;
    EXPECT_EQ(v.buildId, core::buildId());
    verified.insert(v.attemptId);
    if (v.attemptId == killedIn) {
      EXPECT_NE(v.workerId, "w1") << "the killed worker wrote no verdict for it";
      EXPECT_GE(v.claimOrdinal, 2) << "it was claimed again after w1's lease ran out";
    }
  }
  EXPECT_EQ(verified, ids) << "every stored attempt, each exactly once";
  auto claims = (*store)->verificationClaims();
  ASSERT_TRUE(claims);
  std::vector<std::string> claimedBy;
  for (const auto& [attempt, ordinal, worker] : *claims) {
    if (attempt == killedIn) {
      claimedBy.push_back(worker);
    }
  }
  ASSERT_GE(claimedBy.size(), 2u);
  EXPECT_EQ(claimedBy.front(), "w1");
  EXPECT_NE(claimedBy.back(), "w1");
  // Only the killed attempt was claimed twice: healthy workers finish well inside the lease.
  EXPECT_EQ(claims->size(), static_cast<std::size_t>(kAttempts) + claimedBy.size() - 1);
  auto backlog = (*store)->verificationBacklog();
  ASSERT_TRUE(backlog);
  EXPECT_EQ(backlog->unverified, 0);
  EXPECT_EQ(backlog->verdicts, kAttempts);
  const std::string w2 = records::test::readFile(workers[1].output);
  EXPECT_NE(w2.find("worker w2: "), std::string::npos) << w2;
  EXPECT_EQ(w2.find("LATE"), std::string::npos) << w2;
}

} // namespace
} // namespace skillsim::app
