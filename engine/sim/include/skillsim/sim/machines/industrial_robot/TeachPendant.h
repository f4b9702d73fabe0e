#pragma once

#include <skillsim/sim/machines/industrial_robot/ArmMotion.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace skillsim::sim::robot {

/**
 * The three-position enabling device (ISO 10218-1:2011 5.8.3; IEC 60204-1 10.9): released and
 * squeezed through both stop; only the middle position enables motion in the manual modes.
 */
enum class EnablingPosition : std::uint8_t { Released, Middle, Squeezed };

/** What the jog axes move (the pendant's motion mode and coordinate system). */
enum class JogMode : std::uint8_t {
  Joint,            ///< Jog axes 1..6 each turn one robot axis.
  LinearBase,       ///< Jog axes 1..3 move the TCP along the base frame's x, y, z.
  LinearWorkObject, ///< Along the work object frame's x, y, z.
  Tool,             ///< Along the tool frame's x, y, z.
  Reorient,         ///< Jog axes 4..6 turn the tool about the TCP (work object axes).
};

/** Continuous jogging, or one fixed step per deflection of a jog axis. */
enum class JogIncrement : std::uint8_t { Continuous, Small, Medium, Large };

/**
 * One tick of the pendant as the trainee works it: every field is a recorded control input (the
 * machine maps its declared controls onto it), so a re-simulation rebuilds the same program and
 * the same motion. Buttons are "pressed this tick" (rising edges), except the enabling device and
 * the emergency stop, which are held states.
 */
struct PendantInput {
  std::optional<OperatingMode> selectMode; ///< The key switch turned to a mode.
  EnablingPosition enabling = EnablingPosition::Released;
  bool emergencyStop = false; ///< The mushroom button is pressed in (held).
  bool reset = false;         ///< Reset pressed (clears a released emergency stop).
  std::optional<JogMode> selectJogMode;
  std::optional<JogIncrement> selectIncrement;
  std::optional<double> selectOverride; ///< Speed override 0.01..1.
  std::array<double, 6> jog{};          ///< Jog axes, each -1..1 (deflection).
  bool gripToggle = false;              ///< Manual: toggle the tool (digital output 0).
  bool teachMoveJ = false;              ///< Insert a MoveJ to the current pose after the cursor.
  bool teachMoveL = false;              ///< Insert a MoveL to the current pose after the cursor.
  bool insertGripOn = false;            ///< Insert SetDO 0 = 1 after the cursor.
  bool insertGripOff = false;           ///< Insert SetDO 0 = 0 after the cursor.
  bool insertWait = false;              ///< Insert WaitTime (waitTime s) after the cursor.
  bool deleteRow = false;
  bool cursorUp = false;
  bool cursorDown = false;
  bool stepForward = false; ///< Execute the row at the cursor, then stop.
  bool stepBack = false;    ///< Move back to the previous move row's target, then stop.
  bool run = false;         ///< Run continuously from the cursor.
  bool stop = false;        ///< Stop at once (the stop ramp applies).
};

/** Settings of the pendant (proposed values for the training cell; none is scored as published). */
struct PendantSettings {
  double jogSpeed = 0.250;       ///< Linear jog speed at full deflection and 100 % (m/s).
  double jogTurnRate = 0.5;      ///< Reorientation jog at full deflection (rad/s).
  double jogJointFraction = 0.1; ///< Joint jog: this share of each axis's top speed.
  /** Increments: linear (m), angular (rad) for Small, Medium, Large (proposed: 0.05/1/5 mm). */
  std::array<double, 3> linearIncrement{0.00005, 0.001, 0.005};
  std::array<double, 3> angularIncrement{0.0001, 0.0004, 0.0025};
  double teachSpeed = 0.1; ///< Speed of a taught move row (m/s, RAPID v100).
  double waitTime = 0.5;   ///< s, of an inserted WaitTime.
};

/** What happened on the pendant this tick (the machine turns these into events and toasts). */
enum class PendantEventKind : std::uint8_t {
  ModeChanged,        ///< mode: the new one.
  EmergencyStop,      ///< Pressed.
  EmergencyStopReset, ///< Released and reset.
  ResetRefused,       ///< Reset while the button is still pressed in.
  Taught,             ///< row: the inserted row; mode: the mode it was taught in.
  RowInserted,        ///< row.
  RowDeleted,         ///< row.
  JogRefused,         ///< ik: why the jog target cannot be reached.
  ProgramStarted,     ///< row; continuous: true for run, false for a step.
  ProgramFault,       ///< fault.
  ProgramFinished,    ///< The last row completed in a continuous run.
  ProgramStopped,     ///< By the stop button, a mode change or the emergency stop.
  Refused,            ///< A request not allowed now (reason).
};

/** Why a request was refused. */
enum class PendantRefusal : std::uint8_t {
  None,
  EmergencyStopLatched, ///< Reset the emergency stop first.
  NotEnabled,           ///< Manual mode: hold the enabling device in its middle position.
  ProgramRunning,       ///< Stop the program first.
  JogInAutomatic,       ///< Jogging needs a manual mode.
  EmptyProgram,         ///< Nothing to run or delete.
};

/** One pendant event, structured (text is made from it at display time). */
struct PendantEvent {
  PendantEventKind kind = PendantEventKind::Refused;
  OperatingMode mode = OperatingMode::ManualReduced;
  int row = 0;
  bool continuous = false;
  IkFailure ik{};
  MotionFault fault{};
  PendantRefusal refusal = PendantRefusal::None;
};

/** Plain words for a pendant event (English). */
[[nodiscard]] std::string describeEn(const PendantEvent& event);

/**
 * The facts of the procedure a rubric scores (EXAMS.md, industrial robot): which mode points were
 * taught in, whether the program was stepped before its first continuous run, whether the
 * emergency stop was tested before the first motion, and how the enabling device was used.
 */
struct PendantRecord {
  int taughtInT1 = 0;
  int taughtInT2 = 0;
  int taughtInAutomatic = 0;
  int stepsBeforeFirstRun = 0; ///< Rows stepped (forward or back) before the first run.
  int continuousRuns = 0;
  int automaticRuns = 0;
  bool emergencyStopTestedFirst = false; ///< Pressed and reset before any motion.
  bool moved = false;                    ///< Any jog or program motion so far.
  int enablingReleasesWhileMoving = 0;   ///< Manual motion ended by letting go or squeezing.
};

/**
 * The teach pendant's logic over an ArmMotion: operating mode, enabling device, emergency stop
 * with reset, jogging, program editing at a cursor, teaching, stepping and running. Pure and
 * deterministic: the same inputs give the same program, motion and record.
 */
class TeachPendant {
public:
  TeachPendant(ArmMotion motion, PendantSettings settings = {});

  /** One tick of dt s; the events of the tick are appended to `events`. */
  void step(const PendantInput& input, double dt, std::vector<PendantEvent>& events);

  [[nodiscard]] const ArmMotion& motion() const { return mMotion; }
  [[nodiscard]] const std::vector<Instruction>& program() const { return mProgram; }
  [[nodiscard]] int cursor() const { return mCursor; }
  [[nodiscard]] OperatingMode mode() const { return mMode; }
  [[nodiscard]] JogMode jogMode() const { return mJogMode; }
  [[nodiscard]] JogIncrement increment() const { return mIncrement; }
  [[nodiscard]] double speedOverride() const { return mOverride; }
  [[nodiscard]] bool emergencyStopLatched() const { return mEstopLatched; }
  /** The gripper output (digital output 0): set by SetDO rows and the manual toggle. */
  [[nodiscard]] bool toolClosed() const;
  [[nodiscard]] const PendantRecord& record() const { return mRecord; }

private:
  bool motionAllowed(const PendantInput& input) const;
  void jog(const PendantInput& input, double dt, std::vector<PendantEvent>& events);
  void insert(Instruction row, std::vector<PendantEvent>& events, PendantEventKind kind);
  void startProgram(int row, StepMode mode, std::vector<PendantEvent>& events);
  void refuse(PendantRefusal why, std::vector<PendantEvent>& events);

  ArmMotion mMotion;
  PendantSettings mSettings;
  std::vector<Instruction> mProgram;
  int mCursor = -1; ///< The row new rows go after (-1: before the first).
  OperatingMode mMode = OperatingMode::ManualReduced;
  JogMode mJogMode = JogMode::Joint;
  JogIncrement mIncrement = JogIncrement::Continuous;
  double mOverride = 1.0;
  bool mEstopLatched = false;
  std::array<bool, 6> mJogWasIdle{true, true, true, true, true, true};
  bool mRunning = false;
  bool mContinuous = false;
  bool mLastMoving = false;
  bool mLastJogRefused = false; ///< A jog refusal is reported once until the jog succeeds.
  bool mStepBackPending = false;
  int mStepBackRow = 0;
  PendantRecord mRecord;
};

} // namespace skillsim::sim::robot
