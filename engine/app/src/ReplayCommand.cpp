#include "ReplayCommand.h"

#include "OffscreenScreenshot.h"
#include "Session.h"
#include "Workstation.h"
#include "skillsim/app/AssetsFolder.h"
#include "skillsim/app/Cli.h"
#include "skillsim/app/CourseView.h"
#include "skillsim/app/OrbitControl.h"
#include "skillsim/app/ReplayModel.h"
#include "skillsim/app/TakeOver.h"

#include <skillsim/core/Hash.h>
#include <skillsim/core/OrbitView.h>
#include <skillsim/messages/FindingText.h>
#include <skillsim/platform/Bindings.h>
#include <skillsim/platform/InputDevices.h>
#include <skillsim/platform/Window.h>
#include <skillsim/records/TraceReader.h>
#include <skillsim/records/TraceVerifier.h>
#include <skillsim/render/Renderer.h>
#include <skillsim/scenario/ScenarioLoader.h>
#include <skillsim/ui/DeductionText.h>
#include <skillsim/ui/HudGuide.h>
#include <skillsim/ui/ImGuiLayer.h>
#include <skillsim/ui/ReplayTimeline.h>
#include <skillsim/ui/ViewPointer.h>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <deque>
#include <filesystem>
#include <memory>
#include <numbers>
#include <optional>
#include <ostream>
#include <sstream>

namespace skillsim::app {
namespace {

/** One command of the --script test seam. */
struct ScriptStep {
  std::string verb;   ///< seek, speed, play, step, quit
  double value = 0.0; ///< s (seek, play) or times real time (speed)
};

core::Expected<std::deque<ScriptStep>> parseScript(const std::string& script) {
  std::deque<ScriptStep> steps;
  std::stringstream all(script);
  std::string part;
  int index = 0;
  while (std::getline(all, part, ';')) {
    ++index;
    std::istringstream words(part);
    ScriptStep s;
    if (!(words >> s.verb)) {
      continue;
    }
    const bool takesValue = s.verb == "seek" || s.verb == "speed" || s.verb == "play" ||
                            s.verb == "camera" || s.verb == "orbit";
    if (!takesValue && s.verb != "step" && s.verb != "quit" && s.verb != "takeover") {
      return core::makeError(core::ErrorCode::InvalidInput,
                             "--script command " + std::to_string(index) + ": unknown '" + s.verb +
                                 "' (seek S, speed X, play S, step, camera N, orbit D, takeover, "
                                 "quit)");
    }
    if (s.verb == "orbit" && (!(words >> s.value) || !std::isfinite(s.value))) {
      return core::makeError(core::ErrorCode::InvalidInput,
                             "--script command " + std::to_string(index) +
                                 ": 'orbit' needs a number of degrees");
    }
    if (s.verb != "orbit" && takesValue &&
        (!(words >> s.value) || !std::isfinite(s.value) || s.value < 0.0)) {
      return core::makeError(core::ErrorCode::InvalidInput, "--script command " +
                                                                std::to_string(index) + ": '" +
                                                                s.verb + "' needs a number >= 0");
    }
    if (s.verb == "speed" && std::find(ui::kReplaySpeeds.begin(), ui::kReplaySpeeds.end(),
                                       s.value) == ui::kReplaySpeeds.end()) {
      return core::makeError(core::ErrorCode::InvalidInput,
                             "--script command " + std::to_string(index) +
                                 ": speed must be 0.25, 0.5, 1, 2, 4 or 8");
    }
    steps.push_back(s);
  }
  return steps;
}

/** The scenario under `dir` whose hash the trace records. */
core::Expected<scenario::Scenario> scenarioOf(const core::Digest& hash, const std::string& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return core::makeError(core::ErrorCode::NotFound,
                           dir + ": no such folder (--scenarios names where the scenarios are)");
  }
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir, ec)) {
    if (e.path().extension() == ".toml") {
      files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    auto s = scenario::loadScenario(f, commandLineLoadOptions());
    if (s && s->hash == hash) {
      return std::move(*s);
    }
  }
  return core::makeError(core::ErrorCode::NotFound, "no scenario under " + dir + " has hash " +
                                                        core::toHex(hash) +
                                                        " (the one the trace was recorded on)");
}

/** The marks with their plain words, made now in the session's language. */
std::vector<ui::ReplayMark> markViews(const ReplayModel& model, const ui::I18n& text,
                                      const messages::MessageTemplates& templates,
                                      const messages::MessageContext& context) {
  std::vector<ui::ReplayMark> marks;
  const double rate = model.tickRate();
  const auto& phases = model.scenario().rubric.phases;
  for (const TimelineMark& m : model.marks()) {
    ui::ReplayMark v;
    v.time = static_cast<double>(m.tick) / rate;
    char points[32] = "";
    switch (m.kind) {
    case TimelineMarkKind::Deduction:
      v.kind = ui::ReplayMarkKind::Deduction;
      std::snprintf(points, sizeof points, " -%g ", m.deduction->points);
      v.text = text.text("replay.deduction") + points + text.text("replay.points") + ": " +
               messages::deductionText(*m.deduction, model.result(), templates, context);
      break;
    case TimelineMarkKind::Veto:
      v.kind = ui::ReplayMarkKind::Veto;
      v.text = text.text("replay.veto") + ": " +
               messages::vetoText(*m.veto, model.result(), templates, context);
      break;
    case TimelineMarkKind::PhaseStart:
    case TimelineMarkKind::PhaseEnd: {
      v.kind = ui::ReplayMarkKind::Phase;
      std::size_t n = 0;
      for (std::size_t i = 0; i < phases.size(); ++i) {
        n = phases[i].id == m.phaseId ? i + 1 : n;
      }
      v.text = text.text(m.kind == TimelineMarkKind::PhaseStart ? "replay.phase_start"
                                                                : "replay.phase_end") +
               " " + std::to_string(n) + " / " + std::to_string(phases.size());
      break;
    }
    }
    marks.push_back(std::move(v));
  }
  return marks;
}

std::uint64_t tickAt(double seconds, std::uint32_t rate) {
  return static_cast<std::uint64_t>(std::llround(std::max(0.0, seconds) * rate));
}

} // namespace

CLI::App* addReplayCommand(CLI::App& cli, ReplayCommandOptions& o) {
  CLI::App* cmd = cli.add_subcommand(
      "replay", "Watch a recorded attempt in a window: a timeline with its deductions, seek, "
                "play at 0.25x-8x, step a tick, choose the camera, take over as a new practice "
                "attempt");
  cmd->add_option("trace", o.trace, "The .sktrace file")->required();
  cmd->add_option("--scenarios", o.scenariosDir,
                  "Folder of scenarios, searched for the trace's (default: scenarios)");
  cmd->add_option("--lang", o.lang, "zh-CN or en (default: from the locale)");
  cmd->add_option("--gpu", o.gpu, "Vulkan device (skillsim --gpu list)");
  cmd->add_option("--script", o.script,
                  "Tests: 'seek S; speed X; play S; step; quit' instead of the mouse");
  cmd->add_option("--screenshot", o.screenshot, "Tests, with --script: a PNG at quit");
  cmd->add_option("--take-over-at", o.takeOverAt,
                  "Take over at once at this many seconds into the attempt (a new practice "
                  "attempt from that state)");
  cmd->add_option("--trainee", o.trainee,
                  "Who takes over (default: the replayed attempt's trainee)");
  cmd->add_option("--input", o.input,
                  "Take over with this trace's ticks after the take-over tick instead of the "
                  "devices (scripts, tests)");
  cmd->add_option("--db", o.db, "Results store for the take-over (as run --db)");
  cmd->add_flag("--no-store", o.noStore, "Do not record the take-over in the results store");
  return cmd;
}

int runReplay(const ReplayCommandOptions& o, std::ostream& out, std::ostream& err) {
  auto language = runLanguage(o.lang);
  if (!language) {
    err << language.error().toString() << '\n';
    return kExitUsage;
  }
  auto script = parseScript(o.script);
  if (!script) {
    err << "skillsim replay: " << script.error().toString() << '\n';
    return kExitUsage;
  }
  const bool scripted = !o.script.empty();
  auto trace = records::TraceReader::read(o.trace);
  if (!trace) {
    err << trace.error().toString() << '\n';
    return kExitFailure;
  }
  auto scenario = scenarioOf(trace->header.scenarioHash, o.scenariosDir);
  if (!scenario) {
    err << o.trace << ": " << scenario.error().toString() << '\n';
    return kExitFailure;
  }
  auto made = ReplayModel::create(*scenario, trace->actions);
  if (!made) {
    err << o.trace << ": " << made.error().toString() << '\n';
    return kExitFailure;
  }
  ReplayModel& model = **made;
  RunOptions runOptions;
  runOptions.scenario = scenario->scenarioFile.string();
  runOptions.gpu = o.gpu;
  runOptions.db = o.db;
  runOptions.noStore = o.noStore;
  runOptions.observer = o.observer;
  Session session(runOptions, *language);
  auto text = session.text(runOptions.scenario);
  if (!text) {
    err << text.error().toString() << '\n';
    return kExitFailure;
  }
  auto templates = ui::messageTemplates(**text);
  if (!templates) {
    err << templates.error().toString() << '\n';
    return kExitFailure;
  }
  const messages::MessageContext context =
      messages::makeContext(scenario->machine ? &*scenario->machine : nullptr, scenario->labels);
  ui::ReplayTimelineModel timeline;
  timeline.marks = markViews(model, **text, *templates, context);
  const double rate = model.tickRate();
  timeline.length = std::max(1.0, static_cast<double>(model.length())) / rate;
  timeline.keyframesTotal = model.length() / model.keyframeInterval();
  const std::string title = session.chinese() ? scenario->titleZh : scenario->titleEn;
  auto shown = session.window("SkillSim replay - " + title);
  if (!shown) {
    err << shown.error().toString() << '\n';
    return kExitFailure;
  }
  platform::Window& window = *(*shown)->window;
  render::Renderer& renderer = *(*shown)->renderer;
  ui::ImGuiLayer& layer = *(*shown)->layer;
  bool quit = false;
  const CourseView course(*scenario, true);
  // The views: the scenario's cameras (as declared), then the free camera, which starts where the
  // view stands when it is chosen. Display only: no view reaches the simulation.
  const auto cameras = model.current().simulation().cameraNames();
  timeline.cameras = ui::cameraLabels(scenario->simulation.cameras, **text);
  timeline.cameras.resize(cameras.size());
  for (std::size_t i = 0; i < cameras.size(); ++i) {
    if (timeline.cameras[i].empty()) {
      timeline.cameras[i] = cameras[i];
    }
  }
  timeline.cameras.push_back((*text)->text("replay.free_camera"));
  const std::size_t freeCamera = cameras.size();
  std::size_t namedCamera = 0; ///< The scenario camera the free camera started from.
  std::optional<core::OrbitView> freeView;
  // One InputDevices per window at a time: a take-over's attempt makes its own meanwhile.
  std::optional<platform::InputDevices> devices(std::in_place, window);
  platform::RawInput raw;
  const platform::Bindings bindings = platform::defaultBindings(
      scenario->machine ? scenario->machine->controls : core::ControlLayout{});
  core::SceneView view;
  const auto chooseCamera = [&](std::size_t index) {
    index = std::min(index, freeCamera);
    if (index == freeCamera && timeline.camera != freeCamera) {
      freeView = core::OrbitView::lookingFrom(glm::dvec3(view.camera.position),
                                              glm::dvec3(view.camera.target));
    } else if (index != freeCamera) {
      namedCamera = index;
    }
    timeline.camera = index;
  };
  // Take over: a new practice attempt from the state shown, in this window, through the
  // workstation's attempt loop (it re-simulates the parent's inputs to the tick first).
  std::optional<int> takenOver;
  const auto takeOver = [&](std::uint64_t tick) {
    auto point = takeOverPoint(*trace, o.trace, *scenario, static_cast<double>(tick) / rate);
    if (!point) {
      err << "skillsim replay: " << point.error().toString() << '\n';
      takenOver = kExitFailure;
      return;
    }
    RunOptions attempt = runOptions;
    attempt.trainee = o.trainee.empty() ? trace->header.traineeId : o.trainee;
    attempt.mode = "practice";
    attempt.input = o.input;
    out << "take over: "
        << records::describeTakeOver({trace->fileHash, point->tick}, model.tickRate())
        << (trace->header.mode == records::AttemptMode::Exam
                ? "; the replayed attempt was an exam, the take-over is practice"
                : "")
        << '\n';
    attempt.takeOver = std::make_shared<const TakeOverPoint>(std::move(*point));
    devices.reset();
    takenOver = runWorkstation(session, attempt, out, err);
    devices.emplace(window);
  };
  if (o.takeOverAt >= 0.0) {
    takeOver(tickAt(o.takeOverAt, model.tickRate()));
    quit = true;
  }
  model.startBackgroundKeyframes();
  double backlog = 0.0;
  double playLeft = 0.0; ///< s of display time the script still plays
  int status = kExitOk;
  auto last = std::chrono::steady_clock::now();
  const auto drawFrame = [&](float dt) {
    layer.beginFrame(dt);
    timeline.position = static_cast<double>(model.position()) / rate;
    timeline.tick = model.position();
    timeline.keyframesReady = model.keyframesReady();
    timeline.canTakeOver = model.position() < model.length();
    const ui::ReplayTimelineActions a = ui::drawReplayTimeline(timeline, **text);
    layer.endFrame();
    return a;
  };
  while (!window.shouldClose() && !quit) {
    if (o.observer.onFrame) {
      o.observer.onFrame(window);
    }
    window.pollEvents();
    devices->poll(raw);
    const auto now = std::chrono::steady_clock::now();
    double dt = std::min(0.1, std::chrono::duration<double>(now - last).count());
    last = now;
    if (scripted) {
      dt = 1.0 / 60.0; // the seam plays by frames, not by the clock
      if (playLeft <= 0.0 && !script->empty()) {
        const ScriptStep s = script->front();
        script->pop_front();
        if (s.verb == "seek") {
          model.seek(tickAt(s.value, model.tickRate()));
          backlog = 0.0;
        } else if (s.verb == "speed") {
          timeline.speed = s.value;
        } else if (s.verb == "play") {
          playLeft = s.value;
          timeline.playing = true;
        } else if (s.verb == "step") {
          model.step(1);
        } else if (s.verb == "camera") {
          chooseCamera(static_cast<std::size_t>(s.value));
        } else if (s.verb == "orbit" && freeView) {
          freeView->orbitBy(-s.value * std::numbers::pi / 180.0, 0.0);
        } else if (s.verb == "takeover") {
          takeOver(model.position());
          quit = true;
        } else if (s.verb == "quit") {
          quit = true;
        }
      } else if (playLeft <= 0.0) {
        quit = true; // a script that does not say quit ends with its last command
      }
    }
    if (timeline.playing) {
      const double shownDt = scripted ? std::min(dt, playLeft) : dt;
      backlog += shownDt * timeline.speed;
      playLeft -= shownDt;
      const auto due = static_cast<std::uint64_t>(std::floor(backlog * rate + 1e-9));
      backlog -= static_cast<double>(model.step(due)) / rate;
      if (model.position() >= model.length() || (scripted && playLeft <= 1e-12)) {
        timeline.playing = false;
        backlog = 0.0;
      }
    }
    // The keyframes are built by the model's background worker: this thread never waits for one.
    if (quit) {
      break;
    }
    const ui::ReplayTimelineActions a = drawFrame(static_cast<float>(std::max(dt, 1e-3)));
    if (a.seekTo) {
      model.seek(tickAt(*a.seekTo, model.tickRate()));
      backlog = 0.0;
    }
    if (a.togglePlay) {
      timeline.playing = !timeline.playing && model.position() < model.length();
      backlog = 0.0;
    }
    if (a.stepTick) {
      timeline.playing = false;
      model.step(1);
    }
    if (a.speed) {
      timeline.speed = *a.speed;
    }
    if (a.camera) {
      chooseCamera(*a.camera);
    }
    if (a.takeOver) {
      timeline.playing = false;
      takeOver(model.position());
      if (*takenOver != kExitOk) {
        status = *takenOver;
      }
      last = std::chrono::steady_clock::now(); // the attempt's time is not the replay's
      continue;
    }
    if (timeline.camera == freeCamera && freeView && !scripted) {
      // Mouse drag over the 3D view and the wheel, or the keypad, as the workstation's orbit.
      const OrbitStep turn = orbitStep(raw, bindings, ui::viewPointer(), dt);
      freeView->orbitBy(turn.deltaYaw, turn.deltaPitch, turn.zoomFactor);
    }
    course.fill(model.current().simulation(),
                cameras.empty() ? std::string() : cameras[namedCamera],
                course.aids(model.current().simulation(),
                            course.targetOf(model.current().steps().currentTarget())),
                view);
    if (timeline.camera == freeCamera && !freeView) { // a scenario without cameras of its own
      freeView = core::OrbitView::lookingFrom(glm::dvec3(view.camera.position),
                                              glm::dvec3(view.camera.target));
    }
    if (timeline.camera == freeCamera && freeView) {
      view.camera.position = glm::vec3(freeView->eye());
      view.camera.target = glm::vec3(freeView->focus);
    }
    if (auto frame = renderer.render(view); !frame) {
      err << frame.error().toString() << '\n';
      status = kExitFailure;
      break;
    }
  }
  renderer.waitIdle();
  if (renderer.validationEnabled()) {
    out << "replay closed; validation messages " << renderer.validationMessageCount() << '\n';
  }
  (*shown)->layer.reset(); // one Dear ImGui context at a time (the screenshot makes its own)
  out << "replay: tick " << model.position() << " t "
      << static_cast<double>(model.position()) / rate << " s of "
      << static_cast<double>(model.length()) / rate << " s, " << timeline.marks.size()
      << " marks, state " << core::toHex(model.stateHash()) << ", camera "
      << (timeline.camera == freeCamera ? std::string("free")
          : cameras.empty()             ? std::string()
                                        : cameras[namedCamera])
      << '\n';
  if (takenOver) {
    return *takenOver;
  }
  if (scripted && !o.screenshot.empty() && status == kExitOk) {
    // The same view and timeline drawn offscreen (a window cannot be read back).
    if (!writeOffscreenScreenshot(
            view, o.gpu, o.screenshot,
            [&] {
              timeline.position = static_cast<double>(model.position()) / rate;
              timeline.tick = model.position();
              (void)ui::drawReplayTimeline(timeline, **text);
            },
            out, err)) {
      return kExitFailure;
    }
  }
  return status;
}

} // namespace skillsim::app
