// `skillsim run --headless`: replaying a committed trace, and each way a user can get it wrong.
#include <skillsim/app/Cli.h>

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

Result run(std::vector<std::string> args) {
  std::ostringstream out;
  std::ostringstream err;
  const int code = app::runCli(args, out, err);
  return {code, out.str(), err.str()};
}

const std::string kCrane = std::string(SKILLSIM_SOURCE_DIR) + "/scenarios/overhead_crane/";

} // namespace

TEST(RunCommand, HeadlessReplayPrintsTheScoreAndWritesTheReport) {
  const std::string dir = std::string(SKILLSIM_TEST_OUTPUT_DIR) + "/run-command";
  std::filesystem::create_directories(dir);
  const std::string report = dir + "/report.json";
  std::filesystem::remove(report);
  const Result r = run({"run", kCrane + "q2_practical.toml", "--headless", "--input",
                        kCrane + "traces/q2-competent.sktrace", "--report", report, "--no-store"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("pass mark 70: PASS"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("placement_b"), std::string::npos) << r.out;
  EXPECT_EQ(r.err.find("differs"), std::string::npos) << r.err;
  std::ifstream in(report);
  std::stringstream json;
  json << in.rdbuf();
  EXPECT_NE(json.str().find("\"overhead_crane.q2_practical\""), std::string::npos) << json.str();
  EXPECT_NE(json.str().find("scripted-competent"), std::string::npos);
}

TEST(RunCommand, HeadlessNeedsATrace) {
  const Result r = run({"run", kCrane + "q2_practical.toml", "--headless"});
  EXPECT_EQ(r.code, app::kExitUsage);
  EXPECT_NE(r.err.find("--headless needs --input TRACE"), std::string::npos) << r.err;
}

TEST(RunCommand, TraceOfAnotherScenarioIsRefused) {
  const Result r = run({"run", kCrane + "practice_single_lift.toml", "--headless", "--input",
                        kCrane + "traces/q2-competent.sktrace", "--no-store"});
  EXPECT_EQ(r.code, app::kExitFailure);
  EXPECT_NE(r.err.find("recorded on scenario 'overhead_crane.q2_practical' with hash"),
            std::string::npos)
      << r.err;
}

TEST(RunCommand, MissingTraceIsNamed) {
  const Result r = run({"run", kCrane + "q2_practical.toml", "--headless", "--input",
                        "/nonexistent/a.sktrace", "--no-store"});
  EXPECT_EQ(r.code, app::kExitFailure);
  EXPECT_NE(r.err.find("/nonexistent/a.sktrace"), std::string::npos) << r.err;
}

TEST(RunCommand, UnknownLanguageIsAUsageError) {
  const Result r = run({"run", kCrane + "q2_practical.toml", "--headless", "--input",
                        kCrane + "traces/q2-competent.sktrace", "--lang", "fr", "--no-store"});
  EXPECT_EQ(r.code, app::kExitUsage);
  EXPECT_NE(r.err.find("unknown language 'fr'"), std::string::npos) << r.err;
}
