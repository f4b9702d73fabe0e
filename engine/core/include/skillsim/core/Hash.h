#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace skillsim::core {

/** A 256-bit digest (BLAKE2b-256, RFC 7693, computed by libsodium's crypto_generichash). */
using Digest = std::array<std::uint8_t, 32>;

/** Lowercase hex of a digest (64 characters). */
[[nodiscard]] std::string toHex(const Digest& digest);

/**
 * Incremental BLAKE2b-256. Used for scenario identity (hash over the scenario's and its
 * standard's bytes), state hashes in determinism tests and trace hashes. Feed bytes, doubles
 * (their exact bit patterns, little-endian) and integers; `finish()` may be called once.
 */
class Hasher {
public:
  Hasher();
  ~Hasher();
  Hasher(const Hasher&) = delete;
  Hasher& operator=(const Hasher&) = delete;

  Hasher& update(std::span<const std::byte> bytes);
  Hasher& update(std::string_view text);
  /** Hashes the IEEE-754 bit pattern of `value`, so -0.0 and 0.0 differ and NaNs are kept. */
  Hasher& update(double value);
  Hasher& update(std::uint64_t value);
  /** The digest; calling update or finish afterwards is a contract violation. */
  [[nodiscard]] Digest finish();

private:
  alignas(64) std::array<std::uint8_t, 384> mState; // crypto_generichash_state, opaque here
  bool mFinished = false;
};

/** One-shot BLAKE2b-256 of a byte string. */
[[nodiscard]] Digest hashBytes(std::string_view bytes);

} // namespace skillsim::core
