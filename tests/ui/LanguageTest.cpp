#include <skillsim/ui/Language.h>

#include <gtest/gtest.h>

using namespace skillsim::ui;

TEST(Language, LcAllOverridesLcMessagesOverridesLang) {
  EXPECT_EQ(languageFromLocale({"zh_CN.UTF-8", "en_US.UTF-8", "en_US.UTF-8"}),
            Language::ChineseSimplified);
  EXPECT_EQ(languageFromLocale({"", "en_GB.UTF-8", "zh_CN.UTF-8"}), Language::English);
  EXPECT_EQ(languageFromLocale({"", "zh_CN.GB18030", "en_US.UTF-8"}), Language::ChineseSimplified);
  EXPECT_EQ(languageFromLocale({"", "", "zh_CN.UTF-8"}), Language::ChineseSimplified);
  EXPECT_EQ(languageFromLocale({"C", "", "zh_CN.UTF-8"}), Language::English);
}

TEST(Language, ChineseVariantsAndDefaults) {
  EXPECT_EQ(languageFromLocale({"", "", "zh"}), Language::ChineseSimplified);
  EXPECT_EQ(languageFromLocale({"", "", "zh_TW.UTF-8"}), Language::ChineseSimplified);
  EXPECT_EQ(languageFromLocale({"", "", "de_DE.UTF-8"}), Language::English);
  EXPECT_EQ(languageFromLocale({"", "", "POSIX"}), Language::English);
  EXPECT_EQ(languageFromLocale({"", "", ""}), Language::English);
  // "zhx" is not Chinese: only the primary subtag counts.
  EXPECT_EQ(languageFromLocale({"", "", "zhx_XX"}), Language::English);
}

TEST(Language, LangOptionSpellings) {
  for (const char* s : {"zh-CN", "zh_CN", "ZH-cn", "zh", "zh-Hans"}) {
    auto l = parseLanguage(s);
    ASSERT_TRUE(l) << s;
    EXPECT_EQ(*l, Language::ChineseSimplified) << s;
  }
  for (const char* s : {"en", "EN", "en-US", "en_GB"}) {
    auto l = parseLanguage(s);
    ASSERT_TRUE(l) << s;
    EXPECT_EQ(*l, Language::English) << s;
  }
}

TEST(Language, UnknownLangOptionSaysWhatIsAvailable) {
  auto l = parseLanguage("fr");
  ASSERT_FALSE(l);
  EXPECT_EQ(l.error().toString(),
            "--lang: unknown language 'fr'; available: zh-CN (简体中文), en (English)");
  EXPECT_FALSE(parseLanguage(""));
  EXPECT_FALSE(parseLanguage("zh-TW"));
}

TEST(Language, Tags) {
  EXPECT_EQ(languageTag(Language::English), "en");
  EXPECT_EQ(languageTag(Language::ChineseSimplified), "zh-CN");
}
