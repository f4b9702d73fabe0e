// `skillsim classroom` in a window under a display (Xvfb) with Vulkan (lavapipe) against the
// PostgreSQL server of SKILLSIM_TEST_PG_URL (issue 19, point 2): two published seats, one of them
// stopped and read offline; the --script seam presses the pause and message buttons of the
// online one, each reaching seat_commands as one row; the offscreen picture of the grid (with
// the validation layer: no messages) shows the online seat's load dot in orange and the offline
// seat's in grey (where the dot goes is ClassroomCommandTest's, from the cells' mapU / mapV).

#include "ClassroomTestSupport.h"

#include <skillsim/app/Cli.h>
#include <skillsim/render/RgbaImage.h>
#include <skillsim/ui/ClassroomGrid.h>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <sstream>
#include <thread>

using namespace skillsim;

namespace {

const std::string kSource = SKILLSIM_SOURCE_DIR;

/** Pixels of exactly this colour. */
std::size_t pixelsOf(const render::RgbaImage& image, int r, int g, int b) {
  std::size_t n = 0;
  for (std::size_t at = 0; at + 3 < image.pixels.size(); at += 4) {
    n += (image.pixels[at] == r && image.pixels[at + 1] == g && image.pixels[at + 2] == b) ? 1 : 0;
  }
  return n;
}

} // namespace

using ClassroomWindow = test::ClassroomPgTest;

TEST_F(ClassroomWindow, TheScriptedButtonsSendCommandsAndTheGridShowsBothMinimaps) {
  if (std::getenv("DISPLAY") == nullptr) {
    SKILLSIM_MISSING_PREREQUISITE() << "no display (scripts/test.sh starts Xvfb)";
  }
  {
    auto gone = records::LiveSeatPublisher::start(mLocation);
    ASSERT_TRUE(gone);
    (*gone)->offer(test::classroomSeat("bay-09", 5.0));
    ASSERT_TRUE((*gone)->flush(10.0));
  }
  // bay-09 stopped: wait until it reads offline (3 s after its publish; 10 s at most).
  for (int i = 0; i < 40; ++i) {
    auto rows = records::readLiveSeats(mLocation);
    ASSERT_TRUE(rows) << rows.error().toString();
    if (!rows->empty() && !(*rows)[0].online) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  auto live = records::LiveSeatPublisher::start(mLocation);
  ASSERT_TRUE(live);
  (*live)->offer(test::classroomSeat("bay-01", 75.25));
  ASSERT_TRUE((*live)->flush(10.0));
  // bay-01's workstation keeps publishing while the window runs (it starts in seconds on lavapipe).
  std::atomic<bool> windowOpen{true};
  std::thread workstation([&] {
    while (windowOpen.load()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
      (*live)->offer(test::classroomSeat("bay-01", 75.25));
    }
  });

  const std::string dir = std::string(SKILLSIM_TEST_OUTPUT_DIR) + "/classroom-window";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string shot = dir + "/classroom.png";
  std::ostringstream out, err;
  const int code = app::runCli({"classroom", "--db", mLocation, "--lang", "zh-CN", "--scenarios",
                                kSource + "/scenarios", "--script",
                                "frames 3; pause bay-01; frames 3; message bay-01 请减速 注意摆动; "
                                "frames 3; quit",
                                "--screenshot", shot},
                               out, err);
  windowOpen = false;
  workstation.join();
  ASSERT_EQ(code, 0) << out.str() << err.str();
  EXPECT_NE(out.str().find("classroom: sent pause to bay-01"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("classroom: sent message to bay-01"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("bay-01 [在线]"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("bay-09 [离线]"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("validation messages 0"), std::string::npos) << out.str();
  const auto rows = commandRows();
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_NE(rows[0].find("|bay-01|pause||pending"), std::string::npos) << rows[0];
  EXPECT_NE(rows[1].find("|bay-01|message|请减速 注意摆动|pending"), std::string::npos) << rows[1];

  auto image = render::readPng(shot);
  ASSERT_TRUE(image) << image.error().toString();
  ASSERT_EQ(image->width, 1280U);
  // A filled dot of radius 6 px has about 113 px; its inner pixels are exactly the dot's colour.
  EXPECT_GT(pixelsOf(*image, 255, 150, 20), 40U) << "the online seat's load dot";
  EXPECT_GT(pixelsOf(*image, 110, 110, 110), 40U) << "the offline seat's grey dot";
}
