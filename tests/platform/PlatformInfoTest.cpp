#include <skillsim/platform/PlatformInfo.h>

#include <gtest/gtest.h>

TEST(PlatformInfo, GlfwVersionIsThreeOrLater) {
  const std::string v = skillsim::platform::glfwVersion();
  ASSERT_FALSE(v.empty());
  EXPECT_EQ(v.rfind("3.", 0), 0u) << v;
}
