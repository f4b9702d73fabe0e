// The teach pendant's logic (TeachPendant.h).

#include <skillsim/sim/machines/industrial_robot/TeachPendant.h>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace skillsim::sim::robot {
namespace {

constexpr double kDeadband = 0.01; ///< Jog deflections below this are no deflection.

bool isMoveRow(const Instruction& in) {
  return in.kind == InstructionKind::MoveJ || in.kind == InstructionKind::MoveL ||
         in.kind == InstructionKind::MoveC;
}

const char* modeName(OperatingMode m) {
  switch (m) {
  case OperatingMode::ManualReduced: return "manual reduced speed (T1)";
  case OperatingMode::ManualFull: return "manual full speed (T2)";
  case OperatingMode::Automatic: return "automatic";
  }
  return "";
}

} // namespace

std::string describeEn(const PendantEvent& e) {
  const std::string row = "row " + std::to_string(e.row + 1);
  switch (e.kind) {
  case PendantEventKind::ModeChanged: return std::string("Mode: ") + modeName(e.mode) + ".";
  case PendantEventKind::EmergencyStop: return "Emergency stop.";
  case PendantEventKind::EmergencyStopReset: return "Emergency stop reset.";
  case PendantEventKind::ResetRefused:
    return "Cannot reset: release the emergency stop button first.";
  case PendantEventKind::Taught: return "Point taught in " + row + " (" + modeName(e.mode) + ").";
  case PendantEventKind::RowInserted: return "Inserted " + row + ".";
  case PendantEventKind::RowDeleted: return "Deleted " + row + ".";
  case PendantEventKind::JogRefused: return "Cannot jog there. " + describeEn(e.ik);
  case PendantEventKind::ProgramStarted:
    return std::string(e.continuous ? "Running" : "Stepping") + " from " + row + ".";
  case PendantEventKind::ProgramFault: {
    const std::string at = "Program stopped at row " + std::to_string(e.fault.row + 1) + ": ";
    switch (e.fault.kind) {
    case MotionFaultKind::Unreachable: return at + describeEn(e.fault.ik);
    case MotionFaultKind::ConfigurationChange:
      return at + "a linear move cannot change the arm configuration; use MoveJ.";
    case MotionFaultKind::DegenerateArc:
      return at + "the circle's via point lies on the line to its target.";
    }
    return at;
  }
  case PendantEventKind::ProgramFinished: return "Program finished.";
  case PendantEventKind::ProgramStopped: return "Program stopped at " + row + ".";
  case PendantEventKind::Refused:
    switch (e.refusal) {
    case PendantRefusal::None: return {};
    case PendantRefusal::EmergencyStopLatched: return "Reset the emergency stop first.";
    case PendantRefusal::NotEnabled: return "Hold the enabling device in its middle position.";
    case PendantRefusal::ProgramRunning: return "Stop the program first.";
    case PendantRefusal::JogInAutomatic: return "Jogging needs a manual mode.";
    case PendantRefusal::EmptyProgram: return "The program has no rows.";
    }
  }
  return {};
}

TeachPendant::TeachPendant(ArmMotion motion, PendantSettings settings)
    : mMotion(std::move(motion)), mSettings(settings) {}

bool TeachPendant::toolClosed() const { return (mMotion.outputs() & 1u) != 0; }

void TeachPendant::refuse(PendantRefusal why, std::vector<PendantEvent>& events) {
  PendantEvent e;
  e.kind = PendantEventKind::Refused;
  e.refusal = why;
  events.push_back(e);
}

void TeachPendant::insert(Instruction row, std::vector<PendantEvent>& events,
                          PendantEventKind kind) {
  const int at = mCursor + 1;
  mProgram.insert(mProgram.begin() + at, row);
  mCursor = at;
  mMotion.load(mProgram);
  PendantEvent e;
  e.kind = kind;
  e.row = at;
  e.mode = mMode;
  events.push_back(e);
}

void TeachPendant::startProgram(int row, StepMode mode, std::vector<PendantEvent>& events) {
  mMotion.start(row, mode);
  mRunning = true;
  mContinuous = mode == StepMode::Continuous;
  PendantEvent e;
  e.kind = PendantEventKind::ProgramStarted;
  e.row = row;
  e.continuous = mContinuous;
  e.mode = mMode;
  events.push_back(e);
}

void TeachPendant::step(const PendantInput& in, double dt, std::vector<PendantEvent>& events) {
  const bool enabled = in.enabling == EnablingPosition::Middle;
  const bool manual = mMode != OperatingMode::Automatic;
  const JointAngles before = mMotion.joints();

  // Safety first: the emergency stop latches; reset only once the button is out again.
  if (in.emergencyStop && !mEstopLatched) {
    mEstopLatched = true;
    events.push_back({PendantEventKind::EmergencyStop});
    if (mRunning) {
      mMotion.stop();
    }
  }
  if (in.reset && mEstopLatched) {
    if (in.emergencyStop) {
      events.push_back({PendantEventKind::ResetRefused});
    } else {
      mEstopLatched = false;
      events.push_back({PendantEventKind::EmergencyStopReset});
      if (!mRecord.moved) {
        mRecord.emergencyStopTestedFirst = true;
      }
    }
  }
  if (in.selectMode && *in.selectMode != mMode) {
    if (mRunning) {
      mMotion.stop();
    }
    mMode = *in.selectMode;
    PendantEvent e;
    e.kind = PendantEventKind::ModeChanged;
    e.mode = mMode;
    events.push_back(e);
  }
  if (in.selectJogMode) {
    mJogMode = *in.selectJogMode;
  }
  if (in.selectIncrement) {
    mIncrement = *in.selectIncrement;
  }
  if (in.selectOverride) {
    mOverride = std::clamp(*in.selectOverride, 0.01, 1.0);
  }

  // Editing and the tool toggle: only with the program stopped.
  const bool edits = in.teachMoveJ || in.teachMoveL || in.insertGripOn || in.insertGripOff ||
                     in.insertWait || in.deleteRow || in.gripToggle;
  if (edits && mRunning) {
    refuse(PendantRefusal::ProgramRunning, events);
  } else if (edits) {
    if (in.teachMoveJ || in.teachMoveL) {
      Instruction row;
      row.kind = in.teachMoveJ ? InstructionKind::MoveJ : InstructionKind::MoveL;
      row.target = {mMotion.tcpInWorkObject(),
                    mMotion.kinematics().configurationOf(mMotion.joints())};
      row.speed = mSettings.teachSpeed;
      insert(row, events, PendantEventKind::Taught);
      (mMode == OperatingMode::ManualReduced ? mRecord.taughtInT1
       : mMode == OperatingMode::ManualFull  ? mRecord.taughtInT2
                                             : mRecord.taughtInAutomatic)++;
    }
    if (in.insertGripOn || in.insertGripOff) {
      Instruction row;
      row.kind = InstructionKind::SetDO;
      row.signal = 0;
      row.value = in.insertGripOn;
      insert(row, events, PendantEventKind::RowInserted);
    }
    if (in.insertWait) {
      Instruction row;
      row.kind = InstructionKind::WaitTime;
      row.time = mSettings.waitTime;
      insert(row, events, PendantEventKind::RowInserted);
    }
    if (in.deleteRow) {
      if (mCursor < 0 || mProgram.empty()) {
        refuse(PendantRefusal::EmptyProgram, events);
      } else {
        mProgram.erase(mProgram.begin() + mCursor);
        PendantEvent e;
        e.kind = PendantEventKind::RowDeleted;
        e.row = mCursor;
        events.push_back(e);
        mCursor = std::min(mCursor, static_cast<int>(mProgram.size()) - 1);
        mMotion.load(mProgram);
      }
    }
    if (in.gripToggle) {
      mMotion.setOutput(0, !toolClosed());
    }
  }
  if (in.cursorUp && !mRunning) {
    mCursor = std::max(mProgram.empty() ? -1 : 0, mCursor - 1);
  }
  if (in.cursorDown && !mRunning) {
    mCursor = std::min(static_cast<int>(mProgram.size()) - 1, mCursor + 1);
  }

  // Program execution requests.
  if (in.stop && mRunning) {
    mMotion.stop();
  }
  if (in.run || in.stepForward || in.stepBack) {
    if (mRunning) {
      refuse(PendantRefusal::ProgramRunning, events);
    } else if (mEstopLatched) {
      refuse(PendantRefusal::EmergencyStopLatched, events);
    } else if (mProgram.empty()) {
      refuse(PendantRefusal::EmptyProgram, events);
    } else if (manual && !enabled) {
      refuse(PendantRefusal::NotEnabled, events);
    } else {
      const int from = std::max(mCursor, 0);
      if (in.run) {
        ++mRecord.continuousRuns;
        if (mMode == OperatingMode::Automatic) {
          ++mRecord.automaticRuns;
        }
        startProgram(from, StepMode::Continuous, events);
      } else if (in.stepForward) {
        if (mRecord.continuousRuns == 0) {
          ++mRecord.stepsBeforeFirstRun;
        }
        mStepBackPending = false;
        startProgram(from, StepMode::Single, events);
      } else {
        int back = from - 1;
        while (back >= 0 && !isMoveRow(mProgram[static_cast<std::size_t>(back)])) {
          --back;
        }
        if (back >= 0) {
          if (mRecord.continuousRuns == 0) {
            ++mRecord.stepsBeforeFirstRun;
          }
          mStepBackPending = true;
          mStepBackRow = back;
          startProgram(back, StepMode::Single, events);
        }
      }
    }
  }

  MotionPermit permit;
  permit.mode = mMode;
  permit.enabled = enabled;
  permit.safeguardsClear = !mEstopLatched;
  permit.speedOverride = mOverride;
  if (mRunning) {
    mMotion.step(permit, dt);
    const ProgramState state = mMotion.state();
    if (state != ProgramState::Running) {
      mRunning = false;
      PendantEvent e;
      e.row = mMotion.row();
      if (state == ProgramState::Fault) {
        e.kind = PendantEventKind::ProgramFault;
        e.fault = *mMotion.fault();
        e.row = e.fault.row;
      } else if (state == ProgramState::Done) {
        e.kind = PendantEventKind::ProgramFinished;
      } else if (mContinuous || in.stop || mEstopLatched) {
        e.kind = PendantEventKind::ProgramStopped;
      }
      if (state != ProgramState::Idle || mContinuous || in.stop || mEstopLatched) {
        events.push_back(e);
      }
      const int last = static_cast<int>(mProgram.size()) - 1;
      mCursor = mStepBackPending ? mStepBackRow : std::clamp(mMotion.row(), 0, last);
      mStepBackPending = false;
    }
  } else {
    mMotion.step(permit, dt); // ramps down only
    jog(in, dt, events);
  }

  const bool movedNow = std::memcmp(before.data(), mMotion.joints().data(), sizeof before) != 0;
  if (movedNow) {
    mRecord.moved = true;
  }
  if (manual && mLastMoving && !enabled) {
    ++mRecord.enablingReleasesWhileMoving;
  }
  mLastMoving = movedNow && enabled;
}

void TeachPendant::jog(const PendantInput& in, double dt, std::vector<PendantEvent>& events) {
  std::array<bool, 6> deflected{};
  bool any = false, anyNew = false;
  for (std::size_t i = 0; i < 6; ++i) {
    deflected[i] = std::abs(in.jog[i]) > kDeadband;
    any = any || deflected[i];
    anyNew = anyNew || (deflected[i] && mJogWasIdle[i]);
  }
  const std::array<bool, 6> wasIdle = mJogWasIdle;
  for (std::size_t i = 0; i < 6; ++i) {
    mJogWasIdle[i] = !deflected[i];
  }
  if (!any) {
    return;
  }
  const bool enabled = in.enabling == EnablingPosition::Middle;
  if (mMode == OperatingMode::Automatic || mEstopLatched || !enabled) {
    if (anyNew) {
      refuse(mMode == OperatingMode::Automatic ? PendantRefusal::JogInAutomatic
             : mEstopLatched                   ? PendantRefusal::EmergencyStopLatched
                                               : PendantRefusal::NotEnabled,
             events);
    }
    return;
  }
  const bool stepped = mIncrement != JogIncrement::Continuous;
  const std::size_t inc = stepped ? static_cast<std::size_t>(mIncrement) - 1 : 0;
  // Each axis's amount this tick: a rate times the deflection, or one increment per deflection.
  auto amount = [&](std::size_t i, double rate, double increment) {
    if (!deflected[i]) {
      return 0.0;
    }
    if (stepped) {
      return wasIdle[i] ? std::copysign(increment, in.jog[i]) : 0.0;
    }
    return in.jog[i] * rate * mOverride * dt;
  };
  const ArmKinematics& kin = mMotion.kinematics();
  JointAngles q = mMotion.joints();
  if (mJogMode == JogMode::Joint) {
    for (std::size_t i = 0; i < 6; ++i) {
      q[i] += amount(i, mSettings.jogJointFraction * kin.geometry().axes[i].maxSpeed,
                     mSettings.angularIncrement[inc]);
    }
    if (auto limit = kin.limitViolation(q)) {
      if (!mLastJogRefused) { // once per reach of the limit, not every tick
        PendantEvent e;
        e.kind = PendantEventKind::JogRefused;
        e.ik = *limit;
        events.push_back(e);
      }
      mLastJogRefused = true;
      for (std::size_t i = 0; i < 6; ++i) { // stop at the limits
        const AxisSpec& a = kin.geometry().axes[i];
        q[i] = std::clamp(q[i], a.min, a.max);
      }
    } else {
      mLastJogRefused = false;
    }
  } else {
    Pose tcp = mMotion.tcpInBase();
    glm::dquat frame{1.0, 0.0, 0.0, 0.0};
    if (mJogMode == JogMode::LinearWorkObject || mJogMode == JogMode::Reorient) {
      frame = mMotion.workObject().orientation;
    } else if (mJogMode == JogMode::Tool) {
      frame = tcp.orientation;
    }
    if (mJogMode == JogMode::Reorient) {
      glm::dvec3 turn(0.0);
      for (std::size_t i = 3; i < 6; ++i) {
        glm::dvec3 axis(0.0);
        axis[static_cast<int>(i - 3)] = 1.0;
        turn += amount(i, mSettings.jogTurnRate, mSettings.angularIncrement[inc]) * axis;
      }
      const glm::dvec3 world = frame * turn;
      const double angle = glm::length(world);
      if (angle > 0.0) {
        tcp.orientation = glm::normalize(glm::angleAxis(angle, world / angle) * tcp.orientation);
      }
    } else {
      glm::dvec3 move(0.0);
      for (std::size_t i = 0; i < 3; ++i) {
        glm::dvec3 axis(0.0);
        axis[static_cast<int>(i)] = 1.0;
        move += amount(i, mSettings.jogSpeed, mSettings.linearIncrement[inc]) * axis;
      }
      tcp.position += frame * move;
    }
    IkOptions options;
    const JointAngles seed = q;
    options.seed = &seed;
    auto solved =
        kin.inverse(compose(tcp, inverse(mMotion.tool())), kin.configurationOf(q), options);
    if (!solved) {
      if (anyNew || !mLastJogRefused) {
        PendantEvent e;
        e.kind = PendantEventKind::JogRefused;
        e.ik = solved.error();
        events.push_back(e);
      }
      mLastJogRefused = true;
      return;
    }
    q = *solved;
    mLastJogRefused = false;
  }
  // Axis speeds, and the T1 cap on the TCP (a stepped increment is far below both).
  double ratio = 0.0;
  const JointAngles& now = mMotion.joints();
  for (std::size_t i = 0; i < 6; ++i) {
    ratio = std::max(ratio, std::abs(q[i] - now[i]) / (kin.geometry().axes[i].maxSpeed * dt));
  }
  if (mMode == OperatingMode::ManualReduced) {
    const double travel = glm::length(compose(kin.forward(q), mMotion.tool()).position -
                                      mMotion.tcpInBase().position);
    ratio = std::max(ratio, travel / (mMotion.limits().reducedSpeed * dt));
  }
  // Shortened in joint space: near a singularity a Cartesian jog then bends off its line by a
  // second-order amount while it slows down, until the inverse kinematics refuses the next point.
  if (ratio > 1.0 + 1e-9 && !stepped) {
    for (std::size_t i = 0; i < 6; ++i) {
      q[i] = now[i] + (q[i] - now[i]) / ratio;
    }
  }
  mMotion.setJoints(q);
}

} // namespace skillsim::sim::robot
