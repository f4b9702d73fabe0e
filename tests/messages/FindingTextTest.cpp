// Deduction texts from findings and the committed zh-CN / en templates (issue 13 point 5): exact
// strings a trainee reads, in degrees, mm, m/s and s, with display names instead of ids.
#include <skillsim/messages/FindingText.h>
#include <skillsim/records/ResultHash.h>
#include <skillsim/records/ResultJson.h>

#include <gtest/gtest.h>

#include <numbers>

using namespace skillsim;
using assessment::Finding;
using assessment::FindingKind;
using assessment::LimitSide;

namespace {

const std::string kAssets = std::string(SKILLSIM_SOURCE_DIR) + "/assets";

messages::MessageTemplates load(const char* tag) {
  auto t = messages::MessageTemplates::load(kAssets, tag);
  if (!t) {
    ADD_FAILURE() << t.error().toString();
    return messages::MessageTemplates{};
  }
  return *t;
}

/** A machine declared inline: two metrics, two events and one axis control, with labels. */
const sim::MachineDecl& machine() {
  static const sim::MachineDecl decl = [] {
    sim::MachineDecl d;
    d.kind = "test_machine";
    d.metrics.push_back(
        {"load_swing_angle", sim::Unit::Radian, 0.0, 1.6, "载荷摆角", "load swing"});
    d.metrics.push_back(
        {"hoist_speed", sim::Unit::MetrePerSecond, -5, 5, "起升速度", "hoist speed"});
    d.metrics.push_back({"load_height", sim::Unit::Metre, -1, 200, "载荷离地高度", "load height"});
    d.metrics.push_back({"parking_brake", sim::Unit::Flag, 0, 1, "驻车制动", "parking brake on"});
    d.events = {{"horn", "鸣铃", "horn", false},
                {"load_dropped", "载荷坠落", "load dropped", true}};
    return d;
  }();
  return decl;
}

messages::MessageContext context() {
  messages::MessageContext c;
  c.machine = &machine();
  c.names = {{"bucket", {"水桶", "the bucket"}},
             {"pile_2", {"2 号桩", "pile 2"}},
             {"circle_b", {"B 圈", "circle B"}},
             {"weave_gate_2", {"第二桩间", "the second gap between piles"}},
             {"walkway", {"人行通道", "the walkway"}},
             {"person_area", {"人员区域", "the area where people stand"}},
             {"setdown_a", {"A 圈落放", "setting down in A"}},
             {"setdown_b", {"B 圈落放", "setting down in B"}},
             {"task_curved", {"曲线运行任务", "the curved-path task"}}};
  return c;
}

std::string en(const Finding& f) { return messages::findingText(f, load("en"), context()); }
std::string zh(const Finding& f) { return messages::findingText(f, load("zh-CN"), context()); }

constexpr double kDeg = std::numbers::pi / 180.0;

Finding swing(std::string phase) {
  Finding f;
  f.kind = FindingKind::MetricBand;
  f.metric = "load_swing_angle";
  f.unit = "rad";
  f.value = 3.04 * kDeg; // worst of the excursion
  f.side = LimitSide::Above;
  f.limit = 3.0 * kDeg;
  f.duration = 58.0 / 240.0; // 58 ticks at 240 Hz = 0.2417 s
  f.phase = std::move(phase);
  return f;
}

} // namespace

TEST(FindingText, SwingInDegreesAndSecondsBothLanguages) {
  EXPECT_EQ(en(swing("")), "load swing 3.0° over the 3.0° limit for 0.24 s");
  EXPECT_EQ(zh(swing("")), "载荷摆角 3.0° 超过 3.0° 限值 0.24 秒");
  EXPECT_EQ(en(swing("setdown_b")),
            "load swing 3.0° over the 3.0° limit for 0.24 s (setting down in B)");
  EXPECT_EQ(zh(swing("setdown_b")), "载荷摆角 3.0° 超过 3.0° 限值 0.24 秒（B 圈落放）");
}

TEST(FindingText, HeightUnderItsMinimumInMillimetresWhenEveryLengthIsUnderAMetre) {
  Finding f;
  f.kind = FindingKind::MetricBand;
  f.metric = "load_height";
  f.unit = "m";
  f.value = 0.42;
  f.side = LimitSide::Below;
  f.limit = 0.5;
  f.duration = 0.5;
  EXPECT_EQ(en(f), "load height 420 mm under the 500 mm minimum for 0.50 s");
  EXPECT_EQ(zh(f), "载荷离地高度 420 毫米 低于 500 毫米 下限 0.50 秒");
  f.value = 4.213; // over 2-4 m: metres
  f.side = LimitSide::Above;
  f.limit = 4.0;
  EXPECT_EQ(en(f), "load height 4.21 m over the 4.00 m limit for 0.50 s");
}

TEST(FindingText, SpeedOverItsLimitWithPhaseAndRepeat) {
  Finding f;
  f.kind = FindingKind::ForbiddenAction;
  f.metric = "hoist_speed";
  f.unit = "m/s";
  f.value = 0.0213;
  f.side = LimitSide::Above;
  f.limit = 0.02;
  f.phase = "setdown_b";
  f.occurrence = 1;
  EXPECT_EQ(en(f), "hoist speed 0.021 m/s over the 0.020 m/s limit (setting down in B)");
  EXPECT_EQ(zh(f), "起升速度 0.021 米/秒 超过 0.020 米/秒 限值（B 圈落放）");
  f.occurrence = 2;
  EXPECT_EQ(en(f), "hoist speed 0.021 m/s over the 0.020 m/s limit (setting down in B) (time 2)");
  EXPECT_EQ(zh(f), "起升速度 0.021 米/秒 超过 0.020 米/秒 限值（B 圈落放）（第 2 次）");
}

TEST(FindingText, ContactNamesBothBodies) {
  Finding f;
  f.kind = FindingKind::Contact;
  f.event = "contact_begin";
  f.subject = "bucket";
  f.other = "pile_2";
  f.unit = "N s";
  f.value = 12.5;
  f.occurrence = 1;
  EXPECT_EQ(en(f), "the bucket touched pile 2");
  EXPECT_EQ(zh(f), "水桶碰触2 号桩");
  f.occurrence = 2;
  EXPECT_EQ(en(f), "the bucket touched pile 2 (time 2)");
  EXPECT_EQ(zh(f), "水桶碰触2 号桩（第 2 次）");
}

TEST(FindingText, ZonesBySequenceAndByEntry) {
  Finding order;
  order.kind = FindingKind::ZoneSequence;
  order.other = "weave_gate_2";
  order.count = 1;
  order.total = 3;
  EXPECT_EQ(en(order), "passed 1 of 3 in order; next was the second gap between piles");
  EXPECT_EQ(zh(order), "按顺序只通过 1/3，下一个应为第二桩间");
  Finding entered;
  entered.kind = FindingKind::Event;
  entered.event = "zone_enter";
  entered.subject = "bucket";
  entered.other = "walkway";
  entered.occurrence = 1;
  EXPECT_EQ(en(entered), "the bucket entered the walkway");
  EXPECT_EQ(zh(entered), "水桶进入人行通道");
}

TEST(FindingText, PlacementInMillimetres) {
  Finding f;
  f.kind = FindingKind::Placement;
  f.subject = "bucket";
  f.other = "circle_b";
  f.unit = "m";
  f.value = 0.2304;
  f.side = LimitSide::Above;
  f.limit = 0.10;
  f.limit2 = 0.35;
  EXPECT_EQ(en(f), "the bucket set down 230 mm from the centre of circle B (full marks within "
                   "100 mm, none beyond 350 mm)");
  EXPECT_EQ(zh(f), "水桶落放位置距B 圈中心 230 毫米（100 毫米 以内不扣分，超过 350 毫米 全扣）");
}

TEST(FindingText, TimeLimitOverAndStopped) {
  Finding f;
  f.kind = FindingKind::TimeOver;
  f.phase = "task_curved";
  f.unit = "s";
  f.value = 251.3;
  f.side = LimitSide::Above;
  f.limit = 240.0;
  EXPECT_EQ(en(f), "the curved-path task took 251.3 s, over the target time of 240.0 s");
  EXPECT_EQ(zh(f), "曲线运行任务用时 251.3 秒，超过目标时间 240.0 秒");
  f.kind = FindingKind::TimeStopped;
  f.value = 360.0;
  f.limit2 = 360.0;
  EXPECT_EQ(en(f), "the curved-path task reached 360.0 s, 1.5 times the target time of 240.0 s: "
                   "stopped, all the item's points lost");
  EXPECT_EQ(zh(f),
            "曲线运行任务用时达到 360.0 秒，为目标时间 240.0 秒 的 1.5 倍：考核中止，该项不得分");
}

TEST(FindingText, MissingHornAndOrder) {
  Finding f;
  f.kind = FindingKind::MissingEndSignal;
  f.event = "horn";
  f.phase = "setdown_a";
  f.duration = 10.0;
  f.value = 10.0;
  f.unit = "s";
  EXPECT_EQ(en(f), "no horn at the end: at rest for 10.0 s after setting down in A; the attempt "
                   "was ended");
  EXPECT_EQ(zh(f), "结束时未鸣铃：A 圈落放后已静止 10.0 秒，考核结束");
  Finding order;
  order.kind = FindingKind::OutOfOrder;
  order.event = "motion";
  order.expected = "horn";
  EXPECT_EQ(en(order), "controls moved before the horn");
  EXPECT_EQ(zh(order), "鸣铃之前操作控制器");
}

TEST(FindingText, VetoByMachineEventAndByZone) {
  Finding dropped;
  dropped.kind = FindingKind::Veto;
  dropped.event = "load_dropped";
  dropped.subject = "bucket";
  EXPECT_EQ(en(dropped), "load dropped: automatic fail");
  EXPECT_EQ(zh(dropped), "载荷坠落：考核不合格");
  Finding person;
  person.kind = FindingKind::Veto;
  person.event = "zone_enter";
  person.subject = "bucket";
  person.other = "person_area";
  EXPECT_EQ(en(person), "the bucket entered the area where people stand: automatic fail");
  EXPECT_EQ(zh(person), "水桶进入人员区域：考核不合格");
}

// Found by a new user: "parking brake on 0 at the end, under the 1 minimum".
TEST(FindingText, AFlagIsWordedAsYesOrNoNeverAsANumber) {
  Finding end;
  end.kind = FindingKind::EndMetric;
  end.metric = "parking_brake";
  end.value = 0.0;
  end.side = LimitSide::Below;
  end.limit = 1.0;
  EXPECT_EQ(en(end), "parking brake on: no at the end, where yes is required");
  EXPECT_EQ(zh(end), "结束时驻车制动：否，要求为是");
  end.value = 1.0;
  end.side = LimitSide::Above;
  end.limit = 0.0;
  EXPECT_EQ(en(end), "parking brake on: yes at the end, where no is required");
  EXPECT_EQ(zh(end), "结束时驻车制动：是，要求为否");
  Finding band;
  band.kind = FindingKind::MetricBand;
  band.metric = "parking_brake";
  band.value = 1.0;
  band.side = LimitSide::Above;
  band.limit = 0.0;
  band.duration = 1.5;
  band.phase = "task_curved";
  EXPECT_EQ(en(band),
            "parking brake on: yes for 1.50 s, where no is required (the curved-path task)");
  EXPECT_EQ(zh(band), "驻车制动：是，持续 1.50 秒，要求为否（曲线运行任务）");
  band.side = LimitSide::Below;
  band.value = 0.0;
  band.limit = 1.0;
  EXPECT_EQ(en(band),
            "parking brake on: no for 1.50 s, where yes is required (the curved-path task)");
  // A number metric keeps its number: the flag wording is chosen by the declared unit.
  Finding height;
  height.kind = FindingKind::EndMetric;
  height.metric = "load_height";
  height.unit = "m";
  height.value = 1.5;
  height.side = LimitSide::Above;
  height.limit = 1.0;
  EXPECT_EQ(en(height), "load height 1.50 m at the end, over the 1.00 m limit");
}

TEST(FindingText, NonFiniteValueIsWordsNotInf) {
  Finding f = swing("");
  f.value = std::numeric_limits<double>::infinity();
  EXPECT_EQ(en(f), "load swing an invalid reading over the 3.0° limit for 0.24 s");
  EXPECT_EQ(zh(f), "载荷摆角 无效读数 超过 3.0° 限值 0.24 秒");
}

TEST(FindingText, ALegacyDeductionShowsItsRecordedText) {
  assessment::AttemptResult r;
  r.format = 1;
  assessment::Deduction d;
  d.legacyReason = "hoist_speed 0.03 above 0.02 (occurrence 1)";
  r.deductions.push_back(d);
  EXPECT_EQ(messages::deductionText(d, r, load("en"), context()), d.legacyReason);
}

TEST(FindingText, ChangingATemplateChangesTheTextButNeitherTheHashNorTheRecord) {
  assessment::AttemptResult r;
  r.scenarioId = "s";
  r.standardId = "std";
  assessment::Deduction d;
  d.itemId = "curved_path";
  d.criterionId = "swing_at_setdown_b";
  d.points = 0.48;
  d.tick = 1000;
  d.time = 1000.0 / 240.0;
  d.measured = 3.04 * kDeg;
  d.finding = swing("setdown_b");
  r.deductions.push_back(d);
  const core::Digest before = records::resultHash(r);
  const std::string json = records::resultToJson(r);
  messages::MessageTemplates changed = load("en");
  const std::string original = messages::deductionText(d, r, changed, context());
  changed.set("finding.metric_band.above", "{metric} too wide: {value} (max {limit})");
  const std::string reworded = messages::deductionText(d, r, changed, context());
  EXPECT_EQ(reworded, "load swing too wide: 3.0° (max 3.0°)");
  EXPECT_NE(reworded, original);
  EXPECT_EQ(records::resultHash(r), before);
  EXPECT_EQ(records::resultToJson(r), json);
  EXPECT_EQ(json.find("over the"), std::string::npos) << "the record holds no rendered text";
  // The hash does cover the finding: a different measured duration is another result.
  assessment::AttemptResult other = r;
  other.deductions[0].finding.duration = 59.0 / 240.0;
  EXPECT_NE(records::resultHash(other), before);
}

TEST(MessageTemplates, BothCommittedTablesHaveEveryKeyAndAMissingOneIsNamed) {
  EXPECT_TRUE(messages::MessageTemplates::load(kAssets, "en"));
  EXPECT_TRUE(messages::MessageTemplates::load(kAssets, "zh-CN"));
  auto broken = messages::MessageTemplates::parse("[finding]\ncontact = \"x\"\n", "t.toml", "en");
  ASSERT_FALSE(broken);
  EXPECT_NE(broken.error().toString().find("t.toml"), std::string::npos);
  EXPECT_NE(broken.error().toString().find("missing message template 'finding.event'"),
            std::string::npos)
      << broken.error().toString();
  auto wrongType = messages::MessageTemplates::parse("[finding]\ncontact = 3\n", "t.toml", "en");
  ASSERT_FALSE(wrongType);
  EXPECT_NE(wrongType.error().toString().find("t.toml:2:11"), std::string::npos)
      << wrongType.error().toString();
}
