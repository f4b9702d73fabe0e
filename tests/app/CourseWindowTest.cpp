// `skillsim course open` in a window under a display (Xvfb) with Vulkan (lavapipe) and the
// Khronos validation layer: the course map is drawn, a click on a learning task opens its work
// page, and the window closes cleanly (issue 18 point 2).
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

namespace {

struct Glyph {
  unsigned int codepoint;
  float x;
  float y;
};

/** The characters of the last ImGui frame, decoded from the live font's atlas UVs. */
std::vector<Glyph> drawnGlyphs() {
  std::map<std::pair<float, float>, std::pair<unsigned int, std::pair<float, float>>> byUv;
  for (const ImFontGlyph& g : ImGui::GetIO().Fonts->Fonts[0]->Glyphs) {
    if (g.Visible) {
      byUv[{g.U0, g.V0}] = {g.Codepoint, {g.U1, g.V1}};
    }
  }
  std::vector<Glyph> out;
  const ImDrawData* data = ImGui::GetDrawData();
  if (data == nullptr) {
    return out;
  }
  for (int l = 0; l < data->CmdListsCount; ++l) {
    const auto& vtx = data->CmdLists[l]->VtxBuffer;
    for (int i = 0; i + 2 < vtx.Size; ++i) {
      auto it = byUv.find({vtx[i].uv.x, vtx[i].uv.y});
      if (it != byUv.end() && vtx[i + 2].uv.x == it->second.second.first &&
          vtx[i + 2].uv.y == it->second.second.second) {
        out.push_back({it->second.first, vtx[i].pos.x, vtx[i].pos.y});
        i += 3;
      }
    }
  }
  return out;
}

/** Where `word` (no spaces, ASCII) was drawn in the last frame. */
std::optional<ImVec2> findDrawn(const std::string& word) {
  const std::vector<Glyph> glyphs = drawnGlyphs();
  std::string all;
  for (const Glyph& g : glyphs) {
    all += static_cast<char>(g.codepoint < 128 ? g.codepoint : '?');
  }
  const auto at = all.find(word);
  if (at == std::string::npos) {
    return std::nullopt;
  }
  return ImVec2(glyphs[at].x, glyphs[at].y);
}

} // namespace

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
