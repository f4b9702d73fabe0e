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
