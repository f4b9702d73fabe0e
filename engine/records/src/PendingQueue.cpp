#include "skillsim/records/PendingQueue.h"

#include "skillsim/records/ResultJson.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <unistd.h>

namespace skillsim::records {
namespace {

constexpr std::string_view kSuffix = ".attempt.json";

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

} // namespace

core::Expected<std::filesystem::path> PendingQueue::enqueue(const AttemptRecord& record) {
  const core::SourceLocation where{.file = mDir.string()};
  std::error_code ec;
  std::filesystem::create_directories(mDir, ec);
  if (ec) {
    return core::makeError(core::ErrorCode::Io,
                           "cannot create the pending-attempt queue: " + ec.message(), where);
  }
  // Name: start time (zero-padded, so names sort oldest first), then the attempt id.
  std::array<char, 32> start{};
  std::snprintf(start.data(), start.size(), "%020lld", static_cast<long long>(record.startUtc));
  const std::filesystem::path target =
      mDir / (std::string(start.data()) + "-" + safeName(record.attemptId) + std::string(kSuffix));
  const std::filesystem::path temp = target.string() + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << attemptToJson(record, 2) << '\n';
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

core::Expected<FlushReport> PendingQueue::flush(ResultsStore& store) {
  FlushReport report;
  const auto files = pending();
  for (std::size_t i = 0; i < files.size(); ++i) {
    const auto& file = files[i];
    std::ifstream in(file, std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto record = attemptFromJson(text, file.string());
    std::error_code ec;
    if (!record) {
      std::filesystem::rename(file, file.string() + ".rejected", ec);
      report.rejected.push_back(record.error().toString());
      continue;
    }
    auto written = store.recordAttempt(*record);
    if (!written) {
      if (written.error().code == core::ErrorCode::Unavailable) {
        report.remaining = files.size() - i;
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

} // namespace skillsim::records
