#include <skillsim/app/Cli.h>
#include <skillsim/core/Version.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

using skillsim::app::runCli;

namespace {
struct CliRun {
  int code;
  std::string out;
  std::string err;
};
CliRun run(std::vector<std::string> args) {
  std::ostringstream out;
  std::ostringstream err;
  int code = runCli(args, out, err);
  return {code, out.str(), err.str()};
}
} // namespace

TEST(Cli, VersionPrintsEngineVersionAndBuild) {
  CliRun r = run({"--version"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out.rfind("skillsim " + std::string(skillsim::core::engineVersion()) + "\n", 0), 0u)
      << r.out;
  EXPECT_NE(r.out.find("build "), std::string::npos);
  EXPECT_NE(r.out.find("bullet 3."), std::string::npos);
  EXPECT_TRUE(r.err.empty()) << r.err;
}

TEST(Cli, HelpExitsZeroAndListsOptions) {
  CliRun r = run({"--help"});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("--version"), std::string::npos) << r.out;
}

TEST(Cli, NoArgumentsPrintsUsage) {
  CliRun r = run({});
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("usage: skillsim"), std::string::npos) << r.out;
}

TEST(Cli, UnknownFlagIsUsageErrorOnStderr) {
  CliRun r = run({"--frobnicate"});
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_NE(r.err.find("--frobnicate"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("usage: skillsim"), std::string::npos) << r.err;
}

TEST(Cli, BadOptionValueIsUsageError) {
  CliRun r = run({"--log-level", "loud"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("loud"), std::string::npos) << r.err;
}

// `operate` knows no machine: the profiles come from the scenario machine's operators.
TEST(Cli, OperateWithAnUnknownProfileListsTheMachinesOperators) {
  std::ostringstream out;
  std::ostringstream err;
  const int code = runCli(
      {"operate",
       std::string(SKILLSIM_SOURCE_DIR) + "/scenarios/overhead_crane/practice_single_lift.toml",
       "--profile", "reckless", "--out", "unused.sktrace"},
      out, err);
  EXPECT_EQ(code, skillsim::app::kExitUsage);
  EXPECT_NE(err.str().find("--profile is one of competent careless"), std::string::npos)
      << err.str();
}

// Found by a new user: `--trainee ""` was stored as an empty id (an xAPI actor named ""), and a
// negative --start-utc as 1969; both are refused before anything runs or is written.
TEST(Cli, OperateRefusesAnEmptyTraineeAndAStartBefore1970) {
  const std::string scenario =
      std::string(SKILLSIM_SOURCE_DIR) + "/scenarios/overhead_crane/q2_practical.toml";
  const std::string out = std::string(SKILLSIM_TEST_OUTPUT_DIR) + "/cli-operate-refused.sktrace";
  std::filesystem::remove(out);
  for (const std::vector<std::string>& extra :
       {std::vector<std::string>{"--trainee", ""}, std::vector<std::string>{"--trainee", "  "},
        std::vector<std::string>{"--start-utc", "-5"}}) {
    std::vector<std::string> args = {"operate", scenario, "--profile", "competent", "--out", out};
    args.insert(args.end(), extra.begin(), extra.end());
    std::ostringstream o;
    std::ostringstream e;
    EXPECT_EQ(runCli(args, o, e), skillsim::app::kExitUsage) << e.str();
    EXPECT_NE(e.str().find(extra[0] == "--trainee" ? "--trainee is empty" : "--start-utc -5: "),
              std::string::npos)
        << e.str();
    EXPECT_FALSE(std::filesystem::exists(out));
  }
}
