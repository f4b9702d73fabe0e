// Task steps (`[[steps]]`): validation with file:line, their absence from the scenario hash, and
// the step tracker's order rules on hand-made event streams.
#include <skillsim/scenario/ScenarioLoader.h>
#include <skillsim/scenario/StepTracker.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

using namespace skillsim;
using namespace skillsim::scenario;

namespace {

const std::string kStandard = R"(format = "skillsim.standard/1"
id = "test-std"
version = "1"
title_zh = "测试"
title_en = "Test"
trade = "overhead_crane"
pass_mark = 10

[[items]]
id = "safety"
clause = "1"
category = "safety"
points = 40
description_zh = "安全"
description_en = "Safety"
)";

const std::string kHead = R"(format = "skillsim.scenario/1"
id = "crane.steps"
version = "1"
title_zh = "测试"
title_en = "Test"
trade = "overhead_crane"
standard = "test-std"

[simulation]
tick_rate = 120

[attempt]
time_limit_s = 300

[crane]
runway_length = 20.0
span = 10.0
lift_height = 8.0
rated_load = 2000
max_rope_length = 7.0

[[bodies]]
name = "crate"
tags = ["load"]
shape = "box"
size = [1.0, 0.5, 1.0]
mass = 300
position = [2.0, 0.25, 3.0]
lifting_lug = [0, 0.4, 0]

[[zones]]
name = "target"
center = [10.0, 0.0, 4.0]
radius = 0.8
watch_tags = ["load"]

[[phases]]
id = "carry"
start = { event = "load_attached" }
end = { event = "zone_enter", subject = "load", other = "target" }

[[rubric]]
id = "poles"
item = "safety"
kind = "contact_count"
subject = "load"
other = "ground"
points = 5
max_points = 40
)";

const std::string kSteps = R"(
# the steps
[[steps]]
text_zh = "鸣铃"
text_en = "Sound the horn"
done = { event = "horn" }

[[steps]]
text_zh = "运到目标圈"
text_en = "Carry it into the target"
target = "target"
done = { event = "zone_enter", subject = "load", other = "target" }
)";

ValidationReport check(const std::string& scenario) {
  return validateScenarioText(scenario, "steps.toml", kStandard, "test-std.toml");
}

std::string allProblems(const ValidationReport& r) {
  std::string all;
  for (const auto& p : r.problems) {
    all += p.toString() + "\n";
  }
  return all;
}

std::uint32_t lineOf(const std::string& text, const std::string& needle) {
  const auto at = text.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  return 1 + static_cast<std::uint32_t>(std::count(text.begin(), text.begin() + at, '\n'));
}

sim::SimEvent zoneEnter(std::uint64_t tick, const std::string& zone) {
  sim::SimEvent e;
  e.tick = tick;
  e.kind = sim::SimEventKind::ZoneEnter;
  e.subject = "load";
  e.other = zone;
  return e;
}

TaskStep step(sim::SimEventKind kind, std::string machineEvent, std::string other,
              std::string target = {}) {
  TaskStep s;
  s.textEn = "step";
  s.textZh = "步骤";
  s.target = std::move(target);
  s.done.kind = kind;
  s.done.machineEvent = std::move(machineEvent);
  s.done.other = std::move(other);
  return s;
}

} // namespace

TEST(TaskSteps, AreReadInOrderWithTextTargetAndTrigger) {
  const ValidationReport r = check(kHead + kSteps);
  ASSERT_TRUE(r.valid()) << allProblems(r);
  ASSERT_EQ(r.scenario->steps.size(), 2u);
  EXPECT_EQ(r.scenario->steps[0].textEn, "Sound the horn");
  EXPECT_EQ(r.scenario->steps[0].textZh, "鸣铃");
  EXPECT_EQ(r.scenario->steps[0].target, "");
  EXPECT_EQ(r.scenario->steps[0].done.machineEvent, "horn");
  EXPECT_EQ(r.scenario->steps[1].target, "target");
  EXPECT_EQ(r.scenario->steps[1].done.kind, sim::SimEventKind::ZoneEnter);
  EXPECT_EQ(r.scenario->steps[1].done.other, "target");
}

TEST(TaskSteps, UnknownTargetZoneIsRefusedAtItsLine) {
  const std::string text = kHead + R"(
[[steps]]
text_zh = "去"
text_en = "Go"
target = "targte"
done = { event = "horn" }
)";
  const ValidationReport r = check(text);
  ASSERT_EQ(r.problems.size(), 1u) << allProblems(r);
  EXPECT_EQ(r.problems[0].message, "unknown zone 'targte' (did you mean 'target'?)");
  EXPECT_EQ(r.problems[0].location.fieldPath, "steps[0].target");
  EXPECT_EQ(r.problems[0].location.line, lineOf(text, "target = \"targte\""));
  EXPECT_EQ(r.problems[0].location.file, "steps.toml");
}

TEST(TaskSteps, BadTriggersAreRefusedAtTheirLine) {
  // An unknown event, an unknown zone in the trigger, a pseudo event and a missing `done`.
  const std::string text = kHead + R"(
[[steps]]
text_zh = "一"
text_en = "One"
done = { event = "hron" }

[[steps]]
text_zh = "二"
text_en = "Two"
done = { event = "zone_enter", subject = "load", other = "nowhere" }

[[steps]]
text_zh = "三"
text_en = "Three"
done = { event = "motion" }

[[steps]]
text_zh = "四"
text_en = "Four"
)";
  const ValidationReport r = check(text);
  ASSERT_EQ(r.problems.size(), 4u) << allProblems(r);
  EXPECT_EQ(r.problems[0].location.fieldPath, "steps[0].done.event");
  EXPECT_EQ(r.problems[0].message.rfind("unknown value 'hron'", 0), 0u) << r.problems[0].message;
  EXPECT_NE(r.problems[0].message.find("'horn'"), std::string::npos) << r.problems[0].message;
  EXPECT_EQ(r.problems[0].location.line, lineOf(text, "\"hron\""));
  EXPECT_EQ(r.problems[1].location.fieldPath, "steps[1].done.other");
  EXPECT_EQ(r.problems[1].message.rfind("unknown zone 'nowhere'", 0), 0u) << r.problems[1].message;
  EXPECT_NE(r.problems[1].message.find("'target'"), std::string::npos) << r.problems[1].message;
  EXPECT_EQ(r.problems[1].location.line, lineOf(text, "\"nowhere\""));
  EXPECT_EQ(r.problems[2].location.fieldPath, "steps[2].done");
  EXPECT_EQ(r.problems[2].message,
            "a step is done by an event the simulation raises (zone_enter, contact_begin, a "
            "machine event such as the horn), not by \"motion\"");
  EXPECT_EQ(r.problems[2].location.line, lineOf(text, "\"motion\""));
  EXPECT_EQ(r.problems[3].location.fieldPath, "steps[3].done");
  EXPECT_NE(r.problems[3].message.find("'done'"), std::string::npos) << r.problems[3].message;
  EXPECT_EQ(r.problems[3].location.line, lineOf(text, "text_zh = \"四\"") - 1);
}

TEST(TaskSteps, EmptyTextIsRefused) {
  const std::string text = kHead + R"(
[[steps]]
text_zh = ""
text_en = "Go"
done = { event = "horn" }
)";
  const ValidationReport r = check(text);
  ASSERT_EQ(r.problems.size(), 1u) << allProblems(r);
  EXPECT_EQ(r.problems[0].message, "empty text_zh: the trainee reads this step");
  EXPECT_EQ(r.problems[0].location.line, lineOf(text, "text_zh = \"\""));
}

TEST(TaskSteps, StepsAreLeftOutOfTheScenarioHash) {
  const ValidationReport without = check(kHead);
  const ValidationReport with = check(kHead + kSteps);
  ASSERT_TRUE(without.valid()) << allProblems(without);
  ASSERT_TRUE(with.valid()) << allProblems(with);
  ASSERT_TRUE(without.hash && with.hash);
  // Adding steps (with the comment above them), or rewording one, keeps the identity ...
  EXPECT_EQ(*with.hash, *without.hash);
  std::string reworded = kHead + kSteps;
  reworded.replace(reworded.find("Carry it into the target"), 24, "Bring the crate to the circle");
  const ValidationReport r2 = check(reworded);
  ASSERT_TRUE(r2.hash);
  EXPECT_EQ(*r2.hash, *without.hash);
  // ... steps before other tables too ...
  const std::string before = kHead.substr(0, kHead.find("[[rubric]]")) + kSteps.substr(1) + "\n" +
                             kHead.substr(kHead.find("[[rubric]]"));
  const ValidationReport r3 = check(before);
  ASSERT_TRUE(r3.valid()) << allProblems(r3);
  EXPECT_EQ(r3.scenario->steps.size(), 2u);
  EXPECT_EQ(r3.scenario->rubric.criteria.size(), 1u);
  // ... while a rubric value still changes it.
  std::string rubric = kHead + kSteps;
  rubric.replace(rubric.find("points = 5"), 10, "points = 6");
  const ValidationReport r4 = check(rubric);
  ASSERT_TRUE(r4.hash);
  EXPECT_NE(*r4.hash, *without.hash);
}

TEST(TaskSteps, CommittedScenariosKeepTheirHashWithSteps) {
  // The shipped scenarios' steps are presentation: their hash is what the committed reference
  // traces name (tests/app/ReferenceTraceTest checks that); here, every step's target is a zone
  // and both languages are there.
  const std::filesystem::path root(SKILLSIM_SOURCE_DIR);
  auto read = [](const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  for (const char* name : {"q2_practical.toml", "practice_single_lift.toml"}) {
    const auto file = root / "scenarios/overhead_crane" / name;
    auto s = loadScenario(file);
    ASSERT_TRUE(s) << s.error().toString();
    // The same file cut before its steps (the committed file as it was) has the same identity.
    const std::string text = read(file);
    const auto cut = text.find("\n# ---- Task steps");
    ASSERT_NE(cut, std::string::npos);
    const ValidationReport without = validateScenarioText(
        text.substr(0, cut), file.string(), read(s->standardFile), s->standardFile.string());
    ASSERT_TRUE(without.hash) << allProblems(without);
    EXPECT_EQ(*without.hash, s->hash) << name;
    EXPECT_TRUE(without.scenario->steps.empty());
    EXPECT_GE(s->steps.size(), 4u) << name;
    for (const TaskStep& st : s->steps) {
      EXPECT_FALSE(st.textZh.empty());
      EXPECT_FALSE(st.textEn.empty());
    }
  }
}

TEST(StepTracker, StepsAdvanceInOrderOneEventEach) {
  StepTracker t({step(sim::SimEventKind::Machine, "horn", ""),
                 step(sim::SimEventKind::ZoneEnter, "", "b", "b"),
                 step(sim::SimEventKind::ZoneEnter, "", "c", "c")});
  EXPECT_EQ(t.current(), 0u);
  EXPECT_EQ(t.currentTarget(), std::nullopt);
  // Entering c before b does nothing: only the current step's trigger counts.
  const sim::SimEvent early[] = {zoneEnter(5, "c")};
  t.observe(early, {});
  EXPECT_EQ(t.current(), 0u);
  // Horn and b in one tick: the horn completes step 0, the zone event then step 1.
  const sim::SimEvent both[] = {sim::SimEvent::machine(9, "horn", "horn"), zoneEnter(9, "b")};
  t.observe(both, {});
  EXPECT_EQ(t.current(), 2u);
  EXPECT_EQ(t.currentTarget(), std::optional<std::string>("c"));
  // One event completes at most one step, even when the next step wants the same event.
  const sim::SimEvent c[] = {zoneEnter(20, "c")};
  t.observe(c, {});
  EXPECT_TRUE(t.allDone());
  EXPECT_EQ(t.currentTarget(), std::nullopt);
  EXPECT_EQ(t.doneTicks(), (std::vector<std::uint64_t>{9, 9, 20}));
}

TEST(StepTracker, CountAndAfterAreHonoured) {
  TaskStep twice = step(sim::SimEventKind::Machine, "horn", "");
  twice.done.count = 2;
  TaskStep afterCarry = step(sim::SimEventKind::ZoneEnter, "", "b");
  afterCarry.done.after = "carry";
  StepTracker t({twice, afterCarry, step(sim::SimEventKind::Machine, "horn", "")});
  const sim::SimEvent horn1[] = {sim::SimEvent::machine(1, "horn", "horn")};
  t.observe(horn1, {});
  EXPECT_EQ(t.current(), 0u);
  const sim::SimEvent horn2[] = {sim::SimEvent::machine(2, "horn", "horn")};
  t.observe(horn2, {});
  EXPECT_EQ(t.current(), 1u);
  bool carryEnded = false;
  auto ended = [&](const std::string& id) { return id == "carry" && carryEnded; };
  const sim::SimEvent b1[] = {zoneEnter(3, "b")};
  t.observe(b1, ended);
  EXPECT_EQ(t.current(), 1u); // carry has not ended
  carryEnded = true;
  const sim::SimEvent b2[] = {zoneEnter(4, "b")};
  t.observe(b2, ended);
  EXPECT_EQ(t.current(), 2u);
  EXPECT_EQ(t.doneTicks(), (std::vector<std::uint64_t>{2, 4}));
}

TEST(StepTracker, NoStepsIsDoneAtOnce) {
  StepTracker t({});
  EXPECT_TRUE(t.allDone());
  EXPECT_EQ(t.currentTarget(), std::nullopt);
}
