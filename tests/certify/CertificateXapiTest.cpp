#include "CertificateExportFixture.h"

#include <skillsim/certify/CertificateXapi.h>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <sstream>
#include <sys/wait.h>

namespace skillsim::certify {
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
  decision.outcome = CertificateOutcome::PendingPanelReview;
  decision.weightedPercent.reset();
  auto json = nlohmann::json::parse(writeCertificateXapiStatements(rule, decision, {}));
  ASSERT_EQ(json.size(), 2u);
  expectValidStatement(json[1]);
  EXPECT_EQ(json[1]["verb"]["id"], "http://adlnet.gov/expapi/verbs/completed");
  EXPECT_FALSE(json[1]["result"].contains("success"));
  EXPECT_FALSE(json[1]["result"].contains("score"));
}

/**
 * Runs tests/export/validate-xapi.js (Learning Locker's @learninglocker/xapi-validation, from
 * package.json, installed by scripts/setup.sh) on `statements`; returns exit code and output.
 */
std::pair<int, std::string> validateWithNode(const std::string& statements) {
  std::filesystem::path dir = std::filesystem::path(SKILLSIM_TEST_OUTPUT_DIR) / "records" /
                              ("cert-xapi-" + std::to_string(std::random_device{}()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "statements.json", std::ios::binary) << statements;
  const std::string command = "node '" SKILLSIM_SOURCE_DIR "/tests/export/validate-xapi.js' '" +
                              (dir / "statements.json").string() + "' > '" +
                              (dir / "validator.txt").string() + "' 2>&1";
  const int status = std::system(command.c_str());
  std::ifstream in(dir / "validator.txt");
  std::stringstream output;
  output << in.rdbuf();
  in.close();
  std::filesystem::remove_all(dir);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output.str()};
}

TEST(CertificateXapi, EveryStatementPassesLearningLockersValidatorWithoutWarnings) {
  auto rule = exportLicenceRule();
  nlohmann::json all = nlohmann::json::array();
  auto pending = exportDecision(rule, "T003", 80.0, 90.0);
  pending.outcome = CertificateOutcome::PendingPanelReview;
  for (const auto& decision : {exportDecision(rule, "T001", 80.0, 75.0),
                               exportDecision(rule, "T002", 100.0, 0.0), pending}) {
    for (const auto& s :
         nlohmann::json::parse(writeCertificateXapiStatements(rule, decision, {}))) {
      all.push_back(s);
    }
  }
  const auto [code, output] = validateWithNode(all.dump(2));
  ASSERT_NE(code, 127) << "node is not installed (Debian package nodejs; scripts/setup.sh)";
  ASSERT_NE(code, 2) << "the validator could not run; scripts/setup.sh installs it:\n" << output;
  EXPECT_EQ(code, 0) << output;
  EXPECT_NE(output.find("9 statements, 0 warnings"), std::string::npos) << output;
}

TEST(CertificateXapi, TheValidatorCatchesABadDecisionStatement) {
  auto rule = exportLicenceRule();
  auto json = nlohmann::json::parse(
      writeCertificateXapiStatements(rule, exportDecision(rule, "T001", 80.0, 75.0), {}));
  json[2]["result"]["score"]["scaled"] = 1.5; // scaled must lie in [-1, 1]
  const auto [code, output] = validateWithNode(json.dump());
  EXPECT_EQ(code, 1) << output;
  EXPECT_NE(output.find("statement 2 (http://adlnet.gov/expapi/verbs/passed)"), std::string::npos)
      << output;
}

} // namespace
} // namespace skillsim::certify
