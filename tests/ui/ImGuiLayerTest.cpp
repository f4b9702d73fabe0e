// Dear ImGui over an offscreen frame (GPU: any Vulkan device, lavapipe in CI): the HUD is part of
// screenshots, and Chinese labels are drawn with real glyphs.
#include <skillsim/render/Renderer.h>
#include <skillsim/ui/ImGuiLayer.h>

#include <gtest/gtest.h>
#include <imgui.h>

#include <filesystem>

using namespace skillsim;
using namespace skillsim::ui;

namespace {

constexpr std::uint32_t kWidth = 256;
constexpr std::uint32_t kHeight = 96;

std::unique_ptr<render::Renderer> makeRenderer() {
  render::RendererOptions options;
  options.width = kWidth;
  options.height = kHeight;
  options.validation = render::Validation::On;
  options.shadowMapSize = 0;
  auto renderer = render::Renderer::create(options);
  if (!renderer) {
    ADD_FAILURE() << renderer.error().toString();
    return nullptr;
  }
  return std::move(*renderer);
}

// Renders an empty scene (sky only) with `text` drawn in black at (16, 30), returns the frame.
render::RgbaImage frameWithText(render::Renderer& renderer, ImGuiLayer& layer, const char* text) {
  layer.beginFrame(1.0f / 60.0f);
  if (text != nullptr) {
    ImGui::GetForegroundDrawList()->AddText(ImVec2(16.0f, 30.0f), IM_COL32(0, 0, 0, 255), text);
  }
  layer.endFrame();
  EXPECT_TRUE(renderer.render(core::SceneView{}));
  auto image = renderer.readPixels();
  EXPECT_TRUE(image);
  return image ? std::move(*image) : render::RgbaImage{};
}

// Dark pixels (text) inside the rectangle [x0, x1) x [y0, y1); the sky is never this dark.
int darkPixels(const render::RgbaImage& image, std::uint32_t x0, std::uint32_t y0, std::uint32_t x1,
               std::uint32_t y1) {
  int count = 0;
  for (std::uint32_t y = y0; y < y1; ++y) {
    for (std::uint32_t x = x0; x < x1; ++x) {
      const auto p = image.at(x, y);
      count += (p[0] + p[1] + p[2] < 3 * 90) ? 1 : 0;
    }
  }
  return count;
}

} // namespace

TEST(ImGuiLayer, DrawsAChineseLabelWithRealGlyphs) {
  auto renderer = makeRenderer();
  ASSERT_TRUE(renderer);
  auto layer = ImGuiLayer::create(*renderer, nullptr);
  ASSERT_TRUE(layer) << layer.error().toString();
  ASSERT_FALSE((*layer)->usingFallbackFont()) << "fonts-noto-cjk must be installed";
  // Characters outside ImGui's "common Chinese" range, which the full range must have.
  EXPECT_TRUE((*layer)->hasGlyph(0x5E27)); // 帧
  EXPECT_TRUE((*layer)->hasGlyph(0x62DF)); // 拟
  EXPECT_TRUE((*layer)->hasGlyph(0x5415)); // 吕 (rare-ish, full range only)

  const render::RgbaImage none = frameWithText(*renderer, **layer, nullptr);
  const render::RgbaImage label = frameWithText(*renderer, **layer, "帧率 模拟");
  const render::RgbaImage unknown = frameWithText(*renderer, **layer, "??");
  EXPECT_EQ(darkPixels(none, 0, 0, kWidth, kHeight), 0) << "the sky alone has no dark pixels";
  // The label occupies about 4 x 18 px wide glyphs from x = 16, rows 30..52.
  const int inLabel = darkPixels(label, 16, 28, 16 + 4 * 20, 56);
  std::filesystem::create_directories(SKILLSIM_TEST_OUTPUT_DIR);
  (void)render::writePng(label, std::string(SKILLSIM_TEST_OUTPUT_DIR) + "/chinese_label.png");
  EXPECT_GT(inLabel, 80) << "the Chinese label's strokes are drawn";
  EXPECT_EQ(darkPixels(label, 120, 0, kWidth, kHeight), 0) << "nothing drawn beyond the label";
  // Real glyphs, not the fallback '?' box: the label's pixels differ from two question marks.
  EXPECT_GT(inLabel, 2 * darkPixels(unknown, 16, 28, 16 + 4 * 20, 56));
  EXPECT_EQ(renderer->validationMessageCount(), 0u);
  layer->reset(); // before the renderer
}

TEST(ImGuiLayer, MissingFontFallsBackToTheDefaultFont) {
  auto renderer = makeRenderer();
  ASSERT_TRUE(renderer);
  auto layer = ImGuiLayer::create(*renderer, nullptr, {.fontPath = "/nonexistent/font.ttc"});
  ASSERT_TRUE(layer) << layer.error().toString();
  EXPECT_TRUE((*layer)->usingFallbackFont());
  EXPECT_TRUE((*layer)->hasGlyph('A'));
  EXPECT_FALSE((*layer)->hasGlyph(0x5E27)) << "the default font has no Chinese";
  // The HUD still draws (Latin text).
  const render::RgbaImage image = frameWithText(*renderer, **layer, "FPS 60");
  EXPECT_GT(darkPixels(image, 16, 28, 90, 48), 20);
  EXPECT_EQ(renderer->validationMessageCount(), 0u);
  layer->reset();
}
