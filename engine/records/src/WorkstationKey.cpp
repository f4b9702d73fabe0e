#include "skillsim/records/WorkstationKey.h"

#include <skillsim/core/Check.h>

#include <sodium.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace skillsim::records {
namespace {

void ensureSodium() {
  static const bool ready = sodium_init() >= 0;
  SKILLSIM_CHECK(ready, "libsodium failed to initialise");
}

// The key file: one line "skillsim-ed25519-v1 <128 hex digits of libsodium's 64-byte secret key>".
constexpr std::string_view kKeyTag = "skillsim-ed25519-v1 ";

core::Error fileError(core::ErrorCode code, const std::filesystem::path& path,
                      const std::string& what) {
  return core::makeError(code, what, core::SourceLocation{.file = path.string()});
}

std::string hex(std::span<const std::uint8_t> bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes.data(), bytes.size());
  out.pop_back();
  return out;
}

} // namespace

core::Expected<WorkstationKey> WorkstationKey::loadOrCreate(const std::filesystem::path& configDir,
                                                            const char* fileName) {
  ensureSodium();
  std::error_code ec;
  std::filesystem::create_directories(configDir, ec);
  if (ec) {
    return fileError(core::ErrorCode::Io, configDir,
                     "cannot create the configuration directory: " + ec.message());
  }
  // docs/trace-format.md: the key's folder is the owner's only (0700), whoever made it first
  // (create_directories makes it 0755 under the usual umask, and an older build left it so).
  struct stat folder {};
  if (::stat(configDir.c_str(), &folder) == 0 && (folder.st_mode & 0077) != 0 &&
      ::chmod(configDir.c_str(), 0700) != 0) {
    return fileError(core::ErrorCode::Io, configDir,
                     std::string("cannot make the key's folder private (mode 0700): ") +
                         std::strerror(errno));
  }
  const std::filesystem::path path = configDir / fileName;
  if (!std::filesystem::exists(path, ec)) {
    WorkstationKey fresh;
    crypto_sign_keypair(fresh.mPublicKey.data(), fresh.mSecretKey.data());
    std::string text = std::string(kKeyTag) + hex(fresh.mSecretKey) + "\n";
    // Written to a private temporary file, then linked into place: a concurrent first start
    // keeps whichever key was linked first, and the file is never visible with other modes.
    const std::filesystem::path temp =
        configDir / (std::string(fileName) + ".tmp." + std::to_string(::getpid()));
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
      return fileError(core::ErrorCode::Io, temp,
                       std::string("cannot create the workstation key: ") + std::strerror(errno));
    }
    const bool written =
        ::fchmod(fd, 0600) == 0 &&
        ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
        ::fsync(fd) == 0;
    sodium_memzero(text.data(), text.size());
    ::close(fd);
    if (!written) {
      ::unlink(temp.c_str());
      return fileError(core::ErrorCode::Io, temp,
                       std::string("cannot write the workstation key: ") + std::strerror(errno));
    }
    const int linked = ::link(temp.c_str(), path.c_str());
    const int linkErrno = errno;
    ::unlink(temp.c_str());
    if (linked == 0) {
      return fresh;
    }
    if (linkErrno != EEXIST) {
      return fileError(core::ErrorCode::Io, path,
                       std::string("cannot store the workstation key: ") +
                           std::strerror(linkErrno));
    }
    // Another process created it first: use that one.
  }
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    return fileError(core::ErrorCode::Io, path,
                     std::string("cannot read the workstation key: ") + std::strerror(errno));
  }
  if ((info.st_mode & 0077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(info.st_mode & 07777));
    return fileError(core::ErrorCode::Integrity, path,
                     std::string("the workstation key has mode ") + mode +
                         "; a signing key must be readable by its owner only (mode 0600): run "
                         "'chmod 600 " +
                         path.string() + "'");
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return fileError(core::ErrorCode::Io, path,
                     std::string("cannot open the workstation key: ") + std::strerror(errno));
  }
  std::array<char, 256> buffer{};
  const ssize_t n = ::read(fd, buffer.data(), buffer.size());
  ::close(fd);
  const std::size_t expected = kKeyTag.size() + 128;
  WorkstationKey key;
  const bool shaped = n >= static_cast<ssize_t>(expected) &&
                      std::string_view(buffer.data(), kKeyTag.size()) == kKeyTag &&
                      (n == static_cast<ssize_t>(expected) ||
                       (n == static_cast<ssize_t>(expected + 1) && buffer[expected] == '\n'));
  std::size_t decoded = 0;
  const bool parsed =
      shaped &&
      sodium_hex2bin(key.mSecretKey.data(), key.mSecretKey.size(), buffer.data() + kKeyTag.size(),
                     128, nullptr, &decoded, nullptr) == 0 &&
      decoded == key.mSecretKey.size();
  sodium_memzero(buffer.data(), buffer.size());
  if (!parsed) {
    return fileError(core::ErrorCode::Integrity, path,
                     "the workstation key file is damaged: expected one line 'skillsim-ed25519-v1 "
                     "<128 hex digits>'; move it away to create a new key (traces signed with "
                     "the old key still verify, by the key in their header)");
  }
  // The secret key's second half is the public key; check it matches the seed's own.
  std::array<std::uint8_t, 32> derived{};
  crypto_sign_ed25519_sk_to_pk(derived.data(), key.mSecretKey.data());
  std::array<std::uint8_t, 32> seed{};
  crypto_sign_ed25519_sk_to_seed(seed.data(), key.mSecretKey.data());
  std::array<std::uint8_t, 32> fromSeed{};
  std::array<std::uint8_t, 64> sk2{};
  crypto_sign_seed_keypair(fromSeed.data(), sk2.data(), seed.data());
  sodium_memzero(seed.data(), seed.size());
  sodium_memzero(sk2.data(), sk2.size());
  if (derived != fromSeed) {
    return fileError(core::ErrorCode::Integrity, path,
                     "the workstation key file is damaged: its public half does not match its "
                     "seed; move it away to create a new key");
  }
  key.mPublicKey = derived;
  return key;
}

WorkstationKey::WorkstationKey(WorkstationKey&& other) noexcept { *this = std::move(other); }

WorkstationKey& WorkstationKey::operator=(WorkstationKey&& other) noexcept {
  if (this != &other) {
    mPublicKey = other.mPublicKey;
    mSecretKey = other.mSecretKey;
    sodium_memzero(other.mSecretKey.data(), other.mSecretKey.size());
  }
  return *this;
}

WorkstationKey::~WorkstationKey() { sodium_memzero(mSecretKey.data(), mSecretKey.size()); }

Signature WorkstationKey::sign(std::span<const std::uint8_t> message) const {
  Signature signature{};
  crypto_sign_detached(signature.data(), nullptr, message.data(), message.size(),
                       mSecretKey.data());
  return signature;
}

bool WorkstationKey::verify(const PublicKey& key, std::span<const std::uint8_t> message,
                            const Signature& signature) {
  ensureSodium();
  return crypto_sign_verify_detached(signature.data(), message.data(), message.size(),
                                     key.data()) == 0;
}

} // namespace skillsim::records
