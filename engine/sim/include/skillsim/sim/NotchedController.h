#pragma once

#include "skillsim/sim/SimulationSpec.h"

namespace skillsim::sim {

/**
 * A notched (stepped) travel or lifting controller as on a pendant or master switch: the
 * operator's axis value a in [-1, 1] selects notch round(a * notches); notch k commands speed
 * maxSpeed * k / notches. The drive follows the command within the acceleration limit (braking
 * uses the same limit), and a travel limit switch near each end stop caps the speed at
 * sqrt(2 * acceleration * distance to the stop), so the drive brakes to rest at the end stop
 * instead of hitting it (the slow-down limit switch of GB/T 3811-2008 / FEM 1.001 practice).
 * Position and speed are in m and m/s along the motion's axis.
 */
class NotchedController {
public:
  /** Contract: notches >= 1, maxSpeed > 0, acceleration > 0, minPosition <= initial <= max. */
  NotchedController(const ControllerSpec& spec, double minPosition, double maxPosition,
                    double initialPosition);

  /** Selects the notch from an axis value; returns true when the notch changed. */
  bool select(float axis);
  /**
   * Advances by dt (s). `hold` (an emergency stop) commands zero speed; `blockPositive` refuses
   * positive motion (an overload limiter's lifting cut-off).
   */
  void update(double dt, bool hold, bool blockPositive);

  /**
   * Sets where the drive is and how fast it moves (m, m/s), the position kept within the travel:
   * for motion the drive did not make (a load pulling through a slipping brake, caught by the
   * drive when it is switched on again). Contract: both finite.
   */
  void setMotion(double position, double speed);
  /**
   * Moves the end stops (m) the drive brakes for and stops at, e.g. to the mechanical end once a
   * limit switch has failed. Contract: minPosition <= maxPosition.
   */
  void setTravel(double minPosition, double maxPosition);

  [[nodiscard]] int notch() const { return mNotch; }
  /** Notch as a fraction of the top notch, in [-1, 1]. */
  [[nodiscard]] double notchFraction() const;
  [[nodiscard]] double speed() const { return mSpeed; }
  [[nodiscard]] double position() const { return mPosition; }
  [[nodiscard]] double minPosition() const { return mMin; }
  [[nodiscard]] double maxPosition() const { return mMax; }
  [[nodiscard]] const ControllerSpec& spec() const { return mSpec; }

private:
  ControllerSpec mSpec;
  double mMin;
  double mMax;
  double mPosition;
  double mSpeed = 0.0;
  int mNotch = 0;
};

} // namespace skillsim::sim
