#include "skillsim/messages/FindingText.h"

#include <cmath>
#include <cstdio>
#include <numbers>

namespace skillsim::messages {
namespace {

using assessment::Finding;
using assessment::FindingKind;
using assessment::LimitSide;

/** The template for `key`, or the key itself so that a gap shows. */
std::string templateOf(const MessageTemplates& t, std::string_view key) {
  const std::string* text = t.find(key);
  return text != nullptr ? *text : std::string(key);
}

/** Fills `{name}` placeholders; an unknown placeholder is kept as written. */
template <typename Lookup>
std::string fill(const std::string& text, Lookup&& lookup) {
  std::string out;
  out.reserve(text.size() + 32);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{') {
      const std::size_t close = text.find('}', i + 1);
      if (close != std::string::npos) {
        const std::string name = text.substr(i + 1, close - i - 1);
        if (std::optional<std::string> value = lookup(name)) {
          out += *value;
          i = close;
          continue;
        }
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

/** A fixed-point number in the "C" locale, never "-0". */
std::string fixed(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  std::string s = buffer;
  if (s.starts_with('-') && s.find_first_not_of("-0.") == std::string::npos) {
    s.erase(0, 1);
  }
  return s;
}

std::string nameOf(const MessageContext& context, const MessageTemplates& t,
                   const std::string& id) {
  if (id.empty()) {
    return templateOf(t, "name.anything");
  }
  if (auto it = context.names.find(id); it != context.names.end()) {
    const std::string& name = t.chinese() ? it->second.zh : it->second.en;
    if (!name.empty()) {
      return name;
    }
    return t.chinese() ? it->second.en : it->second.zh;
  }
  return id;
}

std::string metricLabel(const MessageContext& context, const MessageTemplates& t,
                        const std::string& id) {
  if (context.machine != nullptr) {
    if (const sim::MetricDecl* decl = context.machine->metric(id)) {
      return t.chinese() ? decl->labelZh : decl->labelEn;
    }
  }
  if (id == "time") {
    return templateOf(t, "name.time");
  }
  return id;
}

std::string controlLabel(const MessageContext& context, const MessageTemplates& t,
                         const std::string& id) {
  std::string name = id;
  if (context.machine != nullptr) {
    if (const core::ControlDecl* decl = context.machine->controls.find(id)) {
      name = t.chinese() ? decl->nameZh : decl->nameEn;
    }
  }
  return fill(templateOf(t, "control.name"),
              [&](const std::string& key) -> std::optional<std::string> {
                return key == "name" ? std::optional(name) : std::nullopt;
              });
}

/** The phrase for an event: a machine event's label, else the table's `event.<kind>`. */
std::string eventPhrase(const MessageContext& context, const MessageTemplates& t,
                        const std::string& event, const std::string& subject,
                        const std::string& other) {
  if (context.machine != nullptr) {
    for (const sim::EventDecl& decl : context.machine->events) {
      if (decl.name == event) {
        return t.chinese() ? decl.labelZh : decl.labelEn;
      }
    }
  }
  const std::string key = "event." + event;
  const std::string* text = t.find(key);
  if (text == nullptr) {
    // A machine event the machine does not declare (or no machine known): its id, as written.
    return fill(templateOf(t, "event.machine"),
                [&](const std::string& k) -> std::optional<std::string> {
                  return k == "name" ? std::optional(event) : std::nullopt;
                });
  }
  return fill(*text, [&](const std::string& k) -> std::optional<std::string> {
    if (k == "subject") {
      return nameOf(context, t, subject);
    }
    if (k == "other") {
      return nameOf(context, t, other);
    }
    return std::nullopt;
  });
}

/** True when the finding's metric is a machine's Flag (1 while a condition holds, else 0). */
bool isFlag(const MessageContext& context, const Finding& f) {
  if (context.machine == nullptr || f.metric.empty()) {
    return false;
  }
  const sim::MetricDecl* decl = context.machine->metric(f.metric);
  return decl != nullptr && decl->unit == sim::Unit::Flag;
}

/**
 * The template key of a finding: its kind, and for kinds with sides the side. A flag's band and
 * end state have their own templates (yes / no), since "parking brake on 0, under the 1 minimum"
 * is a number where a trainee reads a state.
 */
std::string keyOf(const Finding& f, bool flag) {
  if (flag && (f.kind == FindingKind::MetricBand || f.kind == FindingKind::EndMetric)) {
    return std::string(f.kind == FindingKind::MetricBand ? "finding.flag_band"
                                                         : "finding.end_flag") +
           (f.side == LimitSide::Below ? ".below" : ".above");
  }
  std::string key = "finding." + std::string(assessment::toString(f.kind));
  switch (f.kind) {
  case FindingKind::MetricBand:
  case FindingKind::EndMetric: key += f.side == LimitSide::Below ? ".below" : ".above"; break;
  case FindingKind::ForbiddenAction:
    key += f.side == LimitSide::Below      ? ".below"
           : f.side == LimitSide::Reversed ? ".reversed"
                                           : ".above";
    break;
  default: break;
  }
  return key;
}

/** Lengths of this finding in mm: every length in it is under 1 m (e.g. a placement error). */
bool inMillimetres(const Finding& f) {
  if (f.unit != "m") {
    return false;
  }
  double largest = 0.0;
  for (double v : {f.value, f.limit, f.limit2}) {
    if (std::isfinite(v)) {
      largest = std::max(largest, std::abs(v));
    }
  }
  return largest < 1.0;
}

} // namespace

std::string quantityText(double value, std::string_view unit, bool mm, const MessageTemplates& t) {
  if (!std::isfinite(value)) {
    return templateOf(t, "value.invalid");
  }
  if (unit == "rad") {
    return fixed(value * 180.0 / std::numbers::pi, 1) + templateOf(t, "unit.degree");
  }
  if (unit == "rad/s") {
    return fixed(value * 180.0 / std::numbers::pi, 1) + templateOf(t, "unit.degree_per_second");
  }
  if (unit == "m") {
    return mm ? fixed(value * 1000.0, 0) + templateOf(t, "unit.millimetre")
              : fixed(value, 2) + templateOf(t, "unit.metre");
  }
  if (unit == "m/s") {
    return fixed(value, std::abs(value) < 0.1 ? 3 : 2) + templateOf(t, "unit.metre_per_second");
  }
  if (unit == "s") {
    return fixed(value, std::abs(value) < 10.0 ? 2 : 1) + templateOf(t, "unit.second");
  }
  if (unit == "N s") {
    return fixed(value, 1) + templateOf(t, "unit.newton_second");
  }
  if (unit == "N") {
    return std::abs(value) >= 1000.0 ? fixed(value / 1000.0, 1) + templateOf(t, "unit.kilonewton")
                                     : fixed(value, 0) + templateOf(t, "unit.newton");
  }
  if (unit == "kg") {
    return fixed(value, 0) + templateOf(t, "unit.kilogram");
  }
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.3g", value);
  return unit.empty() ? std::string(buffer) : std::string(buffer) + " " + std::string(unit);
}

std::string findingText(const Finding& f, const MessageTemplates& t,
                        const MessageContext& context) {
  const bool mm = inMillimetres(f);
  auto quantity = [&](double v) {
    if (!f.control.empty() && std::isfinite(v)) {
      // An axis control's value, -1..1: the share of its full travel.
      return fixed(v * 100.0, 0) + templateOf(t, "unit.percent");
    }
    return quantityText(v, f.unit, mm, t);
  };
  auto lookup = [&](const std::string& key) -> std::optional<std::string> {
    if (key == "metric") {
      return metricLabel(context, t, f.metric);
    }
    if (key == "what") {
      return f.control.empty() ? metricLabel(context, t, f.metric)
                               : controlLabel(context, t, f.control);
    }
    if (key == "value") {
      return quantity(f.value);
    }
    if (key == "limit") {
      return quantity(f.limit);
    }
    if (key == "limit2") {
      return quantity(f.limit2);
    }
    if (key == "duration") {
      return quantityText(f.duration, "s", false, t);
    }
    if (key == "phase") {
      return nameOf(context, t, f.phase);
    }
    if (key == "subject") {
      return nameOf(context, t, f.subject);
    }
    if (key == "other") {
      return nameOf(context, t, f.other);
    }
    if (key == "event") {
      return eventPhrase(context, t, f.event, f.subject, f.other);
    }
    if (key == "expected") {
      return eventPhrase(context, t, f.expected, "", "");
    }
    if (key == "occurrence") {
      return std::to_string(f.occurrence);
    }
    if (key == "count") {
      return std::to_string(f.count);
    }
    if (key == "total") {
      return std::to_string(f.total);
    }
    return std::nullopt;
  };
  auto note = [&](const char* key, bool shown) -> std::optional<std::string> {
    return shown ? fill(templateOf(t, key), lookup) : std::string();
  };
  return fill(templateOf(t, keyOf(f, isFlag(context, f))),
              [&](const std::string& key) -> std::optional<std::string> {
                if (key == "phase_note") {
                  return note("finding.phase_note", !f.phase.empty());
                }
                if (key == "occurrence_note") {
                  return note("finding.occurrence_note", f.occurrence >= 2);
                }
                return lookup(key);
              });
}

std::string deductionText(const assessment::Deduction& d, const assessment::AttemptResult& result,
                          const MessageTemplates& t, const MessageContext& context) {
  if (result.format < 2) {
    return d.legacyReason;
  }
  return findingText(d.finding, t, context);
}

std::string vetoText(const assessment::Veto& v, const assessment::AttemptResult& result,
                     const MessageTemplates& t, const MessageContext& context) {
  if (result.format < 2) {
    return v.legacyReason;
  }
  return findingText(v.finding, t, context);
}

std::string itemTitle(const assessment::Standard& standard, std::string_view itemId,
                      const MessageTemplates& t) {
  const assessment::StandardItem* item = standard.findItem(itemId);
  if (item == nullptr) {
    return std::string(itemId);
  }
  const std::string& first = t.chinese() ? item->descriptionZh : item->descriptionEn;
  const std::string& second = t.chinese() ? item->descriptionEn : item->descriptionZh;
  if (!first.empty()) {
    return first;
  }
  return second.empty() ? std::string(itemId) : second;
}

} // namespace skillsim::messages
