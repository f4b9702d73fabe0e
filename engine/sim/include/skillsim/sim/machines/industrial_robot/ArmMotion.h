#pragma once

#include <skillsim/sim/machines/industrial_robot/ArmKinematics.h>

#include <cstdint>
#include <optional>
#include <vector>

namespace skillsim::sim::robot {

/**
 * The robot's operating mode (ISO 10218-1:2011 5.7; OPC UA Robotics names): manual reduced speed
 * (T1, TCP speed capped), manual high speed (T2) and automatic. Both manual modes move only while
 * the enabling device is held in its middle position.
 */
enum class OperatingMode : std::uint8_t { ManualReduced, ManualFull, Automatic };

/**
 * A taught point: the tool centre point's pose in the work object frame and the arm
 * configuration it was taught in (ABB robtarget with its cfx).
 */
struct RobotTarget {
  Pose tcp;
  ArmConfiguration configuration{};
};

/** The program's instructions (a small subset of ABB RAPID, one per row on the pendant). */
enum class InstructionKind : std::uint8_t {
  MoveJ,    ///< Joint-interpolated move to `target`.
  MoveL,    ///< Straight TCP line to `target`, orientation interpolated (slerp).
  MoveC,    ///< Circular TCP arc through `via` to `target`.
  WaitTime, ///< Wait `time` s.
  SetDO,    ///< Set digital output `signal` to `value` (e.g. the gripper).
  Loop,     ///< Jump back to row `loopTo` until this row has been passed `count` times in all.
};

/**
 * One row of a program. Moves: `speed` is the TCP speed (m/s; the pendant shows mm/s); `zone` 0
 * is a stop point (fine), else the corner radius (m): the move hands over to the next move once the
 * TCP is within `zone` of its target. `offset` is added to the target (and via) in the work object
 * frame (RAPID Offs), plus `offsetPerPass` times the number of completed passes of the enclosing
 * Loop row (a pallet pattern).
 */
struct Instruction {
  InstructionKind kind = InstructionKind::MoveJ;
  RobotTarget target{};
  RobotTarget via{};
  double speed = 0.1; ///< m/s
  double zone = 0.0;  ///< m; 0 = fine.
  glm::dvec3 offset{0.0};
  glm::dvec3 offsetPerPass{0.0};
  double time = 0.0; ///< s (WaitTime).
  int signal = 0;    ///< Output index (SetDO), 0..7.
  bool value = false;
  int loopTo = 0; ///< Row index (Loop).
  int count = 1;  ///< Passes in all (Loop), >= 1.
};

/** Limits of motion that do not come from the arm's geometry. */
struct MotionLimits {
  /** TCP speed cap in manual reduced speed: 0.250 m/s (ISO 10218-1:2011 5.7.3). */
  double reducedSpeed = 0.250;
  /**
   * From releasing (or squeezing through) the enabling device to standstill: the speed ramps
   * linearly to 0 over this time (a category 1 stop, IEC 60204-1 9.2.2), s. The same ramp brings
   * the speed back when the device is held again.
   */
  double stoppingTime = 0.2;
  /** Orientation speed of linear and circular moves (rad/s; RAPID's default v_ori 500°/s). */
  double orientationSpeed = 8.72664626;
};

/** What lets the arm move on a tick (from the pendant and the cell's safeguards). */
struct MotionPermit {
  OperatingMode mode = OperatingMode::ManualReduced;
  /** Manual modes: the enabling device held in its middle position. Ignored in automatic. */
  bool enabled = false;
  /** No emergency stop, open door or broken light curtain (automatic) latched. */
  bool safeguardsClear = true;
  /** Speed override, 0..1 (pendant %). */
  double speedOverride = 1.0;
};

/** Where a running program is. */
enum class ProgramState : std::uint8_t {
  Idle,    ///< Not started, stopped by the trainee, or one row done in StepMode::Single.
  Running, ///< Executing (possibly held at standstill while the permit is missing).
  Done,    ///< Past its last row.
  Fault,   ///< Stopped: a target or a path point cannot be reached (fault()).
};

/** Why a program stopped on its own. */
enum class MotionFaultKind : std::uint8_t {
  Unreachable,         ///< The target or a point of the path: `ik` says why.
  ConfigurationChange, ///< A linear or circular move to a target taught in another configuration.
  DegenerateArc,       ///< MoveC's start, via and target on one line (or coincident).
};

/** A fault with the row it happened in (0-based) and the structured reason. */
struct MotionFault {
  MotionFaultKind kind = MotionFaultKind::Unreachable;
  int row = 0;
  IkFailure ik{}; ///< Unreachable only.
};

/** Continuous run or one row at a time (the pendant's step forward). */
enum class StepMode : std::uint8_t { Continuous, Single };

/**
 * Executes a program on the arm, one fixed tick at a time, kinematically (the joint angles are
 * set, not driven by torques). Per tick the path parameter advances at the programmed speed
 * (capped in T1, scaled by the override and the stop ramp); the step is then shortened until no
 * axis exceeds its top speed and, in T1, the TCP moves no more than reducedSpeed * dt (measured
 * on the actual positions, so the cap holds whatever the interpolation). Linear and circular
 * moves solve the inverse kinematics on every tick in the target's configuration, seeded with the
 * previous joint angles; a point that cannot be reached stops the program with its IkFailure.
 * Deterministic: the same program and permits give the same bits.
 */
class ArmMotion {
public:
  /**
   * `tool`: the TCP in the flange frame; `workObject`: the work object frame in the base frame;
   * `start`: the joint angles at power-on (contract: within range).
   */
  ArmMotion(ArmKinematics kinematics, Pose tool, Pose workObject, JointAngles start,
            MotionLimits limits = {});

  /** Replaces the program and rewinds to row 0 (state Idle). */
  void load(std::vector<Instruction> program);
  /** Starts (or resumes) at `row`, continuously or for one row. */
  void start(int row, StepMode mode);
  /** Stops at once (the ramp still applies) and leaves the state Idle at the current row. */
  void stop();

  /**
   * Puts the arm at joint angles q (jogging, with the program not running). Contract: within
   * range; the state is not Running.
   */
  void setJoints(const JointAngles& q);
  /** Sets digital output `signal` (0..7) by hand (the pendant's tool toggle). */
  void setOutput(int signal, bool value);

  /** One tick of dt s. */
  void step(const MotionPermit& permit, double dt);

  [[nodiscard]] const JointAngles& joints() const { return mJoints; }
  /** The TCP in the base frame. */
  [[nodiscard]] Pose tcpInBase() const;
  /** The TCP in the work object frame. */
  [[nodiscard]] Pose tcpInWorkObject() const;
  /** Where a target (in the work object frame, with an offset) puts the TCP in the base frame. */
  [[nodiscard]] Pose targetInBase(const Pose& tcpInWorkObject) const;
  [[nodiscard]] ProgramState state() const { return mState; }
  /** The row executing now (or next). */
  [[nodiscard]] int row() const { return mRow; }
  [[nodiscard]] const std::optional<MotionFault>& fault() const { return mFault; }
  /** Digital outputs 0..7 (SetDO). */
  [[nodiscard]] std::uint8_t outputs() const { return mOutputs; }
  /** The speed ramp's factor now, 0 (standstill) .. 1. */
  [[nodiscard]] double rampFactor() const { return mRamp; }
  [[nodiscard]] const ArmKinematics& kinematics() const { return mKinematics; }
  /** The TCP in the flange frame. */
  [[nodiscard]] const Pose& tool() const { return mTool; }
  /** The work object frame in the base frame. */
  [[nodiscard]] const Pose& workObject() const { return mWorkObject; }
  [[nodiscard]] const MotionLimits& limits() const { return mLimits; }

private:
  void advance(const MotionPermit& permit, bool permitted, double dt);
  bool beginMove(const Instruction& in);
  void moveStep(const MotionPermit& permit, double dt);
  [[nodiscard]] core::Expected<JointAngles, IkFailure> jointsAt(double u) const;
  [[nodiscard]] Pose pathTcp(double u) const;
  [[nodiscard]] int passesOf(int row) const;
  [[nodiscard]] double segmentTime(const MotionPermit& permit) const;
  void finishRow();
  void setFault(MotionFaultKind kind, IkFailure ik = {});

  ArmKinematics mKinematics;
  Pose mTool;
  Pose mWorkObject;
  MotionLimits mLimits;
  JointAngles mJoints;
  std::vector<Instruction> mProgram;
  std::vector<int> mLoopPasses; ///< Per row: Loop rows passed so far.
  ProgramState mState = ProgramState::Idle;
  StepMode mStepMode = StepMode::Continuous;
  int mRow = 0;
  std::optional<MotionFault> mFault;
  bool mStopRequested = false;
  std::uint8_t mOutputs = 0;
  double mRamp = 0.0;

  // The move in progress: its start and end, the path parameter u in [0, 1].
  bool mInMove = false;
  InstructionKind mMoveKind = InstructionKind::MoveJ;
  JointAngles mStartJoints{};
  JointAngles mEndJoints{};
  Pose mStartTcp, mEndTcp;            ///< Base frame.
  glm::dvec3 mCentre{0.0};            ///< MoveC: the circle's centre (base frame).
  glm::dvec3 mArcU{0.0}, mArcV{0.0};  ///< MoveC: orthonormal in-plane axes, mArcU to the start.
  double mRadius = 0.0, mSweep = 0.0; ///< MoveC: m, rad.
  ArmConfiguration mConfiguration{};
  double mLength = 0.0;    ///< TCP path length (m).
  double mTurn = 0.0;      ///< Orientation change (rad).
  double mJointTime = 0.0; ///< MoveJ: the slowest axis's time at top speed (s).
  double mSpeed = 0.0;     ///< Programmed TCP speed (m/s).
  double mZone = 0.0;      ///< m
  double mU = 0.0;
  double mWaited = 0.0; ///< WaitTime: s.
};

} // namespace skillsim::sim::robot
