// `skillsim queue list|flush|drop` (issue 13, point 7): the pending queue, each attempt bound to
// the store it was recorded for.
#include <skillsim/app/Cli.h>
#include <skillsim/app/QueueCommand.h>

#include <skillsim/records/PendingQueue.h>
#include <skillsim/records/ResultsStore.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace skillsim;

namespace {

struct Result {
  int code;
  std::string out;
  std::string err;
};

Result queue(app::QueueOptions o) {
  std::ostringstream out;
  std::ostringstream err;
  const int code = app::runQueue(o, out, err);
  return {code, out.str(), err.str()};
}

records::AttemptRecord attempt(const std::string& id, records::AttemptMode mode) {
  records::AttemptRecord r;
  r.attemptId = id;
  r.traineeId = "T-0042";
  r.scenario.id = "overhead_crane.q2_practical";
  r.mode = mode;
  r.startUtc = 1'767'225'600; // 2026-01-01 00:00:00 UTC
  r.result.scenarioId = r.scenario.id;
  r.result.totalPoints = 81.5;
  r.result.maxPoints = 100.0;
  return r;
}

class QueueCommand : public ::testing::Test {
protected:
  void SetUp() override {
    mDir = std::filesystem::path(SKILLSIM_TEST_OUTPUT_DIR) / "queue-command" /
           ::testing::UnitTest::GetInstance()->current_test_info()->name();
    std::filesystem::remove_all(mDir);
    std::filesystem::create_directories(mDir);
    // The centre's store is down: its folder is blocked by a plain file.
    std::ofstream(mDir / "centre") << "x";
    mCentre = (mDir / "centre" / "results.sqlite").string();
    mPractice = (mDir / "practice.sqlite").string();
    records::PendingQueue q(mDir / "queue");
    ASSERT_TRUE(q.enqueue(attempt("att-exam", records::AttemptMode::Exam), mCentre));
    ASSERT_TRUE(q.enqueue(attempt("att-practice", records::AttemptMode::Practice), mPractice));
  }

  app::QueueOptions options(const std::string& action) const {
    app::QueueOptions o;
    o.action = action;
    o.queueDir = (mDir / "queue").string();
    return o;
  }

  std::size_t storedIn(const std::string& location) const {
    auto store = records::ResultsStore::open(location);
    EXPECT_TRUE(store) << store.error().toString();
    return store ? (*store)->attempts()->size() : 0;
  }

  std::filesystem::path mDir;
  std::string mCentre;
  std::string mPractice;
};

TEST_F(QueueCommand, ListNamesEachAttemptAndItsStore) {
  const Result r = queue(options("list"));
  EXPECT_EQ(r.code, app::kExitOk) << r.err;
  EXPECT_NE(r.out.find("2 queued attempts"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1. attempt att-exam trainee 'T-0042' scenario "
                       "'overhead_crane.q2_practical' exam, started 2026-01-01 00:00:00 UTC -> " +
                       records::storeKey(mCentre)),
            std::string::npos)
      << r.out;
  EXPECT_NE(
      r.out.find("practice, started 2026-01-01 00:00:00 UTC -> " + records::storeKey(mPractice)),
      std::string::npos)
      << r.out;
}

TEST_F(QueueCommand, FlushWritesEachAttemptToItsOwnStoreWhenItAnswers) {
  Result r = queue(options("flush"));
  EXPECT_EQ(r.code, app::kExitFailure) << "the centre is still down";
  EXPECT_NE(r.err.find(records::storeKey(mCentre) + ": still unavailable"), std::string::npos)
      << r.err;
  EXPECT_NE(r.out.find("1 attempt written; 1 still queued"), std::string::npos) << r.out;
  EXPECT_EQ(storedIn(mPractice), 1u);

  std::filesystem::remove(mDir / "centre"); // the centre's store is back
  r = queue(options("flush"));
  EXPECT_EQ(r.code, app::kExitOk) << r.err;
  EXPECT_NE(r.out.find("1 attempt written; 0 still queued"), std::string::npos) << r.out;
  EXPECT_EQ(storedIn(mCentre), 1u);
  EXPECT_EQ(storedIn(mPractice), 1u) << "the exam attempt went to the practice store";
}

TEST_F(QueueCommand, FlushWithADbWritesOnlyThatStoresAttempts) {
  app::QueueOptions o = options("flush");
  o.db = mPractice;
  const Result r = queue(o);
  EXPECT_EQ(r.code, app::kExitOk) << r.err;
  EXPECT_NE(r.out.find("1 written, 0 already there"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1 still queued"), std::string::npos) << r.out;
  EXPECT_EQ(storedIn(mPractice), 1u);
}

TEST_F(QueueCommand, DropWithoutATerminalOrYesIsRefused) {
  app::QueueOptions o = options("drop");
  o.entries = {"1"};
  const Result r = queue(o); // confirmation == nullptr: no terminal
  EXPECT_EQ(r.code, app::kExitUsage);
  EXPECT_NE(r.err.find("refusing to drop 1 queued attempt(s) without confirmation: there is no "
                       "terminal to ask on; pass --yes"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(records::PendingQueue(mDir / "queue").pending().size(), 2u);
}

TEST_F(QueueCommand, DropAsksAndKeepsTheAttemptUnlessTheAnswerIsYes) {
  app::QueueOptions o = options("drop");
  o.entries = {"att-exam"};
  std::istringstream no("n\n");
  o.confirmation = &no;
  Result r = queue(o);
  EXPECT_EQ(r.code, app::kExitOk) << r.err;
  EXPECT_NE(r.out.find("Drop 1 queued attempt(s)? [y/N] nothing dropped"), std::string::npos)
      << r.out;
  EXPECT_EQ(records::PendingQueue(mDir / "queue").pending().size(), 2u);
  std::istringstream yes("y\n");
  o.confirmation = &yes;
  r = queue(o);
  EXPECT_EQ(r.code, app::kExitOk) << r.err;
  EXPECT_NE(r.out.find("dropped "), std::string::npos) << r.out;
  const auto left = records::PendingQueue(mDir / "queue").entries();
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].record->attemptId, "att-practice");
}

TEST_F(QueueCommand, DropWithYesAndAnUnknownEntry) {
  app::QueueOptions o = options("drop");
  o.entries = {"9"};
  o.yes = true;
  Result r = queue(o);
  EXPECT_EQ(r.code, app::kExitUsage);
  EXPECT_NE(r.err.find("no queued attempt '9'"), std::string::npos) << r.err;
  o.entries = {"2"};
  r = queue(o);
  EXPECT_EQ(r.code, app::kExitOk) << r.err;
  EXPECT_EQ(records::PendingQueue(mDir / "queue").pending().size(), 1u);
}

TEST_F(QueueCommand, CommandLineReachesTheQueue) {
  std::ostringstream out;
  std::ostringstream err;
  const int code =
      app::runCli({"queue", "--queue-dir", (mDir / "queue").string(), "list"}, out, err);
  EXPECT_EQ(code, app::kExitOk) << err.str();
  EXPECT_NE(out.str().find("2 queued attempts"), std::string::npos) << out.str();
}

} // namespace
