// The windowed path end to end (needs a display; CI runs it under Xvfb): a GLFW window with a
// swapchain, the scene and an ImGui HUD, 120 frames, two resizes, minimise and restore, close.
#include <skillsim/platform/Window.h>
#include <skillsim/render/Renderer.h>
#include <skillsim/ui/ImGuiLayer.h>

#include <glm/gtc/matrix_transform.hpp>
#include <gtest/gtest.h>
#include <imgui.h>

using namespace skillsim;

namespace {

core::SceneView boxScene() {
  core::SceneView scene;
  scene.meshes.push_back({.kind = core::MeshKind::Plane, .size = {10.0f, 0.0f, 10.0f}});
  scene.meshes.push_back({.kind = core::MeshKind::Box, .size = glm::vec3(1.0f)});
  scene.materials.push_back({.baseColor = {0.6f, 0.6f, 0.6f, 1.0f}});
  scene.materials.push_back({.baseColor = {0.8f, 0.05f, 0.05f, 1.0f}});
  scene.instances.push_back(
      {.mesh = core::MeshId(0), .material = core::MaterialId(0), .castsShadow = false});
  scene.instances.push_back({.mesh = core::MeshId(1),
                             .material = core::MaterialId(1),
                             .transform = glm::translate(glm::mat4(1.0f), {0.0f, 0.5f, 0.0f})});
  return scene;
}

} // namespace

TEST(WindowedFrames, RendersResizesMinimisesAndClosesCleanly) {
  auto window = platform::Window::create({.width = 320, .height = 240, .title = "SkillSim test"});
  ASSERT_TRUE(window) << window.error().toString();
  platform::Window& win = **window;
  render::RendererOptions options;
  const platform::WindowSize start = win.framebufferSize();
  options.width = start.width;
  options.height = start.height;
  options.surfaceFactory = win.surfaceFactory();
  options.instanceExtensions = win.requiredInstanceExtensions();
  options.validation = render::Validation::On;
  options.vsync = false;
  options.shadowMapSize = 512;
  auto created = render::Renderer::create(options);
  ASSERT_TRUE(created) << created.error().toString();
  render::Renderer& renderer = **created;
  EXPECT_FALSE(renderer.offscreen());
  EXPECT_FALSE(renderer.readPixels()) << "a window's frames are not read back";
  if (renderer.deviceName().find("llvmpipe") != std::string::npos) {
    // A window on a software rasteriser picks the fast profile by itself (RendererOptions), so
    // this test also runs the scaled scene pass and its blit into the swapchain.
    EXPECT_EQ(renderer.renderScale(), render::kSoftwareWindowRenderScale);
    EXPECT_EQ(renderer.msaaSamples(), 1u);
  }
  auto layer = ui::ImGuiLayer::create(renderer, &win);
  ASSERT_TRUE(layer) << layer.error().toString();

  core::SceneView scene = boxScene();
  int rendered = 0;
  int skipped = 0;
  for (int frame = 0; frame < 120; ++frame) {
    win.pollEvents();
    if (frame == 40) {
      win.setSize(400, 300);
    } else if (frame == 80) {
      win.setSize(200, 150);
    }
    if (win.takeResized()) {
      renderer.resize(win.framebufferSize().width, win.framebufferSize().height);
    }
    (*layer)->beginFrame(1.0f / 60.0f);
    ImGui::Begin("HUD");
    ImGui::Text("帧 %d", frame);
    ImGui::End();
    (*layer)->endFrame();
    auto status = renderer.render(scene);
    ASSERT_TRUE(status) << status.error().toString();
    (*status == render::FrameStatus::Rendered ? rendered : skipped)++;
  }
  EXPECT_GE(rendered, 115) << "skipped " << skipped;
  // The resizes reached the swapchain (Xvfb has no window manager to refuse them).
  EXPECT_EQ(renderer.width(), win.framebufferSize().width);
  EXPECT_EQ(renderer.height(), win.framebufferSize().height);
  EXPECT_EQ(renderer.width(), 200u);

  // Minimise: the app sees a minimised window (or, without a window manager, is told so by a
  // zero size) and the renderer skips frames instead of failing; restore brings frames back.
  win.minimise();
  win.pollEvents();
  renderer.resize(0, 0);
  for (int i = 0; i < 3; ++i) {
    auto status = renderer.render(scene);
    ASSERT_TRUE(status);
    EXPECT_EQ(*status, render::FrameStatus::Skipped);
  }
  win.restore();
  win.pollEvents();
  renderer.resize(win.framebufferSize().width, win.framebufferSize().height);
  bool back = false;
  for (int i = 0; i < 5 && !back; ++i) {
    auto status = renderer.render(scene);
    ASSERT_TRUE(status);
    back = *status == render::FrameStatus::Rendered;
  }
  EXPECT_TRUE(back) << "frames resume after restore";

  win.requestClose();
  win.pollEvents();
  EXPECT_TRUE(win.shouldClose());
  EXPECT_EQ(renderer.validationMessageCount(), 0u);
  layer->reset();
  created->reset();
  window->reset();
}
