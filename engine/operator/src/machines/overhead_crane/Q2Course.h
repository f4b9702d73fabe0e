#pragma once

#include "machines/overhead_crane/ScriptedOperator.h"

#include <skillsim/core/Expected.h>
#include <skillsim/scenario/Scenario.h>

namespace skillsim::op {

/**
 * Reads the Q2 course's layout from a scenario (scenarios/overhead_crane/q2_practical.toml):
 * landing circles from the zones `circle_a`, `circle_b`, `circle_c`; the load from the body
 * tagged "load" with a lifting lug; the weave stops from the zones `weave_gate_1`, … (passed in
 * x order: a trolley move between piles, a bridge move through each gate); the return path
 * through `frame_high_gate` then `frame_low_gate`, at a height where the load clears every
 * frame crossbar by 0.3 m and the hook block above it by 0.15 m; the careless graze at the body
 * `pile_2`; the target time from the rubric's criterion `time_frames`. Errors (NotFound) name the
 * missing zone, body or criterion and the file.
 */
[[nodiscard]] core::Expected<CourseLayout> q2CourseLayout(const scenario::Scenario& scenario);

} // namespace skillsim::op
