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
 */
class RopeConstraint final : public btTypedConstraint {
public:
  RopeConstraint(btRigidBody& bodyA, btRigidBody& bodyB, const btVector3& pivotA,
                 const btVector3& pivotB, btScalar length);

  /** Length to reach at the end of the next step (m). */
  void setLength(btScalar length) { mLength = length; }
  [[nodiscard]] btScalar length() const { return mLength; }
  /** One constraint row: J = (n, angularA, -n, angularB); the solver enforces J v >= rhs. */
  struct Row {
    btVector3 normal;
    btVector3 angularA;
    btVector3 angularB;
    btScalar rhs = 0;
  };
  /** The row for the current poses, with the solver's error reduction `erp` and 1/dt `fps`. */
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
  btScalar mWarmImpulse = 0;
  btScalar mTotalImpulse = 0;
};

} // namespace skillsim::physics::detail
