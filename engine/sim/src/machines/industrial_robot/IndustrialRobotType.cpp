// The industrial robot's declarations, its scenario section and its machine type.

#include "IndustrialRobot.h"

#include <skillsim/sim/machines/industrial_robot/IndustrialRobotSpec.h>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace skillsim::sim {
namespace {

core::ControlDecl control(std::string id, std::string zh, std::string en, core::ControlKind kind,
                          std::string key, std::string keyDecrease, std::string pad,
                          bool invert = false) {
  core::ControlDecl c;
  c.id = std::move(id);
  c.nameZh = std::move(zh);
  c.nameEn = std::move(en);
  c.kind = kind;
  c.binding = {std::move(key), std::move(keyDecrease), std::move(pad), invert};
  return c;
}

core::ControlDecl button(std::string id, std::string zh, std::string en, std::string key,
                         std::string pad = {}) {
  return control(std::move(id), std::move(zh), std::move(en), core::ControlKind::Button,
                 std::move(key), {}, std::move(pad));
}

/**
 * The teach pendant as the workstation draws it (MachineDecl::panel): the mode key switch, the
 * jog frame and increment as selectors (the current one marked from IndustrialRobot::panelState),
 * then the safety, jog, edit and run keys over the declared controls (labels: the controls' names
 * unless shorter ones are given). The program list and the message line come from panelState().
 */
PanelDecl pendantPanel() {
  PanelDecl p;
  p.titleZh = "示教器";
  p.titleEn = "teach pendant";
  p.selectors.push_back({"运行模式",
                         "operating mode",
                         {{"mode_t1", "T1 手动限速", "T1 reduced speed"},
                          {"mode_t2", "T2 手动全速", "T2 full speed"},
                          {"mode_auto", "自动", "automatic"}}});
  p.selectors.push_back({"点动方式",
                         "jog mode",
                         {{"jog_joint", "单轴", "axes"},
                          {"jog_base", "线性（基坐标）", "linear, base"},
                          {"jog_work_object", "线性（工件坐标）", "linear, work object"},
                          {"jog_tool", "工具坐标", "tool"},
                          {"jog_reorient", "重定位", "reorient"}}});
  p.selectors.push_back({"点动增量",
                         "jog increment",
                         {{"", "连续", "continuous"},
                          {"", "小", "small"},
                          {"", "中", "medium"},
                          {"", "大", "large"}}});
  // The override's steps (IndustrialRobot::kOverrideSteps), the current one marked.
  p.selectors.push_back({"速度倍率",
                         "speed override",
                         {{"", "1%", "1%"},
                          {"", "3%", "3%"},
                          {"", "10%", "10%"},
                          {"", "30%", "30%"},
                          {"", "50%", "50%"},
                          {"", "75%", "75%"},
                          {"", "100%", "100%"}}});
  p.groups.push_back({"安全",
                      "safety",
                      {{"enabling_device", "使能器", "enabling device"},
                       {"enabling_squeezed", "使能器按到底", "squeezed through"},
                       {"emergency_stop", "急停", "emergency stop"},
                       {"reset", "复位", "reset"}}});
  PanelGroup jog{"点动", "jog", {}};
  for (int i = 1; i <= 6; ++i) {
    const std::string n = std::to_string(i);
    jog.buttons.push_back({"jog_" + n, n + " −", n + " −", -1.0f});
    jog.buttons.push_back({"jog_" + n, n + " +", n + " +", 1.0f});
  }
  jog.buttons.push_back({"jog_increment", "增量切换", "increment"});
  jog.buttons.push_back({"override_down", "倍率 −", "override −"});
  jog.buttons.push_back({"override_up", "倍率 +", "override +"});
  jog.buttons.push_back({"tool_toggle", "夹爪开/合", "tool open / close"});
  p.groups.push_back(std::move(jog));
  p.groups.push_back({"编辑程序",
                      "edit program",
                      {{"teach_movej", "", ""},
                       {"teach_movel", "", ""},
                       {"insert_grip_on", "", ""},
                       {"insert_grip_off", "", ""},
                       {"insert_wait", "", ""},
                       {"delete_row", "", ""},
                       {"cursor_up", "", ""},
                       {"cursor_down", "", ""}}});
  p.groups.push_back(
      {"运行程序",
       "run program",
       {{"step_back", "", ""}, {"step_forward", "", ""}, {"run", "", ""}, {"stop", "", ""}}});
  p.linesTitleZh = "程序";
  p.linesTitleEn = "program";
  return p;
}

/** Bodies tagged "part" are what the tool takes. */
bool isPart(const BodySpec& b) {
  return std::find(b.tags.begin(), b.tags.end(), "part") != b.tags.end();
}

/** The first part the tool cannot take from above (index in spec.bodies, message), or nullopt. */
std::optional<std::pair<std::size_t, std::string>> unreachablePart(const IndustrialRobotSpec& s,
                                                                   const SimulationSpec& spec) {
  const robot::ArmKinematics kinematics(s.arm);
  for (std::size_t i = 0; i < spec.bodies.size(); ++i) {
    const BodySpec& b = spec.bodies[i];
    if (!isPart(b)) {
      continue;
    }
    if (auto problem =
            robot::firstUnreachable(kinematics, s.base, s.tool, {{b.name, b.position}})) {
      return std::pair{i, robot::describeEn(*problem)};
    }
  }
  return std::nullopt;
}

class IndustrialRobotType final : public MachineType {
public:
  [[nodiscard]] std::string_view kind() const override { return kIndustrialRobotKind; }

  std::shared_ptr<const MachineParams> parse(SectionReader& r) const override {
    auto s = std::make_shared<IndustrialRobotSpec>();
    s->base.position =
        r.vec3("base_position", false, NumberRange::closed(-1e4, 1e4)).value_or(s->base.position);
    s->base.yaw = r.number("base_yaw", false, NumberRange::closed(-7.0, 7.0)).value_or(0.0);
    s->workObjectOrigin = r.vec3("work_object_origin", false, NumberRange::closed(-5.0, 5.0))
                              .value_or(s->workObjectOrigin);
    s->workObjectYaw =
        r.number("work_object_yaw", false, NumberRange::closed(-7.0, 7.0)).value_or(0.0);
    s->tool.tcp.position.z = r.number("tcp_offset", false, NumberRange::closed(0.0, 0.5))
                                 .value_or(s->tool.tcp.position.z);
    s->stoppingTime =
        r.number("stopping_time", false, {0.0, 2.0, true, false}).value_or(s->stoppingTime);
    if (auto deg = r.number("home_tolerance_deg", false, {0.0, 45.0, true, false})) {
      s->homeTolerance = *deg * std::numbers::pi / 180.0;
    }
    if (auto tool = r.string("tool", false)) {
      if (*tool == "gripper") {
        s->tool.kind = robot::ToolKind::TwoFingerGripper;
      } else if (*tool == "vacuum_cup") {
        s->tool.kind = robot::ToolKind::VacuumCup;
      } else {
        r.problem("tool", "must be \"gripper\" or \"vacuum_cup\", got \"" + *tool + "\"");
      }
    }
    return s;
  }

  [[nodiscard]] std::vector<SceneProblem> checkScene(const MachineParams& params,
                                                     const SimulationSpec& spec) const override {
    const auto& s = static_cast<const IndustrialRobotSpec&>(params);
    std::vector<SceneProblem> out;
    if (auto problem = unreachablePart(s, spec)) {
      out.push_back({problem->first, "position", problem->second});
    }
    return out;
  }

  [[nodiscard]] MachineDecl describe(const MachineParams& params) const override {
    const auto& s = static_cast<const IndustrialRobotSpec&>(params);
    using K = core::ControlKind;
    MachineDecl d;
    d.kind = std::string(kIndustrialRobotKind);
    d.titleZh = "工业机器人";
    d.titleEn = "industrial robot";
    // Jog axes first (axis slots 0-5), then the buttons in IndustrialRobot::Button order.
    d.controls = core::ControlLayout({
        control("jog_1", "点动 1（轴1 / X）", "jog 1 (axis 1 / X)", K::Continuous, "D", "A",
                "left_x"),
        control("jog_2", "点动 2（轴2 / Y）", "jog 2 (axis 2 / Y)", K::Continuous, "W", "S",
                "left_y", true),
        control("jog_3", "点动 3（轴3 / Z）", "jog 3 (axis 3 / Z)", K::Continuous, "R", "F",
                "right_y", true),
        control("jog_4", "点动 4（轴4 / 绕X）", "jog 4 (axis 4 / about X)", K::Continuous, "L", "J",
                "right_x"),
        control("jog_5", "点动 5（轴5 / 绕Y）", "jog 5 (axis 5 / about Y)", K::Continuous, "I", "K",
                ""),
        control("jog_6", "点动 6（轴6 / 绕Z）", "jog 6 (axis 6 / about Z)", K::Continuous, "O", "U",
                ""),
        control("enabling_device", "使能器（中间位置）", "enabling device (middle position)",
                K::HoldToEnable, "LeftShift", {}, "a"),
        button("enabling_squeezed", "使能器按到底", "enabling device squeezed through", "Z"),
        button("emergency_stop", "急停", "emergency stop", "E", "b"),
        button("reset", "复位", "reset", "T"),
        button("mode_t1", "手动限速（T1）", "manual reduced speed (T1)", "1"),
        button("mode_t2", "手动全速（T2）", "manual full speed (T2)", "2"),
        button("mode_auto", "自动", "automatic", "3"),
        button("jog_joint", "单轴点动", "jog: axes", "4"),
        button("jog_base", "线性点动（基坐标）", "jog: linear, base", "5"),
        button("jog_work_object", "线性点动（工件坐标）", "jog: linear, work object", "6"),
        button("jog_tool", "工具坐标点动", "jog: tool", "7"),
        button("jog_reorient", "重定位", "jog: reorient", "8"),
        button("jog_increment", "增量切换", "jog increment", "9"),
        button("tool_toggle", "夹爪开/合", "tool open / close", "G", "x"),
        button("teach_movej", "示教 MoveJ", "teach MoveJ", "M"),
        button("teach_movel", "示教 MoveL", "teach MoveL", "N"),
        button("insert_grip_on", "插入 夹紧", "insert: close tool", "H"),
        button("insert_grip_off", "插入 松开", "insert: open tool", "B"),
        button("insert_wait", "插入 等待", "insert: wait", "V"),
        button("delete_row", "删除指令", "delete row", "X"),
        button("cursor_up", "光标上移", "cursor up", "Up"),
        button("cursor_down", "光标下移", "cursor down", "Down"),
        button("step_forward", "单步向前", "step forward", "Right"),
        button("step_back", "单步向后", "step back", "Left"),
        button("run", "连续运行", "run", "Q", "y"),
        button("stop", "停止", "stop", "Y"),
        button("override_down", "速度倍率减", "speed override down", "Minus"),
        button("override_up", "速度倍率加", "speed override up", "Equal"),
    });
    const double far = 1e4;
    auto metric = [&](std::string name, Unit unit, double lo, double hi, std::string zh,
                      std::string en) {
      d.metrics.push_back({std::move(name), unit, lo, hi, std::move(zh), std::move(en)});
    };
    metric("tcp_x", Unit::Metre, -far, far, "工具中心点 X", "tool centre point X");
    metric("tcp_y", Unit::Metre, -far, far, "工具中心点高度", "tool centre point height");
    metric("tcp_z", Unit::Metre, -far, far, "工具中心点 Z", "tool centre point Z");
    metric("tcp_speed", Unit::MetrePerSecond, 0.0, 100.0, "工具中心点速度",
           "tool centre point speed");
    const char* zhAxis[] = {"轴1角度", "轴2角度", "轴3角度", "轴4角度", "轴5角度", "轴6角度"};
    for (int i = 0; i < 6; ++i) {
      metric("joint_" + std::to_string(i + 1), Unit::Radian, -8.0, 8.0, zhAxis[i],
             "axis " + std::to_string(i + 1) + " angle");
    }
    metric("operating_mode", Unit::None, 1.0, 3.0, "运行模式（1 T1，2 T2，3 自动）",
           "operating mode (1 T1, 2 T2, 3 automatic)");
    metric("enabled", Unit::Flag, 0.0, 1.0, "运动使能", "motion enabled");
    metric("emergency_stop", Unit::Flag, 0.0, 1.0, "急停", "emergency stop");
    metric("tool_closed", Unit::Flag, 0.0, 1.0, "夹爪闭合", "tool closed");
    metric("part_held", Unit::Flag, 0.0, 1.0, "已抓取工件", "part held");
    metric("program_rows", Unit::None, 0.0, 1e4, "程序行数", "program rows");
    metric("program_row", Unit::None, 0.0, 1e4, "当前行", "current row");
    metric("taught_in_t2", Unit::None, 0.0, 1e4, "T2 模式下示教点数", "points taught in T2");
    metric("steps_before_run", Unit::None, 0.0, 1e4, "连续运行前单步次数",
           "steps before the first run");
    metric("automatic_runs", Unit::None, 0.0, 1e4, "自动运行次数", "automatic runs");
    metric("emergency_stop_tested_first", Unit::Flag, 0.0, 1.0, "运动前已检查急停",
           "emergency stop checked before moving");
    metric("part_x", Unit::Metre, -far, far, "工件 X 位置", "part X position");
    metric("part_z", Unit::Metre, -far, far, "工件 Z 位置", "part Z position");
    metric("at_home", Unit::Flag, 0.0, 1.0, "机器人在原点", "robot at home");
    metric("speed_override", Unit::None, 0.01, 1.0, "速度倍率", "speed override");
    // The mode as words on the HUD: one flag per mode, labelled with its name (a flag readout
    // shows its label while on), instead of the number of operating_mode.
    metric("mode_is_t1", Unit::Flag, 0.0, 1.0, "T1 手动限速", "T1 manual reduced speed");
    metric("mode_is_t2", Unit::Flag, 0.0, 1.0, "T2 手动全速", "T2 manual full speed");
    metric("mode_is_automatic", Unit::Flag, 0.0, 1.0, "自动运行", "automatic");
    d.readouts = {{"mode_is_t1", 0, {}, {}, false, ""},
                  {"mode_is_t2", 0, {}, {}, false, ""},
                  {"mode_is_automatic", 0, {}, {}, false, ""},
                  {"tcp_x", 3, {}, {}, false, ""},
                  {"tcp_y", 3, {}, {}, false, ""},
                  {"tcp_z", 3, {}, {}, false, ""},
                  {"tcp_speed", 3, {}, 0.250, true, ""},
                  {"tool_closed", 0, {}, {}, false, ""},
                  {"program_row", 0, {}, {}, false, ""}};
    for (std::size_t i = 0; i < 6; ++i) {
      d.readouts.push_back(
          {"joint_" + std::to_string(i + 1), 1, s.arm.axes[i].min, s.arm.axes[i].max, true, ""});
    }
    using Cue = FeedbackCue;
    auto event = [&](std::string name, std::string zh, std::string en, Cue cue, std::string toastZh,
                     std::string toastEn, Unit unit = Unit::None) {
      d.events.push_back({std::move(name),
                          std::move(zh),
                          std::move(en),
                          false,
                          {cue, std::move(toastZh), std::move(toastEn), unit, 1}});
    };
    event("emergency_stop", "急停", "emergency stop", Cue::Buzz, "急停", "Emergency stop");
    event("emergency_stop_reset", "急停复位", "emergency stop reset", Cue::Click, "急停已复位",
          "Emergency stop reset");
    event("reset_refused", "复位未成功", "reset refused", Cue::Buzz, "请先松开急停按钮",
          "Release the emergency stop button first");
    event("mode_changed", "切换运行模式", "mode changed", Cue::Click, "", "");
    event("point_taught", "示教点", "point taught", Cue::Click, "已示教", "Point taught");
    event("program_edited", "编辑程序", "program edited", Cue::None, "", "");
    event("jog_refused", "点动受限", "jog refused", Cue::Buzz, "无法点动到该位置",
          "Cannot jog there");
    event("program_step", "单步运行", "program stepped", Cue::None, "", "");
    event("program_run", "连续运行", "program run", Cue::None, "", "");
    event("program_fault", "程序停止（无法到达）", "program fault", Cue::Buzz,
          "程序在第 {value} 行停止", "Program stopped at row {value}");
    event("program_finished", "程序结束", "program finished", Cue::Chime, "程序结束",
          "Program finished");
    event("program_stopped", "程序停止", "program stopped", Cue::None, "", "");
    event("pendant_refused", "操作不允许", "not allowed now", Cue::Buzz, "当前不允许该操作",
          "Not allowed now");
    event("part_gripped", "抓取工件", "part gripped", Cue::Click, "已抓取", "Part gripped");
    event("part_released", "放下工件", "part released", Cue::Click, "已放下", "Part released");
    event("grip_refused", "抓取未成功", "grip refused", Cue::Buzz,
          "未能抓取：距工件 {value}，允许 {limit}",
          "Not gripped: {value} from the part, limit {limit}", Unit::Metre);
    event("collision", "碰撞", "collision", Cue::Buzz, "碰撞！机器人已停止",
          "Collision: the robot stopped");
    // Subject: the mode the program ran in, "t1" or "automatic" (a scenario's end trigger names
    // the one it wants); a run in T2 never completes the task.
    event("cycle_complete", "程序运行完成，机器人已回原点", "cycle complete, robot at home",
          Cue::Chime, "程序运行完成，机器人已回原点", "Cycle complete: the robot is at home");
    for (const char* link : robot::ArmBodies::kLinkNames) {
      d.bodies.push_back(std::string("robot.") + link);
    }
    d.bodyTags = {"arm"};
    d.cameraAnchors = {"tool"};
    d.aidAnchor = "tool";
    d.panel = pendantPanel();
    d.planX = "tcp_x";
    d.planZ = "tcp_z";
    d.planHeight = "tcp_y";
    d.sceneCentre = s.base.position;
    d.sceneExtent = 3.0;
    // Where the tool can carry a part, seen from above: no farther from axis 1 than the arm
    // stretched out (a1 to axis 2, axis 2 to the wrist centre at its farthest, the flange c4
    // beyond it, the TCP beyond the flange). An upper bound: a zone wholly outside that circle
    // can never receive a part; one inside may still be out of the arm's poses.
    const robot::ArmKinematics kinematics(s.arm);
    d.reach.shape = WorkingEnvelope::Shape::Circle;
    d.reach.centre = {s.base.position.x, s.base.position.z};
    d.reach.radius =
        s.arm.a1 + kinematics.maxWristReach() + s.arm.c4 + glm::length(s.tool.tcp.position);
    d.reach.carriedTags = {"part"};
    return d;
  }

  core::Expected<std::unique_ptr<Machine>> create(const MachineParams& params,
                                                  MachineContext& context) const override {
    const auto& s = static_cast<const IndustrialRobotSpec&>(params);
    const robot::ArmKinematics kinematics(s.arm);
    if (auto violation = kinematics.limitViolation(s.home)) {
      core::SourceLocation where;
      where.fieldPath = "machine.home";
      return core::makeError(core::ErrorCode::InvalidInput, robot::describeEn(*violation),
                             std::move(where));
    }
    std::vector<detail::RobotPart> parts;
    std::vector<detail::CellBody> cell;
    for (std::size_t i = 0; i < context.spec.bodies.size(); ++i) {
      const BodySpec& b = context.spec.bodies[i];
      if (isPart(b)) {
        parts.push_back({context.specBodies[i], b.name, b.tags.empty() ? b.name : b.tags.front(),
                         b.shape.size});
      } else {
        cell.push_back({context.specBodies[i], b.name});
      }
    }
    if (auto problem = unreachablePart(s, context.spec)) {
      core::SourceLocation where;
      where.fieldPath = "bodies[" + std::to_string(problem->first) + "].position";
      return core::makeError(core::ErrorCode::InvalidInput, problem->second, std::move(where));
    }
    auto arm = robot::ArmBodies::create(context.world, kinematics, s.base, s.tool, s.home);
    if (!arm) {
      return arm.error();
    }
    return std::unique_ptr<Machine>(std::make_unique<detail::IndustrialRobot>(
        s, context.world, std::move(*arm), std::move(parts), std::move(cell), context.timeStep));
  }
};

} // namespace

std::shared_ptr<const MachineType> industrialRobotType() {
  static const std::shared_ptr<const MachineType> kType = std::make_shared<IndustrialRobotType>();
  return kType;
}

MachineSpec industrialRobotMachine(const IndustrialRobotSpec& spec) {
  return MachineSpec{industrialRobotType(), std::make_shared<IndustrialRobotSpec>(spec)};
}

const IndustrialRobotSpec* industrialRobotOf(const SimulationSpec& spec) {
  if (!spec.machine || spec.machine->type == nullptr ||
      spec.machine->type->kind() != kIndustrialRobotKind) {
    return nullptr;
  }
  return static_cast<const IndustrialRobotSpec*>(spec.machine->params.get());
}

} // namespace skillsim::sim
