// Issue 20 point 4: the headless `run` really stores the attempt (every other run test passes
// --no-store), into SQLite and PostgreSQL, and `operate` writes a trace that `verify` accepts.
#include "MissingPrerequisite.h"
#include "RecordsTestSupport.h"

#include <skillsim/app/Cli.h>
#include <skillsim/records/ResultsStore.h>
#include <skillsim/records/SqlConnection.h>
#include <skillsim/records/TraceReader.h>

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
  EXPECT_NE(verified.err.find("1 traces: 1 match"), std::string::npos) << verified.err;
  EXPECT_EQ(verified.out.rfind("OK ", 0), 0u) << verified.out;
  EXPECT_NE(verified.out.find("re-simulated bit-exact"), std::string::npos) << verified.out;
}

} // namespace
