#pragma once

#include "skillsim/sim/Metrics.h"
#include "skillsim/sim/SimEvent.h"

#include <skillsim/core/ActionState.h>
#include <skillsim/core/Controls.h>
#include <skillsim/core/Error.h>
#include <skillsim/core/Expected.h>
#include <skillsim/core/Hash.h>
#include <skillsim/core/Ids.h>
#include <skillsim/core/SceneView.h>

#include <glm/gtc/quaternion.hpp>
#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skillsim::physics {
class World;
}

namespace skillsim::sim {

struct SimulationSpec;

/** The SI unit a metric is measured in (DESIGN.md, units and frames). */
enum class Unit : std::uint8_t {
  None,            ///< A count or ratio.
  Metre,           ///< m
  Radian,          ///< rad (shown to people in degrees)
  MetrePerSecond,  ///< m/s
  RadianPerSecond, ///< rad/s
  Kilogram,        ///< kg
  Newton,          ///< N
  Second,          ///< s
  Flag,            ///< 1 while a condition holds, else 0.
};

/** The SI symbol ("m", "rad", "m/s", …; "" for None and Flag). */
[[nodiscard]] std::string_view unitSymbol(Unit unit);

/**
 * A metric a machine samples every tick: its name (as rubrics write it), unit, and the range a
 * plausible value lies in, so a rubric band outside it can be refused on load.
 */
struct MetricDecl {
  std::string name;
  Unit unit = Unit::None;
  double plausibleMin = -std::numeric_limits<double>::infinity();
  double plausibleMax = std::numeric_limits<double>::infinity();
  std::string labelZh; ///< What a trainee calls it, Chinese ("载荷摆角").
  std::string labelEn; ///< English ("load swing").
};

/**
 * A word a readout shows for one value of its metric, instead of the number: a lever's positions
 * ("forward" for 1), in the machine's declared words, zh-CN and English.
 */
struct ReadoutWord {
  double value = 0.0; ///< The metric's value (SI) the word stands for, matched within 1e-6.
  std::string zh;
  std::string en;
};

/**
 * A value shown on the HUD and plotted in reports: a metric, how many decimals a trainee reads
 * (in the display unit: degrees for angles), and an optional band drawn as "allowed".
 */
struct ReadoutDecl {
  std::string metric;
  int precision = 2;             ///< Decimals shown.
  std::optional<double> bandMin; ///< In the metric's SI unit.
  std::optional<double> bandMax;
  bool plot = true; ///< Plotted over time in reports.
  /**
   * A Flag metric that says when the readout means something (e.g. a load's swing only while a
   * load is engaged); reports plot it only while that metric is 1. Empty = always.
   */
  std::string validWhen{};
  /**
   * A training aid (e.g. a distance to the next set-down point): on the HUD only
   * where the scenario's `[training_aids]` allow `machine_aids` for the mode, and only while its
   * validWhen flag (if any) is 1.
   */
  bool trainingAid = false;
  /**
   * Words for the metric's values (ReadoutWord): the HUD, the classroom and the live seat show the
   * word of the value the metric has; a value without one shows as a number. Empty = numbers only.
   */
  std::vector<ReadoutWord> words{};

  /** The word for `value` (within 1e-6), or nullptr. */
  [[nodiscard]] const ReadoutWord* wordFor(double value) const {
    for (const ReadoutWord& w : words) {
      if (std::abs(value - w.value) <= 1e-6) {
        return &w;
      }
    }
    return nullptr;
  }
};

/**
 * A training aid a machine draws on the floor in practice mode (`machine_aids`): a closed
 * outline and a point that should stay inside it, e.g. a truck's stability triangle and the
 * combined centre of gravity projected onto the ground. Drawn by the generic aids
 * (ui::appendAidGeometry), green while `inside`, red otherwise.
 */
struct FloorAid {
  std::vector<glm::dvec3> outline; ///< m, world, on the floor; closed (the last joins the first).
  glm::dvec3 point{0.0};           ///< m, world, on the floor.
  bool inside = true;              ///< The machine's verdict: `point` within `outline`.
};

/**
 * The sound an event makes at the workstation (synthesised in code, platform::AudioOutput):
 * a horn blast, a short mechanical click (a load engaged or let go), a low buzz (refused), a
 * two-tone chime (a clock warning). None: silent.
 */
enum class FeedbackCue : std::uint8_t { None, Horn, Click, Buzz, Chime };

/**
 * What the trainee sees and hears when a machine event happens: a short HUD toast and a sound.
 * The toast texts are templates filled at display time: `{value}` is SimEvent::value and
 * `{limit}` SimEvent::limit, each formatted in `unit` (e.g. "0.42 m"); an empty template shows
 * no toast.
 */
struct EventFeedback {
  FeedbackCue cue = FeedbackCue::None;
  std::string toastZh;
  std::string toastEn;
  Unit unit = Unit::None; ///< Of value and limit.
  int precision = 2;      ///< Decimals of value and limit.
};

/** A kind of event only this machine raises (SimEventKind::Machine, SimEvent::name). */
struct EventDecl {
  std::string name; ///< snake_case, as rubrics write it ("horn", "load_attached").
  std::string labelZh;
  std::string labelEn;
  /** Its `subject` is a body tag (checked against the scenario's tags on load). */
  bool subjectIsTag = false;
  /** Toast and sound at the workstation; none by default. Presentation only, never scored. */
  EventFeedback feedback{};
};

/**
 * One button of a machine's control panel (MachineDecl::panel): it works one of the machine's
 * declared controls (ControlDecl::id). Pressing it on the screen holds that control for as long as
 * the pointer holds it, at least one tick, exactly as its key would: a button control reads held,
 * an axis control reads `axisValue`. So a click is recorded in the trace like a key press.
 */
struct PanelButton {
  std::string control; ///< A declared control id.
  std::string
      labelZh; ///< Printed on the button, Chinese; empty = the control's ControlDecl::nameZh.
  std::string labelEn;    ///< English; empty = ControlDecl::nameEn.
  float axisValue = 1.0f; ///< Axis controls only: the value held while pressed, in [-1, 1].
};

/** Buttons shown together under a heading (the mode keys, the jog keys, the program keys). */
struct PanelGroup {
  std::string titleZh;
  std::string titleEn;
  std::vector<PanelButton> buttons;
};

/**
 * A choice shown as a row of options with the current one marked (operating mode, jog frame).
 * Which option is current the machine says each tick (PanelState::selected); an option with a
 * control selects itself when pressed, one without is only shown.
 */
struct PanelSelector {
  std::string titleZh;
  std::string titleEn;
  std::vector<PanelButton> options;
};

/**
 * A machine's control panel drawn beside the 3D view (a teach pendant, an operator's console):
 * selectors, groups of buttons over its declared controls, then the text lines the machine shows
 * each tick (PanelState, e.g. a program with its cursor) and a message line. No panel when
 * `groups` and `selectors` are empty.
 */
struct PanelDecl {
  std::string titleZh;
  std::string titleEn;
  std::vector<PanelSelector> selectors;
  std::vector<PanelGroup> groups;
  std::string linesTitleZh; ///< Heading of the text lines ("程序").
  std::string linesTitleEn;
  /** True when the machine declares a panel. */
  [[nodiscard]] bool present() const { return !groups.empty() || !selectors.empty(); }
};

/**
 * What a machine's panel shows at one tick (Machine::panelState), as structured data the
 * workstation turns into words at display time.
 */
struct PanelState {
  /** Per PanelDecl::selectors: the index of the current option, or -1 for none. */
  std::vector<int> selected;
  /**
   * The panel's text lines in the trade's own notation, the same in every language (an arm
   * program's rows: "MoveL p3, v100, fine"). Empty: none.
   */
  std::vector<std::string> lines;
  int currentLine = -1; ///< Index into `lines` of the cursor, or -1.
  /** The machine's last event worth a message (one of MachineDecl::events), shown in words. */
  std::optional<SimEvent> message;
};

/**
 * Where a machine can carry a load, seen from above (x and z, m, world): the validator warns of a
 * zone that watches the carried bodies but lies wholly outside it (no load could ever enter it).
 * A box (x in [min.x, max.x], z in [min.y, max.y]) or a circle (`centre`, `radius`); `None`: the
 * machine moves freely (a truck), nothing is checked.
 */
struct WorkingEnvelope {
  enum class Shape : std::uint8_t { None, Box, Circle };
  Shape shape = Shape::None;
  glm::dvec2 min{0.0};    ///< Box: the least (x, z), m.
  glm::dvec2 max{0.0};    ///< Box: the greatest (x, z), m.
  glm::dvec2 centre{0.0}; ///< Circle: its centre (x, z), m.
  double radius = 0.0;    ///< Circle: its radius, m.
  /** Tags of the bodies it carries (a zone watching none of them, nor all bodies, is not checked).
   */
  std::vector<std::string> carriedTags;
};

/**
 * One parameter of a machine fault (FaultDecl::params), as a scenario's `[[events]]` entry writes
 * it (docs/scenario-format.md, `machine_fault`): a number in SI within [min, max] (a key ending in
 * `_s` is seconds, `_m` metres), or, when `choices` is not empty, one of those words, whose index
 * in `choices` is its value. Checked on load with file:line:column.
 */
struct FaultParamDecl {
  std::string key;        ///< snake_case, as files write it ("holding_fraction").
  Unit unit = Unit::None; ///< Of the value (None for a fraction or a choice).
  double min = 0.0;       ///< Least value allowed (SI), closed.
  double max = 1.0;       ///< Greatest value allowed (SI), closed.
  /** A word among these instead of a number (the value is the word's index). */
  std::vector<std::string> choices{};
  /** nullopt: the scenario must give it; else the value used when it does not. */
  std::optional<double> defaultValue{};
};

/**
 * A fault of the machine itself that an instructor can schedule (a brake that fades, a limit
 * switch that fails, a tyre losing pressure): the machine models it in its own folder and begins
 * it on Machine::beginFault. Its words name it for people in results and replays.
 */
struct FaultDecl {
  std::string id;      ///< snake_case ("brake_fade"), as `fault = "..."` writes it.
  std::string labelZh; ///< What people call it, Chinese ("制动器制动力衰退").
  std::string labelEn; ///< English ("brake fading").
  std::vector<FaultParamDecl> params;

  /** The declaration of a parameter key, or nullptr. */
  [[nodiscard]] const FaultParamDecl* param(std::string_view key) const;
};

/**
 * A fault's parameter values by key (FaultParamDecl::key), in SI, every declared parameter
 * present (defaults filled in) and within its range; a choice is its word's index.
 */
using FaultParams = std::map<std::string, double, std::less<>>;

/**
 * Everything a machine declares as data (DESIGN.md: a new trade is one new folder): the generic
 * input mapping, HUD, results screen, reports and scenario validation are driven by it.
 */
struct MachineDecl {
  std::string kind;    ///< Registry key, as `[machine] kind = "..."` writes it.
  std::string titleZh; ///< The machine's name, Chinese.
  std::string titleEn;
  core::ControlLayout controls;
  std::vector<MetricDecl> metrics; ///< Besides the simulation's own `time`.
  std::vector<ReadoutDecl> readouts;
  std::vector<EventDecl> events;
  /** Names of the machine's own bodies (bodyPosition() answers them; scenario bodies may not use
   * them). */
  std::vector<std::string> bodies;
  /** Tags the machine's own bodies carry (for rubric and zone checks). */
  std::vector<std::string> bodyTags;
  /** Subjects its ControlChanged events carry (one per motion drive). */
  std::vector<std::string> drives;
  /** Camera anchors it answers in anchorPoint(): "cab", "seat", "tool". */
  std::vector<std::string> cameraAnchors;
  /**
   * The anchor (answered by Machine::anchorPoint) the practice-mode training aids follow: the
   * point whose drop line, height over the ground and distance to the target a trainee reads
   * (a carried load's lowest point, a tool centre point), in m, world. Empty: no aids follow the
   * machine.
   */
  std::string aidAnchor;
  /**
   * Metrics of the point watched from above (plan view in reports and minimaps, where a
   * deduction is placed): x and z (m, world), and its height above ground (m).
   */
  std::string planX, planZ, planHeight;
  glm::dvec3 sceneCentre{0.0}; ///< Centre of the working area at ground level (m, world).
  double sceneExtent = 30.0;   ///< Half-size of the working area (m); the ground is drawn wider.
  /** Its control panel at the workstation (buttons over `controls`); none by default. */
  PanelDecl panel{};
  /** Where it can carry a load (validator's reach check); none by default. */
  WorkingEnvelope reach{};
  /**
   * The faults of the machine itself it models (FaultDecl), which a scenario may schedule as
   * `kind = "machine_fault"` events; none by default.
   */
  std::vector<FaultDecl> faults{};

  /** The declaration of a metric name, or nullptr. */
  [[nodiscard]] const MetricDecl* metric(std::string_view name) const;
  /** The declaration of a fault id, or nullptr. */
  [[nodiscard]] const FaultDecl* fault(std::string_view id) const;
};

/** A machine's parsed file section (each machine derives its own). */
struct MachineParams {
  virtual ~MachineParams() = default;
};

/** A number's allowed interval for SectionReader (finite bounds unless infinite). */
struct NumberRange {
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  bool minOpen = false;
  bool maxOpen = false;
  static NumberRange positive() { return {0.0, std::numeric_limits<double>::infinity(), true}; }
  static NumberRange nonNegative() { return {0.0, std::numeric_limits<double>::infinity()}; }
  static NumberRange closed(double lo, double hi) { return {lo, hi}; }
};

/**
 * How a machine reads its section of a scenario file without knowing the file format: every getter
 * declares its key as known and reports a missing required key, a wrong type or an out-of-range
 * value with file:line:column and the field path; problem() reports a cross-check the machine
 * makes. Unknown keys are reported when the reader finishes. Implemented by the scenario module.
 */
class SectionReader {
public:
  virtual ~SectionReader() = default;
  virtual std::optional<double> number(std::string_view key, bool required,
                                       NumberRange range = {}) = 0;
  virtual std::optional<std::int64_t> integer(std::string_view key, bool required, std::int64_t min,
                                              std::int64_t max) = 0;
  virtual std::optional<glm::dvec3> vec3(std::string_view key, bool required,
                                         NumberRange range = {}) = 0;
  virtual std::optional<bool> boolean(std::string_view key, bool required) = 0;
  virtual std::optional<std::string> string(std::string_view key, bool required) = 0;
  /** A sub-table; nullptr when absent (reported when required). Finishes with the parent. */
  virtual SectionReader* table(std::string_view key, bool required) = 0;
  /**
   * An array of sub-tables (`[[machine.racks]]`): one reader per element, in file order, each
   * with its own field path (`machine.racks[1]`); a non-table element is reported and left out.
   * Empty when absent (reported when required). Each finishes with the parent. The default
   * (a reader without arrays) reads none.
   */
  virtual std::vector<SectionReader*> tables(std::string_view /*key*/, bool /*required*/) {
    return {};
  }
  /**
   * An array of numbers, each checked against `range` and reported at its own element; nullopt
   * when absent (reported when required) or when any element is bad. Default: none.
   */
  virtual std::optional<std::vector<double>> numbers(std::string_view /*key*/, bool /*required*/,
                                                     NumberRange /*range*/ = {}) {
    return std::nullopt;
  }
  /** Reports a problem at the key's value (or at the table when absent). */
  virtual void problem(std::string_view key, std::string message) = 0;
  /** Problems reported so far in the whole file (to skip cross-checks after a bad value). */
  [[nodiscard]] virtual std::size_t problemCount() const = 0;
};

/** What a machine is given to build itself in the world. */
struct MachineContext {
  physics::World& world;
  const SimulationSpec& spec;
  /** The world ids of spec.bodies, in the same order. */
  const std::vector<core::BodyId>& specBodies;
  double timeStep = 1.0 / 240.0; ///< s
};

/** Mesh and material tables a machine appends to once, when the simulation is built. */
struct SceneTables {
  std::vector<core::MeshDesc>& meshes;
  std::vector<core::Material>& materials;
  core::MeshId addMesh(core::MeshKind kind, glm::dvec3 size, std::string debugName);
  core::MaterialId addMaterial(glm::vec4 color, float roughness, float metallic,
                               std::string debugName);
};

/** One tick's input as a machine sees it. */
struct StepInput {
  const core::ActionState& actions;
  std::uint32_t pressed = 0; ///< Buttons pressed this tick (held now, not on the last tick).
  std::uint64_t tick = 0;    ///< The tick being simulated (the first step is tick 1).
};

/** A machine's own model fault (Machine::fault): the body it concerns and what is wrong. */
struct MachineFault {
  std::string body; ///< One of MachineDecl::bodies.
  std::string what; ///< Plain words, e.g. "sank 0.31 m through the ground".
};

/**
 * A machine in a Simulation (DESIGN.md, Modules: sim). Built by its MachineType from its
 * params; steps with the world, deterministically: the same inputs give the same state bits.
 * Order within a tick: beforeStep (read controls, drive actuators, machine events), the physics
 * step, afterStep (sensors, machine events), writeMetrics.
 */
class Machine {
public:
  virtual ~Machine() = default;
  /** Registers the metrics of MachineDecl::metrics (in that order) and keeps their indices. */
  virtual void addMetrics(Metrics& metrics) = 0;
  virtual void beforeStep(const StepInput& input, std::vector<SimEvent>& events) = 0;
  virtual void afterStep(std::uint64_t tick, std::vector<SimEvent>& events) = 0;
  virtual void writeMetrics(Metrics& metrics) const = 0;
  /** Feeds every bit of the machine's own state (controllers, latches, filters). */
  virtual void hash(core::Hasher& hasher) const = 0;
  /**
   * A state the machine's model cannot go on from, checked after every step (after afterStep):
   * a body pushed through the ground, a constraint torn apart. The simulation then stops as on a
   * physics fault (a PhysicsFault event naming the body, Simulation::fault), so the attempt ends
   * with a simulation-fault veto and never a score. Default: none.
   */
  [[nodiscard]] virtual std::optional<MachineFault> fault() const { return std::nullopt; }
  /**
   * Begins one of its declared faults (MachineDecl::faults) from the next step on: the attempt
   * loop calls it at a tick boundary, before the step in which the scenario's `machine_fault`
   * event begins, so the same scenario and inputs give the same state bits. Contract (checked by
   * Simulation::beginFault): `id` is declared and `params` holds every declared key within its
   * range. The same fault begun again starts over with the new values. Machines without faults
   * keep the default, which does nothing.
   */
  virtual void beginFault(std::string_view id, const FaultParams& params) {
    (void)id;
    (void)params;
  }
  /** Adds its meshes and materials, once. */
  virtual void buildScene(SceneTables& tables) = 0;
  /** Appends its instances and debug lines for one frame (after buildScene). */
  virtual void fillScene(core::SceneView& view) const = 0;
  /** Position (m, world) of one of MachineDecl::bodies, or nullopt. */
  [[nodiscard]] virtual std::optional<glm::dvec3> bodyPosition(std::string_view name) const = 0;
  /** World id of one of MachineDecl::bodies when it is a physics body, or nullopt. */
  [[nodiscard]] virtual std::optional<core::BodyId> body(std::string_view name) const = 0;
  /**
   * A camera anchor's point (m, world): "cab", "seat", "tool", or MachineDecl::aidAnchor; nullopt
   * when not declared.
   */
  [[nodiscard]] virtual std::optional<glm::dvec3> anchorPoint(std::string_view anchor) const = 0;
  /**
   * The frame a camera anchor turns with (world from machine axes), for a machine that turns as
   * a whole (a truck): an operator_cab camera's offsets are then in these axes, so the seat view
   * keeps looking ahead of the seat. nullopt (the default): the anchor does not turn, the offsets
   * are in world axes (a cab that travels without turning).
   */
  [[nodiscard]] virtual std::optional<glm::dquat> anchorOrientation(std::string_view anchor) const {
    (void)anchor;
    return std::nullopt;
  }
  /** Its floor aids after the last step (FloorAid); none by default. Never scored or hashed. */
  [[nodiscard]] virtual std::vector<FloorAid> floorAids() const { return {}; }
  /**
   * What its panel (MachineDecl::panel) shows after the last step: one entry of `selected` per
   * declared selector, its text lines and its message. Presentation only: never scored or hashed.
   * Empty by default (a machine without a panel).
   */
  [[nodiscard]] virtual PanelState panelState() const { return {}; }
};

/**
 * A problem a machine finds with the scene it is put in (MachineType::checkScene): the body (index
 * in SimulationSpec::bodies), the key of that body the problem is about ("position") and what is
 * wrong, in words a scenario author reads.
 */
struct SceneProblem {
  std::size_t body = 0;
  std::string field;
  std::string message;
};

/** How to read, describe and build one kind of machine: one entry of a MachineRegistry. */
class MachineType {
public:
  virtual ~MachineType() = default;
  /** Registry key ("overhead_crane"). */
  [[nodiscard]] virtual std::string_view kind() const = 0;
  /**
   * The table name under which scenario format 1 wrote this machine's section, if any (format 2
   * writes it under `[machine]` with `kind`).
   */
  [[nodiscard]] virtual std::string_view legacySection() const { return {}; }
  /**
   * Reads and validates the machine's section: every problem goes to `reader` (with its file
   * location). Returns the values read (defaults where a value was missing or bad) even when
   * there were problems, so the rest of the file can still be checked against the machine's
   * declarations; nullptr only when nothing usable was read. The one place this machine's values
   * are checked.
   */
  virtual std::shared_ptr<const MachineParams> parse(SectionReader& reader) const = 0;
  /**
   * Cross-checks the machine against the scenario's bodies once both are read (e.g. a part the
   * machine cannot reach), so `validate` refuses the file with each body's file:line; nothing by
   * default. Only a check that needs both belongs here: the section alone is checked by parse().
   */
  [[nodiscard]] virtual std::vector<SceneProblem> checkScene(const MachineParams& /*params*/,
                                                             const SimulationSpec& /*spec*/) const {
    return {};
  }
  /** The declarations for these params (notch counts and bands may depend on them). */
  [[nodiscard]] virtual MachineDecl describe(const MachineParams& params) const = 0;
  /** Builds the machine in the world. Errors: InvalidInput naming the field. */
  virtual core::Expected<std::unique_ptr<Machine>> create(const MachineParams& params,
                                                          MachineContext& context) const = 0;
};

/**
 * Machine types by kind. builtIn() holds every machine shipped in engine/sim/src/machines/ and is
 * immutable; tests make their own registry (a copy of builtIn() plus a test machine).
 */
class MachineRegistry {
public:
  /** Every built-in machine type. */
  static const MachineRegistry& builtIn();

  /** Adds a type (contract: its kind is not yet registered). */
  void add(std::shared_ptr<const MachineType> type);
  /** The type of a kind, or nullptr. */
  [[nodiscard]] std::shared_ptr<const MachineType> find(std::string_view kind) const;
  /** The type whose legacy section name is `section`, or nullptr. */
  [[nodiscard]] std::shared_ptr<const MachineType> findLegacy(std::string_view section) const;
  /** Registered kinds, sorted. */
  [[nodiscard]] std::vector<std::string> kinds() const;

private:
  std::map<std::string, std::shared_ptr<const MachineType>, std::less<>> mTypes;
};

/** A scenario's machine: its type and parsed params (SimulationSpec::machine). */
struct MachineSpec {
  std::shared_ptr<const MachineType> type;
  std::shared_ptr<const MachineParams> params;
  /** type->describe(*params). */
  [[nodiscard]] MachineDecl describe() const { return type->describe(*params); }
};

} // namespace skillsim::sim
