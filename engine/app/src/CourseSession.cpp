#include "CourseSession.h"

#include "Session.h"
#include "Workstation.h"
#include "skillsim/app/Cli.h"
#include "skillsim/app/CourseDesk.h"
#include "skillsim/app/StartScreenData.h"

#include <skillsim/platform/Window.h>
#include <skillsim/records/UserDirs.h>
#include <skillsim/render/Renderer.h>
#include <skillsim/ui/CourseScreen.h>
#include <skillsim/ui/I18n.h>
#include <skillsim/ui/ImGuiLayer.h>

#include <chrono>
#include <ostream>

namespace skillsim::app {
namespace {

std::int64_t nowUtc() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

} // namespace

int runCourseSession(const RunOptions& options, const std::string& courseFile,
                     ui::Language language, std::ostream& out, std::ostream& err) {
  const std::string store = options.db.empty() ? records::defaultStorePath().string() : options.db;
  auto desk = CourseDesk::open(courseFile, options.trainee, store);
  if (!desk) {
    err << desk.error().toString() << '\n';
    return kExitFailure;
  }
  Session session(options, language);
  auto text = session.text(courseFile); // the assets above the course file, or the cwd
  if (!text) {
    err << text.error().toString() << '\n';
    return kExitFailure;
  }
  const InstalledScenarios installed =
      installedScenarios(session.assets().parent_path() / "scenarios");
  // The check step names each rubric item by its standard's title, as the results screen does.
  if (auto titles = courseItemTitles(desk->course(), installed.scenarios, **text); titles) {
    desk->setItemTitles(std::move(*titles));
  }
  ui::CourseScreen screen;
  while (true) {
    auto shown = session.window("SkillSim");
    if (!shown) {
      err << shown.error().toString() << '\n';
      return kExitFailure;
    }
    platform::Window& window = *(*shown)->window;
    render::Renderer& renderer = *(*shown)->renderer;
    ui::ImGuiLayer& layer = *(*shown)->layer;
    std::optional<std::string> start;
    ui::AttemptMode mode = ui::AttemptMode::Practice;
    core::SceneView empty;
    while (!window.shouldClose() && !start) {
      if (options.observer.onFrame) {
        options.observer.onFrame(window);
      }
      window.pollEvents();
      layer.beginFrame(1.0f / 30.0f);
      const ui::CourseScreenActions actions = screen.draw(desk->model(language), **text);
      layer.endFrame();
      if (actions.back) {
        window.requestClose();
      }
      start = desk->apply(actions, language, nowUtc());
      if (actions.start) {
        mode = *actions.start;
      }
      if (auto frame = renderer.render(empty); !frame) {
        err << frame.error().toString() << '\n';
        return kExitFailure;
      }
    }
    if (!start) {
      if (renderer.validationEnabled()) {
        out << "course screens closed; validation messages " << renderer.validationMessageCount()
            << '\n';
      }
      return kExitOk; // back or closed
    }
    const ui::ScenarioEntry* scenario = nullptr;
    for (const ui::ScenarioEntry& s : installed.scenarios) {
      if (s.id == *start) {
        scenario = &s;
      }
    }
    if (scenario == nullptr) {
      err << "skillsim course open: learning task's scenario '" << *start << "' is not under "
          << (session.assets().parent_path() / "scenarios").string() << '\n';
      return kExitFailure;
    }
    RunOptions run = options;
    run.scenario = scenario->path;
    run.mode = mode == ui::AttemptMode::Exam ? "exam" : "practice";
    runWorkstation(session, run, out, err);
    window.cancelClose();
    if (auto ok = desk->reload(); !ok) {
      err << ok.error().toString() << '\n';
      return kExitFailure;
    }
  }
}

} // namespace skillsim::app
