#pragma once

#include "skillsim/messages/MessageTemplates.h"

#include <skillsim/assessment/AttemptResult.h>
#include <skillsim/assessment/Standard.h>
#include <skillsim/sim/Machine.h>

#include <map>
#include <string>
#include <string_view>

namespace skillsim::messages {

/** A thing's name for people in both languages (a body, zone, tag or phase of a scenario). */
struct DisplayName {
  std::string zh;
  std::string en;
};

/**
 * What a message needs besides its finding: the machine's declarations (metric, event and control
 * labels; null when unknown) and the scenario's display names of its bodies, zones, tags and
 * phases (scenario::Scenario::labels), keyed by id. A name not found is shown by its id.
 */
struct MessageContext {
  const sim::MachineDecl* machine = nullptr;
  std::map<std::string, DisplayName, std::less<>> names;
};

/**
 * A context from a machine's declarations (or null) and a scenario's display names: any map from
 * id to a value with `zh` and `en` (scenario::Scenario::labels), so that this module needs no
 * scenario.
 */
template <typename Labels>
[[nodiscard]] MessageContext makeContext(const sim::MachineDecl* machine, const Labels& labels) {
  MessageContext context;
  context.machine = machine;
  for (const auto& [id, label] : labels) {
    context.names.emplace(id, DisplayName{label.zh, label.en});
  }
  return context;
}

/**
 * The text of a finding in the templates' language, made from the template of its kind and side
 * (finding.<kind>[.<side>]) with its placeholders filled: metric and control labels from the
 * machine, names from the context, numbers in the unit a trainee reads (angles in degrees with
 * one decimal, lengths in m, or in mm when every length of the message is under 1 m, speeds in
 * m/s, times in s; a non-finite value as the `value.invalid` text). Never fails: a missing
 * template gives the key itself, so a gap is visible.
 */
[[nodiscard]] std::string findingText(const assessment::Finding& finding,
                                      const MessageTemplates& templates,
                                      const MessageContext& context);

/**
 * A deduction's text: findingText of its finding, or the recorded legacy reason of a format 1
 * result (which has no finding).
 */
[[nodiscard]] std::string deductionText(const assessment::Deduction& deduction,
                                        const assessment::AttemptResult& result,
                                        const MessageTemplates& templates,
                                        const MessageContext& context);

/** A veto's text, as deductionText. */
[[nodiscard]] std::string vetoText(const assessment::Veto& veto,
                                   const assessment::AttemptResult& result,
                                   const MessageTemplates& templates,
                                   const MessageContext& context);

/**
 * A standard item's title in the templates' language (its description_zh / description_en, the
 * other language when one is empty), or the id when the standard does not have the item.
 */
[[nodiscard]] std::string itemTitle(const assessment::Standard& standard, std::string_view itemId,
                                    const MessageTemplates& templates);

/**
 * A value in the unit a trainee reads, with its unit: `unit` is the SI symbol a finding carries
 * ("rad" → "3.0°", "m" → "2.35 m", "m/s" → "0.021 m/s", "s" → "0.24 s"). `mm` shows a length in
 * millimetres ("230 mm").
 */
[[nodiscard]] std::string quantityText(double value, std::string_view unit, bool mm,
                                       const MessageTemplates& templates);

} // namespace skillsim::messages
