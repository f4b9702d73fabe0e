// The arm's links and tool as physics bodies, and the grip decision (ArmCell.h).

#include <skillsim/sim/machines/industrial_robot/ArmCell.h>

#include <skillsim/core/Check.h>
#include <skillsim/physics/World.h>

#include <glm/gtc/quaternion.hpp>

#include <cmath>
#include <cstdio>
#include <numbers>

namespace skillsim::sim::robot {
namespace {

/** Capsule diameters of the column, upper arm, forearm and wrist (m): an envelope of the arm. */
constexpr std::array<double, 4> kLinkDiameters{0.16, 0.09, 0.08, 0.06};
/** The column starts this far above the base plate, so it never touches the floor it stands on. */
constexpr double kColumnClearance = 0.10;
/** Cross-section of the tool's box (m). */
constexpr double kToolWidth = 0.05;

double degrees(double rad) { return rad * 180.0 / std::numbers::pi; }

/** The rotation taking +y to the unit vector d. */
glm::dquat yTo(const glm::dvec3& d) {
  const glm::dvec3 y(0.0, 1.0, 0.0);
  const double c = glm::dot(y, d);
  if (c < -1.0 + 1e-12) {
    return glm::angleAxis(std::numbers::pi, glm::dvec3(1.0, 0.0, 0.0));
  }
  const glm::dvec3 axis = glm::cross(y, d);
  return glm::normalize(glm::dquat(1.0 + c, axis.x, axis.y, axis.z));
}

/**
 * The turn taking y onto the unit vector d and z onto `normal`'s part perpendicular to d (falls
 * back to yTo when `normal` is along d).
 */
glm::dquat yAlong(const glm::dvec3& d, const glm::dvec3& normal) {
  const glm::dvec3 n = normal - glm::dot(normal, d) * d;
  const double length = glm::length(n);
  if (length < 1e-9) {
    return yTo(d);
  }
  const glm::dvec3 z = n / length;
  return glm::normalize(glm::quat_cast(glm::dmat3(glm::cross(d, z), d, z)));
}

double angleBetweenAxes(const glm::dvec3& a, const glm::dvec3& b) {
  return std::atan2(glm::length(glm::cross(a, b)), glm::dot(a, b));
}

std::string format(const char* fmt, double a, double b) {
  char buffer[256];
  std::snprintf(buffer, sizeof buffer, fmt, a, b);
  return buffer;
}

} // namespace

GripCheck checkGrip(const ToolSpec& tool, const Pose& tcp, const Pose& part,
                    const glm::dvec3& size) {
  const glm::dvec3 partDown = part.orientation * glm::dvec3(0.0, 0.0, -1.0);
  const glm::dvec3 toolZ = tcp.orientation * glm::dvec3(0.0, 0.0, 1.0);
  const double tilt = angleBetweenAxes(toolZ, partDown);
  if (tilt > tool.angleTolerance) {
    return {GripRefusal::Tilted, tilt, tool.angleTolerance};
  }
  if (tool.kind == ToolKind::VacuumCup) {
    const double face = std::min(size.x, size.y);
    if (tool.cupDiameter > face) {
      return {GripRefusal::CupOverhangs, tool.cupDiameter, face};
    }
    const glm::dvec3 top = part.position + part.orientation * glm::dvec3(0.0, 0.0, size.z / 2.0);
    const double off = glm::length(tcp.position - top);
    if (off > tool.positionTolerance) {
      return {GripRefusal::OffCentre, off, tool.positionTolerance};
    }
    return {};
  }
  // Width across the fingers: the part's extent along the tool's y axis.
  const glm::dvec3 across =
      glm::conjugate(part.orientation) * (tcp.orientation * glm::dvec3(0, 1, 0));
  const double width =
      std::abs(across.x) * size.x + std::abs(across.y) * size.y + std::abs(across.z) * size.z;
  if (width > tool.fingerOpening) {
    return {GripRefusal::TooWide, width, tool.fingerOpening};
  }
  const double off = glm::length(tcp.position - part.position);
  if (off > tool.positionTolerance) {
    return {GripRefusal::OffCentre, off, tool.positionTolerance};
  }
  return {};
}

std::string describeEn(const GripCheck& c) {
  switch (c.refusal) {
  case GripRefusal::None: return "Part gripped.";
  case GripRefusal::OffCentre:
    return format("Not gripped: the tool is %.1f mm from the part's grip point (at most %.1f mm).",
                  c.value * 1000.0, c.limit * 1000.0);
  case GripRefusal::TooWide:
    return format("Not gripped: the part is %.0f mm across the fingers, they open %.0f mm.",
                  c.value * 1000.0, c.limit * 1000.0);
  case GripRefusal::Tilted:
    return format("Not gripped: the tool is tilted %.1f° from the part (at most %.1f°).",
                  degrees(c.value), degrees(c.limit));
  case GripRefusal::CupOverhangs:
    return format("Not gripped: the %.0f mm cup overhangs a %.0f mm face.", c.value * 1000.0,
                  c.limit * 1000.0);
  }
  return {};
}

std::string describeZh(const GripCheck& c) {
  switch (c.refusal) {
  case GripRefusal::None: return "已抓取工件。";
  case GripRefusal::OffCentre:
    return format("未能抓取：工具距工件抓取点 %.1f 毫米（最多 %.1f 毫米）。", c.value * 1000.0,
                  c.limit * 1000.0);
  case GripRefusal::TooWide:
    return format("未能抓取：工件在手指方向宽 %.0f 毫米，手指张开 %.0f 毫米。", c.value * 1000.0,
                  c.limit * 1000.0);
  case GripRefusal::Tilted:
    return format("未能抓取：工具相对工件倾斜 %.1f°（最多 %.1f°）。", degrees(c.value),
                  degrees(c.limit));
  case GripRefusal::CupOverhangs:
    return format("未能抓取：%.0f 毫米吸盘超出 %.0f 毫米的工件表面。", c.value * 1000.0,
                  c.limit * 1000.0);
  }
  return {};
}

std::optional<ReachProblem>
firstUnreachable(const ArmKinematics& kinematics, const BaseMount& mount, const ToolSpec& tool,
                 const std::vector<std::pair<std::string, glm::dvec3>>& gripPoints) {
  const Pose base = mount.pose();
  const glm::dquat down = glm::angleAxis(std::numbers::pi, glm::dvec3(0.0, 1.0, 0.0));
  for (const auto& [name, world] : gripPoints) {
    const glm::dvec3 p = glm::conjugate(base.orientation) * (world - base.position);
    std::optional<IkFailure> last;
    bool reached = false;
    for (int turn = 0; turn < 8 && !reached; ++turn) {
      const glm::dquat yaw = glm::angleAxis(turn * std::numbers::pi / 4, glm::dvec3(0, 0, 1));
      const Pose tcp{p, glm::normalize(yaw * down)};
      for (int c = 0; c < 8 && !reached; ++c) {
        auto q =
            kinematics.inverse(compose(tcp, inverse(tool.tcp)), ArmConfiguration::fromIndex(c));
        if (q) {
          reached = true;
        } else if (!last || q.error().kind == IkFailureKind::OutOfReach) {
          last = q.error(); // the reach says most; else the last refusal
        }
      }
    }
    if (!reached) {
      return ReachProblem{name, last.value_or(IkFailure{})};
    }
  }
  return std::nullopt;
}

std::string describeEn(const ReachProblem& problem) {
  return "Part '" + problem.part + "' cannot be taken by the arm from above. " +
         describeEn(problem.why);
}

Pose BaseMount::pose() const {
  // Base z (up) onto world y: a quarter turn about x; then the yaw about the world's y.
  const glm::dquat up = glm::angleAxis(-std::numbers::pi / 2.0, glm::dvec3(1.0, 0.0, 0.0));
  const glm::dquat turn = glm::angleAxis(yaw, glm::dvec3(0.0, 1.0, 0.0));
  return {position, glm::normalize(turn * up)};
}

double ArmBodies::toolInset() const {
  return mTool.kind == ToolKind::TwoFingerGripper ? mTool.fingerLength : 0.0;
}

std::array<Pose, 5> ArmBodies::linkPoses(const JointAngles& q) const {
  std::array<glm::dvec3, 5> points = mKinematics.jointPoints(q);
  points[0].z = kColumnClearance;
  const Pose flange = compose(mBase, mKinematics.forward(q));
  // A capsule's y runs along its link; its turn about that axis follows the joints (the axis-2
  // direction for the column, upper arm and forearm, the flange's x for the wrist), so the pose
  // is continuous in q. The shortest turn from the world's y (yTo) is not: with the link near
  // straight down (the wrist, tool pointing down) it flips by up to half a turn in one tick,
  // which Bullet reads as a spin of hundreds of rad/s on the kinematic body (a physics fault).
  const glm::dvec3 axis2 =
      mBase.orientation * glm::dvec3(-std::sin(q[0]), std::cos(q[0]), 0.0); // rotZ(q1) * y
  const glm::dvec3 flangeX = flange.orientation * glm::dvec3(1.0, 0.0, 0.0);
  std::array<Pose, 5> out{};
  for (std::size_t i = 0; i < 4; ++i) {
    const glm::dvec3 a = mBase.position + mBase.orientation * points[i];
    const glm::dvec3 b = mBase.position + mBase.orientation * points[i + 1];
    const double length = glm::length(b - a);
    out[i] = {(a + b) / 2.0, length > 0.0 ? yAlong((b - a) / length, i < 3 ? axis2 : flangeX)
                                          : glm::dquat(1, 0, 0, 0)};
  }
  const Pose tcp = compose(flange, mTool.tcp);
  const glm::dvec3 toolZ = tcp.orientation * glm::dvec3(0.0, 0.0, 1.0);
  out[4] = {(flange.position + tcp.position - toolZ * toolInset()) / 2.0, tcp.orientation};
  return out;
}

core::Expected<ArmBodies> ArmBodies::create(physics::World& world, const ArmKinematics& kinematics,
                                            const BaseMount& mount, const ToolSpec& tool,
                                            const JointAngles& q) {
  ArmBodies arm;
  arm.mKinematics = kinematics;
  arm.mMount = mount;
  arm.mBase = mount.pose();
  arm.mTool = tool;
  const std::array<Pose, 5> poses = arm.linkPoses(q);
  const std::array<glm::dvec3, 5> points = kinematics.jointPoints(q);
  const std::array<double, 4> lengths{
      kinematics.geometry().c1 - kColumnClearance, glm::length(points[2] - points[1]),
      glm::length(points[3] - points[2]), glm::length(points[4] - points[3])};
  for (std::size_t i = 0; i < 5; ++i) {
    physics::BodyDesc d;
    d.name = kLinkNames[i];
    d.tags = {"arm"};
    d.motion = physics::Motion::Kinematic;
    d.position = poses[i].position;
    d.orientation = poses[i].orientation;
    if (i < 4) {
      d.shape.kind = physics::ShapeKind::Capsule;
      d.shape.size = {kLinkDiameters[i], lengths[i] + kLinkDiameters[i], kLinkDiameters[i]};
    } else {
      d.shape.kind = physics::ShapeKind::Box;
      d.shape.size = {kToolWidth, kToolWidth,
                      std::max(0.01, glm::length(tool.tcp.position) - arm.toolInset())};
    }
    arm.mSizes[i] = d.shape.size;
    auto id = world.addBody(d);
    if (!id) {
      return id.error();
    }
    arm.mLinks[i] = *id;
  }
  return arm;
}

void ArmBodies::follow(physics::World& world, const JointAngles& q) {
  const std::array<Pose, 5> poses = linkPoses(q);
  for (std::size_t i = 0; i < 5; ++i) {
    world.setKinematicPose(mLinks[i], poses[i].position, poses[i].orientation);
  }
  if (!mHeld) {
    return;
  }
  const Pose target = compose(tcpInWorld(q), mHeldInTcp);
  const physics::BodyState now = world.bodyState(*mHeld);
  const double dt = world.settings().timeStep;
  const glm::dvec3 linear = (target.position - now.position) / dt - world.settings().gravity * dt;
  glm::dquat turn = glm::normalize(target.orientation * glm::conjugate(now.orientation));
  if (turn.w < 0.0) {
    turn = -turn;
  }
  const glm::dvec3 v(turn.x, turn.y, turn.z);
  const double s = glm::length(v);
  const glm::dvec3 angular = s > 0.0 ? v / s * (2.0 * std::atan2(s, turn.w) / dt) : glm::dvec3(0.0);
  world.setVelocity(*mHeld, linear, angular);
}

Pose ArmBodies::tcpInWorld(const JointAngles& q) const {
  return compose(compose(mBase, mKinematics.forward(q)), mTool.tcp);
}

void ArmBodies::grip(physics::World& world, core::BodyId part, const JointAngles& q) {
  SKILLSIM_CHECK(!mHeld.has_value(), "ArmBodies::grip while holding a part");
  const physics::BodyState p = world.bodyState(part);
  mHeldInTcp = compose(inverse(tcpInWorld(q)), Pose{p.position, p.orientation});
  for (const core::BodyId link : mLinks) {
    world.setCollisionBetween(part, link, false);
  }
  mHeld = part;
}

void ArmBodies::release(physics::World& world) {
  if (!mHeld) {
    return;
  }
  for (const core::BodyId link : mLinks) {
    world.setCollisionBetween(*mHeld, link, true);
  }
  mHeld.reset();
}

std::optional<int> ArmBodies::touching(const physics::World& world, core::BodyId other) const {
  for (std::size_t i = 0; i < mLinks.size(); ++i) {
    const std::optional<double> gap = world.separation(mLinks[i], other, 0.0);
    if (gap && *gap <= 0.0) {
      return static_cast<int>(i);
    }
  }
  return std::nullopt;
}

std::vector<GuardPiece> cellGuards(const glm::dvec3& centre, double h) {
  constexpr double kHeight = 1.2, kPanel = 0.02, kPost = 0.05;
  constexpr double kOpening = 0.8, kDoor = 0.6;
  std::vector<GuardPiece> g;
  const double y = centre.y + 0.5 * kHeight;
  for (const double sx : {-1.0, 1.0}) {
    for (const double sz : {-1.0, 1.0}) {
      g.push_back({GuardKind::Post,
                   centre + glm::dvec3(sx * h, 0.5 * kHeight, sz * h),
                   {kPost, kHeight, kPost}});
    }
  }
  // Back (-x) and the two sides (±z): one panel each.
  g.push_back({GuardKind::Panel, {centre.x - h, y, centre.z}, {kPanel, kHeight, 2.0 * h}});
  g.push_back({GuardKind::Panel, {centre.x, y, centre.z - h}, {2.0 * h, kHeight, kPanel}});
  g.push_back({GuardKind::Panel, {centre.x, y, centre.z + h}, {2.0 * h, kHeight, kPanel}});
  // Front (+x): panel from -h to the opening, the opening with its curtain, the door, a panel.
  const double o0 = -0.5 * kOpening, o1 = 0.5 * kOpening, d1 = o1 + kDoor;
  auto front = [&](GuardKind kind, double z0, double z1) {
    g.push_back({kind, {centre.x + h, y, centre.z + 0.5 * (z0 + z1)}, {kPanel, kHeight, z1 - z0}});
  };
  front(GuardKind::Panel, -h, o0);
  front(GuardKind::Door, o1, d1);
  front(GuardKind::Panel, d1, h);
  for (const double z : {o0, o1}) {
    g.push_back({GuardKind::CurtainPost, {centre.x + h, y, centre.z + z}, {0.04, kHeight, 0.04}});
  }
  return g;
}

std::vector<double> curtainBeams() {
  std::vector<double> beams;
  for (int i = 0; i <= 40; ++i) {
    beams.push_back(0.1 + 0.03 * i);
  }
  return beams;
}

} // namespace skillsim::sim::robot
