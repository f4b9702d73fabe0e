#include "RopeConstraint.h"

#include <BulletDynamics/Dynamics/btRigidBody.h>

#include <limits>

namespace skillsim::physics::detail {

RopeConstraint::RopeConstraint(btRigidBody& bodyA, btRigidBody& bodyB, const btVector3& pivotA,
                               const btVector3& pivotB, btScalar length, double axialRigidity,
                               int falls)
    : btTypedConstraint(POINT2POINT_CONSTRAINT_TYPE, bodyA, bodyB), mPivotA(pivotA),
      mPivotB(pivotB), mLength(length), mPreviousLength(length), mAxialRigidity(axialRigidity),
      mFalls(falls) {
  enableFeedback(true);
}

double RopeConstraint::stiffness() const {
  if (!elastic()) {
    return std::numeric_limits<double>::infinity();
  }
  return static_cast<double>(mFalls) * mAxialRigidity / static_cast<double>(mLength);
}

btVector3 RopeConstraint::pivotAInWorld() const {
  return m_rbA.getCenterOfMassTransform() * mPivotA;
}

btVector3 RopeConstraint::pivotBInWorld() const {
  return m_rbB.getCenterOfMassTransform() * mPivotB;
}

void RopeConstraint::direction(btVector3& normal, btScalar& distance) const {
  const btVector3 delta = pivotBInWorld() - pivotAInWorld();
  distance = delta.length();
  normal = distance > btScalar(1e-6) ? delta / distance : btVector3(0, -1, 0);
}

void RopeConstraint::prepare(btScalar timeStep, btScalar impulse) {
  mWarmImpulse = impulse > 0 ? impulse : btScalar(0);
  if (mWarmImpulse == 0) {
    return;
  }
  btVector3 n;
  btScalar d = 0;
  direction(n, d);
  const btVector3 force = n * (mWarmImpulse / timeStep);
  if (!m_rbA.isStaticOrKinematicObject()) {
    m_rbA.applyForce(force, pivotAInWorld() - m_rbA.getCenterOfMassPosition());
  }
  if (!m_rbB.isStaticOrKinematicObject()) {
    m_rbB.applyForce(-force, pivotBInWorld() - m_rbB.getCenterOfMassPosition());
  }
}

void RopeConstraint::finish(btScalar /*timeStep*/) {
  const btScalar total = mWarmImpulse + getAppliedImpulse();
  mTotalImpulse = total > 0 ? total : btScalar(0);
  mPreviousLength = mLength;
}

void RopeConstraint::getInfo1(btConstraintInfo1* info) {
  info->m_numConstraintRows = 1;
  info->nub = 0;
}

RopeConstraint::Row RopeConstraint::row(btScalar erp, btScalar fps) const {
  Row r;
  btScalar d = 0;
  direction(r.normal, d);
  const btVector3 ra = pivotAInWorld() - m_rbA.getCenterOfMassPosition();
  const btVector3 rb = pivotBInWorld() - m_rbB.getCenterOfMassPosition();
  r.angularA = ra.cross(r.normal);
  r.angularB = -rb.cross(r.normal);
  // J v = -d'(distance)/dt; the row enforces J v >= rhs with a pulling impulse.
  if (elastic()) {
    // Implicit spring (see the class comment): J v2 + gamma lambda = (d - length) / h.
    const double h = 1.0 / static_cast<double>(fps);
    r.rhs = fps * (d - mLength);
    r.compliance = 1.0 / (h * h * stiffness());
    return r;
  }
  if (d < mPreviousLength) {
    // Slack: speculative, so the ends may separate up to the new length within this step.
    r.rhs = fps * (d - mLength);
  } else {
    // Taut: follow the length change exactly, correct the drift with the solver's ERP.
    r.rhs = fps * (mPreviousLength - mLength) + erp * fps * (d - mPreviousLength);
  }
  return r;
}

void RopeConstraint::getInfo2(btConstraintInfo2* info) {
  Row r = row(info->erp, info->fps);
  if (elastic()) {
    // Backstop only: a hard, speculative limit at kStrainLimit beyond the length; the spring's
    // impulse is all in the warm start.
    btScalar d = 0;
    btVector3 n;
    direction(n, d);
    const auto limit = static_cast<btScalar>(static_cast<double>(mLength) * (1.0 + kStrainLimit));
    r.rhs = d < limit ? info->fps * (d - limit) : info->erp * info->fps * (d - limit);
  }
  for (int i = 0; i < 3; ++i) {
    info->m_J1linearAxis[i] = r.normal[i];
    info->m_J1angularAxis[i] = r.angularA[i];
    info->m_J2linearAxis[i] = -r.normal[i];
    info->m_J2angularAxis[i] = r.angularB[i];
  }
  info->m_constraintError[0] = r.rhs;
  info->cfm[0] = 0;
  info->m_lowerLimit[0] = elastic() ? btScalar(0) : -mWarmImpulse;
  info->m_upperLimit[0] = SIMD_INFINITY;
}

void RopeConstraint::setParam(int /*num*/, btScalar /*value*/, int /*axis*/) {}

btScalar RopeConstraint::getParam(int /*num*/, int /*axis*/) const { return 0; }

} // namespace skillsim::physics::detail
