// The course records (schema 7) against both backends: SQLite on a temporary file, PostgreSQL on
// the server named by SKILLSIM_TEST_PG_URL (scripts/test.sh starts one; without it the PostgreSQL
// half is skipped, saying so), in a database of its own created and dropped here.

#include "MissingPrerequisite.h"
#include "RecordsTestSupport.h"

#include <skillsim/course/CourseRecordStore.h>
#include <skillsim/records/SqlConnection.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <random>

namespace skillsim::course {
namespace {

class CourseRecordStoreTest : public ::testing::TestWithParam<std::string> {
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
      mDatabase = "skillsim_course_" + std::to_string(std::random_device{}());
      admin("CREATE DATABASE " + mDatabase);
      mLocation = records::test::withDatabase(mServerUrl, mDatabase);
    } else {
      mDir = std::filesystem::path(SKILLSIM_TEST_OUTPUT_DIR) / "course" /
             ("store-" + std::to_string(std::random_device{}()));
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
    ASSERT_TRUE(r) << r.error().toString();
  }

  std::unique_ptr<CourseRecordStore> open() {
    auto store = CourseRecordStore::open(mLocation);
    EXPECT_TRUE(store) << store.error().toString();
    return store ? std::move(*store) : nullptr;
  }

  std::string mServerUrl;
  std::string mDatabase;
  std::filesystem::path mDir;
  std::string mLocation;
};

const TaskKey kTask{"T2026-017", "q2_operator", "single_lift"};

TEST_P(CourseRecordStoreTest, MigratesTodaysStoreKeepingItsAttempts) {
  {
    auto v5 = records::ResultsStore::open(mLocation, {.schemaVersion = 5});
    ASSERT_TRUE(v5) << v5.error().toString();
    ASSERT_TRUE((*v5)->recordAttempt(records::test::sampleRecord("a-1", "T2026-017")));
    EXPECT_EQ(*(*v5)->schemaVersion(), 5);
  }
  auto store = open();
  ASSERT_TRUE(store);
  auto results = records::ResultsStore::open(mLocation);
  ASSERT_TRUE(results);
  // Migrated to the newest schema (course records came with 7; later versions keep them).
  EXPECT_EQ(*(*results)->schemaVersion(), records::kStoreSchemaVersion);
  EXPECT_GE(records::kStoreSchemaVersion, 7);
  auto attempts = (*results)->attempts();
  ASSERT_TRUE(attempts);
  ASSERT_EQ(attempts->size(), 1u);
  EXPECT_EQ((*attempts)[0].attemptId, "a-1");
  // The trainee of the old attempt takes course records at once.
  ASSERT_TRUE(store->recordPlanApproval(kTask, "teacher-li", 1'795'000'000));
  auto read = store->records(kTask);
  ASSERT_TRUE(read) << read.error().toString();
  EXPECT_EQ(read->planApprovedBy, "teacher-li");
  EXPECT_EQ(read->planApprovedUtc, 1'795'000'000);
}

TEST_P(CourseRecordStoreTest, KeepsEveryKindOfRecordWithItsTimeStamps) {
  auto store = open();
  ASSERT_TRUE(store);
  Answer choice{"horn_first", {"b"}, std::nullopt, "", "", 100};
  Answer corrected{"horn_first", {"a"}, std::nullopt, "", "", 160};
  Answer number{"clearance", {}, 0.5, "m", "", 130};
  Answer text{"reflection", {}, std::nullopt, "", "跟钩稳钩，\n再落放", 170};
  for (const Answer& a : {choice, number, corrected, text}) {
    ASSERT_TRUE(store->recordAnswer(kTask, a));
  }
  ASSERT_TRUE(store->recordMark(kTask, {"reflection", "teacher-li", 2.0, 180}));
  ASSERT_TRUE(store->recordMark(kTask, {"reflection", "teacher-li", 3.5, 190})); // re-marked
  ASSERT_TRUE(store->recordRating(
      kTask,
      {RaterRole::Teacher, "teacher-li", {{"plan_quality", 4}, {"reflection_depth", 3}}, 200}));
  ASSERT_TRUE(
      store->recordSelfCheck(kTask, {{"a-7", "horn", 5.0, 210}, {"a-7", "setdown", 12.5, 210}}));
  ASSERT_TRUE(store->recordReflection(kTask, "下次先稳钩。", 220));
  // A second self-check is refused: the first one's score has been shown.
  auto secondCheck = store->recordSelfCheck(kTask, {{"a-7", "horn", 10.0, 215}});
  ASSERT_FALSE(secondCheck);
  EXPECT_NE(secondCheck.error().message.find("was given at 1970-01-01T00:03:30Z (attempt a-7)"),
            std::string::npos)
      << secondCheck.error().message;

  auto r = store->records(kTask);
  ASSERT_TRUE(r) << r.error().toString();
  EXPECT_EQ(r->answers, (std::vector<Answer>{choice, number, corrected, text}));
  ASSERT_EQ(r->marks.size(), 1u);
  EXPECT_DOUBLE_EQ(r->marks[0].points, 3.5);
  EXPECT_EQ(r->marks[0].markedUtc, 190);
  ASSERT_EQ(r->ratings.size(), 1u);
  EXPECT_EQ(r->ratings[0].role, RaterRole::Teacher);
  EXPECT_EQ(r->ratings[0].ratings,
            (std::vector<Rating>{{"plan_quality", 4}, {"reflection_depth", 3}}));
  ASSERT_EQ(r->selfChecks.size(), 2u);
  EXPECT_DOUBLE_EQ(r->selfChecks[1].selfPoints, 12.5);
  EXPECT_EQ(r->reflection, "下次先稳钩。");
  EXPECT_EQ(r->reflectionUtc, 220);
  EXPECT_FALSE(r->planApprovedBy);

  // A second, different reflection is refused; the first stays.
  auto again = store->recordReflection(kTask, "another", 230);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, core::ErrorCode::Integrity);
  EXPECT_TRUE(store->recordReflection(kTask, "下次先稳钩。", 240)); // the same text: harmless

  // Another task's records are apart.
  auto other = store->records({"T2026-017", "q2_operator", "q2_course"});
  ASSERT_TRUE(other);
  EXPECT_TRUE(other->answers.empty());
  EXPECT_FALSE(other->reflection);
}

TEST_P(CourseRecordStoreTest, KeepsJobCardsAsSignedAndRefusesOthers) {
  auto store = open();
  ASSERT_TRUE(store);
  TaskKey key{"T2026-017", "q2_operator", "workshop_part_lift"};
  JobCardFile f;
  f.card = {"q2_operator", "workshop_part_lift",   "T2026-017", "C", "W", "M", "2026-11-20", "N",
            "I",           {{"signals", true, 4}}, ""};
  const std::string unsignedText = jobCardToToml(f);
  auto first = store->recordJobCard(key, unsignedText, 300);
  ASSERT_TRUE(first) << first.error().toString();
  EXPECT_TRUE(*first);
  EXPECT_FALSE(*store->recordJobCard(key, unsignedText, 301)); // the same card again
  auto wrongTask =
      store->recordJobCard({"T2026-017", "q2_operator", "single_lift"}, unsignedText, 302);
  ASSERT_FALSE(wrongTask);
  EXPECT_EQ(wrongTask.error().code, core::ErrorCode::InvalidInput);
  auto truncated =
      store->recordJobCard(key, unsignedText.substr(0, unsignedText.find("company = ") + 12), 303);
  ASSERT_FALSE(truncated);
  EXPECT_NE(truncated.error().message.find("TOML syntax error"), std::string::npos)
      << truncated.error().toString();

  auto r = store->records(key);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->jobCards.size(), 1u);
  auto back = parseJobCard(r->jobCards[0], "stored");
  ASSERT_TRUE(back);
  EXPECT_EQ(verifyJobCard(*back).status, JobCardStatus::Unsigned); // kept, never counts
}

TEST_P(CourseRecordStoreTest, ClassProgressIsOneQuery) {
  auto store = open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(
      store->recordAnswer({"T1", "q2_operator", "single_lift"}, {"q", {"a"}, {}, "", "", 1}));
  ASSERT_TRUE(
      store->recordAnswer({"T1", "q2_operator", "single_lift"}, {"r", {"b"}, {}, "", "", 2}));
  ASSERT_TRUE(store->recordPlanApproval({"T1", "q2_operator", "single_lift"}, "teacher", 3));
  ASSERT_TRUE(store->recordReflection({"T2", "q2_operator", "q2_course"}, "ok", 4));
  ASSERT_TRUE(store->recordRating({"T2", "q2_operator", "q2_course"},
                                  {RaterRole::Teacher, "teacher", {{"plan_quality", 5}}, 5}));
  ASSERT_TRUE(store->recordAnswer({"T3", "other_course", "x"}, {"q", {"a"}, {}, "", "", 1}));
  auto rows = store->classProgress("q2_operator");
  ASSERT_TRUE(rows) << rows.error().toString();
  EXPECT_EQ(*rows, (std::vector<ClassProgressRow>{{"T1", "single_lift", 2, true, 0, false, 0, 0},
                                                  {"T2", "q2_course", 0, false, 0, true, 1, 0}}));
  EXPECT_FALSE(store->recordAnswer({"", "q2_operator", "t"}, {}));
}

INSTANTIATE_TEST_SUITE_P(Backends, CourseRecordStoreTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

} // namespace
} // namespace skillsim::course
