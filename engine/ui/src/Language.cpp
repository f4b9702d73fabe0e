#include "skillsim/ui/Language.h"

#include <cstdlib>

namespace skillsim::ui {
namespace {

std::string lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

/** The language part of "zh_CN.UTF-8@euro" or "zh-Hans": "zh". */
std::string primarySubtag(std::string_view value) {
  const auto end = value.find_first_of("_-.@");
  return lowered(value.substr(0, end));
}

std::string fromEnv(const char* name) {
  const char* v = std::getenv(name);
  return v ? std::string(v) : std::string();
}

} // namespace

std::string_view languageTag(Language language) {
  return language == Language::ChineseSimplified ? "zh-CN" : "en";
}

core::Expected<Language> parseLanguage(std::string_view value) {
  const std::string primary = primarySubtag(value);
  const std::string whole = lowered(value);
  if (primary == "zh" && (whole == "zh" || whole == "zh-cn" || whole == "zh_cn" ||
                          whole == "zh-hans" || whole == "zh-hans-cn" || whole == "zh_cn.utf-8")) {
    return Language::ChineseSimplified;
  }
  if (primary == "en" && whole.find_first_of(" /") == std::string::npos) {
    return Language::English;
  }
  return core::makeError(core::ErrorCode::InvalidInput,
                         "unknown language '" + std::string(value) +
                             "'; available: zh-CN (简体中文), en (English)",
                         core::SourceLocation{"", 0, 0, "--lang", std::nullopt});
}

Language languageFromLocale(const LocaleEnvironment& env) {
  for (const std::string* v : {&env.lcAll, &env.lcMessages, &env.lang}) {
    if (!v->empty()) {
      return primarySubtag(*v) == "zh" ? Language::ChineseSimplified : Language::English;
    }
  }
  return Language::English;
}

LocaleEnvironment processLocaleEnvironment() {
  return LocaleEnvironment{fromEnv("LC_ALL"), fromEnv("LC_MESSAGES"), fromEnv("LANG")};
}

} // namespace skillsim::ui
