// Frame time of the Q2 exam scene as a trainee sees it (issue 14): the scenario's simulation,
// the hall and the crane, the HUD of a running attempt, at 1280x720 from the scenario's first
// camera (the cab), offscreen and in a window (needs a display; Xvfb works). The crane travels
// (4 ticks per frame, bridge at notch 2; the last argument), so the shadow map is redrawn as
// while operating, or stands still (as the 50k-triangle figures of docs/rendering.md).
// Built from the same file before and after the hall (`__has_include` below), so one run can
// compare both builds side by side:
//   build/release/bench/skillsim_bench_exam --benchmark_min_time=3
#include <skillsim/platform/Window.h>
#include <skillsim/render/Renderer.h>
#include <skillsim/scenario/ScenarioLoader.h>
#include <skillsim/sim/Simulation.h>
#include <skillsim/sim/machines/overhead_crane/OverheadCraneSpec.h>
#include <skillsim/ui/Hud.h>
#include <skillsim/ui/I18n.h>
#include <skillsim/ui/ImGuiLayer.h>
#if __has_include(<skillsim/app/CourseView.h>)
#include <skillsim/app/CourseView.h>
#define SKILLSIM_BENCH_COURSE 1
#endif

#include <benchmark/benchmark.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <memory>
#include <optional>

using namespace skillsim;

namespace {

constexpr std::uint32_t kWidth = 1280;
constexpr std::uint32_t kHeight = 720;

double processCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

struct Exam {
  scenario::Scenario scenario;
  std::unique_ptr<sim::Simulation> simulation;
  ui::I18n text;
#ifdef SKILLSIM_BENCH_COURSE
  std::optional<app::CourseView> course;
#endif
};

std::optional<Exam> loadExam(benchmark::State& state) {
  const std::filesystem::path root(SKILLSIM_SOURCE_DIR);
  auto s = scenario::loadScenario(root / "scenarios/overhead_crane/q2_practical.toml");
  if (!s) {
    state.SkipWithError(s.error().toString().c_str());
    return std::nullopt;
  }
  auto sim = sim::Simulation::create(s->simulation);
  if (!sim) {
    state.SkipWithError(sim.error().toString().c_str());
    return std::nullopt;
  }
  auto text = ui::I18n::load(root / "assets", ui::Language::ChineseSimplified);
  if (!text) {
    state.SkipWithError(text.error().toString().c_str());
    return std::nullopt;
  }
  Exam e{std::move(*s), std::move(*sim), std::move(*text)};
#ifdef SKILLSIM_BENCH_COURSE
  // Practice mode: every aid the scenario allows is drawn (the heaviest frame).
  e.course.emplace(e.scenario, false);
#endif
  return e;
}

void frame(Exam& e, ui::ImGuiLayer& layer, core::SceneView& view, int n, bool moving) {
  core::ActionState drive;
  if (moving) {
    drive.setAxis(sim::crane_controls::kBridgeTravel, (n / 600) % 2 == 0 ? 0.4f : -0.4f);
    for (int i = 0; i < 4; ++i) {
      e.simulation->step(drive);
    }
  }
  ui::HudModel hud;
  hud.mode = ui::AttemptMode::Practice;
  hud.scenarioTitle = e.scenario.titleZh;
  hud.elapsed = e.simulation->time();
  hud.score = 100.0;
  hud.maxScore = 100.0;
  if (const sim::MachineDecl* machine = e.simulation->machine()) {
    ui::fillControls(hud, machine->controls, drive, ui::Language::ChineseSimplified);
    ui::fillReadouts(hud, *machine, e.simulation->metrics(), ui::Language::ChineseSimplified);
  }
  hud.cameraName = e.scenario.simulation.cameras.front().name;
  const std::string camera = hud.cameraName;
  layer.beginFrame(1.0f / 60.0f);
  (void)ui::drawHud(hud, e.text);
#ifdef SKILLSIM_BENCH_COURSE
  const ui::AidFrame aids = e.course->aids(*e.simulation, std::nullopt);
  e.course->drawHud(aids, *e.simulation, e.text);
  layer.endFrame();
  e.course->fill(*e.simulation, camera, aids, view);
#else
  layer.endFrame();
  e.simulation->fillSceneView(view, camera);
#endif
}

void runFrames(benchmark::State& state, render::Renderer& renderer, ui::ImGuiLayer& layer,
               platform::Window* window, Exam& exam, bool moving) {
  core::SceneView view;
  int n = 0;
  for (int i = 0; i < 3; ++i) {
    frame(exam, layer, view, n++, moving);
    (void)renderer.render(view);
  }
  const double cpuStart = processCpuSeconds();
  for (auto _ : state) {
    if (window != nullptr) {
      window->pollEvents();
    }
    frame(exam, layer, view, n++, moving);
    if (auto status = renderer.render(view); !status) {
      state.SkipWithError(status.error().toString().c_str());
      break;
    }
  }
  renderer.waitIdle();
  state.counters["cpu_ms_per_frame"] =
      (processCpuSeconds() - cpuStart) * 1e3 /
      static_cast<double>(std::max<std::int64_t>(1, state.iterations()));
  state.counters["fps"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  std::size_t triangles = 0;
  for (const core::Instance& i : view.instances) {
    const core::MeshDesc& m = view.meshes[i.mesh.index()];
    triangles += m.kind == core::MeshKind::Box ? 12u
                 : m.kind == core::MeshKind::Plane
                     ? 2u * m.subdivisions * m.subdivisions
                     : 4u * std::max<std::uint32_t>(m.subdivisions, 32u); // round shapes, about
  }
  state.counters["instances"] = static_cast<double>(view.instances.size());
  state.counters["triangles"] = static_cast<double>(triangles);
  state.counters["render_scale"] = renderer.renderScale();
  state.counters["msaa"] = renderer.msaaSamples();
  state.SetLabel(renderer.deviceName());
}

render::RendererOptions options(benchmark::State& state) {
  render::RendererOptions o;
  o.width = kWidth;
  o.height = kHeight;
  o.validation = render::Validation::Off;
  o.msaaSamples = static_cast<std::uint32_t>(state.range(0));
  o.renderScale = static_cast<float>(state.range(1)) / 100.0f;
  o.shadowFilter = state.range(2) == 3   ? render::ShadowFilter::Pcf3x3
                   : state.range(2) == 2 ? render::ShadowFilter::Pcf2x2
                                         : render::ShadowFilter::Automatic;
  o.vsync = false;
  return o;
}

// Arguments: MSAA samples, render scale in percent, PCF (3: 3x3, 2: 2x2; 0 = automatic), and
// whether the crane travels (1: 4 ticks per frame, shadow map redrawn) or the scene stands (0).
void BM_ExamOffscreen(benchmark::State& state) {
  auto exam = loadExam(state);
  if (!exam) {
    return;
  }
  auto renderer = render::Renderer::create(options(state));
  if (!renderer) {
    state.SkipWithError(renderer.error().toString().c_str());
    return;
  }
  auto layer = ui::ImGuiLayer::create(**renderer, nullptr);
  if (!layer) {
    state.SkipWithError(layer.error().toString().c_str());
    return;
  }
  runFrames(state, **renderer, **layer, nullptr, *exam, state.range(3) != 0);
  layer->reset();
}

void BM_ExamWindowed(benchmark::State& state) {
  auto exam = loadExam(state);
  if (!exam) {
    return;
  }
  auto window = platform::Window::create({.width = kWidth, .height = kHeight});
  if (!window) {
    state.SkipWithError(window.error().toString().c_str());
    return;
  }
  render::RendererOptions o = options(state);
  o.surfaceFactory = (*window)->surfaceFactory();
  o.instanceExtensions = (*window)->requiredInstanceExtensions();
  o.width = (*window)->framebufferSize().width;
  o.height = (*window)->framebufferSize().height;
  auto renderer = render::Renderer::create(o);
  if (!renderer) {
    state.SkipWithError(renderer.error().toString().c_str());
    return;
  }
  auto layer = ui::ImGuiLayer::create(**renderer, window->get());
  if (!layer) {
    state.SkipWithError(layer.error().toString().c_str());
    return;
  }
  runFrames(state, **renderer, **layer, window->get(), *exam, state.range(3) != 0);
  layer->reset();
  renderer->reset();
}

// Offscreen: the software profile (render scale 0.5, 1x MSAA, 2x2 PCF) and full quality.
BENCHMARK(BM_ExamOffscreen)
    ->Args({1, 50, 2, 0})
    ->Args({1, 50, 2, 1})
    ->Args({1, 100, 3, 0})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
// Windowed: what a window on lavapipe picks by itself (the software-window profile).
BENCHMARK(BM_ExamWindowed)
    ->Args({0, 0, 0, 0})
    ->Args({0, 0, 0, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

} // namespace

BENCHMARK_MAIN();
