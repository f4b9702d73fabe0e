#include "skillsim/ui/Format.h"

#include <cmath>
#include <cstdio>

namespace skillsim::ui {

std::string formatClock(double seconds) {
  if (!(seconds > 0.0)) {
    seconds = 0.0;
  }
  const auto tenths = static_cast<long long>(std::floor(seconds * 10.0 + 1e-9));
  const long long minutes = tenths / 600;
  const long long secs = (tenths / 10) % 60;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02lld:%02lld.%lld", minutes, secs, tenths % 10);
  return buf;
}

std::string formatPoints(double points) {
  char buf[32];
  const double rounded = std::round(points * 10.0) / 10.0;
  if (rounded == std::floor(rounded)) {
    std::snprintf(buf, sizeof buf, "%.0f", rounded);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f", rounded);
  }
  return buf;
}

} // namespace skillsim::ui
