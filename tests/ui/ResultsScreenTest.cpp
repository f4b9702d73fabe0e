#include "ImGuiHarness.h"

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

assessment::AttemptResult sampleResult() {
  assessment::AttemptResult r;
  r.scenarioId = "crane.q2_practical";
  r.standardId = "q2";
  r.items = {{"hazard", "1", assessment::Category::Safety, 20.0, 20.0},
             {"curve", "2", assessment::Category::Quality, 50.0, 42.5},
             {"frames", "3", assessment::Category::Procedure, 30.0, 25.0}};
  r.deductions = {{"curve", "pile_contact", 5.0, 2400, 10.0, {}, 0.0, "touched pile_2"},
                  {"curve", "rehoist", 2.5, 7200, 30.0, {}, 0.0, "hoisted up while setting down"},
                  {"frames", "time", 5.0, 60000, 250.0, {}, 0.0, "10 s past T"}};
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
  const ResultsModel m =
      makeResultsModel(r, {{"curve", "Curved path"}}, "Q2", "T001", AttemptMode::Exam);
  ASSERT_EQ(m.items.size(), 3u);
  EXPECT_EQ(m.items[1].title, "Curved path");
  EXPECT_EQ(m.items[0].title, "hazard"); // no title: the id
  EXPECT_DOUBLE_EQ(m.items[1].awarded, 42.5);
  ASSERT_EQ(m.deductions.size(), 3u);
  EXPECT_DOUBLE_EQ(m.deductions[2].time, 250.0);
  EXPECT_EQ(m.deductions[2].reason, "10 s past T");
  EXPECT_DOUBLE_EQ(m.total, 87.5);
  EXPECT_TRUE(m.passed);
  EXPECT_EQ(m.traineeId, "T001");
}

TEST(ResultsScreen, ShowsItemsDeductionsTotalAndVerdict) {
  ImGuiHarness h;
  const ResultsModel m = makeResultsModel(sampleResult(), {}, "Q2", "T001", AttemptMode::Exam);
  h.frame([&] { return drawResultsScreen(m, english()); });
  h.frame([&] { return drawResultsScreen(m, english()); });
  const std::string all = h.textIn(resultsLayout(1280, 720));
  EXPECT_NE(all.find("PASSTotal:87.5/100"), std::string::npos) << all;
  EXPECT_NE(all.find("Passmark70"), std::string::npos) << all;
  EXPECT_NE(all.find("curve242.550"), std::string::npos) << all; // item, clause, awarded, max
  EXPECT_NE(all.find("00:10.0-5curvetouchedpile_2"), std::string::npos) << all;
  EXPECT_NE(all.find("04:10.0-5frames10spastT"), std::string::npos) << all;
  EXPECT_NE(all.find("Automaticfail"), std::string::npos) << all;
  EXPECT_NE(all.find("Backtostart"), std::string::npos) << all;
  EXPECT_EQ(all.find("FAIL"), std::string::npos) << all;
}

TEST(ResultsScreen, VetoFailsAndIsListed) {
  ImGuiHarness h;
  auto r = sampleResult();
  r.vetoes = {{"drop", "load_dropped", 9000, 37.5, {}, "load dropped from 3.2 m"}};
  r.passed = false;
  r.completed = false;
  const ResultsModel m = makeResultsModel(r, {}, "Q2", "T001", AttemptMode::Exam);
  h.frame([&] { return drawResultsScreen(m, english()); });
  h.frame([&] { return drawResultsScreen(m, english()); });
  const std::string all = h.allText();
  EXPECT_NE(all.find("FAILTotal"), std::string::npos) << all;
  EXPECT_NE(all.find("00:37.5[drop]loaddroppedfrom3.2m"), std::string::npos) << all;
  EXPECT_NE(all.find("stoppedbeforeitsend"), std::string::npos) << all;
}

TEST(ResultsScreen, BackButtonReturnsToStart) {
  ImGuiHarness h;
  const ResultsModel m = makeResultsModel(sampleResult(), {}, "Q2", "T001", AttemptMode::Exam);
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
