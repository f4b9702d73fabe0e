#include "CertificateExportFixture.h"

#include <skillsim/records/CertificateXapi.h>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <regex>

namespace skillsim::records {
namespace {

using testing::exportDecision;
using testing::exportLicenceRule;

/**
 * Structural checks of xAPI 1.0.3 statements (section 2.4), the ones a learning record store
 * rejects a statement for: id a UUID, actor with an account, verb IRI with a display map,
 * object Activity IRI, score ranges, ISO 8601 timestamp.
 */
void expectValidStatement(const nlohmann::json& s) {
  static const std::regex uuid(
      "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
  ASSERT_TRUE(s.is_object());
  EXPECT_TRUE(std::regex_match(std::string(s["id"]), uuid)) << s["id"];
  EXPECT_EQ(s["actor"]["objectType"], "Agent");
  EXPECT_TRUE(s["actor"]["account"]["homePage"].is_string());
  EXPECT_TRUE(s["actor"]["account"]["name"].is_string());
  EXPECT_TRUE(std::string(s["verb"]["id"]).starts_with("http://adlnet.gov/expapi/verbs/"));
  EXPECT_TRUE(s["verb"]["display"]["en-US"].is_string());
  EXPECT_TRUE(s["verb"]["display"]["zh-CN"].is_string());
  EXPECT_EQ(s["object"]["objectType"], "Activity");
  EXPECT_TRUE(std::regex_search(std::string(s["object"]["id"]), std::regex("^\\w+:")));
  if (s["result"].contains("score")) {
    const auto& score = s["result"]["score"];
    double scaled = score["scaled"];
    double raw = score["raw"];
    EXPECT_GE(scaled, 0.0);
    EXPECT_LE(scaled, 1.0);
    EXPECT_GE(raw, double(score["min"]));
    EXPECT_LE(raw, double(score["max"]));
  }
  EXPECT_TRUE(std::regex_match(std::string(s["timestamp"]),
                               std::regex("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$")));
  for (const auto& [key, value] : s["result"]["extensions"].items()) {
    EXPECT_TRUE(std::regex_search(key, std::regex("^\\w+:"))) << key;
  }
}

TEST(CertificateXapi, AwardedDecisionGivesPartAndDecisionStatements) {
  auto rule = exportLicenceRule();
  auto decision = exportDecision(rule, "T001", 80.0, 75.0);
  auto json = nlohmann::json::parse(writeCertificateXapiStatements(rule, decision, {}));
  ASSERT_EQ(json.size(), 3u); // theory, practical, decision
  for (const auto& s : json) {
    expectValidStatement(s);
  }
  EXPECT_EQ(json[0]["object"]["id"], "https://skillsim.invalid/certificates/q2_test/parts/theory");
  EXPECT_EQ(json[0]["verb"]["id"], "http://adlnet.gov/expapi/verbs/passed");
  EXPECT_DOUBLE_EQ(json[0]["result"]["score"]["scaled"], 0.8);
  EXPECT_EQ(json[1]["object"]["id"],
            "https://skillsim.invalid/certificates/q2_test/parts/q2_practical");
  EXPECT_EQ(json[1]["context"]["contextActivities"]["parent"][0]["id"],
            "https://skillsim.invalid/certificates/q2_test");
  const auto& d = json[2];
  EXPECT_EQ(d["verb"]["id"], "http://adlnet.gov/expapi/verbs/passed");
  EXPECT_EQ(d["result"]["success"], true);
  EXPECT_DOUBLE_EQ(d["result"]["score"]["raw"], 77.5);
  EXPECT_EQ(d["actor"]["account"]["name"], "T001");
  EXPECT_EQ(d["actor"]["name"], "张三 <Zhang> & \"San\"");
  EXPECT_EQ(d["timestamp"], "2026-11-29T00:00:00Z");
  const auto& ext = d["result"]["extensions"][kCertificateDecisionExtension];
  EXPECT_EQ(ext["outcome"], "awarded");
  EXPECT_EQ(ext["validUntil"], "2030-11-29");
  EXPECT_EQ(ext["parts"].size(), 2u);
  EXPECT_EQ(ext["reasons"].size(), decision.reasons.size());
  // Three distinct statement ids, stable across exports.
  EXPECT_NE(json[0]["id"], json[1]["id"]);
  EXPECT_NE(json[1]["id"], json[2]["id"]);
  EXPECT_EQ(writeCertificateXapiStatements(rule, decision, {}),
            writeCertificateXapiStatements(rule, decision, {}));
}

TEST(CertificateXapi, FailedPartAndDecisionUseTheFailedVerb) {
  auto rule = exportLicenceRule();
  auto decision = exportDecision(rule, "T001", 80.0, 69.0);
  auto json = nlohmann::json::parse(writeCertificateXapiStatements(rule, decision, {}));
  ASSERT_EQ(json.size(), 3u);
  EXPECT_EQ(json[1]["verb"]["id"], "http://adlnet.gov/expapi/verbs/failed");
  EXPECT_EQ(json[1]["result"]["success"], false);
  EXPECT_EQ(json[2]["verb"]["id"], "http://adlnet.gov/expapi/verbs/failed");
  EXPECT_EQ(json[2]["result"]["success"], false);
}

TEST(CertificateXapi, UnscoredPartHasNoStatementAndPanelPendingHasNoSuccess) {
  auto rule = exportLicenceRule();
  auto decision = exportDecision(rule, "T001", 80.0, 90.0);
  decision.parts[0].percent.reset();
  decision.outcome = assessment::CertificateOutcome::PendingPanelReview;
  decision.weightedPercent.reset();
  auto json = nlohmann::json::parse(writeCertificateXapiStatements(rule, decision, {}));
  ASSERT_EQ(json.size(), 2u);
  expectValidStatement(json[1]);
  EXPECT_EQ(json[1]["verb"]["id"], "http://adlnet.gov/expapi/verbs/completed");
  EXPECT_FALSE(json[1]["result"].contains("success"));
  EXPECT_FALSE(json[1]["result"].contains("score"));
}

} // namespace
} // namespace skillsim::records
