#pragma once

#include <skillsim/sim/Machine.h>
#include <skillsim/sim/SimulationSpec.h>
#include <skillsim/sim/machines/industrial_robot/ArmCell.h>
#include <skillsim/sim/machines/industrial_robot/ArmKinematics.h>

#include <memory>
#include <numbers>
#include <string_view>

namespace skillsim::sim {

/** Registry kind of the industrial robot (`[machine] kind = "industrial_robot"`). */
inline constexpr std::string_view kIndustrialRobotKind = "industrial_robot";

/**
 * A 6-axis industrial robot in a cell (docs/machines/industrial-robot.md): the arm on its base,
 * a tool, a work object frame, and a teach pendant. Scenario bodies tagged "part" are what the
 * tool takes; every other body is the cell, which the arm must not touch.
 */
struct IndustrialRobotSpec : MachineParams {
  robot::BaseMount base{};  ///< Base on the floor (m, world) and its yaw (rad).
  robot::ArmGeometry arm{}; ///< Defaults: ABB IRB 120 (ArmKinematics.h).
  robot::ToolSpec tool{};   ///< Defaults: a two-finger gripper, TCP 100 mm out.
  /** The work object frame in the base frame (m; its yaw about the base z, rad). */
  glm::dvec3 workObjectOrigin{0.35, 0.0, 0.0};
  double workObjectYaw = 0.0;
  /** Joint angles at the start and at home (rad). */
  robot::JointAngles home{0.0, 0.0, 0.0, 0.0, std::numbers::pi / 4, 0.0};
  /**
   * The arm is at home when every axis is within this angle of `home` (rad; scenario key
   * `home_tolerance_deg`, default 1°, proposed: the practice sheet's "robot at home at shutdown"
   * names no tolerance). Metric `at_home`; the end of a completed cycle (event `cycle_complete`).
   */
  double homeTolerance = std::numbers::pi / 180.0;
  /** From letting go of the enabling device to standstill (s). */
  double stoppingTime = 0.2;
};

/** The industrial robot's machine type (one instance). */
std::shared_ptr<const MachineType> industrialRobotType();
/** A spec's machine from robot values made in code. */
MachineSpec industrialRobotMachine(const IndustrialRobotSpec& spec);
/** The robot's spec of a simulation whose machine is the industrial robot, else nullptr. */
[[nodiscard]] const IndustrialRobotSpec* industrialRobotOf(const SimulationSpec& spec);

} // namespace skillsim::sim
