#pragma once

#include <skillsim/core/Expected.h>

#include <filesystem>
#include <map>
#include <span>
#include <string>
#include <string_view>

namespace skillsim::messages {

/**
 * The message templates of one language: the `[finding]`, `[event]`, `[unit]`, `[value]`,
 * `[control]` and `[name]` sections of `assets/i18n/<tag>.toml` (the same files as the UI's
 * text), as dotted keys ("finding.metric_band.above"). A template is plain text with
 * placeholders in braces, e.g. `"{metric} {value} over the {limit} limit for {duration}"`;
 * docs/deduction-messages.md lists the keys and each key's placeholders.
 */
class MessageTemplates {
public:
  /**
   * Reads a table from TOML text (other sections are ignored). Errors (InvalidInput) name
   * `file:line:column`: TOML syntax, a template that is not a string, or a required key missing
   * (named with the file).
   */
  [[nodiscard]] static core::Expected<MessageTemplates>
  parse(std::string_view text, const std::string& fileName, std::string_view languageTag);
  /** Loads `<assetsDir>/i18n/<languageTag>.toml`; NotFound when the file is missing. */
  [[nodiscard]] static core::Expected<MessageTemplates> load(const std::filesystem::path& assetsDir,
                                                             std::string_view languageTag);
  /**
   * From already flattened entries (e.g. the UI's ui::I18n::entries()); keys outside the
   * message sections are ignored. Errors as parse(), naming `fileName`.
   */
  [[nodiscard]] static core::Expected<MessageTemplates>
  fromEntries(const std::map<std::string, std::string, std::less<>>& entries,
              const std::string& fileName, std::string_view languageTag);

  /** "zh-CN" or "en" (what names and labels are chosen by). */
  [[nodiscard]] const std::string& languageTag() const { return mLanguage; }
  /** True for zh-CN: Chinese labels of metrics, events, controls and names. */
  [[nodiscard]] bool chinese() const { return mLanguage == "zh-CN"; }
  /** The template for `key`, or nullptr. */
  [[nodiscard]] const std::string* find(std::string_view key) const;
  /** Replaces (or adds) one template: for tests and for a centre's own wording. */
  void set(std::string key, std::string text) { mTemplates[std::move(key)] = std::move(text); }

private:
  std::string mLanguage;
  std::map<std::string, std::string, std::less<>> mTemplates;
};

/** Every key a table must have (each finding kind and side, units, generic events). */
[[nodiscard]] std::span<const std::string_view> requiredMessageKeys();

} // namespace skillsim::messages
