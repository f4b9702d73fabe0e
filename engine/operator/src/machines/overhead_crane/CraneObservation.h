#pragma once

#include <skillsim/core/Expected.h>
#include <skillsim/sim/Metrics.h>

#include <glm/vec3.hpp>

namespace skillsim::op {

/**
 * What an operator at the crane can see and feel, one tick's worth, read from the simulation's
 * metrics (sim/Metrics.h names). World frame, SI units: m, m/s, rad; Y up.
 */
struct CraneObservation {
  double time = 0.0;         ///< s since the simulation started (`time`).
  double trolleyX = 0.0;     ///< m, runway origin x + `bridge_position`.
  double trolleyZ = 0.0;     ///< m, runway origin z + `trolley_position`.
  double hookX = 0.0;        ///< m, `hook_x`.
  double hookZ = 0.0;        ///< m, `hook_z`.
  double hookHeight = 0.0;   ///< m, `hook_height` (bottom of the hook block above ground).
  double loadX = 0.0;        ///< m, `load_x` (the attached or last attached load's centre).
  double loadZ = 0.0;        ///< m, `load_z`.
  double loadHeight = 0.0;   ///< m, `load_height` (bottom of the load above ground).
  double swingAngle = 0.0;   ///< rad, `load_swing_angle`.
  double bridgeSpeed = 0.0;  ///< m/s, `bridge_speed` (+X).
  double trolleySpeed = 0.0; ///< m/s, `trolley_speed` (+Z).
  double hoistSpeed = 0.0;   ///< m/s, `hoist_speed` (+ raising).
  double ropeLength = 0.0;   ///< m, `rope_length`.
  bool loadAttached = false; ///< `load_attached` == 1.
};

/**
 * Reads a CraneObservation from a crane simulation's metrics. `runwayOrigin` is the crane spec's
 * (m, world). Error (NotFound) naming the first missing metric when the simulation has no crane
 * or an older metric set.
 */
[[nodiscard]] core::Expected<CraneObservation> observeCrane(const sim::Metrics& metrics,
                                                            const glm::dvec3& runwayOrigin);

} // namespace skillsim::op
