#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace skillsim::records {

/**
 * How an attempt was run (DESIGN.md, who uses it): practice (hints, pause, restart allowed) or an
 * exam attempt (no hints, no pause, one recorded attempt). Stored in traces as its numeric value,
 * so values are appended only.
 */
enum class AttemptMode : std::uint8_t { Practice = 0, Exam = 1 };

/** "practice" or "exam". */
[[nodiscard]] std::string_view toString(AttemptMode mode);
/** Inverse of toString(AttemptMode); nullopt for an unknown name. */
[[nodiscard]] std::optional<AttemptMode> attemptModeFromName(std::string_view name);

} // namespace skillsim::records
