#include "CertifyCommandTestSupport.h"

#include <skillsim/certify/CertificateDecisionStore.h>

#include <nlohmann/json.hpp>

namespace skillsim::app {
namespace {

using test::makeStore;
using test::q2Attempt;
using test::run;

std::vector<std::string> certifyArgs(const test::ScratchDir& dir, const std::string& trainee) {
  return {"certify",
          "--trainee",
          trainee,
          "--certificate",
          "q2_overhead_crane_licence",
          "--db",
          dir.file("results.sqlite"),
          "--certificates",
          test::kCertificates,
          "--theory-scores",
          dir.file("theory.csv"),
          "--date",
          "2026-11-29",
          "--lang",
          "en"};
}

TEST(CertifyCommand, ExactlyTheMinimumIsAwardedAndRecorded) {
  test::ScratchDir dir("certify-boundary");
  makeStore(dir.file("results.sqlite"),
            {q2Attempt("a1", "T001", 90.0, 10), q2Attempt("a2", "T001", 70.0, 20)});
  test::writeText(dir.file("theory.csv"), "trainee_id,score\nT001,70\nT002,99\n");
  auto r = run(certifyArgs(dir, "T001"));
  EXPECT_EQ(r.code, kExitOk) << r.out << r.err;
  EXPECT_NE(r.out.find("attempt a2 (overhead_crane.q2_practical, 2026-11-20T08:00:00Z, 70.00%): "
                       "counted for overhead_crane.q2_practical: the latest verified attempt"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("superseded: the latest verified attempt is a2"), std::string::npos);
  EXPECT_NE(r.out.find("part theory (weight 0.50): 70.00% from theory score 70.00 of 100.00 ("),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("decision: awarded (q2_overhead_crane_licence)"), std::string::npos);
  EXPECT_NE(r.out.find("valid from 2026-11-29 until 2030-11-29"), std::string::npos);

  auto decisions = certify::CertificateDecisionStore::open(dir.file("results.sqlite"));
  ASSERT_TRUE(decisions) << decisions.error().toString();
  auto stored = (*decisions)->decisions("T001");
  ASSERT_TRUE(stored) << stored.error().toString();
  ASSERT_EQ(stored->size(), 1u);
  EXPECT_EQ((*stored)[0].outcome, "awarded");
  EXPECT_EQ((*stored)[0].validUntil, "2030-11-29");
  EXPECT_EQ((*stored)[0].countedAttempts, std::vector<std::string>{"a2"});

  // Deciding again the same day replaces the decision rather than adding one.
  r = run(certifyArgs(dir, "T001"));
  EXPECT_EQ(r.code, kExitOk);
  EXPECT_EQ((*decisions)->decisions("T001")->size(), 1u);
}

TEST(CertifyCommand, OnePartFailedIsNotAwarded) {
  test::ScratchDir dir("certify-fail");
  makeStore(dir.file("results.sqlite"), {q2Attempt("b1", "T001", 69.5, 12)});
  test::writeText(dir.file("theory.csv"), "trainee_id,score\nT001,95\n");
  auto r = run(certifyArgs(dir, "T001"));
  EXPECT_EQ(r.code, kExitFailure) << r.out << r.err;
  EXPECT_NE(r.out.find("69.50% from attempt b1, 69.50 of 100.00 < minimum 70.00%: not met"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("decision: not awarded (q2_overhead_crane_licence): not met: part "
                       "overhead_crane.q2_practical"),
            std::string::npos)
      << r.out;
}

TEST(CertifyCommand, UnverifiableTraceIsExcluded) {
  test::ScratchDir dir("certify-unverified");
  makeStore(dir.file("results.sqlite"),
            {q2Attempt("c1", "T001", 72.0, 5), q2Attempt("c2", "T001", 98.0, 25, false)});
  test::writeText(dir.file("theory.csv"), "trainee_id,score\nT001,80\n");
  auto r = run(certifyArgs(dir, "T001"));
  EXPECT_EQ(r.code, kExitOk) << r.out << r.err;
  EXPECT_NE(r.out.find("attempt c2 (overhead_crane.q2_practical, 2026-11-25T08:00:00Z, 98.00%): "
                       "excluded: trace does not verify (stand-in check: attempt c2 refused)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("72.00% from attempt c1"), std::string::npos) << r.out;
}

TEST(CertifyCommand, NoTheoryScoreAndCredentialExports) {
  test::ScratchDir dir("certify-exports");
  makeStore(dir.file("results.sqlite"), {q2Attempt("d1", "T002", 88.0, 3)});
  test::writeText(dir.file("theory.csv"), "trainee_id,score\nT002,81\n");
  auto args = certifyArgs(dir, "T002");
  args.insert(args.end(), {"--badge-json", dir.file("badge.json"), "--badge", dir.file("badge.jwt"),
                           "--issuer-key-dir", dir.file("keys"), "--xapi", dir.file("xapi.json")});
  auto r = run(args);
  ASSERT_EQ(r.code, kExitOk) << r.out << r.err;
  auto badge = nlohmann::json::parse(test::readText(dir.file("badge.json")));
  EXPECT_EQ(badge["type"][1], "OpenBadgeCredential");
  EXPECT_EQ(badge["validUntil"], "2030-11-29T00:00:00Z");
  EXPECT_FALSE(badge.contains("proof"));
  // The signed credential verifies offline with `badge verify`, against the issuer key printed.
  const std::size_t keyAt = r.out.find("issuer key did:key:z6Mk");
  ASSERT_NE(keyAt, std::string::npos) << r.out;
  const std::string did = r.out.substr(keyAt + 11, r.out.find('\n', keyAt) - keyAt - 11);
  auto verified =
      run({"badge", "verify", dir.file("badge.jwt"), "--issuer", did, "--at", "2026-12-01"});
  EXPECT_EQ(verified.code, kExitOk) << verified.out << verified.err;
  EXPECT_NE(verified.out.find("valid credential 'Special-equipment operator licence: overhead and "
                              "gantry crane operator "
                              "(Q2)' for trainee T002"),
            std::string::npos)
      << verified.out;
  auto expired = run({"badge", "verify", dir.file("badge.jwt"), "--at", "2031-01-01"});
  EXPECT_EQ(expired.code, kExitFailure);
  EXPECT_NE(expired.err.find("badge.jwt: expired on 2030-11-29"), std::string::npos) << expired.err;
  auto xapi = nlohmann::json::parse(test::readText(dir.file("xapi.json")));
  ASSERT_EQ(xapi.size(), 3u);
  EXPECT_EQ(xapi[2]["verb"]["id"], "http://adlnet.gov/expapi/verbs/passed");

  // Without the theory CSV the theory part has nothing to count.
  r = run({"certify", "--trainee", "T002", "--certificate", "q2_overhead_crane_licence", "--db",
           dir.file("results.sqlite"), "--certificates", test::kCertificates, "--date",
           "2026-11-30", "--badge", dir.file("badge2.json"), "--issuer-key-dir", dir.file("keys"),
           "--lang", "en"});
  EXPECT_EQ(r.code, kExitFailure);
  EXPECT_NE(r.out.find("part theory (weight 0.50): no theory score on record: not met"),
            std::string::npos)
      << r.out;
  // In zh-CN every reason line is Chinese; only ids, dates and numbers stay as they are.
  auto zh = run({"certify", "--trainee", "T002", "--certificate", "q2_overhead_crane_licence",
                 "--db", dir.file("results.sqlite"), "--certificates", test::kCertificates,
                 "--date", "2026-11-30", "--no-record", "--lang", "zh-CN"});
  EXPECT_EQ(zh.code, kExitFailure);
  for (const char* line :
       {"学员 T002（Li <Si> & \"Wu\"），库中 1 次考试记录，理论成绩未提供",
        "  考试 d1（overhead_crane.q2_practical，2026-11-03T08:00:00Z，88.00%）：计入 "
        "overhead_crane.q2_practical：已验证的最近一次考试",
        "  理论部分（权重 0.50）：没有理论成绩记录：未达到",
        "  实操部分 overhead_crane.q2_practical（权重 0.50）：88.00%，来自考试 d1，88.00 / 100.00，"
        "≥ 最低要求 70.00%：达到",
        "  加权总分：未计算，有部分没有成绩",
        "  决定：不授予（q2_overhead_crane_licence）：未达到：理论部分"}) {
    EXPECT_NE(zh.out.find(line), std::string::npos) << line << "\n" << zh.out;
  }
  for (const char* english : {"excluded", "counted", "part ", "weight", "not met",
                              "decision:", "trainee ", "re-verified"}) {
    EXPECT_EQ(zh.out.find(english), std::string::npos) << english << "\n" << zh.out;
  }
  EXPECT_NE(r.err.find("no credential written: no credential for a decision that is not awarded"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("badge2.json")));
}

TEST(CertifyCommand, BadInputsAreMessagesNotCrashes) {
  test::ScratchDir dir("certify-errors");
  makeStore(dir.file("results.sqlite"), {});
  test::writeText(dir.file("theory.csv"), "trainee_id,score\nT001,seventy\n");
  auto r = run(certifyArgs(dir, "T001"));
  EXPECT_EQ(r.code, kExitFailure);
  EXPECT_NE(r.err.find("theory.csv:2:6: score: expected a number from 0 to 100, found 'seventy'"),
            std::string::npos)
      << r.err;

  auto args = certifyArgs(dir, "T001");
  args[4] = "no_such_certificate";
  r = run(args);
  EXPECT_EQ(r.code, kExitFailure);
  EXPECT_NE(r.err.find("no certificate 'no_such_certificate'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("q2_overhead_crane_licence"), std::string::npos) << r.err;

  args = certifyArgs(dir, "T001");
  args[args.size() - 3] = "2026-02-30"; // the value of --date
  r = run(args);
  EXPECT_EQ(r.code, kExitUsage);
  EXPECT_NE(r.err.find("--date 2026-02-30: expected a date YYYY-MM-DD that exists"),
            std::string::npos);

  r = run({"certify", "--trainee", "T001"});
  EXPECT_EQ(r.code, kExitUsage);
  EXPECT_NE(r.err.find("--certificate"), std::string::npos) << r.err;
}

TEST(CertifyCommand, ALicenceNamingAMockExamAsItsPracticalIsRefused) {
  test::ScratchDir dir("certify-mock-exam");
  makeStore(dir.file("results.sqlite"), {});
  std::filesystem::create_directories(dir.file("certificates"));
  std::string rule = test::readText(test::kCertificates + "/q2_overhead_crane_licence.toml");
  const std::string from = "scenario = \"overhead_crane.q2_practical\"";
  const auto at = rule.find(from);
  ASSERT_NE(at, std::string::npos);
  rule.replace(at, from.size(), "scenario = \"forklift.n1_field_test\"");
  rule.replace(rule.find("id = \"q2_overhead_crane_licence\""),
               std::string("id = \"q2_overhead_crane_licence\"").size(), "id = \"n1_licence\"");
  test::writeText(dir.file("certificates/n1_licence.toml"), rule);
  // Where the rule names the scenario: line and column of its value.
  const std::size_t named = rule.find("scenario = \"forklift.n1_field_test\"");
  std::uint32_t line = 1;
  for (std::size_t i = 0; i < named; ++i) {
    line += rule[i] == '\n' ? 1u : 0u;
  }
  const std::size_t column = named - rule.rfind('\n', named) + std::string("scenario = ").size();
  const std::string scenarios = std::string(SKILLSIM_SOURCE_DIR) + "/scenarios";
  auto r = run({"certify", "--trainee", "T001", "--certificate", "n1_licence", "--db",
                dir.file("results.sqlite"), "--certificates", dir.file("certificates"),
                "--scenarios", scenarios, "--date", "2026-11-29", "--no-record"});
  EXPECT_EQ(r.code, kExitFailure);
  const std::string where = dir.file("certificates/n1_licence.toml") + ":" + std::to_string(line) +
                            ":" + std::to_string(column) +
                            ": parts[1].scenario: scenario 'forklift.n1_field_test' is a mock exam "
                            "(mock_exam = true at " +
                            scenarios + "/forklift/n1_field_test.toml:20:13)";
  EXPECT_NE(r.err.find(where), std::string::npos) << r.err;
  EXPECT_EQ(r.out.find("certificate n1_licence"), std::string::npos) << "no decision made";
}

} // namespace
} // namespace skillsim::app
