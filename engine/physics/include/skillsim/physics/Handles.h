#pragma once

#include <skillsim/core/Ids.h>

namespace skillsim::physics {

struct JointTag;
struct RopeTag;

/** A joint (fixed, hinge, slider, point-to-point, 6-DoF) in a physics::World. */
using JointId = core::Id<JointTag>;
/** A rope (unilateral variable-length distance constraint) in a physics::World. */
using RopeId = core::Id<RopeTag>;

} // namespace skillsim::physics
