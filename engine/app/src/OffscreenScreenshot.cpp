#include "OffscreenScreenshot.h"

#include <skillsim/render/Renderer.h>
#include <skillsim/render/RgbaImage.h>
#include <skillsim/ui/ImGuiLayer.h>

namespace skillsim::app {

bool writeOffscreenScreenshot(const core::SceneView& view, const std::string& gpu,
                              const std::string& path, const std::function<void()>& drawPanels,
                              std::ostream& out, std::ostream& err) {
  auto off = render::Renderer::create(
      {.width = 1280, .height = 720, .gpu = gpu, .validation = render::Validation::On});
  if (!off) {
    err << off.error().toString() << '\n';
    return false;
  }
  auto layer = ui::ImGuiLayer::create(**off, nullptr);
  if (!layer) {
    err << layer.error().toString() << '\n';
    return false;
  }
  (*layer)->beginFrame(1.0f / 60.0f);
  drawPanels();
  (*layer)->endFrame();
  auto drawn = (*off)->render(view);
  auto image = drawn ? (*off)->readPixels() : core::Expected<render::RgbaImage>(drawn.error());
  layer->reset();
  if (!image) {
    err << image.error().toString() << '\n';
    return false;
  }
  if (auto ok = render::writePng(*image, path); !ok) {
    err << ok.error().toString() << '\n';
    return false;
  }
  out << "screenshot: " << path << "; validation messages " << (*off)->validationMessageCount()
      << '\n';
  return true;
}

} // namespace skillsim::app
