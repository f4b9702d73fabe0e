#include <skillsim/core/Error.h>

#include <gtest/gtest.h>

using skillsim::core::ErrorCode;
using skillsim::core::makeError;
using skillsim::core::SourceLocation;

TEST(SourceLocation, PrintsOnlyWhatIsKnown) {
  EXPECT_EQ(SourceLocation{}.toString(), "");
  EXPECT_EQ((SourceLocation{.file = "a.toml"}).toString(), "a.toml");
  EXPECT_EQ((SourceLocation{.file = "a.toml", .line = 4}).toString(), "a.toml:4");
  EXPECT_EQ((SourceLocation{.file = "a.toml", .line = 4, .column = 9}).toString(), "a.toml:4:9");
  // A column without a line means nothing to an editor: not printed.
  EXPECT_EQ((SourceLocation{.file = "a.toml", .column = 9}).toString(), "a.toml");
  EXPECT_EQ(
      (SourceLocation{.file = "a.toml", .line = 4, .column = 9, .fieldPath = "bodies[1].mass"})
          .toString(),
      "a.toml:4:9: bodies[1].mass");
  EXPECT_EQ((SourceLocation{.fieldPath = "pass_mark"}).toString(), "pass_mark");
  EXPECT_EQ((SourceLocation{.tick = 1234}).toString(), "tick 1234");
  EXPECT_EQ((SourceLocation{.file = "run.sktrace", .tick = 0}).toString(), "run.sktrace: tick 0");
}

TEST(Error, MessageFollowsLocation) {
  auto e = makeError(ErrorCode::NotFound, "scenario not found",
                     SourceLocation{.file = "x.sktrace", .line = 1});
  EXPECT_EQ(e.toString(), "x.sktrace:1: scenario not found");
  EXPECT_EQ(makeError(ErrorCode::Io, "no location").toString(), "no location");
}

TEST(Error, CodeNamesAreDistinct) {
  EXPECT_STREQ(toString(ErrorCode::InvalidInput), "invalid input");
  EXPECT_STREQ(toString(ErrorCode::PhysicsFault), "physics fault");
  EXPECT_STRNE(toString(ErrorCode::Io), toString(ErrorCode::Integrity));
}
