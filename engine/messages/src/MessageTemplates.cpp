#include "skillsim/messages/MessageTemplates.h"

#include <toml++/toml.h>

#include <array>
#include <fstream>
#include <optional>
#include <sstream>

namespace skillsim::messages {
namespace {

constexpr std::array<std::string_view, 52> kRequiredKeys = {
    // One template per finding kind and limit side (docs/deduction-messages.md).
    "finding.contact", "finding.event", "finding.zone_sequence", "finding.placement",
    "finding.not_placed", "finding.metric_band.above", "finding.metric_band.below",
    "finding.forbidden_action.above", "finding.forbidden_action.below",
    "finding.forbidden_action.reversed", "finding.out_of_order", "finding.time_over",
    "finding.time_stopped", "finding.missing_end_signal", "finding.end_not_observed",
    "finding.controls_not_neutral", "finding.end_metric.above", "finding.end_metric.below",
    "finding.veto", "finding.phase_note", "finding.occurrence_note",
    // A flag metric (sim::Unit::Flag) in a band or at the end: yes / no, never 0 / 1.
    "finding.flag_band.above", "finding.flag_band.below", "finding.end_flag.above",
    "finding.end_flag.below",
    // Events of the simulation and of the assessor (machine events carry their own labels).
    "event.start", "event.motion", "event.end", "event.contact_begin", "event.contact_end",
    "event.zone_enter", "event.zone_exit", "event.physics_fault", "event.control_changed",
    "event.machine", "event.scheduled",
    // Units as shown after a number.
    "unit.degree", "unit.degree_per_second", "unit.metre", "unit.millimetre",
    "unit.metre_per_second", "unit.second", "unit.newton_second", "unit.kilonewton", "unit.newton",
    "unit.kilogram", "unit.percent",
    // Values and names.
    "value.invalid", "control.name", "name.anything", "name.time", "name.list_separator"};

bool isMessageKey(std::string_view key) {
  for (std::string_view section : {"finding.", "event.", "unit.", "value.", "control.", "name."}) {
    if (key.starts_with(section)) {
      return true;
    }
  }
  return false;
}

core::SourceLocation where(const std::string& file, const toml::source_region& region,
                           std::string field) {
  return core::SourceLocation{file, static_cast<std::uint32_t>(region.begin.line),
                              static_cast<std::uint32_t>(region.begin.column), std::move(field),
                              std::nullopt};
}

bool flatten(const toml::table& table, const std::string& prefix, const std::string& file,
             std::map<std::string, std::string, std::less<>>& out,
             std::optional<core::Error>& error) {
  for (const auto& [key, node] : table) {
    const std::string name = prefix + std::string(key.str());
    if (const auto* sub = node.as_table()) {
      if (!flatten(*sub, name + ".", file, out, error)) {
        return false;
      }
    } else if (const auto* s = node.as_string()) {
      out.emplace(name, s->get());
    } else if (isMessageKey(name)) {
      error = core::makeError(core::ErrorCode::InvalidInput,
                              "expected a message template (a string in quotes)",
                              where(file, node.source(), name));
      return false;
    }
  }
  return true;
}

} // namespace

std::span<const std::string_view> requiredMessageKeys() { return kRequiredKeys; }

core::Expected<MessageTemplates>
MessageTemplates::fromEntries(const std::map<std::string, std::string, std::less<>>& entries,
                              const std::string& fileName, std::string_view languageTag) {
  MessageTemplates out;
  out.mLanguage = std::string(languageTag);
  for (const auto& [key, text] : entries) {
    if (isMessageKey(key)) {
      out.mTemplates.emplace(key, text);
    }
  }
  for (std::string_view key : kRequiredKeys) {
    if (out.find(key) == nullptr) {
      return core::makeError(core::ErrorCode::InvalidInput,
                             "missing message template '" + std::string(key) +
                                 "' (every table in assets/i18n/ needs every key; "
                                 "docs/deduction-messages.md)",
                             core::SourceLocation{fileName});
    }
  }
  return out;
}

core::Expected<MessageTemplates> MessageTemplates::parse(std::string_view text,
                                                         const std::string& fileName,
                                                         std::string_view languageTag) {
  toml::table root;
  try {
    root = toml::parse(text, fileName);
  } catch (const toml::parse_error& e) {
    return core::makeError(core::ErrorCode::InvalidInput,
                           "TOML syntax: " + std::string(e.description()),
                           where(fileName, e.source(), ""));
  }
  std::map<std::string, std::string, std::less<>> entries;
  std::optional<core::Error> error;
  if (!flatten(root, "", fileName, entries, error)) {
    return std::move(*error);
  }
  return fromEntries(entries, fileName, languageTag);
}

core::Expected<MessageTemplates> MessageTemplates::load(const std::filesystem::path& assetsDir,
                                                        std::string_view languageTag) {
  const std::filesystem::path path = assetsDir / "i18n" / (std::string(languageTag) + ".toml");
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return core::makeError(core::ErrorCode::NotFound,
                           "message templates not found; is the assets folder installed?",
                           core::SourceLocation{path.string()});
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return parse(buffer.str(), path.string(), languageTag);
}

const std::string* MessageTemplates::find(std::string_view key) const {
  auto it = mTemplates.find(key);
  return it == mTemplates.end() ? nullptr : &it->second;
}

} // namespace skillsim::messages
