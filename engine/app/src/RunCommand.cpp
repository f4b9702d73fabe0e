#include "RunCommand.h"

#include "skillsim/app/CourseView.h"

#include "ProgressBar.h"
#include "Session.h"
#include "StartSession.h"
#include "TraceSearchCli.h"
#include "Workstation.h"
#include "skillsim/app/AssetsFolder.h"

#include "skillsim/app/Cli.h"
#include "skillsim/app/LiveSeat.h"
#include "skillsim/app/ScorePrinter.h"

#include <skillsim/core/Hash.h>
#include <skillsim/records/AttemptRecorder.h>
#include <skillsim/records/LiveSeats.h>
#include <skillsim/records/ResultJson.h>
#include <skillsim/records/TraceReader.h>
#include <skillsim/records/UserDirs.h>
#include <skillsim/render/Renderer.h>
#include <skillsim/render/RgbaImage.h>
#include <skillsim/scenario/AttemptRunner.h>
#include <skillsim/scenario/ScenarioLoader.h>
#include <skillsim/ui/DeductionText.h>
#include <skillsim/ui/Hud.h>
#include <skillsim/ui/HudGuide.h>
#include <skillsim/ui/I18n.h>
#include <skillsim/ui/ImGuiLayer.h>
#include <skillsim/ui/TaskClock.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <optional>
#include <ostream>

namespace skillsim::app {
namespace {

/** The HUD as the trainee saw it after `tick` (the task steps and clock as the workstation's). */
ui::HudModel hudAt(const scenario::Scenario& s, const sim::Simulation& sim,
                   const assessment::Assessor& assessor, const scenario::StepTracker& steps,
                   const ui::ClockReading& clock, const core::ActionState& actions,
                   ui::AttemptMode mode, const std::string& camera, bool chinese,
                   const messages::MessageTemplates& templates,
                   const messages::MessageContext& context) {
  ui::HudModel m;
  m.mode = mode;
  m.scenarioTitle = chinese ? s.titleZh : s.titleEn;
  m.elapsed = clock.elapsed;
  m.targetTime = clock.target;
  m.targetElapsed = clock.phaseElapsed;
  for (std::size_t i = 0; i < steps.steps().size(); ++i) {
    m.steps.push_back(
        {chinese ? steps.steps()[i].textZh : steps.steps()[i].textEn, i < steps.current()});
  }
  m.currentStep = steps.current();
  m.score = assessor.runningScore();
  m.maxScore = assessor.maxScore();
  for (const auto& d : assessor.deductions()) {
    m.deductions.push_back(
        {d.time, d.points, messages::findingText(d.finding, templates, context)});
  }
  const ui::Language language = chinese ? ui::Language::ChineseSimplified : ui::Language::English;
  if (s.machine) {
    ui::fillControls(m, s.machine->controls, actions, language);
    ui::fillReadouts(m, *s.machine, sim.metrics(), language);
  }
  m.cameraName = camera;
  return m;
}

core::Expected<void> screenshot(const scenario::Scenario& scenario, const sim::Simulation& sim,
                                const ui::HudModel& hud, const ui::HudGuideModel& guide,
                                const std::optional<std::string>& targetZone, const ui::I18n& text,
                                const std::string& camera, const std::string& path,
                                const RunOptions& o) {
  auto renderer = render::Renderer::create(
      {.width = 1280, .height = 720, .gpu = o.gpu, .renderScale = o.renderScale});
  if (!renderer) {
    return std::move(renderer).error();
  }
  auto layer = ui::ImGuiLayer::create(**renderer, nullptr);
  if (!layer) {
    return std::move(layer).error();
  }
  // The course and the aids the scenario allows in this mode, pointing at the step's target.
  const CourseView course(scenario, hud.mode == ui::AttemptMode::Exam);
  const ui::AidFrame aids = course.aids(sim, course.targetOf(targetZone));
  (*layer)->beginFrame(1.0f / 60.0f);
  ui::drawHud(hud, text);
  (void)ui::drawHudGuide(guide, text);
  course.drawHud(aids, sim, text);
  (*layer)->endFrame();
  core::SceneView view;
  course.fill(sim, camera, aids, view);
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
    RunOptions at = o;
    if (!o.examSession.empty()) {
      if (o.mode == "practice") {
        err << "skillsim run: --exam-session is for exam attempts; leave out --mode practice\n";
        return kExitUsage;
      }
      const std::string store = o.db.empty() ? records::defaultStorePath().string() : o.db;
      auto found = findOpenExamSession(store, o.examSession);
      if (!found) {
        err << "skillsim run: --exam-session " << o.examSession << ": " << found.error().toString()
            << '\n';
        return found.error().code == core::ErrorCode::Unavailable ? kExitFailure : kExitUsage;
      }
      at.resolvedExamSession = *found;
    } else if (o.mode == "exam") {
      err << "skillsim run: note: no --exam-session: exam attempts taken now belong to no "
             "invigilated session and cannot count towards a certificate\n";
    }
    return o.scenario.empty() ? runStartSession(at, *language, out, err)
                              : runWorkstation(at, *language, out, err);
  }
  if (!o.examSession.empty()) {
    err << "skillsim run: --exam-session is for taking an exam at the workstation; a replay "
           "keeps the session its trace records: leave out --exam-session\n";
    return kExitUsage;
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
  for (const core::Error& warning : scenario->warnings) {
    err << "warning: " << warning.toString() << '\n';
  }
  auto trace = records::TraceReader::read(o.input);
  if (!trace) {
    err << trace.error().toString() << '\n';
    return kExitFailure;
  }
  if (!trace->complete) {
    // docs/trace-format.md: an incomplete trace never yields a result, so it is neither scored
    // nor stored; what is intact is said, so the operator knows how much of it survived.
    err << o.input << ": incomplete trace: ";
    if (trace->actions.empty()) {
      err << "no tick is intact";
    } else {
      char seconds[32];
      std::snprintf(seconds, sizeof seconds, "%.3f",
                    static_cast<double>(trace->actions.size() - 1) /
                        std::max<std::uint32_t>(trace->header.tickRate, 1));
      err << "intact up to tick " << trace->actions.size() - 1 << " (" << seconds
          << " s into the attempt)";
    }
    err << "; no score, nothing stored\n  " << trace->incompleteReason << '\n';
    return kExitFailure;
  }
  if (trace->actions.empty()) {
    err << o.input << ": the trace holds no ticks; nothing to replay\n";
    return kExitFailure;
  }
  // The trace's signed header says who took the attempt and how; a replay may not change that.
  const std::string_view recordedMode = records::toString(trace->header.mode);
  if (!o.mode.empty() && o.mode != recordedMode) {
    err << "skillsim run: " << o.input << " was recorded as "
        << (trace->header.mode == records::AttemptMode::Exam ? "an " : "a ") << recordedMode
        << " attempt; --mode " << o.mode
        << " cannot change that (the trace's header decides the mode): leave out --mode\n";
    return kExitUsage;
  }
  if (!o.trainee.empty() && o.trainee != trace->header.traineeId) {
    err << "skillsim run: " << o.input << " was recorded by trainee '" << trace->header.traineeId
        << "'; --trainee " << o.trainee
        << " cannot change who took it (the trace's header decides the trainee): leave out "
           "--trainee\n";
    return kExitUsage;
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
  const ui::AttemptMode mode = trace->header.mode == records::AttemptMode::Exam
                                   ? ui::AttemptMode::Exam
                                   : ui::AttemptMode::Practice;
  const auto cameras = scenario->simulation.cameras;
  const std::string camera = cameras.empty() ? std::string() : cameras.front().name;
  const std::uint64_t shotTick =
      o.at < 0.0 ? trace->actions.size() - 1
                 : static_cast<std::uint64_t>(std::llround(o.at * scenario->tickRate));
  std::optional<ui::HudModel> hud;
  double shotTime = 0.0; ///< s: when the screenshot was taken
  std::optional<core::Error> shotError;
  // The UI text holds the deduction templates (--lang); a screenshot cannot do without it, the
  // itemised score then prints each finding's data instead of its text.
  const ui::I18n* text = nullptr;
  std::optional<messages::MessageTemplates> templates;
  if (auto loaded = session.text(o.scenario); loaded) {
    text = *loaded;
    auto made = ui::messageTemplates(*text);
    if (!made) {
      err << made.error().toString() << '\n';
      return kExitFailure;
    }
    templates = std::move(*made);
  } else if (!o.screenshot.empty()) {
    err << loaded.error().toString() << '\n';
    return kExitFailure;
  } else {
    err << "warning: " << loaded.error().toString()
        << " (deductions are printed as data, not text)\n";
  }
  const messages::MessageContext messageContext =
      messages::makeContext(scenario->machine ? &*scenario->machine : nullptr, scenario->labels);
  auto runner = scenario::AttemptRunner::create(*scenario);
  if (!runner) {
    err << runner.error().toString() << '\n';
    return kExitFailure;
  }
  ui::TaskClock clock(ui::timedPhases(scenario->rubric), scenario->tickRate);
  ui::ToastQueue toasts;
  (*runner)->addObserver([&](const scenario::AttemptTick& t) {
    if (o.screenshot.empty() || !text || !templates) {
      return;
    }
    if (const sim::MachineDecl* machine = t.simulation.machine()) {
      (void)toasts.add(*machine, t.simulation.events(), t.simulation.time(), session.language(),
                       text);
    }
    if (!shotError && t.index == std::min<std::uint64_t>(shotTick, trace->actions.size() - 1)) {
      const ui::ClockReading reading = clock.update(t.simulation.tick(), t.assessor.phaseTicks());
      hud = hudAt(*scenario, t.simulation, t.assessor, (*runner)->steps(), reading, t.actions, mode,
                  camera, session.chinese(), *templates, messageContext);
      shotTime = t.simulation.time();
      const auto views = ui::cameraLabels(scenario->simulation.cameras, *text);
      hud->cameraName = views.empty() ? std::string() : views.front();
      const ui::HudGuideModel guide{reading, toasts.shown(t.simulation.time()), false, {}};
      if (auto ok = screenshot(*scenario, t.simulation, *hud, guide,
                               (*runner)->steps().currentTarget(), *text, camera, o.screenshot, o);
          !ok) {
        shotError = ok.error();
      }
    }
  });
  (*runner)->addObserver(o.observer.onTick);
  // Live seats (docs/classroom.md): a headless replay with a PostgreSQL store publishes too,
  // about once a second of wall time (the wall clock decides only when, never what is simulated).
  // It applies no instructor commands: it replays a signed trace and records none.
  std::unique_ptr<records::LiveSeatPublisher> publisher;
  const std::string seat = seatName(o.seat);
  if (records::ResultsStore::isPostgresUrl(session.storePath())) {
    if (auto started = records::LiveSeatPublisher::start(session.storePath()); started) {
      publisher = std::move(*started);
    } else {
      err << "skillsim run: live seat " << seat << ": " << started.error().toString() << '\n';
    }
  } else if (!o.seat.empty()) {
    err << "skillsim run: --seat " << o.seat << ": live seats need a PostgreSQL store (--db "
        << "postgresql://...); " << session.storePath()
        << " is an SQLite file, so this replay is not shown in a classroom; it runs and is "
           "stored as usual\n";
  }
  auto lastOffer = std::chrono::steady_clock::now() - std::chrono::seconds(2);
  (*runner)->addObserver([&](const scenario::AttemptTick& t) {
    if (!publisher) {
      return;
    }
    const auto wall = std::chrono::steady_clock::now();
    if (wall - lastOffer < std::chrono::duration<double>(kLiveSeatPublishEveryS) &&
        t.index + 1 < trace->actions.size()) {
      return;
    }
    lastOffer = wall;
    publisher->offer(liveSeatState(seat, trace->header.traineeId,
                                   std::string(records::toString(trace->header.mode)), false,
                                   **runner));
  });
  // A long replay (a big scenario can take minutes) shows progress on a terminal once it has
  // run for 2 s; the wall clock only decides whether to draw, never what is simulated.
  const bool terminal = o.observer.progressTerminal.value_or(stderrIsTerminal(err));
  const auto now = [&o] {
    return o.observer.clock ? o.observer.clock() : std::chrono::steady_clock::now();
  };
  ProgressBar bar(err, terminal, "ticks replayed");
  const auto replayStart = now();
  bool barShown = false;
  const std::uint64_t tickCount = trace->actions.size();
  (*runner)->addObserver([&](const scenario::AttemptTick& t) {
    const bool last = t.index + 1 >= tickCount;
    if (!terminal || (t.index % 64 != 0 && !last)) {
      return;
    }
    if (!barShown && now() - replayStart < std::chrono::seconds(2)) {
      return;
    }
    barShown = true;
    bar(static_cast<std::size_t>(std::min(t.index + 1, tickCount)),
        static_cast<std::size_t>(tickCount));
  });
  scenario::RecordedInputs inputs(trace->actions);
  const assessment::AttemptResult result = (*runner)->run(inputs);
  if (barShown) {
    bar(static_cast<std::size_t>(tickCount), static_cast<std::size_t>(tickCount)); // clears it
  }
  if (o.observer.onResult) {
    o.observer.onResult(result);
  }
  printItemisedScore(
      result, out,
      ScoreText{templates ? &*templates : nullptr, messageContext, &scenario->standard});
  if (trace->result && !(*trace->result == result)) {
    err << "skillsim run: warning: the replayed result differs from the one recorded in " << o.input
        << " (recorded by build " << trace->header.buildId << ")\n";
  }

  const records::TraceHeader& header = trace->header;
  auto record = session.attemptRecord(*scenario, header, result, core::toHex(trace->fileHash), "",
                                      trace->complete, trace->header.engineVersion);
  record.trace = Session::traceBytes(o.input, record.traceHash);

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
      out << "screenshot: " << o.screenshot << " (t = " << shotTime << " s)\n";
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
      if (stored->otherStores > 0) {
        out << stored->otherStores << " queued attempt" << (stored->otherStores == 1 ? "" : "s")
            << " wait for other results stores ('skillsim queue list')\n";
      }
    } else {
      out << "store unavailable (" << stored->reason << "); queued for later\n";
    }
  }
  return status;
}

} // namespace skillsim::app
