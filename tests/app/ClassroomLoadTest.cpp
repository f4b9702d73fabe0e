// The classroom under load (issue 19, point 4): 30 seats, each the real LiveSeatPublisher fed by
// a thread of its own about once a second, while one reader reads the grid (LiveSeatReader, as the
// window does, and the cells it draws) every 0.5 s and sends a command on every read. Checks: every
// seat seen online, each command one row with its seat, kind and text, and each of the seats
// stopped during the run read offline within 5 s of its last publish. The run lasts
// SKILLSIM_CLASSROOM_LOAD_S seconds (default 10; scripts/bench-classroom.sh runs 60) and prints its
// figures: read latency, publishes per second and the offline detection delays.

#include "ClassroomTestSupport.h"

#include <skillsim/app/ClassroomCommand.h>
#include <skillsim/ui/I18n.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>
#include <set>
#include <thread>

using namespace skillsim;

namespace {

using Clock = std::chrono::steady_clock;

double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

double percentile(std::vector<double> v, double p) {
  if (v.empty()) {
    return 0.0;
  }
  std::sort(v.begin(), v.end());
  const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

double loadSeconds() {
  const char* s = std::getenv("SKILLSIM_CLASSROOM_LOAD_S");
  const double v = s != nullptr ? std::atof(s) : 10.0;
  return v >= 8.0 ? v : 10.0;
}

} // namespace

using ClassroomLoad = test::ClassroomPgTest;

TEST_F(ClassroomLoad, ThirtySeatsPublishWhileTheGridIsReadAndCommandedEveryHalfSecond) {
  constexpr int kSeats = 30;
  const double runS = loadSeconds();
  // Seats stopped during the run, spread from 2 s to 8 s before its end, so each has >= 5 s left
  // to be seen offline: the last kStopped seats, 3 in 10 s, one per 6 s of a longer run (10 in
  // 60 s), for the distribution of the detection delay.
  const int kStopped = std::clamp(static_cast<int>(runS / 6.0), 3, 10);
  std::vector<double> stopAtS;
  for (int k = 0; k < kStopped; ++k) {
    stopAtS.push_back(2.0 + (runS - 8.0) * k / std::max(1, kStopped - 1));
  }

  std::vector<std::unique_ptr<records::LiveSeatPublisher>> publishers(kSeats);
  for (auto& p : publishers) {
    auto started = records::LiveSeatPublisher::start(mLocation);
    ASSERT_TRUE(started) << started.error().toString();
    p = std::move(*started);
  }
  const auto seatName = [](int i) {
    char name[16];
    std::snprintf(name, sizeof name, "seat-%02d", i);
    return std::string(name);
  };
  const auto begin = Clock::now();
  std::mutex stoppedMutex;
  std::map<std::string, Clock::time_point> lastPublishOfStopped; ///< seat -> when it went quiet
  std::atomic<bool> running{true};
  std::atomic<std::uint64_t> published{0};
  std::vector<std::thread> seats;
  for (int i = 0; i < kSeats; ++i) {
    seats.emplace_back([&, i] {
      const int stopIndex = i - (kSeats - kStopped);
      const std::optional<double> stopAt =
          stopIndex >= 0 ? std::optional(stopAtS[static_cast<std::size_t>(stopIndex)])
                         : std::nullopt;
      auto& publisher = publishers[static_cast<std::size_t>(i)];
      // Seats start out of step (as a room's do): seat i first publishes i/30 s in.
      auto next = begin + std::chrono::milliseconds(1000 * i / kSeats);
      for (int k = 0; running.load(); ++k) {
        std::this_thread::sleep_until(next);
        const double t = seconds(Clock::now() - begin);
        if (stopAt && t >= *stopAt) {
          // A last state, then the workstation goes: its last publish is now.
          publisher->offer(test::classroomSeat(seatName(i), k));
          publisher->flush(10.0);
          published += publisher->stats().published;
          const auto quiet = Clock::now();
          publisher.reset(); // the workstation is gone
          const std::lock_guard lock(stoppedMutex);
          lastPublishOfStopped[seatName(i)] = quiet;
          return;
        }
        if (!running.load()) {
          break;
        }
        publisher->offer(test::classroomSeat(seatName(i), k));
        next += std::chrono::seconds(1);
      }
      publisher->flush(10.0);
      published += publisher->stats().published;
    });
  }

  // The reader: the grid every 0.5 s, a command on every read.
  app::ScenarioCatalogue scenarios(std::string(SKILLSIM_SOURCE_DIR) + "/scenarios");
  auto text = ui::I18n::load(std::string(SKILLSIM_SOURCE_DIR) + "/assets", ui::Language::English);
  ASSERT_TRUE(text) << text.error().toString();
  std::set<std::string> seenOnline;
  std::map<std::string, double> offlineDelayS; ///< seat -> s from its last publish to offline read
  std::vector<double> readLatencyS, sendLatencyS;
  std::map<std::int64_t, std::string> sent; ///< id -> "seat|kind|text"
  const std::array<std::string, 4> kinds{"pause", "resume", "message", "end"};
  auto reader = records::LiveSeatReader::open(mLocation);
  ASSERT_TRUE(reader) << reader.error().toString();
  auto nextRead = begin;
  int reads = 0;
  while (seconds(Clock::now() - begin) < runS) {
    std::this_thread::sleep_until(nextRead);
    nextRead += std::chrono::milliseconds(500);
    const auto t0 = Clock::now();
    auto rows = (*reader)->read();
    ASSERT_TRUE(rows) << rows.error().toString();
    const auto views = app::classroomSeatViews(*rows, scenarios, *text);
    const auto t1 = Clock::now();
    readLatencyS.push_back(seconds(t1 - t0));
    ++reads;
    {
      const std::lock_guard lock(stoppedMutex);
      for (const auto& v : views) {
        if (v.online) {
          seenOnline.insert(v.seat);
        } else if (const auto q = lastPublishOfStopped.find(v.seat);
                   q != lastPublishOfStopped.end() && !offlineDelayS.contains(v.seat)) {
          offlineDelayS[v.seat] = seconds(t1 - q->second);
        }
        EXPECT_TRUE(v.online || lastPublishOfStopped.contains(v.seat))
            << v.seat << " read offline while it publishes, at " << seconds(t1 - begin) << " s";
      }
    }
    const std::string seat = seatName(reads % kSeats);
    const std::string& kind = kinds[static_cast<std::size_t>(reads) % kinds.size()];
    const std::string words = kind == "message" ? "message " + std::to_string(reads) : "";
    auto id = records::sendSeatCommand(mLocation, seat, kind, words);
    ASSERT_TRUE(id) << id.error().toString();
    sendLatencyS.push_back(seconds(Clock::now() - t1));
    EXPECT_FALSE(sent.contains(*id)) << "command id " << *id << " given twice";
    sent[*id] = seat + "|" + kind + "|" + words;
  }
  running = false;
  for (auto& t : seats) {
    t.join();
  }
  const double wallS = seconds(Clock::now() - begin);

  EXPECT_EQ(seenOnline.size(), static_cast<std::size_t>(kSeats)) << "every seat seen online";
  ASSERT_EQ(offlineDelayS.size(), static_cast<std::size_t>(kStopped))
      << "each stopped seat read offline";
  std::vector<double> delays;
  for (const auto& [seat, d] : offlineDelayS) {
    EXPECT_LE(d, 5.0) << seat << " read offline " << d << " s after its last publish";
    EXPECT_GT(d, records::kLiveSeatOfflineAfterS - 0.6)
        << seat << ": offline before the 3 s threshold (less the 0.5 s read period)";
    delays.push_back(d);
  }
  // Each command sent is one row, with its seat, kind and text.
  const auto rows = commandRows();
  ASSERT_EQ(rows.size(), sent.size());
  std::size_t i = 0;
  for (const auto& [id, what] : sent) {
    EXPECT_EQ(rows[i++], std::to_string(id) + "|" + what + "|pending");
  }
  EXPECT_GE(reads, static_cast<int>(runS * 2.0) - 2) << "a read every 0.5 s";

  std::printf("classroom load: %d seats, %.1f s, %d reads, %zu commands\n", kSeats, wallS, reads,
              sent.size());
  std::printf(
      "  read latency (LiveSeatReader::read + cells): median %.1f ms, p95 %.1f ms, max %.1f ms\n",
      1e3 * percentile(readLatencyS, 0.5), 1e3 * percentile(readLatencyS, 0.95),
      1e3 * percentile(readLatencyS, 1.0));
  std::printf("  command send latency: median %.1f ms, max %.1f ms\n",
              1e3 * percentile(sendLatencyS, 0.5), 1e3 * percentile(sendLatencyS, 1.0));
  std::printf("  publishes: %llu in %.1f s, %.1f per second\n",
              static_cast<unsigned long long>(published.load()), wallS,
              static_cast<double>(published.load()) / wallS);
  std::printf("  offline detection delay after the last publish (%zu seats): min %.2f s, median "
              "%.2f s, max %.2f s\n",
              delays.size(), percentile(delays, 0.0), percentile(delays, 0.5),
              percentile(delays, 1.0));
}
