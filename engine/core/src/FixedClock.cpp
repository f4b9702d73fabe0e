#include "skillsim/core/FixedClock.h"

#include "skillsim/core/Check.h"

#include <cmath>

namespace skillsim::core {

FixedClock::FixedClock(std::uint32_t tickRate)
    : mTickRate(tickRate), mDt(1.0 / static_cast<double>(tickRate)) {
  SKILLSIM_CHECK(tickRate >= 1 && tickRate <= 10000, "tick rate must be in [1, 10000] Hz");
}

double FixedClock::secondsAt(std::uint64_t tick) const noexcept {
  // Division rather than tick * dt: exact for integral seconds, identical on every run.
  return static_cast<double>(tick) / static_cast<double>(mTickRate);
}

std::uint64_t FixedClock::tickAt(double seconds) const {
  SKILLSIM_CHECK(std::isfinite(seconds) && seconds >= 0.0, "tickAt needs finite seconds >= 0");
  double ticks = seconds * static_cast<double>(mTickRate);
  auto whole = static_cast<std::uint64_t>(std::ceil(ticks));
  // Guard against 0.1 * 240 = 24.000000000000004 rounding up to 25.
  if (whole > 0 && secondsAt(whole - 1) >= seconds) {
    --whole;
  }
  return whole;
}

} // namespace skillsim::core
