// The certificate decision table against both backends: SQLite on a temporary file, PostgreSQL on
// the server named by SKILLSIM_TEST_PG_URL (scripts/test.sh starts one; without it the PostgreSQL
// half is skipped, saying so), in a database of its own created and dropped here.

#include "CertificateExportFixture.h"
#include "MissingPrerequisite.h"

#include <skillsim/certify/CertificateDecisionStore.h>
#include <skillsim/records/ResultsStore.h>
#include <skillsim/records/SqlConnection.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <random>

namespace skillsim::certify {
namespace {

class CertificateDecisionStoreTest : public ::testing::TestWithParam<std::string> {
protected:
  void SetUp() override {
    if (GetParam() == "postgresql") {
      const char* url = std::getenv("SKILLSIM_TEST_PG_URL");
      if (url == nullptr || url[0] == '\0') {
        SKILLSIM_MISSING_PREREQUISITE()
            << "SKILLSIM_TEST_PG_URL is not set, so the PostgreSQL half is skipped; "
               "scripts/test.sh starts a server and sets it";
      }
      mServerUrl = url;
      mDatabase = "skillsim_cert_" + std::to_string(std::random_device{}());
      admin("CREATE DATABASE " + mDatabase);
      const auto hostStart = mServerUrl.find("://") + 3;
      const auto slash = mServerUrl.find('/', hostStart);
      const auto query = mServerUrl.find('?', hostStart);
      mLocation = mServerUrl.substr(0, std::min(slash, query)) + "/" + mDatabase +
                  (query == std::string::npos ? "" : mServerUrl.substr(query));
    } else {
      mDir = std::filesystem::path(SKILLSIM_TEST_OUTPUT_DIR) / "records" /
             ("decisions-" + std::to_string(std::random_device{}()));
      std::filesystem::create_directories(mDir);
      mLocation = (mDir / "results.sqlite").string();
    }
  }

  void TearDown() override {
    if (!mDatabase.empty()) {
      admin("DROP DATABASE IF EXISTS " + mDatabase + " WITH (FORCE)");
    }
    if (!mDir.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(mDir, ec);
    }
  }

  void admin(const std::string& sql) {
    auto c = records::openSqlConnection(mServerUrl);
    ASSERT_TRUE(c) << c.error().toString();
    auto r = (*c)->execute(sql);
    EXPECT_TRUE(r) << sql << ": " << r.error().toString();
  }

  std::string mServerUrl;
  std::string mDatabase;
  std::filesystem::path mDir;
  std::string mLocation;
};

TEST_P(CertificateDecisionStoreTest, RecordsReplacesAndReadsBack) {
  // The results store and the decision table share one database without touching each other.
  auto results = records::ResultsStore::open(mLocation);
  ASSERT_TRUE(results) << results.error().toString();
  auto store = CertificateDecisionStore::open(mLocation);
  ASSERT_TRUE(store) << store.error().toString();
  auto rule = testing::exportLicenceRule();

  auto failed = testing::exportDecision(rule, "T001", 80.0, 60.0);
  auto id = (*store)->record(failed);
  ASSERT_TRUE(id) << id.error().toString();
  auto awarded = testing::exportDecision(rule, "T001", 80.0, 75.5);
  auto again = (*store)->record(awarded); // same certificate, trainee and day: replaces
  ASSERT_TRUE(again) << again.error().toString();
  EXPECT_EQ(*id, *again);
  auto later = awarded;
  later.decidedOn = CertificateDate{2027, 1, 5};
  later.validUntil = later.decidedOn.plusYears(4);
  ASSERT_TRUE((*store)->record(later));
  ASSERT_TRUE((*store)->record(testing::exportDecision(rule, "T002", 10.0, 10.0)));

  auto read = (*store)->decisions("T001");
  ASSERT_TRUE(read) << read.error().toString();
  ASSERT_EQ(read->size(), 2u);
  const StoredCertificateDecision& d = (*read)[0];
  EXPECT_EQ(d.decisionId, *id);
  EXPECT_EQ(d.certificateId, "q2_test");
  EXPECT_EQ(d.traineeId, "T001");
  EXPECT_EQ(d.decidedOn, "2026-11-29");
  EXPECT_EQ(d.outcome, "awarded");
  ASSERT_TRUE(d.weightedPercent.has_value());
  EXPECT_DOUBLE_EQ(*d.weightedPercent, 77.75);
  EXPECT_EQ(d.validUntil, "2030-11-29");
  EXPECT_EQ(d.countedAttempts, std::vector<std::string>{"a1b2"});
  EXPECT_EQ(d.reasons, awarded.reasons);
  EXPECT_EQ((*read)[1].decidedOn, "2027-01-05");

  auto other = (*store)->decisions("T002");
  ASSERT_TRUE(other);
  ASSERT_EQ(other->size(), 1u);
  EXPECT_EQ((*other)[0].outcome, "not awarded");
  EXPECT_EQ((*other)[0].validUntil, "");

  // The results store still opens at its own schema version: the decision table is apart.
  auto reopened = records::ResultsStore::open(mLocation);
  ASSERT_TRUE(reopened) << reopened.error().toString();
  EXPECT_EQ(*(*reopened)->schemaVersion(), records::kStoreSchemaVersion);
}

TEST_P(CertificateDecisionStoreTest, NewerTableSchemaIsRefused) {
  {
    auto store = CertificateDecisionStore::open(mLocation);
    ASSERT_TRUE(store) << store.error().toString();
  }
  {
    auto db = records::openSqlConnection(mLocation);
    ASSERT_TRUE(db) << db.error().toString();
    ASSERT_TRUE((*db)->execute("INSERT INTO certificate_decisions_schema (version) VALUES (7)"));
  }
  auto store = CertificateDecisionStore::open(mLocation);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, core::ErrorCode::Unsupported);
  EXPECT_EQ(store.error().message, "the certificate_decisions table is at schema version 7; this "
                                   "build knows up to 1");
}

INSTANTIATE_TEST_SUITE_P(Backends, CertificateDecisionStoreTest,
                         ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

TEST(CertificateDecisionStore, UnreachableStoreIsUnavailable) {
  auto store = CertificateDecisionStore::open("/proc/no-such-dir/results.sqlite");
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, core::ErrorCode::Unavailable);
}

} // namespace
} // namespace skillsim::certify
