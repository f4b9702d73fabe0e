#include "skillsim/export/DerivedUuid.h"

#include <skillsim/core/Hash.h>

namespace skillsim::exporting {

std::string derivedUuid(std::string_view seed) {
  core::Digest digest = core::hashBytes(seed);
  digest[6] = static_cast<std::uint8_t>((digest[6] & 0x0F) | 0x80); // version 8
  digest[8] = static_cast<std::uint8_t>((digest[8] & 0x3F) | 0x80); // variant 10xx
  std::string hex = core::toHex(digest).substr(0, 32);
  return hex.substr(0, 8) + '-' + hex.substr(8, 4) + '-' + hex.substr(12, 4) + '-' +
         hex.substr(16, 4) + '-' + hex.substr(20, 12);
}

} // namespace skillsim::exporting
