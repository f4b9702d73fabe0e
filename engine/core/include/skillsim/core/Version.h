#pragma once

#include <string_view>

namespace skillsim::core {

/** Engine version, `MAJOR.MINOR.PATCH` from CMake's project(). Written into every trace. */
[[nodiscard]] std::string_view engineVersion();

/**
 * Identifies the exact build: git commit (with `-dirty` when the tree had changes), compiler and
 * build type, e.g. `3f2a9c1 GNU-12.2.0 Release`. A trace from another build verifies with a
 * plain warning (DESIGN.md: the determinism contract holds within one build).
 */
[[nodiscard]] std::string_view buildId();

} // namespace skillsim::core
