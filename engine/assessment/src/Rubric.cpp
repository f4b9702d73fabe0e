#include "skillsim/assessment/Rubric.h"

#include <array>

namespace skillsim::assessment {

std::string_view toString(PseudoEvent pseudo) {
  switch (pseudo) {
  case PseudoEvent::None: return "";
  case PseudoEvent::Start: return "start";
  case PseudoEvent::Motion: return "motion";
  case PseudoEvent::End: return "end";
  }
  return "";
}

std::string Trigger::describe() const {
  std::string text(kind ? (*kind == sim::SimEventKind::Machine ? std::string_view(machineEvent)
                                                               : sim::toString(*kind))
                        : toString(pseudo));
  if (!subject.empty() || !other.empty()) {
    text += "(" + (subject.empty() ? std::string("*") : subject) + ", " +
            (other.empty() ? std::string("*") : other) + ")";
  }
  if (count != 1) {
    text += " #" + std::to_string(count);
  }
  if (!after.empty()) {
    text += " after " + after;
  }
  return text;
}

std::string_view criterionKindName(const CriterionParams& params) {
  static constexpr std::array<std::string_view, std::variant_size_v<CriterionParams>> kNames = {
      "contact_count", "event_count",      "zone_sequence",     "placement",
      "metric_band",   "forbidden_action", "required_before",   "time_limit",
      "veto",          "end_state",        "missing_end_signal"};
  return kNames.at(params.index());
}

bool matchesEvent(const Trigger& trigger, const sim::SimEvent& event) {
  if (!trigger.kind || *trigger.kind != event.kind) {
    return false;
  }
  if (event.kind == sim::SimEventKind::Machine && trigger.machineEvent != event.name) {
    return false;
  }
  auto same = [](const std::string& want, const std::string& got) {
    return want.empty() || want == got;
  };
  if (same(trigger.subject, event.subject) && same(trigger.other, event.other)) {
    return true;
  }
  // A contact has no direction: (load, ground) matches a contact reported as (ground, load).
  bool contact =
      event.kind == sim::SimEventKind::ContactBegin || event.kind == sim::SimEventKind::ContactEnd;
  return contact && same(trigger.subject, event.other) && same(trigger.other, event.subject);
}

} // namespace skillsim::assessment
