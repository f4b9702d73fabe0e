// Live seats (issue 19, point 2; docs/classroom.md): the publisher thread against the PostgreSQL
// server named by SKILLSIM_TEST_PG_URL (scripts/test.sh starts one; without it these tests skip,
// and fail under CI), each test in a database of its own. The JSON codec and the SQLite refusal
// need no server.

#include "MissingPrerequisite.h"
#include "RecordsTestSupport.h"

#include <skillsim/records/LiveSeats.h>

#include <libpq-fe.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <random>
#include <thread>

namespace skillsim::records {
namespace {

using test::withDatabase;

LiveSeatState sampleSeat(const std::string& seat, double elapsed) {
  LiveSeatState s;
  s.seat = seat;
  s.traineeId = "t-" + seat;
  s.scenarioId = "q2-exam";
  s.mode = "practice";
  s.phase = "lift";
  s.elapsedS = elapsed;
  s.tick = static_cast<std::uint64_t>(elapsed * 60.0);
  s.score = 95.0;
  s.maxScore = 100.0;
  s.lastDeduction = LiveDeduction{"swing", "swing_over_band", 5.0, 12.5, 0.42};
  s.readouts = {{"load_swing", "吊物摆幅", "load swing", "m", 0.42, 2},
                {"hook_height", "吊钩高度", "hook height", "m", 3.5, 1}};
  s.planX = 4.25;
  s.planZ = -7.5;
  s.areaCentreX = 1.0;
  s.areaCentreZ = 2.0;
  s.areaExtent = 20.0;
  return s;
}

TEST(LiveSeats, ReadoutsRoundTripThroughTheirJson) {
  const auto s = sampleSeat("a", 1.0);
  auto back = liveReadoutsFromJson(liveReadoutsToJson(s.readouts));
  ASSERT_TRUE(back) << back.error().toString();
  EXPECT_EQ(*back, s.readouts);
}

TEST(LiveSeats, BadReadoutsNameTheField) {
  auto notArray = liveReadoutsFromJson("{}");
  ASSERT_FALSE(notArray);
  EXPECT_EQ(notArray.error().code, core::ErrorCode::InvalidInput);
  auto broken = liveReadoutsFromJson(R"([{"metric":"m","label_zh":"z","label_en":"e","unit":"m",)"
                                     R"("value":"high","precision":1}])");
  ASSERT_FALSE(broken);
  EXPECT_EQ(broken.error().message, "readouts[0].value: missing or not a number");
  auto noLabel = liveReadoutsFromJson(R"([{"metric":"m","value":1,"precision":1}])");
  ASSERT_FALSE(noLabel);
  EXPECT_EQ(noLabel.error().message, "readouts[0].label_zh: missing or not text");
}

TEST(LiveSeats, SqliteStoresHaveNoLiveSeats) {
  test::TempDir dir("live-seats");
  const std::string file = (dir.path() / "results.sqlite").string();
  auto publisher = LiveSeatPublisher::start(file);
  ASSERT_FALSE(publisher);
  EXPECT_EQ(publisher.error().code, core::ErrorCode::Unsupported);
  EXPECT_NE(publisher.error().message.find("live seats need a PostgreSQL store"),
            std::string::npos);
  auto read = readLiveSeats(file);
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().code, core::ErrorCode::Unsupported);
  auto empty = LiveSeatPublisher::start("");
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, core::ErrorCode::InvalidInput);
}

TEST(LiveSeats, SqliteStoresHaveNoSeatCommands) {
  test::TempDir dir("seat-commands");
  const std::string file = (dir.path() / "results.sqlite").string();
  auto pending = pendingSeatCommands(file, "bay-1");
  ASSERT_FALSE(pending);
  EXPECT_EQ(pending.error().code, core::ErrorCode::Unsupported);
  auto mark = markSeatCommand(file, 1, 10, "applied");
  ASSERT_FALSE(mark);
  EXPECT_EQ(mark.error().code, core::ErrorCode::Unsupported);
  auto seat = LiveSeatPublisher::startForSeat(file, "bay-1");
  ASSERT_FALSE(seat);
  EXPECT_EQ(seat.error().code, core::ErrorCode::Unsupported);
  EXPECT_EQ(toString(InstructorCommandKind::End), "end");
  EXPECT_EQ(instructorCommandKindFrom("resume"), InstructorCommandKind::Resume);
  EXPECT_EQ(instructorCommandKindFrom("explode"), std::nullopt);
}

class LiveSeatsPgTest : public ::testing::Test {
protected:
  void SetUp() override {
    const char* url = std::getenv("SKILLSIM_TEST_PG_URL");
    if (url == nullptr || url[0] == '\0') {
      SKILLSIM_MISSING_PREREQUISITE()
          << "SKILLSIM_TEST_PG_URL is not set, so the live-seat tests are skipped; "
             "scripts/test.sh starts a server and sets it";
    }
    mServerUrl = url;
    mDatabase = "skillsim_live_" + std::to_string(std::random_device{}());
    admin("CREATE DATABASE " + mDatabase);
    mLocation = withDatabase(mServerUrl, mDatabase);
  }
  void TearDown() override {
    if (!mDatabase.empty()) {
      admin("DROP DATABASE IF EXISTS " + mDatabase + " WITH (FORCE)");
    }
  }
  void admin(const std::string& sql) {
    PGconn* c = PQconnectdb(mServerUrl.c_str());
    ASSERT_EQ(PQstatus(c), CONNECTION_OK) << PQerrorMessage(c);
    PGresult* r = PQexec(c, sql.c_str());
    const auto status = PQresultStatus(r);
    EXPECT_TRUE(status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
        << sql << ": " << PQresultErrorMessage(r);
    PQclear(r);
    PQfinish(c);
  }
  /** Reads the seats, failing the test on an error. */
  std::vector<LiveSeatRow> seats() {
    auto rows = readLiveSeats(mLocation);
    EXPECT_TRUE(rows) << rows.error().toString();
    return rows ? *rows : std::vector<LiveSeatRow>{};
  }

  std::string mServerUrl, mDatabase, mLocation;
};

TEST_F(LiveSeatsPgTest, APublishedStateReadsBackFieldForField) {
  auto publisher = LiveSeatPublisher::start(mLocation);
  ASSERT_TRUE(publisher) << publisher.error().toString();
  const LiveSeatState s = sampleSeat("bay-03", 61.5);
  (*publisher)->offer(s);
  ASSERT_TRUE((*publisher)->flush(10.0));
  EXPECT_EQ((*publisher)->stats().published, 1U);
  const auto rows = seats();
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].state, s);
  EXPECT_TRUE(rows[0].online);
  EXPECT_GE(rows[0].ageS, 0.0);
  EXPECT_LT(rows[0].ageS, kLiveSeatOfflineAfterS);

  // The next publish replaces the row (one row per seat), and no deduction reads as none.
  LiveSeatState later = sampleSeat("bay-03", 62.5);
  later.lastDeduction.reset();
  later.readouts.clear();
  (*publisher)->offer(later);
  ASSERT_TRUE((*publisher)->flush(10.0));
  const auto again = seats();
  ASSERT_EQ(again.size(), 1U);
  EXPECT_EQ(again[0].state, later);
}

TEST_F(LiveSeatsPgTest, ASeatThatStopsPublishingReadsOfflineWithinFiveSeconds) {
  {
    auto publisher = LiveSeatPublisher::start(mLocation);
    ASSERT_TRUE(publisher) << publisher.error().toString();
    (*publisher)->offer(sampleSeat("bay-01", 1.0));
    ASSERT_TRUE((*publisher)->flush(10.0));
  } // the workstation is gone
  const auto stopped = std::chrono::steady_clock::now();
  bool offline = false;
  double seenAfterS = 0.0;
  while (!offline && seenAfterS < 10.0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
    const auto rows = seats();
    ASSERT_EQ(rows.size(), 1U);
    offline = !rows[0].online;
    seenAfterS = std::chrono::duration<double>(std::chrono::steady_clock::now() - stopped).count();
    if (offline) {
      EXPECT_GT(rows[0].ageS, kLiveSeatOfflineAfterS);
    }
  }
  EXPECT_TRUE(offline);
  EXPECT_LE(seenAfterS, 5.0) << "offline must show within 5 s of the last publish";
}

TEST_F(LiveSeatsPgTest, TheLatestStateWinsAndOfferNeverWaitsForTheDatabase) {
  auto publisher = LiveSeatPublisher::start(mLocation);
  ASSERT_TRUE(publisher) << publisher.error().toString();
  for (int i = 1; i <= 500; ++i) {
    (*publisher)->offer(sampleSeat("bay-07", i));
  }
  ASSERT_TRUE((*publisher)->flush(10.0));
  const auto stats = (*publisher)->stats();
  EXPECT_EQ(stats.offered, 500U);
  EXPECT_EQ(stats.published + stats.replaced + stats.failed, 500U);
  EXPECT_GT(stats.replaced, 0U) << "500 offers in a loop outrun one connection's round trips";
  const auto rows = seats();
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].state.elapsedS, 500.0) << "the last state offered is the one stored";
}

TEST_F(LiveSeatsPgTest, ThePublisherResumesAfterTheDatabaseWasUnreachable) {
  auto publisher = LiveSeatPublisher::start(mLocation);
  ASSERT_TRUE(publisher) << publisher.error().toString();
  (*publisher)->offer(sampleSeat("bay-09", 1.0));
  ASSERT_TRUE((*publisher)->flush(10.0));
  ASSERT_EQ((*publisher)->stats().published, 1U);

  // The database goes away for this client: connections refused and the open one killed.
  admin("ALTER DATABASE " + mDatabase + " WITH ALLOW_CONNECTIONS false");
  admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + mDatabase +
        "'");
  for (int i = 2; i <= 5; ++i) {
    (*publisher)->offer(sampleSeat("bay-09", i)); // lost, never blocks
    ASSERT_TRUE((*publisher)->flush(10.0));
  }
  EXPECT_EQ((*publisher)->stats().published, 1U);
  EXPECT_GE((*publisher)->stats().failed, 1U);

  admin("ALTER DATABASE " + mDatabase + " WITH ALLOW_CONNECTIONS true");
  // Back: within the back-off (at most 4 s) a new state is published again.
  bool resumed = false;
  for (int i = 6; i < 6 + 80 && !resumed; ++i) {
    (*publisher)->offer(sampleSeat("bay-09", i));
    ASSERT_TRUE((*publisher)->flush(10.0));
    resumed = (*publisher)->stats().published == 2U;
    if (!resumed) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  ASSERT_TRUE(resumed);
  EXPECT_EQ((*publisher)->stats().reconnects, 1U);
  const auto rows = seats();
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_GE(rows[0].state.elapsedS, 6.0) << "a state from after the outage";
}

TEST_F(LiveSeatsPgTest, ThirtySeatsPublishTogetherAndEachReadsBackItsOwnLatestState) {
  constexpr int kSeats = 30;
  std::vector<std::unique_ptr<LiveSeatPublisher>> publishers;
  for (int i = 0; i < kSeats; ++i) {
    auto p = LiveSeatPublisher::start(mLocation);
    ASSERT_TRUE(p) << p.error().toString();
    publishers.push_back(std::move(*p));
  }
  std::vector<std::thread> seatsRunning;
  for (int i = 0; i < kSeats; ++i) {
    seatsRunning.emplace_back([&, i] {
      for (int k = 1; k <= 5; ++k) {
        publishers[static_cast<std::size_t>(i)]->offer(
            sampleSeat("seat-" + std::to_string(100 + i), 10.0 * i + k));
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
      }
    });
  }
  for (auto& t : seatsRunning) {
    t.join();
  }
  for (auto& p : publishers) {
    ASSERT_TRUE(p->flush(10.0));
  }
  const auto rows = seats();
  ASSERT_EQ(rows.size(), static_cast<std::size_t>(kSeats));
  for (int i = 0; i < kSeats; ++i) {
    const auto& r = rows[static_cast<std::size_t>(i)];
    EXPECT_EQ(r.state.seat, "seat-" + std::to_string(100 + i));
    EXPECT_EQ(r.state.elapsedS, 10.0 * i + 5) << r.state.seat;
    EXPECT_TRUE(r.online);
  }
}

} // namespace
} // namespace skillsim::records
