#pragma once

#include "../Observation.h"
#include "../PhaseTracker.h"
#include "../ScoreSheet.h"
#include "skillsim/assessment/Rubric.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace skillsim::assessment {

/**
 * One rubric criterion at run time. The Assessor calls, per tick: onEvent for each event (real
 * ones in the simulation's order, then pseudo events), then onTick; and onFinish once at the end,
 * after every phase has been closed. Implementations are deterministic: no clock, no hashing of
 * pointers, state changes only from what they are given.
 */
class Criterion {
public:
  Criterion(std::size_t index, const CriterionSpec& spec, std::optional<std::size_t> phase,
            std::uint32_t tickRate)
      : mIndex(index), mSpec(spec), mPhase(phase), mTickRate(tickRate) {}
  virtual ~Criterion() = default;
  Criterion(const Criterion&) = delete;
  Criterion& operator=(const Criterion&) = delete;

  /** Resolves metric names once the simulation's metric set is known (first tick). */
  virtual void bind(const sim::Metrics& /*metrics*/) {}
  virtual void onEvent(const EventRef& /*ref*/, const Observation& /*obs*/, ScoreSheet& /*sheet*/,
                       const PhaseTracker& /*phases*/) {}
  virtual void onTick(const Observation& /*obs*/, ScoreSheet& /*sheet*/,
                      const PhaseTracker& /*phases*/) {}
  virtual void onFinish(const Observation& /*obs*/, ScoreSheet& /*sheet*/,
                        const PhaseTracker& /*phases*/) {}

  /** Builds the run-time criterion for a spec (phases already resolved to indices). */
  static std::unique_ptr<Criterion> make(std::size_t index, const CriterionSpec& spec,
                                         const PhaseTracker& phases, std::uint32_t tickRate);

protected:
  /** True when the criterion's phase is running (always, without a phase). */
  [[nodiscard]] bool inPhase(const PhaseTracker& phases) const {
    return !mPhase || phases.active(*mPhase);
  }
  /** Index of a metric the loader has checked; a missing one is a contract violation. */
  [[nodiscard]] std::size_t requireMetric(const sim::Metrics& metrics,
                                          const std::string& name) const;
  /** A finding of `kind` with the criterion's phase (ScoreSheet fills it too). */
  [[nodiscard]] Finding finding(FindingKind kind, std::string_view unit = {}) const;
  /** "N s": the unit of a contact's impulse (sim::SimEventKind::ContactBegin value). */
  [[nodiscard]] static const std::string& impulseUnit();
  /**
   * Fills a finding's event, subject and other from an event: a machine event's name, a
   * simulation kind's name or a pseudo event's; body names where the event has them, else tags.
   */
  static void describeEvent(Finding& finding, const EventRef& ref);
  /** Same from a trigger (what a criterion waits for): its event name, subject and other. */
  static void describeTrigger(Finding& finding, const Trigger& trigger);

  std::size_t mIndex;
  const CriterionSpec& mSpec;
  std::optional<std::size_t> mPhase;
  std::uint32_t mTickRate;
};

} // namespace skillsim::assessment
