#pragma once

#include <skillsim/sim/Machine.h>
#include <skillsim/sim/machines/industrial_robot/ArmCell.h>
#include <skillsim/sim/machines/industrial_robot/IndustrialRobotSpec.h>
#include <skillsim/sim/machines/industrial_robot/TeachPendant.h>

#include <skillsim/physics/World.h>

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace skillsim::sim::detail {

/** A scenario body the tool can take (tagged "part"). */
struct RobotPart {
  core::BodyId body;
  std::string name;
  std::string tag;      ///< Its first tag (events carry it), else its name.
  glm::dvec3 size{0.0}; ///< Box extents (m), the part's frame.
};

/** A scenario body of the cell (not a part): the arm must not touch it. */
struct CellBody {
  core::BodyId body;
  std::string name;
};

/**
 * The industrial robot as a sim::Machine: its declared controls become a PendantInput each tick
 * (the enabling device and the emergency stop as held buttons, everything else as presses), the
 * pendant drives the arm, the tool's output takes and lets go of parts, and a link touching the
 * cell latches a stop like the emergency stop (cleared by reset). A continuous run in T1 or
 * automatic that finishes raises `cycle_complete` (subject "t1" or "automatic") once every axis is
 * within the spec's home tolerance (metric `at_home`): the task's end trigger.
 */
class IndustrialRobot final : public Machine {
public:
  IndustrialRobot(const IndustrialRobotSpec& spec, physics::World& world, robot::ArmBodies arm,
                  std::vector<RobotPart> parts, std::vector<CellBody> cell, double timeStep);

  void addMetrics(Metrics& metrics) override;
  void beforeStep(const StepInput& input, std::vector<SimEvent>& events) override;
  void afterStep(std::uint64_t tick, std::vector<SimEvent>& events) override;
  void writeMetrics(Metrics& metrics) const override;
  void hash(core::Hasher& hasher) const override;
  void buildScene(SceneTables& tables) override;
  void fillScene(core::SceneView& view) const override;
  [[nodiscard]] std::optional<glm::dvec3> bodyPosition(std::string_view name) const override;
  [[nodiscard]] std::optional<core::BodyId> body(std::string_view name) const override;
  [[nodiscard]] std::optional<glm::dvec3> anchorPoint(std::string_view anchor) const override;
  /**
   * The pendant's display: selectors operating mode (T1, T2, automatic), jog mode (axes, base,
   * work object, tool, reorient) and increment (continuous, small, medium, large); one line per
   * program row in RAPID notation with the cursor row; the last machine event as the message.
   */
  [[nodiscard]] PanelState panelState() const override;

  /** The declared control ids, in bit order of the buttons (IndustrialRobotType.cpp). */
  enum Button : std::uint8_t {
    kEnabling,
    kSqueeze,
    kEmergencyStop,
    kReset,
    kModeT1,
    kModeT2,
    kModeAuto,
    kJogJoint,
    kJogBase,
    kJogWorkObject,
    kJogTool,
    kJogReorient,
    kIncrement,
    kToolToggle,
    kTeachMoveJ,
    kTeachMoveL,
    kInsertGripOn,
    kInsertGripOff,
    kInsertWait,
    kDeleteRow,
    kCursorUp,
    kCursorDown,
    kStepForward,
    kStepBack,
    kRun,
    kStop,
    kOverrideDown,
    kOverrideUp,
    kButtonCount,
  };

private:
  /** Every axis within IndustrialRobotSpec::homeTolerance of home. */
  [[nodiscard]] bool atHome() const;
  void toolChanged(std::uint64_t tick, std::vector<SimEvent>& events);

  IndustrialRobotSpec mSpec;
  physics::World& mWorld;
  robot::ArmBodies mArm;
  robot::TeachPendant mPendant;
  std::vector<RobotPart> mParts;
  std::vector<CellBody> mCell;
  double mTimeStep;
  bool mToolClosed = false;
  std::optional<std::size_t> mHeld;     ///< Index in mParts.
  std::optional<std::size_t> mLastPart; ///< The part held now or last (part_x, part_z).
  glm::dvec3 mPartPosition{0.0};        ///< Its centre after the last step (m, world).
  bool mCollisionLatched = false;
  bool mAtHome = true;
  /** A continuous run in T1 or automatic finished; `cycle_complete` once the arm is at home. */
  std::optional<robot::OperatingMode> mCycleMode;
  bool mRunContinuous = false; ///< The program last started ran continuously (not a step).
  std::vector<bool> mTouching; ///< Per cell body: a link touches it now.
  glm::dvec3 mLastTcp{0.0};
  double mTcpSpeed = 0.0;
  std::vector<std::size_t> mMetric;
  /** The last event this machine raised (the pendant's message line; presentation only). */
  std::optional<SimEvent> mMessage;
  void keepMessage(const std::vector<SimEvent>& events, std::size_t from);
  core::MeshId mLinkMesh[5]{};
  core::MaterialId mArmMaterial{}, mToolMaterial{};
  /** The fence, door and light curtain (drawn only), their meshes and materials. */
  std::vector<robot::GuardPiece> mGuards;
  std::vector<core::MeshId> mGuardMesh;
  std::vector<core::MaterialId> mGuardMaterial;

public:
  /**
   * The speed override's steps (share of the programmed and jog speeds), as a KUKA smartPAD
   * steps its override keys (KUKA System Software 8 operating instructions: 1, 3, 10, 30, 50,
   * 75, 100 %); `override_down` / `override_up` take the next step.
   */
  static constexpr std::array<double, 7> kOverrideSteps{0.01, 0.03, 0.10, 0.30, 0.50, 0.75, 1.0};
  /** Half-size of the square fence around the base (m): the arm's reach and a margin. */
  static constexpr double kFenceHalfSize = 1.1;
};

} // namespace skillsim::sim::detail
