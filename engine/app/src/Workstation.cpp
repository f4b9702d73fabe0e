#include "Workstation.h"

#include "AssetsFolder.h"

#include "skillsim/app/Cli.h"
#include "skillsim/app/ScorePrinter.h"

#include <skillsim/assessment/Assessor.h>
#include <skillsim/core/Hash.h>
#include <skillsim/core/Version.h>
#include <skillsim/platform/Bindings.h>
#include <skillsim/platform/InputDevices.h>
#include <skillsim/platform/InputMapper.h>
#include <skillsim/platform/Window.h>
#include <skillsim/records/AttemptRecorder.h>
#include <skillsim/records/TraceReader.h>
#include <skillsim/records/TraceWriter.h>
#include <skillsim/records/UserDirs.h>
#include <skillsim/records/WorkstationKey.h>
#include <skillsim/render/Renderer.h>
#include <skillsim/scenario/ScenarioLoader.h>
#include <skillsim/sim/Simulation.h>
#include <skillsim/ui/Hud.h>
#include <skillsim/ui/I18n.h>
#include <skillsim/ui/ImGuiLayer.h>
#include <skillsim/ui/ResultsScreen.h>

#include <chrono>
#include <ctime>
#include <map>
#include <memory>
#include <optional>
#include <ostream>

namespace skillsim::app {
namespace {

/** One attempt in progress: simulation, assessor and the trace being written. */
struct Attempt {
  std::unique_ptr<sim::Simulation> simulation;
  std::unique_ptr<assessment::Assessor> assessor;
  std::optional<records::TraceWriter> writer;
  std::filesystem::path tracePath;
  std::int64_t startUtc = 0;
};

core::Expected<Attempt> startAttempt(const scenario::Scenario& s, const RunOptions& o,
                                     records::AttemptMode mode,
                                     const records::WorkstationKey& key) {
  Attempt a;
  auto simulation = sim::Simulation::create(s.simulation);
  if (!simulation) {
    return std::move(simulation).error();
  }
  a.simulation = std::move(*simulation);
  a.assessor = std::make_unique<assessment::Assessor>(s.standard, s.rubric, s.id);
  a.startUtc = static_cast<std::int64_t>(std::time(nullptr)); // metadata only, never simulated
  records::TraceHeader header;
  header.scenarioId = s.id;
  header.scenarioVersion = s.version;
  header.scenarioHash = s.hash;
  header.tickRate = s.tickRate;
  header.traineeId = o.trainee;
  header.mode = mode;
  header.startUtc = a.startUtc;
  if (s.machine) {
    header.setControls(s.machine->controls);
  }
  const auto dir = records::defaultDataDir() / "traces";
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  a.tracePath = dir / (o.trainee + "-" + std::to_string(a.startUtc) + ".sktrace");
  auto writer = records::TraceWriter::create(a.tracePath, header, key);
  if (!writer) {
    return std::move(writer).error();
  }
  a.writer.emplace(std::move(*writer));
  return a;
}

/** Playback runs this many times faster than real time (the display only follows it). */
constexpr double kPlaybackSpeed = 20.0;

} // namespace

render::RendererOptions windowRendererOptions(platform::Window& window, const RunOptions& options,
                                              double frameCapHz) {
  render::RendererOptions ro;
  ro.width = window.framebufferSize().width;
  ro.height = window.framebufferSize().height;
  ro.surfaceFactory = window.surfaceFactory();
  ro.instanceExtensions = window.requiredInstanceExtensions();
  ro.frameCapHz = frameCapHz;
  ro.gpu = options.gpu;
  ro.renderScale = options.renderScale;
  return ro;
}

int runWorkstation(const RunOptions& o, std::ostream& out, std::ostream& err) {
  if (o.trainee.empty()) {
    err << "skillsim run: --trainee ID is needed to take an attempt\n";
    return kExitUsage;
  }
  auto language = ui::languageFromLocale(ui::processLocaleEnvironment());
  if (!o.lang.empty()) {
    auto parsed = ui::parseLanguage(o.lang);
    if (!parsed) {
      err << parsed.error().toString() << '\n';
      return kExitUsage;
    }
    language = *parsed;
  }
  auto scenario = scenario::loadScenario(o.scenario);
  if (!scenario) {
    err << scenario.error().toString() << '\n';
    return kExitFailure;
  }
  const auto assets = findAssetsFolder(o.scenario);
  if (!assets) {
    err << "skillsim run: no assets/ folder (i18n, input bindings) found above " << o.scenario
        << " or the current folder\n";
    return kExitFailure;
  }
  auto text = ui::I18n::load(*assets, language);
  if (!text) {
    err << text.error().toString() << '\n';
    return kExitFailure;
  }
  const core::ControlLayout controls =
      scenario->machine ? scenario->machine->controls : core::ControlLayout{};
  // The machine's declared bindings, unless the trainee names a file or assets/input/<kind>.toml
  // overrides them for this workstation.
  std::filesystem::path bindingsFile = o.bindings;
  if (bindingsFile.empty() && scenario->machine) {
    const auto local = *assets / "input" / (scenario->machine->kind + ".toml");
    if (std::filesystem::is_regular_file(local)) {
      bindingsFile = local;
    }
  }
  auto bindings = bindingsFile.empty()
                      ? core::Expected<platform::Bindings>(platform::defaultBindings(controls))
                      : platform::loadBindings(bindingsFile, controls);
  if (!bindings) {
    err << bindings.error().toString() << '\n';
    return kExitFailure;
  }
  auto key = records::WorkstationKey::loadOrCreate(records::defaultConfigDir());
  if (!key) {
    err << key.error().toString() << '\n';
    return kExitFailure;
  }
  const bool practice = o.mode == "practice";
  const auto mode = practice ? records::AttemptMode::Practice : records::AttemptMode::Exam;
  const bool chinese = language == ui::Language::ChineseSimplified;

  auto window = platform::Window::create(
      {.title = "SkillSim - " + (chinese ? scenario->titleZh : scenario->titleEn)});
  if (!window) {
    err << window.error().toString() << '\n';
    return kExitFailure;
  }
  auto renderer = render::Renderer::create(windowRendererOptions(**window, o, 60.0));
  if (!renderer) {
    err << renderer.error().toString() << '\n';
    return kExitFailure;
  }
  auto layer = ui::ImGuiLayer::create(**renderer, window->get());
  if (!layer) {
    err << layer.error().toString() << '\n';
    return kExitFailure;
  }
  platform::InputDevices devices(**window);
  platform::InputMapper mapper(*bindings, controls);

  // Playback: a recorded trace drives the controls instead of the devices (tests, demos).
  std::optional<records::Trace> playback;
  if (!o.input.empty()) {
    auto trace = records::TraceReader::read(o.input);
    if (!trace) {
      err << trace.error().toString() << '\n';
      return kExitFailure;
    }
    if (trace->header.scenarioHash != scenario->hash) {
      err << o.input << ": recorded on another version of the scenario (hash "
          << core::toHex(trace->header.scenarioHash) << ")\n";
      return kExitFailure;
    }
    if (auto ok = records::checkTraceControls(*trace, o.input, controls); !ok) {
      err << ok.error().toString() << '\n';
      return kExitFailure;
    }
    playback = std::move(*trace);
  }
  double resultsShownFor = 0.0;

  auto attempt = startAttempt(*scenario, o, mode, *key);
  if (!attempt) {
    err << attempt.error().toString() << '\n';
    return kExitFailure;
  }
  const auto cameras = (*attempt).simulation->cameraNames();
  std::size_t camera = 0;
  bool paused = false;
  std::string notice;
  std::optional<ui::ResultsModel> results;
  int status = kExitFailure;
  const double step = 1.0 / scenario->tickRate;
  double backlog = 0.0;
  auto last = std::chrono::steady_clock::now();
  platform::RawInput raw;
  core::SceneView view;
  core::ActionState lastActions;

  while (!(*window)->shouldClose()) {
    (*window)->pollEvents();
    devices.poll(raw);
    const auto now = std::chrono::steady_clock::now();
    const double dt = std::min(0.1, std::chrono::duration<double>(now - last).count());
    last = now;
    Attempt& a = *attempt;

    if (!results) {
      backlog += paused ? 0.0 : dt * (playback ? kPlaybackSpeed : 1.0);
      // While paused the inputs still reach the mapper for the pause key, but no tick runs.
      if (paused) {
        const auto m = mapper.map(raw);
        paused = !(m.pause && practice);
        camera += m.nextCamera ? 1 : 0;
      }
      while (!paused && backlog >= step && !a.assessor->finished() && !a.simulation->stopped()) {
        auto m = mapper.map(raw);
        if (playback) {
          const auto tick = a.simulation->tick();
          m.actions =
              tick < playback->actions.size() ? playback->actions[tick] : core::ActionState{};
        }
        if (m.deviceNotice) {
          notice = *m.deviceNotice;
          out << notice << '\n';
        }
        camera += m.nextCamera ? 1 : 0;
        if (m.pause && practice) {
          paused = true;
        }
        if (auto ok = a.writer->append(m.actions); !ok) {
          err << ok.error().toString() << '\n';
        }
        a.simulation->step(m.actions);
        lastActions = m.actions;
        a.assessor->observe(a.simulation->tick(), a.simulation->events(), a.simulation->metrics(),
                            m.actions);
        backlog -= step;
      }
      if (a.assessor->finished() || a.simulation->stopped()) {
        const auto result = a.assessor->finish();
        (void)a.writer->finish(result);
        a.writer.reset();
        printItemisedScore(result, out);
        std::map<std::string, std::string> titles;
        for (const auto& item : scenario->standard.items) {
          titles[item.id] = chinese ? item.descriptionZh : item.descriptionEn;
        }
        results = ui::makeResultsModel(
            result, titles, chinese ? scenario->titleZh : scenario->titleEn, o.trainee,
            practice ? ui::AttemptMode::Practice : ui::AttemptMode::Exam);
        auto trace = records::TraceReader::read(a.tracePath);
        records::AttemptRecord record;
        record.attemptId = trace ? core::toHex(trace->fileHash) : a.tracePath.filename().string();
        record.traineeId = o.trainee;
        record.scenario = {scenario->id, core::toHex(scenario->hash), scenario->titleZh,
                           scenario->titleEn, scenario->version};
        record.mode = mode;
        record.startUtc = a.startUtc;
        record.result = result;
        record.traceHash = trace ? core::toHex(trace->fileHash) : std::string();
        record.signatureValid = trace && trace->complete;
        record.engineVersion = std::string(core::engineVersion());
        const std::string store = o.db.empty() ? records::defaultStorePath().string() : o.db;
        records::AttemptRecorder recorder(store, records::defaultQueueDir());
        if (auto stored = recorder.record(record); stored) {
          out << "trace " << a.tracePath.string() << "; attempt stored in " << store << '\n';
          status = kExitOk;
        } else {
          err << stored.error().toString() << '\n';
        }
      }
    }

    (*layer)->beginFrame(static_cast<float>(std::max(dt, 1e-3)));
    if (results) {
      resultsShownFor += dt;
      if (ui::drawResultsScreen(*results, *text).backToStart ||
          (playback && resultsShownFor > 1.0)) {
        (*window)->requestClose();
      }
    } else {
      ui::HudModel hud;
      hud.mode = practice ? ui::AttemptMode::Practice : ui::AttemptMode::Exam;
      hud.scenarioTitle = chinese ? scenario->titleZh : scenario->titleEn;
      hud.elapsed = a.simulation->time();
      hud.score = a.assessor->runningScore();
      hud.maxScore = a.assessor->maxScore();
      for (const auto& d : a.assessor->deductions()) {
        hud.deductions.push_back({d.time, d.points, d.reason});
      }
      ui::fillControls(hud, controls, lastActions, language);
      if (const sim::MachineDecl* machine = a.simulation->machine()) {
        ui::fillReadouts(hud, *machine, a.simulation->metrics(), language);
      }
      hud.cameraName = cameras.empty() ? std::string() : cameras[camera % cameras.size()];
      hud.paused = paused;
      hud.notice = notice;
      const auto clicked = ui::drawHud(hud, *text);
      camera += clicked.nextCamera ? 1 : 0;
      if (practice && (clicked.pause || clicked.resume)) {
        paused = clicked.pause;
      }
      if (practice && clicked.restart) {
        (void)a.writer->abandon("restarted by the trainee (practice)");
        auto fresh = startAttempt(*scenario, o, mode, *key);
        if (!fresh) {
          err << fresh.error().toString() << '\n';
          break;
        }
        attempt = std::move(fresh);
        mapper.reset();
        paused = false;
        backlog = 0.0;
      }
    }
    (*layer)->endFrame();
    Attempt& shown = *attempt;
    shown.simulation->fillSceneView(view, cameras.empty()
                                              ? std::string_view()
                                              : std::string_view(cameras[camera % cameras.size()]));
    if (auto frame = (*renderer)->render(view); !frame) {
      err << frame.error().toString() << '\n';
      break;
    }
  }
  if (!results && attempt && (*attempt).writer) {
    (void)(*attempt).writer->abandon("the trainee closed the window before the end");
    err << "skillsim run: attempt abandoned; its trace is " << (*attempt).tracePath.string()
        << '\n';
  }
  (*renderer)->waitIdle();
  layer->reset();
  return status;
}

} // namespace skillsim::app
