// Issue 20 point 4: the headless `run` really stores the attempt (every other run test passes
// --no-store), into SQLite and PostgreSQL, and `operate` writes a trace that `verify` accepts.
#include "MissingPrerequisite.h"
#include "RecordsTestSupport.h"

#include <skillsim/app/AttemptReplay.h>
#include <skillsim/app/Cli.h>
#include <skillsim/core/Version.h>
#include <skillsim/records/ResultHash.h>
#include <skillsim/records/ResultsStore.h>
#include <skillsim/records/SqlConnection.h>
#include <skillsim/records/TraceReader.h>
#include <skillsim/records/TraceWriter.h>
#include <skillsim/records/WorkstationKey.h>
#include <skillsim/scenario/ScenarioLoader.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <sstream>

using namespace skillsim;

namespace {

using skillsim::records::test::withDatabase;

struct Result {
  int code;
  std::string out;
  std::string err;
};

Result run(std::vector<std::string> args) {
  std::ostringstream out;
  std::ostringstream err;
  const int code = app::runCli(args, out, err);
  return {code, out.str(), err.str()};
}

const std::string kCrane = std::string(SKILLSIM_SOURCE_DIR) + "/scenarios/overhead_crane/";

std::filesystem::path freshDir(const std::string& name) {
  const auto dir = std::filesystem::path(SKILLSIM_TEST_OUTPUT_DIR) / "run-store" / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

void admin(const std::string& server, const std::string& sql) {
  auto db = records::openSqlConnection(server);
  ASSERT_TRUE(db) << db.error().toString();
  auto done = (*db)->execute(sql);
  ASSERT_TRUE(done) << sql << ": " << done.error().toString();
}

class RunStoreTest : public ::testing::TestWithParam<std::string> {
protected:
  void SetUp() override {
    mDir = freshDir(GetParam());
    if (GetParam() == "postgresql") {
      const char* url = std::getenv("SKILLSIM_TEST_PG_URL");
      if (url == nullptr || url[0] == '\0') {
        SKILLSIM_MISSING_PREREQUISITE()
            << "SKILLSIM_TEST_PG_URL is not set, so the headless run cannot store into "
               "PostgreSQL; scripts/test.sh starts a server and sets it";
      }
      mServer = url;
      mDatabase = "skillsim_run_" + std::to_string(std::random_device{}());
      admin(mServer, "CREATE DATABASE " + mDatabase);
      mLocation = withDatabase(mServer, mDatabase);
    } else {
      mLocation = (mDir / "results.sqlite").string();
    }
  }
  void TearDown() override {
    if (!mDatabase.empty()) {
      admin(mServer, "DROP DATABASE IF EXISTS " + mDatabase + " WITH (FORCE)");
    }
  }

  std::filesystem::path mDir;
  std::string mServer;
  std::string mDatabase;
  std::string mLocation;
};

TEST_P(RunStoreTest, HeadlessRunStoresTheAttemptOnceWithTheTracesHeaderAndResult) {
  const std::string trace = kCrane + "traces/q2-competent.sktrace";
  auto recorded = records::TraceReader::read(trace);
  ASSERT_TRUE(recorded) << recorded.error().toString();
  ASSERT_TRUE(recorded->result);

  auto first = run({"run", kCrane + "q2_practical.toml", "--headless", "--input", trace, "--db",
                    mLocation, "--lang", "en"});
  ASSERT_EQ(first.code, 0) << first.out << first.err;
  auto again = run({"run", kCrane + "q2_practical.toml", "--headless", "--input", trace, "--db",
                    mLocation, "--lang", "en"});
  ASSERT_EQ(again.code, 0) << again.out << again.err;

  auto store = records::ResultsStore::open(mLocation);
  ASSERT_TRUE(store) << store.error().toString();
  EXPECT_EQ((*store)->backend(), GetParam());
  auto all = (*store)->attempts();
  ASSERT_TRUE(all) << all.error().toString();
  ASSERT_EQ(all->size(), 1u) << "the same trace replayed twice is one attempt";
  const records::AttemptRecord& a = all->front();
  EXPECT_EQ(a.traineeId, recorded->header.traineeId);
  EXPECT_EQ(a.mode, recorded->header.mode);
  EXPECT_EQ(a.startUtc, recorded->header.startUtc);
  EXPECT_EQ(a.scenario.id, recorded->header.scenarioId);
  EXPECT_EQ(a.traceHash, core::toHex(recorded->fileHash));
  EXPECT_TRUE(a.signatureValid);
  // The re-simulated result is the one signed into the trace, deduction for deduction.
  EXPECT_EQ(a.result, *recorded->result);
  EXPECT_TRUE(a.result.passed);
}

INSTANTIATE_TEST_SUITE_P(Backends, RunStoreTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

// `operate` writes with this build, so `verify` re-simulates it without --allow-other-build and
// finds the same result; a changed byte in the result is then caught.
TEST(OperateThenVerify, TheScriptedOperatorsTraceVerifiesWithThisBuild) {
  const auto dir = freshDir("operate-verify");
  const std::string out = (dir / "competent.sktrace").string();
  auto operated =
      run({"operate", kCrane + "q2_practical.toml", "--profile", "competent", "--out", out,
           "--trainee", "T-0042", "--mode", "practice", "--key-dir", (dir / "key").string()});
  ASSERT_EQ(operated.code, 0) << operated.out << operated.err;
  auto verified = run({"verify", "--no-progress", "--scenarios", kCrane, out});
  EXPECT_EQ(verified.code, 0) << verified.out << verified.err;
  EXPECT_NE(verified.err.find("1 trace: 1 matches, 0 do not"), std::string::npos) << verified.err;
  EXPECT_EQ(verified.out.rfind("OK ", 0), 0u) << verified.out;
  EXPECT_NE(verified.out.find("re-simulated bit-exact"), std::string::npos) << verified.out;
}

// Issue 14, point 5: an exam's minimised window is signed into the trace as workstation events;
// `verify` names them in plain words, and the re-simulation ignores them: the competent reference
// trace rewritten with two events gives its signed result, bit for bit, like the original.
TEST(OperateThenVerify, SignedWorkstationEventsAreShownAndChangeNoScore) {
  const auto dir = freshDir("workstation-events");
  auto original = records::TraceReader::read(kCrane + "traces/q2-competent.sktrace");
  ASSERT_TRUE(original) << original.error().toString();
  ASSERT_TRUE(original->complete);
  ASSERT_EQ(original->header.tickRate, 240u);
  ASSERT_GT(original->actions.size(), 3600u);
  auto key = records::WorkstationKey::loadOrCreate(dir / "key");
  ASSERT_TRUE(key) << key.error().toString();
  records::TraceHeader header = original->header;
  header.engineVersion = std::string(core::engineVersion());
  header.buildId = std::string(core::buildId());
  const std::string file = (dir / "minimised.sktrace").string();
  {
    auto writer = records::TraceWriter::create(file, header, *key);
    ASSERT_TRUE(writer) << writer.error().toString();
    for (std::uint64_t t = 0; t < original->actions.size(); ++t) {
      if (t == 2400) { // 10 s at 240 Hz
        ASSERT_TRUE(writer->recordEvent(records::WorkstationEventKind::WindowMinimised));
      }
      if (t == 3600) { // 15 s
        ASSERT_TRUE(writer->recordEvent(records::WorkstationEventKind::WindowRestored));
      }
      ASSERT_TRUE(writer->append(original->actions[t]));
    }
    ASSERT_TRUE(writer->finish(*original->result));
  }
  auto rewritten = records::TraceReader::read(file);
  ASSERT_TRUE(rewritten) << rewritten.error().toString();
  ASSERT_EQ(rewritten->events.size(), 2u);

  auto q2 = scenario::loadScenario(kCrane + "q2_practical.toml");
  ASSERT_TRUE(q2) << q2.error().toString();
  auto withEvents = app::replayAttempt(*q2, rewritten->actions);
  auto without = app::replayAttempt(*q2, original->actions);
  ASSERT_TRUE(withEvents) << withEvents.error().toString();
  ASSERT_TRUE(without) << without.error().toString();
  EXPECT_EQ(*withEvents, *without);
  EXPECT_EQ(records::resultHash(*withEvents), original->resultHash);

  auto verified = run({"verify", "--no-progress", "--scenarios", kCrane, file});
  EXPECT_EQ(verified.code, 0) << verified.out << verified.err;
  EXPECT_EQ(verified.out.rfind("OK ", 0), 0u) << verified.out;
  EXPECT_NE(verified.out.find("re-simulated bit-exact; signed workstation events: window "
                              "minimised at 10.0 s, restored at 15.0 s (away 5.0 s)"),
            std::string::npos)
      << verified.out;
  // The committed reference traces (format 3, no events) still verify, and say nothing of events.
  auto reference =
      run({"verify", "--no-progress", "--allow-other-build", "--scenarios", kCrane,
           kCrane + "traces/q2-competent.sktrace", kCrane + "traces/q2-careless.sktrace"});
  EXPECT_EQ(reference.code, 0) << reference.out << reference.err;
  EXPECT_NE(reference.err.find("2 traces: 2 match"), std::string::npos) << reference.err;
  EXPECT_EQ(reference.out.find("workstation events"), std::string::npos) << reference.out;
}

} // namespace
