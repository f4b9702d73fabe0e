#include "ImGuiHarness.h"
#include <skillsim/sim/machines/forklift/ForkliftSpec.h>
#include <skillsim/sim/machines/overhead_crane/OverheadCraneSpec.h>

#include <skillsim/core/Check.h>
#include <skillsim/ui/Hud.h>

#include <gtest/gtest.h>
#include <imgui_internal.h>

#include <string>
#include <tuple>
#include <vector>

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
  for (auto [label, notch] :
       {std::pair{"Bridge", 3}, std::pair{"Trolley", 0}, std::pair{"Hoist", -2}}) {
    HudControl c;
    c.label = label;
    c.kind = core::ControlKind::Notched;
    c.notch = {notch, 5};
    m.controls.push_back(c);
  }
  m.readouts = {{"Load height", 2.454, sim::Unit::Metre, 2},
                {"Swing", 0.05, sim::Unit::Radian, 1},
                {"On hook", 1.0, sim::Unit::Flag, 0},
                {"Overload", 0.0, sim::Unit::Flag, 0}};
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

float deductionsPanelHeight() {
  const ImGuiWindow* w = ImGui::FindWindowByName("##hud_deductions");
  return w == nullptr ? -1.0f : w->Size.y;
}

// Default ImGui style and font (13 px lines, 4 px item spacing, 8 px window padding): the panel is
// 8 + title 13 + 4 + separator 1 + 4 + one 13 + 4 px line per entry + 8 high.
TEST(Hud, DeductionsPanelIsSizedToItsEntries) {
  ImGuiHarness h;
  HudModel m = sampleModel(AttemptMode::Exam);
  m.deductions.clear();
  h.frame([&] { return drawHud(m, english()); });
  EXPECT_FLOAT_EQ(deductionsPanelHeight(), 55.0f); // "No deductions"
  m = sampleModel(AttemptMode::Exam);              // two one-line deductions
  h.frame([&] { return drawHud(m, english()); });
  EXPECT_FLOAT_EQ(deductionsPanelHeight(), 72.0f);
  m.deductions.push_back({50.0, 1.0, std::string(200, 'x')}); // wraps to more lines
  h.frame([&] { return drawHud(m, english()); });
  EXPECT_GT(deductionsPanelHeight(), 72.0f + 2.0f * 17.0f);
  for (int i = 0; i < 40; ++i) {
    m.deductions.push_back({60.0 + i, 1.0, "touched pile_2"});
  }
  h.frame([&] { return drawHud(m, english()); });
  EXPECT_FLOAT_EQ(deductionsPanelHeight(), hudLayout(1280, 720).deductions.height); // the max
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
  EXPECT_NE(readout.find("Swing2.9"), std::string::npos) << readout; // 0.05 rad in degrees
  EXPECT_NE(readout.find("Onhook"), std::string::npos) << readout;   // a flag that is on …
  EXPECT_EQ(readout.find("Overload"), std::string::npos) << readout; // … and one that is off
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

TEST(HudModel, ReadoutsComeFromTheMachinesDeclarationsAndMetrics) {
  const sim::MachineDecl crane = sim::overheadCraneType()->describe(sim::OverheadCraneSpec{});
  sim::Metrics metrics;
  metrics.add("load_height", 2.5);
  metrics.add("load_swing_angle", 0.03);
  metrics.add("load_attached", 1.0);
  HudModel m;
  fillReadouts(m, crane, metrics, Language::English);
  ASSERT_EQ(m.readouts.size(), 3u);
  EXPECT_EQ(m.readouts[0].label, "load height");
  EXPECT_EQ(m.readouts[0].value, 2.5);
  EXPECT_EQ(m.readouts[0].unit, sim::Unit::Metre);
  EXPECT_EQ(m.readouts[1].label, "load swing");
  EXPECT_EQ(m.readouts[1].unit, sim::Unit::Radian);
  EXPECT_EQ(m.readouts[2].unit, sim::Unit::Flag);
  fillReadouts(m, crane, metrics, Language::ChineseSimplified);
  EXPECT_EQ(m.readouts[1].label, "载荷摆角");
  sim::Metrics none;
  fillReadouts(m, crane, none, Language::English);
  EXPECT_TRUE(m.readouts.empty()) << "a readout whose metric the simulation lacks is left out";
}

// A readout the machine marks as a training aid (the forklift's distance from the fork tips to
// the rack): shown only where the scenario allows `machine_aids` for the mode, and only while its
// validWhen flag (at_rack) is 1.
TEST(HudModel, ATrainingAidReadoutShowsOnlyWhereAllowedAndWhileItMeansSomething) {
  const sim::MachineDecl truck = sim::forkliftType()->describe(sim::ForkliftSpec{});
  sim::Metrics metrics;
  for (const char* name :
       {"travel_speed", "direction", "fork_height", "tilt_angle", "load_on_forks", "laden"}) {
    metrics.add(name, 0.0);
  }
  const std::size_t atRack = metrics.add("at_rack", 1.0);
  metrics.add("rack_distance", 0.35);
  HudModel m;
  fillReadouts(m, truck, metrics, Language::English); // exam, or no machine_aids
  EXPECT_EQ(m.readouts.size(), 5u);
  for (const auto& r : m.readouts) {
    EXPECT_NE(r.label, "fork tips to the rack beam");
  }
  fillReadouts(m, truck, metrics, Language::English, true);
  ASSERT_EQ(m.readouts.size(), 6u);
  EXPECT_EQ(m.readouts[5].label, "fork tips to the rack beam");
  EXPECT_DOUBLE_EQ(m.readouts[5].value, 0.35);
  EXPECT_EQ(m.readouts[5].unit, sim::Unit::Metre);
  fillReadouts(m, truck, metrics, Language::ChineseSimplified, true);
  EXPECT_EQ(m.readouts[5].label, "叉尖距货架横梁");
  metrics.set(atRack, 0.0); // the forks face no rack
  fillReadouts(m, truck, metrics, Language::English, true);
  EXPECT_EQ(m.readouts.size(), 5u);
}

TEST(HudModel, ControlsComeFromTheDeclarationsAndTheActions) {
  sim::OverheadCraneSpec spec;
  spec.hoist.notches = 4;
  const sim::MachineDecl crane = sim::overheadCraneType()->describe(spec);
  core::ActionState a;
  a.setAxis(sim::crane_controls::kBridgeTravel, 0.6f); // notch 3 of 5
  a.setAxis(sim::crane_controls::kHoist, -0.5f);       // notch -2 of 4
  a.setButton(sim::crane_controls::kHorn, true);
  HudModel m;
  fillControls(m, crane.controls, a, Language::English);
  ASSERT_EQ(m.controls.size(), 7u);
  EXPECT_EQ(m.controls[0].label, "bridge travel");
  EXPECT_EQ(m.controls[0].notch.notch, 3);
  EXPECT_EQ(m.controls[0].notch.notchCount, 5);
  EXPECT_EQ(m.controls[2].notch.notch, -2);
  EXPECT_EQ(m.controls[2].notch.notchCount, 4);
  EXPECT_EQ(m.controls[3].kind, core::ControlKind::Button);
  EXPECT_TRUE(m.controls[3].held);
  EXPECT_FALSE(m.controls[4].held);
  fillControls(m, crane.controls, a, Language::ChineseSimplified);
  EXPECT_EQ(m.controls[1].label, "小车运行");
}

// The forklift's direction lever reads in words (ReadoutDecl::words), not as -1 / 0 / 1: the
// model carries the word of the UI language and the HUD draws it after the label.
TEST(HudModel, TheDirectionLeverReadsInWordsInBothLanguages) {
  const sim::MachineDecl truck = sim::forkliftType()->describe(sim::ForkliftSpec{});
  sim::Metrics metrics;
  for (const char* name : {"travel_speed", "fork_height", "tilt_angle", "load_on_forks", "laden"}) {
    metrics.add(name, 0.0);
  }
  const std::size_t direction = metrics.add("direction", 1.0);
  const auto wordOf = [&](Language language) {
    HudModel m;
    fillReadouts(m, truck, metrics, language);
    for (const auto& r : m.readouts) {
      if (r.label == "direction" || r.label == "行驶方向") {
        return r.word;
      }
    }
    return std::string("(no direction readout)");
  };
  const std::vector<std::tuple<double, std::string, std::string>> words = {
      {1.0, "forward", "前进"}, {0.0, "neutral", "空挡"}, {-1.0, "reverse", "后退"}};
  for (const auto& [value, en, zh] : words) {
    metrics.set(direction, value);
    EXPECT_EQ(wordOf(Language::English), en) << value;
    EXPECT_EQ(wordOf(Language::ChineseSimplified), zh) << value;
  }
  metrics.set(direction, 0.5); // no word declared for it: the number
  EXPECT_EQ(wordOf(Language::English), "");

  metrics.set(direction, -1.0);
  HudModel m = sampleModel(AttemptMode::Practice);
  fillReadouts(m, truck, metrics, Language::English);
  ImGuiHarness h;
  h.frame([&] { return drawHud(m, english()); });
  h.frame([&] { return drawHud(m, english()); });
  const std::string readout = h.textIn(hudLayout(1280, 720).readout);
  EXPECT_NE(readout.find("directionreverse"), std::string::npos) << readout;
  EXPECT_EQ(readout.find("direction-1"), std::string::npos) << readout;
  EXPECT_NE(readout.find("forkheight0.00m"), std::string::npos) << readout; // numbers stay
}
