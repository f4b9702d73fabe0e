#pragma once

#include <skillsim/assessment/Rubric.h>
#include <skillsim/assessment/Standard.h>
#include <skillsim/core/Error.h>
#include <skillsim/core/Hash.h>
#include <skillsim/scenario/Course.h>
#include <skillsim/sim/SimulationSpec.h>

#include <glm/vec3.hpp>

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace skillsim::scenario {

/**
 * One step of the task as the trainee is told it (`[[steps]]`, docs/scenario-format.md): its text
 * in both languages, the zone it heads for (training aids point there) and the event that
 * completes it. Presentation only: steps are never scored and their lines are left out of the
 * scenario hash (scenarioHash), so rewording a step keeps every recorded trace valid.
 */
struct TaskStep {
  std::string textZh;
  std::string textEn;
  std::string target;       ///< A zone name of the scenario; empty = no target.
  assessment::Trigger done; ///< A real event (no pseudo event); `after` names a phase.
};

/**
 * A fault or happening an instructor schedules in a scenario (`[[events]]`: a wind, a person,
 * a fault of the machine itself,
 * docs/scenario-format.md): it begins at a time, once a phase has ended, or at an event (exactly
 * one of the three), and is then raised as a sim::SimEventKind::Scheduled event (subject = id), so
 * phases and criteria can score the response to it (e.g. an emergency stop within 2 s of a
 * person entering the walkway). Part of the scenario's bytes, so of its hash. Deterministic:
 * decided by the attempt loop (AttemptRunner) from the tick, the phases and the events alone.
 */
struct ScheduledEvent {
  enum class Kind : std::uint8_t {
    Wind,         ///< A force on the bodies tagged `bodyTag`: steady, or a gust of `duration`.
    PersonEnters, ///< A person walks into zone `zone`: only the event is raised.
    /**
     * A fault of the machine itself (`fault`, one of sim::MachineDecl::faults) begins with
     * `faultParams` (sim::Simulation::beginFault), e.g. a brake that fades.
     */
    MachineFault,
  };
  std::string id; ///< Unique among the events; the Scheduled event's subject.
  Kind kind = Kind::Wind;
  std::optional<std::uint64_t> atTick;     ///< Begins at this tick (from `at_s`, rounded; >= 1).
  std::string afterPhase;                  ///< Or: at the first tick after this phase ended.
  std::optional<assessment::Trigger> when; ///< Or: at the tick after this event.
  std::string bodyTag;                     ///< Wind: the tag of the bodies pushed.
  glm::dvec3 force{0.0};                   ///< Wind: N, world.
  /** Wind: ticks it blows (from `duration_s`); nullopt: steady until the attempt ends. */
  std::optional<std::uint64_t> durationTicks;
  std::string zone;  ///< PersonEnters: the zone (its name), the event's `other`.
  std::string fault; ///< MachineFault: the fault's id (sim::FaultDecl::id).
  /** MachineFault: every declared parameter (SI; a choice as its index), checked on load. */
  sim::FaultParams faultParams;
};

/**
 * A validated assessment scenario: one typical work task of a trade, the simulation it runs, the
 * certificate standard it is scored against and the rubric binding the standard's items to
 * criteria. Filled by loadScenario() from `scenarios/<trade>/<task>.toml` and the standard file
 * it names (docs/scenario-format.md). All values SI (m, kg, s, rad); degrees converted on load.
 */
struct Scenario {
  std::string id;      ///< e.g. "overhead_crane.q2_practical".
  std::string version; ///< The scenario author's version string.
  std::string titleZh;
  /** The English title; a scenario with only `title_zh` gets the Chinese one (see warnings). */
  std::string titleEn;
  std::string descriptionZh;
  std::string descriptionEn;
  std::string trade; ///< e.g. "overhead_crane".
  /**
   * `mock_exam = true`: the scenario rehearses a licence practical but can never be it (China's
   * draft syllabus for in-plant vehicle operators: a simulator may not replace the practical
   * test). The start and results screens say so, and certify refuses a licence rule whose
   * practical part names it. Default false.
   */
  bool mockExam = false;
  /** Where `mock_exam` is written (file:line:column), for the messages that name it. */
  core::SourceLocation mockExamLocation;
  /**
   * The standard as this scenario scores against it: the standard file's, with its pass mark
   * replaced by the scenario's top-level `pass_mark` when given (passMarkOverride).
   */
  assessment::Standard standard;
  /**
   * The scenario's own `pass_mark` (points, 0 to the standard's total), which replaces the
   * standard file's for this scenario only; nullopt: the standard's applies.
   */
  std::optional<double> passMarkOverride;
  assessment::Rubric rubric;  ///< rubric.tickRate == simulation.tickRate.
  double timeLimit = 0.0;     ///< s; the attempt stops there (== rubric.timeLimit).
  std::uint32_t tickRate = 0; ///< Hz (== simulation.tickRate).
  sim::SimulationSpec simulation;
  /** The task's steps in order (may be empty); see TaskStep. */
  std::vector<TaskStep> steps;
  /** The scheduled faults and happenings, in file order (may be empty). */
  std::vector<ScheduledEvent> events;
  /** The hall, the zones' floor paint and the training aids it allows (drawn only). */
  Course course;
  /** The machine's declarations (simulation.machine->describe()), when it has a machine. */
  std::optional<sim::MachineDecl> machine;
  /** scenarioHash(scenario bytes, standard bytes): the identity a trace names. */
  core::Digest hash{};
  std::filesystem::path scenarioFile; ///< As given to loadScenario().
  std::filesystem::path standardFile; ///< The standard file found for it.
  /**
   * What is accepted but should be fixed (file:line:column and what to do), e.g. a missing
   * `title_en` shown in Chinese; `validate` and `run` print them. Not part of the hash.
   */
  std::vector<core::Error> warnings;

  /** A thing's name for people (docs/scenario-format.md, `[labels]`). */
  struct Label {
    std::string zh;
    std::string en;
  };
  /**
   * Display names of the scenario's bodies, zones, tags and phases by id (`[labels]`), used in
   * deduction texts; an id without one is shown as written.
   */
  std::map<std::string, Label, std::less<>> labels;
};

} // namespace skillsim::scenario
