#pragma once

#include <string>
#include <string_view>

namespace skillsim::exporting {

/**
 * A UUID (RFC 9562 version 8, "custom") made from the first 16 bytes of BLAKE2b-256(`seed`):
 * the same seed always gives the same id, so exporting again (an attempt's xAPI statements, a
 * decision, a credential) gives the same ids and a receiver drops the duplicates. Lowercase,
 * 8-4-4-4-12.
 */
[[nodiscard]] std::string derivedUuid(std::string_view seed);

} // namespace skillsim::exporting
