// Issue 14 point 4: a zh-CN attempt's HUD (with the guidance, the training aids' readouts and a
// toast) and its results screen draw no English. Every glyph ImGui drew is decoded back
// (ImGuiHarness); without a CJK font the Chinese characters come out as the fallback glyph, so the
// ASCII letters that remain are exactly the Latin text on the screen. The only letters allowed are
// what the course itself is painted with (the circles A, B, C) and the rule's T ("1.5 T").
#include "ImGuiHarness.h"

#include <skillsim/sim/machines/overhead_crane/OverheadCraneSpec.h>
#include <skillsim/ui/DeductionText.h>
#include <skillsim/ui/Hud.h>
#include <skillsim/ui/HudGuide.h>
#include <skillsim/ui/ResultsScreen.h>
#include <skillsim/ui/TrainingAids.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

using namespace skillsim;
using namespace skillsim::ui;
using skillsim::ui::test::ImGuiHarness;

namespace {

const I18n& chinese() {
  static const I18n t = *I18n::load(std::filesystem::path(SKILLSIM_SOURCE_DIR) / "assets",
                                    Language::ChineseSimplified);
  return t;
}

/** The runs of ASCII letters among the glyphs drawn, in drawing order. */
std::vector<std::string> latinWords(const ImGuiHarness& h) {
  std::vector<std::string> words;
  std::string word;
  for (const auto& g : h.glyphs()) {
    const unsigned c = g.codepoint;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      word.push_back(static_cast<char>(c));
    } else if (!word.empty()) {
      words.push_back(word);
      word.clear();
    }
  }
  if (!word.empty()) {
    words.push_back(word);
  }
  return words;
}

const std::set<std::string> kAllowed = {"A", "B", "C", "T"};

messages::MessageContext craneContext(const sim::MachineDecl& crane) {
  messages::MessageContext c;
  c.machine = &crane;
  c.names = {{"bucket", {"水桶", "the bucket"}},
             {"pile_2", {"2 号桩", "pile 2"}},
             {"setdown_b", {"B 圈落放", "setting down in B"}},
             {"task_frames", {"过高低架任务", "the frames task"}}};
  return c;
}

assessment::AttemptResult carelessResult() {
  using assessment::FindingKind;
  using assessment::LimitSide;
  assessment::AttemptResult r;
  r.scenarioId = "crane.q2_practical";
  r.standardId = "q2";
  r.items = {{"curve", "2", assessment::Category::Quality, 50.0, 40.0},
             {"frames", "3", assessment::Category::Procedure, 30.0, 22.3}};
  r.deductions = {
      {"curve",
       "pile_contact",
       5.0,
       2400,
       10.0,
       {},
       0.0,
       {.kind = FindingKind::Contact, .subject = "bucket", .other = "pile_2", .occurrence = 1}},
      {"curve",
       "swing",
       0.82,
       7200,
       30.0,
       {},
       0.054,
       {.kind = FindingKind::MetricBand,
        .metric = "load_swing_angle",
        .unit = "rad",
        .value = 0.054,
        .side = LimitSide::Above,
        .limit = 0.0524,
        .duration = 0.41,
        .phase = "setdown_b"}},
      {"frames",
       "time",
       7.71,
       60000,
       250.0,
       {},
       207.8,
       {.kind = FindingKind::TimeOver,
        .unit = "s",
        .value = 207.8,
        .side = LimitSide::Above,
        .limit = 150.0,
        .phase = "task_frames"}}};
  r.totalPoints = 62.3;
  r.maxPoints = 80.0;
  r.passMark = 70.0;
  r.passed = false;
  r.completed = true;
  r.duration = 262.0;
  return r;
}

} // namespace

TEST(ChineseScreens, TheHudOfAPracticeAttemptDrawsNoEnglish) {
  const sim::MachineDecl crane = sim::overheadCraneType()->describe(sim::OverheadCraneSpec{});
  const messages::MessageContext context = craneContext(crane);
  auto templates = messageTemplates(chinese());
  ASSERT_TRUE(templates) << templates.error().toString();
  const assessment::AttemptResult result = carelessResult();

  HudModel m;
  m.mode = AttemptMode::Practice;
  m.scenarioTitle = "桥式起重机实操考核";
  m.elapsed = 171.3;
  m.targetTime = 150.0;
  m.targetElapsed = 171.3;
  m.score = result.totalPoints;
  m.maxScore = result.maxPoints;
  m.steps = {{"鸣铃示意开始", true}, {"从 A 圈起吊水桶", true}, {"在 B 圈落放", false}};
  m.currentStep = 2;
  for (const auto& d : result.deductions) {
    m.deductions.push_back(
        {d.time, d.points, messages::findingText(d.finding, *templates, context)});
  }
  core::ActionState actions;
  actions.setAxis(sim::crane_controls::kBridgeTravel, 0.6f);
  fillControls(m, crane.controls, actions, Language::ChineseSimplified);
  sim::Metrics metrics;
  metrics.add("load_height", 2.5);
  metrics.add("load_swing_angle", 0.03);
  metrics.add("load_attached", 1.0);
  fillReadouts(m, crane, metrics, Language::ChineseSimplified);
  ASSERT_FALSE(m.readouts.empty());
  sim::CameraSpec cab;
  cab.name = "operator_cab";
  cab.kind = sim::CameraSpec::Kind::OperatorCab;
  const std::vector<sim::CameraSpec> cameras = {cab};
  m.cameraName = cameraLabels(cameras, chinese()).front();

  ClockReading clock;
  clock.started = true;
  clock.elapsed = 171.3;
  clock.target = 150.0;
  clock.phaseElapsed = 216.0;
  clock.stopAt = 225.0;
  clock.warning = ClockWarning::StopSoon;
  // A refused attach's toast, from the crane's declared feedback, units from the table.
  std::vector<std::string> toasts;
  for (const sim::EventDecl& e : crane.events) {
    if (!e.feedback.toastZh.empty()) {
      sim::SimEvent ev = sim::SimEvent::machine(10, e.name, "bucket", 0.4213);
      ev.limit = 0.3;
      toasts.push_back(toastText(e.feedback, ev, Language::ChineseSimplified, &chinese()));
    }
  }
  ASSERT_FALSE(toasts.empty());
  AidFrame aids;
  aids.shown = {true, true, true, true, false};
  aids.height = 2.35;
  aids.distance = 5.0;
  aids.targetLabel = "B";

  ImGuiHarness h;
  const auto draw = [&] {
    (void)drawHud(m, chinese());
    (void)drawHudGuide({clock, toasts, false, {}}, chinese());
    drawAidReadouts(aids, chinese());
    return 0;
  };
  h.frame(draw);
  h.frame(draw);
  ASSERT_GT(h.glyphs().size(), 100u) << "the HUD was drawn";
  EXPECT_NE(h.allText().find("02:51.3"), std::string::npos) << "the clock's figures are there";
  for (const std::string& word : latinWords(h)) {
    EXPECT_TRUE(kAllowed.count(word))
        << "English on the zh-CN HUD: '" << word << "' in " << h.allText();
  }
}

TEST(ChineseScreens, TheResultsScreenDrawsNoEnglish) {
  const sim::MachineDecl crane = sim::overheadCraneType()->describe(sim::OverheadCraneSpec{});
  const messages::MessageContext context = craneContext(crane);
  auto templates = messageTemplates(chinese());
  ASSERT_TRUE(templates) << templates.error().toString();
  const ResultsModel model =
      makeResultsModel(carelessResult(), {{"curve", "曲线运行"}, {"frames", "过高低架"}},
                       "桥式起重机实操考核", "学员001", AttemptMode::Exam, *templates, context);
  ImGuiHarness h;
  h.frame([&] { return drawResultsScreen(model, chinese()); });
  h.frame([&] { return drawResultsScreen(model, chinese()); });
  ASSERT_GT(h.glyphs().size(), 50u) << "the results screen was drawn";
  for (const std::string& word : latinWords(h)) {
    EXPECT_TRUE(kAllowed.count(word)) << "English on the zh-CN results screen: '" << word << "'";
  }
}
