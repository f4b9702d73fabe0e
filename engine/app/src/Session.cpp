#include "Session.h"

#include "Workstation.h"
#include "skillsim/app/AssetsFolder.h"

#include <skillsim/core/Hash.h>
#include <skillsim/platform/Window.h>
#include <skillsim/records/ResultsStore.h>
#include <skillsim/records/UserDirs.h>
#include <skillsim/render/Renderer.h>
#include <skillsim/ui/ImGuiLayer.h>

#include <fstream>
#include <iterator>

namespace skillsim::app {

core::Expected<ui::Language> runLanguage(const std::string& lang) {
  if (lang.empty()) {
    return ui::languageFromLocale(ui::processLocaleEnvironment());
  }
  return ui::parseLanguage(lang);
}

SessionWindow::SessionWindow() = default;
SessionWindow::SessionWindow(SessionWindow&&) noexcept = default;
SessionWindow& SessionWindow::operator=(SessionWindow&&) noexcept = default;

SessionWindow::~SessionWindow() {
  if (renderer) {
    renderer->waitIdle();
  }
  layer.reset(); // before the renderer and the window (ImGuiLayer's contract)
  renderer.reset();
  window.reset();
}

Session::Session(RunOptions options, ui::Language language)
    : mOptions(std::move(options)), mLanguage(language),
      mStorePath(mOptions.db.empty() ? records::defaultStorePath().string() : mOptions.db) {}

Session::~Session() = default;

void Session::setLanguage(ui::Language language) {
  if (language != mLanguage) {
    mLanguage = language;
    mText.reset();
  }
}

core::Expected<const ui::I18n*> Session::text(const std::string& scenarioFile) {
  if (mText) {
    return &*mText;
  }
  const AssetsSearch search = AssetsSearch::fromProcess();
  const auto assets = findAssetsFolder(scenarioFile, search);
  if (!assets) {
    return core::makeError(core::ErrorCode::NotFound,
                           "skillsim run: no assets/ folder (i18n, input bindings) found; looked " +
                               describeAssetsSearch(scenarioFile, search) +
                               ". Install SkillSim (cmake --install, or the .deb) or run it "
                               "from its build tree");
  }
  auto loaded = ui::I18n::load(*assets, mLanguage);
  if (!loaded) {
    return std::move(loaded).error();
  }
  mAssets = *assets;
  mText = std::move(*loaded);
  return &*mText;
}

core::Expected<SessionWindow*> Session::window(const std::string& title) {
  if (mWindow) {
    mWindow->window->setTitle(title);
    return mWindow.get();
  }
  auto made = std::make_unique<SessionWindow>();
  auto window = platform::Window::create({.title = title});
  if (!window) {
    return std::move(window).error();
  }
  made->window = std::move(*window);
  auto renderer = render::Renderer::create(windowRendererOptions(*made->window, mOptions, 60.0));
  if (!renderer) {
    return std::move(renderer).error();
  }
  made->renderer = std::move(*renderer);
  auto layer = ui::ImGuiLayer::create(*made->renderer, made->window.get());
  if (!layer) {
    return std::move(layer).error();
  }
  made->layer = std::move(*layer);
  mWindow = std::move(made);
  return mWindow.get();
}

records::TraceHeader Session::traceHeader(const scenario::Scenario& scenario,
                                          const std::string& trainee, records::AttemptMode mode,
                                          std::int64_t startUtc,
                                          const records::ExamSessionRef& examSession) const {
  records::TraceHeader header = makeTraceHeader(scenario, trainee, mode, startUtc);
  if (mode == records::AttemptMode::Exam) {
    header.examSession = examSession; // empty: an exam in no session (warned)
  }
  return header;
}

core::Expected<records::ExamSessionRef> findOpenExamSession(const std::string& store,
                                                            const std::string& id) {
  auto opened = records::ResultsStore::open(store);
  if (!opened) {
    return std::move(opened).error();
  }
  auto sessions = (*opened)->sessions();
  if (!sessions) {
    return std::move(sessions).error();
  }
  for (const records::ExamSession& s : *sessions) {
    if (s.id == id) {
      if (s.closedUtc) {
        return core::makeError(core::ErrorCode::InvalidInput,
                               "exam session " + id + " was closed at " +
                                   records::formatUtc(*s.closedUtc) +
                                   "; ask the invigilator to open a new one ('skillsim session "
                                   "open')");
      }
      return s.ref();
    }
  }
  return core::makeError(core::ErrorCode::NotFound, "no exam session '" + id +
                                                        "' in the results store " + store +
                                                        " ('skillsim session list' shows them)");
}

records::TraceHeader makeTraceHeader(const scenario::Scenario& scenario, const std::string& trainee,
                                     records::AttemptMode mode, std::int64_t startUtc) {
  records::TraceHeader header;
  header.scenarioId = scenario.id;
  header.scenarioVersion = scenario.version;
  header.scenarioHash = scenario.hash;
  header.tickRate = scenario.tickRate;
  header.traineeId = trainee;
  header.mode = mode;
  header.startUtc = startUtc;
  if (scenario.machine) {
    header.setControls(scenario.machine->controls);
  }
  return header;
}

records::AttemptRecord Session::attemptRecord(const scenario::Scenario& scenario,
                                              const records::TraceHeader& header,
                                              const assessment::AttemptResult& result,
                                              const std::string& traceHashHex,
                                              const std::string& fallbackId, bool signatureValid,
                                              const std::string& engineVersion) const {
  records::AttemptRecord record;
  record.attemptId = traceHashHex.empty() ? fallbackId : traceHashHex;
  record.traineeId = header.traineeId;
  record.scenario = {scenario.id, core::toHex(scenario.hash), scenario.titleZh, scenario.titleEn,
                     scenario.version};
  record.mode = header.mode;
  record.startUtc = header.startUtc;
  record.result = result;
  record.traceHash = traceHashHex;
  record.signatureValid = signatureValid;
  record.engineVersion = engineVersion;
  return record;
}

std::string Session::traceBytes(const std::filesystem::path& path,
                                const std::string& traceHashHex) {
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.is_open() || in.bad() || traceHashHex.empty() ||
      core::toHex(core::hashBytes(bytes)) != traceHashHex) {
    return {};
  }
  return bytes;
}

std::optional<records::AbandonedAttempt>
Session::abandonedRecord(const scenario::Scenario& scenario, const records::Trace& trace) const {
  if (trace.abandonReason.empty()) {
    return std::nullopt;
  }
  records::AbandonedAttempt a;
  a.traceHash = core::toHex(trace.fileHash);
  a.attemptId = a.traceHash;
  a.traineeId = trace.header.traineeId;
  a.scenario = {scenario.id, core::toHex(scenario.hash), scenario.titleZh, scenario.titleEn,
                scenario.version};
  a.mode = trace.header.mode;
  a.startUtc = trace.header.startUtc;
  a.ticks = trace.actions.size();
  a.duration = trace.duration();
  a.reason = trace.abandonReason;
  a.engineVersion = trace.header.engineVersion;
  return a;
}

} // namespace skillsim::app
