#include "StartSession.h"

#include "AssetsFolder.h"
#include "Workstation.h"
#include "skillsim/app/Cli.h"

#include <skillsim/platform/Window.h>
#include <skillsim/records/ResultsStore.h>
#include <skillsim/records/TraceHeader.h>
#include <skillsim/records/UserDirs.h>
#include <skillsim/render/Renderer.h>
#include <skillsim/scenario/ScenarioLoader.h>
#include <skillsim/ui/I18n.h>
#include <skillsim/ui/ImGuiLayer.h>
#include <skillsim/ui/StartScreen.h>

#include <algorithm>
#include <ostream>

namespace skillsim::app {
namespace {

std::vector<ui::ScenarioEntry> installedScenarios(const std::filesystem::path& assets) {
  std::vector<ui::ScenarioEntry> list;
  const auto dir = assets.parent_path() / "scenarios";
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ".toml") {
      files.push_back(it->path());
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    auto s = scenario::loadScenario(f);
    if (!s) {
      continue; // not a scenario, or broken: `skillsim validate` says why
    }
    list.push_back({f.string(), s->id, s->trade, "", s->titleZh, s->titleEn, s->standard.id,
                    s->standard.titleEn});
  }
  std::stable_sort(list.begin(), list.end(),
                   [](const auto& a, const auto& b) { return a.trade < b.trade; });
  return list;
}

std::vector<ui::PreviousAttempt> previousAttempts(const std::string& store,
                                                  const std::string& trainee) {
  std::vector<ui::PreviousAttempt> out;
  if (trainee.empty()) {
    return out;
  }
  auto opened = records::ResultsStore::open(store);
  if (!opened) {
    return out;
  }
  auto rows = (*opened)->attempts({trainee, ""});
  if (!rows) {
    return out;
  }
  for (auto it = rows->rbegin(); it != rows->rend(); ++it) { // newest first
    out.push_back(
        {it->scenario.id, records::formatUtc(it->startUtc),
         it->mode == records::AttemptMode::Exam ? ui::AttemptMode::Exam : ui::AttemptMode::Practice,
         it->result.totalPoints, it->result.maxPoints, it->result.passed});
  }
  return out;
}

} // namespace

int runStartSession(const RunOptions& options, std::ostream& out, std::ostream& err) {
  auto language = ui::languageFromLocale(ui::processLocaleEnvironment());
  if (!options.lang.empty()) {
    auto parsed = ui::parseLanguage(options.lang);
    if (!parsed) {
      err << parsed.error().toString() << '\n';
      return kExitUsage;
    }
    language = *parsed;
  }
  const auto assets = findAssetsFolder("");
  if (!assets) {
    err << "skillsim: no assets/ folder found above the current folder; run from the "
           "installation or the source tree\n";
    return kExitFailure;
  }
  auto text = ui::I18n::load(*assets, language);
  if (!text) {
    err << text.error().toString() << '\n';
    return kExitFailure;
  }
  const std::string store = options.db.empty() ? records::defaultStorePath().string() : options.db;
  ui::StartScreenModel model;
  model.scenarios = installedScenarios(*assets);
  std::string trainee = options.trainee;
  while (true) {
    std::optional<ui::StartRequest> chosen;
    {
      auto window = platform::Window::create({.title = "SkillSim"});
      if (!window) {
        err << window.error().toString() << '\n';
        return kExitFailure;
      }
      auto renderer = render::Renderer::create(windowRendererOptions(**window, options, 30.0));
      if (!renderer) {
        err << renderer.error().toString() << '\n';
        return kExitFailure;
      }
      auto layer = ui::ImGuiLayer::create(**renderer, window->get());
      if (!layer) {
        err << layer.error().toString() << '\n';
        return kExitFailure;
      }
      ui::StartScreen screen(trainee);
      model.attempts = previousAttempts(store, trainee);
      core::SceneView empty;
      while (!(*window)->shouldClose() && !chosen) {
        (*window)->pollEvents();
        (*layer)->beginFrame(1.0f / 30.0f);
        const auto actions = screen.draw(model, *text);
        (*layer)->endFrame();
        if (actions.traineeChanged) {
          model.attempts = previousAttempts(store, screen.traineeId());
        }
        if (actions.quit) {
          (*window)->requestClose();
        }
        chosen = actions.start;
        if (auto frame = (*renderer)->render(empty); !frame) {
          err << frame.error().toString() << '\n';
          return kExitFailure;
        }
      }
      trainee = screen.traineeId();
      (*renderer)->waitIdle();
      layer->reset();
    }
    if (!chosen) {
      return kExitOk; // closed or quit
    }
    RunOptions run = options;
    run.scenario = model.scenarios.at(chosen->scenarioIndex).path;
    run.trainee = chosen->traineeId;
    run.mode = chosen->mode == ui::AttemptMode::Exam ? "exam" : "practice";
    runWorkstation(run, out, err);
  }
}

} // namespace skillsim::app
