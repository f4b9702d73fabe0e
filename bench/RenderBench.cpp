// Frame time of the renderer at 1280x720 with shadows (2048 map, 3x3 PCF), 4x MSAA where the
// device has it, and a Dear ImGui HUD: offscreen and in a window (needs a display; Xvfb works),
// for 100, 1000 and 10000 instanced boxes (12 triangles each) on a ground plane; plus the
// software-window profile (render scale 0.5, 1x MSAA, 2x2 PCF) and where the time goes.
//   build/release/bench/skillsim_bench_render --benchmark_min_time=2
// Reported: time per frame, fps and CPU time per frame over all threads. The scene is still, so
// the shadow map is drawn once and reused (Renderer::shadowMapDraws); BM_FrameMovingCasters moves
// the boxes every frame to measure the shadow pass too.
#include <skillsim/platform/Window.h>
#include <skillsim/render/Renderer.h>
#include <skillsim/ui/ImGuiLayer.h>

#include <benchmark/benchmark.h>
#include <glm/gtc/matrix_transform.hpp>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <ctime>

using namespace skillsim;

namespace {

constexpr std::uint32_t kWidth = 1280;
constexpr std::uint32_t kHeight = 720;

// `boxes` 0.8 m boxes on a square grid 1.5 m apart, each with its own colour, over a ground plane.
core::SceneView boxField(int boxes) {
  core::SceneView scene;
  scene.meshes.push_back({.kind = core::MeshKind::Plane,
                          .size = {400.0f, 0.0f, 400.0f},
                          .subdivisions = 8,
                          .debugName = "ground"});
  scene.meshes.push_back(
      {.kind = core::MeshKind::Box, .size = glm::vec3(0.8f), .debugName = "box"});
  scene.materials.push_back({.baseColor = {0.55f, 0.55f, 0.5f, 1.0f}});
  for (int i = 0; i < 8; ++i) {
    scene.materials.push_back(
        {.baseColor = {0.2f + 0.1f * float(i), 0.8f - 0.08f * float(i), 0.3f, 1.0f},
         .roughness = 0.3f + 0.08f * float(i)});
  }
  scene.instances.push_back(
      {.mesh = core::MeshId(0), .material = core::MaterialId(0), .castsShadow = false});
  const int side = static_cast<int>(std::ceil(std::sqrt(static_cast<double>(boxes))));
  for (int i = 0; i < boxes; ++i) {
    const float x = (float(i % side) - float(side) / 2.0f) * 1.5f;
    const float z = (float(i / side) - float(side) / 2.0f) * 1.5f;
    scene.instances.push_back(
        {.mesh = core::MeshId(1),
         .material = core::MaterialId(std::uint32_t(1 + i % 8)),
         .transform =
             glm::rotate(glm::translate(glm::mat4(1.0f), {x, 0.4f + 0.1f * float(i % 3), z}),
                         0.1f * float(i % 7), {0.0f, 1.0f, 0.0f})});
  }
  const float extent = float(side) * 1.5f;
  scene.camera.position = {0.0f, 0.45f * extent + 4.0f, 0.6f * extent + 6.0f};
  scene.camera.target = {0.0f, 0.0f, 0.0f};
  return scene;
}

void drawHud(int frame) {
  ImGui::SetNextWindowPos(ImVec2(10.0f, 10.0f));
  ImGui::Begin("训练 HUD", nullptr, ImGuiWindowFlags_AlwaysAutoResize);
  ImGui::Text("帧 %d", frame);
  ImGui::Text("起重机 模拟 考试: 吊钩高度 2.35 m");
  ImGui::Text("扣分: 0   时间: 01:23");
  ImGui::ProgressBar(0.42f, ImVec2(300.0f, 0.0f));
  ImGui::End();
}

// CPU time of the whole process (all threads: lavapipe rasterises on worker threads), seconds.
double processCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// Renders frames of `scene` for the benchmark. With `moving`, every box is lifted a little each
// frame (a different height per frame), so the shadow casters change and the shadow map is drawn
// every frame, as while a machine moves.
void runFrames(benchmark::State& state, render::Renderer& renderer, ui::ImGuiLayer* layer,
               platform::Window* window, core::SceneView scene, bool moving = false) {
  int frame = 0;
  // Warm-up: meshes uploaded, pipelines hot, both frame slots used.
  for (int i = 0; i < 3; ++i) {
    if (layer != nullptr) {
      layer->beginFrame(1.0f / 60.0f);
      drawHud(frame);
      layer->endFrame();
    }
    (void)renderer.render(scene);
  }
  const double cpuStart = processCpuSeconds();
  for (auto _ : state) {
    ++frame;
    if (window != nullptr) {
      window->pollEvents();
    }
    if (layer != nullptr) {
      layer->beginFrame(1.0f / 60.0f);
      drawHud(frame);
      layer->endFrame();
    }
    if (moving) {
      const float lift = 0.001f * static_cast<float>(frame % 100 + 1);
      for (std::size_t i = 1; i < scene.instances.size(); ++i) {
        scene.instances[i].transform[3][1] += (frame % 2 == 0 ? lift : -lift);
      }
    }
    auto status = renderer.render(scene);
    if (!status) {
      state.SkipWithError(status.error().toString().c_str());
      break;
    }
  }
  renderer.waitIdle(); // count the GPU work of the last frames too
  // On a software rasteriser the frame's CPU time over all threads is the work; on a shared,
  // loaded machine it tells more than wall time (which includes waiting for other processes).
  state.counters["cpu_ms_per_frame"] =
      (processCpuSeconds() - cpuStart) * 1e3 /
      static_cast<double>(std::max<std::int64_t>(1, state.iterations()));
  state.counters["fps"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["triangles"] = static_cast<double>(state.range(0) * 12 + 128);
}

// `msaa` 0, `scalePercent` 0 and `pcf` 0 ask for the automatic choice; pcf 3: 3x3, 2: 2x2.
render::RendererOptions benchOptions(std::uint32_t msaa, std::int64_t scalePercent = 100,
                                     std::int64_t pcf = 3) {
  render::RendererOptions options;
  options.renderScale = static_cast<float>(scalePercent) / 100.0f;
  options.shadowFilter = pcf == 3   ? render::ShadowFilter::Pcf3x3
                         : pcf == 2 ? render::ShadowFilter::Pcf2x2
                                    : render::ShadowFilter::Automatic;
  options.width = kWidth;
  options.height = kHeight;
  options.validation = render::Validation::Off;
  options.msaaSamples = msaa;
  options.shadowMapSize = 2048;
  options.vsync = false;
  return options;
}

// Offscreen frames with the HUD; arguments: boxes, MSAA samples, render scale in percent, PCF.
// With `moving`, the boxes move every frame and the shadow map is redrawn each time.
void offscreenFrames(benchmark::State& state, bool moving) {
  auto renderer = render::Renderer::create(
      benchOptions(static_cast<std::uint32_t>(state.range(1)), state.range(2), state.range(3)));
  if (!renderer) {
    state.SkipWithError(renderer.error().toString().c_str());
    return;
  }
  auto layer = ui::ImGuiLayer::create(**renderer, nullptr);
  if (!layer) {
    state.SkipWithError(layer.error().toString().c_str());
    return;
  }
  const std::uint64_t drawsBefore = (*renderer)->shadowMapDraws();
  runFrames(state, **renderer, layer->get(), nullptr, boxField(static_cast<int>(state.range(0))),
            moving);
  state.counters["render_scale"] = (*renderer)->renderScale();
  state.counters["msaa"] = (*renderer)->msaaSamples();
  state.counters["shadow_draws_per_frame"] =
      static_cast<double>((*renderer)->shadowMapDraws() - drawsBefore) /
      static_cast<double>(std::max<std::int64_t>(1, state.iterations() + 3));
  state.SetLabel((*renderer)->deviceName());
  layer->reset();
}

void BM_FrameOffscreen(benchmark::State& state) { offscreenFrames(state, false); }

// Boxes moving every frame (the shadow map redrawn each frame); arguments as BM_FrameOffscreen.
void BM_FrameMovingCasters(benchmark::State& state) { offscreenFrames(state, true); }

// Where the time goes: arguments boxes, MSAA samples, shadow map size (0 = off), HUD (0/1),
// render scale in percent.
void BM_FrameOffscreenParts(benchmark::State& state) {
  render::RendererOptions options =
      benchOptions(static_cast<std::uint32_t>(state.range(1)), state.range(4));
  options.shadowMapSize = static_cast<std::uint32_t>(state.range(2));
  auto renderer = render::Renderer::create(options);
  if (!renderer) {
    state.SkipWithError(renderer.error().toString().c_str());
    return;
  }
  std::unique_ptr<ui::ImGuiLayer> layer;
  if (state.range(3) != 0) {
    auto created = ui::ImGuiLayer::create(**renderer, nullptr);
    if (!created) {
      state.SkipWithError(created.error().toString().c_str());
      return;
    }
    layer = std::move(*created);
  }
  runFrames(state, **renderer, layer.get(), nullptr, boxField(static_cast<int>(state.range(0))));
  layer.reset();
}

void BM_FrameWindowed(benchmark::State& state) {
  auto window = platform::Window::create({.width = kWidth, .height = kHeight});
  if (!window) {
    state.SkipWithError(window.error().toString().c_str());
    return;
  }
  render::RendererOptions options =
      benchOptions(static_cast<std::uint32_t>(state.range(1)), state.range(2), state.range(3));
  options.surfaceFactory = (*window)->surfaceFactory();
  options.instanceExtensions = (*window)->requiredInstanceExtensions();
  options.width = (*window)->framebufferSize().width;
  options.height = (*window)->framebufferSize().height;
  auto renderer = render::Renderer::create(options);
  if (!renderer) {
    state.SkipWithError(renderer.error().toString().c_str());
    return;
  }
  auto layer = ui::ImGuiLayer::create(**renderer, window->get());
  if (!layer) {
    state.SkipWithError(layer.error().toString().c_str());
    return;
  }
  runFrames(state, **renderer, layer->get(), window->get(),
            boxField(static_cast<int>(state.range(0))));
  state.counters["render_scale"] = (*renderer)->renderScale();
  state.counters["msaa"] = (*renderer)->msaaSamples();
  layer->reset();
  renderer->reset();
}

// 4167 boxes x 12 triangles = 50k triangles: the 60 fps target scene.
// Arguments: boxes, MSAA samples, render scale in percent, PCF (3: 3x3, 2: 2x2); 0 = automatic.
// The last row is the software-window profile (what a window on lavapipe picks by itself).
BENCHMARK(BM_FrameOffscreen)
    ->ArgsProduct({{100, 1000, 4167, 10000}, {4, 1}, {100}, {3}})
    ->Args({4167, 4, 50, 3})
    ->Args({4167, 1, 50, 3})
    ->Args({4167, 1, 75, 3})
    ->Args({4167, 1, 50, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_FrameMovingCasters)
    ->Args({4167, 1, 100, 3})
    ->Args({4167, 1, 50, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_FrameOffscreenParts)
    ->Args({100, 1, 0, 0, 100})
    ->Args({100, 1, 2048, 0, 100})
    ->Args({100, 1, 1024, 0, 100})
    ->Args({100, 1, 0, 1, 100})
    ->Args({100, 4, 0, 0, 100})
    ->Args({4167, 1, 0, 0, 100})
    ->Args({4167, 1, 0, 0, 50})
    ->Args({4167, 1, 1024, 0, 100})
    ->Args({4167, 1, 1024, 0, 50})
    ->Args({4167, 1, 1024, 1, 100})
    ->Args({4167, 1, 1024, 1, 50})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_FrameWindowed)
    ->ArgsProduct({{100, 1000, 4167, 10000}, {4, 1}, {100}, {3}})
    ->ArgsProduct({{100, 1000, 4167, 10000}, {0}, {0}, {0}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

} // namespace

BENCHMARK_MAIN();
