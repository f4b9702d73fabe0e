// The arm's course gives the same bits in this process and in a second one (issue 16, point 3:
// determinism in two processes).
#include "ArmCourse.h"

#include <gtest/gtest.h>

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

TEST(ArmPalletising, AnAutomaticRunPutsFivePartsOnThePalletAt96MillimetrePitch) {
  const testing::PalletisingResult r = testing::palletisingRun();
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
  std::printf("palletising: %.2f s simulated, worst placement %.3g m\n", r.simulatedSeconds, worst);
}

} // namespace
} // namespace skillsim::sim::robot
