#pragma once

#include <skillsim/core/Ids.h>

#include <string>

namespace skillsim::physics {

/** A body whose state is non-finite or exploding (see World::findFault). */
struct BodyFault {
  core::BodyId body;
  std::string what; ///< e.g. "non-finite position", "speed 1.2e+04 m/s exceeds 500 m/s".
};

} // namespace skillsim::physics
