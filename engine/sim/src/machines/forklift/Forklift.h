#pragma once

#include "skillsim/sim/Machine.h"
#include "skillsim/sim/Metrics.h"
#include "skillsim/sim/SimEvent.h"
#include "skillsim/sim/machines/forklift/ForkliftSpec.h"

#include <skillsim/core/Hash.h>
#include <skillsim/core/SceneView.h>
#include <skillsim/physics/World.h>

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace skillsim::sim::detail {

/** Mesh and material ids of the drawn truck (ForkliftScene.cpp), set by buildScene(). */
struct ForkliftSceneParts {
  core::MeshId frame, counterweight, guardPost, guardRoof, seat, mastChannel, mastCrossbar, chain,
      carriage, backrest, fork, forkShank, frontWheel, rearWheel, edgeLine;
  core::MaterialId paint, counterweightPaint, steel, rubber, seatCover, chainSteel, linePaint;
};

/**
 * The counterbalance forklift truck (ForkliftSpec.h; model and its reasons:
 * docs/machines/forklift.md). Four physics bodies: the truck (frame with counterweight, a
 * dynamic convex hull whose centre of mass is the frame's and counterweight's), the mast (hinged
 * to the truck, tilt), and two forks (each on a slider up the mast, lift). The wheels are
 * ray-cast: each tyre is a vertical spring-damper under its hub, a ray down to the ground, and
 * Coulomb tyre forces at the contact (traction, brakes, rolling resistance, side force), applied
 * as impulses on the truck body before each step. The rear (steer) axle pivots: both rear tyres
 * carry the mean of their two spring forces, so the truck stands on the stability triangle.
 */
class Forklift final : public Machine {
public:
  /** Spec already validated. */
  Forklift(const ForkliftSpec& spec, physics::World& world, double gravity, double timeStep);

  void addMetrics(Metrics& metrics) override;
  /** Controls, steering, the mast's servos, the tyre forces. */
  void beforeStep(const StepInput& input, std::vector<SimEvent>& events) override;
  /** The load on the forks (from the axle loads) and the tip-over watch. */
  void afterStep(std::uint64_t tick, std::vector<SimEvent>& events) override;
  void writeMetrics(Metrics& metrics) const override;
  /**
   * kTyreFault (tyre, radius_loss_m, deflate_s): one tyre loses pressure; see
   * docs/machines/forklift.md, "Faults".
   */
  void beginFault(std::string_view id, const FaultParams& params) override;
  /** The truck's frame more than kSinkLimit below the ground (through it): a model fault. */
  [[nodiscard]] std::optional<MachineFault> fault() const override;
  void hash(core::Hasher& hasher) const override;
  void buildScene(SceneTables& tables) override;
  void fillScene(core::SceneView& view) const override;
  [[nodiscard]] std::optional<glm::dvec3> bodyPosition(std::string_view name) const override;
  [[nodiscard]] std::optional<core::BodyId> body(std::string_view name) const override;
  [[nodiscard]] std::optional<glm::dvec3> anchorPoint(std::string_view anchor) const override;
  /** "seat"/"cab": the truck's heading about world +Y (the seat camera turns with the truck). */
  [[nodiscard]] std::optional<glm::dquat> anchorOrientation(std::string_view anchor) const override;
  /** The stability triangle with the combined centre of gravity (practice aid). */
  [[nodiscard]] std::vector<FloorAid> floorAids() const override;

  /** A truck-frame point (m) in world coordinates. */
  [[nodiscard]] glm::dvec3 truckToWorld(const glm::dvec3& truckPoint) const;
  /** The fork tips' centre at the tines' underside (m, world). */
  [[nodiscard]] glm::dvec3 forkTips() const;
  /**
   * The mast's tilt from upright (rad, + back: the fork tips raised; - forward), within
   * [-tiltForward, tiltBack].
   */
  [[nodiscard]] double tiltAngle() const;
  /** A fork's lift: its centre along the mast from its lift-0 point (m). */
  [[nodiscard]] double liftPosition(std::size_t fork) const;
  /** Lowest point of the fork tips above the ground (m). */
  [[nodiscard]] double forkHeight() const;
  /**
   * How far the truck's outline (frame corners at the fork face and the counterweight, both fork
   * tips) reaches past the inner edge of a bay's side or back line while the truck's centre is in
   * that bay (m, 0 when clear; the most over all bays). The bay's end line in its heading
   * direction is its entrance, driven over to enter and leave. Lines are kEdgeLineWidth wide,
   * centred on the bay's edge.
   */
  [[nodiscard]] double edgeLineOvershoot() const;

  /** Painted edge line width (m): N1 field lines are 50 mm. */
  static constexpr double kEdgeLineWidth = 0.05;
  /** N1 automatic fail: any part of the truck more than this past an edge line (m). */
  static constexpr double kEdgeLineFail = 0.30;
  /** N1 automatic fail: leaving the rack with the forks above this (m). */
  static constexpr double kRackLeaveForkHeight = 0.90;
  /**
   * The fork tips "leave the rack" when they withdraw past this distance in front of its front
   * beams' face, within its width and 0.5 m either side (m; proposed: not published).
   */
  static constexpr double kRackLeaveDistance = 1.0;
  /** The distance-to-rack aid reads within this in front of a rack's beams' face (m). */
  static constexpr double kRackAidRange = 5.0;
  /**
   * A pallet is dropped when its underside falls faster than this (m/s; proposed: free fall from
   * 5 cm, twice the fastest lowering of the forks) or it tilts more than kPalletDropTilt.
   */
  static constexpr double kPalletDropSpeed = 1.0;
  static constexpr double kPalletDropTilt = 0.3490658503988659; ///< rad (20 deg, proposed).

  /** Tyre order: front left, front right, rear left, rear right. */
  static constexpr std::size_t kWheels = 4;
  /** The fault it models (declared in ForkliftType.cpp) and its tyres' names, in tyre order. */
  static constexpr std::string_view kTyreFault = "tyre_pressure_loss";
  static constexpr std::array<std::string_view, kWheels> kTyreNames = {"front_left", "front_right",
                                                                       "rear_left", "rear_right"};

private:
  struct Wheel {
    glm::dvec3 hub{0.0}; ///< Truck frame (m).
    double radius = 0.0;
    bool front = false;
    // Last step's values (state read by metrics, scene and hash):
    double load = 0.0;        ///< Normal force (N).
    double compression = 0.0; ///< m.
    double yaw = 0.0;         ///< Steer angle of the tyre (rad, + points its front left).
    bool grounded = false;
  };
  void tyreForces();
  /** The loss of effective rolling radius of tyre `i` now (m; 0 without the fault). */
  [[nodiscard]] double radiusLoss(std::size_t i) const;
  /** tyre_pressure_loss once begun: which tyre, the loss it reaches (m) over `time` (s). */
  struct TyreLoss {
    std::size_t tyre = 0;
    double loss = 0.0;
    double time = 0.0;
    std::uint64_t ticks = 0; ///< Ticks since it began.
  };
  std::optional<TyreLoss> mTyreLoss;
  void servoMast(const StepInput& input, std::vector<SimEvent>& events);

  ForkliftSpec mSpec;
  physics::World& mWorld;
  double mGravity;
  double mTimeStep;
  glm::dvec3 mChassisCentre{0.0}; ///< Centre of mass of frame + counterweight (truck frame).
  glm::dvec3 mMastCentre{0.0};    ///< Mast body centre (truck frame, at zero tilt).
  glm::dvec3 mTiltPivot{0.0};     ///< Truck frame.
  glm::dvec3 mInertia{1.0};       ///< Principal moments used by the tyre solve (kg m^2).
  core::BodyId mTruck, mMast;
  std::array<core::BodyId, 2> mForks;
  physics::JointId mTiltJoint;
  std::array<physics::JointId, 2> mLiftJoints;
  std::array<glm::dvec3, 2> mLiftOrigin{}; ///< Each fork's lift-0 centre (mast body frame, m).
  std::array<Wheel, kWheels> mWheels;
  /** The field's bodies the machine builds (racks, pallets), by name, in creation order. */
  std::vector<std::pair<std::string, core::BodyId>> mFieldBodies;
  /** Each field body's box extents (m), for the scene: same order as mFieldBodies. */
  std::vector<glm::dvec3> mFieldSizes;
  /** Their mesh and material (buildScene). */
  std::vector<std::pair<core::MeshId, core::MaterialId>> mFieldParts;
  /** Bay edge lines to draw: centre (m, world), yaw (rad), length (m). */
  struct EdgeLine {
    glm::dvec3 centre{0.0};
    double yaw = 0.0;
    double length = 0.0;
  };
  std::vector<EdgeLine> mEdgeLines;
  void buildField();
  /**
   * Whether the fork tips point into a rack (facing it within 45 deg, beside it as the field
   * watch takes it, within kRackAidRange in front of its beams' face) and then how far in front
   * of that face they are (m; negative once past it); the nearest such rack.
   */
  [[nodiscard]] std::pair<bool, double> forkTipsToRack() const;
  /** The pallets' and racks' watch after each step: drops, placements, leaving a rack. */
  void watchField(std::uint64_t tick, std::vector<SimEvent>& events);

  /** Per pallet (mSpec.pallets order): where it rests and whether it is up on the forks. */
  struct PalletWatch {
    core::BodyId deck;
    double restHeight = 0.0; ///< Its underside's height when last set down (m).
    bool lifted = false;     ///< Raised off its rest by more than 30 mm, not yet set down.
    bool dropped = false;
  };
  std::vector<PalletWatch> mPallets;
  std::vector<bool> mForksAtRack; ///< Per rack: the fork tips within kRackLeaveDistance of it.
  bool mLineCrossed = false;      ///< The outline is more than kEdgeLineFail past a line now.
  double mPlacementOffset = 0.0;  ///< |offset| of the last set-down on a rack from its beam (m).

  // Controls and drive state.
  int mDirection = 0;                    ///< -1 reverse, 0 neutral, +1 forward.
  bool mParkingBrake = true;             ///< Applied at the start.
  double mSteer = 0.0;                   ///< Bicycle steer angle now (rad, + right).
  double mLiftTarget = 0.0;              ///< m.
  double mTiltTarget = 0.0;              ///< rad, + back.
  double mLiftRate = 0.0;                ///< m/s, the valve's (slewed towards the lever's).
  double mTiltRate = 0.0;                ///< rad/s.
  std::array<double, 2> mLiftIntegral{}; ///< The lift servos' integral terms (m/s).
  double mTiltIntegral = 0.0;            ///< rad/s.
  bool mLiftActive = false, mTiltActive = false;
  double mAccelerator = 0.0, mBrake = 0.0, mInching = 0.0;
  double mForkLoad = 0.0; ///< kg, low-passed.
  bool mTipped = false;

  struct MetricIndex {
    std::size_t travelSpeed, direction, forkHeight, liftPosition, tiltAngle, loadOnForks,
        steerAngle, parkingBrake, truckX, truckZ, heading, forkTipX, forkTipZ, rollAngle,
        pitchAngle, moving, laden, frontLeftLoad, frontRightLoad, rearAxleLoad, tipped,
        edgeLineOvershoot, placementOffset, atRack, rackDistance;
  };
  MetricIndex mMetric{};
  ForkliftSceneParts mScene;
};

} // namespace skillsim::sim::detail
