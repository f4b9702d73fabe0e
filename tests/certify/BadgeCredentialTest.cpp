#include "CertificateExportFixture.h"

#include <skillsim/certify/BadgeCredential.h>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

namespace skillsim::certify {
namespace {

using testing::exportDecision;
using testing::exportLicenceRule;

TEST(BadgeCredential, AwardedDecisionIsAnUnsignedOpenBadgeCredential) {
  auto rule = exportLicenceRule();
  auto decision = exportDecision(rule, "T001", 80.0, 75.0);
  ASSERT_TRUE(decision.awarded());
  CertificateExportOptions options;
  options.issuerId = "https://training.example.cn";
  options.iriBase = "https://training.example.cn";
  options.language = "en";
  auto text = writeOpenBadgeCredential(rule, decision, options);
  ASSERT_TRUE(text) << text.error().toString();
  auto json = nlohmann::json::parse(*text);

  EXPECT_EQ(json["@context"], nlohmann::json::array({"https://www.w3.org/ns/credentials/v2",
                                                     "https://purl.imsglobal.org/spec/ob/v3p0/"
                                                     "context-3.0.3.json"}));
  EXPECT_EQ(json["type"], nlohmann::json::array({"VerifiableCredential", "OpenBadgeCredential"}));
  EXPECT_TRUE(std::string(json["id"]).starts_with("urn:uuid:"));
  EXPECT_EQ(std::string(json["id"]).size(), 9u + 36u);
  EXPECT_EQ(json["issuer"]["id"], "https://training.example.cn");
  EXPECT_EQ(json["issuer"]["type"], nlohmann::json::array({"Profile"}));
  EXPECT_EQ(json["issuer"]["name"], "Examination body");
  EXPECT_EQ(json["validFrom"], "2026-11-29T00:00:00Z");
  EXPECT_EQ(json["validUntil"], "2030-11-29T00:00:00Z"); // 4-year licence
  EXPECT_FALSE(json.contains("proof"));
  EXPECT_TRUE(
      std::string(json["description"]).starts_with("UNSIGNED: this credential has no proof"));

  const auto& subject = json["credentialSubject"];
  EXPECT_EQ(subject["type"], nlohmann::json::array({"AchievementSubject"}));
  EXPECT_EQ(subject["identifier"][0]["type"], "IdentityObject");
  EXPECT_EQ(subject["identifier"][0]["identityHash"], "T001");
  EXPECT_EQ(subject["identifier"][0]["hashed"], false);
  const auto& achievement = subject["achievement"];
  EXPECT_EQ(achievement["id"], "https://training.example.cn/certificates/q2_test");
  EXPECT_EQ(achievement["type"], nlohmann::json::array({"Achievement"}));
  EXPECT_EQ(achievement["achievementType"], "License");
  EXPECT_EQ(achievement["criteria"]["narrative"], "Theory and practical at least 70 each.");
  EXPECT_EQ(achievement["name"], "Crane operator (Q2)");
  // Evidence: only the counted attempt, not the unverifiable one.
  ASSERT_EQ(json["evidence"].size(), 1u);
  EXPECT_EQ(json["evidence"][0]["id"], "https://training.example.cn/attempts/a1b2");
  EXPECT_EQ(json["evidence"][0]["type"], nlohmann::json::array({"Evidence"}));
}

TEST(BadgeCredential, ChineseTextAndStableIds) {
  auto rule = exportLicenceRule();
  CertificateExportOptions options; // zh-CN by default
  auto first = writeOpenBadgeCredential(rule, exportDecision(rule, "T001", 80.0, 75.0), options);
  auto again = writeOpenBadgeCredential(rule, exportDecision(rule, "T001", 80.0, 75.0), options);
  auto other = writeOpenBadgeCredential(rule, exportDecision(rule, "T002", 80.0, 75.0), options);
  ASSERT_TRUE(first && again && other);
  EXPECT_EQ(*first, *again);
  auto a = nlohmann::json::parse(*first);
  auto b = nlohmann::json::parse(*other);
  EXPECT_NE(a["id"], b["id"]);
  EXPECT_EQ(a["credentialSubject"]["achievement"]["criteria"]["narrative"],
            "理论与实操均不低于70分。");
  EXPECT_EQ(a["credentialSubject"]["achievement"]["inLanguage"], "zh-CN");
  EXPECT_TRUE(std::string(a["description"]).starts_with("未签名（UNSIGNED）"));
}

TEST(BadgeCredential, NoCredentialForADecisionNotAwarded) {
  auto rule = exportLicenceRule();
  auto decision = exportDecision(rule, "T001", 80.0, 69.0);
  auto text = writeOpenBadgeCredential(rule, decision, {});
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().message, "no credential for a decision that is not awarded: an Open "
                                  "Badges credential states an achievement");
  decision = exportDecision(rule, "T001", 80.0, 80.0);
  decision.certificateId = "other";
  text = writeOpenBadgeCredential(rule, decision, {});
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().message, "the decision is for certificate 'other', not 'q2_test'");
}

} // namespace
} // namespace skillsim::certify
