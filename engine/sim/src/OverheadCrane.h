#pragma once

#include "skillsim/sim/Metrics.h"
#include "skillsim/sim/NotchedController.h"
#include "skillsim/sim/SimEvent.h"
#include "skillsim/sim/SimulationSpec.h"

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
 * The overhead crane machine of Simulation (see Simulation.h for the model and its rules):
 * controllers, trolley (kinematic body), hook block (dynamic), hoist rope and sling.
 */
class OverheadCrane {
public:
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
  void addMetrics(Metrics& metrics);
  /** Reads the controls, moves the trolley, sets the rope length, attaches and releases. */
  void beforeStep(const core::ActionState& actions, std::uint32_t pressed, std::uint64_t tick,
                  std::vector<SimEvent>& events);
  /** Updates the load cell and overload state after the physics step. */
  void afterStep(std::uint64_t tick, std::vector<SimEvent>& events);
  void writeMetrics(Metrics& metrics, double groundY) const;
  void hash(core::Hasher& hasher) const;

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
  bool mEmergencyStop = false;
  bool mOverload = false;

  struct MetricIndex {
    std::size_t swing, loadHeight, hookHeight, bridgeSpeed, trolleySpeed, hoistSpeed, loadX, loadZ,
        ropeLength, hoistedMass, bridgePosition, trolleyPosition, hookX, hookZ, ropeSpan,
        ropeStretch, ropeTension, slingTension, slingSpan, loadY, loadSpeed, loadAttached,
        emergencyStop, overload;
  };
  MetricIndex mMetric{};
};

} // namespace skillsim::sim::detail
