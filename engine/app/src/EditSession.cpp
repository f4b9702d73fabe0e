#include "EditSession.h"

#include "Session.h"
#include "Workstation.h"
#include "skillsim/app/Cli.h"
#include "skillsim/app/CourseView.h"
#include "skillsim/app/EditDesk.h"

#include <skillsim/core/OrbitView.h>
#include <skillsim/platform/Window.h>
#include <skillsim/render/Renderer.h>
#include <skillsim/sim/Simulation.h>
#include <skillsim/ui/I18n.h>
#include <skillsim/ui/ImGuiLayer.h>
#include <skillsim/ui/ScenarioEditor.h>

#include <CLI/CLI.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <ostream>

namespace skillsim::app {
namespace {

/**
 * The 3D view of the edited course: a simulation built (not stepped) from the last text that
 * validated, with its course and hall, seen from an orbit around the plan area's centre that the
 * right mouse button turns and the wheel zooms over the uncovered part of the window.
 */
class EditScene {
public:
  void rebuild(const EditDesk& desk, const ui::ScenarioEditorModel& model) {
    if (desk.revision() == mRevision) {
      return;
    }
    mRevision = desk.revision();
    const auto& s = desk.tryScenario();
    if (!s) {
      return; // keep the last course that validated
    }
    auto made = sim::Simulation::create(s->simulation);
    if (!made) {
      return;
    }
    mSimulation = std::move(*made);
    mCourse.emplace(*s, false);
    if (!mOrbit) {
      const glm::dvec2 c = 0.5 * (model.areaMin + model.areaMax);
      const double extent = std::max(5.0, glm::length(model.areaMax - model.areaMin));
      mOrbit = core::OrbitView::lookingFrom(glm::dvec3(c.x, 0.6 * extent, c.y + 0.6 * extent),
                                            glm::dvec3(c.x, 0.0, c.y));
    }
  }

  void turn(const ui::ScenarioEditorActions& a) {
    if (mOrbit) {
      mOrbit->orbitBy(a.viewYaw, a.viewPitch, a.viewZoom);
    }
  }

  void fill(core::SceneView& view) const {
    if (!mSimulation || !mCourse) {
      return;
    }
    mCourse->fill(*mSimulation, "", mCourse->aids(*mSimulation, std::nullopt), view);
    if (mOrbit) {
      view.camera.position = glm::vec3(mOrbit->eye());
      view.camera.target = glm::vec3(mOrbit->focus);
    }
  }

private:
  std::uint64_t mRevision = 0;
  std::unique_ptr<sim::Simulation> mSimulation;
  std::optional<CourseView> mCourse;
  std::optional<core::OrbitView> mOrbit;
};

} // namespace

CLI::App* addEditCommand(CLI::App& cli, EditCommandOptions& o) {
  CLI::App* cmd = cli.add_subcommand(
      "edit", "Edit a scenario in a window: a top view and the 3D course, move, rotate, add and "
              "delete bodies and zones, the rubric and pass mark, the validator's messages, "
              "undo, save, Try it");
  cmd->add_option("scenario", o.scenario, "The scenario file (.toml)")->required();
  cmd->add_option("--lang", o.lang, "zh-CN or en (default: from the locale)");
  cmd->add_option("--gpu", o.gpu, "Vulkan device (skillsim --gpu list)");
  cmd->add_option("--trainee", o.trainee,
                  "Who Try it's practice attempts are recorded for (default: instructor)");
  return cmd;
}

int runEdit(const EditCommandOptions& o, const RunObserver& observer, std::ostream& out,
            std::ostream& err) {
  auto language = runLanguage(o.lang);
  if (!language) {
    err << language.error().toString() << '\n';
    return kExitUsage;
  }
  RunOptions options;
  options.scenario = o.scenario;
  options.gpu = o.gpu;
  options.observer = observer;
  Session session(options, *language);
  return runEditor(session, o.scenario, o.trainee, out, err);
}

int runEditor(Session& session, const std::string& file, const std::string& trainee,
              std::ostream& out, std::ostream& err) {
  auto desk = EditDesk::open(file);
  if (!desk) {
    err << "skillsim edit: " << desk.error().toString() << '\n';
    return kExitFailure;
  }
  auto text = session.text(file);
  if (!text) {
    err << text.error().toString() << '\n';
    return kExitFailure;
  }
  const RunObserver& observer = session.options().observer;
  ui::ScenarioEditor screen;
  EditScene scene;
  std::size_t tries = 0;
  while (true) {
    auto shown = session.window(desk->title());
    if (!shown) {
      err << shown.error().toString() << '\n';
      return kExitFailure;
    }
    platform::Window& window = *(*shown)->window;
    render::Renderer& renderer = *(*shown)->renderer;
    ui::ImGuiLayer& layer = *(*shown)->layer;
    std::string title = desk->title();
    bool tryIt = false;
    bool close = false;
    core::SceneView view;
    auto last = std::chrono::steady_clock::now();
    while (!close && !tryIt) {
      if (observer.onFrame) {
        observer.onFrame(window);
      }
      window.pollEvents();
      if (window.shouldClose()) {
        // The window's close button: ask first when there are unsaved changes.
        window.cancelClose();
        close = desk->requestClose();
        if (close) {
          break;
        }
      }
      const auto now = std::chrono::steady_clock::now();
      const double dt = std::min(0.1, std::chrono::duration<double>(now - last).count());
      last = now;
      layer.beginFrame(static_cast<float>(std::max(dt, 1e-3)));
      const ui::ScenarioEditorModel model = desk->model(**text);
      const ui::ScenarioEditorActions actions = screen.draw(model, **text);
      scene.rebuild(*desk, model);
      scene.turn(actions);
      layer.endFrame();
      const EditOutcome outcome = desk->apply(actions, screen, **text);
      close = outcome.close;
      tryIt = outcome.tryIt;
      if (desk->title() != title) {
        title = desk->title();
        window.setTitle(title);
      }
      scene.fill(view);
      if (auto frame = renderer.render(view); !frame) {
        err << frame.error().toString() << '\n';
        return kExitFailure;
      }
    }
    if (tryIt && desk->tryScenario()) {
      // A practice attempt of the text as it stands, in this window, through the one attempt
      // loop; the desk and the screen (undo history, selection, grid) wait here for its end.
      ++tries;
      RunOptions attempt = session.options();
      attempt.scenario = file;
      attempt.trainee = trainee;
      attempt.mode = "practice";
      attempt.input.clear();
      attempt.noStore = true;
      const scenario::Scenario tried = *desk->tryScenario();
      const int code = runWorkstation(session, attempt, tried, out, err);
      out << "try it " << tries << ": practice attempt ended (" << code
          << "); back in the editor\n";
      window.cancelClose();
      continue;
    }
    renderer.waitIdle();
    const scenario::ScenarioEdit* edit = desk->edit();
    const auto selected = screen.selected();
    out << "editor closed: " << (desk->modified() ? "unsaved changes" : "no unsaved changes")
        << ", undo " << (edit != nullptr && edit->canUndo() ? "available" : "empty")
        << ", selected "
        << (selected && *selected < desk->view().objects.size()
                ? desk->view().objects[*selected].name
                : std::string("none"))
        << ", " << (edit != nullptr ? edit->problems().size() : 0) << " problems, tries " << tries
        << '\n';
    if (renderer.validationEnabled()) {
      out << "editor closed; validation messages " << renderer.validationMessageCount() << '\n';
    }
    return kExitOk;
  }
}

} // namespace skillsim::app
