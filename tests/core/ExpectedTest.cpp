#include <skillsim/core/Expected.h>

#include <gtest/gtest.h>

#include <memory>
#include <string>

using skillsim::core::ContractViolation;
using skillsim::core::Error;
using skillsim::core::ErrorCode;
using skillsim::core::Expected;
using skillsim::core::makeError;

namespace {

Expected<int> parsePositive(const std::string& text) {
  int v = std::stoi(text);
  if (v <= 0) {
    return makeError(ErrorCode::InvalidInput, "expected a positive number, got " + text,
                     {.file = "args", .line = 1, .column = 3});
  }
  return v;
}

} // namespace

TEST(Expected, HoldsValue) {
  Expected<int> e = parsePositive("42");
  ASSERT_TRUE(e);
  EXPECT_EQ(*e, 42);
  EXPECT_EQ(e.valueOr(7), 42);
}

TEST(Expected, HoldsErrorWithLocation) {
  Expected<int> e = parsePositive("-3");
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().code, ErrorCode::InvalidInput);
  EXPECT_EQ(e.error().toString(), "args:1:3: expected a positive number, got -3");
  EXPECT_EQ(e.valueOr(7), 7);
}

TEST(Expected, ReadingTheWrongSideIsAContractViolation) {
  Expected<int> bad = parsePositive("0");
  EXPECT_THROW((void)bad.value(), ContractViolation);
  Expected<int> good = parsePositive("1");
  EXPECT_THROW((void)good.error(), ContractViolation);
}

TEST(Expected, MoveOnlyValues) {
  Expected<std::unique_ptr<int>> e(std::make_unique<int>(5));
  ASSERT_TRUE(e);
  std::unique_ptr<int> p = std::move(e).value();
  EXPECT_EQ(*p, 5);
}

TEST(Expected, VoidSuccessAndFailure) {
  Expected<void> ok;
  EXPECT_TRUE(ok);
  EXPECT_THROW((void)ok.error(), ContractViolation);
  Expected<void> failed = makeError(ErrorCode::Io, "disk full");
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().message, "disk full");
}
