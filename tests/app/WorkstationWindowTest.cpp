// The windowed workstation under a display (Xvfb in CI) with Vulkan (lavapipe): the competent
// reference trace drives the crane in the window to the end of the exam, and the attempt is in
// the results store afterwards (issue 7, point 8).
#include "MissingPrerequisite.h"

#include <skillsim/app/Cli.h>
#include <skillsim/records/ResultsStore.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

using namespace skillsim;

TEST(WorkstationWindow, PlaysATraceToTheEndAndStoresTheAttempt) {
  if (std::getenv("DISPLAY") == nullptr) {
    SKILLSIM_MISSING_PREREQUISITE() << "no display (scripts/test.sh starts Xvfb)";
  }
  const std::string dir = std::string(SKILLSIM_TEST_OUTPUT_DIR) + "/workstation";
  std::filesystem::create_directories(dir);
  const std::string db = dir + "/results.sqlite";
  std::filesystem::remove(db);
  // The workstation's key and recorded traces go to the user's folders: keep them in the test's.
  ::setenv("XDG_DATA_HOME", (dir + "/data").c_str(), 1);
  ::setenv("XDG_CONFIG_HOME", (dir + "/config").c_str(), 1);
  const std::string scenarios = std::string(SKILLSIM_SOURCE_DIR) + "/scenarios/overhead_crane/";
  std::ostringstream out;
  std::ostringstream err;
  const int code = app::runCli({"run", scenarios + "q2_practical.toml", "--trainee", "T-window",
                                "--mode", "exam", "--lang", "en", "--input",
                                scenarios + "traces/q2-competent.sktrace", "--db", db},
                               out, err);
  ASSERT_EQ(code, 0) << out.str() << err.str();
  EXPECT_NE(out.str().find("PASS"), std::string::npos) << out.str();
  auto store = records::ResultsStore::open(db);
  ASSERT_TRUE(store) << store.error().toString();
  auto rows = (*store)->attempts();
  ASSERT_TRUE(rows) << rows.error().toString();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].traineeId, "T-window");
  EXPECT_EQ((*rows)[0].scenario.id, "overhead_crane.q2_practical");
  EXPECT_TRUE((*rows)[0].result.passed);
  EXPECT_TRUE((*rows)[0].signatureValid);
}
