#include "ImGuiHarness.h"

#include <skillsim/ui/DeductionText.h>
#include <skillsim/ui/ResultsScreen.h>

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

const messages::MessageTemplates& templates() {
  static const messages::MessageTemplates t = *messageTemplates(english());
  return t;
}

/** Labels as a machine and a scenario declare them. */
const messages::MessageContext& context() {
  static const sim::MachineDecl machine = [] {
    sim::MachineDecl d;
    d.metrics.push_back(
        {"hoist_speed", sim::Unit::MetrePerSecond, -5, 5, "起升速度", "hoist speed"});
    d.events.push_back({"load_dropped", "载荷坠落", "load dropped", true});
    return d;
  }();
  static const messages::MessageContext c = [] {
    messages::MessageContext out;
    out.machine = &machine;
    out.names = {{"bucket", {"水桶", "the bucket"}},
                 {"pile_2", {"2 号桩", "pile 2"}},
                 {"setdown_b", {"B 圈落放", "setting down in B"}},
                 {"task_frames", {"过高低架任务", "the frames task"}}};
    return out;
  }();
  return c;
}

ResultsModel model(const assessment::AttemptResult& r,
                   const std::map<std::string, std::string>& titles = {}) {
  return makeResultsModel(r, titles, "Q2", "T001", AttemptMode::Exam, templates(), context());
}

assessment::AttemptResult sampleResult() {
  assessment::AttemptResult r;
  r.scenarioId = "crane.q2_practical";
  r.standardId = "q2";
  r.items = {{"hazard", "1", assessment::Category::Safety, 20.0, 20.0},
             {"curve", "2", assessment::Category::Quality, 50.0, 42.5},
             {"frames", "3", assessment::Category::Procedure, 30.0, 25.0}};
  using assessment::FindingKind;
  using assessment::LimitSide;
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
       "rehoist",
       2.5,
       7200,
       30.0,
       {},
       0.031,
       {.kind = FindingKind::ForbiddenAction,
        .metric = "hoist_speed",
        .unit = "m/s",
        .value = 0.031,
        .side = LimitSide::Above,
        .limit = 0.02,
        .phase = "setdown_b",
        .occurrence = 1}},
      {"frames",
       "time",
       5.0,
       60000,
       250.0,
       {},
       160.0,
       {.kind = FindingKind::TimeOver,
        .unit = "s",
        .value = 160.0,
        .side = LimitSide::Above,
        .limit = 150.0,
        .phase = "task_frames"}}};
  r.totalPoints = 87.5;
  r.maxPoints = 100.0;
  r.passMark = 70.0;
  r.passed = true;
  r.completed = true;
  r.duration = 262.0;
  return r;
}

} // namespace

TEST(ResultsModel, CopiesItemsDeductionsAndTotals) {
  const auto r = sampleResult();
  const ResultsModel m = model(r, {{"curve", "Curved path"}});
  ASSERT_EQ(m.items.size(), 3u);
  EXPECT_EQ(m.items[1].title, "Curved path");
  EXPECT_EQ(m.items[0].title, "hazard"); // no title: the id
  EXPECT_DOUBLE_EQ(m.items[1].awarded, 42.5);
  ASSERT_EQ(m.deductions.size(), 3u);
  EXPECT_DOUBLE_EQ(m.deductions[2].time, 250.0);
  EXPECT_EQ(m.deductions[2].reason,
            "the frames task took 160.0 s, over the target time of 150.0 s");
  EXPECT_EQ(m.deductions[1].reason,
            "hoist speed 0.031 m/s over the 0.020 m/s limit (setting down in B)");
  EXPECT_EQ(m.deductions[0].itemTitle, "Curved path"); // the standard's title, not "curve"
  EXPECT_DOUBLE_EQ(m.total, 87.5);
  EXPECT_TRUE(m.passed);
  EXPECT_EQ(m.traineeId, "T001");
}

TEST(ResultsScreen, ShowsItemsDeductionsTotalAndVerdict) {
  ImGuiHarness h;
  const ResultsModel m = model(sampleResult());
  h.frame([&] { return drawResultsScreen(m, english()); });
  h.frame([&] { return drawResultsScreen(m, english()); });
  const std::string all = h.textIn(resultsLayout(1280, 720));
  EXPECT_NE(all.find("PASSTotal:87.5/100"), std::string::npos) << all;
  EXPECT_NE(all.find("Passmark70"), std::string::npos) << all;
  EXPECT_NE(all.find("curve242.550"), std::string::npos) << all; // item, clause, awarded, max
  EXPECT_NE(all.find("00:10.0-5curvethebuckettouchedpile2"), std::string::npos) << all;
  EXPECT_NE(all.find("04:10.0-5framestheframestasktook160.0s,overthetargettimeof150.0s"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("Automaticfail"), std::string::npos) << all;
  EXPECT_NE(all.find("Backtostart"), std::string::npos) << all;
  EXPECT_EQ(all.find("FAIL"), std::string::npos) << all;
}

TEST(ResultsScreen, VetoFailsAndIsListed) {
  ImGuiHarness h;
  auto r = sampleResult();
  r.vetoes = {
      {"drop",
       "load_dropped",
       9000,
       37.5,
       {},
       {.kind = assessment::FindingKind::Veto, .subject = "bucket", .event = "load_dropped"}}};
  r.passed = false;
  r.completed = false;
  const ResultsModel m = model(r);
  h.frame([&] { return drawResultsScreen(m, english()); });
  h.frame([&] { return drawResultsScreen(m, english()); });
  const std::string all = h.allText();
  EXPECT_NE(all.find("FAILTotal"), std::string::npos) << all;
  EXPECT_NE(all.find("00:37.5drop:loaddropped:automaticfail"), std::string::npos) << all;
  EXPECT_NE(all.find("stoppedbeforeitsend"), std::string::npos) << all;
}

TEST(ResultsScreen, BackButtonReturnsToStart) {
  ImGuiHarness h;
  const ResultsModel m = model(sampleResult());
  auto draw = [&] { return drawResultsScreen(m, english()); };
  EXPECT_FALSE(h.frame(draw).backToStart);
  auto at = h.find("Backtostart");
  ASSERT_TRUE(at);
  h.mouse(at->x + 3, at->y + 3, false);
  h.frame(draw);
  h.mouse(at->x + 3, at->y + 3, true);
  h.frame(draw);
  h.mouse(at->x + 3, at->y + 3, false);
  EXPECT_TRUE(h.frame(draw).backToStart);
}
