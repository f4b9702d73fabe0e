#pragma once

#include <skillsim/core/Expected.h>

#include <glm/gtc/quaternion.hpp>
#include <glm/mat3x3.hpp>
#include <glm/vec3.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace skillsim::sim::robot {

/** Number of axes of the articulated arm (axis 1 at the base to axis 6 at the flange). */
inline constexpr int kAxisCount = 6;

/** Joint angles of axes 1..6 (index 0..5), rad. */
using JointAngles = std::array<double, kAxisCount>;

/**
 * A rigid frame: position (m) and orientation (unit quaternion), of a child frame in a parent
 * frame (robot base frame unless said otherwise: z up along axis 1, x forward at axis 1 = 0,
 * ISO 9787 base coordinate system).
 */
struct Pose {
  glm::dvec3 position{0.0};
  glm::dquat orientation{1.0, 0.0, 0.0, 0.0};
};

/** `a * b`: the frame b given in frame a, expressed in a's parent. */
[[nodiscard]] Pose compose(const Pose& a, const Pose& b);
/** The inverse frame (parent in child). */
[[nodiscard]] Pose inverse(const Pose& a);

/** One axis's travel (rad) and top speed (rad/s). */
struct AxisSpec {
  double min = 0.0;      ///< rad
  double max = 0.0;      ///< rad
  double maxSpeed = 0.0; ///< rad/s
};

/**
 * An articulated 6-axis arm with an ortho-parallel base and a spherical wrist, described by the
 * seven parameters of Brandstötter, Angerer, Hofbaur, "An analytical solution of the inverse
 * kinematics problem of industrial serial manipulators with an ortho-parallel basis and a
 * spherical wrist" (Austrian Robotics Workshop 2014), with b = 0 and a2 counted positive when the
 * forearm axis lies above the axis-3 line (ABB convention).
 *
 * Geometry at all axes 0: axis 1 vertical (base z), the upper arm vertical (axis 2 at height c1,
 * a1 forward of axis 1), the forearm horizontal pointing +x (a2 above axis 3, c3 from axis 3 to
 * the wrist centre along it), the flange c4 beyond the wrist centre with its z axis (tool0)
 * pointing +x. Positive axis 2 tilts the upper arm forward, positive axis 3 the forearm down
 * (ABB sign conventions).
 *
 * Defaults: ABB IRB 120 (3 kg, 580 mm reach), product specification 3HAC035960-001 rev. N,
 * section 1.3 (dimensions) and 1.4 (axis working range and maximum speed): a1 = 0,
 * a2 = 0.070, c1 = 0.290, c2 = 0.270, c3 = 0.302, c4 = 0.072 m; axis 1 ±165°, 2 ±110°,
 * 3 -110°..+70°, 4 ±160°, 5 ±120°, 6 ±400°; 250, 250, 250, 320, 320, 420 °/s.
 */
struct ArmGeometry {
  double a1 = 0.0;   ///< Axis 2 forward of axis 1 (m).
  double a2 = 0.070; ///< Forearm axis above axis 3 (m).
  double c1 = 0.290; ///< Axis 2 above the base (m).
  double c2 = 0.270; ///< Axis 2 to axis 3, the upper arm (m).
  double c3 = 0.302; ///< Axis 3 to the wrist centre along the forearm (m).
  double c4 = 0.072; ///< Wrist centre to the flange (m).
  std::array<AxisSpec, kAxisCount> axes = defaultAxes();

  /** The IRB 120 axis ranges and speeds named above, in rad and rad/s. */
  static std::array<AxisSpec, kAxisCount> defaultAxes();
};

/**
 * One of the eight inverse-kinematics branches of the arm (ABB's cfx): shoulder (wrist centre
 * in front of or behind axis 1), elbow (axis 3 above or below the axis 2–wrist centre line,
 * seen with the shoulder in front), wrist (axis 5 positive or negative).
 */
struct ArmConfiguration {
  bool shoulderBack = false;
  bool elbowDown = false;
  bool wristFlip = false;
  /** 0..7: shoulder * 4 + elbow * 2 + wrist. */
  [[nodiscard]] int index() const;
  static ArmConfiguration fromIndex(int index);
  friend bool operator==(const ArmConfiguration&, const ArmConfiguration&) = default;
};

/** Why a pose cannot be reached. */
enum class IkFailureKind : std::uint8_t {
  OutOfReach,       ///< The wrist centre is farther than the arm reaches (or too close).
  JointLimit,       ///< The branch needs an axis outside its working range.
  WristSingular,    ///< Axis 5 near 0: axes 4 and 6 line up.
  ElbowSingular,    ///< The arm is stretched (or folded): axis 3 at its end of reach.
  ShoulderSingular, ///< The wrist centre is on axis 1.
};

/**
 * A structured inverse-kinematics failure (messages are made from it at display time,
 * describeEn/describeZh). Values by kind: OutOfReach: value = wrist centre to axis 2 distance,
 * limit = the largest (or smallest) distance the arm reaches (m); JointLimit: axis 1..6, value the
 * angle needed, limit the bound passed (rad); WristSingular: value = |axis 5| (rad), limit the
 * margin; ElbowSingular: value = the distance to the stretched/folded position in axis 3 (rad),
 * limit the margin; ShoulderSingular: value = wrist centre to axis 1 (m), limit the margin.
 */
struct IkFailure {
  IkFailureKind kind = IkFailureKind::OutOfReach;
  int axis = 0;
  double value = 0.0;
  double limit = 0.0;
};

/** Plain words for a trainee (English), degrees and millimetres; never radians. */
[[nodiscard]] std::string describeEn(const IkFailure& failure);
/** The same in Chinese. */
[[nodiscard]] std::string describeZh(const IkFailure& failure);

/** How close to a singular position a pose is refused (the pendant's "near singularity"). */
struct SingularityMargins {
  double wrist = 0.0872664626; ///< |axis 5| below this is singular (rad; 5°).
  double elbow = 0.0174532925; ///< Axis 3 within this of stretched/folded (rad; 1°).
  double shoulder = 0.010;     ///< Wrist centre within this of axis 1 (m).
};

/** What inverse() checks besides reach. */
struct IkOptions {
  SingularityMargins margins{};
  bool checkLimits = true;
  /**
   * Axes 4 and 6 are chosen among their 2π-equivalent angles nearest this seed (a path's previous
   * point), within their range; without a seed, in (-π, π].
   */
  const JointAngles* seed = nullptr;
};

/**
 * Forward and closed-form inverse kinematics of an ArmGeometry (Brandstötter et al. 2014).
 * Frames: the flange (tool0) in the base frame; tools and work objects are composed by the caller.
 */
class ArmKinematics {
public:
  explicit ArmKinematics(ArmGeometry geometry = {});

  [[nodiscard]] const ArmGeometry& geometry() const { return mGeometry; }

  /** The flange pose (tool0) in the base frame for joint angles q (rad). */
  [[nodiscard]] Pose forward(const JointAngles& q) const;
  /** The wrist centre (m, base frame) for joint angles q. */
  [[nodiscard]] glm::dvec3 wristCentre(const JointAngles& q) const;
  /** Axis origins for drawing links (m, base frame): base, axis 2, axis 3, wrist centre, flange. */
  [[nodiscard]] std::array<glm::dvec3, 5> jointPoints(const JointAngles& q) const;

  /**
   * The joint angles placing the flange at `flange` in the branch `config`. Errors: the reach,
   * a singularity within the margins, or (with checkLimits) the first axis outside its range.
   */
  [[nodiscard]] core::Expected<JointAngles, IkFailure>
  inverse(const Pose& flange, ArmConfiguration config, const IkOptions& options = {}) const;

  /** The branch the joint angles q lie in. */
  [[nodiscard]] ArmConfiguration configurationOf(const JointAngles& q) const;

  /** The first axis of q outside its range (an IkFailure of kind JointLimit), or nullopt. */
  [[nodiscard]] std::optional<IkFailure> limitViolation(const JointAngles& q) const;

  /** The farthest the wrist centre reaches from axis 2: c2 + sqrt(a2² + c3²) (m). */
  [[nodiscard]] double maxWristReach() const;

private:
  ArmGeometry mGeometry;
};

} // namespace skillsim::sim::robot
