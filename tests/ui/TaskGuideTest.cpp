// Task guidance (issue 14 point 3): the clock from the horn and its warnings, the reason the
// results screen gives for a time-limit stop, the controls card, and event toasts.
#include <skillsim/platform/Bindings.h>
#include <skillsim/ui/ControlsCard.h>
#include <skillsim/ui/HudGuide.h>
#include <skillsim/ui/TaskClock.h>

#include <gtest/gtest.h>

#include <filesystem>

using namespace skillsim;
using namespace skillsim::ui;

namespace {

const std::filesystem::path kAssets = std::filesystem::path(SKILLSIM_SOURCE_DIR) / "assets";

const I18n& english() {
  static const I18n t = *I18n::load(kAssets, Language::English);
  return t;
}

const I18n& chinese() {
  static const I18n t = *I18n::load(kAssets, Language::ChineseSimplified);
  return t;
}

assessment::PhaseSpan span(std::string id, std::uint64_t start, std::uint64_t end, bool running) {
  return {std::move(id), start, end, running};
}

/** A machine with one notched travel drive and one signal button (no real machine's names). */
core::ControlLayout testControls() {
  core::ControlDecl travel{
      "travel", "行走", "travel", core::ControlKind::Notched, 3, {"W", "S", "left_y", true}};
  core::ControlDecl signal{
      "signal", "信号", "signal", core::ControlKind::Button, 0, {"H", "", "a", false}};
  return core::ControlLayout({travel, signal});
}

} // namespace

TEST(TaskClock, WarnsAtTAndTenSecondsBeforeOneAndAHalfT) {
  // T = 240 s at 240 Hz, the phase starting at tick 1000 (the horn): T is reached 57 600 ticks
  // later (tick 58 600), 1.5 T - 10 s = 350 s is 84 000 ticks later (tick 85 000).
  TaskClock clock({{"task", 240.0}}, 240);
  std::vector<assessment::PhaseSpan> none;
  ClockReading r = clock.update(999, none);
  EXPECT_FALSE(r.started);
  EXPECT_EQ(r.warning, ClockWarning::None);
  std::vector<assessment::PhaseSpan> spans{span("task", 1000, 58599, true)};
  r = clock.update(58599, spans);
  EXPECT_TRUE(r.started);
  EXPECT_DOUBLE_EQ(r.elapsed, 57599.0 / 240.0);
  EXPECT_EQ(r.target, std::optional<double>(240.0));
  EXPECT_EQ(r.warning, ClockWarning::None);
  EXPECT_FALSE(r.newWarning);
  spans[0].endTick = 58600;
  r = clock.update(58600, spans);
  EXPECT_EQ(r.warning, ClockWarning::TargetReached);
  EXPECT_TRUE(r.newWarning);
  r = clock.update(58601, spans);
  EXPECT_EQ(r.warning, ClockWarning::TargetReached);
  EXPECT_FALSE(r.newWarning); // raised once
  r = clock.update(84999, spans);
  EXPECT_EQ(r.warning, ClockWarning::TargetReached);
  r = clock.update(85000, spans);
  EXPECT_EQ(r.warning, ClockWarning::StopSoon);
  EXPECT_TRUE(r.newWarning);
  EXPECT_EQ(r.stopAt, std::optional<double>(360.0));
  EXPECT_EQ(clockWarningText(r, english()), "10 s left: the attempt stops at 1.5 T = 06:00.0");
  EXPECT_EQ(clockWarningText(r, chinese()), "剩余 10 秒：到 1.5 T = 06:00.0 时考核终止");
  // Once the phase has ended, no warning is shown.
  spans[0] = span("task", 1000, 86000, false);
  r = clock.update(90000, spans);
  EXPECT_EQ(r.warning, ClockWarning::None);
  EXPECT_DOUBLE_EQ(r.phaseElapsed, 85000.0 / 240.0);
}

TEST(TaskClock, CountsFromTheFirstTimedPhaseAndShowsTheRunningOnesTarget) {
  // Two timed parts: the first from the horn (tick 240), the second from tick 24 240; the clock
  // keeps counting from the horn, the target is the running part's.
  TaskClock clock({{"first", 100.0}, {"second", 60.0}}, 240);
  std::vector<assessment::PhaseSpan> spans{span("first", 240, 12240, false),
                                           span("second", 24240, 24480, true)};
  const ClockReading r = clock.update(24480, spans);
  EXPECT_DOUBLE_EQ(r.elapsed, 101.0); // (24 480 - 240) / 240 s from the horn
  EXPECT_EQ(r.target, std::optional<double>(60.0));
  EXPECT_DOUBLE_EQ(r.phaseElapsed, 1.0);
  // A short T (<= 20 s): 1.5 T - 10 s comes before T, so the stop warning comes at T itself.
  TaskClock shortClock({{"short", 12.0}}, 100);
  std::vector<assessment::PhaseSpan> s{span("short", 0, 1200, true)};
  EXPECT_EQ(shortClock.update(1199, s).warning, ClockWarning::None);
  EXPECT_EQ(shortClock.update(1200, s).warning, ClockWarning::StopSoon);
}

TEST(TaskClock, WithoutATimeRuleItIsTheAttemptsClock) {
  TaskClock clock({}, 120);
  const ClockReading r = clock.update(600, {});
  EXPECT_TRUE(r.started);
  EXPECT_DOUBLE_EQ(r.elapsed, 5.0);
  EXPECT_FALSE(r.target);
}

TEST(TaskClock, ResultsNameTheTimeLimitThatStoppedTheAttempt) {
  assessment::Rubric rubric;
  rubric.tickRate = 240;
  rubric.timeLimit = 600.0;
  assessment::CriterionSpec time;
  time.id = "time_task";
  time.phase = "task";
  time.params = assessment::TimeLimitParams{240.0};
  rubric.criteria.push_back(time);
  assessment::AttemptResult hard;
  hard.completed = false;
  hard.endTick = 144000; // 600 s
  EXPECT_EQ(timeLimitStopReason(hard, rubric, english()),
            "Stopped: the time limit of 10:00.0 was reached.");
  EXPECT_EQ(timeLimitStopReason(hard, rubric, chinese()), "已终止：达到时间上限 10:00.0。");
  assessment::AttemptResult rule;
  rule.completed = false;
  rule.endTick = 86400 + 240;
  assessment::Deduction d;
  d.criterionId = "time_task";
  d.tick = rule.endTick;
  rule.deductions.push_back(d);
  EXPECT_EQ(timeLimitStopReason(rule, rubric, english()),
            "Stopped at 1.5 T = 06:00.0 (target time T = 04:00.0): the item's points are lost.");
  // Completed, or stopped for something else: no line.
  rule.completed = true;
  EXPECT_EQ(timeLimitStopReason(rule, rubric, english()), "");
  assessment::AttemptResult veto;
  veto.completed = false;
  veto.endTick = 5000;
  EXPECT_EQ(timeLimitStopReason(veto, rubric, english()), "");
}

TEST(ControlsCard, ListsTheDeclaredControlsWithTheirBindingsAndTheCommands) {
  const core::ControlLayout controls = testControls();
  const ControlsCard card =
      makeControlsCard(controls, platform::defaultBindings(controls), english());
  ASSERT_EQ(card.controls.size(), 2u);
  EXPECT_EQ(card.controls[0].label, "travel");
  EXPECT_EQ(card.controls[0].keys, "W / S");
  EXPECT_EQ(card.controls[0].gamepad, "left stick up/down");
  EXPECT_EQ(card.controls[1].label, "signal");
  EXPECT_EQ(card.controls[1].keys, "H");
  EXPECT_EQ(card.controls[1].gamepad, "A button");
  ASSERT_EQ(card.commands.size(), 5u);
  EXPECT_EQ(card.commands[0].label, "All controllers to neutral");
  EXPECT_EQ(card.commands[0].keys, "Space");
  EXPECT_EQ(card.commands[0].gamepad, "left bumper");
  EXPECT_EQ(card.commands[3].label, "Leave the attempt");
  EXPECT_EQ(card.commands[3].keys, "Escape");
  EXPECT_EQ(card.commands[4].label, "Show / hide this card");
  EXPECT_EQ(card.commands[4].keys, "F1");
  EXPECT_EQ(card.commands[4].gamepad, "");
  EXPECT_EQ(card.helpKey, "F1");
  const ControlsCard zh =
      makeControlsCard(controls, platform::defaultBindings(controls), chinese());
  EXPECT_EQ(zh.controls[0].label, "行走");
  EXPECT_EQ(zh.controls[0].gamepad, "左摇杆上下");
  EXPECT_EQ(zh.commands[4].label, "显示 / 隐藏本卡");
}

TEST(ControlsCard, FollowsAStationsBindingsFile) {
  const core::ControlLayout controls = testControls();
  auto bindings = platform::parseBindings(R"(
[keyboard]
travel = { increase = "Up", decrease = "Down" }
signal = "G"
controls_help = "F2"
[gamepad]
enabled = false
signal = "b"
)",
                                          "station.toml", controls);
  ASSERT_TRUE(bindings) << bindings.error().toString();
  const ControlsCard card = makeControlsCard(controls, *bindings, english());
  EXPECT_EQ(card.controls[0].keys, "Up / Down");
  EXPECT_EQ(card.controls[0].gamepad, ""); // gamepad off at this station
  EXPECT_EQ(card.controls[1].keys, "G");
  EXPECT_EQ(card.controls[1].gamepad, "");
  ASSERT_EQ(card.commands.size(), 1u); // only what the file binds
  EXPECT_EQ(card.commands[0].label, "Show / hide this card");
  EXPECT_EQ(card.helpKey, "F2");
}

TEST(EventToasts, FillTheDeclaredTemplateAndPlayTheCue) {
  sim::MachineDecl machine;
  machine.events = {
      {"signal", "信号", "signal", false, {sim::FeedbackCue::Horn, "信号", "Signal", {}, 2}},
      {"grip_refused",
       "未抓取",
       "grip refused",
       false,
       {sim::FeedbackCue::Buzz, "无法抓取：距 {value}，允许 {limit}",
        "Cannot grip: {value} from the part, limit {limit}", sim::Unit::Metre, 2}},
      {"quiet", "安静", "quiet", false, {}}};
  sim::SimEvent refused = sim::SimEvent::machine(10, "grip_refused", "part", 0.4213);
  refused.limit = 0.3;
  EXPECT_EQ(toastText(machine.events[1].feedback, refused, Language::English),
            "Cannot grip: 0.42 m from the part, limit 0.30 m");
  EXPECT_EQ(toastText(machine.events[1].feedback, refused, Language::ChineseSimplified),
            "无法抓取：距 0.42 m，允许 0.30 m"); // no table: SI symbols
  // With the UI table, the units in its words (assets/i18n/zh-CN.toml [unit] metre = " 米").
  EXPECT_EQ(toastText(machine.events[1].feedback, refused, Language::ChineseSimplified, &chinese()),
            "无法抓取：距 0.42 米，允许 0.30 米");
  ToastQueue queue;
  const sim::SimEvent events[] = {sim::SimEvent::machine(1, "signal", "signal"),
                                  sim::SimEvent::machine(1, "quiet", "quiet"), refused};
  const auto cues = queue.add(machine, events, 1.0, Language::English);
  EXPECT_EQ(cues, (std::vector<sim::FeedbackCue>{sim::FeedbackCue::Horn, sim::FeedbackCue::Buzz}));
  EXPECT_EQ(queue.shown(2.0), (std::vector<std::string>{
                                  "Signal", "Cannot grip: 0.42 m from the part, limit 0.30 m"}));
  EXPECT_EQ(queue.shown(1.0 + ToastQueue::kShownFor + 0.01), std::vector<std::string>{});
}
