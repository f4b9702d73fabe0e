#include <skillsim/report/ReportScenarioOverlay.h>
#include <skillsim/scenario/ScenarioLoader.h>

#include <gtest/gtest.h>

#include <numbers>

namespace skillsim::report {
namespace {

const scenario::Scenario& q2() {
  static const scenario::Scenario loaded = [] {
    auto s = scenario::loadScenario(std::string(SKILLSIM_SOURCE_DIR) +
                                    "/scenarios/overhead_crane/q2_practical.toml");
    SKILLSIM_CHECK(s.hasValue(), s ? "" : s.error().toString());
    return *s;
  }();
  return loaded;
}

TEST(ReportScenarioOverlay, LandingCirclesOfTheQ2Course) {
  auto zones = reportZones(q2());
  auto find = [&](const std::string& name) -> const ReportZone* {
    for (const ReportZone& z : zones) {
      if (z.name == name) {
        return &z;
      }
    }
    return nullptr;
  };
  const ReportZone* a = find("circle_a");
  const ReportZone* b = find("circle_b");
  const ReportZone* c = find("circle_c");
  ASSERT_TRUE(a && b && c);
  EXPECT_DOUBLE_EQ(a->x, 6.0);
  EXPECT_DOUBLE_EQ(a->z, 6.0);
  EXPECT_DOUBLE_EQ(b->x, 14.0);
  EXPECT_DOUBLE_EQ(c->z, 10.0);
  EXPECT_DOUBLE_EQ(c->radius, 0.6);
  EXPECT_FALSE(a->body);
  // Box zones as rectangles (the weave gates, the walkway).
  const ReportZone* gate = find("weave_gate_1");
  ASSERT_NE(gate, nullptr);
  EXPECT_EQ(gate->radius, 0.0);
  EXPECT_DOUBLE_EQ(gate->halfX, 0.15);
  EXPECT_DOUBLE_EQ(gate->halfZ, 0.6);
  const ReportZone* walkway = find("walkway");
  ASSERT_NE(walkway, nullptr);
  EXPECT_DOUBLE_EQ(walkway->halfX, 15.0);
  // The static bodies: piles as circles (0.3 m diameter), the frames' posts and bars as
  // rectangles seen from above; the bucket (dynamic) is not drawn.
  const ReportZone* pile = find("pile_2");
  ASSERT_NE(pile, nullptr);
  EXPECT_TRUE(pile->body);
  EXPECT_DOUBLE_EQ(pile->x, 19.0);
  EXPECT_DOUBLE_EQ(pile->radius, 0.15);
  const ReportZone* bar = find("frame_high_bar");
  ASSERT_NE(bar, nullptr);
  EXPECT_TRUE(bar->body);
  EXPECT_NEAR(bar->halfX, 0.1, 1e-12);
  EXPECT_NEAR(bar->halfZ, 1.6, 1e-12);
  EXPECT_EQ(find("bucket"), nullptr);
  // Bodies first, in file order, then zones.
  EXPECT_EQ(zones.front().name, "pile_1");
  EXPECT_EQ(zones.back().name, "person_area");
}

TEST(ReportScenarioOverlay, TheSwingIsPlottedOnlyWhileALoadIsOnTheHook) {
  ASSERT_TRUE(q2().machine);
  // The machine declares the gate; the report reads it generically.
  const auto plotted = reportSampledMetrics(*q2().machine);
  const auto gates = reportSampleGates(*q2().machine);
  ASSERT_EQ(plotted.size(), 4u); // plan x, plan z, height, swing
  ASSERT_EQ(gates.size(), 2u);
  EXPECT_EQ(plotted[3], "load_swing_angle");
  EXPECT_EQ(gates[1], "load_attached");
  EXPECT_EQ(gates[0], ""); // the height means something on the ground too
  const auto en = reportSeries(q2(), "en", {}, 0.0);
  ASSERT_EQ(en.size(), 2u);
  EXPECT_EQ(en[1].validNote, "shown only while: load on the hook");
  const auto zh = reportSeries(q2(), "zh-CN", {}, 0.0);
  EXPECT_EQ(zh[1].validNote, "仅在以下情况显示：载荷已挂钩");
}

TEST(ReportScenarioOverlay, BandsArePlacedByPhaseTimes) {
  std::map<std::string, std::pair<double, double>> phases{
      {"transfer_ab", {5.0, 40.0}}, {"weave", {50.0, 90.0}}, {"setdown_b", {40.0, 48.0}}};
  // Read off q2_practical.toml by hand: load_height has upper-limited bands in transfer_ab
  // (2-4 m), weave (0.5-1 m) and transfer_ca (2-4 m); only the first two phases have times here.
  auto height = reportBands(q2(), "load_height", phases, 200.0);
  ASSERT_EQ(height.size(), 2u);
  EXPECT_DOUBLE_EQ(height[0].start, 5.0);
  EXPECT_DOUBLE_EQ(height[0].end, 40.0);
  EXPECT_DOUBLE_EQ(height[0].low, 2.0);
  EXPECT_DOUBLE_EQ(height[0].high, 4.0);
  EXPECT_EQ(height[0].label, "transfer_height_ab: 2.00–4.00");
  bool weave = false;
  for (const ReportBand& band : height) {
    if (band.start == 50.0) {
      weave = true;
      EXPECT_DOUBLE_EQ(band.low, 0.5);
      EXPECT_DOUBLE_EQ(band.high, 1.0);
    }
  }
  EXPECT_TRUE(weave);
  auto swing = reportBands(q2(), "load_swing_angle", phases, 200.0);
  ASSERT_EQ(swing.size(), 1u); // only setdown_b has a time here
  EXPECT_DOUBLE_EQ(swing[0].low, 0.0);
  EXPECT_NEAR(swing[0].high, 3.0 * std::numbers::pi / 180.0, 1e-12);
  // Without phase times (no re-simulation) phase-bound bands cannot be placed.
  EXPECT_TRUE(reportBands(q2(), "load_swing_angle", {}, 200.0).empty());
}

} // namespace
} // namespace skillsim::report

namespace skillsim::report {

TEST(ReportScenarioOverlay, ZonesAreLabelledWithTheScenariosNamesInTheReportLanguage) {
  const auto find = [](const std::vector<ReportZone>& zones,
                       const std::string& name) -> const ReportZone* {
    for (const ReportZone& z : zones) {
      if (z.name == name) {
        return &z;
      }
    }
    return nullptr;
  };
  const std::vector<ReportZone> zh = reportZones(q2(), true);
  const std::vector<ReportZone> en = reportZones(q2(), false);
  ASSERT_TRUE(find(zh, "circle_b") && find(en, "circle_b") && find(zh, "pile_2"));
  // q2_practical.toml [labels]: circle_b = { zh = "B 圈", en = "circle B" }, pile_2 = "2 号桩".
  EXPECT_EQ(find(zh, "circle_b")->label, "B 圈");
  EXPECT_EQ(find(en, "circle_b")->label, "circle B");
  EXPECT_EQ(find(zh, "pile_2")->label, "2 号桩");
  EXPECT_EQ(find(en, "frame_high_bar")->label, "the bar of the high frame");
}

} // namespace skillsim::report
