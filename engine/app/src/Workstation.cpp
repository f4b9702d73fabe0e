#include "Workstation.h"

#include "skillsim/app/CourseView.h"

#include "Session.h"
#include "skillsim/app/AssetsFolder.h"

#include "skillsim/app/AttemptControls.h"
#include "skillsim/app/Cli.h"
#include "skillsim/app/LiveSeat.h"
#include "skillsim/app/OrbitControl.h"
#include "skillsim/app/ScorePrinter.h"
#include "skillsim/app/TakeOver.h"

#include <skillsim/core/Hash.h>
#include <skillsim/core/OrbitView.h>
#include <skillsim/core/Version.h>
#include <skillsim/platform/AudioOutput.h>
#include <skillsim/platform/Bindings.h>
#include <skillsim/platform/InputDevices.h>
#include <skillsim/platform/InputMapper.h>
#include <skillsim/platform/Window.h>
#include <skillsim/records/AttemptRecorder.h>
#include <skillsim/records/LiveSeats.h>
#include <skillsim/records/TraceReader.h>
#include <skillsim/records/TraceWriter.h>
#include <skillsim/records/UserDirs.h>
#include <skillsim/records/WorkstationKey.h>
#include <skillsim/render/Renderer.h>
#include <skillsim/scenario/AttemptRunner.h>
#include <skillsim/scenario/ScenarioLoader.h>
#include <skillsim/ui/ControlsCard.h>
#include <skillsim/ui/DeductionText.h>
#include <skillsim/ui/Hud.h>
#include <skillsim/ui/HudGuide.h>
#include <skillsim/ui/I18n.h>
#include <skillsim/ui/ImGuiLayer.h>
#include <skillsim/ui/MachinePanel.h>
#include <skillsim/ui/ResultsScreen.h>
#include <skillsim/ui/TaskClock.h>
#include <skillsim/ui/ViewPointer.h>

#include <chrono>
#include <cmath>
#include <ctime>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <span>
#include <utility>

namespace skillsim::app {
namespace {

/**
 * One attempt in progress: the stepper (scenario::AttemptRunner) and the trace it records into,
 * through an observer (the stepper knows no records).
 */
struct Attempt {
  std::unique_ptr<scenario::AttemptRunner> runner;
  std::optional<records::TraceWriter> writer;
  records::TraceHeader header;
  std::filesystem::path tracePath;
  bool noStore = false; ///< The attempt's own --no-store (the editor's Try it).
};

/**
 * Abandons `a`'s trace for `reason` (a signed abandon record) and keeps the attempt on the
 * trainee's record: the store's abandoned_attempts, no score (docs/results-store.md). When the
 * store cannot take it, says so; the trace file still holds the signed evidence.
 */
void abandonAttempt(Attempt& a, std::string_view reason, const Session& session,
                    const scenario::Scenario& scenario, std::ostream& out, std::ostream& err) {
  if (auto ended = a.writer->abandon(reason); !ended) {
    err << "skillsim run: " << a.tracePath.string() << ": " << ended.error().toString() << '\n';
  }
  a.writer.reset();
  err << "skillsim run: attempt abandoned (" << reason << "); its trace is " << a.tracePath.string()
      << '\n';
  if (session.options().noStore || a.noStore) {
    out << "trace " << a.tracePath.string() << "; abandoned attempt not stored (--no-store)\n";
    return;
  }
  const std::string& store = session.storePath();
  auto trace = records::TraceReader::read(a.tracePath);
  std::optional<records::AbandonedAttempt> record;
  if (trace) {
    record = session.abandonedRecord(scenario, *trace);
  }
  if (!record) {
    err << "skillsim run: the abandoned attempt is not in " << store << ": its trace "
        << (trace ? "has no signed abandon record" : trace.error().toString()) << '\n';
    return;
  }
  auto opened = records::ResultsStore::open(store);
  if (!opened) {
    err << "skillsim run: the abandoned attempt is not in " << store << " ("
        << opened.error().toString() << "); its trace keeps the evidence\n";
    return;
  }
  if (auto written = (*opened)->recordAbandoned(*record); !written) {
    err << "skillsim run: the abandoned attempt is not in " << store << " ("
        << written.error().toString() << "); its trace keeps the evidence\n";
    return;
  }
  out << "trace " << a.tracePath.string() << "; abandoned attempt stored in " << store << '\n';
}

/**
 * A new attempt and its trace. A take-over (`o.takeOver`) is marked in the header and starts by
 * stepping the parent's inputs up to the take-over tick through the same stepper, recorded as the
 * trace's first ticks, before any live input (docs/replay.md "Take over").
 */
core::Expected<std::unique_ptr<Attempt>>
startAttempt(const Session& session, const scenario::Scenario& s, const RunOptions& o,
             records::AttemptMode mode, const records::WorkstationKey& key, std::ostream& err) {
  auto a = std::make_unique<Attempt>();
  auto runner = scenario::AttemptRunner::create(s);
  if (!runner) {
    return std::move(runner).error();
  }
  a->runner = std::move(*runner);
  a->noStore = o.noStore;
  const auto startUtc = static_cast<std::int64_t>(std::time(nullptr)); // metadata, not simulated
  a->header = session.traceHeader(s, o.trainee, mode, startUtc, o.resolvedExamSession);
  // A window played from a recorded trace (--input) is not a person at the controls: its new
  // trace is marked scripted, so replaying a bot's inputs at a station never makes a countable
  // exam attempt (issue 13, point 13).
  a->header.scripted = !o.input.empty();
  if (o.takeOver) {
    markTakeOver(a->header, *o.takeOver);
  }
  const auto dir = records::defaultDataDir() / "traces";
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  // A second attempt in the same second (a practice restart, the next attempt from the start
  // screen) gets its own file rather than overwriting the one before.
  const std::string stem = o.trainee + "-" + std::to_string(startUtc);
  a->tracePath = dir / (stem + ".sktrace");
  for (int n = 2; std::filesystem::exists(a->tracePath, ec); ++n) {
    a->tracePath = dir / (stem + "-" + std::to_string(n) + ".sktrace");
  }
  auto writer = records::TraceWriter::create(a->tracePath, a->header, key);
  if (!writer) {
    return std::move(writer).error();
  }
  a->writer.emplace(std::move(*writer));
  Attempt* self = a.get();
  a->runner->addObserver([self, &err](const scenario::AttemptTick& tick) {
    if (!self->writer) {
      return;
    }
    if (auto ok = self->writer->append(tick.actions); !ok) {
      err << ok.error().toString() << '\n';
    }
  });
  a->runner->addObserver(session.options().observer.onTick);
  if (o.takeOver) {
    if (auto replayed = replayToTakeOver(*a->runner, *o.takeOver); !replayed) {
      (void)a->writer->abandon("the take-over could not replay its parent's inputs");
      return std::move(replayed).error();
    }
  }
  return a;
}

/**
 * The workstation's inputs: each tick the devices are mapped (controls, next camera, pause); the
 * controls drive the attempt, or, in playback (`--input`), the trace's actions do, and the
 * attempt ends with the trace (the trace-end rule, docs/attempt-loop.md). A practice pause holds
 * the attempt until the pause command comes again.
 */
class WorkstationInputs final : public scenario::InputSource {
public:
  WorkstationInputs(platform::InputMapper& mapper, const platform::RawInput& raw, bool practice,
                    const core::ActionTrack* playback, std::ostream& out, const ui::I18n& text,
                    ui::PanelInput& panel)
      : mMapper(mapper), mRaw(raw), mPractice(practice), mPlayback(playback), mOut(out),
        mText(text), mPanel(panel) {}

  std::optional<core::ActionState> next(const scenario::AttemptRunner& attempt) override {
    auto m = mMapper.map(mRaw);
    if (m.deviceNotice) {
      // The log keeps the English line; the HUD says it in the trainee's language.
      mOut << *m.deviceNotice << '\n';
      notice = m.deviceStatus ? ui::deviceStatusText(*m.deviceStatus, mText) : *m.deviceNotice;
    }
    cameraSteps += m.nextCamera ? 1 : 0;
    helpPresses += m.controlsHelp ? 1 : 0;
    quit = quit || m.quit;
    if (m.pause && mPractice) {
      paused = true; // this tick still runs; the next ones wait
    }
    if (mPlayback) {
      const std::uint64_t tick = attempt.simulation().tick();
      if (tick >= mPlayback->size()) {
        return std::nullopt;
      }
      last = (*mPlayback)[tick];
      return last;
    }
    // The machine panel's buttons join the keys here, so a click is recorded like a key.
    mPanel.apply(m.actions);
    last = m.actions;
    return std::move(m.actions);
  }
  [[nodiscard]] bool holding() const override { return paused || instructorHold; }

  /** While paused the inputs still reach the mapper, for the pause key, but no tick runs. */
  void pollWhileHeld() {
    const auto m = mMapper.map(mRaw);
    paused = !(m.pause && mPractice);
    cameraSteps += m.nextCamera ? 1 : 0;
    helpPresses += m.controlsHelp ? 1 : 0;
    quit = quit || m.quit;
  }

  bool paused = false;
  /** Held by the instructor (practice): only the instructor's resume releases it. */
  bool instructorHold = false;
  bool quit = false; ///< Quit was pressed since the workstation last looked.
  std::size_t cameraSteps = 0;
  std::size_t helpPresses = 0; ///< Controls-card presses (F1) not yet handled.
  core::ActionState last;      ///< The inputs of the last tick run (for the HUD).
  std::string notice;

private:
  platform::InputMapper& mMapper;
  const platform::RawInput& mRaw;
  bool mPractice;
  const core::ActionTrack* mPlayback; ///< The trace's inputs in playback; null otherwise.
  std::ostream& mOut;
  const ui::I18n& mText;
  ui::PanelInput& mPanel;
};

/**
 * The task guidance beside the HUD (issue 14): toasts and sounds of the machine's declared event
 * feedback, and the clock with its warnings. Fed by a tick observer, so no tick's events are
 * missed when a frame runs several ticks; it only reads the attempt.
 */
struct Guide {
  ui::ToastQueue toasts;
  std::optional<ui::TaskClock> clock;
  std::vector<sim::FeedbackCue> cues; ///< To play this frame.

  /** `text`: the UI table the toasts' units are worded from (outlives the attempt). */
  void follow(scenario::AttemptRunner& runner, ui::Language language, const ui::I18n* text) {
    toasts = {};
    clock.emplace(ui::timedPhases(runner.scenario().rubric), runner.scenario().tickRate);
    runner.addObserver([this, language, text](const scenario::AttemptTick& tick) {
      if (const sim::MachineDecl* machine = tick.simulation.machine()) {
        const auto fired =
            toasts.add(*machine, tick.simulation.events(), tick.simulation.time(), language, text);
        cues.insert(cues.end(), fired.begin(), fired.end());
      }
    });
  }
};

platform::Sound soundOf(sim::FeedbackCue cue) {
  switch (cue) {
  case sim::FeedbackCue::Horn: return platform::Sound::Horn;
  case sim::FeedbackCue::Click: return platform::Sound::Click;
  case sim::FeedbackCue::Buzz: return platform::Sound::Buzz;
  case sim::FeedbackCue::Chime:
  case sim::FeedbackCue::None: break;
  }
  return platform::Sound::Chime;
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
  if (options.observer.validation) {
    ro.validation = render::Validation::On;
  }
  return ro;
}

int runWorkstation(const RunOptions& options, ui::Language language, std::ostream& out,
                   std::ostream& err) {
  Session session(options, language);
  return runWorkstation(session, options, out, err);
}

int runWorkstation(Session& session, const RunOptions& o, std::ostream& out, std::ostream& err) {
  auto loaded = scenario::loadScenario(o.scenario, commandLineLoadOptions());
  if (!loaded) {
    err << loaded.error().toString() << '\n';
    return kExitFailure;
  }
  return runWorkstation(session, o, *loaded, out, err);
}

int runWorkstation(Session& session, const RunOptions& o, const scenario::Scenario& given,
                   std::ostream& out, std::ostream& err) {
  if (o.trainee.empty()) {
    err << "skillsim run: --trainee ID is needed to take an attempt\n";
    return kExitUsage;
  }
  const scenario::Scenario* scenario = &given;
  for (const core::Error& warning : scenario->warnings) {
    err << "warning: " << warning.toString() << '\n';
  }
  auto text = session.text(o.scenario);
  if (!text) {
    err << text.error().toString() << '\n';
    return kExitFailure;
  }
  const auto& so = session.options();
  const core::ControlLayout controls =
      scenario->machine ? scenario->machine->controls : core::ControlLayout{};
  // The machine's declared bindings, unless the trainee names a file or the workstation has
  // assets/input/<machine kind>.toml.
  std::filesystem::path bindingsFile = so.bindings;
  if (bindingsFile.empty() && scenario->machine) {
    const auto local = session.assets() / "input" / (scenario->machine->kind + ".toml");
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
  // A take-over is always practice, whatever the replayed attempt was (docs/replay.md).
  const bool practice = o.mode == "practice" || o.takeOver != nullptr;
  const auto mode = practice ? records::AttemptMode::Practice : records::AttemptMode::Exam;
  const bool chinese = session.chinese();
  const std::string title = chinese ? scenario->titleZh : scenario->titleEn;
  // Deduction texts: made at display time from findings, in the session's language.
  auto templates = ui::messageTemplates(**text);
  if (!templates) {
    err << templates.error().toString() << '\n';
    return kExitFailure;
  }
  const messages::MessageContext messageContext =
      messages::makeContext(scenario->machine ? &*scenario->machine : nullptr, scenario->labels);
  const ScoreText scoreText{&*templates, messageContext, &scenario->standard};
  // The course and the training aids; the current target is the current task step's zone.
  const CourseView course(*scenario, !practice);

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

  auto shown = session.window("SkillSim - " + title);
  if (!shown) {
    err << shown.error().toString() << '\n';
    return kExitFailure;
  }
  platform::Window& window = *(*shown)->window;
  render::Renderer& renderer = *(*shown)->renderer;
  ui::ImGuiLayer& layer = *(*shown)->layer;
  platform::InputDevices devices(window);
  platform::InputMapper mapper(*bindings, controls);
  platform::RawInput raw;
  ui::PanelInput panelInput(controls);
  WorkstationInputs inputs(mapper, raw, practice, playback ? &playback->actions : nullptr, out,
                           **text, panelInput);

  auto attempt = startAttempt(session, *scenario, o, mode, *key, err);
  if (!attempt) {
    err << attempt.error().toString() << '\n';
    return kExitFailure;
  }
  Guide guide;
  guide.follow(*(*attempt)->runner, session.language(), *text);
  const ui::ControlsCard card = ui::makeControlsCard(controls, *bindings, **text);
  bool showCard = false;
  const auto audio = playback ? platform::AudioOutput::silent() : platform::AudioOutput::open(out);
  const auto cameras = (*attempt)->runner->simulation().cameraNames();
  const auto cameraTitles = ui::cameraLabels(scenario->simulation.cameras, **text);
  std::optional<ui::ResultsModel> results;
  int status = kExitFailure;
  const double step = 1.0 / scenario->tickRate;
  double backlog = 0.0;
  double resultsShownFor = 0.0;
  bool done = false;
  auto last = std::chrono::steady_clock::now();
  core::SceneView view;
  auto cameraName = [&]() {
    return cameras.empty() ? std::string() : cameras[inputs.cameraSteps % cameras.size()];
  };
  // Orbit cameras (kind "orbit"): the angle and distance the trainee has turned each one to.
  // Display only: they never reach the simulation or the trace, so a view never changes a score.
  std::vector<std::optional<core::OrbitView>> orbits;
  for (const sim::CameraSpec& c : scenario->simulation.cameras) {
    orbits.push_back(c.kind == sim::CameraSpec::Kind::Orbit
                         ? std::optional(core::OrbitView::lookingFrom(c.position, c.target))
                         : std::nullopt);
  }
  auto currentOrbit = [&]() -> core::OrbitView* {
    if (orbits.empty() || !orbits[inputs.cameraSteps % orbits.size()]) {
      return nullptr;
    }
    return &*orbits[inputs.cameraSteps % orbits.size()];
  };

  // Live seats (docs/classroom.md): with a PostgreSQL store the attempt's state is published
  // about once a second, and the instructor's commands come back through the same thread.
  const std::string seat = seatName(o.seat);
  std::unique_ptr<records::LiveSeatPublisher> publisher;
  std::unique_ptr<PublishedInstructor> published;
  InstructorCommandSource* instructor = so.observer.instructor.get();
  if (records::ResultsStore::isPostgresUrl(session.storePath())) {
    if (auto started = records::LiveSeatPublisher::startForSeat(session.storePath(), seat);
        started) {
      publisher = std::move(*started);
      published = std::make_unique<PublishedInstructor>(*publisher);
      instructor = instructor != nullptr ? instructor : published.get();
      out << "live seat " << seat << ": publishing to the classroom\n";
    } else {
      err << "skillsim run: live seat " << seat << ": " << started.error().toString() << '\n';
    }
  } else if (!o.seat.empty()) {
    err << "skillsim run: --seat " << o.seat << ": live seats need a PostgreSQL store (--db "
        << "postgresql://...); " << session.storePath()
        << " is an SQLite file, so this attempt is not shown in a classroom; it runs and is "
           "stored as usual\n";
  }
  double sincePublishS = kLiveSeatPublishEveryS; // the first state goes out at once
  bool instructorEnd = false;
  std::string instructorMessage;
  double instructorMessageLeftS = 0.0;

  AttemptControls attemptControls(!practice);
  while (!window.shouldClose() && !done) {
    if (so.observer.onFrame) {
      so.observer.onFrame(window);
    }
    window.pollEvents();
    devices.poll(raw);
    const auto now = std::chrono::steady_clock::now();
    const double dt = std::min(0.1, std::chrono::duration<double>(now - last).count());
    last = now;
    Attempt& a = **attempt;

    if (!results) {
      backlog += inputs.holding() ? 0.0 : dt * (playback ? kPlaybackSpeed : 1.0);
      if (inputs.paused) {
        inputs.pollWhileHeld();
      }
      const auto due = static_cast<std::uint64_t>(std::max(0.0, std::floor(backlog / step)));
      backlog -= static_cast<double>(a.runner->advance(inputs, due)) * step;
      // The instructor's commands at this tick boundary (docs/classroom.md), recorded in the
      // trace before the next tick runs.
      if (instructor != nullptr && a.writer && !a.runner->finished()) {
        const auto effects = applyInstructorCommands(
            *instructor, a.writer->tickCount(), inputs.instructorHold, practice, &*a.writer, err);
        for (const InstructorEffect& e : effects) {
          out << "instructor: " << records::toString(e.kind) << ", " << records::toString(e.outcome)
              << " at tick " << a.writer->tickCount() << '\n';
          if (e.outcome == records::InstructorOutcome::Refused) {
            inputs.notice = instructorRefusedText(**text);
          }
          if (e.hold) {
            inputs.instructorHold = true;
            inputs.notice = (*text)->text("hud.instructor_paused");
          }
          if (e.release) {
            inputs.instructorHold = false;
            inputs.notice.clear();
          }
          if (e.kind == records::InstructorCommandKind::Message) {
            instructorMessage = instructorMessageText(e.text, **text);
            instructorMessageLeftS = kInstructorMessageShownS;
          }
          instructorEnd = instructorEnd || e.end;
        }
      }
      if (instructorEnd && a.writer && !a.runner->finished()) {
        abandonAttempt(a, kEndedByInstructor, session, *scenario, out, err);
        done = true;
      }
      if (publisher) {
        sincePublishS += dt;
        if (sincePublishS >= kLiveSeatPublishEveryS || done || a.runner->finished()) {
          sincePublishS = 0.0;
          publisher->offer(liveSeatState(seat, o.trainee, practice ? "practice" : "exam",
                                         inputs.holding(), *a.runner));
        }
      }
      const bool quitPressed = std::exchange(inputs.quit, false);
      const auto control =
          attemptControls.frame(window.minimised(), quitPressed, a.runner->simulation().time());
      inputs.paused = inputs.paused || control.pause;
      if (control.notice) {
        inputs.notice = (*text)->text(*control.notice);
      }
      if (control.logEntry) {
        out << *control.logEntry << '\n';
      }
      if (control.event && a.writer) {
        // Signed with the trace, after the ticks run so far; the re-simulation ignores it.
        if (auto recorded = a.writer->recordEvent(*control.event); !recorded) {
          err << "skillsim run: " << recorded.error().toString() << '\n';
        }
      }
      if (!done && control.abandon && !a.runner->finished()) {
        abandonAttempt(a, control.abandonReason, session, *scenario, out, err);
        done = true;
      }
      if (!done && a.runner->finished()) {
        const auto result = a.runner->result();
        (void)a.writer->finish(result);
        a.writer.reset();
        if (session.options().observer.onResult) {
          session.options().observer.onResult(result);
        }
        printItemisedScore(result, out, scoreText);
        std::map<std::string, std::string> titles;
        for (const auto& item : scenario->standard.items) {
          titles[item.id] = messages::itemTitle(scenario->standard, item.id, *templates);
        }
        results = ui::makeResultsModel(result, titles, title, o.trainee,
                                       practice ? ui::AttemptMode::Practice : ui::AttemptMode::Exam,
                                       *templates, messageContext);
        results->stopReason = ui::timeLimitStopReason(result, scenario->rubric, **text);
        results->mockExam = scenario->mockExam;
        if (session.options().noStore || o.noStore) {
          out << "trace " << a.tracePath.string() << "; attempt not stored (--no-store)\n";
          status = kExitOk;
        } else {
          auto trace = records::TraceReader::read(a.tracePath);
          auto record = session.attemptRecord(
              *scenario, a.header, result, trace ? core::toHex(trace->fileHash) : std::string(),
              a.tracePath.filename().string(), trace && trace->complete,
              std::string(core::engineVersion()));
          record.trace = Session::traceBytes(a.tracePath, record.traceHash);
          records::AttemptRecorder recorder(session.storePath(), records::defaultQueueDir());
          if (auto stored = recorder.record(record); stored) {
            out << "trace " << a.tracePath.string() << "; attempt "
                << (stored->outcome == records::AttemptRecorder::Outcome::Stored
                        ? "stored in " + session.storePath()
                        : "queued for " + session.storePath() + " (unavailable: " + stored->reason +
                              ")")
                << '\n';
            status = kExitOk;
          } else {
            err << stored.error().toString() << '\n';
          }
        }
      }
    }

    layer.beginFrame(static_cast<float>(std::max(dt, 1e-3)));
    if (results) {
      resultsShownFor += dt;
      if (ui::drawResultsScreen(*results, **text).backToStart ||
          (playback && resultsShownFor > 1.0)) {
        done = true;
      }
    } else {
      const sim::Simulation& simulation = a.runner->simulation();
      ui::HudModel hud;
      hud.mode = practice ? ui::AttemptMode::Practice : ui::AttemptMode::Exam;
      hud.scenarioTitle = title;
      const ui::ClockReading clock =
          guide.clock->update(simulation.tick(), a.runner->assessor().phaseTicks());
      hud.elapsed = clock.elapsed;
      hud.targetTime = clock.target;
      hud.targetElapsed = clock.phaseElapsed;
      const scenario::StepTracker& steps = a.runner->steps();
      for (std::size_t i = 0; i < steps.steps().size(); ++i) {
        const scenario::TaskStep& st = steps.steps()[i];
        hud.steps.push_back({chinese ? st.textZh : st.textEn, i < steps.current()});
      }
      hud.currentStep = steps.current();
      hud.score = a.runner->runningScore();
      hud.maxScore = a.runner->assessor().maxScore();
      for (const auto& d : a.runner->assessor().deductions()) {
        hud.deductions.push_back(
            {d.time, d.points, messages::findingText(d.finding, *templates, messageContext)});
      }
      ui::fillControls(hud, controls, inputs.last, session.language());
      if (const sim::MachineDecl* machine = simulation.machine()) {
        ui::fillReadouts(hud, *machine, simulation.metrics(), session.language(),
                         course.switches().machineAids);
      }
      hud.cameraName = cameraTitles.empty()
                           ? std::string()
                           : cameraTitles[inputs.cameraSteps % cameraTitles.size()];
      hud.paused = inputs.holding();
      hud.notice = inputs.notice;
      if (instructorMessageLeftS > 0.0) {
        instructorMessageLeftS -= dt;
        hud.notice = instructorMessage; // the instructor's words go first while shown
      }
      const auto clicked = ui::drawHud(hud, **text);
      if (const sim::MachineDecl* machine = simulation.machine()) {
        ui::PanelModel panel;
        ui::fillPanel(panel, *machine, simulation.panelState(), inputs.last, session.language());
        panelInput.hold(ui::drawPanel(panel));
      }
      showCard = showCard != (inputs.helpPresses % 2 == 1);
      inputs.helpPresses = 0;
      ui::HudGuideModel guideModel{clock, guide.toasts.shown(simulation.time()), showCard, card};
      if (ui::drawHudGuide(guideModel, **text).toggleCard) {
        showCard = !showCard;
      }
      if (clock.newWarning) {
        audio->play(platform::Sound::Chime);
      }
      for (const sim::FeedbackCue cue : std::exchange(guide.cues, {})) {
        audio->play(soundOf(cue));
      }
      course.drawHud(course.aids(simulation, course.targetOf(a.runner->steps().currentTarget())),
                     simulation, **text);
      // After every panel is drawn, so a drag on a panel stays the panel's.
      if (core::OrbitView* orbit = currentOrbit()) {
        const OrbitStep turn = orbitStep(raw, *bindings, ui::viewPointer(), dt);
        orbit->orbitBy(turn.deltaYaw, turn.deltaPitch, turn.zoomFactor);
      }
      inputs.cameraSteps += clicked.nextCamera ? 1 : 0;
      if (practice && (clicked.pause || clicked.resume)) {
        inputs.paused = clicked.pause;
      }
      if (practice && clicked.restart && a.writer) {
        abandonAttempt(a, "restarted by the trainee (practice)", session, *scenario, out, err);
        auto fresh = startAttempt(session, *scenario, o, mode, *key, err);
        if (!fresh) {
          err << fresh.error().toString() << '\n';
          layer.endFrame();
          break;
        }
        attempt = std::move(fresh);
        guide.follow(*(*attempt)->runner, session.language(), *text);
        mapper.reset();
        panelInput.reset();
        inputs.paused = false;
        inputs.instructorHold = false;
        backlog = 0.0;
      }
    }
    layer.endFrame();
    {
      const sim::Simulation& shown = (*attempt)->runner->simulation();
      const auto target = course.targetOf((*attempt)->runner->steps().currentTarget());
      course.fill(shown, cameraName(), course.aids(shown, target), view);
      if (const core::OrbitView* orbit = currentOrbit()) {
        view.camera.position = glm::vec3(orbit->eye());
        view.camera.target = glm::vec3(orbit->focus);
      }
    }
    if (auto frame = renderer.render(view); !frame) {
      err << frame.error().toString() << '\n';
      break;
    }
  }
  if (!results && attempt && (*attempt)->writer) {
    abandonAttempt(**attempt, "the trainee closed the window before the end", session, *scenario,
                   out, err);
  }
  renderer.waitIdle();
  if (renderer.validationEnabled()) { // the layer is on (a window test asked): what it said
    out << "workstation closed; validation messages " << renderer.validationMessageCount() << '\n';
  }
  return status;
}

} // namespace skillsim::app
