#include "skillsim/core/OrbitView.h"

#include <algorithm>
#include <cmath>

namespace skillsim::core {

OrbitView OrbitView::lookingFrom(const glm::dvec3& eye, const glm::dvec3& focus) {
  OrbitView v;
  v.focus = focus;
  const glm::dvec3 d = eye - focus;
  const double length = glm::length(d);
  if (!(length > 0.0)) {
    v.yaw = 0.0;
    v.pitch = 0.0;
    v.distance = kMinDistance;
    return v;
  }
  v.distance = length;
  v.yaw = std::atan2(d.x, d.z);
  v.pitch = std::asin(std::clamp(d.y / length, -1.0, 1.0));
  return v.clamped();
}

OrbitView OrbitView::clamped() const {
  OrbitView v = *this;
  v.pitch = std::isnan(v.pitch) ? -kMaxPitch : std::clamp(v.pitch, -kMaxPitch, kMaxPitch);
  v.distance =
      std::isnan(v.distance) ? kMinDistance : std::clamp(v.distance, kMinDistance, kMaxDistance);
  if (!std::isfinite(v.yaw)) {
    v.yaw = 0.0;
  }
  return v;
}

void OrbitView::orbitBy(double deltaYaw, double deltaPitch, double zoomFactor) {
  if (std::isfinite(deltaYaw)) {
    yaw += deltaYaw;
  }
  if (std::isfinite(deltaPitch)) {
    pitch += deltaPitch;
  }
  if (std::isfinite(zoomFactor) && zoomFactor > 0.0) {
    distance *= zoomFactor;
  }
  *this = clamped();
}

glm::dvec3 OrbitView::eye() const {
  const OrbitView v = clamped();
  const double c = std::cos(v.pitch);
  return v.focus +
         v.distance * glm::dvec3(c * std::sin(v.yaw), std::sin(v.pitch), c * std::cos(v.yaw));
}

} // namespace skillsim::core
