#include <skillsim/ui/I18n.h>

#include <gtest/gtest.h>

#include <set>
#include <string>

using namespace skillsim;
using namespace skillsim::ui;

namespace {

const std::filesystem::path kAssets = std::filesystem::path(SKILLSIM_SOURCE_DIR) / "assets";

std::string allRequired() {
  std::string text;
  for (auto key : requiredTextKeys()) {
    text.append("\"").append(key).append("\" = \"x\"\n");
  }
  return text;
}

} // namespace

TEST(I18n, BothTablesHaveExactlyTheSameKeysAndEveryRequiredOne) {
  auto en = I18n::load(kAssets, Language::English);
  ASSERT_TRUE(en) << en.error().toString();
  auto zh = I18n::load(kAssets, Language::ChineseSimplified);
  ASSERT_TRUE(zh) << zh.error().toString();
  std::set<std::string> enKeys;
  std::set<std::string> zhKeys;
  for (const auto& [k, v] : en->entries()) {
    enKeys.insert(k);
    EXPECT_FALSE(v.empty()) << "en " << k;
  }
  for (const auto& [k, v] : zh->entries()) {
    zhKeys.insert(k);
    EXPECT_FALSE(v.empty()) << "zh-CN " << k;
  }
  EXPECT_EQ(enKeys, zhKeys);
  for (auto key : requiredTextKeys()) {
    EXPECT_FALSE(key.empty());
    EXPECT_TRUE(en->has(key)) << key;
    EXPECT_TRUE(zh->has(key)) << key;
  }
  EXPECT_EQ(std::set<std::string_view>(requiredTextKeys().begin(), requiredTextKeys().end()).size(),
            requiredTextKeys().size());
}

TEST(I18n, TablesSayTheSameThingInTheirLanguage) {
  auto en = I18n::load(kAssets, Language::English);
  auto zh = I18n::load(kAssets, Language::ChineseSimplified);
  ASSERT_TRUE(en && zh);
  EXPECT_EQ(en->text("results.back"), "Back to start");
  EXPECT_EQ(zh->text("results.back"), "返回首页");
  EXPECT_EQ(zh->text("mode.exam"), "考试");
  EXPECT_EQ(zh->language(), Language::ChineseSimplified);
}

TEST(I18n, SectionsFlattenToDottedKeys) {
  auto t = I18n::parse(allRequired() + "[hud.extra]\nlabel = \"L\"\n", "t.toml", Language::English);
  ASSERT_TRUE(t) << t.error().toString();
  EXPECT_EQ(t->text("hud.extra.label"), "L");
}

TEST(I18n, MissingKeyReadsAsTheKey) {
  auto t = I18n::parse(allRequired(), "t.toml", Language::English);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->text("no.such.key"), "no.such.key");
  EXPECT_FALSE(t->has("no.such.key"));
}

TEST(I18n, RequiredKeyMissingIsAnError) {
  auto t = I18n::parse("[hud]\ntime = \"Time\"\n", "zz.toml", Language::English);
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().toString().rfind("zz.toml: missing UI text 'mode.practice'", 0), 0u)
      << t.error().toString();
}

TEST(I18n, NonStringValueNamesLineColumnAndKey) {
  auto t = I18n::parse("[hud]\ntime = 3\n", "zz.toml", Language::English);
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().toString(),
            "zz.toml:2:8: hud.time: expected a string of UI text (in quotes)");
}

TEST(I18n, SyntaxErrorNamesLine) {
  auto t = I18n::parse("[hud\n", "zz.toml", Language::English);
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().toString().rfind("zz.toml:1:", 0), 0u) << t.error().toString();
}

TEST(I18n, MissingFileIsNotFound) {
  auto t = I18n::load("/nonexistent", Language::English);
  ASSERT_FALSE(t);
  EXPECT_EQ(t.error().code, core::ErrorCode::NotFound);
  EXPECT_NE(t.error().toString().find("/nonexistent/i18n/en.toml"), std::string::npos);
}
