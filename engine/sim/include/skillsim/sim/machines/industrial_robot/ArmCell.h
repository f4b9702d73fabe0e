#pragma once

#include <skillsim/sim/machines/industrial_robot/ArmKinematics.h>

#include <skillsim/core/Expected.h>
#include <skillsim/core/Ids.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace skillsim::physics {
class World;
}

namespace skillsim::sim::robot {

/** The end effector on the flange. */
enum class ToolKind : std::uint8_t {
  TwoFingerGripper, ///< Parallel fingers closing along the tool's y axis; TCP between the tips.
  VacuumCup,        ///< A suction cup facing along the tool's z axis; TCP at the cup's face.
};

/**
 * A tool and its TCP frame (the flange frame: z out of the flange). Proposed defaults for a small
 * pneumatic parallel gripper on a 3 kg arm (a 60 mm stroke, 100 mm from flange to finger tips;
 * not a particular product) and a 30 mm bellows cup.
 */
struct ToolSpec {
  ToolKind kind = ToolKind::TwoFingerGripper;
  Pose tcp{{0.0, 0.0, 0.100}, {1.0, 0.0, 0.0, 0.0}}; ///< TCP in the flange frame.
  double fingerOpening = 0.060; ///< Gripper: clear width between the open fingers (m).
  /**
   * Gripper: finger length from the TCP towards the flange (m); the tool's collision box ends
   * there, so a held part between the fingers never overlaps it.
   */
  double fingerLength = 0.040;
  double cupDiameter = 0.030;           ///< Vacuum cup: sealing diameter (m).
  double positionTolerance = 0.003;     ///< The part's grip point within this of the TCP (m).
  double angleTolerance = 0.0872664626; ///< Tool z against the part's down axis (rad; 5°).
  double mass = 0.6;                    ///< kg (for the payload check; not simulated).
};

/** Why a tool cannot take hold of a part. */
enum class GripRefusal : std::uint8_t {
  None,         ///< It can.
  OffCentre,    ///< value: the grip point's distance from the TCP (m), limit: the tolerance.
  TooWide,      ///< Gripper: value the part's width across the fingers (m), limit the opening.
  Tilted,       ///< value: angle between the tool's z and the part's down axis (rad), limit.
  CupOverhangs, ///< Vacuum: value the cup diameter, limit the part's smaller top-face side (m).
};

/** A structured grip decision (messages are made from it at display time). */
struct GripCheck {
  GripRefusal refusal = GripRefusal::None;
  double value = 0.0;
  double limit = 0.0;
  [[nodiscard]] bool ok() const { return refusal == GripRefusal::None; }
};

/**
 * Whether the tool at `tcp` can take hold of a box part of full extents `size` (m, part frame)
 * at `part` (both poses in one frame). The grip point is the part's centre for the gripper and
 * the centre of its top face (+z of the part) for the cup; the tool must point along the part's
 * -z within the angle tolerance; the gripper's fingers (tool y) must clear the part's width.
 */
[[nodiscard]] GripCheck checkGrip(const ToolSpec& tool, const Pose& tcp, const Pose& part,
                                  const glm::dvec3& size);

/** Plain words for a refused grip (English; millimetres and degrees). */
[[nodiscard]] std::string describeEn(const GripCheck& check);
/** The same in Chinese. */
[[nodiscard]] std::string describeZh(const GripCheck& check);

/**
 * Where the robot's base stands in the world (y up, DESIGN.md): position (m) of the base frame's
 * origin on the floor or pedestal and its yaw about the world's y axis (rad). The base frame's
 * z is the world's y, its x the world's x turned by the yaw.
 */
struct BaseMount {
  glm::dvec3 position{0.0};
  double yaw = 0.0;
  /** The base frame (z up) in the world (y up). */
  [[nodiscard]] Pose pose() const;
};

/** A part the arm cannot take from above: its name and why (the last branch's refusal). */
struct ReachProblem {
  std::string part;
  IkFailure why{};
};

/**
 * The first part (in the order given) whose grip point (m, world) the tool cannot reach pointing
 * straight down, in any configuration and at any of 8 turns about the vertical, within the axis
 * ranges; nullopt when all can be taken. For `validate` (issue 16, point 7): a scenario whose
 * parts the arm cannot reach is refused naming the part and the reach.
 */
[[nodiscard]] std::optional<ReachProblem>
firstUnreachable(const ArmKinematics& kinematics, const BaseMount& mount, const ToolSpec& tool,
                 const std::vector<std::pair<std::string, glm::dvec3>>& gripPoints);

/** "Part 'part3' cannot be taken: …" with the reason in plain words (English). */
[[nodiscard]] std::string describeEn(const ReachProblem& problem);

/**
 * The arm's links as kinematic physics bodies (they push parts and are never pushed) following
 * the joint angles, the tool as one more body, and a gripped part held rigidly to the TCP. Link
 * shapes are capsules along the segments between the axis points (base, axis 2, axis 3, wrist
 * centre, flange) and the tool a box from the flange to the finger roots (the gripper) or the cup's
 * face: a collision envelope, not the
 * cast shape. Bullet stays inside physics: this class uses the World's own types only.
 *
 * The held part stays a dynamic body: every step it is given the velocities that carry it, under
 * gravity, exactly to its pose in the TCP frame by the step's end (semi-implicit Euler: v = (x' -
 * x) / dt - g dt; ω the rotation vector of the turn / dt), so it follows the tool to float
 * precision and, released, simply keeps falling. (A physics fixed joint to the kinematic tool
 * leads the tool by one step's travel, v dt: 1 mm at 250 mm/s, more than issue 16's 0.1 mm.)
 */
class ArmBodies {
public:
  /** Link names, as events and messages name them. */
  static constexpr std::array<const char*, 5> kLinkNames{"column", "upper_arm", "forearm", "wrist",
                                                         "tool"};

  /**
   * Adds the bodies at joint angles q. Errors: from World::addBody (not expected for valid
   * geometry).
   */
  static core::Expected<ArmBodies> create(physics::World& world, const ArmKinematics& kinematics,
                                          const BaseMount& mount, const ToolSpec& tool,
                                          const JointAngles& q);

  /** Moves every link (and a held part) to joint angles q by the end of the next world step. */
  void follow(physics::World& world, const JointAngles& q);

  /**
   * Takes hold of `part` (a dynamic body) where it is now, relative to the TCP at joint angles q,
   * with no collisions between the part and the arm while held. Contract: nothing held.
   */
  void grip(physics::World& world, core::BodyId part, const JointAngles& q);
  /** Lets go (the part moves freely from the next step). No-op when nothing is held. */
  void release(physics::World& world);
  [[nodiscard]] std::optional<core::BodyId> held() const { return mHeld; }

  /** The TCP (world) for joint angles q. */
  [[nodiscard]] Pose tcpInWorld(const JointAngles& q) const;
  /** The links' body ids (kLinkNames order). */
  [[nodiscard]] const std::array<core::BodyId, 5>& links() const { return mLinks; }
  /**
   * The first link (kLinkNames index) touching or overlapping `other` (a static or dynamic body
   * of the cell), or nullopt. Kinematic links get no contact response from static bodies, so the
   * cell is watched by this query.
   */
  [[nodiscard]] std::optional<int> touching(const physics::World& world, core::BodyId other) const;

  /** Each link's centre pose (world) for joint angles q (kLinkNames order). */
  [[nodiscard]] std::array<Pose, 5> linkPoses(const JointAngles& q) const;
  /**
   * A link's shape: capsules (diameter, total height, diameter) along their y axis, the tool a box
   * (full extents, its z along the tool's), m.
   */
  [[nodiscard]] glm::dvec3 linkSize(std::size_t link) const { return mSizes.at(link); }

private:
  ArmBodies() = default;
  /** How far short of the TCP the tool's box ends (m). */
  [[nodiscard]] double toolInset() const;

  ArmKinematics mKinematics;
  BaseMount mMount;
  Pose mBase;
  ToolSpec mTool;
  std::array<core::BodyId, 5> mLinks{};
  std::array<glm::dvec3, 5> mSizes{};
  std::optional<core::BodyId> mHeld;
  Pose mHeldInTcp; ///< The held part's pose in the TCP frame.
};

/** What a piece of the cell's guarding is (drawn only: the guards are not physics bodies). */
enum class GuardKind : std::uint8_t {
  Post,        ///< A fence post.
  Panel,       ///< A wire mesh fence panel.
  Door,        ///< The interlocked access door (closed).
  CurtainPost, ///< An emitter or receiver column of the light curtain.
};

/** One box of the cell's guarding: its centre and extents (m, world, y up). */
struct GuardPiece {
  GuardKind kind = GuardKind::Panel;
  glm::dvec3 centre{0.0};
  glm::dvec3 size{0.0};
};

/**
 * The perimeter guard around a cell centred at `centre` (world, on the floor): a square fence
 * `halfSize` m each way from it, 1.2 m high (ISO 13857 reach over a 1.2 m barrier from outside
 * is limited; the height is a choice, not a rule), posts at the corners; on the +x side (where
 * the trainee stands) an opening 0.8 m wide at the centre guarded by a light curtain (two 1.2 m
 * columns, one each side) and a 0.6 m door beside it. Contract: halfSize > 1 m.
 */
[[nodiscard]] std::vector<GuardPiece> cellGuards(const glm::dvec3& centre, double halfSize);

/** Light curtain beam heights over the floor (m): every 30 mm from 0.1 m to 1.3 m. */
[[nodiscard]] std::vector<double> curtainBeams();

} // namespace skillsim::sim::robot
