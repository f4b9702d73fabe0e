#pragma once

#include "skillsim/assessment/Rubric.h"

#include <skillsim/core/ActionState.h>
#include <skillsim/sim/Metrics.h>
#include <skillsim/sim/SimEvent.h>

#include <glm/vec3.hpp>

#include <cstdint>
#include <span>

namespace skillsim::assessment {

/** What criteria see of one tick. Private to the assessment module. */
struct Observation {
  std::uint64_t tick = 0;
  double time = 0.0;                     ///< s from the attempt's start.
  const sim::Metrics* metrics = nullptr; ///< This tick's metrics.
  const core::ActionState* actions = nullptr;
  glm::dvec3 position{0.0}; ///< The load's position (load_x, load_height, load_z) when known.
  std::span<const sim::Proximity> proximities; ///< Watched bodies' gaps this tick.
};

/** An event as criteria see it: a real SimEvent or one of the Assessor's pseudo events. */
struct EventRef {
  const sim::SimEvent* event = nullptr; ///< Null for a pseudo event.
  PseudoEvent pseudo = PseudoEvent::None;
};

} // namespace skillsim::assessment
