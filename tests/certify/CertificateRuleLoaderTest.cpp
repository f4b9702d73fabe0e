#include <skillsim/certify/CertificateRuleLoader.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>

namespace skillsim::certify {
namespace {

// A valid licence rule; tests replace one line to make it invalid.
const std::string kLicence = R"(format_version = 1
id = "test_licence"
kind = "special_equipment_licence"
level_system = "none"
validity_years = 4
title = { zh = "测试证", en = "Test licence" }
awarding_body = { zh = "机构", en = "Body" }
criteria = { zh = "理论与实操均不低于70分", en = "Theory and practical at least 70 each" }

[[parts]]
kind = "theory"
weight = 0.5
minimum = 70
title = { zh = "理论", en = "Theory" }

[[parts]]
kind = "practical"
scenario = "q2_practical"
weight = 0.5
minimum = 70
title = { zh = "实操", en = "Practical" }
)";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  auto pos = text.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  return text.replace(pos, from.size(), to);
}

std::string errorOf(const std::string& text) {
  auto rule = parseCertificateRule(text, "rule.toml");
  EXPECT_FALSE(rule) << "expected an error";
  return rule ? std::string() : rule.error().toString();
}

TEST(CertificateRuleLoader, ParsesALicence) {
  auto rule = parseCertificateRule(kLicence, "rule.toml");
  ASSERT_TRUE(rule) << rule.error().toString();
  EXPECT_EQ(rule->id, "test_licence");
  EXPECT_EQ(rule->kind, CertificateKind::SpecialEquipmentLicence);
  EXPECT_EQ(rule->validityYears, 4u);
  EXPECT_FALSE(rule->overallMinimum.has_value());
  ASSERT_EQ(rule->parts.size(), 2u);
  ASSERT_NE(rule->theoryPart(), nullptr);
  EXPECT_EQ(rule->parts[1].scenarioId, "q2_practical");
  EXPECT_EQ(rule->parts[1].policy, AttemptPolicy::Latest);
  EXPECT_EQ(rule->parts[1].location.line, 16u); // the [[parts]] header
  EXPECT_EQ(rule->title.zh, "测试证");
}

TEST(CertificateRuleLoader, LicenceMinimumBelowSeventyIsRejectedWithItsLocation) {
  std::string text = replaced(kLicence, "minimum = 70\ntitle = { zh = \"实操\"",
                              "minimum = 69.5\ntitle = { zh = \"实操\"");
  EXPECT_EQ(errorOf(text), "rule.toml:20:11: parts[1].minimum: a special_equipment_licence "
                           "requires each part to reach at least 70 (../shared/EXAMS.md), found "
                           "69.5");
}

TEST(CertificateRuleLoader, WeightsMustSumToOne) {
  std::string text = replaced(kLicence, "weight = 0.5\nminimum = 70\ntitle = { zh = \"实操\"",
                              "weight = 0.4\nminimum = 70\ntitle = { zh = \"实操\"");
  EXPECT_NE(errorOf(text).find("parts: the parts' weights must sum to 1, found 0.9"),
            std::string::npos)
      << errorOf(text);
}

TEST(CertificateRuleLoader, UnknownKeyIsNamedWithLineAndColumn) {
  std::string text = replaced(kLicence, "validity_years = 4", "validity_years = 4\nvalidty = 3");
  // The shared TOML reader (readers::TableReader) puts an unknown key at the key itself.
  const std::string message = errorOf(text);
  EXPECT_EQ(message.rfind("rule.toml:6:1: validty: unknown key 'validty'", 0), 0u) << message;
}

TEST(CertificateRuleLoader, MissingKeyIsNamed) {
  std::string text = replaced(kLicence, "validity_years = 4\n", "");
  EXPECT_NE(errorOf(text).find("validity_years: missing required key 'validity_years'"),
            std::string::npos);
}

TEST(CertificateRuleLoader, SyntaxErrorHasLineAndColumn) {
  std::string text = replaced(kLicence, "validity_years = 4", "validity_years = = 4");
  std::string message = errorOf(text);
  EXPECT_EQ(message.rfind("rule.toml:5:", 0), 0u) << message;
  EXPECT_NE(message.find("TOML syntax error"), std::string::npos);
}

TEST(CertificateRuleLoader, WrongTypeIsNamed) {
  std::string text = replaced(kLicence, "validity_years = 4", "validity_years = \"four\"");
  EXPECT_EQ(errorOf(text), "rule.toml:5:18: validity_years: expected an integer, found a string");
}

TEST(CertificateRuleLoader, LevelMustBelongToItsSystem) {
  std::string text =
      replaced(kLicence, "kind = \"special_equipment_licence\"\nlevel_system = \"none\"",
               "kind = \"one_plus_x\"\nlevel_system = \"one_plus_x\"\nlevel = \"特级\"");
  EXPECT_EQ(errorOf(text),
            "rule.toml:5:9: level: level '特级' is not in one_plus_x (初级, 中级, 高级)");
}

TEST(CertificateRuleLoader, LicenceCannotHaveALevelSystem) {
  std::string text = replaced(kLicence, "level_system = \"none\"",
                              "level_system = \"eight_level_worker\"\nlevel = \"技师\"");
  EXPECT_NE(errorOf(text).find("rule.toml:4:16: level_system: level system 'eight_level_worker' "
                               "does not fit a special_equipment_licence"),
            std::string::npos)
      << errorOf(text);
}

TEST(CertificateRuleLoader, PanelLevelsCannotSwitchThePanelOff) {
  std::string text =
      replaced(kLicence, "kind = \"special_equipment_licence\"\nlevel_system = \"none\"",
               "kind = \"occupational_skill_standard\"\nlevel_system = \"national_five_level\"\n"
               "level = \"二级\"\npanel_review = false");
  std::string message = errorOf(text);
  EXPECT_NE(message.find("panel_review: level 二级 requires a panel review"), std::string::npos)
      << message;
  auto rule = parseCertificateRule(replaced(text, "panel_review = false", ""), "rule.toml");
  ASSERT_TRUE(rule) << rule.error().toString();
  EXPECT_TRUE(rule->panelReview);
  EXPECT_EQ(rule->levelInfo()->en, "Level 2 (technician)");
}

TEST(CertificateRuleLoader, DuplicateScenarioAndSecondTheoryAreRejected) {
  std::string twoTheories =
      replaced(kLicence, "kind = \"practical\"\nscenario = \"q2_practical\"", "kind = \"theory\"");
  EXPECT_NE(errorOf(twoTheories).find("parts[1]: a certificate has at most one theory part"),
            std::string::npos)
      << errorOf(twoTheories);
  std::string noTheory =
      replaced(kLicence, "kind = \"theory\"", "kind = \"practical\"\nscenario = \"q2_practical\"");
  EXPECT_NE(errorOf(noTheory).find("scenario 'q2_practical' is already a part"), std::string::npos)
      << errorOf(noTheory);
}

TEST(CertificateRuleLoader, FutureFormatVersionIsUnsupported) {
  auto rule = parseCertificateRule(replaced(kLicence, "format_version = 1", "format_version = 2"),
                                   "rule.toml");
  ASSERT_FALSE(rule);
  EXPECT_EQ(rule.error().code, core::ErrorCode::Unsupported);
  EXPECT_EQ(rule.error().location.line, 1u);
}

TEST(CertificateRuleLoader, ShippedRulesLoad) {
  std::filesystem::path dir = std::filesystem::path(SKILLSIM_SOURCE_DIR) / "assets/certificates";
  auto q2 = findCertificateRule(dir, "q2_overhead_crane_licence");
  ASSERT_TRUE(q2) << q2.error().toString();
  EXPECT_EQ(q2->validityYears, 4u);
  EXPECT_EQ(q2->parts[1].scenarioId, "overhead_crane.q2_practical");
  EXPECT_DOUBLE_EQ(q2->parts[0].minimum, 70.0);
  EXPECT_DOUBLE_EQ(q2->parts[1].minimum, 70.0);
  auto skill = findCertificateRule(dir, "crane_operator_level4");
  ASSERT_TRUE(skill) << skill.error().toString();
  EXPECT_EQ(skill->level, "四级");
  EXPECT_FALSE(skill->panelReview);
  EXPECT_EQ(skill->parts.size(), 3u);
  auto robot = findCertificateRule(dir, "industrial_robot_1x_elementary");
  ASSERT_TRUE(robot) << robot.error().toString();
  EXPECT_EQ(robot->parts[1].policy, AttemptPolicy::Best);
  auto missing = findCertificateRule(dir, "no_such_certificate");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, core::ErrorCode::NotFound);
  EXPECT_NE(missing.error().message.find("q2_overhead_crane_licence"), std::string::npos);
}

TEST(CertificateRuleLoader, ALicenceCountingAMockExamAsItsPracticalIsRefusedAtItsScenario) {
  auto rule = parseCertificateRule(
      replaced(kLicence, "scenario = \"q2_practical\"", "scenario = \"forklift.n1_field_test\""),
      "rule.toml");
  ASSERT_TRUE(rule) << rule.error().toString();
  const std::map<std::string, core::SourceLocation> mock{
      {"forklift.n1_field_test", core::SourceLocation{"n1.toml", 19, 13, "mock_exam", {}}}};
  auto problem = mockExamPracticalProblem(*rule, mock);
  ASSERT_TRUE(problem.has_value());
  EXPECT_EQ(problem->code, core::ErrorCode::InvalidInput);
  // The `scenario` value of the second [[parts]] (line 18, column 12).
  EXPECT_EQ(problem->toString(),
            "rule.toml:18:12: parts[1].scenario: scenario 'forklift.n1_field_test' is a mock exam "
            "(mock_exam = true at n1.toml:19:13): a licence may not count it as its practical "
            "test (a simulator may not replace the practical test); name the licence's real "
            "practical scenario instead");
  // Another scenario, or a certificate that is no licence, is no problem.
  EXPECT_FALSE(mockExamPracticalProblem(*parseCertificateRule(kLicence, "rule.toml"), mock));
  rule->kind = CertificateKind::OccupationalSkillStandard;
  EXPECT_FALSE(mockExamPracticalProblem(*rule, mock));
}

} // namespace
} // namespace skillsim::certify
