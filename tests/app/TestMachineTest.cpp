// Issue 12, point 5: a machine defined only here — a cart on a straight rail with a continuous
// throttle and a hold-to-enable device — goes through the scenario loader, the input mapper, the
// one attempt loop, the trace, the HUD model and the report with no line of engine code naming
// it. If any consumer still assumed the overhead crane, this file would not compile or these
// expectations would fail.
#include <skillsim/core/Controls.h>
#include <skillsim/physics/World.h>
#include <skillsim/platform/Bindings.h>
#include <skillsim/platform/InputMapper.h>
#include <skillsim/records/TraceReader.h>
#include <skillsim/records/TraceWriter.h>
#include <skillsim/records/WorkstationKey.h>
#include <skillsim/report/ReportScenarioOverlay.h>
#include <skillsim/report/ReportWriter.h>
#include <skillsim/scenario/AttemptRunner.h>
#include <skillsim/scenario/ScenarioLoader.h>
#include <skillsim/sim/Machine.h>
#include <skillsim/sim/Simulation.h>
#include <skillsim/sim/machines/overhead_crane/OverheadCraneSpec.h>
#include <skillsim/ui/HudModel.h>
#include <skillsim/ui/MachinePanel.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <glm/gtc/matrix_transform.hpp>

using namespace skillsim;

namespace {

/** The cart's file section: `[machine] kind = "test_cart"`, rail_length (m), max_speed (m/s). */
struct CartParams : sim::MachineParams {
  double railLength = 10.0;
  double maxSpeed = 2.0;
};

/**
 * A kinematic cart: while the enabling device is held it moves along +X at throttle × max_speed
 * (the throttle is continuous, in [-1, 1]); at either end of the rail it stops and raises an
 * "end_stop" event. Metrics: cart_position (m), cart_speed (m/s), cart_z (m, always 0).
 */
class Cart final : public sim::Machine {
public:
  Cart(const CartParams& p, physics::World& world, double dt)
      : mParams(p), mWorld(world), mTimeStep(dt) {
    physics::BodyDesc body;
    body.name = "cart.body";
    body.tags = {"cart"};
    body.shape.size = {1.0, 0.5, 0.6};
    body.motion = physics::Motion::Kinematic;
    body.position = {0.0, 0.25, 0.0};
    mBody = mWorld.addBody(body).value();
  }
  void addMetrics(sim::Metrics& m) override {
    mPositionMetric = m.add("cart_position");
    mSpeedMetric = m.add("cart_speed");
    mZMetric = m.add("cart_z");
  }
  void beforeStep(const sim::StepInput& in, std::vector<sim::SimEvent>& events) override {
    const bool enabled = in.actions.button(0);
    mSpeed = enabled ? static_cast<double>(in.actions.axis(0)) * mParams.maxSpeed : 0.0;
    double next = mPosition + mSpeed * mTimeStep;
    if (next < 0.0 || next > mParams.railLength) {
      next = std::clamp(next, 0.0, mParams.railLength);
      if (!mAtStop) {
        events.push_back(sim::SimEvent::machine(in.tick, "end_stop", "cart"));
        mLastEvent = events.back();
      }
      mAtStop = true;
      mSpeed = 0.0;
    } else {
      mAtStop = false;
    }
    mPosition = next;
    mWorld.setKinematicPose(mBody, {mPosition, 0.25, 0.0}, glm::dquat(1.0, 0.0, 0.0, 0.0));
  }
  void afterStep(std::uint64_t, std::vector<sim::SimEvent>&) override {}
  void writeMetrics(sim::Metrics& m) const override {
    m.set(mPositionMetric, mPosition);
    m.set(mSpeedMetric, mSpeed);
    m.set(mZMetric, 0.0);
  }
  void hash(core::Hasher& h) const override {
    h.update(mPosition);
    h.update(mSpeed);
  }
  void buildScene(sim::SceneTables& t) override {
    mMesh = t.addMesh(core::MeshKind::Box, {1.0, 0.5, 0.6}, "cart");
    mMaterial = t.addMaterial({0.2f, 0.6f, 0.9f, 1.0f}, 0.5f, 0.0f, "cart");
  }
  void fillScene(core::SceneView& view) const override {
    view.instances.push_back(core::Instance{
        mMesh, mMaterial,
        glm::mat4(glm::translate(glm::dmat4(1.0), glm::dvec3(mPosition, 0.25, 0.0))), true});
  }
  [[nodiscard]] std::optional<glm::dvec3> bodyPosition(std::string_view name) const override {
    return name == "cart.body" ? std::optional(glm::dvec3(mPosition, 0.25, 0.0)) : std::nullopt;
  }
  [[nodiscard]] std::optional<core::BodyId> body(std::string_view name) const override {
    return name == "cart.body" ? std::optional(mBody) : std::nullopt;
  }
  [[nodiscard]] std::optional<glm::dvec3> anchorPoint(std::string_view anchor) const override {
    return anchor == "seat" ? std::optional(glm::dvec3(mPosition, 1.2, 0.0)) : std::nullopt;
  }
  /** Its panel: "rolling" / "at the end stop", the rail's two ends with the nearer one current. */
  [[nodiscard]] sim::PanelState panelState() const override {
    sim::PanelState s;
    s.selected = {mAtStop ? 1 : 0};
    s.lines = {"0 m", "3 m"};
    s.currentLine = mPosition > 0.5 * mParams.railLength ? 1 : 0;
    s.message = mLastEvent;
    return s;
  }

private:
  CartParams mParams;
  physics::World& mWorld;
  double mTimeStep;
  core::BodyId mBody;
  double mPosition = 0.0;
  double mSpeed = 0.0;
  bool mAtStop = false;
  std::optional<sim::SimEvent> mLastEvent;
  std::size_t mPositionMetric = 0, mSpeedMetric = 0, mZMetric = 0;
  core::MeshId mMesh;
  core::MaterialId mMaterial;
};

class CartType final : public sim::MachineType {
public:
  [[nodiscard]] std::string_view kind() const override { return "test_cart"; }
  std::shared_ptr<const sim::MachineParams> parse(sim::SectionReader& r) const override {
    auto p = std::make_shared<CartParams>();
    p->railLength = r.number("rail_length", true, sim::NumberRange::positive()).value_or(10.0);
    p->maxSpeed = r.number("max_speed", false, {0.0, 5.0, true, false}).value_or(p->maxSpeed);
    return p;
  }
  [[nodiscard]] sim::MachineDecl describe(const sim::MachineParams& params) const override {
    const auto& p = static_cast<const CartParams&>(params);
    sim::MachineDecl d;
    d.kind = "test_cart";
    d.titleZh = "轨道小推车";
    d.titleEn = "rail cart";
    core::ControlDecl throttle;
    throttle.id = "throttle";
    throttle.nameZh = "油门";
    throttle.nameEn = "throttle";
    throttle.kind = core::ControlKind::Continuous;
    throttle.binding = {"Right", "Left", "left_x", false};
    core::ControlDecl enable;
    enable.id = "enable";
    enable.nameZh = "使能";
    enable.nameEn = "enabling device";
    enable.kind = core::ControlKind::HoldToEnable;
    enable.binding = {"LeftShift", {}, "left_bumper", false};
    d.controls = core::ControlLayout({throttle, enable});
    d.metrics = {
        {"cart_position", sim::Unit::Metre, -0.1, p.railLength + 0.1, "小车位置", "cart position"},
        {"cart_speed", sim::Unit::MetrePerSecond, -5.0, 5.0, "小车速度", "cart speed"},
        {"cart_z", sim::Unit::Metre, -1.0, 1.0, "横向位置", "lateral position"}};
    d.readouts = {{"cart_position", 2, {}, {}, true}, {"cart_speed", 2, {}, {}, true}};
    d.events = {{"end_stop", "撞到端部止挡", "end stop reached", false}};
    d.bodies = {"cart.body"};
    d.bodyTags = {"cart"};
    d.cameraAnchors = {"seat"};
    d.planX = "cart_position";
    d.planZ = "cart_z";
    d.planHeight = "cart_z";
    d.sceneCentre = {0.5 * p.railLength, 0.0, 0.0};
    d.sceneExtent = p.railLength;
    // A panel: the rail's state shown, the enabling device (label: its name) and two drive keys.
    d.panel.titleZh = "操作台";
    d.panel.titleEn = "console";
    d.panel.selectors = {{"轨道", "rail", {{"", "行驶", "rolling"}, {"", "到端部", "at the end"}}}};
    d.panel.groups = {{"驾驶",
                       "drive",
                       {{"enable", "", ""},
                        {"throttle", "前进", "forward", 1.0f},
                        {"throttle", "后退", "back", -1.0f}}}};
    return d;
  }
  core::Expected<std::unique_ptr<sim::Machine>> create(const sim::MachineParams& params,
                                                       sim::MachineContext& c) const override {
    return std::unique_ptr<sim::Machine>(
        std::make_unique<Cart>(static_cast<const CartParams&>(params), c.world, c.timeStep));
  }
};

sim::MachineRegistry registryWithCart() {
  sim::MachineRegistry r = sim::MachineRegistry::builtIn();
  r.add(std::make_shared<CartType>());
  return r;
}

const std::string kStandard = R"(format = "skillsim.standard/1"
id = "cart-std"
version = "1"
title_zh = "推车"
title_en = "Cart"
trade = "test_cart"
pass_mark = 60

[[items]]
id = "drive"
clause = "1"
category = "safety"
points = 100
description_zh = "驾驶"
description_en = "Driving"
)";

const std::string kScenario = R"(format = "skillsim.scenario/1"
id = "cart.test"
version = "1"
title_zh = "推车测试"
title_en = "Cart test"
trade = "test_cart"
standard = "cart-std"

[simulation]
tick_rate = 100

[attempt]
time_limit_s = 60
end = { event = "end_stop" }

[machine]
kind = "test_cart"
rail_length = 3.0
max_speed = 1.5

[[cameras]]
name = "seat"
kind = "operator_cab"
position = [0, 0, 0]
target = [1, -1, 0]

[[rubric]]
id = "too_fast"
item = "drive"
kind = "metric_band"
metric = "cart_speed"
max = 1.0
charge = "per_occurrence"
points = 10

[[rubric]]
id = "no_reverse"
item = "drive"
kind = "forbidden_action"
axis = "throttle"
when = "below"
threshold = -0.5
points = 20
)";

} // namespace

TEST(TestMachine, UnknownMachineKindIsNamedWithTheKindsAvailable) {
  // Without the cart registered the built-in registry refuses the kind, naming what it has.
  auto report = scenario::validateScenarioText(kScenario, "cart.toml", kStandard, "cart-std.toml");
  ASSERT_FALSE(report.valid());
  bool named = false;
  for (const auto& p : report.problems) {
    named = named || (p.location.fieldPath == "machine.kind" &&
                      p.message.find("overhead_crane") != std::string::npos);
  }
  EXPECT_TRUE(named) << report.problems.front().toString();
}

TEST(TestMachine, ABadValueInTheMachinesSectionIsReportedAtItsKey) {
  const sim::MachineRegistry registry = registryWithCart();
  std::string text = kScenario;
  text.replace(text.find("rail_length = 3.0"), 17, "rail_length = -3.0");
  auto report =
      scenario::validateScenarioText(text, "cart.toml", kStandard, "cart-std.toml", &registry);
  ASSERT_EQ(report.problems.size(), 1u) << report.problems.front().toString();
  EXPECT_EQ(report.problems[0].location.fieldPath, "machine.rail_length");
  const auto at = text.find("rail_length = -3.0");
  EXPECT_EQ(report.problems[0].location.line,
            1u + static_cast<std::uint32_t>(std::count(text.begin(), text.begin() + at, '\n')));
}

TEST(TestMachine, RunsThroughLoaderMapperAttemptLoopTraceHudAndReport) {
  const sim::MachineRegistry registry = registryWithCart();
  auto report =
      scenario::validateScenarioText(kScenario, "cart.toml", kStandard, "cart-std.toml", &registry);
  ASSERT_TRUE(report.valid()) << report.problems.front().toString();
  const scenario::Scenario& scenario = *report.scenario;
  ASSERT_TRUE(scenario.machine);
  const core::ControlLayout& controls = scenario.machine->controls;
  EXPECT_EQ(controls.axisIds(), std::vector<std::string>{"throttle"});
  EXPECT_EQ(controls.buttonIds(), std::vector<std::string>{"enable"});

  // Inputs through the real mapper from the declared default bindings: 1 s with the throttle
  // pushed (Right) but the device not held, then Right + LeftShift until the end stop.
  platform::InputMapper mapper(platform::defaultBindings(controls), controls);
  platform::RawInput noEnable;
  noEnable.setKey(platform::Key::Right, true);
  platform::RawInput driving = noEnable;
  driving.setKey(platform::Key::LeftShift, true);
  std::vector<core::ActionState> actions;
  for (int t = 0; t < 100; ++t) {
    actions.push_back(mapper.map(noEnable).actions);
  }
  for (int t = 0; t < 500; ++t) {
    actions.push_back(mapper.map(driving).actions);
  }
  EXPECT_EQ(actions.back().axis(0), 1.0f);
  EXPECT_TRUE(actions.back().button(0));

  // The one attempt loop: the cart moves at max_speed = 1.5 m/s only while enabled, so it reaches
  // the 3 m end stop 2 s after the device is held (t = 3.0 s, tick 300; x = v t exactly).
  auto runner = scenario::AttemptRunner::create(scenario);
  ASSERT_TRUE(runner) << runner.error().toString();
  std::vector<sim::SimEvent> events;
  std::vector<double> positions;
  (*runner)->addObserver([&](const scenario::AttemptTick& tick) {
    for (const auto& e : tick.simulation.events()) {
      events.push_back(e);
    }
    positions.push_back(
        tick.simulation.metrics().get(*tick.simulation.metrics().find("cart_position")));
  });
  scenario::RecordedInputs inputs(actions);
  const assessment::AttemptResult result = (*runner)->run(inputs);
  ASSERT_GE(positions.size(), 200u);
  EXPECT_EQ(positions[99], 0.0) << "no motion without the enabling device";
  EXPECT_NEAR(positions[149], 1.5 * 0.5, 1e-12) << "x = v t after 0.5 s enabled";
  ASSERT_EQ(events.size(), 1u);
  EXPECT_TRUE(events[0].is("end_stop"));
  // x = v t reaches 3 m on the 200th enabled tick (tick 300); rounding of the 0.015 m steps may
  // put it one tick later.
  EXPECT_GE(events[0].tick, 300u);
  EXPECT_LE(events[0].tick, 301u);
  EXPECT_TRUE(result.completed) << "the end_stop event ends the attempt (attempt.end)";
  // cart_speed 1.5 > 1.0 m/s once: −10. The throttle never went below −0.5: no deduction.
  ASSERT_EQ(result.deductions.size(), 1u);
  EXPECT_EQ(result.deductions[0].criterionId, "too_fast");
  EXPECT_DOUBLE_EQ(result.totalPoints, 90.0);
  // A deduction is placed at the machine's plan-view point (cart_position, cart_z).
  EXPECT_NEAR(result.deductions[0].position.x, 1.5 / 100.0, 1e-12);

  // The trace records the cart's layout (format 2) and reads back under it; the crane's layout
  // is refused by name.
  const auto dir = std::filesystem::temp_directory_path() / "skillsim-test-machine";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto key = records::WorkstationKey::loadOrCreate(dir / "key");
  ASSERT_TRUE(key) << key.error().toString();
  records::TraceHeader header;
  header.scenarioId = scenario.id;
  header.tickRate = scenario.tickRate;
  header.setControls(controls);
  auto writer = records::TraceWriter::create(dir / "cart.sktrace", header, *key);
  ASSERT_TRUE(writer) << writer.error().toString();
  for (const auto& a : actions) {
    ASSERT_TRUE(writer->append(a));
  }
  ASSERT_TRUE(writer->finish(result));
  auto trace = records::TraceReader::read(dir / "cart.sktrace");
  ASSERT_TRUE(trace) << trace.error().toString();
  EXPECT_EQ(trace->header.formatVersion, records::kTraceFormatVersion);
  EXPECT_EQ(trace->header.axisControls, std::vector<std::string>{"throttle"});
  EXPECT_EQ(trace->actions.toVector(), actions);
  EXPECT_TRUE(records::checkTraceControls(*trace, "cart.sktrace", controls));
  const sim::MachineDecl crane = sim::overheadCraneType()->describe(sim::OverheadCraneSpec{});
  auto refused = records::checkTraceControls(*trace, "cart.sktrace", crane.controls);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("records controls (throttle)"), std::string::npos)
      << refused.error().message;

  // The HUD model from the declarations, in both languages.
  ui::HudModel hud;
  ui::fillControls(hud, controls, actions.back(), ui::Language::ChineseSimplified);
  ui::fillReadouts(hud, *scenario.machine, (*runner)->simulation().metrics(),
                   ui::Language::English);
  ASSERT_EQ(hud.controls.size(), 2u);
  EXPECT_EQ(hud.controls[0].label, "油门");
  EXPECT_EQ(hud.controls[0].kind, core::ControlKind::Continuous);
  EXPECT_EQ(hud.controls[0].value, 1.0f);
  EXPECT_EQ(hud.controls[1].kind, core::ControlKind::HoldToEnable);
  EXPECT_TRUE(hud.controls[1].held);
  ASSERT_EQ(hud.readouts.size(), 2u);
  EXPECT_EQ(hud.readouts[0].label, "cart position");
  EXPECT_DOUBLE_EQ(hud.readouts[0].value, 3.0);

  // The report's data and plots from the declared readouts.
  EXPECT_EQ(report::reportSampledMetrics(*scenario.machine),
            (std::vector<std::string>{"cart_position", "cart_z", "cart_position", "cart_speed"}));
  report::ReportAttempt attempt;
  attempt.attemptId = "cart-1";
  attempt.series = report::reportSeries(scenario, "en", {}, 3.0);
  ASSERT_EQ(attempt.series.size(), 2u);
  EXPECT_EQ(attempt.series[1].id, "cart_speed");
  EXPECT_EQ(attempt.series[1].yLabel, "cart speed (m/s)");
  ASSERT_EQ(attempt.series[1].bands.size(), 1u);
  EXPECT_DOUBLE_EQ(attempt.series[1].bands[0].high, 1.0);
  for (std::size_t i = 0; i < positions.size(); i += 10) {
    attempt.samples.push_back(
        {static_cast<double>(i) / 100.0, positions[i], 0.0, {positions[i], i < 100 ? 0.0 : 1.5}});
  }
  report::ReportDocument document;
  document.language = "en";
  document.attempts = {attempt};
  auto html = report::writeHtmlReport(document);
  ASSERT_TRUE(html) << html.error().toString();
  EXPECT_NE(html->find("class=\"plot plot-cart_speed\""), std::string::npos);
  EXPECT_NE(html->find("cart speed over time"), std::string::npos);
  EXPECT_EQ(html->find("plot-load_swing_angle"), std::string::npos) << "no crane plot for a cart";
}

TEST(TestMachine, APanelClickIsThatControlPressedOnTheNextTickAndIsRecordedLikeAKey) {
  const sim::MachineRegistry registry = registryWithCart();
  auto report =
      scenario::validateScenarioText(kScenario, "cart.toml", kStandard, "cart-std.toml", &registry);
  ASSERT_TRUE(report.valid()) << report.problems.front().toString();
  const scenario::Scenario& scenario = *report.scenario;
  const core::ControlLayout& controls = scenario.machine->controls;
  ASSERT_TRUE(scenario.machine->panel.present());

  // Each tick: the keys through the real mapper (none pressed), then the panel's buttons on top,
  // exactly as the workstation builds the tick it records.
  platform::InputMapper mapper(platform::defaultBindings(controls), controls);
  const platform::RawInput noKeys;
  ui::PanelInput panel(controls);
  std::vector<core::ActionState> actions;
  auto tick = [&] {
    core::ActionState a = mapper.map(noKeys).actions;
    panel.apply(a);
    actions.push_back(a);
  };
  // A quick click on "enable": pressed and released within one frame, before any tick ran.
  panel.hold({{"enable", 1.0f}});
  panel.hold({});
  tick();
  tick();
  EXPECT_TRUE(actions[0].button(0)) << "the click is the next tick's press";
  EXPECT_FALSE(actions[1].button(0)) << "and only that tick's";
  EXPECT_EQ(actions[0].axis(0), 0.0f);
  for (int t = 2; t < 100; ++t) {
    tick();
  }
  // Then "enable" and "forward" held on the panel until the end stop (tick 100 on).
  panel.hold({{"enable", 1.0f}, {"throttle", 1.0f}});
  for (int t = 0; t < 500; ++t) {
    tick();
  }
  EXPECT_TRUE(actions.back().button(0));
  EXPECT_EQ(actions.back().axis(0), 1.0f);

  auto runner = scenario::AttemptRunner::create(scenario);
  ASSERT_TRUE(runner) << runner.error().toString();
  std::vector<double> positions;
  (*runner)->addObserver([&](const scenario::AttemptTick& t) {
    positions.push_back(t.simulation.metrics().get(*t.simulation.metrics().find("cart_position")));
  });
  scenario::RecordedInputs inputs(actions);
  const assessment::AttemptResult result = (*runner)->run(inputs);
  ASSERT_GE(positions.size(), 200u);
  EXPECT_EQ(positions[0], 0.0) << "enabled, throttle 0: no motion";
  EXPECT_EQ(positions[99], 0.0);
  EXPECT_NEAR(positions[149], 1.5 * 0.5, 1e-12) << "x = v t, 0.5 s on the panel's forward key";
  EXPECT_TRUE(result.completed) << "the end stop ends it, as with the keys";
  EXPECT_DOUBLE_EQ(result.totalPoints, 90.0) << "the same deduction as the keyboard run";

  // The panel model: the rail's state, the current line, the message, labels in the language.
  ui::PanelModel model;
  ui::fillPanel(model, *scenario.machine, (*runner)->simulation().panelState(), actions.back(),
                ui::Language::ChineseSimplified);
  EXPECT_EQ(model.title, "操作台");
  ASSERT_EQ(model.selectors.size(), 1u);
  EXPECT_FALSE(model.selectors[0].buttons[0].selected);
  EXPECT_TRUE(model.selectors[0].buttons[1].selected) << "at the end stop";
  ASSERT_EQ(model.groups.size(), 1u);
  ASSERT_EQ(model.groups[0].buttons.size(), 3u);
  EXPECT_EQ(model.groups[0].buttons[0].label, "使能") << "the control's own name";
  EXPECT_TRUE(model.groups[0].buttons[0].held);
  EXPECT_TRUE(model.groups[0].buttons[1].held) << "forward: throttle at +1";
  EXPECT_FALSE(model.groups[0].buttons[2].held) << "back: throttle not below 0";
  EXPECT_EQ(model.lines, (std::vector<std::string>{"0 m", "3 m"}));
  EXPECT_EQ(model.currentLine, 1);
  EXPECT_EQ(model.message, "撞到端部止挡") << "end_stop has no toast: its label";
}
