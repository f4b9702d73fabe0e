// `skillsim verify` end to end with a stand-in simulation (the real one is wired through
// scenario::AttemptRunner): exit codes, one line per trace in input order, rescore table.

#include <skillsim/app/Cli.h>
#include <skillsim/app/VerifyCommand.h>
#include <skillsim/records/TraceWriter.h>
#include <skillsim/records/WorkstationKey.h>
#include <skillsim/sim/machines/overhead_crane/OverheadCraneSpec.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>

namespace skillsim::app {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/** Score: 100 minus one point (version "2.0": three) per second with the horn held. */
assessment::AttemptResult fakeScore(const std::string& version,
                                    const std::vector<core::ActionState>& actions) {
  assessment::AttemptResult r;
  r.scenarioId = "crane/q2";
  const double per = version == "2.0" ? 3.0 : 1.0;
  for (std::size_t t = 0; t < actions.size(); t += 60) {
    if (actions[t].button(skillsim::sim::crane_controls::kHorn)) {
      r.totalPoints -= per;
    }
  }
  r.totalPoints += 100.0;
  r.maxPoints = 100.0;
  r.passMark = 70.0;
  r.passed = r.totalPoints >= 70.0;
  r.completed = true;
  r.endTick = actions.size();
  r.duration = static_cast<double>(actions.size()) / 60.0;
  return r;
}

class VerifyCommandTest : public ::testing::Test {
protected:
  void SetUp() override {
    mDir = fs::path(SKILLSIM_TEST_OUTPUT_DIR) / "app" /
           ("verify-" + std::to_string(std::random_device{}()));
    fs::create_directories(mDir / "scenarios" / "crane");
    std::ofstream(mDir / "scenarios" / "crane" / "q2.toml") << "crane/q2 1.0";
    std::ofstream(mDir / "q2-revised.toml") << "crane/q2 2.0";
    mKey.emplace(*records::WorkstationKey::loadOrCreate(mDir / "config"));
    mBackend.probe = [](const fs::path& file) -> core::Expected<records::ScenarioEntry> {
      std::istringstream words(slurp(file));
      records::ScenarioEntry e;
      words >> e.id >> e.version;
      if (e.version.empty()) {
        return core::makeError(core::ErrorCode::InvalidInput, "not a scenario",
                               core::SourceLocation{.file = file.string()});
      }
      e.hash = core::hashBytes(slurp(file));
      e.file = file;
      return e;
    };
    mBackend.resimulate = [](const records::ScenarioEntry& s, const records::Trace& t) {
      return core::Expected<assessment::AttemptResult>(fakeScore(s.version, t.actions.toVector()));
    };
  }
  void TearDown() override { fs::remove_all(mDir); }

  fs::path record(const std::string& name, bool finish = true) {
    records::TraceHeader h;
    h.scenarioId = "crane/q2";
    h.scenarioVersion = "1.0";
    h.scenarioHash = core::hashBytes("crane/q2 1.0");
    h.tickRate = 60;
    h.traineeId = "t-" + name;
    h.buttonControls = {"horn"};
    auto writer = records::TraceWriter::create(mDir / name, h, *mKey);
    std::vector<core::ActionState> actions;
    for (std::uint64_t t = 0; t < 600; ++t) {
      core::ActionState s;
      s.setButton(skillsim::sim::crane_controls::kHorn, (t / 60) % 3 == name.size() % 3);
      actions.push_back(s);
      EXPECT_TRUE(writer->append(s));
    }
    if (finish) {
      EXPECT_TRUE(writer->finish(fakeScore("1.0", actions)));
    }
    return mDir / name;
  }

  int verify(std::vector<std::string> traces, std::string rescore = {}) {
    VerifyCommandOptions o;
    o.traces = std::move(traces);
    o.scenariosDir = (mDir / "scenarios").string();
    o.rescoreScenario = std::move(rescore);
    o.jobs = 3;
    mOut.str("");
    mErr.str("");
    return runVerify(o, mOut, mErr, mBackend);
  }

  std::vector<std::string> lines() const {
    std::vector<std::string> out;
    std::istringstream in(mOut.str());
    for (std::string line; std::getline(in, line);) {
      out.push_back(line);
    }
    return out;
  }

  fs::path mDir;
  std::optional<records::WorkstationKey> mKey;
  VerifyBackend mBackend;
  std::ostringstream mOut;
  std::ostringstream mErr;
};

TEST_F(VerifyCommandTest, AllMatchingTracesExitZeroOneLineEach) {
  const auto a = record("a.sktrace");
  const auto b = record("bb.sktrace");
  EXPECT_EQ(verify({a.string(), b.string()}), kExitOk) << mOut.str() << mErr.str();
  const auto l = lines();
  ASSERT_EQ(l.size(), 2u);
  EXPECT_EQ(l[0].rfind("OK " + a.string() + ": t-a.sktrace crane/q2 1.0 practice: ", 0), 0u)
      << l[0];
  EXPECT_EQ(l[1].rfind("OK " + b.string(), 0), 0u);
  EXPECT_EQ(mErr.str(), "2 traces: 2 match, 0 do not\n");
}

TEST_F(VerifyCommandTest, AnyBadTraceExitsOneAndSaysWhich) {
  const auto good = record("good.sktrace");
  const auto cut = record("cut.sktrace", /*finish=*/false);
  const auto altered = record("altered.sktrace");
  std::string bytes = slurp(altered);
  bytes[bytes.size() - 70] = static_cast<char>(bytes[bytes.size() - 70] ^ 1); // in the signature
  std::ofstream(altered, std::ios::binary | std::ios::trunc) << bytes;
  EXPECT_EQ(verify({good.string(), cut.string(), altered.string(), (mDir / "no.sktrace").string()}),
            kExitFailure);
  const auto l = lines();
  ASSERT_EQ(l.size(), 4u) << mOut.str();
  EXPECT_EQ(l[0].rfind("OK ", 0), 0u) << l[0];
  EXPECT_EQ(l[1].rfind("INCOMPLETE " + cut.string(), 0), 0u) << l[1];
  EXPECT_EQ(l[2].rfind("INVALID " + altered.string(), 0), 0u) << l[2];
  EXPECT_NE(l[2].find("altered"), std::string::npos) << l[2];
  EXPECT_EQ(l[3], "INVALID " + (mDir / "no.sktrace").string() + ": no such trace file");
}

TEST_F(VerifyCommandTest, FoldersAreSearchedAndMissingScenariosNamed) {
  record("x.sktrace");
  fs::remove(mDir / "scenarios" / "crane" / "q2.toml");
  std::ofstream(mDir / "scenarios" / "crane" / "q2.toml") << "crane/q2 1.1";
  EXPECT_EQ(verify({mDir.string()}), kExitFailure);
  const auto l = lines();
  ASSERT_EQ(l.size(), 1u);
  EXPECT_EQ(l[0].rfind("NO-SCENARIO " + (mDir / "x.sktrace").string(), 0), 0u) << l[0];
  EXPECT_NE(l[0].find("found crane/q2 version 1.1"), std::string::npos) << l[0];
}

TEST_F(VerifyCommandTest, RescoreShowsOldAndNewSideBySide) {
  const auto a = record("a.sktrace");
  EXPECT_EQ(verify({a.string()}, (mDir / "q2-revised.toml").string()), kExitOk) << mErr.str();
  const auto l = lines();
  ASSERT_EQ(l.size(), 2u) << mOut.str();
  EXPECT_EQ(l[0],
            "re-scored under crane/q2 version 2.0 (" + (mDir / "q2-revised.toml").string() + ")");
  // 10 s, horn held in seconds 0, 3, 6 and 9: 4 points off before, 12 under the revision.
  EXPECT_EQ(l[1], "RESCORED " + a.string() +
                      ": t-a.sktrace  old 96/100 passed  new 88/100 passed  change -8");
}

TEST_F(VerifyCommandTest, MalformedKeyIsAUsageError) {
  VerifyCommandOptions o;
  o.traces = {"a.sktrace"};
  o.trustedKeys = {"abc"};
  std::ostringstream out;
  std::ostringstream err;
  EXPECT_EQ(runVerify(o, out, err, mBackend), kExitUsage);
  EXPECT_NE(err.str().find("expected 64 hex digits"), std::string::npos);
}

TEST_F(VerifyCommandTest, RegisteredOnTheCommandLine) {
  std::ostringstream out;
  std::ostringstream err;
  const int code = runCli({"verify", "--no-progress", "--scenarios", (mDir / "scenarios").string(),
                           (mDir / "none.sktrace").string()},
                          out, err);
  EXPECT_EQ(code, kExitFailure) << err.str();
  EXPECT_EQ(out.str(), "INVALID " + (mDir / "none.sktrace").string() + ": no such trace file\n");
  std::ostringstream usageOut;
  std::ostringstream usageErr;
  EXPECT_EQ(runCli({"verify"}, usageOut, usageErr), kExitUsage);
}

} // namespace
} // namespace skillsim::app
