#pragma once

#include <skillsim/operator/Operator.h>
#include <skillsim/operator/OperatorRegistry.h>
#include <skillsim/scenario/Scenario.h>
#include <skillsim/sim/machines/industrial_robot/ArmKinematics.h>

#include <glm/vec3.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace skillsim::op {

/** How the scripted trainee works the pendant (docs/machines/industrial-robot.md). */
enum class RobotProfile : std::uint8_t {
  /**
   * Tests the emergency stop, teaches every point in T1 holding the enabling device, steps the
   * first two rows and back to row 1, then runs the program in automatic mode.
   */
  Competent,
  /**
   * Skips the emergency-stop check, teaches in T2, teaches every place point 7 mm off along the
   * pallet row, and runs in automatic mode without stepping.
   */
  Careless,
};

/** One thing the scripted trainee does on the pendant; done when its condition is met. */
struct PendantAction {
  enum class Kind : std::uint8_t {
    Press,     ///< `control` held 2 ticks then released 2 (one rising edge).
    Hold,      ///< `control` held `ticks`, then released 2 ticks.
    Enable,    ///< From now on the enabling device is held (`on`) or released.
    JogJoints, ///< Joint jog until every axis is within 1e-4 rad of `joints`.
    JogLinear, ///< Linear base jog until the TCP is within 0.05 mm of `point` (base frame, m).
    WaitStill, ///< At least `ticks` (0.1 s), then until the TCP has not moved for 0.1 s.
    WaitEvent, ///< Until the machine raises event `control`.
  };
  Kind kind = Kind::Press;
  std::string control;
  int ticks = 0;
  bool on = false;
  sim::robot::JointAngles joints{};
  glm::dvec3 point{0.0};
  std::string label; ///< What the step is for (debug output and failure messages).
};

/**
 * The palletising task as pendant actions for a profile: the points follow the scenario (each
 * part body tagged "part" to the zone its `placement` criterion names, the tool pointing down, 80
 * mm approach heights, set down 1 mm above the zone's floor). Errors (NotFound): no industrial
 * robot, no placement criterion, an unknown zone or body, a point the arm cannot reach (its IK
 * reason).
 */
[[nodiscard]] core::Expected<std::vector<PendantAction>>
planPalletising(const scenario::Scenario& scenario, RobotProfile profile);

/**
 * The industrial robot's scripted operator: plays pendant actions through the declared controls
 * only (jog axes, buttons), observing the metrics (joint_1..6, tcp_x/y/z, tcp_speed) and events.
 * Finished once the program has finished (or a step timed out: failure()). With the environment
 * variable SKILLSIM_OPERATOR_DEBUG set, prints each action as it starts to stderr.
 */
class RobotOperator final : public Operator {
public:
  /**
   * `base`: the robot's base frame in the world; `arm`: its axes' top speeds (joint jog rates);
   * `actions` from planPalletising; `tickRate`: the scenario's (Hz, > 0), for the 0.1 s of
   * stillness a WaitStill asks and the 2-minute time-out of an action.
   */
  RobotOperator(const sim::MachineDecl& machine, sim::robot::Pose base,
                const sim::robot::ArmGeometry& arm, std::vector<PendantAction> actions,
                std::uint32_t tickRate);

  core::Expected<core::ActionState> act(const OperatorObservation& observation) override;
  [[nodiscard]] bool finished() const override { return mNext >= mActions.size() || mFailure; }
  [[nodiscard]] std::optional<std::string> failure() const override { return mFailure; }

private:
  bool step(const PendantAction& a, const OperatorObservation& o, core::ActionState& out);

  sim::MachineDecl mMachine;
  sim::robot::Pose mBase;
  std::array<double, 6> mJointRates{}; ///< rad/s at full deflection of a joint jog.
  std::vector<PendantAction> mActions;
  std::size_t mNext = 0;
  int mTicks = 0;            ///< Ticks spent in the current action.
  int mStillTicks = 0;       ///< WaitStill: ticks without TCP motion.
  int mStillNeeded = 0;      ///< Ticks in 0.1 s at the scenario's rate.
  int mTimeoutTicks = 0;     ///< Ticks in 2 minutes: no action takes longer.
  double mTickSeconds = 0.0; ///< s, one tick at the scenario's rate (the jog loop's fine steps).
  bool mEnabling = false;
  std::optional<std::string> mFailure;
};

/** Registers "competent" and "careless" (RobotProfile) under the kind "industrial_robot". */
void registerOperators_industrial_robot(OperatorRegistry& registry);

} // namespace skillsim::op
