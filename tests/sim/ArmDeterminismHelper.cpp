// Runs the arm's pick-and-place course and prints its digest: the second process of
// ArmDeterminismTest.
#include "ArmCourse.h"

#include <cstdio>

int main() {
  std::printf("%s\n", skillsim::sim::robot::testing::armCourseDigest().c_str());
  return 0;
}
