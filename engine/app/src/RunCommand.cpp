#include "RunCommand.h"

#include "Session.h"
#include "StartSession.h"
#include "Workstation.h"
#include "skillsim/app/AssetsFolder.h"

#include "skillsim/app/Cli.h"
#include "skillsim/app/ScorePrinter.h"

#include <skillsim/core/Hash.h>
#include <skillsim/records/AttemptRecorder.h>
#include <skillsim/records/ResultJson.h>
#include <skillsim/records/TraceReader.h>
#include <skillsim/records/UserDirs.h>
#include <skillsim/render/Renderer.h>
#include <skillsim/render/RgbaImage.h>
#include <skillsim/scenario/AttemptRunner.h>
#include <skillsim/scenario/ScenarioLoader.h>
#include <skillsim/ui/Hud.h>
#include <skillsim/ui/I18n.h>
#include <skillsim/ui/ImGuiLayer.h>

#include <cmath>
#include <fstream>
#include <optional>
#include <ostream>

namespace skillsim::app {
namespace {

/** The HUD as the trainee saw it after `tick`. */
ui::HudModel hudAt(const scenario::Scenario& s, const sim::Simulation& sim,
                   const assessment::Assessor& assessor, const core::ActionState& actions,
                   ui::AttemptMode mode, const std::string& camera, bool chinese) {
  ui::HudModel m;
  m.mode = mode;
  m.scenarioTitle = chinese ? s.titleZh : s.titleEn;
  m.elapsed = sim.time();
  m.score = assessor.runningScore();
  m.maxScore = assessor.maxScore();
  for (const auto& d : assessor.deductions()) {
    m.deductions.push_back({d.time, d.points, d.reason});
  }
  const ui::Language language = chinese ? ui::Language::ChineseSimplified : ui::Language::English;
  if (s.machine) {
    ui::fillControls(m, s.machine->controls, actions, language);
    ui::fillReadouts(m, *s.machine, sim.metrics(), language);
  }
  m.cameraName = camera;
  return m;
}

core::Expected<void> screenshot(const sim::Simulation& sim, const ui::HudModel& hud,
                                const ui::I18n& text, const std::string& camera,
                                const std::string& path, const RunOptions& o) {
  auto renderer = render::Renderer::create(
      {.width = 1280, .height = 720, .gpu = o.gpu, .renderScale = o.renderScale});
  if (!renderer) {
    return std::move(renderer).error();
  }
  auto layer = ui::ImGuiLayer::create(**renderer, nullptr);
  if (!layer) {
    return std::move(layer).error();
  }
  (*layer)->beginFrame(1.0f / 60.0f);
  ui::drawHud(hud, text);
  (*layer)->endFrame();
  core::SceneView view;
  sim.fillSceneView(view, camera);
  if (auto frame = (*renderer)->render(view); !frame) {
    return std::move(frame).error();
  }
  auto image = (*renderer)->readPixels();
  if (!image) {
    return std::move(image).error();
  }
  layer->reset(); // before the renderer (ImGuiLayer's contract)
  return render::writePng(*image, path);
}

} // namespace

int runRun(const RunOptions& o, std::ostream& out, std::ostream& err) {
  auto language = runLanguage(o.lang); // parsed once for the run
  if (!language) {
    err << language.error().toString() << '\n';
    return kExitUsage;
  }
  if (!o.headless) {
    return o.scenario.empty() ? runStartSession(o, *language, out, err)
                              : runWorkstation(o, *language, out, err);
  }
  if (o.scenario.empty()) {
    err << "skillsim run: --headless needs a SCENARIO file\n";
    return kExitUsage;
  }
  if (o.input.empty()) {
    err << "skillsim run: --headless needs --input TRACE (a recorded .sktrace)\n";
    return kExitUsage;
  }
  Session session(o, *language);
  auto scenario = scenario::loadScenario(o.scenario, commandLineLoadOptions());
  if (!scenario) {
    err << scenario.error().toString() << '\n';
    return kExitFailure;
  }
  auto trace = records::TraceReader::read(o.input);
  if (!trace) {
    err << trace.error().toString() << '\n';
    return kExitFailure;
  }
  if (trace->actions.empty()) {
    err << o.input << ": the trace holds no ticks; nothing to replay\n";
    return kExitFailure;
  }
  if (trace->header.scenarioHash != scenario->hash) {
    err << o.input << ": recorded on scenario '" << trace->header.scenarioId << "' with hash "
        << core::toHex(trace->header.scenarioHash) << ", but " << o.scenario << " has hash "
        << core::toHex(scenario->hash) << "; replay it on the scenario it was recorded on\n";
    return kExitFailure;
  }
  if (scenario->machine) {
    if (auto ok = records::checkTraceControls(*trace, o.input, scenario->machine->controls); !ok) {
      err << ok.error().toString() << '\n';
      return kExitFailure;
    }
  }
  const ui::AttemptMode mode =
      (o.mode.empty() ? trace->header.mode == records::AttemptMode::Exam : o.mode == "exam")
          ? ui::AttemptMode::Exam
          : ui::AttemptMode::Practice;
  const auto cameras = scenario->simulation.cameras;
  const std::string camera = cameras.empty() ? std::string() : cameras.front().name;
  const std::uint64_t shotTick =
      o.at < 0.0 ? trace->actions.size() - 1
                 : static_cast<std::uint64_t>(std::llround(o.at * scenario->tickRate));
  std::optional<ui::HudModel> hud;
  std::optional<core::Error> shotError;
  const ui::I18n* text = nullptr;
  if (!o.screenshot.empty()) {
    auto loaded = session.text(o.scenario);
    if (!loaded) {
      err << loaded.error().toString() << '\n';
      return kExitFailure;
    }
    text = *loaded;
  }
  auto runner = scenario::AttemptRunner::create(*scenario);
  if (!runner) {
    err << runner.error().toString() << '\n';
    return kExitFailure;
  }
  (*runner)->addObserver([&](const scenario::AttemptTick& t) {
    if (text && !shotError &&
        t.index == std::min<std::uint64_t>(shotTick, trace->actions.size() - 1)) {
      hud = hudAt(*scenario, t.simulation, t.assessor, t.actions, mode, camera, session.chinese());
      if (auto ok = screenshot(t.simulation, *hud, *text, camera, o.screenshot, o); !ok) {
        shotError = ok.error();
      }
    }
  });
  (*runner)->addObserver(o.observer.onTick);
  scenario::RecordedInputs inputs(trace->actions);
  const assessment::AttemptResult result = (*runner)->run(inputs);
  if (o.observer.onResult) {
    o.observer.onResult(result);
  }
  printItemisedScore(result, out);
  if (trace->result && !(*trace->result == result)) {
    err << "skillsim run: warning: the replayed result differs from the one recorded in " << o.input
        << " (recorded by build " << trace->header.buildId << ")\n";
  }

  records::TraceHeader header = trace->header;
  header.traineeId = o.trainee.empty() ? trace->header.traineeId : o.trainee;
  header.mode =
      mode == ui::AttemptMode::Exam ? records::AttemptMode::Exam : records::AttemptMode::Practice;
  const auto record = session.attemptRecord(*scenario, header, result, core::toHex(trace->fileHash),
                                            "", trace->complete, trace->header.engineVersion);

  int status = kExitOk;
  if (!o.report.empty()) {
    std::ofstream file(o.report, std::ios::binary);
    file << records::attemptToJson(record, 2) << '\n';
    if (!file) {
      err << o.report << ": cannot write the report\n";
      status = kExitFailure;
    } else {
      out << "report: " << o.report << '\n';
    }
  }
  if (!o.screenshot.empty()) {
    if (shotError) {
      err << o.screenshot << ": no screenshot: " << shotError->toString() << '\n';
      status = kExitFailure;
    } else if (hud) {
      out << "screenshot: " << o.screenshot << " (t = " << hud->elapsed << " s)\n";
    }
  }
  if (!o.noStore) {
    const std::string& store = session.storePath();
    records::AttemptRecorder recorder(store, records::defaultQueueDir());
    auto stored = recorder.record(record);
    if (!stored) {
      err << stored.error().toString() << '\n';
      status = kExitFailure;
    } else if (stored->outcome == records::AttemptRecorder::Outcome::Stored) {
      out << "stored in " << store << '\n';
    } else {
      out << "store unavailable (" << stored->reason << "); queued for later\n";
    }
  }
  return status;
}

} // namespace skillsim::app
