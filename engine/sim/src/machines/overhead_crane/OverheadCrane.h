#pragma once

#include "skillsim/sim/Machine.h"
#include "skillsim/sim/Metrics.h"
#include "skillsim/sim/NotchedController.h"
#include "skillsim/sim/SimEvent.h"
#include "skillsim/sim/SimulationSpec.h"
#include "skillsim/sim/machines/overhead_crane/OverheadCraneSpec.h"

#include "OverheadCraneScene.h"

#include <skillsim/core/ActionState.h>
#include <skillsim/core/Hash.h>
#include <skillsim/core/SceneView.h>
#include <skillsim/physics/World.h>

#include <optional>
#include <string>
#include <vector>

namespace skillsim::sim::detail {

/** A body the hook can engage. */
struct LoadInfo {
  core::BodyId body;
  glm::dvec3 lug{0.0}; ///< Lifting lug, body frame (m).
  std::string name;
  std::string tag; ///< First tag, else the name.
  double mass = 0.0;
};

/**
 * The overhead crane machine (the model and its rules: OverheadCraneSpec.h and
 * docs/machines/overhead-crane.md): controllers, trolley (kinematic body), hook block (dynamic),
 * hoist rope and sling.
 */
class OverheadCrane final : public Machine {
public:
  /** The faults it models (declared in OverheadCraneType.cpp). */
  static constexpr std::string_view kBrakeFadeFault = "hoist_brake_fade";
  static constexpr std::string_view kUpperLimitFault = "hoist_upper_limit_fails";
  /**
   * Rope length (m, sheave to the block's top face) at the mechanical end of hoisting: the hook
   * block against the trolley's underside (two-blocking), reached only once the upper limit
   * switch has failed.
   */
  static constexpr double kTwoBlockRope = 0.0;
  /** Hook block extents (m). */
  static constexpr double kHookWidth = 0.3;
  static constexpr double kHookHeight = 0.4;
  /** Trolley box extents (m); its bottom face carries the rope sheave. */
  static constexpr double kTrolleyWidth = 1.2;
  static constexpr double kTrolleyHeight = 0.6;

  /** Creates the trolley, the hook block and the hoist rope in `world`. Spec already validated. */
  OverheadCrane(const OverheadCraneSpec& spec, physics::World& world, std::vector<LoadInfo> loads,
                double gravity, double timeStep);

  /** Registers the crane's metrics. */
  void addMetrics(Metrics& metrics) override;
  /** Horn and emergency stop, the controls, the trolley, the rope length, attach and release. */
  void beforeStep(const StepInput& input, std::vector<SimEvent>& events) override;
  /** Updates the load cell and overload state after the physics step. */
  void afterStep(std::uint64_t tick, std::vector<SimEvent>& events) override;
  void writeMetrics(Metrics& metrics) const override;
  /**
   * kBrakeFadeFault (holding_fraction, fade_s) or kUpperLimitFault (no parameters); see
   * docs/machines/overhead-crane.md, "Faults".
   */
  void beginFault(std::string_view id, const FaultParams& params) override;
  void hash(core::Hasher& hasher) const override;
  void buildScene(SceneTables& tables) override;
  void fillScene(core::SceneView& view) const override;
  [[nodiscard]] std::optional<glm::dvec3> bodyPosition(std::string_view name) const override;
  [[nodiscard]] std::optional<core::BodyId> body(std::string_view name) const override;
  [[nodiscard]] std::optional<glm::dvec3> anchorPoint(std::string_view anchor) const override;

  [[nodiscard]] glm::dvec3 sheave() const;
  [[nodiscard]] glm::dvec3 bridgePoint() const;
  [[nodiscard]] glm::dvec3 hookPoint() const;
  [[nodiscard]] core::BodyId hook() const { return mHook; }
  [[nodiscard]] core::BodyId trolley() const { return mTrolley; }
  [[nodiscard]] const OverheadCraneSpec& spec() const { return mSpec; }
  /** Rope segments to draw: hoist rope, and the sling when attached. */
  [[nodiscard]] std::vector<std::pair<glm::dvec3, glm::dvec3>> ropeSegments() const;

private:
  [[nodiscard]] const LoadInfo* currentLoad() const;
  void attach(std::uint64_t tick, std::vector<SimEvent>& events);
  void release(std::uint64_t tick, std::vector<SimEvent>& events);
  /** Tracks the hoist rope's tension against the snatch threshold (OverheadCraneSpec). */
  void watchSnatch(std::uint64_t tick, std::vector<SimEvent>& events);
  /** Raises the open snatch's snatch_load event (value: peak tension, N) and closes it. */
  void finishSnatch(std::uint64_t tick, std::vector<SimEvent>& events);
  /**
   * The fading brake (after the hoist drive's update): while the drive is off and at rest the
   * drum is on its brake, which slips once the rope pulls harder than it holds; the drum then
   * turns per Newton's second law with the drive's mass at the hook (hoistDriveMass).
   */
  void slipBrake();
  /** The brake's holding force now (N at the hook), as it fades. */
  [[nodiscard]] double brakeHolding() const;
  /** With the upper limit switch failed: stops the hoist at the mechanical end (two_blocking). */
  void watchMechanicalEnd(std::uint64_t tick, std::vector<SimEvent>& events);

  OverheadCraneSpec mSpec;
  physics::World& mWorld;
  std::vector<LoadInfo> mLoads;
  double mGravity;
  double mTimeStep;
  NotchedController mBridge;
  NotchedController mTrolleyDrive;
  NotchedController mHoist; ///< Position = -rope length, so + raises.
  core::BodyId mTrolley;
  core::BodyId mHook;
  physics::RopeId mHoistRope;
  std::optional<physics::RopeId> mSling;
  std::optional<std::size_t> mAttached; ///< Index in mLoads.
  std::optional<std::size_t> mLastLoad; ///< Index in mLoads.
  double mFilteredSlingTension = 0.0;   ///< N, low-passed.
  double mHoistedMass = 0.0;            ///< kg.
  /** A snatch in progress: tension over the threshold, not yet settled for kSnatchSettle. */
  struct Snatch {
    double peak = 0.0;            ///< N, the hoist rope's largest tension so far
    glm::dvec3 position{0.0};     ///< the load's centre at the peak (m)
    std::uint64_t quietTicks = 0; ///< ticks under the threshold since the last tick over it
  };
  std::optional<Snatch> mSnatch;
  bool mEmergencyStop = false;
  bool mOverload = false;
  /** hoist_brake_fade once begun: the fraction it fades to, over `fadeTime` (s). */
  struct BrakeFade {
    double holdingFraction = 1.0;
    double fadeTime = 0.0;
    std::uint64_t ticks = 0; ///< Ticks since it began.
  };
  std::optional<BrakeFade> mBrakeFade;
  double mSlipSpeed = 0.0; ///< The drum slipping on its brake: rope paid out, m/s (>= 0).
  bool mUpperLimitFailed = false;
  bool mTwoBlocked = false; ///< The hook block is at the mechanical end now.

  struct MetricIndex {
    std::size_t swing, loadHeight, hookHeight, bridgeSpeed, trolleySpeed, hoistSpeed, loadX, loadZ,
        ropeLength, hoistedMass, bridgePosition, trolleyPosition, hookX, hookZ, ropeSpan,
        ropeStretch, ropeTension, slingTension, slingSpan, loadY, loadSpeed, loadAttached,
        emergencyStop, overload;
  };
  MetricIndex mMetric{};
  CraneSceneParts mScene; ///< OverheadCraneScene.cpp
};

/** Control slots of the crane (crane_controls in OverheadCraneSpec.h). */
enum class CraneAxis : std::uint8_t {
  BridgeTravel = crane_controls::kBridgeTravel,
  TrolleyTravel = crane_controls::kTrolleyTravel,
  Hoist = crane_controls::kHoist
};
enum class CraneButton : std::uint8_t {
  Horn = crane_controls::kHorn,
  EmergencyStop = crane_controls::kEmergencyStop,
  Attach = crane_controls::kAttach,
  Release = crane_controls::kRelease
};

} // namespace skillsim::sim::detail
