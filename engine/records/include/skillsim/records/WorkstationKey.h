#pragma once

#include "skillsim/records/TraceHeader.h"

#include <skillsim/core/Expected.h>

#include <array>
#include <cstdint>
#include <filesystem>
#include <span>

namespace skillsim::records {

/** An Ed25519 signature (RFC 8032), 64 bytes. */
using Signature = std::array<std::uint8_t, 64>;

/**
 * The workstation's Ed25519 signing key (libsodium crypto_sign), kept in `<dir>/workstation.key`
 * with mode 0600 in a 0700 directory. Created on first use; a key file readable by group or
 * others, or one that is damaged, is refused with a message saying how to fix it. Move-only.
 */
class WorkstationKey {
public:
  /** File name of the key inside the config directory. */
  static constexpr const char* kFileName = "workstation.key";
  /** File name of the centre's credential issuer key (signs Open Badges credentials). */
  static constexpr const char* kIssuerFileName = "issuer.key";
  /**
   * File name of the scripted operator's key (`skillsim operate`): never the workstation's, so
   * a registered exam station's key never signs a scripted trace.
   */
  static constexpr const char* kOperatorFileName = "scripted-operator.key";

  /**
   * Loads the key from `configDir` (normally defaultConfigDir()), creating the directory and a
   * new key when there is none. The directory is made the owner's only (mode 0700,
   * docs/trace-format.md), also when it was found with wider modes. Errors: Io when the directory
   * or file cannot be created, read or made private, Integrity when the file is damaged or its
   * mode is not 0600. `fileName` names another key of the same form in that directory (the
   * credential issuer's, kIssuerFileName).
   */
  [[nodiscard]] static core::Expected<WorkstationKey>
  loadOrCreate(const std::filesystem::path& configDir, const char* fileName = kFileName);

  WorkstationKey(WorkstationKey&& other) noexcept;
  WorkstationKey& operator=(WorkstationKey&& other) noexcept;
  WorkstationKey(const WorkstationKey&) = delete;
  WorkstationKey& operator=(const WorkstationKey&) = delete;
  /** Wipes the secret key from memory (sodium_memzero). */
  ~WorkstationKey();

  [[nodiscard]] const PublicKey& publicKey() const { return mPublicKey; }
  /** Detached Ed25519 signature of `message`. */
  [[nodiscard]] Signature sign(std::span<const std::uint8_t> message) const;
  /** True when `signature` is `key`'s valid Ed25519 signature of `message`. */
  [[nodiscard]] static bool verify(const PublicKey& key, std::span<const std::uint8_t> message,
                                   const Signature& signature);

private:
  WorkstationKey() = default;
  PublicKey mPublicKey{};
  std::array<std::uint8_t, 64> mSecretKey{};
};

} // namespace skillsim::records
