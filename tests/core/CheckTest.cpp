#include <skillsim/core/Check.h>

#include <gtest/gtest.h>

#include <string>

using skillsim::core::ContractViolation;

namespace {
int divide(int a, int b) {
  SKILLSIM_CHECK(b != 0, "divisor must not be zero");
  return a / b;
}
} // namespace

TEST(Check, PassingCheckDoesNothing) { EXPECT_EQ(divide(6, 3), 2); }

TEST(Check, FailureNamesFileLineExpressionAndMessage) {
  try {
    (void)divide(1, 0);
    FAIL() << "expected a contract violation";
  } catch (const ContractViolation& e) {
    std::string what = e.what();
    EXPECT_NE(what.find("CheckTest.cpp:"), std::string::npos) << what;
    EXPECT_NE(what.find("check 'b != 0' failed"), std::string::npos) << what;
    EXPECT_NE(what.find("divisor must not be zero"), std::string::npos) << what;
  }
}

TEST(Check, HandlerCanBeSwappedAndRestored) {
  int calls = 0;
  auto previous = skillsim::core::setContractHandler([&calls](const std::string&) {
    ++calls;
    throw ContractViolation("counted");
  });
  EXPECT_THROW((void)divide(1, 0), ContractViolation);
  EXPECT_EQ(calls, 1);
  skillsim::core::setContractHandler(previous);
  EXPECT_THROW((void)divide(1, 0), ContractViolation);
  EXPECT_EQ(calls, 1);
}

TEST(CheckDeathTest, DefaultHandlerAborts) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(
      {
        skillsim::core::setContractHandler({});
        (void)divide(1, 0);
      },
      "check 'b != 0' failed: divisor must not be zero");
}
