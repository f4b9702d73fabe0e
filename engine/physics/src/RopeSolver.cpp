#include "RopeSolver.h"

#include <BulletDynamics/Dynamics/btRigidBody.h>
#include <LinearMath/btTransformUtil.h>

#include <algorithm>
#include <cmath>

namespace skillsim::physics::detail {

namespace {

struct Velocity {
  btVector3 linear{0, 0, 0};
  btVector3 angular{0, 0, 0};
};

/** The body's velocity at the end of the coming step if only gravity and forces acted. */
Velocity predict(const btRigidBody& body, btScalar timeStep) {
  Velocity v;
  if (body.isKinematicObject()) {
    // Bullet derives a kinematic body's velocity from its pose change the same way.
    btTransformUtil::calculateVelocity(body.getInterpolationWorldTransform(),
                                       body.getWorldTransform(), timeStep, v.linear, v.angular);
    return v;
  }
  if (body.getInvMass() == 0) {
    return v;
  }
  v.linear = body.getLinearVelocity() +
             (body.getGravity() + body.getTotalForce() * body.getInvMass()) * timeStep;
  v.angular = body.getAngularVelocity() +
              body.getInvInertiaTensorWorld() * body.getTotalTorque() * timeStep;
  return v;
}

/** Coupling of a row end (linear, angular) with another on the same body: J_i M^-1 J_j^T. */
btScalar coupling(const btRigidBody& body, const btVector3& linI, const btVector3& angI,
                  const btVector3& linJ, const btVector3& angJ) {
  if (body.getInvMass() == 0) {
    return 0;
  }
  return body.getInvMass() * linI.dot(linJ) + angI.dot(body.getInvInertiaTensorWorld() * angJ);
}

/** Solves the dense system M x = r in place (Gaussian elimination, partial pivoting). */
bool solveDense(double* m, double* r, std::size_t n) {
  for (std::size_t c = 0; c < n; ++c) {
    std::size_t pivot = c;
    for (std::size_t k = c + 1; k < n; ++k) {
      if (std::abs(m[k * n + c]) > std::abs(m[pivot * n + c])) {
        pivot = k;
      }
    }
    if (std::abs(m[pivot * n + c]) < 1e-300) {
      return false;
    }
    if (pivot != c) {
      for (std::size_t k = 0; k < n; ++k) {
        std::swap(m[c * n + k], m[pivot * n + k]);
      }
      std::swap(r[c], r[pivot]);
    }
    for (std::size_t k = c + 1; k < n; ++k) {
      const double f = m[k * n + c] / m[c * n + c];
      for (std::size_t j = c; j < n; ++j) {
        m[k * n + j] -= f * m[c * n + j];
      }
      r[k] -= f * r[c];
    }
  }
  for (std::size_t c = n; c-- > 0;) {
    double sum = r[c];
    for (std::size_t j = c + 1; j < n; ++j) {
      sum -= m[c * n + j] * r[j];
    }
    r[c] = sum / m[c * n + c];
  }
  return true;
}

} // namespace

const std::vector<btScalar>& RopeSolver::solve(const std::vector<RopeConstraint*>& ropes,
                                               btScalar timeStep, btScalar erp) {
  const std::size_t n = ropes.size();
  mImpulses.assign(n, 0);
  if (n == 0) {
    return mImpulses;
  }
  std::vector<RopeConstraint::Row>& rows = mRows;
  rows.clear();
  std::vector<double>& a = mA;
  std::vector<double>& b = mB;
  a.assign(n * n, 0.0);
  b.assign(n, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    const RopeConstraint& rope = *ropes[i];
    rows.push_back(rope.row(erp, btScalar(1) / timeStep));
    const RopeConstraint::Row& r = rows.back();
    const Velocity va = predict(rope.getRigidBodyA(), timeStep);
    const Velocity vb = predict(rope.getRigidBodyB(), timeStep);
    const btScalar jv = r.normal.dot(va.linear) + r.angularA.dot(va.angular) -
                        r.normal.dot(vb.linear) + r.angularB.dot(vb.angular);
    b[i] = static_cast<double>(r.rhs - jv);
  }
  for (std::size_t i = 0; i < n; ++i) {
    const btRigidBody* endsI[2] = {&ropes[i]->getRigidBodyA(), &ropes[i]->getRigidBodyB()};
    const btVector3 linI[2] = {rows[i].normal, -rows[i].normal};
    const btVector3 angI[2] = {rows[i].angularA, rows[i].angularB};
    for (std::size_t j = 0; j < n; ++j) {
      const btRigidBody* endsJ[2] = {&ropes[j]->getRigidBodyA(), &ropes[j]->getRigidBodyB()};
      const btVector3 linJ[2] = {rows[j].normal, -rows[j].normal};
      const btVector3 angJ[2] = {rows[j].angularA, rows[j].angularB};
      double sum = 0.0;
      for (int p = 0; p < 2; ++p) {
        for (int q = 0; q < 2; ++q) {
          if (endsI[p] == endsJ[q]) {
            sum += static_cast<double>(coupling(*endsI[p], linI[p], angI[p], linJ[q], angJ[q]));
          }
        }
      }
      a[i * n + j] = sum;
    }
    // An elastic rope's compliance (implicit spring, RopeConstraint.h): J v2 + gamma lambda = rhs.
    a[i * n + i] += rows[i].compliance;
  }

  const bool solved = solveActiveSet(n);
  std::vector<double>& lambda = mLambda;
  if (!solved) {
    // Projected Gauss-Seidel from the last iterate.
    for (int iteration = 0; iteration < 200; ++iteration) {
      for (std::size_t i = 0; i < n; ++i) {
        if (a[i * n + i] <= 0.0) {
          continue;
        }
        double w = -b[i];
        for (std::size_t j = 0; j < n; ++j) {
          w += a[i * n + j] * lambda[j];
        }
        lambda[i] = std::max(0.0, lambda[i] - w / a[i * n + i]);
      }
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    mImpulses[i] = static_cast<btScalar>(std::max(lambda[i], 0.0));
  }
  return mImpulses;
}

// Active-set method: guess the taut set, solve it, drop ropes that would push, add ropes that
// would stretch, repeat.
bool RopeSolver::solveActiveSet(std::size_t n) {
  const std::vector<double>& a = mA;
  const std::vector<double>& b = mB;
  std::vector<char>& active = mActive;
  active.assign(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    active[i] = b[i] > 0.0 && a[i * n + i] > 0.0;
  }
  std::vector<double>& lambda = mLambda;
  lambda.assign(n, 0.0);
  for (std::size_t iteration = 0; iteration < 4 * n + 8; ++iteration) {
    std::vector<std::size_t>& set = mSet;
    set.clear();
    for (std::size_t i = 0; i < n; ++i) {
      if (active[i]) {
        set.push_back(i);
      }
    }
    const std::size_t k = set.size();
    std::vector<double>& m = mM;
    std::vector<double>& r = mR;
    m.resize(k * k);
    r.resize(k);
    for (std::size_t p = 0; p < k; ++p) {
      r[p] = b[set[p]];
      for (std::size_t q = 0; q < k; ++q) {
        m[p * k + q] = a[set[p] * n + set[q]];
      }
    }
    if (k > 0 && !solveDense(m.data(), r.data(), k)) {
      return false;
    }
    std::fill(lambda.begin(), lambda.end(), 0.0);
    for (std::size_t p = 0; p < k; ++p) {
      lambda[set[p]] = r[p];
    }
    std::size_t worst = n;
    double worstValue = -1e-9;
    for (std::size_t i = 0; i < n; ++i) {
      if (active[i] && lambda[i] < worstValue) {
        worst = i;
        worstValue = lambda[i];
      }
    }
    if (worst < n) {
      active[worst] = false;
      continue;
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (active[i] || a[i * n + i] <= 0.0) {
        continue;
      }
      double w = -b[i];
      for (std::size_t j = 0; j < n; ++j) {
        w += a[i * n + j] * lambda[j];
      }
      if (w < worstValue) {
        worst = i;
        worstValue = w;
      }
    }
    if (worst < n) {
      active[worst] = true;
      continue;
    }
    return true;
  }
  return false;
}

} // namespace skillsim::physics::detail
