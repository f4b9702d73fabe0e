#include "ImGuiHarness.h"

#include <skillsim/core/Check.h>
#include <skillsim/ui/Hud.h>

#include <gtest/gtest.h>

using namespace skillsim;
using namespace skillsim::ui;
using skillsim::ui::test::ImGuiHarness;

namespace {

const I18n& english() {
  static const I18n table =
      *I18n::load(std::filesystem::path(SKILLSIM_SOURCE_DIR) / "assets", Language::English);
  return table;
}

HudModel sampleModel(AttemptMode mode) {
  HudModel m;
  m.mode = mode;
  m.scenarioTitle = "Q2";
  m.elapsed = 83.47;
  m.targetTime = 240.0;
  m.score = 87.0;
  m.maxScore = 100.0;
  m.steps = {{"Sound the horn", true}, {"Lift the bucket from circle A", false}};
  m.currentStep = 1;
  m.hint = "Raise the bucket between 2 and 4 metres";
  m.deductions = {{12.5, 5.0, "touched pile_2"}, {40.0, 2.5, "rehoisted while setting down"}};
  m.bridge = {3, 5};
  m.trolley = {0, 5};
  m.hoist = {-2, 5};
  m.loadHeight = 2.454;
  m.swingAngle = 0.05;
  m.cameraName = "operator_cab";
  return m;
}

/** Hover, press, release at `at`: returns the release frame's HudActions. */
HudActions clickAt(ImGuiHarness& h, ImVec2 at, const HudModel& m) {
  auto draw = [&] { return drawHud(m, english()); };
  h.mouse(at.x + 3.0f, at.y + 3.0f, false);
  h.frame(draw);
  h.mouse(at.x + 3.0f, at.y + 3.0f, true);
  h.frame(draw);
  h.mouse(at.x + 3.0f, at.y + 3.0f, false);
  return h.frame(draw);
}

} // namespace

TEST(Hud, TimerRegionShowsTimeTargetAndScore) {
  ImGuiHarness h;
  const HudModel m = sampleModel(AttemptMode::Exam);
  h.frame([&] { return drawHud(m, english()); });
  h.frame([&] { return drawHud(m, english()); });
  const std::string timer = h.textIn(hudLayout(1280, 720).timer);
  EXPECT_NE(timer.find("Time01:23.4"), std::string::npos) << timer;
  EXPECT_NE(timer.find("Targettime04:00.0"), std::string::npos) << timer;
  EXPECT_NE(timer.find("Score87/100"), std::string::npos) << timer;
  EXPECT_NE(timer.find("Exam"), std::string::npos) << timer;
  // The time is not drawn anywhere else.
  EXPECT_EQ(h.allText().find("01:23.4"), h.allText().rfind("01:23.4"));
}

TEST(Hud, DeductionsRegionListsEachDeductionWithTimeAndReason) {
  ImGuiHarness h;
  const HudModel m = sampleModel(AttemptMode::Exam);
  h.frame([&] { return drawHud(m, english()); });
  h.frame([&] { return drawHud(m, english()); });
  const std::string panel = h.textIn(hudLayout(1280, 720).deductions);
  EXPECT_NE(panel.find("00:12.5-5pts"), std::string::npos) << panel;
  EXPECT_NE(panel.find("touchedpile_2"), std::string::npos) << panel;
  EXPECT_NE(panel.find("00:40.0-2.5pts"), std::string::npos) << panel;
  EXPECT_NE(panel.find("rehoistedwhilesettingdown"), std::string::npos) << panel;
  EXPECT_LT(panel.find("touchedpile_2"), panel.find("rehoisted")); // time order kept
  EXPECT_EQ(panel.find("Nodeductions"), std::string::npos);
}

TEST(Hud, EmptyDeductionsSaySoAndVetoesShow) {
  ImGuiHarness h;
  HudModel m = sampleModel(AttemptMode::Exam);
  m.deductions.clear();
  h.frame([&] { return drawHud(m, english()); });
  EXPECT_NE(h.textIn(hudLayout(1280, 720).deductions).find("Nodeductions"), std::string::npos);
  m.vetoes = {"load dropped from 3.1 m"};
  h.frame([&] { return drawHud(m, english()); });
  const std::string panel = h.textIn(hudLayout(1280, 720).deductions);
  EXPECT_NE(panel.find("AUTOMATICFAIL:loaddroppedfrom3.1m"), std::string::npos) << panel;
  EXPECT_EQ(panel.find("Nodeductions"), std::string::npos);
}

TEST(Hud, PracticeShowsStepsHintPauseAndRestart) {
  ImGuiHarness h;
  const HudModel m = sampleModel(AttemptMode::Practice);
  h.frame([&] { return drawHud(m, english()); });
  h.frame([&] { return drawHud(m, english()); });
  const HudLayout l = hudLayout(1280, 720);
  const std::string task = h.textIn(l.task);
  EXPECT_NE(task.find("Soundthehorn"), std::string::npos) << task;
  EXPECT_NE(task.find(">2.LiftthebucketfromcircleA"), std::string::npos) << task;
  EXPECT_NE(task.find("Hint:Raisethebucketbetween2and4metres"), std::string::npos) << task;
  const std::string session = h.textIn(l.session);
  EXPECT_NE(session.find("Pause"), std::string::npos) << session;
  EXPECT_NE(session.find("Restart"), std::string::npos) << session;
}

TEST(Hud, ExamHidesStepsHintsPauseAndRestart) {
  ImGuiHarness h;
  const HudModel m = sampleModel(AttemptMode::Exam);
  h.frame([&] { return drawHud(m, english()); });
  h.frame([&] { return drawHud(m, english()); });
  const std::string all = h.allText();
  EXPECT_EQ(all.find("Raisethebucket"), std::string::npos) << all;
  EXPECT_EQ(all.find("Hint"), std::string::npos);
  EXPECT_EQ(all.find("Soundthehorn"), std::string::npos);
  EXPECT_EQ(all.find("Pause"), std::string::npos);
  EXPECT_EQ(all.find("Restart"), std::string::npos);
  // Nothing at all is drawn where the practice panels would be.
  EXPECT_EQ(h.shapeVerticesIn(hudLayout(1280, 720).session), 0);
}

TEST(Hud, ReadoutShowsNotchesHeightSwingAndView) {
  ImGuiHarness h;
  const HudModel m = sampleModel(AttemptMode::Exam);
  h.frame([&] { return drawHud(m, english()); });
  h.frame([&] { return drawHud(m, english()); });
  const std::string readout = h.textIn(hudLayout(1280, 720).readout);
  EXPECT_NE(readout.find("Bridge+3"), std::string::npos) << readout;
  EXPECT_NE(readout.find("Trolley+0"), std::string::npos) << readout;
  EXPECT_NE(readout.find("Hoist-2"), std::string::npos) << readout;
  EXPECT_NE(readout.find("Loadheight2.45m"), std::string::npos) << readout;
  EXPECT_NE(readout.find("Swing2.9deg"), std::string::npos) << readout; // 0.05 rad
  EXPECT_NE(readout.find("View:operator_cab"), std::string::npos) << readout;
}

TEST(Hud, OvertimeIsFlaggedOnlyPastTheTargetTime) {
  ImGuiHarness h;
  HudModel m = sampleModel(AttemptMode::Exam);
  h.frame([&] { return drawHud(m, english()); });
  EXPECT_EQ(h.allText().find("overtargettime"), std::string::npos);
  m.elapsed = 241.0;
  h.frame([&] { return drawHud(m, english()); });
  EXPECT_NE(h.textIn(hudLayout(1280, 720).timer).find("overtargettime"), std::string::npos);
}

TEST(Hud, PauseRestartAndResumeButtonsReportClicks) {
  ImGuiHarness h;
  HudModel m = sampleModel(AttemptMode::Practice);
  h.frame([&] { return drawHud(m, english()); });
  auto pauseAt = h.find("Pause");
  ASSERT_TRUE(pauseAt);
  HudActions a = clickAt(h, *pauseAt, m);
  EXPECT_TRUE(a.pause);
  EXPECT_FALSE(a.restart);
  auto restartAt = h.find("Restart");
  ASSERT_TRUE(restartAt);
  a = clickAt(h, *restartAt, m);
  EXPECT_TRUE(a.restart);
  EXPECT_FALSE(a.pause);
  m.paused = true;
  h.frame([&] { return drawHud(m, english()); });
  EXPECT_NE(h.allText().find("PAUSED"), std::string::npos);
  auto resumeAt = h.find("Resume");
  ASSERT_TRUE(resumeAt);
  a = clickAt(h, *resumeAt, m);
  EXPECT_TRUE(a.resume);
}

TEST(Hud, NoClickNoAction) {
  ImGuiHarness h;
  const HudModel m = sampleModel(AttemptMode::Practice);
  HudActions a = h.frame([&] { return drawHud(m, english()); });
  EXPECT_FALSE(a.pause || a.resume || a.restart || a.nextCamera);
}

TEST(Hud, LayoutKeepsPanelsApartAndOnScreen) {
  for (auto [w, h] : {std::pair{1280.0f, 720.0f}, std::pair{1920.0f, 1080.0f}}) {
    const HudLayout l = hudLayout(w, h);
    for (const ScreenRect& r : {l.timer, l.deductions, l.task, l.readout, l.session}) {
      EXPECT_GE(r.x, 0.0f);
      EXPECT_GE(r.y, 0.0f);
      EXPECT_LE(r.x + r.width, w);
      EXPECT_LE(r.y + r.height, h);
    }
    EXPECT_LT(l.task.x + l.task.width, l.timer.x);
    EXPECT_LT(l.timer.x + l.timer.width, l.deductions.x);
  }
}

TEST(Hud, ChineseTableStillDrawsTheClock) {
  ImGuiHarness h;
  auto zh = I18n::load(std::filesystem::path(SKILLSIM_SOURCE_DIR) / "assets",
                       Language::ChineseSimplified);
  ASSERT_TRUE(zh);
  const HudModel m = sampleModel(AttemptMode::Exam);
  h.frame([&] { return drawHud(m, *zh); });
  // Without a CJK font the labels fall back to '?', but the figures are there.
  EXPECT_NE(h.textIn(hudLayout(1280, 720).timer).find("01:23.4"), std::string::npos);
}

TEST(Hud, NeedsAnImGuiContext) {
  EXPECT_THROW(drawHud(sampleModel(AttemptMode::Exam), english()), core::ContractViolation);
}

TEST(HudModel, CraneReadoutsComeFromTheMetrics) {
  sim::Metrics metrics;
  metrics.add("load_height", 2.5);
  metrics.add("load_swing_angle", 0.03);
  metrics.add("load_attached", 1.0);
  HudModel m;
  fillCraneReadouts(m, metrics);
  EXPECT_EQ(m.loadHeight, 2.5);
  EXPECT_EQ(m.swingAngle, 0.03);
  EXPECT_TRUE(m.loadOnHook);
  sim::Metrics none;
  m.loadHeight = 7.0;
  fillCraneReadouts(m, none);
  EXPECT_EQ(m.loadHeight, 7.0);
}
