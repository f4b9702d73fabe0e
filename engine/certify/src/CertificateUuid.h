#pragma once

#include <string>
#include <string_view>

namespace skillsim::certify {

/**
 * A UUID (RFC 9562 version 8, "custom") made from the first 16 bytes of BLAKE2b-256(`seed`):
 * the same seed always gives the same id, so re-exporting a decision does not create a new
 * credential or statement. Lowercase, 8-4-4-4-12.
 */
[[nodiscard]] std::string derivedUuid(std::string_view seed);

} // namespace skillsim::certify
