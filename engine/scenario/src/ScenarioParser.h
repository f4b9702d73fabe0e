#pragma once

#include "TableReader.h"

#include <skillsim/assessment/Rubric.h>
#include <skillsim/assessment/Standard.h>
#include <skillsim/scenario/Scenario.h>

#include <map>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

namespace skillsim::scenario {

/**
 * Reads a scenario's root table (docs/scenario-format.md) into a Scenario, reporting every
 * problem: unknown keys, types, ranges, duplicate names, and references (rubric item -> standard
 * item; criterion -> body, zone, tag, phase and metric names). `standard` may be null when the
 * standard itself failed to load; then item references are not checked.
 */
class ScenarioParser {
public:
  /**
   * `machines` resolves `[machine] kind` (and format 1's machine tables); `standardFile` (may be
   * empty) is named with the standard's id when a rubric item is not in it.
   */
  ScenarioParser(Diagnostics& diagnostics, const assessment::Standard* standard,
                 const sim::MachineRegistry& machines, std::string standardFile = {});

  void parse(const toml::table& root, Scenario& out);

private:
  /** Where a trigger is used: "end" is allowed only as a phase's end. */
  enum class TriggerUse : std::uint8_t { PhaseStart, PhaseEnd, Other };

  void readSimulation(TableReader& root, Scenario& out);
  void readMachine(TableReader& root, Scenario& out);
  /** Event names a trigger may use: the simulation's, the machine's, and the pseudo events. */
  [[nodiscard]] std::vector<std::string> eventNames() const;
  [[nodiscard]] std::optional<sim::SimEventKind> eventKind(const std::string& name) const;
  void readBodies(TableReader& root, Scenario& out);
  /** A body's `bands = { color, pitch }` (drawn only); `shape` nullopt when unreadable. */
  void readBodyBands(TableReader& r, sim::BodySpec& b, const std::optional<std::string>& shape);
  /** The machine's cross-checks of the bodies (sim::MachineType::checkScene). */
  void checkMachineScene(TableReader& root, const Scenario& out);
  void readZones(TableReader& root, Scenario& out);
  /** Warns (Scenario::warnings) of a zone for carried bodies wholly outside the machine's reach. */
  void checkZoneReach(const sim::ZoneSpec& zone, const toml::source_position& at,
                      const std::string& field, Scenario& out);
  void readCameras(TableReader& root, Scenario& out);
  /**
   * `[[groups]]`: bodies and zones the editor moves together. Checked (a unique, non-empty name;
   * members that each name one body or zone and belong to no other group) but never read into
   * the scenario: the simulation does not see them.
   */
  void readGroups(TableReader& root);
  /** `[[zones]] marking` and `label` of one zone (ScenarioCourse.cpp). */
  void readZonePaint(TableReader& zone, const sim::ZoneSpec& spec, Scenario& out);
  /** `[hall]` and `[training_aids]` (ScenarioCourse.cpp). */
  void readCourse(TableReader& root, Scenario& out);
  void readPhases(TableReader& root, Scenario& out);
  /** `[[events]]`: the scheduled faults and happenings (after the phases they may follow). */
  void readEvents(TableReader& root, Scenario& out);
  /**
   * A `machine_fault` event's `fault` and parameters, checked against the machine's declaration
   * (sim::MachineDecl::faults): an unknown fault lists the machine's, a parameter out of its
   * range or missing is named at its place.
   */
  void readMachineFault(TableReader& r, ScheduledEvent& e);
  void readSteps(TableReader& root, Scenario& out);
  void readAttempt(TableReader& root, Scenario& out);
  /** `[labels]`: display names (zh, en) of bodies, zones, tags and phases. */
  void readLabels(TableReader& root, Scenario& out);
  void readRubric(TableReader& root, Scenario& out);
  void checkCoverage(TableReader& root, const Scenario& out);

  std::optional<assessment::Trigger> readTrigger(TableReader& parent, std::string_view key,
                                                 Need need, TriggerUse use);
  std::optional<assessment::CriterionParams> readParams(TableReader& r, const std::string& kind,
                                                        const std::string& phase, Scenario& out);
  /** Checks a name against a list, reporting "unknown <what> 'x' (did you mean …)". */
  bool checkName(TableReader& r, std::string_view key, const std::string& name,
                 const std::vector<std::string>& known, const std::string& what);
  bool checkMetric(TableReader& r, std::string_view key, const std::string& name);

  Diagnostics& mDiagnostics;
  const assessment::Standard* mStandard;
  const sim::MachineRegistry& mMachines;
  std::optional<sim::MachineDecl> mMachine;
  bool mMachineUnknown = false; ///< `[machine] kind` named no registered machine (reported).
  std::vector<std::string> mReservedBodies; ///< The machine's own body names.
  std::vector<std::string> mBodyNames;
  std::map<std::string, std::uint32_t>
      mBodyNameLines; ///< Line where each body name is first given.
  std::string mStandardFile;
  std::vector<std::string> mTags;
  std::vector<std::string> mZoneNames;
  // Hash sets beside the lists above (which keep file order for messages): a duplicate or
  // repeated name is found in O(1), so 50 000 bodies validate in O(n), not O(n^2).
  std::unordered_set<std::string> mBodyNameSet;
  std::unordered_set<std::string> mTagSet;
  std::unordered_set<std::string> mZoneNameSet;
  std::vector<std::string> mPhaseIds;
  /** Ids of the `[[events]]`, read first: a trigger's `subject` may name one. */
  std::vector<std::string> mEventIds;
  std::vector<std::string> mMetrics;
  std::vector<std::string> mControllers;
  /** (item id, is a veto) of every rubric entry, parsed or not, for the coverage check. */
  std::vector<std::pair<std::string, bool>> mItemRefs;
};

} // namespace skillsim::scenario
