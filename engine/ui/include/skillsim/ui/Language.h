#pragma once

#include "skillsim/core/Expected.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace skillsim::ui {

/** A language the workstation's UI text is written in (assets/i18n/<tag>.toml). */
enum class Language : std::uint8_t {
  English,           ///< "en"
  ChineseSimplified, ///< "zh-CN"
};

/** The BCP 47 tag and string-table file stem: "en" or "zh-CN". */
[[nodiscard]] std::string_view languageTag(Language language);

/**
 * Parses a `--lang` value. Accepts BCP 47 or POSIX spellings, any case: "en", "en-US", "en_GB",
 * "zh", "zh-CN", "zh_CN", "zh-Hans". Error (InvalidInput) for anything else, naming the value and
 * the languages available.
 */
[[nodiscard]] core::Expected<Language> parseLanguage(std::string_view value);

/** The locale variables that choose the UI language, as the process sees them. */
struct LocaleEnvironment {
  std::string lcAll;      ///< LC_ALL
  std::string lcMessages; ///< LC_MESSAGES
  std::string lang;       ///< LANG
};

/**
 * The UI language a locale asks for, by POSIX precedence (XBD 8.2): the first non-empty of
 * LC_ALL, LC_MESSAGES, LANG decides. A Chinese locale (zh, zh_CN.UTF-8, zh_SG; zh_TW and zh_HK
 * too, as only Simplified tables exist) gives ChineseSimplified; anything else, "C", "POSIX" and
 * nothing at all give English. Pure.
 */
[[nodiscard]] Language languageFromLocale(const LocaleEnvironment& env);

/** Reads LC_ALL, LC_MESSAGES and LANG from the process environment. */
[[nodiscard]] LocaleEnvironment processLocaleEnvironment();

} // namespace skillsim::ui
