#include <skillsim/core/Log.h>

#include <gtest/gtest.h>

TEST(Log, LevelsByName) {
  auto& log = skillsim::core::logger();
  EXPECT_EQ(&log, &skillsim::core::logger());
  const auto before = log.level();
  EXPECT_TRUE(skillsim::core::setLogLevel("debug"));
  EXPECT_EQ(log.level(), spdlog::level::debug);
  EXPECT_TRUE(skillsim::core::setLogLevel("off"));
  EXPECT_EQ(log.level(), spdlog::level::off);
  EXPECT_FALSE(skillsim::core::setLogLevel("loud"));
  EXPECT_EQ(log.level(), spdlog::level::off);
  log.set_level(before);
}
