#pragma once
// A test that cannot run because something outside the code is missing (a database server, a
// display) skips outside CI, saying why, and FAILS under CI (the environment variable CI set to
// "true" or "1", as CI services and .ci/run set it): a green CI run has run every test. Use it
// wherever a test would call GTEST_SKIP (house.no_bare_gtest_skip enforces that):
//
//   if (url == nullptr) {
//     SKILLSIM_MISSING_PREREQUISITE() << "SKILLSIM_TEST_PG_URL is not set; scripts/test.sh ...";
//   }
//
// Like GTEST_SKIP it returns from the current function; in SetUp, the test body then does not run.

#include <gtest/gtest.h>

#include <cstdlib>
#include <string_view>

namespace skillsim::test {

/** True when CI is "true" or "1" (any case): the suite runs in continuous integration. */
inline bool inContinuousIntegration() {
  const char* ci = std::getenv("CI");
  if (ci == nullptr) {
    return false;
  }
  const std::string_view v(ci);
  return v == "1" || v == "true" || v == "TRUE" || v == "True";
}

} // namespace skillsim::test

// The skip and the failure are GoogleTest's own messages (GTEST_SKIP and GTEST_FAIL expand to
// the same thing with a fixed type); only the type is chosen at run time.
#define SKILLSIM_MISSING_PREREQUISITE()                                                            \
  return GTEST_MESSAGE_AT_(                                                                        \
      __FILE__, __LINE__,                                                                          \
      ::skillsim::test::inContinuousIntegration()                                                  \
          ? "CI is set: a missing prerequisite fails the test, it may not skip"                    \
          : "",                                                                                    \
      ::skillsim::test::inContinuousIntegration() ? ::testing::TestPartResult::kFatalFailure       \
                                                  : ::testing::TestPartResult::kSkip)
