// Program execution on the arm, one tick at a time (ArmMotion.h).

#include <skillsim/sim/machines/industrial_robot/ArmMotion.h>

#include <skillsim/core/Check.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace skillsim::sim::robot {
namespace {

constexpr double kTwoPi = 2.0 * std::numbers::pi;

bool isMove(InstructionKind kind) {
  return kind == InstructionKind::MoveJ || kind == InstructionKind::MoveL ||
         kind == InstructionKind::MoveC;
}

double angleBetween(const glm::dquat& a, const glm::dquat& b) {
  const glm::dquat d = glm::conjugate(a) * b;
  const double v = std::sqrt(d.x * d.x + d.y * d.y + d.z * d.z);
  return 2.0 * std::atan2(v, std::abs(d.w));
}

/** Shortest-arc spherical interpolation; u = 0 and 1 give the ends exactly. */
glm::dquat slerp(const glm::dquat& a, const glm::dquat& b, double u) {
  if (u <= 0.0) {
    return a;
  }
  if (u >= 1.0) {
    return b;
  }
  glm::dquat end = glm::dot(a, b) < 0.0 ? -b : b;
  const double theta = angleBetween(a, end) / 2.0;
  if (theta < 1e-12) {
    return a;
  }
  const double s = std::sin(theta);
  const double wa = std::sin((1.0 - u) * theta) / s;
  const double wb = std::sin(u * theta) / s;
  return glm::normalize(glm::dquat(wa * a.w + wb * end.w, wa * a.x + wb * end.x,
                                   wa * a.y + wb * end.y, wa * a.z + wb * end.z));
}

} // namespace

ArmMotion::ArmMotion(ArmKinematics kinematics, Pose tool, Pose workObject, JointAngles start,
                     MotionLimits limits)
    : mKinematics(std::move(kinematics)), mTool(tool), mWorkObject(workObject), mLimits(limits),
      mJoints(start) {}

void ArmMotion::load(std::vector<Instruction> program) {
  mProgram = std::move(program);
  mLoopPasses.assign(mProgram.size(), 0);
  mState = ProgramState::Idle;
  mRow = 0;
  mInMove = false;
  mFault.reset();
  mStopRequested = false;
  mWaited = 0.0;
}

void ArmMotion::start(int row, StepMode mode) {
  if (row != mRow) {
    mInMove = false; // a move resumes only where it was stopped
    mWaited = 0.0;
  }
  mRow = std::clamp(row, 0, static_cast<int>(mProgram.size()));
  mStepMode = mode;
  mFault.reset();
  mStopRequested = false;
  mState = ProgramState::Running;
}

void ArmMotion::setJoints(const JointAngles& q) {
  SKILLSIM_CHECK(mState != ProgramState::Running, "ArmMotion::setJoints while running");
  SKILLSIM_CHECK(!mKinematics.limitViolation(q).has_value(), "ArmMotion::setJoints out of range");
  mJoints = q;
  mInMove = false; // a stopped move does not resume from elsewhere
}

void ArmMotion::setOutput(int signal, bool value) {
  const auto bit = static_cast<std::uint8_t>(1u << (signal & 7));
  mOutputs = static_cast<std::uint8_t>(value ? (mOutputs | bit) : (mOutputs & ~bit));
}

void ArmMotion::stop() {
  if (mState == ProgramState::Running) {
    mStopRequested = true;
  }
}

Pose ArmMotion::tcpInBase() const { return compose(mKinematics.forward(mJoints), mTool); }

Pose ArmMotion::tcpInWorkObject() const { return compose(inverse(mWorkObject), tcpInBase()); }

Pose ArmMotion::targetInBase(const Pose& tcpInWorkObject) const {
  return compose(mWorkObject, tcpInWorkObject);
}

void ArmMotion::setFault(MotionFaultKind kind, IkFailure ik) {
  mFault = MotionFault{kind, mRow, ik};
  mState = ProgramState::Fault;
  mInMove = false;
}

void ArmMotion::step(const MotionPermit& permit, double dt) {
  const bool permitted = permit.safeguardsClear &&
                         (permit.mode == OperatingMode::Automatic || permit.enabled) &&
                         !mStopRequested && mState == ProgramState::Running;
  const double rate = mLimits.stoppingTime > 0.0 ? dt / mLimits.stoppingTime : 1.0;
  mRamp = permitted ? std::min(1.0, mRamp + rate) : std::max(0.0, mRamp - rate);
  if (mState != ProgramState::Running) {
    return;
  }
  advance(permit, permitted, dt);
  if (mStopRequested && mRamp == 0.0 && mState == ProgramState::Running) {
    mState = ProgramState::Idle;
    mStopRequested = false;
  }
}

int ArmMotion::passesOf(int row) const {
  for (std::size_t r = static_cast<std::size_t>(row) + 1; r < mProgram.size(); ++r) {
    if (mProgram[r].kind == InstructionKind::Loop && mProgram[r].loopTo <= row) {
      return mLoopPasses[r];
    }
  }
  return 0;
}

void ArmMotion::finishRow() {
  mInMove = false;
  mWaited = 0.0;
  ++mRow;
  if (mRow >= static_cast<int>(mProgram.size())) {
    mState = ProgramState::Done;
  } else if (mStepMode == StepMode::Single) {
    mState = ProgramState::Idle;
  }
}

void ArmMotion::advance(const MotionPermit& permit, bool permitted, double dt) {
  // Rows that take no time (SetDO, Loop) run in the same tick as the row after them; the guard
  // bounds a program of such rows only.
  for (int guard = 0; guard < 256 && mState == ProgramState::Running; ++guard) {
    if (mRow >= static_cast<int>(mProgram.size())) {
      mState = ProgramState::Done;
      return;
    }
    const Instruction& in = mProgram[static_cast<std::size_t>(mRow)];
    switch (in.kind) {
    case InstructionKind::SetDO:
      if (!permitted) {
        return;
      }
      if (in.value) {
        mOutputs = static_cast<std::uint8_t>(mOutputs | (1u << (in.signal & 7)));
      } else {
        mOutputs = static_cast<std::uint8_t>(mOutputs & ~(1u << (in.signal & 7)));
      }
      finishRow();
      continue;
    case InstructionKind::Loop: {
      if (!permitted) {
        return;
      }
      int& passes = mLoopPasses[static_cast<std::size_t>(mRow)];
      ++passes;
      if (passes < in.count) {
        mRow = std::clamp(in.loopTo, 0, mRow);
        mInMove = false;
        if (mStepMode == StepMode::Single) {
          mState = ProgramState::Idle;
        }
      } else {
        passes = 0;
        finishRow();
      }
      continue;
    }
    case InstructionKind::WaitTime:
      if (!permitted) {
        return;
      }
      mWaited += dt;
      if (mWaited >= in.time) {
        finishRow();
      }
      return;
    case InstructionKind::MoveJ:
    case InstructionKind::MoveL:
    case InstructionKind::MoveC:
      if (!mInMove && !beginMove(in)) {
        return;
      }
      moveStep(permit, dt);
      return;
    }
  }
}

bool ArmMotion::beginMove(const Instruction& in) {
  const glm::dvec3 offset = in.offset + static_cast<double>(passesOf(mRow)) * in.offsetPerPass;
  auto shifted = [&](const RobotTarget& t) {
    Pose p = t.tcp;
    p.position += offset;
    return targetInBase(p);
  };
  mMoveKind = in.kind;
  mStartJoints = mJoints;
  mStartTcp = tcpInBase();
  mEndTcp = shifted(in.target);
  mConfiguration = in.target.configuration;
  mSpeed = in.speed;
  mZone = in.zone;
  mU = 0.0;
  mTurn = angleBetween(mStartTcp.orientation, mEndTcp.orientation);
  mJointTime = 0.0;
  if (in.kind != InstructionKind::MoveJ &&
      !(mKinematics.configurationOf(mJoints) == mConfiguration)) {
    setFault(MotionFaultKind::ConfigurationChange);
    return false;
  }
  IkOptions options;
  options.seed = &mJoints;
  auto end = mKinematics.inverse(compose(mEndTcp, inverse(mTool)), mConfiguration, options);
  if (!end) {
    setFault(MotionFaultKind::Unreachable, end.error());
    return false;
  }
  mEndJoints = *end;
  if (in.kind == InstructionKind::MoveC) {
    const glm::dvec3 a = mStartTcp.position;
    const glm::dvec3 b = shifted(in.via).position;
    const glm::dvec3 c = mEndTcp.position;
    const glm::dvec3 u = b - a, w = c - a, n = glm::cross(u, w);
    const double n2 = glm::dot(n, n);
    // |n| is twice the triangle's area: below 1 mm² the three points are as good as on one line.
    if (n2 < 4e-12) {
      setFault(MotionFaultKind::DegenerateArc);
      return false;
    }
    mCentre =
        a + (glm::dot(u, u) * glm::cross(w, n) + glm::dot(w, w) * glm::cross(n, u)) / (2.0 * n2);
    mRadius = glm::length(a - mCentre);
    mArcU = (a - mCentre) / mRadius;
    mArcV = glm::cross(n / std::sqrt(n2), mArcU);
    const glm::dvec3 ce = c - mCentre;
    mSweep = std::atan2(glm::dot(ce, mArcV), glm::dot(ce, mArcU));
    if (mSweep <= 0.0) {
      mSweep += kTwoPi;
    }
    mLength = mRadius * mSweep;
  } else {
    mLength = glm::length(mEndTcp.position - mStartTcp.position);
  }
  if (in.kind == InstructionKind::MoveJ) {
    for (std::size_t i = 0; i < mJoints.size(); ++i) {
      mJointTime = std::max(mJointTime, std::abs(mEndJoints[i] - mStartJoints[i]) /
                                            mKinematics.geometry().axes[i].maxSpeed);
    }
  }
  mInMove = true;
  return true;
}

Pose ArmMotion::pathTcp(double u) const {
  if (u >= 1.0) {
    return mEndTcp;
  }
  Pose p;
  p.orientation = slerp(mStartTcp.orientation, mEndTcp.orientation, u);
  if (mMoveKind == InstructionKind::MoveC) {
    const double a = u * mSweep;
    p.position = mCentre + mRadius * (std::cos(a) * mArcU + std::sin(a) * mArcV);
  } else {
    p.position = mStartTcp.position + u * (mEndTcp.position - mStartTcp.position);
  }
  return p;
}

core::Expected<JointAngles, IkFailure> ArmMotion::jointsAt(double u) const {
  if (u >= 1.0) {
    return mEndJoints;
  }
  if (mMoveKind == InstructionKind::MoveJ) {
    JointAngles q{};
    for (std::size_t i = 0; i < q.size(); ++i) {
      q[i] = mStartJoints[i] + u * (mEndJoints[i] - mStartJoints[i]);
    }
    return q;
  }
  IkOptions options;
  options.seed = &mJoints;
  return mKinematics.inverse(compose(pathTcp(u), inverse(mTool)), mConfiguration, options);
}

double ArmMotion::segmentTime(const MotionPermit& permit) const {
  double speed = mSpeed * std::clamp(permit.speedOverride, 0.0, 1.0);
  if (permit.mode == OperatingMode::ManualReduced) {
    speed = std::min(speed, mLimits.reducedSpeed);
  }
  if (!(speed > 0.0)) {
    return std::numeric_limits<double>::infinity();
  }
  double time = mLength / speed;
  if (mMoveKind == InstructionKind::MoveJ) {
    time = std::max(time, mJointTime);
  } else if (mLimits.orientationSpeed > 0.0) {
    time = std::max(time, mTurn / mLimits.orientationSpeed);
  }
  return time;
}

void ArmMotion::moveStep(const MotionPermit& permit, double dt) {
  const double time = segmentTime(permit);
  if (time == 0.0) {
    mJoints = mEndJoints;
    finishRow();
    return;
  }
  if (mRamp == 0.0 || !std::isfinite(time)) {
    return;
  }
  double u = std::min(1.0, mU + mRamp * dt / time);
  const glm::dvec3 tcpNow = tcpInBase().position;
  const bool capTcp = permit.mode == OperatingMode::ManualReduced;
  // Shorten the step until every axis and (T1) the TCP keep their limits, measured on the
  // positions the step gives.
  bool accepted = false;
  JointAngles next{};
  for (int attempt = 0; attempt < 48 && !accepted; ++attempt) {
    auto q = jointsAt(u);
    if (!q) {
      setFault(MotionFaultKind::Unreachable, q.error());
      return;
    }
    double ratio = 0.0;
    for (std::size_t i = 0; i < next.size(); ++i) {
      ratio = std::max(ratio, std::abs((*q)[i] - mJoints[i]) /
                                  (mKinematics.geometry().axes[i].maxSpeed * dt));
    }
    if (capTcp) {
      const glm::dvec3 tcp = compose(mKinematics.forward(*q), mTool).position;
      ratio = std::max(ratio, glm::length(tcp - tcpNow) / (mLimits.reducedSpeed * dt));
    }
    if (ratio <= 1.0 + 1e-12) {
      next = *q;
      accepted = true;
    } else {
      const double du = (u - mU) * (attempt < 4 ? 0.999999 / ratio : 0.5);
      u = mU + du;
    }
  }
  if (!accepted) {
    return; // no step keeps the limits this tick (not seen; the arm waits)
  }
  mJoints = next;
  mU = u;
  if (mU >= 1.0) {
    finishRow();
    return;
  }
  // A corner zone hands over to the next move once the TCP is within it of the target.
  const std::size_t nextRow = static_cast<std::size_t>(mRow) + 1;
  if (mZone > 0.0 && nextRow < mProgram.size() && isMove(mProgram[nextRow].kind) &&
      glm::length(mEndTcp.position - tcpInBase().position) <= mZone) {
    finishRow();
  }
}

} // namespace skillsim::sim::robot
