#include "skillsim/records/PendingQueue.h"

#include "skillsim/records/ResultJson.h"

#include <skillsim/core/Hash.h>

#include <skillsim/core/JsonDepth.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <optional>
#include <unistd.h>

namespace skillsim::records {
namespace {

constexpr std::string_view kSuffix = ".attempt.json";
constexpr std::string_view kFormat = "skillsim.queued-attempt/1";

std::string safeName(const std::string& id) {
  std::string out;
  for (char c : id.substr(0, 80)) {
    out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '_';
  }
  return out;
}

bool syncPath(const std::filesystem::path& p, int flags) {
  const int fd = ::open(p.c_str(), flags | O_CLOEXEC);
  if (fd < 0) {
    return false;
  }
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

std::string readText(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/** Drops `name=value` from a URL's query (`?a=1&password=x&b=2` -> `?a=1&b=2`). */
std::string withoutParameter(std::string url, std::string_view name) {
  const auto query = url.find('?');
  if (query == std::string::npos) {
    return url;
  }
  std::string head = url.substr(0, query);
  std::string kept;
  std::size_t pos = query + 1;
  while (pos <= url.size()) {
    const auto amp = std::min(url.find('&', pos), url.size());
    const std::string part = url.substr(pos, amp - pos);
    if (!part.empty() && part.rfind(std::string(name) + "=", 0) != 0) {
      kept += (kept.empty() ? "" : "&") + part;
    }
    pos = amp + 1;
  }
  return kept.empty() ? head : head + "?" + kept;
}

/** Lowercase hex of `bytes`, two digits a byte. */
std::string hexOf(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

/** The bytes of hex text, or nullopt when it is not an even number of hex digits. */
std::optional<std::string> bytesOfHex(std::string_view hex) {
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return -1;
  };
  if (hex.size() % 2 != 0) {
    return std::nullopt;
  }
  std::string out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int hi = digit(hex[i]);
    const int lo = digit(hex[i + 1]);
    if (hi < 0 || lo < 0) {
      return std::nullopt;
    }
    out += static_cast<char>(hi * 16 + lo);
  }
  return out;
}

QueuedAttempt readEntry(const std::filesystem::path& file) {
  QueuedAttempt entry;
  entry.file = file;
  const std::string text = readText(file);
  if (const auto deep = core::jsonTooDeepAt(text)) {
    entry.problem = file.string() + ": JSON nested deeper than " +
                    std::to_string(core::kMaxJsonDepth) + " levels at byte " +
                    std::to_string(*deep);
    return entry;
  }
  const auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_object() && j.contains("format")) {
    if (!j["format"].is_string() || j["format"].get<std::string>() != kFormat ||
        !j.contains("store") || !j["store"].is_string() || !j.contains("attempt")) {
      entry.problem = file.string() + ": not a queued attempt (expected format \"" +
                      std::string(kFormat) + "\" with 'store' and 'attempt')";
      return entry;
    }
    entry.store = j["store"].get<std::string>();
    auto record = attemptFromJson(j["attempt"].dump(), file.string());
    if (!record) {
      entry.problem = record.error().toString();
      return entry;
    }
    if (j.contains("trace")) {
      // The signed trace's bytes (hex), kept for the store's schema 6 (docs/results-store.md).
      std::optional<std::string> bytes;
      if (j["trace"].is_string()) {
        bytes = bytesOfHex(j["trace"].get<std::string>());
      }
      if (!bytes) {
        entry.problem = file.string() + ": field 'trace' is not the trace's bytes in lowercase hex";
        return entry;
      }
      record->trace = std::move(*bytes);
    }
    entry.record = std::move(*record);
    return entry;
  }
  // A bare attempt: queued by a build before issue 13, which recorded no store.
  auto record = attemptFromJson(text, file.string());
  if (record) {
    entry.record = std::move(*record);
  } else {
    entry.problem = record.error().toString();
  }
  return entry;
}

} // namespace

std::string storeKey(const std::string& location) {
  if (location.empty()) {
    return {};
  }
  if (ResultsStore::isPostgresUrl(location)) {
    std::string url = withoutParameter(location, "password");
    const auto scheme = url.find("://");
    const auto hostEnd = std::min(url.find('/', scheme + 3), url.find('?', scheme + 3));
    const auto at = url.rfind('@', hostEnd);
    if (at != std::string::npos && at > scheme) {
      const auto colon = url.find(':', scheme + 3);
      if (colon != std::string::npos && colon < at) {
        url.erase(colon, at - colon);
      }
    }
    return url;
  }
  std::string path = location;
  if (path.rfind("file:", 0) == 0) {
    path = path.substr(5);
    path = path.substr(0, path.find('?'));
    if (path.rfind("//", 0) == 0) { // file://host/path: the host is empty or localhost
      path = path.substr(path.find('/', 2) == std::string::npos ? path.size() : path.find('/', 2));
    }
  }
  std::error_code ec;
  std::filesystem::path absolute = std::filesystem::absolute(path, ec).lexically_normal();
  const std::filesystem::path resolved = std::filesystem::weakly_canonical(absolute, ec);
  return (ec ? absolute : resolved).string();
}

core::Expected<std::filesystem::path> PendingQueue::enqueue(const AttemptRecord& record,
                                                            const std::string& storeLocation) {
  const core::SourceLocation where{.file = mDir.string()};
  std::error_code ec;
  std::filesystem::create_directories(mDir, ec);
  if (ec) {
    return core::makeError(core::ErrorCode::Io,
                           "cannot create the pending-attempt queue: " + ec.message(), where);
  }
  const std::string store = storeKey(storeLocation);
  nlohmann::json envelope = {{"format", kFormat},
                             {"store", store},
                             {"attempt", nlohmann::json::parse(attemptToJson(record))}};
  if (!record.trace.empty()) {
    envelope["trace"] = hexOf(record.trace);
  }
  const std::string text =
      envelope.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + '\n';
  // Name: start time (zero-padded, so names sort oldest first), the attempt id and the store's
  // key, so one attempt queued for two stores keeps a file for each.
  std::array<char, 32> start{};
  std::snprintf(start.data(), start.size(), "%020lld", static_cast<long long>(record.startUtc));
  const std::string storeTag = core::toHex(core::hashBytes(store)).substr(0, 8);
  const std::string stem =
      std::string(start.data()) + "-" + safeName(record.attemptId) + "-" + storeTag;
  std::filesystem::path target = mDir / (stem + std::string(kSuffix));
  for (int copy = 2; std::filesystem::exists(target, ec); ++copy) {
    if (readText(target) == text) {
      return target; // the same attempt for the same store is already queued: one copy
    }
    // "~" sorts after "." so a later copy is written back after the first.
    std::array<char, 16> n{};
    std::snprintf(n.data(), n.size(), "~%04d", copy);
    target = mDir / (stem + n.data() + std::string(kSuffix));
  }
  const std::filesystem::path temp = target.string() + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) {
      return core::makeError(core::ErrorCode::Io,
                             "cannot write the queued attempt: " +
                                 std::string(std::strerror(errno)),
                             core::SourceLocation{.file = temp.string()});
    }
  }
  if (!syncPath(temp, O_RDONLY)) {
    return core::makeError(core::ErrorCode::Io, "cannot sync the queued attempt to the disk",
                           core::SourceLocation{.file = temp.string()});
  }
  std::filesystem::rename(temp, target, ec);
  if (ec) {
    return core::makeError(core::ErrorCode::Io,
                           "cannot move the queued attempt into place: " + ec.message(),
                           core::SourceLocation{.file = target.string()});
  }
  (void)syncPath(mDir, O_RDONLY | O_DIRECTORY); // the rename itself survives a power cut
  return target;
}

std::vector<std::filesystem::path> PendingQueue::pending() const {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(mDir, ec)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && name.size() > kSuffix.size() &&
        name.compare(name.size() - kSuffix.size(), kSuffix.size(), kSuffix) == 0) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<QueuedAttempt> PendingQueue::entries() const {
  std::vector<QueuedAttempt> out;
  for (const auto& file : pending()) {
    out.push_back(readEntry(file));
  }
  return out;
}

core::Expected<FlushReport>
PendingQueue::flush(ResultsStore& store, const std::string& storeLocation, bool includeUnbound) {
  FlushReport report;
  const std::string key = storeKey(storeLocation);
  const auto files = pending();
  for (std::size_t i = 0; i < files.size(); ++i) {
    const auto& file = files[i];
    QueuedAttempt entry = readEntry(file);
    std::error_code ec;
    if (!entry.record) {
      std::filesystem::rename(file, file.string() + ".rejected", ec);
      report.rejected.push_back(entry.problem);
      continue;
    }
    if (entry.store.empty() ? !includeUnbound : entry.store != key) {
      ++report.otherStores; // meant for another store: never written here (issue 13, point 7)
      continue;
    }
    auto written = store.recordAttempt(*entry.record);
    if (!written) {
      if (written.error().code == core::ErrorCode::Unavailable) {
        for (std::size_t j = i; j < files.size(); ++j) {
          const QueuedAttempt rest = j == i ? entry : readEntry(files[j]);
          const bool mine =
              rest.record && (rest.store.empty() ? includeUnbound : rest.store == key);
          (mine ? report.remaining : report.otherStores) += 1;
        }
        return std::move(written).error();
      }
      std::filesystem::rename(file, file.string() + ".rejected", ec);
      report.rejected.push_back(file.string() + ": " + written.error().toString());
      continue;
    }
    (*written ? report.written : report.duplicate) += 1;
    std::filesystem::remove(file, ec);
  }
  return report;
}

core::Expected<void> PendingQueue::drop(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::remove(file, ec)) {
    return core::makeError(ec ? core::ErrorCode::Io : core::ErrorCode::NotFound,
                           ec ? "cannot remove the queued attempt: " + ec.message()
                              : "no such queued attempt",
                           core::SourceLocation{.file = file.string()});
  }
  (void)syncPath(mDir, O_RDONLY | O_DIRECTORY);
  return {};
}

} // namespace skillsim::records
