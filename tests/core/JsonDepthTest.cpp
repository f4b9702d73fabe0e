#include <skillsim/core/JsonDepth.h>

#include <gtest/gtest.h>

#include <string>

namespace skillsim::core {
namespace {

TEST(JsonDepth, CountsArraysAndObjectsOutsideStrings) {
  EXPECT_EQ(jsonTooDeepAt(R"({"a": [1, {"b": 2}]})", 3), std::nullopt);
  // The third level opens at byte 11 ('{' of {"b": 2}).
  EXPECT_EQ(jsonTooDeepAt(R"({"a": [1, {"b": 2}]})", 2), 10u);
  // Brackets in strings, escaped quotes and escaped backslashes do not count.
  EXPECT_EQ(jsonTooDeepAt(R"(["[[[[", "\"[[[", "\\", "{{"])", 1), std::nullopt);
  EXPECT_EQ(jsonTooDeepAt(R"(["\\"] [)", 1), std::nullopt) << "siblings, not nested";
  EXPECT_EQ(jsonTooDeepAt(R"(["\\"[)", 1), 5u) << "the string ended before the second [";
}

TEST(JsonDepth, TheLimitItselfPassesAndOneMoreLevelFails) {
  const std::string atLimit = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
  EXPECT_EQ(jsonTooDeepAt(atLimit), std::nullopt);
  const std::string over = "[" + atLimit + "]";
  EXPECT_EQ(jsonTooDeepAt(over), kMaxJsonDepth);
  // 4 M levels (316 MB when parsed) are refused after scanning 65 bytes.
  EXPECT_EQ(jsonTooDeepAt(std::string(4'000'000, '[')), kMaxJsonDepth);
}

} // namespace
} // namespace skillsim::core
