#pragma once

#include <skillsim/core/Hash.h>

#include <string_view>

namespace skillsim::scenario {

/**
 * A scenario's identity: BLAKE2b-256 over the scenario file's bytes and its standard file's
 * bytes, each prefixed by its length (so moving bytes between the two files changes the hash).
 * Any edit, even whitespace, gives a new identity: a trace names exactly what it was scored on.
 * The loader passes the scenario's bytes without its `[[steps]]` tables (TaskStep: presentation,
 * never scored; docs/scenario-format.md), so rewording a step keeps recorded traces valid.
 */
[[nodiscard]] core::Digest scenarioHash(std::string_view scenarioBytes,
                                        std::string_view standardBytes);

} // namespace skillsim::scenario
