#include <skillsim/ui/UiInfo.h>

#include <gtest/gtest.h>

TEST(UiInfo, BuiltAgainstImgui186OrLater) {
  const std::string v = skillsim::ui::imguiVersion();
  ASSERT_EQ(v.rfind("1.", 0), 0u) << v;
  EXPECT_GE(std::stoi(v.substr(2)), 86) << v;
}
