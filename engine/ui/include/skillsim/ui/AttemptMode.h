#pragma once

#include <cstdint>

namespace skillsim::ui {

/**
 * Practice (hints, pause, restart, live score) or exam (none of those; one recorded attempt),
 * as DESIGN.md's trainee row says.
 */
enum class AttemptMode : std::uint8_t { Practice, Exam };

} // namespace skillsim::ui
