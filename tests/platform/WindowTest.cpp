// Window tests need a display (labelled `display`; CI runs them under Xvfb).
#include <skillsim/platform/Window.h>

#include <gtest/gtest.h>

#include <algorithm>

using namespace skillsim::platform;

TEST(Window, OpensWithTheAskedSizeAndVulkanExtensions) {
  auto window = Window::create({.width = 300, .height = 200, .title = "窗口 test"});
  ASSERT_TRUE(window) << window.error().toString();
  EXPECT_EQ((*window)->framebufferSize(), (WindowSize{300, 200}));
  EXPECT_FALSE((*window)->minimised());
  const auto extensions = (*window)->requiredInstanceExtensions();
  EXPECT_NE(std::find(extensions.begin(), extensions.end(), "VK_KHR_surface"), extensions.end());
  EXPECT_FALSE((*window)->takeResized());
  (*window)->setSize(320, 240);
  for (int i = 0; i < 50 && (*window)->framebufferSize() != WindowSize{320, 240}; ++i) {
    (*window)->pollEvents();
  }
  EXPECT_EQ((*window)->framebufferSize(), (WindowSize{320, 240}));
  EXPECT_TRUE((*window)->takeResized());
  EXPECT_FALSE((*window)->takeResized()) << "reported once";
  EXPECT_FALSE((*window)->shouldClose());
  (*window)->requestClose();
  EXPECT_TRUE((*window)->shouldClose());
}

TEST(Window, TwoWindowsAndReopeningWork) {
  for (int round = 0; round < 2; ++round) {
    auto a = Window::create({.width = 64, .height = 64, .visible = false});
    auto b = Window::create({.width = 64, .height = 64, .visible = false});
    ASSERT_TRUE(a) << a.error().toString();
    ASSERT_TRUE(b) << b.error().toString();
    EXPECT_TRUE((*a)->surfaceFactory());
  }
}
