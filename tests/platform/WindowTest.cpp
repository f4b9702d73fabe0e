// Window tests need a display (labelled `display`; CI runs them under Xvfb).
#include <skillsim/platform/Window.h>

#include <GLFW/glfw3.h>
#include <gtest/gtest.h>
#include <imgui.h>

#include <algorithm>
#include <vector>

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

// Issue 13 point 10: Debian's ImGui 1.86 keeps 16-bit characters, so the window routes each typed
// character beyond U+FFFF to the sink the start screen sets, and every other one to ImGui.
TEST(Window, TypedCharactersBeyondTheBasicPlaneGoToTheSinkTheRestToImGui) {
  auto window = Window::create({.width = 64, .height = 64, .visible = false});
  ASSERT_TRUE(window) << window.error().toString();
  ImGuiContext* context = ImGui::CreateContext();
  ASSERT_TRUE((*window)->initImGuiPlatform());
  std::vector<char32_t> sunk;
  (*window)->setCharSinkBeyondBasicPlane([&sunk](char32_t c) { sunk.push_back(c); });
  // The character callback GLFW calls for typed text (read back by setting it again).
  auto* native = static_cast<GLFWwindow*>(nativeWindowPointer(**window));
  const GLFWcharfun typed = glfwSetCharCallback(native, nullptr);
  glfwSetCharCallback(native, typed);
  ASSERT_NE(typed, nullptr);
  ImGui::GetIO().InputQueueCharacters.resize(0);
  typed(native, 0x20000u); // 𠀀
  typed(native, 0x5F20u);  // 张
  typed(native, 'a');
  EXPECT_EQ(sunk, (std::vector<char32_t>{0x20000}));
  const auto& queued = ImGui::GetIO().InputQueueCharacters;
  ASSERT_EQ(queued.Size, 2);
  EXPECT_EQ(queued[0], 0x5F20);
  EXPECT_EQ(queued[1], 'a');
  // Without a sink, ImGui gets it (and, being 16-bit, makes it U+FFFD).
  (*window)->setCharSinkBeyondBasicPlane({});
  typed(native, 0x20000u);
  EXPECT_EQ(sunk.size(), 1u);
  ASSERT_EQ(queued.Size, 3);
  EXPECT_EQ(queued[2], 0xFFFD);
  (*window)->shutdownImGuiPlatform();
  ImGui::DestroyContext(context);
}
