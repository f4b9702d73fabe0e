#pragma once

#include "RopeConstraint.h"

#include <vector>

namespace skillsim::physics::detail {

/**
 * Solves the rope rows of all ropes together, exactly, as the linear complementarity problem
 *   w = A lambda - b >= 0,  lambda >= 0,  w . lambda = 0,
 * with A = J M^-1 J^T + Gamma (the ropes' effective-mass coupling through shared bodies, e.g. one
 * body hanging on one rope and carrying another) and b = rhs - J v_pred, where v_pred is each
 * body's velocity after gravity and applied forces for one step (contacts ignored), and Gamma the
 * diagonal of the elastic ropes' compliances (0 for inextensible ropes; RopeConstraint.h). Solved
 * by an active-set method (exact for the handful of ropes a machine has); falls back to projected
 * Gauss-Seidel if the active set cycles. Returns one impulse per rope (N s, >= 0), used as the warm
 * start of RopeConstraint.
 */
class RopeSolver {
public:
  /** Impulses of `ropes`, in their order; valid until the next call. */
  const std::vector<btScalar>& solve(const std::vector<RopeConstraint*>& ropes, btScalar timeStep,
                                     btScalar erp);

private:
  bool solveActiveSet(std::size_t n);
  // Work buffers kept between steps (no allocation per step once sized).
  std::vector<btScalar> mImpulses;
  std::vector<RopeConstraint::Row> mRows;
  std::vector<double> mA, mB, mLambda, mM, mR;
  std::vector<std::size_t> mSet;
  std::vector<char> mActive;
};

} // namespace skillsim::physics::detail
