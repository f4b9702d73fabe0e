// Forward and closed-form inverse kinematics of the 6-axis arm (ArmKinematics.h).

#include <skillsim/sim/machines/industrial_robot/ArmKinematics.h>

#include <cmath>
#include <cstdio>
#include <numbers>

namespace skillsim::sim::robot {
namespace {

constexpr double kPi = std::numbers::pi;

double degrees(double rad) { return rad * 180.0 / kPi; }

/** Rotation about the base z axis (column-major, glm). */
glm::dmat3 rotZ(double a) {
  const double c = std::cos(a), s = std::sin(a);
  return glm::dmat3(c, s, 0.0, -s, c, 0.0, 0.0, 0.0, 1.0);
}

/** Rotation about y: positive turns z towards x. */
glm::dmat3 rotY(double a) {
  const double c = std::cos(a), s = std::sin(a);
  return glm::dmat3(c, 0.0, -s, 0.0, 1.0, 0.0, s, 0.0, c);
}

/** Rotation about x: positive turns y towards z. */
glm::dmat3 rotX(double a) {
  const double c = std::cos(a), s = std::sin(a);
  return glm::dmat3(1.0, 0.0, 0.0, 0.0, c, s, 0.0, -s, c);
}

/** Angle in (-π, π]. */
double wrap(double a) {
  a = std::remainder(a, 2.0 * kPi);
  return a <= -kPi ? a + 2.0 * kPi : a;
}

/** Element (row, column) of a column-major glm matrix. */
double at(const glm::dmat3& m, int row, int col) { return m[col][row]; }

/** The flange frame tool0 turns the wrist chain's x axis into its z axis: Ry(π/2). */
const glm::dmat3& flangeTurn() {
  static const glm::dmat3 turn = rotY(kPi / 2.0);
  return turn;
}

std::string format(const char* fmt, double a, double b = 0.0, double c = 0.0) {
  char buffer[256];
  std::snprintf(buffer, sizeof buffer, fmt, a, b, c);
  return buffer;
}

} // namespace

Pose compose(const Pose& a, const Pose& b) {
  return {a.position + a.orientation * b.position, glm::normalize(a.orientation * b.orientation)};
}

Pose inverse(const Pose& a) {
  const glm::dquat inv = glm::conjugate(a.orientation);
  return {-(inv * a.position), inv};
}

std::array<AxisSpec, kAxisCount> ArmGeometry::defaultAxes() {
  const double d = kPi / 180.0;
  return {{{-165.0 * d, 165.0 * d, 250.0 * d},
           {-110.0 * d, 110.0 * d, 250.0 * d},
           {-110.0 * d, 70.0 * d, 250.0 * d},
           {-160.0 * d, 160.0 * d, 320.0 * d},
           {-120.0 * d, 120.0 * d, 320.0 * d},
           {-400.0 * d, 400.0 * d, 420.0 * d}}};
}

int ArmConfiguration::index() const {
  return (shoulderBack ? 4 : 0) + (elbowDown ? 2 : 0) + (wristFlip ? 1 : 0);
}

ArmConfiguration ArmConfiguration::fromIndex(int index) {
  return {(index & 4) != 0, (index & 2) != 0, (index & 1) != 0};
}

std::string describeEn(const IkFailure& f) {
  switch (f.kind) {
  case IkFailureKind::OutOfReach:
    return f.value > f.limit
               ? format("Target out of reach: the wrist would be %.0f mm from the shoulder, the "
                        "arm reaches %.0f mm.",
                        f.value * 1000.0, f.limit * 1000.0)
               : format("Target too close to the arm: the wrist would be %.0f mm from the "
                        "shoulder, at least %.0f mm is needed.",
                        f.value * 1000.0, f.limit * 1000.0);
  case IkFailureKind::JointLimit:
    return format("Axis %.0f would have to turn to %.1f°, beyond its limit of %.1f°.", f.axis,
                  degrees(f.value), degrees(f.limit));
  case IkFailureKind::WristSingular:
    return format("Near the wrist singularity: axis 5 at %.1f° (within %.1f° of 0), axes 4 and 6 "
                  "line up. Tilt the tool a little more.",
                  degrees(f.value), degrees(f.limit));
  case IkFailureKind::ElbowSingular:
    return format("Near the elbow singularity: the arm is within %.1f° of fully stretched or "
                  "folded (margin %.1f°). Bring the target closer or farther.",
                  degrees(f.value), degrees(f.limit));
  case IkFailureKind::ShoulderSingular:
    return format("Near the shoulder singularity: the wrist is %.0f mm from axis 1 (at least "
                  "%.0f mm needed). Move the target away from above the base.",
                  f.value * 1000.0, f.limit * 1000.0);
  }
  return {};
}

std::string describeZh(const IkFailure& f) {
  switch (f.kind) {
  case IkFailureKind::OutOfReach:
    return f.value > f.limit
               ? format("目标点超出工作范围：腕部中心距肩部 %.0f 毫米，机器人最远可达 %.0f 毫米。",
                        f.value * 1000.0, f.limit * 1000.0)
               : format("目标点离机器人过近：腕部中心距肩部 %.0f 毫米，至少需要 %.0f 毫米。",
                        f.value * 1000.0, f.limit * 1000.0);
  case IkFailureKind::JointLimit:
    return format("第 %.0f 轴需转到 %.1f°，超出其限位 %.1f°。", f.axis, degrees(f.value),
                  degrees(f.limit));
  case IkFailureKind::WristSingular:
    return format("接近腕部奇异点：第 5 轴为 %.1f°（距 0° 不到 %.1f°），第 4 轴与第 6 轴共线。"
                  "请再倾斜一些工具姿态。",
                  degrees(f.value), degrees(f.limit));
  case IkFailureKind::ElbowSingular:
    return format("接近肘部奇异点：手臂距完全伸直或折叠不到 %.1f°（裕量 %.1f°）。"
                  "请将目标点移近或移远。",
                  degrees(f.value), degrees(f.limit));
  case IkFailureKind::ShoulderSingular:
    return format("接近肩部奇异点：腕部中心距第 1 轴 %.0f 毫米（至少需要 %.0f 毫米）。"
                  "请勿将目标点置于底座正上方。",
                  f.value * 1000.0, f.limit * 1000.0);
  }
  return {};
}

ArmKinematics::ArmKinematics(ArmGeometry geometry) : mGeometry(geometry) {}

double ArmKinematics::maxWristReach() const {
  const ArmGeometry& g = mGeometry;
  return g.c2 + std::hypot(g.a2, g.c3);
}

std::array<glm::dvec3, 5> ArmKinematics::jointPoints(const JointAngles& q) const {
  const ArmGeometry& g = mGeometry;
  const glm::dmat3 r1 = rotZ(q[0]);
  const glm::dvec3 shoulder = r1 * glm::dvec3(g.a1, 0.0, g.c1);
  const glm::dvec3 elbow = shoulder + r1 * (rotY(q[1]) * glm::dvec3(0.0, 0.0, g.c2));
  const glm::dvec3 wrist = elbow + r1 * (rotY(q[1] + q[2]) * glm::dvec3(g.c3, 0.0, g.a2));
  const Pose flange = forward(q);
  return {glm::dvec3(0.0), shoulder, elbow, wrist, flange.position};
}

glm::dvec3 ArmKinematics::wristCentre(const JointAngles& q) const { return jointPoints(q)[3]; }

Pose ArmKinematics::forward(const JointAngles& q) const {
  const ArmGeometry& g = mGeometry;
  const glm::dmat3 r1 = rotZ(q[0]);
  const glm::dvec3 wrist =
      r1 * (glm::dvec3(g.a1, 0.0, g.c1) + rotY(q[1]) * glm::dvec3(0.0, 0.0, g.c2) +
            rotY(q[1] + q[2]) * glm::dvec3(g.c3, 0.0, g.a2));
  const glm::dmat3 arm = r1 * rotY(q[1] + q[2]);
  const glm::dmat3 chain = arm * rotX(q[3]) * rotY(q[4]) * rotX(q[5]);
  const glm::dmat3 flange = chain * flangeTurn();
  Pose pose;
  pose.position = wrist + g.c4 * glm::dvec3(chain[0]);
  pose.orientation = glm::normalize(glm::quat_cast(flange));
  return pose;
}

std::optional<IkFailure> ArmKinematics::limitViolation(const JointAngles& q) const {
  for (int i = 0; i < kAxisCount; ++i) {
    const AxisSpec& a = mGeometry.axes[static_cast<std::size_t>(i)];
    const double v = q[static_cast<std::size_t>(i)];
    if (v < a.min || v > a.max) {
      return IkFailure{IkFailureKind::JointLimit, i + 1, v, v < a.min ? a.min : a.max};
    }
  }
  return std::nullopt;
}

ArmConfiguration ArmKinematics::configurationOf(const JointAngles& q) const {
  const ArmGeometry& g = mGeometry;
  const double phi = q[1] + q[2];
  const double forward = g.a1 + g.c2 * std::sin(q[1]) + g.c3 * std::cos(phi) + g.a2 * std::sin(phi);
  const double psi = std::atan2(g.c3, g.a2);
  ArmConfiguration c;
  c.shoulderBack = forward < 0.0;
  c.elbowDown = wrap(q[2] + psi) < 0.0;
  c.wristFlip = wrap(q[4]) < 0.0;
  return c;
}

core::Expected<JointAngles, IkFailure> ArmKinematics::inverse(const Pose& flange,
                                                              ArmConfiguration config,
                                                              const IkOptions& options) const {
  const ArmGeometry& g = mGeometry;
  const SingularityMargins& m = options.margins;
  const glm::dmat3 r = glm::mat3_cast(flange.orientation);
  // The flange's z axis (tool0) is the wrist chain's x axis.
  const glm::dvec3 wrist = flange.position - g.c4 * glm::dvec3(r[2]);

  const double rho = std::hypot(wrist.x, wrist.y);
  if (rho < m.shoulder) {
    return IkFailure{IkFailureKind::ShoulderSingular, 1, rho, m.shoulder};
  }
  JointAngles q{};
  q[0] = std::atan2(wrist.y, wrist.x) + (config.shoulderBack ? kPi : 0.0);
  // The wrist centre relative to axis 2, in the arm's plane (x forward, z up).
  const double wx = (config.shoulderBack ? -rho : rho) - g.a1;
  const double wz = wrist.z - g.c1;
  const double d2 = wx * wx + wz * wz;
  const double forearm = std::hypot(g.a2, g.c3);
  const double cosElbow = (d2 - g.c2 * g.c2 - forearm * forearm) / (2.0 * g.c2 * forearm);
  if (cosElbow > 1.0) {
    return IkFailure{IkFailureKind::OutOfReach, 0, std::sqrt(d2), g.c2 + forearm};
  }
  if (cosElbow < -1.0) {
    return IkFailure{IkFailureKind::OutOfReach, 0, std::sqrt(d2), std::abs(g.c2 - forearm)};
  }
  const double elbow = std::acos(cosElbow); // |q3 + psi|, 0 stretched, π folded
  if (elbow < m.elbow || elbow > kPi - m.elbow) {
    return IkFailure{IkFailureKind::ElbowSingular, 3, std::min(elbow, kPi - elbow), m.elbow};
  }
  const double psi = std::atan2(g.c3, g.a2);
  q[2] = (config.elbowDown ? -elbow : elbow) - psi;
  // The wrist centre seen from the upper arm's frame, then the upper arm's angle from vertical.
  const double vx = g.c3 * std::cos(q[2]) + g.a2 * std::sin(q[2]);
  const double vz = g.c2 - g.c3 * std::sin(q[2]) + g.a2 * std::cos(q[2]);
  q[1] = std::atan2(wx, wz) - std::atan2(vx, vz);

  // The wrist: Rx(q4) Ry(q5) Rx(q6) = (Rz(q1) Ry(q2 + q3))^T R Ry(π/2)^T.
  const glm::dmat3 arm = rotZ(q[0]) * rotY(q[1] + q[2]);
  const glm::dmat3 w = glm::transpose(arm) * r * glm::transpose(flangeTurn());
  const double s5 = std::hypot(at(w, 1, 0), at(w, 2, 0));
  const double sign = config.wristFlip ? -1.0 : 1.0;
  q[4] = std::atan2(sign * s5, at(w, 0, 0));
  if (std::abs(q[4]) < m.wrist) {
    return IkFailure{IkFailureKind::WristSingular, 5, std::abs(q[4]), m.wrist};
  }
  q[3] = std::atan2(sign * at(w, 1, 0), -sign * at(w, 2, 0));
  q[5] = std::atan2(sign * at(w, 0, 1), sign * at(w, 0, 2));

  // Each axis at the 2π-equivalent angle nearest the seed (or 0) within its range.
  for (std::size_t i = 0; i < q.size(); ++i) {
    const AxisSpec& a = g.axes[i];
    const double base = wrap(q[i]);
    const double near = options.seed != nullptr ? (*options.seed)[i] : 0.0;
    double best = base;
    bool found = false;
    for (int k = -2; k <= 2; ++k) {
      const double v = base + 2.0 * kPi * k;
      if (v < a.min || v > a.max) {
        continue;
      }
      if (!found || std::abs(v - near) < std::abs(best - near)) {
        best = v;
        found = true;
      }
    }
    q[i] = best;
    if (!found && options.checkLimits) {
      return IkFailure{IkFailureKind::JointLimit, static_cast<int>(i) + 1, base,
                       std::abs(base - a.min) < std::abs(base - a.max) ? a.min : a.max};
    }
  }
  return q;
}

} // namespace skillsim::sim::robot
