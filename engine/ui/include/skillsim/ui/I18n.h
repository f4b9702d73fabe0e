#pragma once

#include "skillsim/core/Expected.h"
#include "skillsim/ui/Language.h"

#include <filesystem>
#include <map>
#include <span>
#include <string>
#include <string_view>

namespace skillsim::ui {

/**
 * The UI's text in one language: a string table read from a TOML file whose sections and keys
 * flatten to dotted keys (`[hud]` `timer = "Time"` is "hud.timer"). Files live in
 * assets/i18n/<tag>.toml, one per Language, and must hold every key in requiredTextKeys().
 */
class I18n {
public:
  /**
   * Parses a string table. Errors (InvalidInput) name `file:line:column` and the key: TOML
   * syntax, a value that is not a string, or a required key that is missing (named, with the
   * file).
   */
  [[nodiscard]] static core::Expected<I18n> parse(std::string_view text,
                                                  const std::string& fileName, Language language);

  /** Loads `<assetsDir>/i18n/<tag>.toml`; NotFound when the file is missing. */
  [[nodiscard]] static core::Expected<I18n> load(const std::filesystem::path& assetsDir,
                                                 Language language);

  /** The text for `key`; a key not in the table returns the key itself, so a gap is visible. */
  [[nodiscard]] const std::string& text(std::string_view key) const;

  /** True when the table has `key`. */
  [[nodiscard]] bool has(std::string_view key) const;

  [[nodiscard]] Language language() const { return mLanguage; }

  /** Every key in the table, sorted. */
  [[nodiscard]] const std::map<std::string, std::string, std::less<>>& entries() const {
    return mEntries;
  }

private:
  Language mLanguage = Language::English;
  std::map<std::string, std::string, std::less<>> mEntries;
  mutable std::map<std::string, std::string, std::less<>> mMissing;
};

/** Every key the UI panels use; each string table must define all of them. */
[[nodiscard]] std::span<const std::string_view> requiredTextKeys();

} // namespace skillsim::ui
