// The machine panel beside the 3D view (issue 16, point 5): the teach pendant declared by the
// industrial robot as machine-neutral data (sim::PanelDecl) and filled from what the robot shows
// each tick (sim::PanelState): the mode key switch, the program rows in RAPID notation with the
// cursor row, the message line in the trainee's language; and the readouts it declares.

#include <skillsim/sim/Simulation.h>
#include <skillsim/sim/machines/industrial_robot/IndustrialRobotSpec.h>
#include <skillsim/ui/HudModel.h>
#include <skillsim/ui/MachinePanel.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace skillsim::ui {
namespace {

/** The robot alone in a cell (no bodies): the pendant needs no parts. */
std::unique_ptr<sim::Simulation> robotCell() {
  sim::SimulationSpec spec;
  spec.machine = sim::industrialRobotMachine(sim::IndustrialRobotSpec{});
  auto s = sim::Simulation::create(spec);
  EXPECT_TRUE(s) << s.error().toString();
  return s ? std::move(*s) : nullptr;
}

/** One tick with `control` pressed through the panel, then one tick with nothing held. */
void click(sim::Simulation& s, PanelInput& panel, const std::string& control) {
  panel.hold({{control, 1.0f}});
  panel.hold({}); // released before a tick ran: the press still reaches the next tick
  core::ActionState a;
  panel.apply(a);
  s.step(a);
  core::ActionState none;
  panel.apply(none);
  s.step(none);
}

const PanelGroupModel* selector(const PanelModel& m, std::string_view title) {
  auto it = std::find_if(m.selectors.begin(), m.selectors.end(),
                         [&](const PanelGroupModel& g) { return g.title == title; });
  return it == m.selectors.end() ? nullptr : &*it;
}

std::string selectedLabel(const PanelGroupModel& g) {
  for (const PanelButtonModel& b : g.buttons) {
    if (b.selected) {
      return b.label;
    }
  }
  return "(none)";
}

TEST(MachinePanel, TheRobotsPendantListsTheModeTheProgramRowsAndTheCursorRow) {
  auto sim = robotCell();
  ASSERT_TRUE(sim);
  const sim::MachineDecl& decl = *sim->machine();
  ASSERT_TRUE(decl.panel.present());
  PanelInput panel(decl.controls);

  PanelModel m;
  fillPanel(m, decl, sim->panelState(), {}, Language::English);
  EXPECT_EQ(m.title, "teach pendant");
  ASSERT_NE(selector(m, "operating mode"), nullptr);
  EXPECT_EQ(selectedLabel(*selector(m, "operating mode")), "T1 reduced speed") << "starts in T1";
  EXPECT_EQ(selectedLabel(*selector(m, "jog mode")), "axes");
  EXPECT_EQ(selectedLabel(*selector(m, "jog increment")), "continuous");
  EXPECT_TRUE(m.lines.empty());
  EXPECT_EQ(m.currentLine, -1);
  EXPECT_EQ(m.message, "");

  // Teach MoveJ, MoveL, insert a gripper close, then the cursor up one row: every press a click.
  click(*sim, panel, "teach_movej");
  click(*sim, panel, "teach_movel");
  click(*sim, panel, "insert_grip_on");
  click(*sim, panel, "cursor_up");
  click(*sim, panel, "jog_base");
  click(*sim, panel, "jog_increment");
  click(*sim, panel, "jog_increment");
  fillPanel(m, decl, sim->panelState(), {}, Language::English);
  // Taught rows run at the pendant's teach speed, 100 mm/s, to a stop point (RAPID v100, fine).
  EXPECT_EQ(m.lines, (std::vector<std::string>{"1  MoveJ p1, v100, fine", "2  MoveL p2, v100, fine",
                                               "3  SetDO do0, 1"}));
  EXPECT_EQ(m.currentLine, 1) << "three rows, the cursor on the last, then up one";
  EXPECT_EQ(m.linesTitle, "program");
  EXPECT_EQ(selectedLabel(*selector(m, "jog mode")), "linear, base");
  EXPECT_EQ(selectedLabel(*selector(m, "jog increment")), "medium") << "two presses on";

  // T2 from the panel's key switch; the message line shows the event in the trainee's language.
  click(*sim, panel, "mode_t2");
  fillPanel(m, decl, sim->panelState(), {}, Language::ChineseSimplified);
  EXPECT_EQ(m.title, "示教器");
  EXPECT_EQ(selectedLabel(*selector(m, "运行模式")), "T2 手动全速");
  EXPECT_EQ(m.message, "切换运行模式") << "mode_changed has no toast: its label";
  // Stepping without the enabling device held is refused with the declared toast.
  click(*sim, panel, "step_forward");
  fillPanel(m, decl, sim->panelState(), {}, Language::English);
  EXPECT_EQ(m.message, "Not allowed now");
  EXPECT_EQ(m.lines.size(), 3u) << "a refused step changes no row";
}

TEST(MachinePanel, PanelJogButtonsHoldTheAxisAndShowAsHeld) {
  auto sim = robotCell();
  ASSERT_TRUE(sim);
  const sim::MachineDecl& decl = *sim->machine();
  PanelInput panel(decl.controls);
  // The enabling device on its key (the mapper would set it), jog 1 − held on the panel for
  // 1 s: axis 1 turns at −10 % of its top speed (250°/s in the default arm) = −25°.
  const std::size_t enable = *decl.controls.buttonBit("enabling_device");
  panel.hold({{"jog_1", -1.0f}});
  core::ActionState last;
  for (int i = 0; i < 240; ++i) {
    core::ActionState a;
    a.setButton(enable, true);
    panel.apply(a);
    sim->step(a);
    last = a;
  }
  EXPECT_EQ(last.axis(*decl.controls.axisSlot("jog_1")), -1.0f);
  const double joint1 = sim->metrics().get(*sim->metrics().find("joint_1"));
  EXPECT_NEAR(joint1, -25.0 * std::acos(-1.0) / 180.0, 1e-6);
  PanelModel m;
  fillPanel(m, decl, sim->panelState(), last, Language::English);
  const auto jog = std::find_if(m.groups.begin(), m.groups.end(),
                                [](const PanelGroupModel& g) { return g.title == "jog"; });
  ASSERT_NE(jog, m.groups.end());
  ASSERT_GE(jog->buttons.size(), 2u);
  EXPECT_EQ(jog->buttons[0].label, "1 −");
  EXPECT_TRUE(jog->buttons[0].held) << "1 − is held";
  EXPECT_FALSE(jog->buttons[1].held) << "1 + is not";
  // A label left empty in the declaration is the control's own name.
  const auto edit = std::find_if(m.groups.begin(), m.groups.end(), [](const PanelGroupModel& g) {
    return g.title == "edit program";
  });
  ASSERT_NE(edit, m.groups.end());
  EXPECT_EQ(edit->buttons[0].label, "teach MoveJ");
  // Released: the next tick has no jog.
  panel.hold({});
  core::ActionState a;
  panel.apply(a);
  EXPECT_EQ(a.axis(*decl.controls.axisSlot("jog_1")), 0.0f);
}

TEST(MachinePanel, TheRobotsReadoutsShowModeToolCentrePointSpeedJointsWithLimitsToolAndRow) {
  auto sim = robotCell();
  ASSERT_TRUE(sim);
  const sim::MachineDecl& decl = *sim->machine();
  core::ActionState none;
  sim->step(none);
  HudModel hud;
  fillReadouts(hud, decl, sim->metrics(), Language::English);
  std::vector<std::string> labels;
  for (const HudReadout& r : hud.readouts) {
    labels.push_back(r.label);
  }
  // The mode as words: one flag per mode, labelled with its name (the HUD shows a flag's label
  // while it is on), then the values.
  EXPECT_EQ(labels,
            (std::vector<std::string>{
                "T1 manual reduced speed", "T2 manual full speed", "automatic",
                "tool centre point X", "tool centre point height", "tool centre point Z",
                "tool centre point speed", "tool closed", "current row", "axis 1 angle",
                "axis 2 angle", "axis 3 angle", "axis 4 angle", "axis 5 angle", "axis 6 angle"}));
  EXPECT_EQ(hud.readouts[0].unit, sim::Unit::Flag);
  EXPECT_EQ(hud.readouts[0].value, 1.0) << "T1";
  EXPECT_EQ(hud.readouts[1].value, 0.0) << "not T2";
  EXPECT_EQ(hud.readouts[2].value, 0.0) << "not automatic";
  EXPECT_EQ(hud.readouts[6].unit, sim::Unit::MetrePerSecond);
  EXPECT_EQ(hud.readouts[6].value, 0.0) << "standing still";
  // The joint readouts carry the arm's limits as their bands (IRB 120 axis 1: ±165°).
  const sim::IndustrialRobotSpec spec;
  std::size_t joints = 0;
  for (const sim::ReadoutDecl& r : decl.readouts) {
    if (r.metric.rfind("joint_", 0) == 0) {
      const std::size_t axis = static_cast<std::size_t>(r.metric.back() - '1');
      ASSERT_TRUE(r.bandMin && r.bandMax);
      EXPECT_EQ(*r.bandMin, spec.arm.axes[axis].min);
      EXPECT_EQ(*r.bandMax, spec.arm.axes[axis].max);
      ++joints;
    }
  }
  EXPECT_EQ(joints, 6u);
  EXPECT_NEAR(*decl.readouts[9].bandMax, 165.0 * std::acos(-1.0) / 180.0, 1e-9);
  // The TCP readouts read the tool centre point the arm anchors (m, world).
  const glm::dvec3 tcp = *sim->anchorPoint("tool");
  EXPECT_DOUBLE_EQ(hud.readouts[3].value, tcp.x);
  EXPECT_DOUBLE_EQ(hud.readouts[4].value, tcp.y);
  EXPECT_DOUBLE_EQ(hud.readouts[5].value, tcp.z);
}

// Issue 16: the speed override on the pendant, in the percent steps of a real pendant (1, 3, 10,
// 30, 50, 75, 100 %), the current one marked; its panel keys step it down and up.
TEST(MachinePanel, TheRobotsPendantShowsTheSpeedOverrideInPercentSteps) {
  auto sim = robotCell();
  ASSERT_TRUE(sim);
  const sim::MachineDecl& decl = *sim->machine();
  PanelInput panel(decl.controls);
  PanelModel m;
  core::ActionState none;
  sim->step(none);
  fillPanel(m, decl, sim->panelState(), {}, Language::English);
  const PanelGroupModel* overrideSelector = selector(m, "speed override");
  ASSERT_NE(overrideSelector, nullptr);
  std::vector<std::string> steps;
  for (const PanelButtonModel& b : overrideSelector->buttons) {
    steps.push_back(b.label);
  }
  EXPECT_EQ(steps, (std::vector<std::string>{"1%", "3%", "10%", "30%", "50%", "75%", "100%"}));
  EXPECT_EQ(selectedLabel(*overrideSelector), "100%");
  click(*sim, panel, "override_down");
  click(*sim, panel, "override_down");
  fillPanel(m, decl, sim->panelState(), {}, Language::English);
  EXPECT_EQ(selectedLabel(*selector(m, "speed override")), "50%");
  click(*sim, panel, "override_up");
  fillPanel(m, decl, sim->panelState(), {}, Language::English);
  EXPECT_EQ(selectedLabel(*selector(m, "speed override")), "75%");
}

TEST(MachinePanel, AMachineWithoutAPanelShowsNone) {
  sim::MachineDecl decl;
  PanelModel m;
  m.title = "stale";
  fillPanel(m, decl, {}, {}, Language::English);
  EXPECT_FALSE(m.present);
  EXPECT_TRUE(m.title.empty());
}

TEST(MachinePanel, ThePanelSitsRightBetweenTheDeductionsAndTheSessionButtons) {
  const ScreenRect r = panelRect(1280.0f, 1024.0f);
  // Side width min(380, 0.3 × 1280 = 384) = 380, 10 px margin; top 10 + 340 + 10.
  EXPECT_FLOAT_EQ(r.x, 1280.0f - 380.0f - 10.0f);
  EXPECT_FLOAT_EQ(r.y, 360.0f);
  EXPECT_FLOAT_EQ(r.width, 380.0f);
  EXPECT_FLOAT_EQ(r.height, 1024.0f - 56.0f - 20.0f - 360.0f);
}

} // namespace
} // namespace skillsim::ui
