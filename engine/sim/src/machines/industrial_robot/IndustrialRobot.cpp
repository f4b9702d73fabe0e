// The industrial robot as a sim::Machine (IndustrialRobot.h).

#include "IndustrialRobot.h"

#include <glm/gtc/matrix_transform.hpp>

#include <cmath>
#include <cstdio>
#include <limits>
#include <numbers>

namespace skillsim::sim::detail {
namespace {

using robot::PendantEventKind;

/** Metric order (IndustrialRobotType.cpp declares the same names in the same order). */
enum MetricIndex : std::size_t {
  kTcpX,
  kTcpY,
  kTcpZ,
  kTcpSpeed,
  kJoint1,
  kJoint6 = kJoint1 + 5,
  kOperatingMode,
  kEnabled,
  kEmergencyStopMetric,
  kToolClosed,
  kPartHeld,
  kProgramRows,
  kProgramRow,
  kTaughtInT2,
  kStepsBeforeRun,
  kAutomaticRuns,
  kEmergencyStopTestedFirst,
  kPartX,
  kPartZ,
  kAtHome,
  kSpeedOverride,
  kModeIsT1,
  kModeIsT2,
  kModeIsAutomatic,
  kMetricCount,
};

robot::ArmKinematics kinematicsOf(const IndustrialRobotSpec& s) {
  return robot::ArmKinematics(s.arm);
}

/** The mode as a run's event subject: "t1", "t2", "automatic". */
const char* modeWord(robot::OperatingMode m) {
  switch (m) {
  case robot::OperatingMode::ManualReduced: return "t1";
  case robot::OperatingMode::ManualFull: return "t2";
  case robot::OperatingMode::Automatic: return "automatic";
  }
  return "";
}

robot::Pose workObjectOf(const IndustrialRobotSpec& s) {
  return {s.workObjectOrigin, glm::angleAxis(s.workObjectYaw, glm::dvec3(0.0, 0.0, 1.0))};
}

} // namespace

IndustrialRobot::IndustrialRobot(const IndustrialRobotSpec& spec, physics::World& world,
                                 robot::ArmBodies arm, std::vector<RobotPart> parts,
                                 std::vector<CellBody> cell, double timeStep)
    : mSpec(spec), mWorld(world), mArm(std::move(arm)),
      mPendant(robot::ArmMotion(kinematicsOf(spec), spec.tool.tcp, workObjectOf(spec), spec.home,
                                robot::MotionLimits{0.250, spec.stoppingTime, 8.72664626})),
      mParts(std::move(parts)), mCell(std::move(cell)), mTimeStep(timeStep),
      mTouching(mCell.size(), false) {
  mLastTcp = mArm.tcpInWorld(spec.home).position;
  mAtHome = atHome();
  // A part rests on the feeder or the pallet for most of the task: let it sleep there. A link or
  // a part coming within the contact threshold wakes it (World::setMaySleep); with the scenario's
  // [simulation] islands_by_contact, a link or part merely near it does not (docs/simulation.md).
  for (const RobotPart& part : mParts) {
    mWorld.setMaySleep(part.body, true);
  }
}

void IndustrialRobot::addMetrics(Metrics& metrics) {
  static constexpr const char* kNames[kMetricCount] = {"tcp_x",
                                                       "tcp_y",
                                                       "tcp_z",
                                                       "tcp_speed",
                                                       "joint_1",
                                                       "joint_2",
                                                       "joint_3",
                                                       "joint_4",
                                                       "joint_5",
                                                       "joint_6",
                                                       "operating_mode",
                                                       "enabled",
                                                       "emergency_stop",
                                                       "tool_closed",
                                                       "part_held",
                                                       "program_rows",
                                                       "program_row",
                                                       "taught_in_t2",
                                                       "steps_before_run",
                                                       "automatic_runs",
                                                       "emergency_stop_tested_first",
                                                       "part_x",
                                                       "part_z",
                                                       "at_home",
                                                       "speed_override",
                                                       "mode_is_t1",
                                                       "mode_is_t2",
                                                       "mode_is_automatic"};
  mMetric.clear();
  for (const char* name : kNames) {
    mMetric.push_back(metrics.add(name));
  }
}

void IndustrialRobot::beforeStep(const StepInput& input, std::vector<SimEvent>& events) {
  const std::size_t firstEvent = events.size();
  const core::ActionState& a = input.actions;
  auto pressed = [&](Button b) { return ((input.pressed >> b) & 1u) != 0; };
  robot::PendantInput in;
  in.enabling = a.button(kSqueeze)    ? robot::EnablingPosition::Squeezed
                : a.button(kEnabling) ? robot::EnablingPosition::Middle
                                      : robot::EnablingPosition::Released;
  if (pressed(kReset)) {
    mCollisionLatched = false; // the cell's stop clears with the pendant's reset
  }
  in.emergencyStop = a.button(kEmergencyStop) || mCollisionLatched;
  in.reset = pressed(kReset);
  if (pressed(kModeT1)) {
    in.selectMode = robot::OperatingMode::ManualReduced;
  } else if (pressed(kModeT2)) {
    in.selectMode = robot::OperatingMode::ManualFull;
  } else if (pressed(kModeAuto)) {
    in.selectMode = robot::OperatingMode::Automatic;
  }
  const std::pair<Button, robot::JogMode> jogModes[] = {
      {kJogJoint, robot::JogMode::Joint},
      {kJogBase, robot::JogMode::LinearBase},
      {kJogWorkObject, robot::JogMode::LinearWorkObject},
      {kJogTool, robot::JogMode::Tool},
      {kJogReorient, robot::JogMode::Reorient}};
  for (const auto& [button, mode] : jogModes) {
    if (pressed(button)) {
      in.selectJogMode = mode;
    }
  }
  if (pressed(kIncrement)) {
    in.selectIncrement =
        static_cast<robot::JogIncrement>((static_cast<int>(mPendant.increment()) + 1) % 4);
  }
  for (std::size_t i = 0; i < 6; ++i) {
    in.jog[i] = static_cast<double>(a.axis(i));
  }
  if (pressed(kOverrideDown) != pressed(kOverrideUp)) {
    // The step at or below the current override, then one down or up from there.
    std::size_t at = 0;
    for (std::size_t i = 0; i < kOverrideSteps.size(); ++i) {
      if (kOverrideSteps[i] <= mPendant.speedOverride() + 1e-12) {
        at = i;
      }
    }
    const std::size_t next =
        pressed(kOverrideUp) ? std::min(at + 1, kOverrideSteps.size() - 1) : (at == 0 ? 0 : at - 1);
    in.selectOverride = kOverrideSteps[next];
  }
  in.gripToggle = pressed(kToolToggle);
  in.teachMoveJ = pressed(kTeachMoveJ);
  in.teachMoveL = pressed(kTeachMoveL);
  in.insertGripOn = pressed(kInsertGripOn);
  in.insertGripOff = pressed(kInsertGripOff);
  in.insertWait = pressed(kInsertWait);
  in.deleteRow = pressed(kDeleteRow);
  in.cursorUp = pressed(kCursorUp);
  in.cursorDown = pressed(kCursorDown);
  in.stepForward = pressed(kStepForward);
  in.stepBack = pressed(kStepBack);
  in.run = pressed(kRun);
  in.stop = pressed(kStop);

  std::vector<robot::PendantEvent> pendantEvents;
  mPendant.step(in, mTimeStep, pendantEvents);
  for (const robot::PendantEvent& e : pendantEvents) {
    SimEvent out = SimEvent::machine(input.tick, "", "robot");
    switch (e.kind) {
    case PendantEventKind::ModeChanged:
      out.name = "mode_changed";
      out.value = static_cast<double>(e.mode) + 1.0;
      break;
    case PendantEventKind::EmergencyStop: out.name = "emergency_stop"; break;
    case PendantEventKind::EmergencyStopReset: out.name = "emergency_stop_reset"; break;
    case PendantEventKind::ResetRefused: out.name = "reset_refused"; break;
    case PendantEventKind::Taught:
      out.name = "point_taught";
      out.value = static_cast<double>(e.mode) + 1.0;
      break;
    case PendantEventKind::RowInserted:
    case PendantEventKind::RowDeleted: out.name = "program_edited"; break;
    case PendantEventKind::JogRefused:
      out.name = "jog_refused";
      out.value = static_cast<double>(e.ik.kind) + 1.0;
      break;
    case PendantEventKind::ProgramStarted:
      out.name = e.continuous ? "program_run" : "program_step";
      out.value = e.row + 1;
      if (e.continuous) {
        out.subject = modeWord(e.mode);
      }
      mCycleMode.reset(); // a new run: the last one's completion no longer counts
      mRunContinuous = e.continuous;
      break;
    case PendantEventKind::ProgramFault:
      out.name = "program_fault";
      out.value = e.fault.row + 1;
      break;
    case PendantEventKind::ProgramFinished:
      out.name = "program_finished";
      if (mRunContinuous && mPendant.mode() != robot::OperatingMode::ManualFull) {
        mCycleMode = mPendant.mode(); // complete once the arm is at home
      }
      break;
    case PendantEventKind::ProgramStopped: out.name = "program_stopped"; break;
    case PendantEventKind::Refused:
      out.name = "pendant_refused";
      out.value = static_cast<double>(e.refusal);
      break;
    }
    events.push_back(std::move(out));
  }
  toolChanged(input.tick, events);
  mAtHome = atHome();
  if (mCycleMode && mAtHome) {
    SimEvent done = SimEvent::machine(input.tick, "cycle_complete", modeWord(*mCycleMode));
    events.push_back(std::move(done));
    mCycleMode.reset();
  }
  mArm.follow(mWorld, mPendant.motion().joints());
  keepMessage(events, firstEvent);
}

bool IndustrialRobot::atHome() const {
  const robot::JointAngles& q = mPendant.motion().joints();
  for (std::size_t i = 0; i < q.size(); ++i) {
    if (!(std::abs(q[i] - mSpec.home[i]) <= mSpec.homeTolerance)) {
      return false;
    }
  }
  return true;
}

void IndustrialRobot::keepMessage(const std::vector<SimEvent>& events, std::size_t from) {
  for (std::size_t i = from; i < events.size(); ++i) {
    if (events[i].kind == SimEventKind::Machine) {
      mMessage = events[i];
    }
  }
}

namespace {

/** mm, as the pendant writes speeds and offsets (RAPID v100, Offs(p, 96, 0, 0)). */
std::string millimetres(double metres) {
  const double mm = std::round(metres * 1e4) / 10.0; // 0.1 mm
  char text[32];
  std::snprintf(text, sizeof text, "%g", mm);
  return text;
}

/** One program row in RAPID notation: the target of row i is p<i+1>. */
std::string rowText(const robot::Instruction& row, std::size_t index) {
  char p[24];
  std::snprintf(p, sizeof p, "p%zu", index + 1);
  std::string target = p;
  if (row.offset != glm::dvec3(0.0)) {
    target = "Offs(";
    target.append(p).append(", ").append(millimetres(row.offset.x)).append(", ");
    target.append(millimetres(row.offset.y)).append(", ").append(millimetres(row.offset.z));
    target.append(")");
  }
  std::string motion = ", v";
  motion.append(millimetres(row.speed)).append(", ");
  if (row.zone <= 0.0) {
    motion.append("fine");
  } else {
    motion.append("z").append(millimetres(row.zone));
  }
  char text[96];
  switch (row.kind) {
  case robot::InstructionKind::MoveJ: return std::string("MoveJ ").append(target).append(motion);
  case robot::InstructionKind::MoveL: return std::string("MoveL ").append(target).append(motion);
  case robot::InstructionKind::MoveC:
    return std::string("MoveC ").append(p).append("a, ").append(target).append(motion);
  case robot::InstructionKind::WaitTime:
    std::snprintf(text, sizeof text, "WaitTime %g", row.time);
    return text;
  case robot::InstructionKind::SetDO:
    std::snprintf(text, sizeof text, "SetDO do%d, %d", row.signal, row.value ? 1 : 0);
    return text;
  case robot::InstructionKind::Loop:
    std::snprintf(text, sizeof text, "GOTO %d (%dx)", row.loopTo + 1, row.count);
    return text;
  }
  return {};
}

} // namespace

PanelState IndustrialRobot::panelState() const {
  PanelState state;
  int overrideStep = 0;
  for (std::size_t i = 0; i < kOverrideSteps.size(); ++i) {
    if (kOverrideSteps[i] <= mPendant.speedOverride() + 1e-12) {
      overrideStep = static_cast<int>(i);
    }
  }
  state.selected = {static_cast<int>(mPendant.mode()), static_cast<int>(mPendant.jogMode()),
                    static_cast<int>(mPendant.increment()), overrideStep};
  const auto& program = mPendant.program();
  for (std::size_t i = 0; i < program.size(); ++i) {
    char number[24];
    std::snprintf(number, sizeof number, "%zu  ", i + 1);
    state.lines.push_back(std::string(number).append(rowText(program[i], i)));
  }
  if (mPendant.cursor() >= 0 && static_cast<std::size_t>(mPendant.cursor()) < program.size()) {
    state.currentLine = mPendant.cursor();
  }
  state.message = mMessage;
  return state;
}

void IndustrialRobot::toolChanged(std::uint64_t tick, std::vector<SimEvent>& events) {
  const bool closed = mPendant.toolClosed();
  if (closed == mToolClosed) {
    return;
  }
  mToolClosed = closed;
  if (!closed) {
    if (mHeld) {
      SimEvent e = SimEvent::machine(tick, "part_released", mParts[*mHeld].tag);
      e.subjectBody = mParts[*mHeld].name;
      e.position = mWorld.bodyState(mParts[*mHeld].body).position;
      events.push_back(std::move(e));
      mArm.release(mWorld);
      mHeld.reset();
    }
    return;
  }
  // Closing: the first part (scenario order) within the tool's tolerance is taken.
  const robot::Pose tcp = mArm.tcpInWorld(mPendant.motion().joints());
  const robot::Pose base = mSpec.base.pose();
  const robot::Pose tcpInBase = robot::compose(robot::inverse(base), tcp);
  double nearest = std::numeric_limits<double>::infinity();
  std::string nearestName;
  for (std::size_t i = 0; i < mParts.size(); ++i) {
    // Scenario bodies are y up (DESIGN.md); checkGrip's part frame is z up: turn z onto the
    // body's y, so the extents read (x, z, y).
    const physics::BodyState s = mWorld.bodyState(mParts[i].body);
    const glm::dquat zOntoY = glm::angleAxis(-std::numbers::pi / 2, glm::dvec3(1.0, 0.0, 0.0));
    const robot::Pose part =
        robot::compose(robot::inverse(base), {s.position, glm::normalize(s.orientation * zOntoY)});
    const glm::dvec3 size(mParts[i].size.x, mParts[i].size.z, mParts[i].size.y);
    const robot::GripCheck check = robot::checkGrip(mSpec.tool, tcpInBase, part, size);
    if (check.ok()) {
      mArm.grip(mWorld, mParts[i].body, mPendant.motion().joints());
      mHeld = i;
      mLastPart = i;
      events.push_back(SimEvent::machine(tick, "part_gripped", mParts[i].tag));
      return;
    }
    const double d = glm::length(part.position - tcpInBase.position);
    if (d < nearest) {
      nearest = d;
      nearestName = mParts[i].tag;
    }
  }
  SimEvent refused =
      SimEvent::machine(tick, "grip_refused", nearestName, std::isfinite(nearest) ? nearest : 0.0);
  refused.limit = mSpec.tool.positionTolerance;
  events.push_back(std::move(refused));
}

void IndustrialRobot::afterStep(std::uint64_t tick, std::vector<SimEvent>& events) {
  const std::size_t firstEvent = events.size();
  if (mLastPart) {
    mPartPosition = mWorld.bodyState(mParts[*mLastPart].body).position;
  }
  const glm::dvec3 tcp = mArm.tcpInWorld(mPendant.motion().joints()).position;
  mTcpSpeed = glm::length(tcp - mLastTcp) / mTimeStep;
  mLastTcp = tcp;
  for (std::size_t i = 0; i < mCell.size(); ++i) {
    const std::optional<int> link = mArm.touching(mWorld, mCell[i].body);
    if (link && !mTouching[i]) {
      SimEvent e = SimEvent::machine(tick, "collision",
                                     robot::ArmBodies::kLinkNames[static_cast<std::size_t>(*link)]);
      e.other = mCell[i].name;
      e.otherBody = mCell[i].name;
      e.position = mWorld.bodyState(mArm.links()[static_cast<std::size_t>(*link)]).position;
      events.push_back(std::move(e));
      mCollisionLatched = true;
    }
    mTouching[i] = link.has_value();
  }
  keepMessage(events, firstEvent);
}

void IndustrialRobot::writeMetrics(Metrics& m) const {
  const robot::JointAngles& q = mPendant.motion().joints();
  auto set = [&](std::size_t index, double v) { m.set(mMetric[index], v); };
  set(kTcpX, mLastTcp.x);
  set(kTcpY, mLastTcp.y);
  set(kTcpZ, mLastTcp.z);
  set(kTcpSpeed, mTcpSpeed);
  for (std::size_t i = 0; i < 6; ++i) {
    set(kJoint1 + i, q[i]);
  }
  const robot::PendantRecord& r = mPendant.record();
  set(kOperatingMode, static_cast<double>(mPendant.mode()) + 1.0);
  set(kEnabled, mPendant.motion().rampFactor() > 0.0 ? 1.0 : 0.0);
  set(kEmergencyStopMetric, mPendant.emergencyStopLatched() ? 1.0 : 0.0);
  set(kToolClosed, mToolClosed ? 1.0 : 0.0);
  set(kPartHeld, mHeld ? 1.0 : 0.0);
  set(kProgramRows, static_cast<double>(mPendant.program().size()));
  set(kProgramRow, static_cast<double>(mPendant.cursor() + 1));
  set(kTaughtInT2, r.taughtInT2);
  set(kStepsBeforeRun, r.stepsBeforeFirstRun);
  set(kAutomaticRuns, r.automaticRuns);
  set(kEmergencyStopTestedFirst, r.emergencyStopTestedFirst ? 1.0 : 0.0);
  set(kPartX, mPartPosition.x);
  set(kPartZ, mPartPosition.z);
  set(kAtHome, mAtHome ? 1.0 : 0.0);
  set(kSpeedOverride, mPendant.speedOverride());
  set(kModeIsT1, mPendant.mode() == robot::OperatingMode::ManualReduced ? 1.0 : 0.0);
  set(kModeIsT2, mPendant.mode() == robot::OperatingMode::ManualFull ? 1.0 : 0.0);
  set(kModeIsAutomatic, mPendant.mode() == robot::OperatingMode::Automatic ? 1.0 : 0.0);
}

void IndustrialRobot::hash(core::Hasher& h) const {
  for (double v : mPendant.motion().joints()) {
    h.update(v);
  }
  h.update(static_cast<std::uint64_t>(mPendant.motion().state()));
  h.update(static_cast<std::uint64_t>(mPendant.motion().row()));
  h.update(static_cast<std::uint64_t>(mPendant.motion().outputs()));
  h.update(mPendant.motion().rampFactor());
  h.update(static_cast<std::uint64_t>(mPendant.mode()));
  h.update(static_cast<std::uint64_t>(mPendant.cursor() + 1));
  h.update(static_cast<std::uint64_t>(mPendant.emergencyStopLatched()));
  for (const robot::Instruction& in : mPendant.program()) {
    h.update(static_cast<std::uint64_t>(in.kind));
    for (int k = 0; k < 3; ++k) {
      h.update(in.target.tcp.position[k]);
    }
    h.update(in.target.tcp.orientation.w);
    h.update(in.target.tcp.orientation.x);
    h.update(in.target.tcp.orientation.y);
    h.update(in.target.tcp.orientation.z);
    h.update(static_cast<std::uint64_t>(in.target.configuration.index()));
  }
  h.update(static_cast<std::uint64_t>(mHeld ? *mHeld + 1 : 0));
  h.update(static_cast<std::uint64_t>(mCollisionLatched));
  h.update(mTcpSpeed);
  h.update(static_cast<std::uint64_t>(mLastPart ? *mLastPart + 1 : 0));
  h.update(static_cast<std::uint64_t>(mCycleMode ? static_cast<int>(*mCycleMode) + 1 : 0));
  h.update(static_cast<std::uint64_t>(mRunContinuous));
  h.update(mPendant.speedOverride());
}

void IndustrialRobot::buildScene(SceneTables& tables) {
  for (std::size_t i = 0; i < 5; ++i) {
    const glm::dvec3 size = mArm.linkSize(i);
    mLinkMesh[i] = tables.addMesh(i < 4 ? core::MeshKind::Capsule : core::MeshKind::Box, size,
                                  std::string("arm ") + robot::ArmBodies::kLinkNames[i]);
  }
  mArmMaterial = tables.addMaterial({0.85f, 0.45f, 0.08f, 1.0f}, 0.45f, 0.1f, "arm paint");
  mToolMaterial = tables.addMaterial({0.35f, 0.36f, 0.38f, 1.0f}, 0.35f, 0.8f, "tool");
  const core::MaterialId post =
      tables.addMaterial({0.95f, 0.78f, 0.10f, 1.0f}, 0.5f, 0.2f, "fence post");
  const core::MaterialId mesh =
      tables.addMaterial({0.30f, 0.32f, 0.34f, 1.0f}, 0.7f, 0.5f, "fence mesh");
  const core::MaterialId door = tables.addMaterial({0.15f, 0.45f, 0.20f, 1.0f}, 0.6f, 0.2f, "door");
  const core::MaterialId curtain =
      tables.addMaterial({0.90f, 0.15f, 0.10f, 1.0f}, 0.4f, 0.3f, "light curtain");
  mGuards = robot::cellGuards(mSpec.base.position, kFenceHalfSize);
  for (const robot::GuardPiece& g : mGuards) {
    mGuardMesh.push_back(tables.addMesh(core::MeshKind::Box, g.size, "guard"));
    mGuardMaterial.push_back(g.kind == robot::GuardKind::Post          ? post
                             : g.kind == robot::GuardKind::Door        ? door
                             : g.kind == robot::GuardKind::CurtainPost ? curtain
                                                                       : mesh);
  }
}

void IndustrialRobot::fillScene(core::SceneView& view) const {
  const std::array<robot::Pose, 5> poses = mArm.linkPoses(mPendant.motion().joints());
  for (std::size_t i = 0; i < 5; ++i) {
    const glm::dmat4 m =
        glm::translate(glm::dmat4(1.0), poses[i].position) * glm::mat4_cast(poses[i].orientation);
    view.instances.push_back(
        core::Instance{mLinkMesh[i], i < 4 ? mArmMaterial : mToolMaterial, glm::mat4(m), true});
  }
  std::vector<glm::dvec3> curtainPosts;
  for (std::size_t i = 0; i < mGuards.size(); ++i) {
    view.instances.push_back(
        core::Instance{mGuardMesh[i], mGuardMaterial[i],
                       glm::mat4(glm::translate(glm::dmat4(1.0), mGuards[i].centre)), true});
    if (mGuards[i].kind == robot::GuardKind::CurtainPost) {
      curtainPosts.push_back(mGuards[i].centre);
    }
  }
  if (curtainPosts.size() == 2) {
    for (const double y : robot::curtainBeams()) {
      const float h = static_cast<float>(mSpec.base.position.y + y);
      view.lines.push_back({glm::vec3(curtainPosts[0].x, h, curtainPosts[0].z),
                            glm::vec3(curtainPosts[1].x, h, curtainPosts[1].z),
                            glm::vec4(1.0f, 0.2f, 0.1f, 0.6f)});
    }
  }
}

std::optional<glm::dvec3> IndustrialRobot::bodyPosition(std::string_view name) const {
  if (auto id = body(name)) {
    return mWorld.bodyState(*id).position;
  }
  return std::nullopt;
}

std::optional<core::BodyId> IndustrialRobot::body(std::string_view name) const {
  for (std::size_t i = 0; i < 5; ++i) {
    if (name == std::string("robot.") + robot::ArmBodies::kLinkNames[i]) {
      return mArm.links()[i];
    }
  }
  return std::nullopt;
}

std::optional<glm::dvec3> IndustrialRobot::anchorPoint(std::string_view anchor) const {
  if (anchor == "tool") {
    return mArm.tcpInWorld(mPendant.motion().joints()).position;
  }
  return std::nullopt;
}

} // namespace skillsim::sim::detail
