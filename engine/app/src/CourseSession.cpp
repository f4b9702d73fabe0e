#include "CourseSession.h"

#include "OffscreenScreenshot.h"
#include "Session.h"
#include "Workstation.h"
#include "skillsim/app/Cli.h"
#include "skillsim/app/StartScreenData.h"

#include <skillsim/platform/Window.h>
#include <skillsim/render/Renderer.h>
#include <skillsim/ui/CourseScreen.h>
#include <skillsim/ui/I18n.h>
#include <skillsim/ui/ImGuiLayer.h>

#include <chrono>
#include <optional>
#include <ostream>

namespace skillsim::app {
namespace {

std::int64_t nowUtc() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

} // namespace

RunOptions courseAttemptOptions(const RunOptions& options, const CourseStart& start,
                                const std::string& scenarioFile) {
  RunOptions run = options;
  run.scenario = scenarioFile;
  const bool exam = start.mode == ui::AttemptMode::Exam;
  run.mode = exam ? "exam" : "practice";
  run.examSession = exam ? start.examSession.id : std::string();
  run.resolvedExamSession = exam ? start.examSession : records::ExamSessionRef{};
  return run;
}

namespace {

/** The desk, the text and the installed scenarios of a course's screens. */
struct CourseScreensData {
  std::optional<CourseDesk> desk;
  const ui::I18n* text = nullptr;
  InstalledScenarios installed;
};

std::optional<CourseScreensData> courseScreensData(Session& session, const RunOptions& options,
                                                   const std::string& courseFile,
                                                   const std::string& task, std::ostream& err) {
  CourseScreensData d;
  auto desk = CourseDesk::open(courseFile, options.trainee, session.storePath());
  if (!desk) {
    err << desk.error().toString() << '\n';
    return std::nullopt;
  }
  d.desk = std::move(*desk);
  d.desk->setExamSession(options.examSession);
  if (!task.empty() && !d.desk->choose(task)) {
    std::string ids;
    for (const course::LearningTask& t : d.desk->course().learningTasks) {
      ids += (ids.empty() ? "" : ", ") + t.id;
    }
    err << "skillsim course open: --task " << task << ": the course has no such learning task ("
        << ids << ")\n";
    return std::nullopt;
  }
  auto text = session.text(courseFile); // the assets above the course file, or the cwd
  if (!text) {
    err << text.error().toString() << '\n';
    return std::nullopt;
  }
  d.text = *text;
  d.installed = installedScenarios(session.assets().parent_path() / "scenarios");
  // The check step names each rubric item by its standard's title, as the results screen does.
  if (auto titles = courseItemTitles(d.desk->course(), d.installed.scenarios, *d.text); titles) {
    d.desk->setItemTitles(std::move(*titles));
  }
  return d;
}

} // namespace

int writeCourseScreenshot(const RunOptions& options, const std::string& courseFile,
                          const std::string& task, ui::Language language, const std::string& path,
                          std::ostream& out, std::ostream& err) {
  Session session(options, language);
  auto data = courseScreensData(session, options, courseFile, task, err);
  if (!data) {
    return kExitFailure;
  }
  ui::CourseScreen screen;
  const ui::CourseScreenModel model = data->desk->model(language);
  const bool ok = writeOffscreenScreenshot(
      core::SceneView{}, options.gpu, path, [&] { (void)screen.draw(model, *data->text); }, out,
      err);
  return ok ? kExitOk : kExitFailure;
}

CourseScreensEnd runCourseScreens(Session& session, const RunOptions& options,
                                  const std::string& courseFile, const std::string& task,
                                  std::ostream& out, std::ostream& err) {
  auto data = courseScreensData(session, options, courseFile, task, err);
  if (!data) {
    return CourseScreensEnd::Failed;
  }
  std::optional<CourseDesk>& desk = data->desk;
  const ui::I18n& text = *data->text;
  const InstalledScenarios& installed = data->installed;
  ui::CourseScreen screen;
  while (true) {
    auto shown = session.window("SkillSim");
    if (!shown) {
      err << shown.error().toString() << '\n';
      return CourseScreensEnd::Failed;
    }
    platform::Window& window = *(*shown)->window;
    render::Renderer& renderer = *(*shown)->renderer;
    ui::ImGuiLayer& layer = *(*shown)->layer;
    std::optional<CourseStart> start;
    bool back = false;
    core::SceneView empty;
    while (!window.shouldClose() && !start && !back) {
      if (options.observer.onFrame) {
        options.observer.onFrame(window);
      }
      window.pollEvents();
      layer.beginFrame(1.0f / 30.0f);
      const ui::CourseScreenActions actions = screen.draw(desk->model(session.language()), text);
      layer.endFrame();
      back = actions.back;
      start = desk->apply(actions, session.language(), nowUtc());
      if (auto frame = renderer.render(empty); !frame) {
        err << frame.error().toString() << '\n';
        return CourseScreensEnd::Failed;
      }
    }
    if (!start) {
      if (renderer.validationEnabled()) {
        out << "course screens closed; validation messages " << renderer.validationMessageCount()
            << '\n';
      }
      return back ? CourseScreensEnd::Back : CourseScreensEnd::Closed;
    }
    const ui::ScenarioEntry* scenario = nullptr;
    for (const ui::ScenarioEntry& s : installed.scenarios) {
      if (s.id == start->scenarioId) {
        scenario = &s;
      }
    }
    if (scenario == nullptr) {
      err << "skillsim course open: learning task's scenario '" << start->scenarioId
          << "' is not under " << (session.assets().parent_path() / "scenarios").string() << '\n';
      return CourseScreensEnd::Failed;
    }
    runWorkstation(session, courseAttemptOptions(options, *start, scenario->path), out, err);
    window.cancelClose();
    if (auto ok = desk->reload(); !ok) {
      err << ok.error().toString() << '\n';
      return CourseScreensEnd::Failed;
    }
  }
}

int runCourseSession(const RunOptions& options, const std::string& courseFile,
                     const std::string& task, ui::Language language, std::ostream& out,
                     std::ostream& err) {
  Session session(options, language);
  return runCourseScreens(session, options, courseFile, task, out, err) == CourseScreensEnd::Failed
             ? kExitFailure
             : kExitOk;
}

} // namespace skillsim::app
