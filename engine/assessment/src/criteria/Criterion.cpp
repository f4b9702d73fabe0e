#include "Criterion.h"

#include "ContactCountCriterion.h"
#include "EndStateCriterion.h"
#include "EventCountCriterion.h"
#include "ForbiddenActionCriterion.h"
#include "MetricBandCriterion.h"
#include "MissingEndSignalCriterion.h"
#include "PlacementCriterion.h"
#include "RequiredBeforeCriterion.h"
#include "TimeLimitCriterion.h"
#include "VetoCriterion.h"
#include "ZoneSequenceCriterion.h"

#include <skillsim/core/Check.h>

namespace skillsim::assessment {

std::unique_ptr<Criterion> Criterion::make(std::size_t index, const CriterionSpec& spec,
                                           const PhaseTracker& phases, std::uint32_t tickRate) {
  std::optional<std::size_t> phase;
  if (!spec.phase.empty()) {
    phase = phases.indexOf(spec.phase);
    SKILLSIM_CHECK(phase.has_value(), "criterion '" + spec.id + "' names unknown phase '" +
                                          spec.phase + "' (the scenario loader checks this)");
  }
  return std::visit(
      [&](const auto& params) -> std::unique_ptr<Criterion> {
        using P = std::decay_t<decltype(params)>;
        if constexpr (std::is_same_v<P, ContactCountParams>) {
          return std::make_unique<ContactCountCriterion>(index, spec, phase, tickRate);
        } else if constexpr (std::is_same_v<P, EventCountParams>) {
          return std::make_unique<EventCountCriterion>(index, spec, phase, tickRate);
        } else if constexpr (std::is_same_v<P, ZoneSequenceParams>) {
          return std::make_unique<ZoneSequenceCriterion>(index, spec, phase, tickRate);
        } else if constexpr (std::is_same_v<P, PlacementParams>) {
          return std::make_unique<PlacementCriterion>(index, spec, phase, tickRate);
        } else if constexpr (std::is_same_v<P, MetricBandParams>) {
          return std::make_unique<MetricBandCriterion>(index, spec, phase, tickRate);
        } else if constexpr (std::is_same_v<P, ForbiddenActionParams>) {
          return std::make_unique<ForbiddenActionCriterion>(index, spec, phase, tickRate);
        } else if constexpr (std::is_same_v<P, RequiredBeforeParams>) {
          return std::make_unique<RequiredBeforeCriterion>(index, spec, phase, tickRate);
        } else if constexpr (std::is_same_v<P, TimeLimitParams>) {
          return std::make_unique<TimeLimitCriterion>(index, spec, phase, tickRate);
        } else if constexpr (std::is_same_v<P, VetoParams>) {
          return std::make_unique<VetoCriterion>(index, spec, phase, tickRate);
        } else if constexpr (std::is_same_v<P, MissingEndSignalParams>) {
          return std::make_unique<MissingEndSignalCriterion>(index, spec, phase, tickRate);
        } else {
          static_assert(std::is_same_v<P, EndStateParams>);
          return std::make_unique<EndStateCriterion>(index, spec, phase, tickRate);
        }
      },
      spec.params);
}

std::size_t Criterion::requireMetric(const sim::Metrics& metrics, const std::string& name) const {
  auto index = metrics.find(name);
  SKILLSIM_CHECK(index.has_value(), "criterion '" + mSpec.id + "' reads metric '" + name +
                                        "' which the simulation does not provide");
  return *index;
}

Finding Criterion::finding(FindingKind kind, std::string_view unit) const {
  Finding f;
  f.kind = kind;
  f.unit = std::string(unit);
  f.phase = mSpec.phase;
  return f;
}

const std::string& Criterion::impulseUnit() {
  static const std::string unit = "N s";
  return unit;
}

void Criterion::describeEvent(Finding& finding, const EventRef& ref) {
  if (ref.event == nullptr) {
    finding.event = std::string(toString(ref.pseudo));
    return;
  }
  const sim::SimEvent& e = *ref.event;
  finding.event =
      e.kind == sim::SimEventKind::Machine ? e.name : std::string(sim::toString(e.kind));
  finding.subject = e.subjectBody.empty() ? e.subject : e.subjectBody;
  // A zone's name is its `other`; a contact's other body is named where the event knows it.
  finding.other = e.otherBody.empty() ? e.other : e.otherBody;
}

void Criterion::describeTrigger(Finding& finding, const Trigger& trigger) {
  if (!trigger.kind) {
    finding.event = std::string(toString(trigger.pseudo));
  } else if (*trigger.kind == sim::SimEventKind::Machine) {
    finding.event = trigger.machineEvent;
  } else {
    finding.event = std::string(sim::toString(*trigger.kind));
  }
  finding.subject = trigger.subject;
  finding.other = trigger.other;
}

} // namespace skillsim::assessment
