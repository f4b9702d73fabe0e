// The CI rule of MissingPrerequisite.h, run by ctest twice (tests/CMakeLists.txt): with CI=true
// this test must FAIL (a missing prerequisite may not leave CI green), without CI it must be
// reported as skipped with its reason.
#include "MissingPrerequisite.h"

#include <gtest/gtest.h>

TEST(MissingPrerequisite, SkipsOutsideCiAndFailsInCi) {
  SKILLSIM_MISSING_PREREQUISITE() << "the planted prerequisite is always missing";
  ADD_FAILURE() << "not reached: the macro returns";
}
