// The guidance panels drawn offscreen (GPU: lavapipe in CI), as a screenshot shows them: the
// controls card on F1 and the red warning 10 s before 1.5 T.
#include <skillsim/platform/Bindings.h>
#include <skillsim/render/Renderer.h>
#include <skillsim/ui/HudGuide.h>
#include <skillsim/ui/ImGuiLayer.h>

#include <gtest/gtest.h>
#include <imgui.h>

#include <filesystem>

using namespace skillsim;
using namespace skillsim::ui;

namespace {

constexpr std::uint32_t kWidth = 1280;
constexpr std::uint32_t kHeight = 720;

struct Counts {
  int red = 0;     ///< Warning-red text pixels.
  int changed = 0; ///< Pixels that differ from the reference frame.
};

Counts count(const render::RgbaImage& image, const render::RgbaImage& reference, std::uint32_t x0,
             std::uint32_t y0, std::uint32_t x1, std::uint32_t y1) {
  Counts c;
  for (std::uint32_t y = y0; y < y1; ++y) {
    for (std::uint32_t x = x0; x < x1; ++x) {
      const auto p = image.at(x, y);
      const auto q = reference.at(x, y);
      c.red += (p[0] > 150 && p[0] > 2 * p[1] && p[0] > 2 * p[2]) ? 1 : 0;
      c.changed += (p[0] != q[0] || p[1] != q[1] || p[2] != q[2]) ? 1 : 0;
    }
  }
  return c;
}

} // namespace

TEST(HudGuideRender, ControlsCardAndTheStopWarningAreOnScreen) {
  render::RendererOptions options;
  options.width = kWidth;
  options.height = kHeight;
  options.shadowMapSize = 0;
  auto renderer = render::Renderer::create(options);
  ASSERT_TRUE(renderer) << renderer.error().toString();
  auto layer = ImGuiLayer::create(**renderer, nullptr);
  ASSERT_TRUE(layer) << layer.error().toString();
  auto text = I18n::load(std::filesystem::path(SKILLSIM_SOURCE_DIR) / "assets", Language::English);
  ASSERT_TRUE(text);
  const core::ControlLayout controls(
      {{"travel", "行走", "travel", core::ControlKind::Notched, 3, {"W", "S", "left_y", true}},
       {"signal", "信号", "signal", core::ControlKind::Button, 0, {"H", "", "a", false}}});
  HudGuideModel model;
  model.card = makeControlsCard(controls, platform::defaultBindings(controls), *text);
  model.clock.started = true;
  model.clock.target = 240.0;
  model.clock.stopAt = 360.0;
  model.clock.phaseElapsed = 352.0;

  auto frame = [&](const HudGuideModel& m) {
    (*layer)->beginFrame(1.0f / 60.0f);
    (void)drawHudGuide(m, *text);
    (*layer)->endFrame();
    EXPECT_TRUE((*renderer)->render(core::SceneView{}));
    auto image = (*renderer)->readPixels();
    EXPECT_TRUE(image);
    return image ? std::move(*image) : render::RgbaImage{};
  };
  // One frame each: the panels are sized from their text, so a single frame (a screenshot) shows
  // them (the card, a plain window, is laid out on its first frame too).
  const HudGuideModel quiet = model;
  const render::RgbaImage before = frame(quiet);
  HudGuideModel shown = model;
  shown.clock.warning = ClockWarning::StopSoon;
  shown.showCard = true;
  const render::RgbaImage after = frame(shown);
  std::filesystem::create_directories(SKILLSIM_TEST_OUTPUT_DIR);
  (void)render::writePng(after, std::string(SKILLSIM_TEST_OUTPUT_DIR) + "/hud_guide_card.png");

  // The warning banner under the timer (x 430..850, y 132..200): red text only when warned.
  const Counts banner = count(after, before, 430, 132, 850, 200);
  const Counts quietBanner = count(before, before, 430, 132, 850, 200);
  EXPECT_GT(banner.red, 150) << "the 1.5 T warning is written in red";
  EXPECT_EQ(quietBanner.red, 0);
  // The card (640 x 460 from y 200): most of its area differs from the frame without it.
  const Counts card = count(after, before, 320, 200, 960, 660);
  EXPECT_GT(card.changed, (640 * 460) / 2) << "the controls card covers the middle";
  layer->reset();
}
