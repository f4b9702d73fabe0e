#include "skillsim/sim/NotchedController.h"

#include <skillsim/core/Check.h>

#include <algorithm>
#include <cmath>

namespace skillsim::sim {

NotchedController::NotchedController(const ControllerSpec& spec, double minPosition,
                                     double maxPosition, double initialPosition)
    : mSpec(spec), mMin(minPosition), mMax(maxPosition), mPosition(initialPosition) {
  SKILLSIM_CHECK(spec.notches >= 1, "a controller needs at least one notch");
  SKILLSIM_CHECK(spec.maxSpeed > 0.0 && spec.acceleration > 0.0,
                 "controller speed and acceleration must be > 0");
  SKILLSIM_CHECK(minPosition <= initialPosition && initialPosition <= maxPosition,
                 "controller start outside its travel");
}

bool NotchedController::select(float axis) {
  const double a = std::isfinite(axis) ? std::clamp(static_cast<double>(axis), -1.0, 1.0) : 0.0;
  const int notch = static_cast<int>(std::lround(a * mSpec.notches));
  const bool changed = notch != mNotch;
  mNotch = notch;
  return changed;
}

void NotchedController::setMotion(double position, double speed) {
  SKILLSIM_CHECK(std::isfinite(position) && std::isfinite(speed),
                 "a drive's position and speed must be finite");
  mPosition = std::clamp(position, mMin, mMax);
  mSpeed = speed;
}

void NotchedController::setTravel(double minPosition, double maxPosition) {
  SKILLSIM_CHECK(minPosition <= maxPosition, "a drive's travel must not be empty");
  mMin = minPosition;
  mMax = maxPosition;
}

double NotchedController::notchFraction() const {
  return static_cast<double>(mNotch) / static_cast<double>(mSpec.notches);
}

void NotchedController::update(double dt, bool hold, bool blockPositive) {
  double target = hold ? 0.0 : mSpec.maxSpeed * notchFraction();
  if (blockPositive) {
    target = std::min(target, 0.0);
  }
  // Slow-down limit switches: never faster than what still stops at the end stop.
  const double a = mSpec.acceleration;
  target = std::min(target, std::sqrt(2.0 * a * std::max(mMax - mPosition, 0.0)));
  target = std::max(target, -std::sqrt(2.0 * a * std::max(mPosition - mMin, 0.0)));
  const double step = a * dt;
  const double change = target - mSpeed;
  mSpeed = std::abs(change) <= step ? target : mSpeed + (change > 0.0 ? step : -step);
  mPosition += mSpeed * dt;
  if (mPosition >= mMax) {
    mPosition = mMax;
    mSpeed = std::min(mSpeed, 0.0);
  } else if (mPosition <= mMin) {
    mPosition = mMin;
    mSpeed = std::max(mSpeed, 0.0);
  }
}

} // namespace skillsim::sim
