#include "RunCommand.h"

#include "AssetsFolder.h"
#include "StartSession.h"
#include "Workstation.h"

#include "skillsim/app/AttemptReplay.h"
#include "skillsim/app/Cli.h"
#include "skillsim/app/ScorePrinter.h"

#include <skillsim/core/Hash.h>
#include <skillsim/records/AttemptRecorder.h>
#include <skillsim/records/ResultJson.h>
#include <skillsim/records/TraceReader.h>
#include <skillsim/records/UserDirs.h>
#include <skillsim/render/Renderer.h>
#include <skillsim/render/RgbaImage.h>
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

int notchOf(const core::ActionState& a, core::Axis axis, int notches) {
  return static_cast<int>(std::lround(a.axis(axis) * static_cast<float>(notches)));
}

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
  if (s.simulation.crane) {
    const auto& c = *s.simulation.crane;
    m.bridge = {notchOf(actions, core::Axis::BridgeTravel, c.bridge.notches), c.bridge.notches};
    m.trolley = {notchOf(actions, core::Axis::TrolleyTravel, c.trolley.notches), c.trolley.notches};
    m.hoist = {notchOf(actions, core::Axis::Hoist, c.hoist.notches), c.hoist.notches};
  }
  ui::fillCraneReadouts(m, sim.metrics());
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
  if (!o.headless) {
    return o.scenario.empty() ? runStartSession(o, out, err) : runWorkstation(o, out, err);
  }
  if (o.scenario.empty()) {
    err << "skillsim run: --headless needs a SCENARIO file\n";
    return kExitUsage;
  }
  if (o.input.empty()) {
    err << "skillsim run: --headless needs --input TRACE (a recorded .sktrace)\n";
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
  std::optional<ui::I18n> text;
  if (!o.screenshot.empty()) {
    const auto assets = findAssetsFolder(o.scenario);
    auto loaded = assets ? ui::I18n::load(*assets, language)
                         : core::Expected<ui::I18n>(core::makeError(
                               core::ErrorCode::NotFound,
                               "no assets/i18n folder found above " + o.scenario + " or here"));
    if (!loaded) {
      err << loaded.error().toString() << '\n';
      return kExitFailure;
    }
    text = std::move(*loaded);
  }
  auto result = replayAttempt(
      *scenario, trace->actions,
      [&](std::uint64_t tick, const sim::Simulation& sim, const assessment::Assessor& assessor) {
        if (text && !shotError &&
            tick == std::min<std::uint64_t>(shotTick, trace->actions.size() - 1)) {
          hud = hudAt(*scenario, sim, assessor, trace->actions[tick], mode, camera,
                      language == ui::Language::ChineseSimplified);
          if (auto ok = screenshot(sim, *hud, *text, camera, o.screenshot, o); !ok) {
            shotError = ok.error();
          }
        }
      });
  if (!result) {
    err << result.error().toString() << '\n';
    return kExitFailure;
  }
  printItemisedScore(*result, out);
  if (trace->result && !(*trace->result == *result)) {
    err << "skillsim run: warning: the replayed result differs from the one recorded in " << o.input
        << " (recorded by build " << trace->header.buildId << ")\n";
  }

  records::AttemptRecord record;
  record.attemptId = core::toHex(trace->fileHash);
  record.traineeId = o.trainee.empty() ? trace->header.traineeId : o.trainee;
  record.scenario = {scenario->id, core::toHex(scenario->hash), scenario->titleZh,
                     scenario->titleEn, scenario->version};
  record.mode =
      mode == ui::AttemptMode::Exam ? records::AttemptMode::Exam : records::AttemptMode::Practice;
  record.startUtc = trace->header.startUtc;
  record.result = *result;
  record.traceHash = core::toHex(trace->fileHash);
  record.signatureValid = trace->complete;
  record.engineVersion = trace->header.engineVersion;

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
    const std::string store = o.db.empty() ? records::defaultStorePath().string() : o.db;
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
