#include <skillsim/course/JobCard.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>

namespace skillsim::course {
namespace {

std::filesystem::path keyDir(const std::string& name) {
  std::filesystem::path dir = std::filesystem::path(SKILLSIM_TEST_OUTPUT_DIR) / "jobcard" / name;
  std::filesystem::create_directories(dir.parent_path());
  return dir;
}

records::WorkstationKey mentorKey(const std::string& name) {
  auto key = records::WorkstationKey::loadOrCreate(keyDir(name), kMentorKeyFileName);
  EXPECT_TRUE(key) << key.error().toString();
  return std::move(*key);
}

JobCard card() {
  JobCard c;
  c.course = "q2_operator";
  c.learningTask = "workshop_part_lift";
  c.trainee = "T2026-017";
  c.company = "华东重工机械有限公司";
  c.workshop = "二号装配车间";
  c.machine = "QD 5 t, No. 3";
  c.date = "2026-11-20";
  c.mentorName = "王建国";
  c.mentorId = "M-0042";
  c.items = {{"pre_use_check", true, 4}, {"signals", true, 5}, {"smooth_lift", false, 3}};
  c.remarks = "稳，\"跟钩\"及时";
  return c;
}

Course course() {
  Course c;
  c.id = "q2_operator";
  LearningTask t;
  t.id = "workshop_part_lift";
  c.learningTasks = {t};
  c.assessment.mentorRubric = {
      {"pre_use_check", {}, 5}, {"signals", {}, 5}, {"smooth_lift", {}, 5}};
  return c;
}

JobCardFile signedCard(const records::WorkstationKey& key) {
  JobCardFile f{card(), std::nullopt};
  f.signature = signJobCard(f.card, key, 1'795'000'000);
  return f;
}

TEST(JobCard, SignedCardVerifiesAndNamesTheSigner) {
  records::WorkstationKey key = mentorKey("wang");
  JobCardFile f = signedCard(key);
  JobCardVerification v = verifyJobCard(f);
  EXPECT_EQ(v.status, JobCardStatus::Signed);
  EXPECT_TRUE(v.counts());
  ASSERT_TRUE(v.signer);
  EXPECT_EQ(*v.signer, key.publicKey());
  EXPECT_EQ(verifyJobCard(f, {key.publicKey()}).status, JobCardStatus::Signed);
  // Ticked items count: (4 + 5) of 15; the unticked one counts 0 whatever its rating.
  ASSERT_TRUE(mentorPercent(f, v, course()));
  EXPECT_DOUBLE_EQ(*mentorPercent(f, v, course()), 60.0);
}

TEST(JobCard, FileRoundTripKeepsTheSignatureValid) {
  records::WorkstationKey key = mentorKey("wang");
  JobCardFile f = signedCard(key);
  std::string text = jobCardToToml(f);
  auto back = parseJobCard(text, "card.toml");
  ASSERT_TRUE(back) << back.error().toString();
  EXPECT_EQ(*back, f);
  EXPECT_EQ(verifyJobCard(*back).status, JobCardStatus::Signed);
}

TEST(JobCard, UnsignedCardNeverCounts) {
  JobCardFile f{card(), std::nullopt};
  JobCardVerification v = verifyJobCard(f);
  EXPECT_EQ(v.status, JobCardStatus::Unsigned);
  EXPECT_FALSE(v.counts());
  EXPECT_FALSE(v.signer);
  EXPECT_FALSE(mentorPercent(f, v, course()));
  auto back = parseJobCard(jobCardToToml(f), "card.toml");
  ASSERT_TRUE(back) << back.error().toString();
  EXPECT_FALSE(back->signature);
}

TEST(JobCard, ChangingAnyFieldAfterSigningShowsTheCardAltered) {
  records::WorkstationKey key = mentorKey("wang");
  const JobCardFile original = signedCard(key);
  const std::vector<std::pair<const char*, std::function<void(JobCardFile&)>>> changes = {
      {"course", [](JobCardFile& f) { f.card.course = "q2_operatorx"; }},
      {"learning_task", [](JobCardFile& f) { f.card.learningTask = "single_lift"; }},
      {"trainee", [](JobCardFile& f) { f.card.trainee = "T2026-018"; }},
      {"company", [](JobCardFile& f) { f.card.company += "。"; }},
      {"workshop", [](JobCardFile& f) { f.card.workshop = "一号装配车间"; }},
      {"machine", [](JobCardFile& f) { f.card.machine = "QD 5 t, No. 4"; }},
      {"date", [](JobCardFile& f) { f.card.date = "2026-11-21"; }},
      {"mentor_name", [](JobCardFile& f) { f.card.mentorName = "王建"; }},
      {"mentor_id", [](JobCardFile& f) { f.card.mentorId = "M-0043"; }},
      {"item ticked", [](JobCardFile& f) { f.card.items[2].ticked = true; }},
      {"item rating", [](JobCardFile& f) { f.card.items[0].rating = 5; }},
      {"item id", [](JobCardFile& f) { f.card.items[1].id = "signal"; }},
      {"item removed", [](JobCardFile& f) { f.card.items.pop_back(); }},
      {"items swapped", [](JobCardFile& f) { std::swap(f.card.items[0], f.card.items[1]); }},
      {"remarks", [](JobCardFile& f) { f.card.remarks.clear(); }},
      {"signed_utc", [](JobCardFile& f) { f.signature->signedUtc += 1; }},
      {"signature byte", [](JobCardFile& f) { f.signature->signature[10] ^= 1; }},
      // Moving text between two fields keeps their concatenation: the length prefixes tell.
      {"boundary",
       [](JobCardFile& f) {
         f.card.company = "华东重工机械有限公司二号";
         f.card.workshop = "装配车间";
       }},
  };
  for (const auto& [name, change] : changes) {
    JobCardFile f = original;
    change(f);
    JobCardVerification v = verifyJobCard(f);
    EXPECT_EQ(v.status, JobCardStatus::Altered) << name;
    EXPECT_FALSE(v.counts()) << name;
    EXPECT_FALSE(mentorPercent(f, v, course())) << name;
  }
}

TEST(JobCard, EditingTheFileTextShowsTheCardAltered) {
  records::WorkstationKey key = mentorKey("wang");
  std::string text = jobCardToToml(signedCard(key));
  const std::string from = "rating = 4";
  text.replace(text.find(from), from.size(), "rating = 5");
  auto edited = parseJobCard(text, "card.toml");
  ASSERT_TRUE(edited) << edited.error().toString();
  EXPECT_EQ(verifyJobCard(*edited).status, JobCardStatus::Altered);
}

TEST(JobCard, AnotherKeyIsRefused) {
  records::WorkstationKey wang = mentorKey("wang");
  records::WorkstationKey li = mentorKey("li");
  ASSERT_NE(wang.publicKey(), li.publicKey());
  JobCardFile f = signedCard(wang);
  // Signed by Wang, only Li's key trusted: a valid signature, but it does not count.
  EXPECT_EQ(verifyJobCard(f, {li.publicKey()}).status, JobCardStatus::UntrustedKey);
  EXPECT_FALSE(verifyJobCard(f, {li.publicKey()}).counts());
  // Wang's signature presented as Li's: the signature does not match Li's key.
  f.signature->publicKey = li.publicKey();
  EXPECT_EQ(verifyJobCard(f).status, JobCardStatus::Altered);
}

TEST(JobCard, TruncatedFileIsRefusedOrNeverCounts) {
  records::WorkstationKey key = mentorKey("wang");
  const std::string text = jobCardToToml(signedCard(key));
  int refused = 0;
  for (std::size_t length = 0; length < text.size() - 1; ++length) {
    auto parsed = parseJobCard(text.substr(0, length), "card.toml");
    if (!parsed) {
      ++refused;
      EXPECT_EQ(parsed.error().location.file, "card.toml");
      EXPECT_EQ(parsed.error().code, core::ErrorCode::InvalidInput);
      continue;
    }
    // What still parses (cut right before [signature] or inside the remarks' neighbours) is
    // unsigned or altered: never a counting card.
    EXPECT_FALSE(verifyJobCard(*parsed).counts()) << "cut at " << length;
  }
  EXPECT_GT(refused, 0);
  // Cut inside the signature's hex digits: named at its field.
  const std::size_t at = text.find("signature = \"") + 20;
  auto cut = parseJobCard(text.substr(0, at) + "\"\n", "card.toml");
  ASSERT_FALSE(cut);
  EXPECT_EQ(cut.error().location.fieldPath, "signature.signature");
  EXPECT_NE(cut.error().message.find("128 hex digits"), std::string::npos);
}

TEST(JobCard, BadFieldsAreNamedWithTheirPlace) {
  records::WorkstationKey key = mentorKey("wang");
  const std::string text = jobCardToToml(signedCard(key));
  struct Bad {
    const char* from;
    const char* to;
    const char* field;
    const char* message;
  };
  const Bad bads[] = {
      {"date = \"2026-11-20\"", "date = \"2026-02-30\"", "date", "not a day YYYY-MM-DD"},
      {"mentor_id = \"M-0042\"", "mentor_id = \"\"", "mentor_id", "must not be empty"},
      {"rating = 4", "rating = 11", "items[0].rating", "[0, 10]"},
      {"id = \"signals\"", "id = \"pre_use_check\"", "items[1].id", "listed twice"},
      {"remarks = ", "remarkz = \"\"\nremarks = ", "remarkz", "unknown key"},
      {"format = \"skillsim.jobcard/1\"", "format = \"skillsim.course/1\"", "format",
       "expected format = \"skillsim.jobcard/1\""},
      {"public_key = \"", "public_key = \"zz", "signature.public_key", "64 hex digits"},
  };
  for (const Bad& bad : bads) {
    std::string t = text;
    const std::size_t pos = t.find(bad.from);
    t.replace(pos, std::string(bad.from).size(), bad.to);
    auto parsed = parseJobCard(t, "card.toml");
    ASSERT_FALSE(parsed) << bad.to;
    EXPECT_EQ(parsed.error().location.fieldPath, bad.field) << parsed.error().toString();
    EXPECT_NE(parsed.error().message.find(bad.message), std::string::npos)
        << parsed.error().toString();
    const auto line = static_cast<std::uint32_t>(
        1 + std::count(t.begin(), t.begin() + static_cast<std::ptrdiff_t>(pos), '\n'));
    EXPECT_EQ(parsed.error().location.line, line) << parsed.error().toString();
  }
}

TEST(JobCard, MustFitTheCourse) {
  JobCard c = card();
  EXPECT_TRUE(checkJobCardAgainstCourse(c, course(), "card.toml"));
  c.items[1].rating = 6;
  auto high = checkJobCardAgainstCourse(c, course(), "card.toml");
  ASSERT_FALSE(high);
  EXPECT_EQ(high.error().location.fieldPath, "items[1].rating");
  c = card();
  c.learningTask = "nope";
  EXPECT_EQ(checkJobCardAgainstCourse(c, course(), "card.toml").error().location.fieldPath,
            "learning_task");
  c = card();
  c.items.pop_back();
  EXPECT_EQ(checkJobCardAgainstCourse(c, course(), "card.toml").error().location.fieldPath,
            "items");
  // A validly signed card for another learning task set does not count either.
  records::WorkstationKey key = mentorKey("wang");
  JobCardFile f{c, std::nullopt};
  f.signature = signJobCard(f.card, key, 1);
  EXPECT_EQ(verifyJobCard(f).status, JobCardStatus::Signed);
  EXPECT_FALSE(mentorPercent(f, verifyJobCard(f), course()));
}

TEST(JobCard, MissingFileIsNotFound) {
  auto missing = loadJobCard("/nonexistent/card.toml");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, core::ErrorCode::NotFound);
}

} // namespace
} // namespace skillsim::course
