// The arm's course gives the same bits in this process and in a second one (issue 16, point 3:
// determinism in two processes).
#include "ArmCourse.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>

namespace skillsim::sim::robot {
namespace {

TEST(ArmDeterminism, TheCourseGivesTheSameDigestInTwoProcesses) {
  const std::string here = testing::armCourseDigest();
  ASSERT_EQ(here.size(), 64u) << here; // a BLAKE2b-256 digest, not an error text
  EXPECT_EQ(testing::armCourseDigest(), here);
  FILE* pipe = popen(SKILLSIM_ARM_DETERMINISM_HELPER, "r");
  ASSERT_NE(pipe, nullptr);
  char buffer[128] = {};
  const bool read = std::fgets(buffer, sizeof buffer, pipe) != nullptr;
  EXPECT_EQ(pclose(pipe), 0);
  ASSERT_TRUE(read);
  std::string other(buffer);
  while (!other.empty() && (other.back() == '\n' || other.back() == '\r')) {
    other.pop_back();
  }
  EXPECT_EQ(other, here);
}

} // namespace
} // namespace skillsim::sim::robot

namespace skillsim::sim::robot {
namespace {

void expectPalletised(const testing::PalletisingCell& cell) {
  const testing::PalletisingResult r = testing::palletisingRun(cell);
  ASSERT_TRUE(r.problem.empty()) << r.problem;
  EXPECT_TRUE(r.done);
  EXPECT_EQ(r.grips, 5);
  EXPECT_EQ(r.refusedGrips, 0);
  double worst = 0.0;
  for (std::size_t k = 0; k < 5; ++k) {
    const glm::dvec3 d = r.placed[k] - r.slots[k];
    worst = std::max(worst, std::hypot(d.x, d.y));
    EXPECT_NEAR(r.placed[k].z, r.slots[k].z, 0.002) << "part " << k + 1; // resting on the pallet
  }
  EXPECT_LT(worst, 0.001); // every part within 1 mm of its slot in the plane
  // The pitch, measured between placed parts.
  for (std::size_t k = 1; k < 5; ++k) {
    EXPECT_NEAR(r.placed[k].x - r.placed[k - 1].x, 0.096, 0.001);
  }
  std::printf("palletising at %g Hz, feeder pitch %g m: %.2f s simulated, %d ticks, worst "
              "placement %.3g m, ticks asleep %d %d %d %d %d\n",
              cell.tickRate, cell.feederPitch, r.simulatedSeconds,
              static_cast<int>(std::lround(r.simulatedSeconds * cell.tickRate)), worst,
              r.asleepTicks[0], r.asleepTicks[1], r.asleepTicks[2], r.asleepTicks[3],
              r.asleepTicks[4]);
  if (!cell.partsMaySleep) {
    EXPECT_EQ(r.asleepTicks, (std::array<int, 5>{}));
  }
}

TEST(ArmPalletising, AnAutomaticRunPutsFivePartsOnThePalletAt96MillimetrePitch) {
  expectPalletised({});
}

// The scenario's rate (handling_palletising.toml, tick_rate = 60): the arm is kinematic, its
// path sampled per tick, and the five parts still land within 1 mm of their slots at 96 mm pitch.
TEST(ArmPalletising, AtTheScenariosSixtyHertzTheFivePartsLandTheSame) {
  testing::PalletisingCell cell;
  cell.tickRate = 60.0;
  expectPalletised(cell);
}

// At 60 Hz with the parts allowed to sleep, islands joined by Bullet's overlapping boxes and by
// contact points only (WorldSettings::islandsByContact, the scenario's setting): the same
// placements either way. By overlap a part waiting on the feeder stays in one island with its
// awake neighbour and with the arm's links (empty manifolds), so only the last parts ever sleep;
// by contact every part sleeps while it rests, on the feeder and on the pallet, and wakes for the
// gripper (docs/machines/industrial-robot.md "Speed").
TEST(ArmPalletising, SixtyHertzWithSleepingPartsPlacesTheSameFive) {
  testing::PalletisingCell cell;
  cell.tickRate = 60.0;
  cell.partsMaySleep = true;
  expectPalletised(cell);
  const testing::PalletisingResult byOverlap = testing::palletisingRun(cell);
  cell.islandsByContact = true;
  expectPalletised(cell);
  const testing::PalletisingResult byContact = testing::palletisingRun(cell);
  const int ticks = static_cast<int>(std::lround(byContact.simulatedSeconds * cell.tickRate));
  for (std::size_t k = 0; k < 5; ++k) {
    EXPECT_GT(byContact.asleepTicks[k], byOverlap.asleepTicks[k]) << "part " << k + 1;
    // Each part is handled for under a fifth of the run (pick, carry, place: about 2 s of 13).
    EXPECT_GT(byContact.asleepTicks[k], ticks / 2) << "part " << k + 1 << " of " << ticks;
  }
  EXPECT_EQ(byOverlap.asleepTicks[0], 0) << "by overlap part 1 stays awake beside part 2";
}

} // namespace
} // namespace skillsim::sim::robot
