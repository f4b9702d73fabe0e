#include "skillsim/app/ClassroomCommand.h"

#include "OffscreenScreenshot.h"
#include "Session.h"
#include "skillsim/app/AssetsFolder.h"
#include "skillsim/app/Cli.h"

#include <skillsim/core/SceneView.h>
#include <skillsim/platform/Window.h>
#include <skillsim/render/Renderer.h>
#include <skillsim/scenario/ScenarioLoader.h>
#include <skillsim/ui/Format.h>
#include <skillsim/ui/ImGuiLayer.h>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <deque>
#include <filesystem>
#include <ostream>
#include <sstream>

namespace skillsim::app {
namespace {

/** One command of the --script seam. */
struct ScriptStep {
  std::string verb; ///< pause, resume, message, end, frames, quit
  std::string seat;
  std::string text;
  int frames = 0;
};

core::Expected<std::deque<ScriptStep>> parseScript(const std::string& script) {
  std::deque<ScriptStep> steps;
  std::stringstream all(script);
  std::string part;
  int index = 0;
  while (std::getline(all, part, ';')) {
    ++index;
    std::istringstream words(part);
    ScriptStep s;
    if (!(words >> s.verb)) {
      continue;
    }
    const auto where = "--script command " + std::to_string(index) + ": ";
    if (records::isSeatCommandKind(s.verb)) {
      if (!(words >> s.seat)) {
        return core::makeError(core::ErrorCode::InvalidInput,
                               where + "'" + s.verb + "' needs a seat name");
      }
      std::getline(words >> std::ws, s.text);
      if (s.verb == "message" && s.text.empty()) {
        return core::makeError(core::ErrorCode::InvalidInput,
                               where + "'message' needs a seat and the text");
      }
    } else if (s.verb == "frames") {
      if (!(words >> s.frames) || s.frames < 1) {
        return core::makeError(core::ErrorCode::InvalidInput,
                               where + "'frames' needs a whole number >= 1");
      }
    } else if (s.verb != "quit") {
      return core::makeError(core::ErrorCode::InvalidInput,
                             where + "unknown '" + s.verb +
                                 "' (pause SEAT, resume SEAT, message SEAT TEXT, end SEAT, "
                                 "frames N, quit)");
    }
    steps.push_back(std::move(s));
  }
  return steps;
}

bool chinese(const ui::I18n& text) { return text.language() == ui::Language::ChineseSimplified; }

const std::string& pick(const ui::I18n& text, const std::string& zh, const std::string& en) {
  const std::string& first = chinese(text) ? zh : en;
  return first.empty() ? (chinese(text) ? en : zh) : first;
}

/** The unit whose SI symbol a readout carries; nullopt for one not known. */
std::optional<sim::Unit> unitOfSymbol(const std::string& symbol) {
  for (const sim::Unit u :
       {sim::Unit::None, sim::Unit::Metre, sim::Unit::Radian, sim::Unit::MetrePerSecond,
        sim::Unit::RadianPerSecond, sim::Unit::Kilogram, sim::Unit::Newton, sim::Unit::Second}) {
    if (sim::unitSymbol(u) == symbol) {
      return u;
    }
  }
  return std::nullopt;
}

std::string quantity(double value, const std::string& symbol, int precision, const ui::I18n& text) {
  if (const auto unit = unitOfSymbol(symbol)) {
    return ui::formatQuantity(value, *unit, precision, text);
  }
  // The workstation sends angles already in degrees ("°", "°/s"): the degree sign sits on the
  // number, as the HUD writes it.
  const bool degrees = symbol.starts_with("\u00b0");
  return ui::formatQuantity(value, sim::Unit::None, precision) + (degrees ? "" : " ") + symbol;
}

/**
 * "-5 points: <item>, <metric> 0.42 m, 00:12.5" (zh-CN "-5 分：<item>，<metric> 0.42 米，00:12.5")
 * from the criterion of the seat's scenario.
 */
std::string deductionWords(const records::LiveDeduction& d, const scenario::Scenario* s,
                           const ui::I18n& text) {
  std::string words = "-" + ui::formatPoints(d.points) + " " + text.text("classroom.points");
  std::string item;
  std::string measured;
  if (s != nullptr) {
    if (const auto* standardItem = s->standard.findItem(d.itemId)) {
      item = pick(text, standardItem->descriptionZh, standardItem->descriptionEn);
    }
    const auto& criteria = s->rubric.criteria;
    const auto c = std::find_if(criteria.begin(), criteria.end(),
                                [&](const auto& x) { return x.id == d.criterionId; });
    if (c != criteria.end() && s->machine) {
      if (const auto* band = std::get_if<assessment::MetricBandParams>(&c->params)) {
        for (const sim::MetricDecl& m : s->machine->metrics) {
          if (m.name == band->metric) {
            measured = pick(text, m.labelZh, m.labelEn) + " " +
                       ui::formatQuantity(d.measured, m.unit, 2, text);
          }
        }
      }
    }
  }
  if (!item.empty()) {
    words += text.text("classroom.then") + item;
  }
  if (!measured.empty()) {
    words += text.text("classroom.and") + measured;
  }
  return words + text.text("classroom.and") + ui::formatClock(d.timeS);
}

} // namespace

ScenarioCatalogue::ScenarioCatalogue(std::string folder) : mFolder(std::move(folder)) {}
ScenarioCatalogue::~ScenarioCatalogue() = default;

const scenario::Scenario* ScenarioCatalogue::find(const std::string& id) {
  if (const auto it = mById.find(id); it != mById.end()) {
    return it->second.get();
  }
  if (mLoaded) {
    return nullptr;
  }
  mLoaded = true;
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  if (std::filesystem::is_directory(mFolder, ec)) {
    for (const auto& e : std::filesystem::recursive_directory_iterator(mFolder, ec)) {
      if (e.path().extension() == ".toml") {
        files.push_back(e.path());
      }
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    if (auto s = scenario::loadScenario(f, commandLineLoadOptions()); s) {
      const std::string sid = s->id;
      mById.emplace(sid, std::make_unique<scenario::Scenario>(std::move(*s)));
    }
  }
  const auto it = mById.find(id);
  return it == mById.end() ? nullptr : it->second.get();
}

std::vector<ui::ClassroomSeatView> classroomSeatViews(const std::vector<records::LiveSeatRow>& rows,
                                                      ScenarioCatalogue& scenarios,
                                                      const ui::I18n& text) {
  std::vector<ui::ClassroomSeatView> views;
  for (const records::LiveSeatRow& row : rows) {
    const records::LiveSeatState& s = row.state;
    const scenario::Scenario* sc = scenarios.find(s.scenarioId);
    ui::ClassroomSeatView v;
    v.seat = s.seat;
    v.trainee = s.traineeId;
    v.scenario = sc != nullptr ? pick(text, sc->titleZh, sc->titleEn) : s.scenarioId;
    v.mode = s.mode == "exam"       ? text.text("classroom.mode_exam")
             : s.mode == "practice" ? text.text("classroom.mode_practice")
                                    : s.mode;
    v.phase = "—";
    if (!s.phase.empty()) {
      v.phase = s.phase;
      if (sc != nullptr) {
        if (const auto it = sc->labels.find(s.phase); it != sc->labels.end()) {
          v.phase = pick(text, it->second.zh, it->second.en);
        }
      }
    }
    v.elapsed = ui::formatClock(s.elapsedS);
    v.score = ui::formatPoints(s.score) + " / " + ui::formatPoints(s.maxScore);
    v.lastDeduction = s.lastDeduction ? deductionWords(*s.lastDeduction, sc, text) : "—";
    for (const records::LiveReadout& r : s.readouts) {
      if (r.unit == records::kLiveFlagUnit) { // a flag: its label while on, as on the HUD
        if (r.value > 0.5) {
          v.readouts.push_back(pick(text, r.labelZh, r.labelEn));
        }
        continue;
      }
      const std::string word = pick(text, r.wordZh, r.wordEn);
      v.readouts.push_back(pick(text, r.labelZh, r.labelEn) + " " +
                           (word.empty() ? quantity(r.value, r.unit, r.precision, text) : word));
    }
    v.online = row.online;
    v.paused = s.paused;
    v.status = !row.online ? text.text("classroom.offline")
               : s.paused  ? text.text("classroom.paused")
                           : text.text("classroom.online");
    if (s.areaExtent > 0.0) {
      const double side = 2.0 * s.areaExtent;
      v.mapU = static_cast<float>(
          std::clamp((s.planX - (s.areaCentreX - s.areaExtent)) / side, 0.0, 1.0));
      v.mapV = static_cast<float>(
          std::clamp((s.planZ - (s.areaCentreZ - s.areaExtent)) / side, 0.0, 1.0));
    }
    views.push_back(std::move(v));
  }
  return views;
}

void printClassroomGrid(const std::vector<ui::ClassroomSeatView>& seats, const ui::I18n& text,
                        std::ostream& out) {
  out << text.text("classroom.title") << ": " << ui::classroomSeatCount(seats.size(), text) << '\n';
  for (const ui::ClassroomSeatView& v : seats) {
    out << v.seat << " [" << v.status << "] " << text.text("classroom.trainee") << " " << v.trainee
        << " | " << v.scenario << " | " << v.mode << " | " << text.text("classroom.phase") << " "
        << v.phase << " | " << v.elapsed << " | " << text.text("classroom.score") << " " << v.score
        << '\n';
    out << "  " << text.text("classroom.last_deduction") << " " << v.lastDeduction << '\n';
    out << "  " << text.text("classroom.readouts") << " ";
    for (std::size_t i = 0; i < v.readouts.size(); ++i) {
      out << (i == 0 ? "" : chinese(text) ? "\uff1b" : "; ") << v.readouts[i];
    }
    out << (v.readouts.empty() ? "—" : "") << '\n';
    char map[96];
    std::snprintf(map, sizeof map, "%.0f%% / %.0f%%", 100.0 * v.mapU, 100.0 * v.mapV);
    out << "  " << text.text("classroom.minimap") << " " << map << '\n';
  }
}

CLI::App* addClassroomCommand(CLI::App& cli, ClassroomOptions& o) {
  CLI::App* cmd = cli.add_subcommand(
      "classroom", "The instructor's window: the live seats of a room (PostgreSQL store), "
                   "with pause, resume, message and end for each seat");
  cmd->add_option("--db", o.db, "The room's results store, a postgresql:// URL")->required();
  cmd->add_option("--scenarios", o.scenariosDir,
                  "Folder of scenarios, for the seats' titles and deductions (default: scenarios)");
  cmd->add_option("--lang", o.lang, "zh-CN or en (default: from the locale)");
  cmd->add_option("--gpu", o.gpu, "Vulkan device (skillsim --gpu list)");
  cmd->add_flag("--headless", o.headless, "No window: print the grid as text every 0.5 s");
  cmd->add_flag("--once", o.once, "With --headless: print the grid once and exit");
  cmd->add_flag_callback(
      "--print",
      [&o] {
        o.headless = true;
        o.once = true;
      },
      "The same as --headless --once");
  cmd->add_option("--script", o.script,
                  "Tests: 'pause SEAT; message SEAT TEXT; frames N; quit' instead of the mouse");
  cmd->add_option("--screenshot", o.screenshot, "Tests, with --script: a PNG at quit");
  return cmd;
}

namespace {

/** Sends `c`, saying what happened on `out` / `err`. */
bool send(const std::string& db, const ui::ClassroomCommand& c, std::ostream& out,
          std::ostream& err) {
  auto id = records::sendSeatCommand(db, c.seat, c.kind, c.text);
  if (!id) {
    err << "skillsim classroom: " << id.error().toString() << '\n';
    return false;
  }
  out << "classroom: sent " << c.kind << " to " << c.seat << " (command " << *id << ")\n";
  return true;
}

} // namespace

int runClassroom(const ClassroomOptions& o, std::ostream& out, std::ostream& err) {
  auto language = runLanguage(o.lang);
  if (!language) {
    err << language.error().toString() << '\n';
    return kExitUsage;
  }
  if (!records::ResultsStore::isPostgresUrl(o.db)) {
    err << "skillsim classroom: --db " << o.db
        << ": live seats need a PostgreSQL store (a postgresql:// URL); an SQLite file is on one "
           "machine and a classroom cannot share it (docs/classroom.md)\n";
    return kExitUsage;
  }
  auto script = parseScript(o.script);
  if (!script) {
    err << "skillsim classroom: " << script.error().toString() << '\n';
    return kExitUsage;
  }
  const bool scripted = !o.script.empty();
  RunOptions runOptions;
  runOptions.scenario = (std::filesystem::path(o.scenariosDir) / "classroom").string();
  runOptions.gpu = o.gpu;
  Session session(runOptions, *language);
  auto text = session.text(runOptions.scenario);
  if (!text) {
    err << text.error().toString() << '\n';
    return kExitFailure;
  }
  ScenarioCatalogue scenarios(o.scenariosDir);
  auto reader = records::LiveSeatReader::open(o.db);
  if (!reader) {
    err << "skillsim classroom: " << reader.error().toString() << '\n';
    return kExitFailure;
  }
  std::vector<ui::ClassroomSeatView> views;
  const auto refresh = [&]() -> bool {
    auto rows = (*reader)->read();
    if (!rows) {
      err << "skillsim classroom: " << rows.error().toString() << '\n';
      return false;
    }
    views = classroomSeatViews(*rows, scenarios, **text);
    return true;
  };
  constexpr auto kRefresh = std::chrono::milliseconds(500);
  if (o.headless) {
    for (;;) {
      const auto start = std::chrono::steady_clock::now();
      if (!refresh()) {
        return kExitFailure;
      }
      printClassroomGrid(views, **text, out);
      out.flush();
      if (o.once) {
        return kExitOk;
      }
      out << '\n';
      std::this_thread::sleep_until(start + kRefresh);
    }
  }
  if (!refresh()) {
    return kExitFailure;
  }
  auto shown = session.window("SkillSim classroom");
  if (!shown) {
    err << shown.error().toString() << '\n';
    return kExitFailure;
  }
  platform::Window& window = *(*shown)->window;
  render::Renderer& renderer = *(*shown)->renderer;
  ui::ImGuiLayer& layer = *(*shown)->layer;
  ui::ClassroomGridState grid;
  core::SceneView view;
  bool quit = false;
  int status = kExitOk;
  int framesLeft = 0;
  auto last = std::chrono::steady_clock::now();
  auto lastRead = last;
  while (!window.shouldClose() && !quit) {
    window.pollEvents();
    const auto now = std::chrono::steady_clock::now();
    const double dt = std::clamp(std::chrono::duration<double>(now - last).count(), 1e-3, 0.1);
    last = now;
    std::optional<ui::ClassroomCommand> scriptedCommand;
    if (scripted && framesLeft <= 0) {
      if (script->empty()) {
        quit = true;
      } else {
        const ScriptStep s = script->front();
        script->pop_front();
        if (s.verb == "frames") {
          framesLeft = s.frames;
        } else if (s.verb == "quit") {
          quit = true;
        } else {
          scriptedCommand = ui::ClassroomCommand{s.seat, s.verb, s.text};
        }
      }
    }
    --framesLeft;
    if (now - lastRead >= kRefresh) {
      lastRead = now;
      if (!refresh()) {
        status = kExitFailure;
        break;
      }
    }
    layer.beginFrame(static_cast<float>(dt));
    const auto clicked = ui::drawClassroomGrid(views, grid, **text);
    layer.endFrame();
    for (const auto& c : {clicked, scriptedCommand}) {
      if (c) {
        if (!send(o.db, *c, out, err)) {
          status = kExitFailure;
        }
        lastRead = {}; // the seat's state after the command, at once
      }
    }
    if (auto frame = renderer.render(view); !frame) {
      err << frame.error().toString() << '\n';
      status = kExitFailure;
      break;
    }
  }
  renderer.waitIdle();
  (*shown)->layer.reset(); // one Dear ImGui context at a time (the screenshot makes its own)
  if (refresh()) {
    printClassroomGrid(views, **text, out);
  }
  if (scripted && !o.screenshot.empty() && status == kExitOk) {
    if (!writeOffscreenScreenshot(
            view, o.gpu, o.screenshot, [&] { (void)ui::drawClassroomGrid(views, grid, **text); },
            out, err)) {
      return kExitFailure;
    }
  }
  return status;
}

} // namespace skillsim::app
