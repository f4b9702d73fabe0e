#pragma once

#include <BulletDynamics/ConstraintSolver/btTypedConstraint.h>

namespace skillsim::physics::detail {

/**
 * A rope as one unilateral constraint row for Bullet's sequential-impulse solver:
 * |pB - pA| <= length, impulse only ever pulling (lambda >= 0). Slack ropes make the row
 * speculative (it acts only when the ends would move apart beyond the length within this step).
 *
 * Warm start: Bullet does not warm-start joint rows, and a light body between a kinematic anchor
 * and a heavy load is the worst case for Gauss-Seidel (convergence factor m_load / (m_load +
 * m_light) per iteration: 0.99 for 50 kg under 5 t, so the lower rope chatters). So the World
 * first solves all rope rows together exactly (RopeSolver: a small LCP over the ropes, with the
 * bodies' predicted velocities, contacts ignored) and applies that impulse as an external force
 * before the step (prepare); Bullet's row then solves only the correction that contacts and
 * joints make necessary, bounded below by minus the applied impulse so the total never pushes.
 *
 * Elastic ropes (axial rigidity E A > 0, World::addRope) are a stiff spring solved implicitly:
 * the soft-constraint form of implicit Euler (Catto, "Soft Constraints", GDC 2011; the same as
 * the constraint-force mixing of ODE, Smith 2006, section 3.8). For the spring force
 * F = k C(t+h) on the stretch C = span - length at the end of the step, the impulse lambda = h F
 * and the end velocity satisfy
 *     J v2 + gamma lambda = C / h,   gamma = 1 / (h^2 k),   lambda >= 0 (complementary),
 * a row of the same LCP with gamma added on its diagonal, so RopeSolver solves elastic and
 * inextensible ropes together, exactly. Why this and not substeps or an explicit spring: a
 * 5 t load on 8.5 m of 4-fall 11 mm rope has k = 2.6e6 N/m, but a 50 kg block between that rope
 * and a 1 m sling rings at sqrt((k_rope + k_sling) / m_block) ~ 650 rad/s, 2.7 rad per
 * 1/240 s step: an explicit spring would need ~10 substeps of the whole world to stay stable,
 * implicit Euler is stable for any k and step (A-stable). Its price is numerical damping: a
 * mode of angular frequency w loses the fraction 1 - 1 / sqrt(1 + (w h)^2) of its amplitude per
 * step (damping ratio ~ w h / 2: 5 % for the load's 27 rad/s bounce, so the light block's ringing
 * dies within a few steps, as a real block's does in its sheaves). The period of the load's
 * bounce is w h / atan(w h) ~ 1 + (w h)^2 / 3 too long: 0.4 %. Bullet's row of an elastic rope
 * is only a backstop, a hard limit at kStrainLimit beyond the length, which a rope in its
 * elastic range never reaches (contacts pushing a load off the ground cannot tear the rope).
 */
class RopeConstraint final : public btTypedConstraint {
public:
  RopeConstraint(btRigidBody& bodyA, btRigidBody& bodyB, const btVector3& pivotA,
                 const btVector3& pivotB, btScalar length, double axialRigidity = 0.0,
                 int falls = 1);

  /** Strain beyond which the backstop row of an elastic rope holds it hard (2 %: past the
   * breaking strain of a steel wire rope, about MBF / (E A) = 1.2 % for 6x36 IWRC 1770). */
  static constexpr double kStrainLimit = 0.02;

  /** Length to reach at the end of the next step (m). */
  void setLength(btScalar length) { mLength = length; }
  [[nodiscard]] btScalar length() const { return mLength; }
  /** True for a rope with axial rigidity (a spring), false for an inextensible one. */
  [[nodiscard]] bool elastic() const { return mAxialRigidity > 0.0; }
  /** Spring rate falls * E A / length (N/m) at the current length; +infinity if inextensible. */
  [[nodiscard]] double stiffness() const;
  /** One constraint row: J = (n, angularA, -n, angularB); the solver enforces J v >= rhs. */
  struct Row {
    btVector3 normal;
    btVector3 angularA;
    btVector3 angularB;
    btScalar rhs = 0;
    double compliance = 0.0; ///< gamma = 1 / (h^2 k) (m/s per N s); 0 for inextensible.
  };
  /**
   * The row for the current poses, with the solver's error reduction `erp` and 1/dt `fps`: the
   * exact row of RopeSolver (soft for an elastic rope).
   */
  [[nodiscard]] Row row(btScalar erp, btScalar fps) const;
  /**
   * Applies `impulse` (N s, >= 0) as the warm-start force of the coming step; call after
   * kinematic bodies are posed, before stepping.
   */
  void prepare(btScalar timeStep, btScalar impulse);
  /** Collects the solver's impulse; call after stepping. */
  void finish(btScalar timeStep);
  /** Total impulse of the last step (N s, >= 0). */
  [[nodiscard]] btScalar totalImpulse() const { return mTotalImpulse; }
  [[nodiscard]] btVector3 pivotAInWorld() const;
  [[nodiscard]] btVector3 pivotBInWorld() const;

  void getInfo1(btConstraintInfo1* info) override;
  void getInfo2(btConstraintInfo2* info) override;
  void setParam(int num, btScalar value, int axis) override;
  [[nodiscard]] btScalar getParam(int num, int axis) const override;

private:
  /** Unit direction from pivot A to pivot B and the distance (down when they coincide). */
  void direction(btVector3& normal, btScalar& distance) const;

  btVector3 mPivotA;
  btVector3 mPivotB;
  btScalar mLength;
  btScalar mPreviousLength;
  double mAxialRigidity; ///< N, E A of one fall
  int mFalls;
  btScalar mWarmImpulse = 0;
  btScalar mTotalImpulse = 0;
};

} // namespace skillsim::physics::detail
