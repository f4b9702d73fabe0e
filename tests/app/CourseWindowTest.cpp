// `skillsim course open` in a window under a display (Xvfb) with Vulkan (lavapipe) and the
// Khronos validation layer: the course map is drawn, a click on a learning task opens its work
// page, and the window closes cleanly (issue 18 point 2).
#include "DrawnText.h"
#include "MissingPrerequisite.h"

#include <skillsim/app/Cli.h>
#include <skillsim/platform/InputDevices.h>
#include <skillsim/platform/Window.h>

#include <gtest/gtest.h>
#include <imgui.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

using namespace skillsim;

using test::findDrawn;

TEST(CourseWindow, TheMapOpensALearningTaskOnAClickAndClosesCleanly) {
  if (std::getenv("DISPLAY") == nullptr) {
    SKILLSIM_MISSING_PREREQUISITE() << "no display (scripts/test.sh starts Xvfb)";
  }
  const std::string dir = std::string(SKILLSIM_TEST_OUTPUT_DIR) + "/course-window";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  int frames = 0;
  bool mapDrawn = false;
  bool workPageDrawn = false;
  std::optional<ImVec2> task;
  app::RunObserver observer;
  observer.validation = true;
  observer.onFrame = [&](platform::Window& window) {
    ++frames;
    if (!task) {
      if (auto at = findDrawn("Onelift")) {
        mapDrawn = true;
        task = ImVec2(at->x + 4.0f, at->y + 4.0f);
        platform::simulateMouseMove(window, task->x, task->y);
      }
    } else if (!workPageDrawn) {
      // The chosen task's work page: its score line and its first guiding question's points
      // (the rest of the page may lie below the window's bottom edge, where nothing is drawn).
      workPageDrawn = findDrawn("Workpagework").has_value() && findDrawn("(2points)").has_value();
      platform::simulateMouseButtonEvent(window, frames % 2 == 0); // press, release, …
    }
    if (workPageDrawn || frames > 120) {
      window.requestClose();
    }
  };
  std::ostringstream out;
  std::ostringstream err;
  const int code =
      app::runCli({"course", "open", "--course",
                   std::string(SKILLSIM_SOURCE_DIR) + "/courses/overhead_crane/q2_operator.toml",
                   "--trainee", "T-window", "--db", dir + "/results.sqlite", "--lang", "en"},
                  out, err, observer);
  ASSERT_EQ(code, 0) << out.str() << err.str();
  EXPECT_TRUE(mapDrawn) << "the course map's first task was never drawn";
  EXPECT_TRUE(workPageDrawn) << "a click on the task did not open its work page";
  if (out.str().find("validation messages") == std::string::npos) {
    SKILLSIM_MISSING_PREREQUISITE() << "the Vulkan validation layer is not installed "
                                       "(vulkan-validationlayers)";
  }
  EXPECT_NE(out.str().find("validation messages 0"), std::string::npos) << out.str();
}
