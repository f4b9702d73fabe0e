#include "skillsim/records/AttemptMode.h"
#include "skillsim/records/TraceHeader.h"

#include <array>
#include <cstdio>

namespace skillsim::records {

std::string_view toString(AttemptMode mode) {
  return mode == AttemptMode::Exam ? "exam" : "practice";
}

std::optional<AttemptMode> attemptModeFromName(std::string_view name) {
  if (name == "practice") {
    return AttemptMode::Practice;
  }
  if (name == "exam") {
    return AttemptMode::Exam;
  }
  return std::nullopt;
}

std::string formatUtc(std::int64_t unixSeconds) {
  // Civil-from-days (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms"): no time zone
  // database and no gmtime's process-wide state.
  std::int64_t days = unixSeconds / 86400;
  std::int64_t secs = unixSeconds % 86400;
  if (secs < 0) {
    secs += 86400;
    --days;
  }
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t doe = days - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t year = yoe + era * 400;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t day = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
  if (month <= 2) {
    ++year;
  }
  std::array<char, 128> text{};
  std::snprintf(text.data(), text.size(), "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ",
                static_cast<long long>(year), static_cast<long long>(month),
                static_cast<long long>(day), static_cast<long long>(secs / 3600),
                static_cast<long long>((secs / 60) % 60), static_cast<long long>(secs % 60));
  return text.data();
}

std::string keyId(const PublicKey& key) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < 8; ++i) {
    out += kDigits[key[i] >> 4];
    out += kDigits[key[i] & 0xF];
  }
  return out;
}

std::string publicKeyHex(const PublicKey& key) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (const std::uint8_t b : key) {
    out += kDigits[b >> 4];
    out += kDigits[b & 0xF];
  }
  return out;
}

std::optional<PublicKey> parsePublicKey(std::string_view text) {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!text.empty() && blank(text.front())) {
    text.remove_prefix(1);
  }
  while (!text.empty() && blank(text.back())) {
    text.remove_suffix(1);
  }
  PublicKey key{};
  if (text.size() != 2 * key.size()) {
    return std::nullopt;
  }
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  };
  for (std::size_t i = 0; i < key.size(); ++i) {
    const int hi = digit(text[2 * i]);
    const int lo = digit(text[2 * i + 1]);
    if (hi < 0 || lo < 0) {
      return std::nullopt;
    }
    key[i] = static_cast<std::uint8_t>(hi * 16 + lo);
  }
  return key;
}

} // namespace skillsim::records
