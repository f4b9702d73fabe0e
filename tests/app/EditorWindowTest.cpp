// `skillsim edit` in a window under a display (Xvfb) with Vulkan (lavapipe) and the Khronos
// validation layer: a zone dragged in the top view, Try it runs a practice attempt of the unsaved
// text in the same window through the workstation's attempt loop, its results screen leads back
// to the editor with the edit intact (undo history, selection), and closing with unsaved changes
// asks first (issue 17 point 1).
#include "DrawnText.h"
#include "MissingPrerequisite.h"

#include <skillsim/app/Cli.h>
#include <skillsim/app/EditDesk.h>
#include <skillsim/platform/InputDevices.h>
#include <skillsim/platform/Window.h>
#include <skillsim/ui/I18n.h>
#include <skillsim/ui/ScenarioEditor.h>

#include <gtest/gtest.h>
#include <imgui.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

using namespace skillsim;
using test::findDrawn;

TEST(EditorWindow, TryItRunsAPracticeAttemptAndComesBackToTheSameEdit) {
  if (std::getenv("DISPLAY") == nullptr) {
    SKILLSIM_MISSING_PREREQUISITE() << "no display (scripts/test.sh starts Xvfb)";
  }
  const std::filesystem::path source = SKILLSIM_SOURCE_DIR;
  const auto dir = std::filesystem::path(SKILLSIM_TEST_OUTPUT_DIR) / "editor-window";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "scenarios" / "overhead_crane");
  std::filesystem::create_directories(dir / "assets" / "standards");
  std::filesystem::copy_file(source / "assets/standards/crane-practice-basic.toml",
                             dir / "assets/standards/crane-practice-basic.toml");
  ::setenv("XDG_DATA_HOME", (dir / "data").c_str(), 1);
  ::setenv("XDG_CONFIG_HOME", (dir / "config").c_str(), 1);
  // The single lift, stopped after 2 s (its time rule's T at 1 s), so Try it reaches its results.
  std::ifstream in(source / "scenarios/overhead_crane/practice_single_lift.toml");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  text.replace(text.find("time_limit_s = 300"), 18, "time_limit_s = 2");
  text.replace(text.find("limit_s = 120"), 13, "limit_s = 1");
  const auto file = dir / "scenarios/overhead_crane/practice_single_lift.toml";
  std::ofstream(file) << text;
  auto desk = app::EditDesk::open(file);
  ASSERT_TRUE(desk) << desk.error().toString();
  auto en = ui::I18n::load(source / "assets", ui::Language::English);
  ASSERT_TRUE(en);
  const ui::ScenarioEditorModel model = desk->model(*en);
  ASSERT_TRUE(model.valid) << (model.messages.empty() ? "" : model.messages[0].text);
  auto screenOf = [&](glm::dvec2 plan) {
    return ui::editorPlanToScreen(ui::editorPlanCanvas(1280.0f, 720.0f), model.areaMin,
                                  model.areaMax, plan);
  };
  const glm::vec2 from = screenOf({14.0, 6.0}); // the target circle's centre
  const glm::vec2 to = screenOf({16.0, 6.0});

  // One step a frame: each returns true when done.
  int wait = 0;
  std::vector<std::function<bool(platform::Window&)>> steps;
  auto clickWord = [&](const std::string& word) {
    steps.push_back([word, &wait](platform::Window& w) {
      if (auto at = findDrawn(word)) {
        platform::simulateMouseMove(w, at->x + 3.0, at->y + 3.0);
        return true;
      }
      return ++wait > 2000 ? (ADD_FAILURE() << word << " never drawn", true) : false;
    });
    steps.push_back(
        [](platform::Window& w) { return platform::simulateMouseButtonEvent(w, true), true; });
    steps.push_back(
        [](platform::Window& w) { return platform::simulateMouseButtonEvent(w, false), true; });
  };
  auto waitWord = [&](const std::string& word) {
    steps.push_back([word, &wait](platform::Window&) {
      return findDrawn(word).has_value() ||
             (++wait > 2000 ? (ADD_FAILURE() << word << " never drawn", true) : false);
    });
  };
  auto mouse = [&](glm::vec2 p, std::optional<bool> press) {
    steps.push_back([p, press](platform::Window& w) {
      platform::simulateMouseMove(w, p.x, p.y);
      if (press) {
        platform::simulateMouseButtonEvent(w, *press);
      }
      return true;
    });
  };
  clickWord("Zonetarget");
  mouse(from, std::nullopt);
  mouse(from, true);
  mouse(0.5f * (from + to), std::nullopt);
  mouse(to, std::nullopt);
  mouse(to, false);
  clickWord("Tryit");
  clickWord("Backtostart"); // the practice attempt's results screen
  waitWord("Tryit");        // back in the editor: its tool bar
  steps.push_back([](platform::Window& w) { return w.requestClose(), true; });
  clickWord("Closewithoutsaving");
  std::size_t next = 0;
  int frames = 0;
  app::RunObserver observer;
  observer.validation = true;
  observer.onFrame = [&](platform::Window& window) {
    ++frames;
    if (frames > 6000) {
      window.requestClose(); // a stuck test ends (and fails on its expectations)
      return;
    }
    if (next < steps.size() && steps[next](window)) {
      ++next;
      wait = 0;
    }
  };
  std::ostringstream out;
  std::ostringstream err;
  const int code = app::runCli({"edit", file.string(), "--lang", "en"}, out, err, observer);
  ASSERT_EQ(code, 0) << out.str() << err.str();
  EXPECT_EQ(next, steps.size()) << out.str() << err.str();
  EXPECT_NE(out.str().find("try it 1: practice attempt ended (0); back in the editor"),
            std::string::npos)
      << out.str() << err.str();
  EXPECT_NE(out.str().find("attempt not stored (--no-store)"), std::string::npos) << out.str();
  // The edit survived the attempt: still unsaved, still undoable, the zone still selected.
  EXPECT_NE(out.str().find("editor closed: unsaved changes, undo available, selected target, 0 "
                           "problems, tries 1"),
            std::string::npos)
      << out.str();
  std::ifstream after(file);
  EXPECT_EQ(std::string((std::istreambuf_iterator<char>(after)), std::istreambuf_iterator<char>()),
            text)
      << "closing without saving wrote the file";
  if (out.str().find("validation messages") == std::string::npos) {
    SKILLSIM_MISSING_PREREQUISITE() << "the Vulkan validation layer is not installed "
                                       "(vulkan-validationlayers)";
  }
  EXPECT_NE(out.str().find("editor closed; validation messages 0"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("workstation closed; validation messages 0"), std::string::npos)
      << out.str();
}
