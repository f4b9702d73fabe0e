#pragma once
// The scenario hash recomputed without the product's code (neither scenarioHash nor core::Hasher):
// libsodium's BLAKE2b-256 (crypto_generichash, no key) over the framing that
// engine/scenario/include/skillsim/scenario/ScenarioHash.h documents: the tag
// "skillsim-scenario-v1", then for each file its byte count as 8 bytes little-endian and its bytes.

#include <skillsim/core/Hash.h>

#include <sodium.h>

#include <array>
#include <cstdint>
#include <string_view>

namespace skillsim::scenario::testing {

inline core::Digest independentScenarioHash(std::string_view scenarioBytes,
                                            std::string_view standardBytes) {
  if (sodium_init() < 0) {
    return {};
  }
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, 32);
  auto feed = [&state](std::string_view bytes) {
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(bytes.data()),
                              bytes.size());
  };
  auto feedLength = [&state](std::uint64_t n) {
    std::array<unsigned char, 8> le{};
    for (std::size_t i = 0; i < 8; ++i) {
      le[i] = static_cast<unsigned char>(n >> (8 * i));
    }
    crypto_generichash_update(&state, le.data(), le.size());
  };
  feed("skillsim-scenario-v1");
  feedLength(scenarioBytes.size());
  feed(scenarioBytes);
  feedLength(standardBytes.size());
  feed(standardBytes);
  core::Digest out{};
  crypto_generichash_final(&state, out.data(), out.size());
  return out;
}

} // namespace skillsim::scenario::testing
