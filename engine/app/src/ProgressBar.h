#pragma once

#include <cstddef>
#include <ostream>
#include <string>

namespace skillsim::app {

/**
 * A one-line progress bar on a terminal, redrawn in place on `err`, e.g.
 * `[###############...............] 3/6 traces`; cleared when done == total. Does nothing when
 * not `enabled` (stderr is not a terminal, or too few items to be worth it).
 */
class ProgressBar {
public:
  ProgressBar(std::ostream& err, bool enabled, std::string unit = "traces")
      : mErr(err), mEnabled(enabled), mUnit(std::move(unit)) {}

  /** Redraws the bar for `done` of `total` items. */
  void operator()(std::size_t done, std::size_t total) {
    if (!mEnabled) {
      return;
    }
    constexpr std::size_t kWidth = 30;
    const std::size_t filled = total == 0 ? kWidth : done * kWidth / total;
    mErr << "\r[" << std::string(filled, '#') << std::string(kWidth - filled, '.') << "] " << done
         << '/' << total << ' ' << mUnit << std::flush;
    if (done == total) {
      mErr << "\r\033[K" << std::flush; // clear the bar; the results follow on stdout
    }
  }

private:
  std::ostream& mErr;
  bool mEnabled;
  std::string mUnit;
};

} // namespace skillsim::app
