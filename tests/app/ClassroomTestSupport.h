#pragma once

// The classroom tests' PostgreSQL database (one per test, on the server of SKILLSIM_TEST_PG_URL,
// which scripts/test.sh starts) and a sample seat, shared by the command, load and window tests.

#include "MissingPrerequisite.h"
#include "RecordsTestSupport.h"

#include <skillsim/records/LiveSeats.h>
#include <skillsim/records/SqlConnection.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <random>
#include <string>

namespace skillsim::test {

/** A seat at the Q2 practical with a metric-band deduction (transfer height) and two readouts. */
inline records::LiveSeatState classroomSeat(const std::string& seat, double elapsed) {
  records::LiveSeatState s;
  s.seat = seat;
  s.traineeId = "T-" + seat;
  s.scenarioId = "overhead_crane.q2_practical";
  s.mode = "exam";
  s.phase = "transfer_ab";
  s.elapsedS = elapsed;
  s.tick = static_cast<std::uint64_t>(elapsed * 240.0);
  s.score = 95.0;
  s.maxScore = 100.0;
  s.lastDeduction = records::LiveDeduction{"curved_path", "transfer_height_ab", 5.0, 72.5, 1.5};
  s.readouts = {{"load_swing_angle", "载荷摆角", "load swing", "rad", 0.0523598776, 1},
                {"load_height", "载荷离地高度", "load height", "m", 2.345, 2}};
  // Area centred on (0, 0) with half-size 10 m: x 5 is 75 % across, z -5 is 25 % down.
  s.planX = 5.0;
  s.planZ = -5.0;
  s.areaCentreX = 0.0;
  s.areaCentreZ = 0.0;
  s.areaExtent = 10.0;
  return s;
}

/** A fixture with a database of its own on the test server, dropped after the test. */
class ClassroomPgTest : public ::testing::Test {
protected:
  void SetUp() override {
    const char* url = std::getenv("SKILLSIM_TEST_PG_URL");
    if (url == nullptr || url[0] == '\0') {
      SKILLSIM_MISSING_PREREQUISITE()
          << "SKILLSIM_TEST_PG_URL is not set, so the classroom tests are skipped; "
             "scripts/test.sh starts a server and sets it";
    }
    mServerUrl = url;
    mDatabase = "skillsim_classroom_" + std::to_string(std::random_device{}());
    admin("CREATE DATABASE " + mDatabase);
    mLocation = records::test::withDatabase(mServerUrl, mDatabase);
  }
  void TearDown() override {
    if (!mDatabase.empty()) {
      admin("DROP DATABASE IF EXISTS " + mDatabase + " WITH (FORCE)");
    }
  }
  void admin(const std::string& sql) {
    auto db = records::openSqlConnection(mServerUrl);
    ASSERT_TRUE(db) << db.error().toString();
    auto done = (*db)->execute(sql);
    ASSERT_TRUE(done) << sql << ": " << done.error().toString();
  }
  /** The rows of seat_commands as "id|seat|kind|text|applied", ordered by id. */
  std::vector<std::string> commandRows() {
    std::vector<std::string> out;
    auto db = records::openSqlConnection(mLocation);
    EXPECT_TRUE(db) << db.error().toString();
    if (!db) {
      return out;
    }
    auto rows = (*db)->query("SELECT id, seat, kind, text, applied_tick IS NULL FROM "
                             "seat_commands ORDER BY id",
                             {});
    EXPECT_TRUE(rows) << rows.error().toString();
    if (rows) {
      for (const auto& r : *rows) {
        out.push_back(std::to_string(records::sqlInt(r[0])) + "|" + records::sqlText(r[1]) + "|" +
                      records::sqlText(r[2]) + "|" + records::sqlText(r[3]) + "|" +
                      (records::sqlBool(r[4]) ? "pending" : "applied"));
      }
    }
    return out;
  }

  std::string mServerUrl, mDatabase, mLocation;
};

} // namespace skillsim::test
