#include "StartSession.h"

#include "CourseSession.h"
#include "EditSession.h"
#include "Session.h"
#include "Workstation.h"
#include "skillsim/app/Cli.h"
#include "skillsim/app/StartScreenData.h"

#include <skillsim/platform/Window.h>
#include <skillsim/records/ResultsStore.h>
#include <skillsim/records/TraceHeader.h>
#include <skillsim/render/Renderer.h>
#include <skillsim/scenario/ScenarioLoader.h>
#include <skillsim/ui/I18n.h>
#include <skillsim/ui/ImGuiLayer.h>
#include <skillsim/ui/StartScreen.h>

#include <algorithm>
#include <ostream>
#include <set>
#include <sstream>

namespace skillsim::app {
namespace {

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
  auto abandoned = (*opened)->abandonedAttempts({trainee, ""});
  return previousAttemptRows(*rows,
                             abandoned ? *abandoned : std::vector<records::AbandonedAttempt>{});
}

} // namespace

int runStartSession(const RunOptions& options, ui::Language language, std::ostream& out,
                    std::ostream& err) {
  Session session(options, language);
  auto text = session.text("");
  if (!text) {
    err << text.error().toString() << '\n';
    return kExitFailure;
  }
  ui::StartScreenModel model;
  auto installed = installedScenarios(session.assets().parent_path() / "scenarios");
  std::set<std::string> scenarioIds;
  for (const ui::ScenarioEntry& e : installed.scenarios) {
    scenarioIds.insert(e.id);
  }
  model.scenarios = std::move(installed.scenarios);
  model.broken = std::move(installed.broken);
  auto courses = installedCourses(session.assets().parent_path() / "courses", scenarioIds);
  model.courses = std::move(courses.courses);
  model.brokenCourses = std::move(courses.broken);
  std::string trainee = options.trainee;
  while (true) {
    auto shown = session.window("SkillSim");
    if (!shown) {
      err << shown.error().toString() << '\n';
      return kExitFailure;
    }
    platform::Window& window = *(*shown)->window;
    render::Renderer& renderer = *(*shown)->renderer;
    ui::ImGuiLayer& layer = *(*shown)->layer;
    std::optional<ui::StartRequest> chosen;
    std::optional<std::string> edit;
    std::optional<ui::CourseRequest> course;
    ui::StartScreen screen(trainee);
    // A typed 𠀀 reaches the ID field whole (ImGui 1.86's input is 16-bit); undone when the
    // start screen is left, so an attempt's window never feeds a field that is gone.
    window.setCharSinkBeyondBasicPlane([&screen](char32_t c) { screen.typeBeyondBasicPlane(c); });
    struct SinkReset {
      platform::Window& window;
      ~SinkReset() { window.setCharSinkBeyondBasicPlane({}); }
    } sinkReset{window};
    model.attempts = previousAttempts(session.storePath(), trainee);
    core::SceneView empty;
    while (!window.shouldClose() && !chosen && !edit && !course) {
      if (options.observer.onFrame) {
        options.observer.onFrame(window);
      }
      window.pollEvents();
      layer.beginFrame(1.0f / 30.0f);
      const auto actions = screen.draw(model, **text);
      layer.endFrame();
      if (actions.language) {
        session.setLanguage(*actions.language);
        text = session.text("");
        if (!text) {
          err << text.error().toString() << '\n';
          return kExitFailure;
        }
      }
      if (actions.traineeChanged) {
        model.attempts = previousAttempts(session.storePath(), screen.traineeId());
      }
      if (actions.quit) {
        window.requestClose();
      }
      chosen = actions.start;
      edit = actions.edit;
      course = actions.openCourse;
      if (auto frame = renderer.render(empty); !frame) {
        err << frame.error().toString() << '\n';
        return kExitFailure;
      }
    }
    trainee = screen.traineeId();
    if (edit) {
      // The editor in this window; back here after, with the scenarios read again (an edit may
      // have mended a broken one).
      runEditor(session, *edit, trainee.empty() ? "instructor" : trainee, out, err);
      window.cancelClose();
      installed = installedScenarios(session.assets().parent_path() / "scenarios");
      model.scenarios = std::move(installed.scenarios);
      model.broken = std::move(installed.broken);
      continue;
    }
    if (course) {
      // The course screens in the same window; their Back leads back here.
      RunOptions run = options;
      run.trainee = course->traineeId;
      std::ostringstream problem;
      const CourseScreensEnd end = runCourseScreens(
          session, run, model.courses.at(course->courseIndex).path, "", out, problem);
      err << problem.str();
      if (end == CourseScreensEnd::Closed) {
        return kExitOk;
      }
      // A course that cannot be opened now (its store unreachable) is said on this screen.
      model.notice = problem.str();
      while (!model.notice.empty() && model.notice.back() == '\n') {
        model.notice.pop_back();
      }
      continue;
    }
    if (!chosen) {
      if (renderer.validationEnabled()) {
        out << "start screen closed; validation messages " << renderer.validationMessageCount()
            << '\n';
      }
      return kExitOk; // closed or quit
    }
    RunOptions run = options;
    run.scenario = model.scenarios.at(chosen->scenarioIndex).path;
    run.trainee = chosen->traineeId;
    run.mode = chosen->mode == ui::AttemptMode::Exam ? "exam" : "practice";
    runWorkstation(session, run, out, err);
    // Closing the attempt's window leads back to the start screen, as its results screen does.
    window.cancelClose();
  }
}

} // namespace skillsim::app
