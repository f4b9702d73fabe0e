#include "skillsim/core/Hash.h"

#include "skillsim/core/Check.h"

#include <sodium.h>

#include <bit>
#include <cstring>

namespace skillsim::core {
namespace {

static_assert(sizeof(crypto_generichash_state) <= 384, "Hasher::mState too small");
static_assert(alignof(crypto_generichash_state) <= 64, "Hasher::mState under-aligned");

crypto_generichash_state* state(std::array<std::uint8_t, 384>& storage) {
  return reinterpret_cast<crypto_generichash_state*>(storage.data());
}

void ensureSodium() {
  static const bool ready = sodium_init() >= 0;
  SKILLSIM_CHECK(ready, "libsodium failed to initialise");
}

} // namespace

std::string toHex(const Digest& digest) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(digest.size() * 2);
  for (std::uint8_t b : digest) {
    out += kDigits[b >> 4];
    out += kDigits[b & 0xF];
  }
  return out;
}

Hasher::Hasher() {
  ensureSodium();
  crypto_generichash_init(state(mState), nullptr, 0, std::tuple_size_v<Digest>);
}

Hasher::~Hasher() = default;

Hasher& Hasher::update(std::span<const std::byte> bytes) {
  SKILLSIM_CHECK(!mFinished, "Hasher::update after finish");
  crypto_generichash_update(state(mState), reinterpret_cast<const unsigned char*>(bytes.data()),
                            bytes.size());
  return *this;
}

Hasher& Hasher::update(std::string_view text) {
  return update(std::as_bytes(std::span(text.data(), text.size())));
}

Hasher& Hasher::update(double value) { return update(std::bit_cast<std::uint64_t>(value)); }

Hasher& Hasher::update(std::uint64_t value) {
  std::array<std::byte, 8> le{};
  for (std::size_t i = 0; i < le.size(); ++i) {
    le[i] = static_cast<std::byte>((value >> (8 * i)) & 0xFF);
  }
  return update(std::span<const std::byte>(le));
}

Digest Hasher::finish() {
  SKILLSIM_CHECK(!mFinished, "Hasher::finish called twice");
  mFinished = true;
  Digest out{};
  crypto_generichash_final(state(mState), out.data(), out.size());
  return out;
}

Digest hashBytes(std::string_view bytes) {
  Hasher h;
  h.update(bytes);
  return h.finish();
}

} // namespace skillsim::core
