#include "machines/overhead_crane/CraneObservation.h"

#include <array>
#include <string_view>

namespace skillsim::op {

core::Expected<CraneObservation> observeCrane(const sim::Metrics& metrics,
                                              const glm::dvec3& runwayOrigin) {
  constexpr std::array<std::string_view, 15> kNames = {
      "time",         "bridge_position", "trolley_position", "hook_x",      "hook_z",
      "hook_height",  "load_x",          "load_z",           "load_height", "load_swing_angle",
      "bridge_speed", "trolley_speed",   "hoist_speed",      "rope_length", "load_attached"};
  std::array<double, kNames.size()> v{};
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    auto index = metrics.find(kNames[i]);
    if (!index) {
      return core::makeError(core::ErrorCode::NotFound,
                             "the simulation has no metric '" + std::string(kNames[i]) +
                                 "'; the scripted operator needs an overhead crane");
    }
    v[i] = metrics.get(*index);
  }
  CraneObservation o;
  o.time = v[0];
  o.trolleyX = runwayOrigin.x + v[1];
  o.trolleyZ = runwayOrigin.z + v[2];
  o.hookX = v[3];
  o.hookZ = v[4];
  o.hookHeight = v[5];
  o.loadX = v[6];
  o.loadZ = v[7];
  o.loadHeight = v[8];
  o.swingAngle = v[9];
  o.bridgeSpeed = v[10];
  o.trolleySpeed = v[11];
  o.hoistSpeed = v[12];
  o.ropeLength = v[13];
  o.loadAttached = v[14] > 0.5;
  return o;
}

} // namespace skillsim::op
