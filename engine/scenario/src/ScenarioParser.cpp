#include "ScenarioParser.h"

#include <skillsim/core/OrbitView.h>

#include "StandardParser.h"
#include "TableSectionReader.h"

#include <skillsim/scenario/ScenarioLoader.h>

#include <skillsim/core/FixedClock.h>

#include <glm/common.hpp>
#include <glm/geometric.hpp>
#include <glm/gtc/quaternion.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numbers>

namespace skillsim::scenario {
namespace {

constexpr double kDegToRad = std::numbers::pi / 180.0;

std::string num(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", v);
  return buffer;
}

bool contains(const std::vector<std::string>& list, const std::string& name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

/** Rotation about X, then Y, then Z (world axes), angles in rad. */
glm::dquat fromEuler(const glm::dvec3& angles) {
  return glm::angleAxis(angles.z, glm::dvec3(0, 0, 1)) *
         glm::angleAxis(angles.y, glm::dvec3(0, 1, 0)) *
         glm::angleAxis(angles.x, glm::dvec3(1, 0, 0));
}

/**
 * The declaration of a metric a rubric names: the machine's (MachineDecl::metrics), or the
 * simulation's own `time` (s, from 0). The name has been checked already.
 */
sim::MetricDecl metricDeclOf(const std::optional<sim::MachineDecl>& machine,
                             const std::string& name) {
  if (machine) {
    if (const sim::MetricDecl* decl = machine->metric(name)) {
      return *decl;
    }
  }
  sim::MetricDecl time;
  time.name = name;
  time.unit = sim::Unit::Second;
  time.plausibleMin = 0.0;
  return time;
}

/** How a unit reads in a message: "m", "m/s", "rad (an angle)", "no unit". */
std::string unitText(sim::Unit unit) {
  if (unit == sim::Unit::Radian) {
    return "rad, an angle";
  }
  if (unit == sim::Unit::Flag) {
    return "a flag, 0 or 1";
  }
  const std::string_view symbol = sim::unitSymbol(unit);
  return symbol.empty() ? std::string("no unit") : std::string(symbol);
}

/** Up to 4 significant digits ("171.9", "1.571"). */
std::string short4(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.4g", v);
  return buffer;
}

/** A value of the metric as a person reads it: "0.5 m", "3°" for angles (value in rad). */
std::string valueText(const sim::MetricDecl& decl, double value) {
  if (decl.unit == sim::Unit::Radian) {
    return short4(value / kDegToRad) + "°";
  }
  const std::string_view symbol = sim::unitSymbol(decl.unit);
  return symbol.empty() ? num(value) : num(value) + " " + std::string(symbol);
}

/** The metric's plausible range (MetricDecl::plausibleMin/Max) as a person reads it. */
std::string rangeText(const sim::MetricDecl& decl) {
  auto end = [&](double v) {
    return std::isfinite(v) ? valueText(decl, v) : std::string(v < 0 ? "-inf" : "+inf");
  };
  std::string text = end(decl.plausibleMin) + " to " + end(decl.plausibleMax);
  if (decl.unit == sim::Unit::Radian) {
    text += " (" + short4(decl.plausibleMin) + " to " + short4(decl.plausibleMax) + " rad)";
  }
  return text;
}

/**
 * A `*_deg` key is only for angle metrics (Unit::Radian): on any other metric it would silently
 * turn, say, 0.5 into 0.0087 m. Reports at the key; false when refused.
 */
bool checkDegreesKey(TableReader& r, std::string_view key, const sim::MetricDecl& decl) {
  if (decl.unit == sim::Unit::Radian) {
    return true;
  }
  const std::string plain(key.substr(0, key.size() - 4));
  r.problem(key, "'" + std::string(key) + "' gives degrees, but metric '" + decl.name +
                     "' is not an angle (it is measured in " + unitText(decl.unit) + "): write '" +
                     plain + "' in " + unitText(decl.unit));
  return false;
}

/**
 * A threshold on a metric (a band's bound, a forbidden action's or an end state's threshold;
 * `value` in the metric's SI unit) must lie in the metric's plausible range, else the check could
 * never fire, or always would (`max = 3.0` on a swing angle is 172°). Reports at the key, naming
 * the metric, its unit and the range; false when refused.
 */
bool checkPlausible(TableReader& r, std::string_view key, const sim::MetricDecl& decl,
                    double value) {
  if (value >= decl.plausibleMin && value <= decl.plausibleMax) {
    return true;
  }
  std::string message = std::string(key) + " = " + valueText(decl, value) +
                        " is outside the plausible range of metric '" + decl.name + "' (" +
                        unitText(decl.unit) + "): " + rangeText(decl);
  if (decl.unit == sim::Unit::Radian && !key.ends_with("_deg")) {
    message += "; '" + std::string(key) + "' is read in rad (" + num(value) + " rad), write '" +
               std::string(key) + "_deg' for degrees";
  }
  r.problem(key, message);
  return false;
}

} // namespace

ScenarioParser::ScenarioParser(Diagnostics& diagnostics, const assessment::Standard* standard,
                               const sim::MachineRegistry& machines, std::string standardFile)
    : mDiagnostics(diagnostics), mStandard(standard), mMachines(machines),
      mStandardFile(std::move(standardFile)) {}

std::optional<sim::SimEventKind> ScenarioParser::eventKind(const std::string& name) const {
  for (sim::SimEventKind kind : sim::kSimulationEventKinds) {
    if (sim::toString(kind) == name) {
      return kind;
    }
  }
  if (mMachine) {
    for (const sim::EventDecl& e : mMachine->events) {
      if (e.name == name) {
        return sim::SimEventKind::Machine;
      }
    }
  }
  return std::nullopt;
}

std::vector<std::string> ScenarioParser::eventNames() const {
  std::vector<std::string> names;
  for (sim::SimEventKind kind : sim::kSimulationEventKinds) {
    names.emplace_back(sim::toString(kind));
  }
  if (mMachine) {
    for (const sim::EventDecl& e : mMachine->events) {
      names.push_back(e.name);
    }
  }
  names.emplace_back("start");
  names.emplace_back("motion");
  names.emplace_back("end");
  return names;
}

bool ScenarioParser::checkName(TableReader& r, std::string_view key, const std::string& name,
                               const std::vector<std::string>& known, const std::string& what) {
  if (contains(known, name)) {
    return true;
  }
  std::string hint = didYouMean(name, known);
  if (hint.empty()) {
    hint = known.empty() ? "; this scenario defines none" : "; expected " + listChoices(known);
  }
  r.problem(key, "unknown " + what + " '" + name + "'" + hint);
  return false;
}

bool ScenarioParser::checkMetric(TableReader& r, std::string_view key, const std::string& name) {
  if (mMachineUnknown) {
    return true; // the machine's kind was already refused: its names cannot be checked
  }
  if (mMetrics.empty()) {
    r.problem(key, "metric '" + name +
                       "' cannot be measured: this scenario has no machine "
                       "(add a [machine] table with its kind)");
    return false;
  }
  return checkName(r, key, name, mMetrics, "metric");
}

void ScenarioParser::parse(const toml::table& root, Scenario& out) {
  TableReader r(root, "", mDiagnostics);
  r.allow("format");
  out.id = r.string("id", Need::Required).value_or("");
  if (!out.id.empty() && !validId(out.id)) {
    r.problem("id", "invalid id '" + out.id +
                        "'; expected lowercase letters, digits, '.', '_' or '-', starting with a "
                        "letter or digit");
  }
  out.version = r.string("version", Need::Required).value_or("");
  out.titleZh = r.string("title_zh", Need::Required).value_or("");
  out.titleEn = r.string("title_en", Need::Optional).value_or("");
  if (out.titleEn.empty() && !out.titleZh.empty() && root.get("title_en") == nullptr) {
    // A Chinese-only scenario is usable: English readers see the Chinese title, and are told so.
    const auto& at = root.get("title_zh")->source().begin;
    out.titleEn = out.titleZh;
    out.warnings.push_back(
        core::makeError(core::ErrorCode::InvalidInput,
                        "no title_en: English screens and reports show the Chinese title '" +
                            out.titleZh + "'; add title_en = \"...\"",
                        core::SourceLocation{.file = mDiagnostics.file(),
                                             .line = at.line,
                                             .column = at.column,
                                             .fieldPath = "title_en"}));
  }
  out.descriptionZh = r.string("description_zh", Need::Optional).value_or("");
  out.descriptionEn = r.string("description_en", Need::Optional).value_or("");
  out.trade = r.string("trade", Need::Required).value_or("");
  out.mockExam = r.boolean("mock_exam", Need::Optional).value_or(false);
  if (const toml::node* flag = root.get("mock_exam")) {
    const toml::source_position& at = flag->source().begin;
    out.mockExamLocation = core::SourceLocation{.file = mDiagnostics.file(),
                                                .line = at.line,
                                                .column = at.column,
                                                .fieldPath = "mock_exam"};
  }
  // Resolved by the loader; read here so that a wrong type is reported with the rest.
  bool byId = r.string("standard", Need::Optional).has_value();
  bool byFile = r.string("standard_file", Need::Optional).has_value();
  if (byId == byFile && root.get("standard") == nullptr && root.get("standard_file") == nullptr) {
    r.problemHere("missing the standard assessed: give 'standard' (an id under "
                  "assets/standards/) or 'standard_file' (a path relative to this file)");
  } else if (byId && byFile) {
    r.problem("standard_file", "give either 'standard' or 'standard_file', not both");
  }
  // The scenario's own pass mark, so that raising it needs no copy of the shared standard.
  const std::optional<double> passMark =
      r.number("pass_mark", Need::Optional, Range::nonNegative());
  if (passMark && mStandard != nullptr && !mStandard->items.empty() &&
      *passMark > mStandard->totalPoints()) {
    r.problem("pass_mark", "pass mark " + formatNumber(*passMark) +
                               " is above the standard's total of " +
                               formatNumber(mStandard->totalPoints()) +
                               " points; no attempt could pass (expected 0 to " +
                               formatNumber(mStandard->totalPoints()) + ")");
  }
  if (mStandard != nullptr && !out.trade.empty() && !mStandard->trade.empty() &&
      mStandard->trade != out.trade) {
    r.problem("trade", "trade '" + out.trade + "' does not match the standard's trade '" +
                           mStandard->trade + "'");
  }

  readSimulation(r, out);
  readMachine(r, out);
  readBodies(r, out);
  checkMachineScene(r, out);
  readZones(r, out);
  readGroups(r);
  readCameras(r, out);
  readCourse(r, out);
  // Scheduled events' ids first: a phase or criterion may start on one written further down.
  if (const toml::array* events = root.get_as<toml::array>("events")) {
    for (const toml::node& node : *events) {
      if (const toml::table* table = node.as_table()) {
        if (const auto* id = table->get_as<std::string>("id")) {
          mEventIds.push_back(id->get());
        }
      }
    }
  }
  readPhases(r, out);
  readEvents(r, out);
  readSteps(r, out);
  readAttempt(r, out);
  readRubric(r, out);
  readLabels(r, out);
  // A machine fault is named for people by its declaration unless `[labels]` names it.
  for (const ScheduledEvent& e : out.events) {
    if (e.kind == ScheduledEvent::Kind::MachineFault && mMachine) {
      if (const sim::FaultDecl* decl = mMachine->fault(e.fault)) {
        out.labels.try_emplace(e.id, Scenario::Label{decl->labelZh, decl->labelEn});
      }
    }
  }
  checkCoverage(r, out);
  r.finish();
  out.tickRate = out.simulation.tickRate;
  out.rubric.tickRate = out.simulation.tickRate;
  out.rubric.timeLimit = out.timeLimit;
  if (mStandard != nullptr) {
    out.standard = *mStandard;
  }
  if (passMark) {
    out.standard.passMark = *passMark;
    out.passMarkOverride = *passMark;
  }
}

void ScenarioParser::readSimulation(TableReader& root, Scenario& out) {
  const toml::table* table = root.table("simulation", Need::Required);
  if (table == nullptr) {
    return;
  }
  TableReader r(*table, "simulation", mDiagnostics);
  sim::SimulationSpec& s = out.simulation;
  s.tickRate = static_cast<std::uint32_t>(
      r.integer("tick_rate", Need::Optional, core::kMinScenarioTickRate, core::kMaxTickRate)
          .value_or(s.tickRate));
  s.solverIterations =
      static_cast<int>(r.integer("solver_iterations", Need::Optional, 1, 200).value_or(10));
  s.frictionDirections =
      static_cast<int>(r.integer("friction_directions", Need::Optional, 1, 2).value_or(1));
  s.islandsByContact = r.boolean("islands_by_contact", Need::Optional).value_or(false);
  s.seed = static_cast<std::uint64_t>(
      r.integer("seed", Need::Optional, 0, std::numeric_limits<std::int64_t>::max()).value_or(0));
  s.gravity = r.vec3("gravity", Need::Optional, Range::closed(-100.0, 100.0)).value_or(s.gravity);
  s.groundPlane = r.boolean("ground_plane", Need::Optional).value_or(true);
  r.finish();
  if (s.groundPlane) {
    mTags.emplace_back("ground");
    mTagSet.insert("ground");
  }
}

void ScenarioParser::readMachine(TableReader& root, Scenario& out) {
  // Format 2: [machine] with kind = "..." and the machine's own keys. Format 1 (still read): the
  // trade names the machine and its keys sit under the machine's legacy table name.
  std::shared_ptr<const sim::MachineType> type;
  const toml::table* table = nullptr;
  std::string path;
  bool legacy = false;
  if (root.raw().get("machine") != nullptr) {
    table = root.table("machine", Need::Optional);
    if (table == nullptr) {
      return;
    }
    TableReader kindReader(*table, "machine", mDiagnostics);
    auto kind = kindReader.choice("kind", Need::Required, mMachines.kinds());
    if (!kind) {
      mMachineUnknown = true;
      return;
    }
    type = mMachines.find(*kind);
    path = "machine";
  } else {
    type = mMachines.find(out.trade);
    for (const std::string& kind : mMachines.kinds()) {
      auto candidate = mMachines.find(kind);
      if (!candidate->legacySection().empty() &&
          root.raw().get(candidate->legacySection()) != nullptr) {
        type = candidate;
        break;
      }
    }
    if (type == nullptr) {
      return; // a scenario without a machine (bodies and zones only)
    }
    path = std::string(type->legacySection());
    legacy = true;
    if (path.empty() || root.raw().get(path) == nullptr) {
      root.problemHere("trade '" + out.trade + "' needs a [machine] table with kind = \"" +
                       std::string(type->kind()) + "\" (or, in format 1, a [" + path +
                       "] table) describing the machine");
      return;
    }
    table = root.table(path, Need::Optional);
    if (table == nullptr) {
      return;
    }
  }
  TableSectionReader section(*table, path, mDiagnostics);
  if (!legacy) {
    section.allow("kind");
  }
  auto params = type->parse(section);
  section.finish();
  if (params == nullptr) {
    return;
  }
  out.simulation.machine = sim::MachineSpec{type, params};
  mMachine = type->describe(*params);
  mMetrics = {"time"};
  for (const sim::MetricDecl& m : mMachine->metrics) {
    mMetrics.push_back(m.name);
  }
  mControllers = mMachine->drives;
  for (const std::string& tag : mMachine->bodyTags) {
    mTags.push_back(tag);
    mTagSet.insert(tag);
  }
  for (const std::string& name : mMachine->bodies) {
    mReservedBodies.push_back(name);
  }
  out.machine = mMachine;
  out.rubric.positionX = mMachine->planX;
  out.rubric.positionY = mMachine->planHeight;
  out.rubric.positionZ = mMachine->planZ;
}

void ScenarioParser::checkMachineScene(TableReader& root, const Scenario& out) {
  const std::optional<sim::MachineSpec>& machine = out.simulation.machine;
  if (!machine || machine->type == nullptr || machine->params == nullptr) {
    return;
  }
  const toml::array* bodies = root.raw().get_as<toml::array>("bodies");
  for (const sim::SceneProblem& p : machine->type->checkScene(*machine->params, out.simulation)) {
    const std::string path = "bodies[" + std::to_string(p.body) + "]." + p.field;
    const toml::table* body =
        bodies != nullptr && p.body < bodies->size() ? bodies->get(p.body)->as_table() : nullptr;
    const toml::node* node = body != nullptr ? body->get(p.field) : nullptr;
    if (node == nullptr && body != nullptr) {
      node = body;
    }
    if (node != nullptr) {
      root.problemAt(*node, path, p.message);
    } else {
      root.problemHere(path + ": " + p.message);
    }
  }
}

void ScenarioParser::readBodies(TableReader& root, Scenario& out) {
  const std::vector<std::string> shapes = {"box",     "cylinder",    "sphere",
                                           "capsule", "convex_hull", "triangle_mesh"};
  auto tables = root.tables("bodies", Need::Optional);
  for (std::size_t i = 0; i < tables.size(); ++i) {
    if (tables[i] == nullptr) {
      continue;
    }
    TableReader r(*tables[i], "bodies[" + std::to_string(i) + "]", mDiagnostics);
    sim::BodySpec b;
    b.name = r.string("name", Need::Required).value_or("");
    if (!b.name.empty() && contains(mReservedBodies, b.name)) {
      r.problem("name", "body name '" + b.name + "' is the machine's own body; choose another");
    } else if (!b.name.empty() && mBodyNameSet.contains(b.name)) {
      const auto first = mBodyNameLines.find(b.name);
      r.problem("name", "duplicate body name '" + b.name + "'" +
                            (first != mBodyNameLines.end()
                                 ? "; first given at line " + std::to_string(first->second)
                                 : std::string()));
    }
    if (const toml::node* name = tables[i]->get("name"); name != nullptr) {
      mBodyNameLines.emplace(b.name, name->source().begin.line); // keeps the first
    }
    b.tags = r.strings("tags", Need::Optional).value_or(std::vector<std::string>{});
    auto shape = r.choice("shape", Need::Required, shapes);
    auto mass = r.number("mass", Need::Optional, Range::closed(0.0, 1e6));
    b.mass = mass.value_or(0.0);
    bool hullOrMesh = shape && (*shape == "convex_hull" || *shape == "triangle_mesh");
    if (shape) {
      auto index = std::find(shapes.begin(), shapes.end(), *shape) - shapes.begin();
      b.shape.kind = static_cast<sim::ShapeKind>(index);
    }
    if (shape && !hullOrMesh) {
      if (auto size = r.vec3("size", Need::Required, {0.0, 1e4, true, false})) {
        b.shape.size = *size;
      }
    } else {
      r.allow("size");
    }
    if (hullOrMesh) {
      const toml::array* points = r.array("points", Need::Required);
      if (points != nullptr) {
        for (std::size_t p = 0; p < points->size(); ++p) {
          const toml::node& element = *points->get(p);
          const auto* xyz = element.as_array();
          std::string path = r.fieldPath("points") + "[" + std::to_string(p) + "]";
          bool ok = xyz != nullptr && xyz->size() == 3;
          glm::dvec3 v{0.0};
          for (std::size_t k = 0; ok && k < 3; ++k) {
            const toml::node& c = *xyz->get(k);
            if (const auto* n = c.as_integer()) {
              v[static_cast<glm::length_t>(k)] = static_cast<double>(n->get());
            } else if (const auto* f = c.as_floating_point();
                       f != nullptr && std::isfinite(f->get())) {
              v[static_cast<glm::length_t>(k)] = f->get();
            } else {
              ok = false;
            }
          }
          if (!ok) {
            r.problemAt(element, path, "expected a point [x, y, z] of 3 finite numbers (m)");
          }
          b.shape.points.push_back(v);
        }
        if (*shape == "convex_hull" && points->size() < 4) {
          r.problem("points", "a convex hull needs at least 4 points, found " +
                                  std::to_string(points->size()));
        }
      }
      if (*shape == "triangle_mesh") {
        const toml::array* indices = r.array("indices", Need::Required);
        if (indices != nullptr) {
          for (std::size_t k = 0; k < indices->size(); ++k) {
            const toml::node& element = *indices->get(k);
            const auto* n = element.as_integer();
            if (n == nullptr || n->get() < 0 ||
                static_cast<std::size_t>(n->get()) >= b.shape.points.size()) {
              r.problemAt(element, r.fieldPath("indices") + "[" + std::to_string(k) + "]",
                          "expected a point index in [0, " + std::to_string(b.shape.points.size()) +
                              ")");
              continue;
            }
            b.shape.indices.push_back(static_cast<std::uint32_t>(n->get()));
          }
          if (indices->size() % 3 != 0 || indices->empty()) {
            r.problem("indices",
                      "expected 3 indices per triangle, found " + std::to_string(indices->size()));
          }
        }
        if (b.mass > 0.0) {
          r.problem("mass", "a triangle mesh can only be static; expected mass = 0");
        }
      } else {
        r.allow("indices");
      }
    } else {
      r.allow("points");
      r.allow("indices");
    }
    b.position = r.vec3("position", Need::Optional, Range::closed(-1e4, 1e4)).value_or(b.position);
    if (auto rot = r.vec3("rotation_deg", Need::Optional, Range::closed(-360.0, 360.0))) {
      b.orientation = fromEuler(*rot * kDegToRad);
    }
    b.friction = r.number("friction", Need::Optional, Range::closed(0.0, 10.0)).value_or(0.6);
    b.restitution = r.number("restitution", Need::Optional, Range::closed(0.0, 1.0)).value_or(0.0);
    b.linearDamping =
        r.number("linear_damping", Need::Optional, Range::closed(0.0, 1.0)).value_or(0.0);
    b.angularDamping =
        r.number("angular_damping", Need::Optional, Range::closed(0.0, 1.0)).value_or(0.0);
    b.color = r.color("color").value_or(b.color);
    readBodyBands(r, b, shape);
    if (auto lug = r.vec3("lifting_lug", Need::Optional, Range::closed(-100.0, 100.0))) {
      b.liftingLug = *lug;
      bool massUnreadable = r.raw().get("mass") != nullptr && !mass;
      if (!massUnreadable && !(b.mass > 0.0)) {
        r.problem("lifting_lug", "only a dynamic body (mass > 0) can be lifted; give it a mass");
      }
    }
    r.finish();
    for (const std::string& tag : b.tags) {
      if (mTagSet.insert(tag).second) {
        mTags.push_back(tag);
      }
    }
    mBodyNameSet.insert(b.name);
    mBodyNames.push_back(b.name);
    out.simulation.bodies.push_back(std::move(b));
  }
}

void ScenarioParser::readBodyBands(TableReader& r, sim::BodySpec& b,
                                   const std::optional<std::string>& shape) {
  const toml::table* table = r.table("bands", Need::Optional);
  if (table == nullptr) {
    return;
  }
  // At most this many bands a body (a pitch of 1/200 of its height): each band is a mesh drawn.
  constexpr double kMaxBands = 200.0;
  TableReader bands(*table, r.fieldPath("bands"), mDiagnostics);
  sim::BodyBands out;
  if (!bands.has("color")) {
    bands.problem("color", "missing the bands' colour: give color = [r, g, b] (linear, each in "
                           "[0, 1]); the other bands keep the body's own colour");
  }
  const auto color = bands.color("color");
  const auto pitch = bands.number("pitch", Need::Required, Range::positive());
  bands.finish();
  if (shape && *shape != "box" && *shape != "cylinder") {
    r.problem("bands", "bands are painted along the height of a box or a cylinder; a " + *shape +
                           " body has none (draw it in one colour)");
    return;
  }
  const double height = b.shape.size.y;
  if (pitch && height > 0.0 && *pitch > height) {
    bands.problem("pitch", "pitch " + formatNumber(*pitch) + " m is taller than the body (" +
                               formatNumber(height) + " m): it would paint no second band");
    return;
  }
  if (pitch && height > 0.0 && height / *pitch > kMaxBands) {
    bands.problem("pitch", "pitch " + formatNumber(*pitch) + " m gives more than 200 bands on a " +
                               formatNumber(height) + " m body; give at least " +
                               formatNumber(height / kMaxBands) + " m");
    return;
  }
  if (!color || !pitch) {
    return;
  }
  out.color = *color;
  out.pitch = *pitch;
  b.bands = out;
}

void ScenarioParser::readZones(TableReader& root, Scenario& out) {
  auto tables = root.tables("zones", Need::Optional);
  for (std::size_t i = 0; i < tables.size(); ++i) {
    if (tables[i] == nullptr) {
      continue;
    }
    TableReader r(*tables[i], "zones[" + std::to_string(i) + "]", mDiagnostics);
    sim::ZoneSpec z;
    z.name = r.string("name", Need::Required).value_or("");
    if (!z.name.empty() && mZoneNameSet.contains(z.name)) {
      r.problem("name", "duplicate zone name '" + z.name + "'");
    }
    auto shape = r.choice("shape", Need::Optional, {"cylinder", "box"}).value_or("cylinder");
    z.center = r.vec3("center", Need::Required, Range::closed(-1e4, 1e4)).value_or(z.center);
    if (shape == "cylinder") {
      z.shape = sim::ZoneSpec::Shape::Cylinder;
      z.radius = r.number("radius", Need::Required, {0.0, 1e4, true, false}).value_or(z.radius);
      z.height = r.number("height", Need::Optional, {0.0, 1e4, true, false}).value_or(z.height);
      r.allow("half_extents");
      if (r.raw().get("half_extents") != nullptr) {
        r.problem("half_extents", "half_extents is for shape = \"box\"; a cylinder takes radius "
                                  "and height");
      }
      r.allow("yaw_deg");
      if (r.raw().get("yaw_deg") != nullptr) {
        r.problem("yaw_deg", "yaw_deg turns a box zone; a cylinder is round about its vertical "
                             "axis, so turning it changes nothing: remove the key");
      }
    } else {
      z.shape = sim::ZoneSpec::Shape::Box;
      z.halfExtents =
          r.vec3("half_extents", Need::Required, {0.0, 1e4, true, false}).value_or(z.halfExtents);
      if (auto yaw = r.number("yaw_deg", Need::Optional, Range::closed(-360.0, 360.0))) {
        z.yaw = *yaw * kDegToRad;
      }
      for (const char* key : {"radius", "height"}) {
        if (r.has(key)) {
          r.problem(key, std::string(key) + " is for shape = \"cylinder\"; a box takes "
                                            "half_extents");
        }
      }
    }
    z.watchTags = r.strings("watch_tags", Need::Optional).value_or(std::vector<std::string>{});
    for (const std::string& tag : z.watchTags) {
      checkName(r, "watch_tags", tag, mTags, "body tag");
    }
    z.color = r.color("color").value_or(z.color);
    readZonePaint(r, z, out);
    if (const toml::node* center = r.raw().get("center")) {
      checkZoneReach(z, center->source().begin, "zones[" + std::to_string(i) + "].center", out);
    }
    r.finish();
    mZoneNameSet.insert(z.name);
    mZoneNames.push_back(z.name);
    out.simulation.zones.push_back(std::move(z));
  }
}

void ScenarioParser::checkZoneReach(const sim::ZoneSpec& z, const toml::source_position& at,
                                    const std::string& field, Scenario& out) {
  if (!mMachine || mMachine->reach.shape == sim::WorkingEnvelope::Shape::None) {
    return;
  }
  const sim::WorkingEnvelope& reach = mMachine->reach;
  const bool watchesCarried =
      z.watchTags.empty() ||
      std::any_of(z.watchTags.begin(), z.watchTags.end(),
                  [&](const std::string& tag) { return contains(reach.carriedTags, tag); });
  if (!watchesCarried) {
    return;
  }
  // The zone's footprint from above: its (possibly turned) box, or its circle.
  const glm::dvec2 c{z.center.x, z.center.z};
  const glm::dvec2 half{z.halfExtents.x, z.halfExtents.z};
  const bool box = z.shape == sim::ZoneSpec::Shape::Box;
  bool reachable = true;
  std::string where;
  if (reach.shape == sim::WorkingEnvelope::Shape::Box) {
    if (box) {
      // Separating axes of two rectangles: the world's x and z (the envelope's), then the
      // zone's own two axes; they are apart when their projections are apart on one of them.
      const glm::dvec2 bounds = z.planBoundsHalf();
      reachable = c.x + bounds.x >= reach.min.x && c.x - bounds.x <= reach.max.x &&
                  c.y + bounds.y >= reach.min.y && c.y - bounds.y <= reach.max.y;
      if (reachable && z.yaw != 0.0) {
        const glm::dvec2 envelopeCentre = 0.5 * (reach.min + reach.max);
        const glm::dvec2 envelopeHalf = 0.5 * (reach.max - reach.min);
        const glm::dvec3 local =
            z.toZoneFrame(glm::dvec3(envelopeCentre.x, z.center.y, envelopeCentre.y));
        const double ca = std::abs(std::cos(z.yaw));
        const double sa = std::abs(std::sin(z.yaw));
        // The envelope's half-widths projected on the zone's x and z axes.
        const double onX = ca * envelopeHalf.x + sa * envelopeHalf.y;
        const double onZ = sa * envelopeHalf.x + ca * envelopeHalf.y;
        reachable = std::abs(local.x) <= half.x + onX && std::abs(local.z) <= half.y + onZ;
      }
    } else {
      const glm::dvec2 nearest = glm::clamp(c, reach.min, reach.max);
      reachable = glm::length(nearest - c) <= z.radius;
    }
    where = "x " + formatNumber(reach.min.x) + " to " + formatNumber(reach.max.x) + " m, z " +
            formatNumber(reach.min.y) + " to " + formatNumber(reach.max.y) + " m";
  } else {
    double gap = 0.0;
    if (box) {
      // The nearest point of the turned box to the envelope's centre, in the box's own axes.
      const glm::dvec3 local =
          z.toZoneFrame(glm::dvec3(reach.centre.x, z.center.y, reach.centre.y));
      const glm::dvec2 l{local.x, local.z};
      gap = glm::length(glm::clamp(l, -half, half) - l);
    } else {
      gap = glm::length(c - reach.centre) - z.radius;
    }
    reachable = gap <= reach.radius;
    where = "within " + formatNumber(reach.radius) + " m of x " + formatNumber(reach.centre.x) +
            " m, z " + formatNumber(reach.centre.y) + " m";
  }
  if (reachable) {
    return;
  }
  out.warnings.push_back(core::makeError(
      core::ErrorCode::InvalidInput,
      "zone '" + z.name + "' lies wholly outside where the " + mMachine->titleEn +
          " can carry a load (" + where +
          ", seen from above): no load can reach it; move the "
          "zone inside or enlarge the machine's travel in [machine]",
      core::SourceLocation{
          .file = mDiagnostics.file(), .line = at.line, .column = at.column, .fieldPath = field}));
}

void ScenarioParser::readGroups(TableReader& root) {
  auto tables = root.tables("groups", Need::Optional);
  std::vector<std::string> names;
  // Each member already placed: the group that has it and where it is written.
  std::map<std::string, std::pair<std::string, toml::source_position>, std::less<>> placed;
  std::vector<std::string> known = mBodyNames;
  known.insert(known.end(), mZoneNames.begin(), mZoneNames.end());
  for (std::size_t i = 0; i < tables.size(); ++i) {
    if (tables[i] == nullptr) {
      continue;
    }
    const std::string path = "groups[" + std::to_string(i) + "]";
    TableReader r(*tables[i], path, mDiagnostics);
    const std::string name = r.string("name", Need::Required).value_or("");
    if (r.raw().get("name") != nullptr && r.raw().get("name")->is_string() && name.empty()) {
      r.problem("name", "a group needs a name");
    } else if (!name.empty() && contains(names, name)) {
      r.problem("name", "duplicate group name '" + name + "'");
    }
    names.push_back(name);
    const toml::array* members = r.array("members", Need::Required);
    if (members != nullptr && members->empty()) {
      r.problem("members", "group '" + name +
                               "' has no members; list the bodies and zones that move together");
    }
    for (std::size_t m = 0; members != nullptr && m < members->size(); ++m) {
      const toml::node& node = (*members)[m];
      const std::string field = path + ".members[" + std::to_string(m) + "]";
      const auto member = node.value<std::string>();
      if (!node.is_string() || !member) {
        r.problemAt(node, field,
                    "expected a body or zone name (a string), found " + typeName(node));
        continue;
      }
      const bool body = mBodyNameSet.contains(*member);
      const bool zone = mZoneNameSet.contains(*member);
      if (!body && !zone) {
        std::string hint = didYouMean(*member, known);
        r.problemAt(node, field,
                    "unknown member '" + *member + "'" +
                        (hint.empty() ? "; a group's members are body and zone names" : hint));
        continue;
      }
      if (body && zone) {
        r.problemAt(node, field,
                    "'" + *member +
                        "' names both a body and a zone; give them different names so the "
                        "group moves the one meant");
        continue;
      }
      if (auto it = placed.find(*member); it != placed.end()) {
        const toml::source_position& at = it->second.second;
        r.problemAt(node, field,
                    "'" + *member + "' is already a member of group '" + it->second.first + "' (" +
                        mDiagnostics.file() + ":" + std::to_string(at.line) + ":" +
                        std::to_string(at.column) + "); a body or zone belongs to one group");
        continue;
      }
      placed.emplace(*member, std::pair{name, node.source().begin});
    }
    r.finish();
  }
}

void ScenarioParser::readCameras(TableReader& root, Scenario& out) {
  const std::vector<std::string> kinds = {"fixed", "operator_cab", "overhead", "orbit", "follow"};
  std::vector<std::string> names;
  auto tables = root.tables("cameras", Need::Optional);
  for (std::size_t i = 0; i < tables.size(); ++i) {
    if (tables[i] == nullptr) {
      continue;
    }
    TableReader r(*tables[i], "cameras[" + std::to_string(i) + "]", mDiagnostics);
    sim::CameraSpec c;
    c.name = r.string("name", Need::Required).value_or("");
    if (!c.name.empty() && contains(names, c.name)) {
      r.problem("name", "duplicate camera name '" + c.name + "'");
    }
    names.push_back(c.name);
    auto kind = r.choice("kind", Need::Required, kinds);
    if (kind) {
      c.kind = static_cast<sim::CameraSpec::Kind>(std::find(kinds.begin(), kinds.end(), *kind) -
                                                  kinds.begin());
    }
    c.position = r.vec3("position", Need::Optional, Range::closed(-1e4, 1e4)).value_or(c.position);
    c.target = r.vec3("target", Need::Optional, Range::closed(-1e4, 1e4)).value_or(c.target);
    auto follow = r.string("follow_body", Need::Optional);
    if (follow) {
      c.followBody = *follow;
      // A scenario body or one the machine builds itself (MachineDecl::bodies: a truck).
      std::vector<std::string> followable = mBodyNames;
      followable.insert(followable.end(), mReservedBodies.begin(), mReservedBodies.end());
      checkName(r, "follow_body", *follow, followable, "body");
    } else if (kind == "follow") {
      r.problem("follow_body", "missing required key 'follow_body' for kind = \"follow\"");
    }
    if (auto frame = r.choice("offset_frame", Need::Optional, {"world", "body"})) {
      c.offsetInBodyFrame = *frame == "body";
      if (kind != "follow") {
        r.problem("offset_frame", "offset_frame applies only to kind = \"follow\"");
      }
    }
    if (auto fov = r.number("vertical_fov_deg", Need::Optional, {0.0, 180.0, true, true})) {
      c.verticalFov = *fov * kDegToRad;
    }
    // Orbit: the view starts at `position` about `target`, or where distance, yaw and pitch say
    // (each one not given taken from `position`); the result is stored as `position`, which the
    // workstation turns the view from (core::OrbitView::lookingFrom).
    core::OrbitView orbit = core::OrbitView::lookingFrom(c.position, c.target);
    const double maxPitchDeg = core::OrbitView::kMaxPitch / kDegToRad;
    const auto distance =
        r.number("distance", Need::Optional,
                 Range::closed(core::OrbitView::kMinDistance, core::OrbitView::kMaxDistance));
    const auto yaw = r.number("yaw_deg", Need::Optional, Range::closed(-360.0, 360.0));
    const auto pitch =
        r.number("pitch_deg", Need::Optional, Range::closed(-maxPitchDeg, maxPitchDeg));
    if (kind == "orbit") {
      orbit.distance = distance.value_or(orbit.distance);
      orbit.yaw = yaw ? *yaw * kDegToRad : orbit.yaw;
      orbit.pitch = pitch ? *pitch * kDegToRad : orbit.pitch;
      c.position = orbit.eye();
    } else {
      for (const auto& [key, given] :
           {std::pair{"distance", distance.has_value()}, std::pair{"yaw_deg", yaw.has_value()},
            std::pair{"pitch_deg", pitch.has_value()}}) {
        if (given) {
          r.problem(key, std::string(key) + " applies only to kind = \"orbit\"");
        }
      }
    }
    r.finish();
    out.simulation.cameras.push_back(std::move(c));
  }
}

std::optional<assessment::Trigger>
ScenarioParser::readTrigger(TableReader& parent, std::string_view key, Need need, TriggerUse use) {
  const toml::table* table = parent.table(key, need);
  if (table == nullptr) {
    return std::nullopt;
  }
  TableReader r(*table, parent.fieldPath(key), mDiagnostics);
  assessment::Trigger t;
  // With an unknown machine kind (already reported) its event names cannot be checked.
  auto event = mMachineUnknown ? r.string("event", Need::Required)
                               : r.choice("event", Need::Required, eventNames());
  t.subject = r.string("subject", Need::Optional).value_or("");
  t.other = r.string("other", Need::Optional).value_or("");
  t.after = r.string("after", Need::Optional).value_or("");
  t.count = static_cast<std::uint32_t>(r.integer("count", Need::Optional, 1, 1000000).value_or(1));
  r.finish();
  if (!t.after.empty()) {
    checkName(r, "after", t.after, mPhaseIds, "phase");
  }
  if (!event) {
    return std::nullopt;
  }
  t.kind = eventKind(*event);
  if (!t.kind && mMachineUnknown && *event != "start" && *event != "motion" && *event != "end") {
    t.kind = sim::SimEventKind::Machine;
  }
  if (t.kind == sim::SimEventKind::Machine) {
    t.machineEvent = *event;
  }
  if (!t.kind) {
    t.pseudo = *event == "start"    ? assessment::PseudoEvent::Start
               : *event == "motion" ? assessment::PseudoEvent::Motion
                                    : assessment::PseudoEvent::End;
    if (t.pseudo == assessment::PseudoEvent::End && use != TriggerUse::PhaseEnd) {
      r.problem("event", "event \"end\" can only end a phase");
    }
    for (const char* k : {"subject", "other"}) {
      if (r.raw().get(k) != nullptr) {
        r.problem(k, "event \"" + *event + "\" has no " + k);
      }
    }
    return t;
  }
  using K = sim::SimEventKind;
  switch (*t.kind) {
  case K::ContactBegin:
  case K::ContactEnd:
    if (!t.subject.empty()) {
      checkName(r, "subject", t.subject, mTags, "body tag");
    }
    if (!t.other.empty()) {
      checkName(r, "other", t.other, mTags, "body tag");
    }
    break;
  case K::ZoneEnter:
  case K::ZoneExit:
    if (!t.subject.empty()) {
      checkName(r, "subject", t.subject, mTags, "body tag");
    }
    if (!t.other.empty()) {
      checkName(r, "other", t.other, mZoneNames, "zone");
    }
    break;
  case K::Machine:
    if (!mMachine) {
      break;
    }
    for (const sim::EventDecl& e : mMachine->events) {
      if (e.name == t.machineEvent && e.subjectIsTag && !t.subject.empty()) {
        checkName(r, "subject", t.subject, mTags, "body tag");
      }
    }
    break;
  case K::ControlChanged:
    if (!t.subject.empty()) {
      checkName(r, "subject", t.subject, mControllers, "controller");
    }
    break;
  case K::Scheduled:
    if (!t.subject.empty()) {
      checkName(r, "subject", t.subject, mEventIds, "scheduled event");
    }
    if (!t.other.empty()) {
      checkName(r, "other", t.other, mZoneNames, "zone");
    }
    break;
  default: break;
  }
  return t;
}

void ScenarioParser::readEvents(TableReader& root, Scenario& out) {
  auto tables = root.tables("events", Need::Optional);
  std::vector<std::string> seen;
  const double rate = static_cast<double>(out.simulation.tickRate);
  auto ticks = [rate](double seconds) {
    return std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::llround(seconds * rate)));
  };
  for (std::size_t i = 0; i < tables.size(); ++i) {
    if (tables[i] == nullptr) {
      continue;
    }
    TableReader r(*tables[i], "events[" + std::to_string(i) + "]", mDiagnostics);
    ScheduledEvent e;
    e.id = r.string("id", Need::Required).value_or("");
    if (!e.id.empty() && !validId(e.id)) {
      r.problem("id", "invalid event id '" + e.id + "'");
    }
    if (!e.id.empty() && contains(seen, e.id)) {
      r.problem("id", "duplicate event id '" + e.id + "'");
    }
    seen.push_back(e.id);
    const auto kind = r.choice("kind", Need::Required, {"wind", "person_enters", "machine_fault"});
    const auto at = r.number("at_s", Need::Optional, Range::closed(0.0, 36000.0));
    const auto after = r.string("after", Need::Optional);
    const bool hasWhen = r.raw().get("when") != nullptr;
    const auto when = readTrigger(r, "when", Need::Optional, TriggerUse::Other);
    const int given = (r.raw().get("at_s") != nullptr ? 1 : 0) +
                      (r.raw().get("after") != nullptr ? 1 : 0) + (hasWhen ? 1 : 0);
    if (given != 1) {
      r.problemHere("give exactly one of 'at_s' (s from the start), 'after' (a phase id: when it "
                    "has ended) or 'when' (an event) for when it begins");
    }
    if (at) {
      e.atTick = ticks(*at);
    }
    if (after && checkName(r, "after", *after, mPhaseIds, "phase")) {
      e.afterPhase = *after;
    }
    if (when) {
      if (!when->kind) {
        r.problem("when", "an event begins at a simulation event, not at \"start\", "
                          "\"motion\" or \"end\"; for a time use at_s");
      }
      e.when = *when;
    }
    if (kind == "wind") {
      e.kind = ScheduledEvent::Kind::Wind;
      e.bodyTag = r.string("on", Need::Required).value_or("");
      if (!e.bodyTag.empty()) {
        checkName(r, "on", e.bodyTag, mTags, "body tag");
      }
      e.force = r.vec3("force_n", Need::Required, Range::closed(-1e6, 1e6)).value_or(e.force);
      if (const auto d = r.number("duration_s", Need::Optional, {0.0, 36000.0, true, false})) {
        e.durationTicks = ticks(*d);
      }
    } else if (kind == "person_enters") {
      e.kind = ScheduledEvent::Kind::PersonEnters;
      e.zone = r.string("zone", Need::Required).value_or("");
      if (!e.zone.empty()) {
        checkName(r, "zone", e.zone, mZoneNames, "zone");
      }
    } else if (kind == "machine_fault") {
      e.kind = ScheduledEvent::Kind::MachineFault;
      readMachineFault(r, e);
    }
    r.finish();
    out.events.push_back(std::move(e));
  }
}

void ScenarioParser::readMachineFault(TableReader& r, ScheduledEvent& e) {
  const auto fault = r.string("fault", Need::Required);
  // Until the fault is known its parameters cannot be checked: one problem, not one per key.
  auto allowTheRest = [&r] {
    for (const auto& [key, node] : r.raw()) {
      r.allow(key.str());
    }
  };
  if (!fault || mMachineUnknown) {
    allowTheRest(); // missing (reported), or the machine's kind was refused: faults unknown
    return;
  }
  if (!mMachine) {
    allowTheRest();
    r.problem("fault", "a machine fault needs a machine: this scenario has no [machine] table");
    return;
  }
  const sim::FaultDecl* decl = mMachine->fault(*fault);
  if (decl == nullptr) {
    std::vector<std::string> ids;
    for (const sim::FaultDecl& f : mMachine->faults) {
      ids.push_back(f.id);
    }
    allowTheRest();
    r.problem("fault",
              "the " + mMachine->titleEn + " models no fault '" + *fault + "'" +
                  (ids.empty() ? " (it declares none)"
                               : didYouMean(*fault, ids) + "; expected " + listChoices(ids)));
    return;
  }
  e.fault = decl->id;
  for (const sim::FaultParamDecl& p : decl->params) {
    const Need need = p.defaultValue ? Need::Optional : Need::Required;
    std::optional<double> value;
    if (!p.choices.empty()) {
      if (const auto word = r.choice(p.key, need, p.choices)) {
        value = static_cast<double>(std::find(p.choices.begin(), p.choices.end(), *word) -
                                    p.choices.begin());
      }
    } else {
      value = r.number(p.key, need, Range::closed(p.min, p.max));
    }
    if (!value && r.raw().get(p.key) == nullptr && p.defaultValue) {
      value = p.defaultValue;
    }
    if (value) {
      e.faultParams[p.key] = *value;
    }
  }
}

void ScenarioParser::readPhases(TableReader& root, Scenario& out) {
  auto tables = root.tables("phases", Need::Optional);
  // All ids first: a trigger's `after` may name a phase defined further down.
  for (const toml::table* table : tables) {
    if (table != nullptr) {
      if (const auto* id = table->get_as<std::string>("id")) {
        mPhaseIds.push_back(id->get());
      }
    }
  }
  std::vector<std::string> seen;
  for (std::size_t i = 0; i < tables.size(); ++i) {
    if (tables[i] == nullptr) {
      continue;
    }
    TableReader r(*tables[i], "phases[" + std::to_string(i) + "]", mDiagnostics);
    assessment::PhaseSpec phase;
    phase.id = r.string("id", Need::Required).value_or("");
    if (!phase.id.empty() && !validId(phase.id)) {
      r.problem("id", "invalid phase id '" + phase.id + "'");
    }
    if (!phase.id.empty() && contains(seen, phase.id)) {
      r.problem("id", "duplicate phase id '" + phase.id + "'");
    }
    seen.push_back(phase.id);
    auto start = readTrigger(r, "start", Need::Required, TriggerUse::PhaseStart);
    auto end = readTrigger(r, "end", Need::Required, TriggerUse::PhaseEnd);
    r.finish();
    if (start && start->after == phase.id) {
      r.problem("start", "a phase cannot start after its own end");
    }
    if (start && end) {
      phase.start = *start;
      phase.end = *end;
      out.rubric.phases.push_back(std::move(phase));
    }
  }
}

void ScenarioParser::readSteps(TableReader& root, Scenario& out) {
  auto tables = root.tables("steps", Need::Optional);
  for (std::size_t i = 0; i < tables.size(); ++i) {
    if (tables[i] == nullptr) {
      continue;
    }
    TableReader r(*tables[i], "steps[" + std::to_string(i) + "]", mDiagnostics);
    TaskStep step;
    step.textZh = r.string("text_zh", Need::Required).value_or("");
    step.textEn = r.string("text_en", Need::Required).value_or("");
    for (const char* key : {"text_zh", "text_en"}) {
      const auto* text = tables[i]->get_as<std::string>(key);
      if (text != nullptr && text->get().empty()) {
        r.problem(key, std::string("empty ") + key + ": the trainee reads this step");
      }
    }
    step.target = r.string("target", Need::Optional).value_or("");
    bool ok = step.target.empty() || checkName(r, "target", step.target, mZoneNames, "zone");
    auto done = readTrigger(r, "done", Need::Required, TriggerUse::Other);
    r.finish();
    if (done && !done->kind) {
      r.problem("done", "a step is done by an event the simulation raises (zone_enter, "
                        "contact_begin, a machine event such as the horn), not by \"" +
                            std::string(assessment::toString(done->pseudo)) + "\"");
      ok = false;
    }
    if (done && ok) {
      step.done = std::move(*done);
      out.steps.push_back(std::move(step));
    }
  }
}

void ScenarioParser::readLabels(TableReader& root, Scenario& out) {
  const toml::table* labels = root.table("labels", Need::Optional);
  if (labels == nullptr) {
    return;
  }
  TableReader list(*labels, "labels", mDiagnostics);
  for (const auto& [key, node] : *labels) {
    const std::string id(key.str());
    list.allow(id);
    const auto* entry = node.as_table();
    if (entry == nullptr) {
      list.problem(id,
                   "expected { zh = \"...\", en = \"...\" }: the display names of '" + id + "'");
      continue;
    }
    const bool known = mBodyNameSet.contains(id) || mZoneNameSet.contains(id) ||
                       mTagSet.contains(id) || contains(mPhaseIds, id) || contains(mEventIds, id) ||
                       contains(mReservedBodies, id);
    if (!known) {
      list.problem(id, "'" + id + "' names no body, zone, tag, phase or event of this scenario");
      continue;
    }
    TableReader r(*entry, "labels." + id, mDiagnostics);
    Scenario::Label label;
    label.zh = r.string("zh", Need::Required).value_or("");
    label.en = r.string("en", Need::Required).value_or("");
    r.finish();
    out.labels.emplace(id, std::move(label));
  }
  list.finish();
}

void ScenarioParser::readAttempt(TableReader& root, Scenario& out) {
  const toml::table* table = root.table("attempt", Need::Required);
  if (table == nullptr) {
    return;
  }
  TableReader r(*table, "attempt", mDiagnostics);
  out.timeLimit =
      r.number("time_limit_s", Need::Required, {0.0, 36000.0, true, false}).value_or(0.0);
  out.rubric.end = readTrigger(r, "end", Need::Optional, TriggerUse::Other);
  r.finish();
}

std::optional<assessment::CriterionParams> ScenarioParser::readParams(TableReader& r,
                                                                      const std::string& kind,
                                                                      const std::string& phase,
                                                                      Scenario& out) {
  using namespace assessment;
  auto need = [&](std::string_view key) { return r.string(key, Need::Required); };
  if (kind == "contact_count") {
    auto subject = need("subject");
    auto other = need("other");
    if (subject) {
      checkName(r, "subject", *subject, mTags, "body tag");
    }
    if (other) {
      checkName(r, "other", *other, mTags, "body tag");
    }
    ContactCountParams p;
    // Episode hysteresis (issue 13): a touch ends once the bodies have been more than apart_m
    // apart for apart_s.
    p.separation =
        r.number("apart_m", Need::Optional, Range::closed(0.0, 10.0)).value_or(p.separation);
    p.apartTime =
        r.number("apart_s", Need::Optional, Range::closed(0.0, 600.0)).value_or(p.apartTime);
    if (!subject || !other) {
      return std::nullopt;
    }
    p.subject = *subject;
    p.other = *other;
    // The simulation measures the pairs' gaps for it; watching changes nothing in the run.
    out.simulation.proximityWatches.push_back(
        sim::ProximityWatch{p.subject, p.other, p.separation});
    return p;
  }
  if (kind == "event_count") {
    auto event = readTrigger(r, "event", Need::Required, TriggerUse::Other);
    return event ? std::optional<CriterionParams>(EventCountParams{*event}) : std::nullopt;
  }
  if (kind == "zone_sequence") {
    ZoneSequenceParams p;
    p.subject = r.string("subject", Need::Optional).value_or("");
    if (!p.subject.empty()) {
      checkName(r, "subject", p.subject, mTags, "body tag");
    }
    auto zones = r.strings("zones", Need::Required);
    if (!zones) {
      return std::nullopt;
    }
    if (zones->empty()) {
      r.problem("zones", "expected at least one zone name");
    }
    for (const std::string& zone : *zones) {
      checkName(r, "zones", zone, mZoneNames, "zone");
    }
    p.zones = *zones;
    return p;
  }
  if (kind == "placement") {
    PlacementParams p;
    auto body = need("body");
    auto zone = need("zone");
    auto at = readTrigger(r, "at", Need::Required, TriggerUse::Other);
    auto a = r.number("full_within", Need::Required, Range::closed(0.0, 1e3));
    auto b = r.number("none_beyond", Need::Required, {0.0, 1e3, true, false});
    p.xMetric = r.string("x_metric", Need::Optional).value_or(p.xMetric);
    p.zMetric = r.string("z_metric", Need::Optional).value_or(p.zMetric);
    bool ok = body && zone && at && a && b;
    if (body) {
      ok = checkName(r, "body", *body, mBodyNames, "body") && ok;
    }
    if (zone) {
      ok = checkName(r, "zone", *zone, mZoneNames, "zone") && ok;
    }
    ok = checkMetric(r, r.raw().get("x_metric") ? "x_metric" : "body", p.xMetric) && ok;
    ok = checkMetric(r, r.raw().get("z_metric") ? "z_metric" : "body", p.zMetric) && ok;
    if (a && b && !(*b > *a)) {
      r.problem("none_beyond",
                "none_beyond " + num(*b) + " m must be greater than full_within " + num(*a) + " m");
      ok = false;
    }
    if (!ok) {
      return std::nullopt;
    }
    p.body = *body;
    p.zone = *zone;
    p.at = *at;
    p.fullWithin = *a;
    p.noneBeyond = *b;
    for (const sim::ZoneSpec& z : out.simulation.zones) {
      if (z.name == p.zone) {
        p.centerX = z.center.x;
        p.centerZ = z.center.z;
      }
    }
    return p;
  }
  if (kind == "metric_band") {
    MetricBandParams p;
    auto metric = need("metric");
    Range any = Range::closed(-1e9, 1e9);
    auto min = r.number("min", Need::Optional, any);
    auto max = r.number("max", Need::Optional, any);
    auto minDeg = r.number("min_deg", Need::Optional, Range::closed(-360.0, 360.0));
    auto maxDeg = r.number("max_deg", Need::Optional, Range::closed(-360.0, 360.0));
    bool ok = metric.has_value();
    if (metric) {
      ok = checkMetric(r, "metric", *metric) && ok;
    }
    if (min && minDeg) {
      r.problem("min_deg", "give either min or min_deg, not both");
      ok = false;
    }
    if (max && maxDeg) {
      r.problem("max_deg", "give either max or max_deg, not both");
      ok = false;
    }
    p.min = minDeg ? std::optional(*minDeg * kDegToRad) : min;
    p.max = maxDeg ? std::optional(*maxDeg * kDegToRad) : max;
    if (metric && ok && !mMachineUnknown) {
      // Units (issue 13): degrees only on angles; bounds within the metric's plausible range.
      // (With an unknown machine kind, already reported, the metric's unit is not known.)
      const sim::MetricDecl decl = metricDeclOf(mMachine, *metric);
      if (minDeg) {
        ok = checkDegreesKey(r, "min_deg", decl) && ok;
      }
      if (maxDeg) {
        ok = checkDegreesKey(r, "max_deg", decl) && ok;
      }
      if (ok && p.min) {
        ok = checkPlausible(r, minDeg ? "min_deg" : "min", decl, *p.min) && ok;
      }
      if (ok && p.max) {
        ok = checkPlausible(r, maxDeg ? "max_deg" : "max", decl, *p.max) && ok;
      }
    }
    bool anyBound = r.raw().get("min") || r.raw().get("max") || r.raw().get("min_deg") ||
                    r.raw().get("max_deg");
    if (!anyBound) {
      r.problemHere("a metric band needs min, max (or min_deg, max_deg), or both");
      ok = false;
    }
    if (p.min && p.max && *p.min > *p.max) {
      r.problem(maxDeg ? "max_deg" : "max", "the band's max is below its min");
      ok = false;
    }
    auto charge = r.choice("charge", Need::Optional, {"per_occurrence", "per_second"});
    p.mode = charge == "per_second" ? ChargeMode::PerSecond : ChargeMode::PerOccurrence;
    p.minDuration =
        r.number("min_duration_s", Need::Optional, Range::closed(0.0, 3600.0)).value_or(0.0);
    if (!ok) {
      return std::nullopt;
    }
    p.metric = *metric;
    p.unit = std::string(sim::unitSymbol(metricDeclOf(mMachine, *metric).unit));
    return p;
  }
  if (kind == "forbidden_action") {
    ForbiddenActionParams p;
    auto metric = r.string("metric", Need::Optional);
    const std::vector<std::string> axes =
        mMachine ? mMachine->controls.axisIds() : std::vector<std::string>{};
    auto axis =
        mMachineUnknown ? r.string("axis", Need::Optional) : r.choice("axis", Need::Optional, axes);
    bool ok = true;
    if (metric.has_value() == r.has("axis")) {
      r.problemHere("a forbidden action needs exactly one of 'metric' or 'axis'");
      ok = false;
    }
    if (metric) {
      ok = checkMetric(r, "metric", *metric) && ok;
      p.metric = *metric;
      p.unit = std::string(sim::unitSymbol(metricDeclOf(mMachine, *metric).unit));
    }
    if (axis) {
      p.axisId = *axis;
      p.axisSlot = mMachine ? mMachine->controls.axisSlot(*axis) : std::optional<std::size_t>(0);
    } else if (r.raw().get("axis") != nullptr) {
      ok = false;
    }
    auto when = r.choice("when", Need::Required, {"above", "below", "reverses"});
    if (!when) {
      return std::nullopt;
    }
    if (*when == "reverses") {
      p.when = ForbiddenWhen::Reverses;
      p.deadBand = r.number("dead_band", Need::Optional, Range::closed(0.0, 1e6)).value_or(0.0);
    } else {
      p.when = *when == "above" ? ForbiddenWhen::Above : ForbiddenWhen::Below;
      auto threshold = r.number("threshold", Need::Required, Range::closed(-1e9, 1e9));
      ok = threshold.has_value() && ok;
      p.threshold = threshold.value_or(0.0);
      if (threshold && metric && ok) {
        ok = mMachineUnknown ||
             (checkPlausible(r, "threshold", metricDeclOf(mMachine, *metric), *threshold) && ok);
      }
    }
    return ok ? std::optional<CriterionParams>(p) : std::nullopt;
  }
  if (kind == "required_before") {
    auto required = readTrigger(r, "required", Need::Required, TriggerUse::Other);
    auto before = readTrigger(r, "before", Need::Required, TriggerUse::Other);
    if (!required || !before) {
      return std::nullopt;
    }
    return RequiredBeforeParams{*required, *before};
  }
  if (kind == "time_limit") {
    auto limit = r.number("limit_s", Need::Required, {0.0, 36000.0, true, false});
    if (phase.empty()) {
      r.problem("phase", "missing required key 'phase': the time rule times a phase");
    }
    if (!limit) {
      return std::nullopt;
    }
    if (std::llround(*limit * out.simulation.tickRate) < 2) {
      r.problem("limit_s", "limit_s " + num(*limit) + " s is shorter than two ticks at " +
                               std::to_string(out.simulation.tickRate) + " Hz");
      return std::nullopt;
    }
    return TimeLimitParams{*limit};
  }
  if (kind == "veto") {
    auto event = readTrigger(r, "event", Need::Required, TriggerUse::Other);
    return event ? std::optional<CriterionParams>(VetoParams{*event}) : std::nullopt;
  }
  if (kind == "end_state") {
    EndStateParams p;
    auto check = r.choice("check", Need::Required,
                          {"controls_neutral", "metric_at_least", "metric_at_most"});
    if (!check) {
      return std::nullopt;
    }
    if (*check == "controls_neutral") {
      p.check = EndStateCheck::ControlsNeutral;
      return p;
    }
    p.check =
        *check == "metric_at_least" ? EndStateCheck::MetricAtLeast : EndStateCheck::MetricAtMost;
    auto metric = need("metric");
    auto threshold = r.number("threshold", Need::Required, Range::closed(-1e9, 1e9));
    bool ok = metric && threshold;
    if (metric) {
      ok = checkMetric(r, "metric", *metric) && ok;
    }
    if (ok && !mMachineUnknown) {
      ok = checkPlausible(r, "threshold", metricDeclOf(mMachine, *metric), *threshold);
    }
    if (!ok) {
      return std::nullopt;
    }
    p.metric = *metric;
    p.unit = std::string(sim::unitSymbol(metricDeclOf(mMachine, *metric).unit));
    p.threshold = *threshold;
    return p;
  }
  if (kind == "missing_end_signal") {
    MissingEndSignalParams p;
    if (!out.rubric.end) {
      r.problemHere("a missing end signal needs the attempt's end signal: add [attempt] end "
                    "(e.g. end = { event = \"horn\", after = \"setdown_a\" })");
      return std::nullopt;
    }
    p.signal = *out.rubric.end;
    p.after = r.string("after", Need::Optional).value_or(p.signal.after);
    bool ok = true;
    if (r.has("after")) {
      ok = checkName(r, "after", p.after, mPhaseIds, "phase");
    } else if (p.after.empty()) {
      r.problemHere("missing required key 'after': the phase whose end starts the wait (the "
                    "attempt's end signal names none)");
      ok = false;
    }
    p.grace = r.number("grace_s", Need::Optional, {0.0, 3600.0, true, false}).value_or(p.grace);
    if (std::llround(p.grace * out.simulation.tickRate) < 1) {
      r.problem("grace_s", "grace_s " + num(p.grace) + " s is shorter than a tick at " +
                               std::to_string(out.simulation.tickRate) + " Hz");
      ok = false;
    }
    p.restMetrics = r.strings("rest_metrics", Need::Optional).value_or(p.restMetrics);
    for (const std::string& metric : p.restMetrics) {
      ok = checkMetric(r, "rest_metrics", metric) && ok;
    }
    p.restTolerance = r.number("rest_tolerance", Need::Optional, Range::closed(0.0, 1e6))
                          .value_or(p.restTolerance);
    return ok ? std::optional<CriterionParams>(p) : std::nullopt;
  }
  return std::nullopt;
}

void ScenarioParser::readRubric(TableReader& root, Scenario& out) {
  const std::vector<std::string> kinds = {
      "contact_count", "event_count",      "zone_sequence",     "placement",
      "metric_band",   "forbidden_action", "required_before",   "time_limit",
      "veto",          "end_state",        "missing_end_signal"};
  std::vector<std::string> itemIds;
  if (mStandard != nullptr) {
    for (const auto& item : mStandard->items) {
      itemIds.push_back(item.id);
    }
  }
  std::vector<std::string> seen;
  auto tables = root.tables("rubric", Need::Required);
  for (std::size_t i = 0; i < tables.size(); ++i) {
    if (tables[i] == nullptr) {
      continue;
    }
    TableReader r(*tables[i], "rubric[" + std::to_string(i) + "]", mDiagnostics);
    assessment::CriterionSpec c;
    c.id = r.string("id", Need::Required).value_or("");
    if (!c.id.empty() && !validId(c.id)) {
      r.problem("id", "invalid criterion id '" + c.id + "'");
    }
    if (!c.id.empty() && contains(seen, c.id)) {
      r.problem("id", "duplicate criterion id '" + c.id + "'");
    }
    seen.push_back(c.id);
    c.itemId = r.string("item", Need::Required).value_or("");
    const assessment::StandardItem* item = nullptr;
    if (!c.itemId.empty() && mStandard != nullptr) {
      if (contains(itemIds, c.itemId)) {
        item = mStandard->findItem(c.itemId);
      } else {
        // Name the standard it was looked up in: the id and the file (issue 13, point 10).
        std::string hint = didYouMean(c.itemId, itemIds);
        r.problem("item", "unknown standard item '" + c.itemId + "'" + hint + "; standard '" +
                              mStandard->id + "'" +
                              (mStandardFile.empty() ? "" : " (" + mStandardFile + ")") +
                              " has no such item");
      }
    }
    auto kind = r.choice("kind", Need::Required, kinds);
    c.phase = r.string("phase", Need::Optional).value_or("");
    if (!c.phase.empty()) {
      checkName(r, "phase", c.phase, mPhaseIds, "phase");
    }
    c.proposed = r.boolean("proposed", Need::Optional).value_or(false);
    bool isVeto = kind == "veto";
    if (!isVeto) {
      c.points = r.number("points", Need::Required, Range::closed(0.0, 1e4)).value_or(0.0);
      c.maxPoints = r.number("max_points", Need::Optional, Range::closed(0.0, 1e4)).value_or(0.0);
    }
    if (item != nullptr && kind) {
      if (isVeto && !item->veto) {
        r.problem("item", "kind = \"veto\" must name a veto item; '" + c.itemId +
                              "' has veto = false in the standard");
      } else if (!isVeto && item->veto) {
        r.problem("item", "'" + c.itemId + "' is a veto item; only kind = \"veto\" may name it");
      } else if (!isVeto && c.points > item->points && kind != "time_limit") {
        r.problem("points", "points " + num(c.points) + " exceed the item's " + num(item->points) +
                                " points");
      }
    }
    mItemRefs.emplace_back(c.itemId, isVeto);
    std::optional<assessment::CriterionParams> params;
    if (kind) {
      params = readParams(r, *kind, c.phase, out);
    }
    r.finish();
    if (params) {
      c.params = std::move(*params);
      out.rubric.criteria.push_back(std::move(c));
    }
  }
}

void ScenarioParser::checkCoverage(TableReader& root, const Scenario& /*out*/) {
  if (mStandard == nullptr || root.raw().get("rubric") == nullptr) {
    return;
  }
  // An item no criterion scores would give its points for nothing: a silently wrong score.
  for (const auto& item : mStandard->items) {
    bool deducting = false;
    bool vetoing = false;
    for (const auto& [itemId, isVeto] : mItemRefs) {
      if (itemId == item.id) {
        (isVeto ? vetoing : deducting) = true;
      }
    }
    if (!item.veto && item.points > 0.0 && !deducting) {
      root.problem("rubric", "standard item '" + item.id + "' (" + num(item.points) +
                                 " points) is not scored by any rubric criterion");
    }
    if (item.veto && !vetoing) {
      root.problem("rubric",
                   "veto item '" + item.id + "' has no rubric criterion of kind = \"veto\"");
    }
  }
}

} // namespace skillsim::scenario
