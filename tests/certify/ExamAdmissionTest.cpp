// Issue 13, point 13 ("a bot can earn a licence"): an exam attempt counts only when its verified
// trace was signed by a registered, unrevoked exam station, belongs to an invigilated session of
// the store (begun inside its window) and was driven by a person. Each refusal has its own
// reason; the times are hand-picked around the boundaries.

#include <skillsim/certify/CertificateEvaluator.h>
#include <skillsim/certify/CertificateRuleLoader.h>
#include <skillsim/certify/ExamAdmission.h>

#include <gtest/gtest.h>

#include <vector>

namespace skillsim::certify {
namespace {

using records::ExamSession;
using records::ExamStation;

records::PublicKey keyOf(std::uint8_t fill) {
  records::PublicKey k{};
  k.fill(fill);
  return k;
}

// 2026-11-20T08:00:00Z and round numbers of seconds around it.
constexpr std::int64_t kT0 = 1795161600;

const std::vector<ExamStation> kStations = {
    {1, "bay 1", keyOf(0x11), "R-1", kT0 - 86400, "", std::nullopt},
    {2, "bay 2", keyOf(0x22), "R-1", kT0 - 86400, "R-2", kT0 - 60}, // revoked a minute before
    {3, "bay 3", keyOf(0x33), "R-1", kT0 + 600, "", std::nullopt},  // registered only later
};
const std::vector<ExamSession> kSessions = {
    {"ES-0001", "INV-7", kT0 - 1800, kT0 + 3600},
    {"ES-0002", "INV-8", kT0 - 7200, std::nullopt},
};

/** A person's exam attempt at bay 1 in ES-0001, begun at kT0. */
records::TraceHeader countable() {
  records::TraceHeader h;
  h.traineeId = "T-0042";
  h.mode = records::AttemptMode::Exam;
  h.startUtc = kT0;
  h.publicKey = keyOf(0x11);
  h.examSession = {"ES-0001", "INV-7", kT0 - 1800};
  return h;
}

ExamRefusal refusalOf(const records::TraceHeader& h) {
  return admitExamAttempt(h, kStations, kSessions).refusal;
}

TEST(ExamAdmission, ARegisteredStationInAnOpenedSessionCounts) {
  const ExamAdmission a = admitExamAttempt(countable(), kStations, kSessions);
  EXPECT_TRUE(a.counts());
  EXPECT_EQ(a.stationId, 1);
  EXPECT_EQ(examAdmissionText(a, "en"),
            "counts: taken at exam station 1 'bay 1' in exam session ES-0001 (invigilator INV-7)");
  EXPECT_EQ(examAdmissionText(a, "zh-CN"),
            "计入：考试工位 1 'bay 1'，考试场次 ES-0001（监考 INV-7）");
  // A session still open counts attempts begun any time after its opening.
  records::TraceHeader open = countable();
  open.examSession = {"ES-0002", "INV-8", kT0 - 7200};
  open.startUtc = kT0 + 86400;
  EXPECT_EQ(refusalOf(open), ExamRefusal::None);
}

TEST(ExamAdmission, EachRefusalHasItsOwnReason) {
  records::TraceHeader practice = countable();
  practice.mode = records::AttemptMode::Practice;
  records::TraceHeader scripted = countable();
  scripted.scripted = true;
  records::TraceHeader unregistered = countable();
  unregistered.publicKey = keyOf(0x99);
  records::TraceHeader revoked = countable();
  revoked.publicKey = keyOf(0x22);
  records::TraceHeader later = countable();
  later.publicKey = keyOf(0x33);
  records::TraceHeader noSession = countable();
  noSession.examSession = {};
  records::TraceHeader unknown = countable();
  unknown.examSession = {"ES-ffff", "INV-7", kT0 - 1800};
  records::TraceHeader mismatch = countable();
  mismatch.examSession.invigilatorId = "INV-9"; // not who opened ES-0001
  records::TraceHeader early = countable();
  early.startUtc = kT0 - 1801; // a second before the session opened
  records::TraceHeader late = countable();
  late.startUtc = kT0 + 3601; // a second after it closed

  struct Case {
    const records::TraceHeader* header;
    ExamRefusal refusal;
    const char* en;
  };
  const std::vector<Case> cases = {
      {&practice, ExamRefusal::PracticeMode,
       "not counted: a practice attempt; only exam attempts count"},
      {&scripted, ExamRefusal::Scripted,
       "not counted: driven by the scripted operator (skillsim operate), not by the trainee"},
      {&unregistered, ExamRefusal::UnregisteredKey,
       "not counted: signed by key 9999999999999999, which is no registered exam station of "
       "this store"},
      {&revoked, ExamRefusal::RevokedKey,
       "not counted: exam station 2 'bay 2' was revoked by R-2 at 2026-11-20T07:59:00Z, before "
       "the attempt began at 2026-11-20T08:00:00Z"},
      {&later, ExamRefusal::UnregisteredKey,
       "not counted: signing key 3333333333333333 was registered as exam station 3 'bay 3' only "
       "at 2026-11-20T08:10:00Z, after the attempt began at 2026-11-20T08:00:00Z"},
      {&noSession, ExamRefusal::NoSession,
       "not counted: it belongs to no invigilated exam session"},
      {&unknown, ExamRefusal::UnknownSession,
       "not counted: exam session ES-ffff is not in this store"},
      {&mismatch, ExamRefusal::SessionMismatch,
       "not counted: the trace's exam session ES-0001 (invigilator INV-9) differs from the one "
       "this store opened"},
      {&early, ExamRefusal::OutsideSessionWindow,
       "not counted: begun at 2026-11-20T07:29:59Z, outside exam session ES-0001 (open "
       "2026-11-20T07:30:00Z to 2026-11-20T09:00:00Z)"},
      {&late, ExamRefusal::OutsideSessionWindow,
       "not counted: begun at 2026-11-20T09:00:01Z, outside exam session ES-0001 (open "
       "2026-11-20T07:30:00Z to 2026-11-20T09:00:00Z)"},
  };
  for (const Case& c : cases) {
    const ExamAdmission a = admitExamAttempt(*c.header, kStations, kSessions);
    EXPECT_EQ(a.refusal, c.refusal) << toString(c.refusal) << " got " << toString(a.refusal);
    EXPECT_FALSE(a.counts());
    EXPECT_EQ(examAdmissionText(a, "en"), c.en);
  }
  EXPECT_EQ(examAdmissionText(admitExamAttempt(scripted, kStations, kSessions), "zh-CN"),
            "不计入：由程序自动操作（skillsim operate），不是学员本人操作");
  EXPECT_EQ(examAdmissionText(admitExamAttempt(revoked, kStations, kSessions), "zh-CN"),
            "不计入：考试工位 2 'bay 2' 已于 2026-11-20T07:59:00Z 被 R-2 撤销，考试开始于 "
            "2026-11-20T08:00:00Z");
  // The window's ends are inside: opened at, and closed at, both count.
  early.startUtc = kT0 - 1800;
  late.startUtc = kT0 + 3600;
  EXPECT_EQ(refusalOf(early), ExamRefusal::None);
  EXPECT_EQ(refusalOf(late), ExamRefusal::None);
  // Default: never checked, never counts.
  EXPECT_EQ(ExamAdmission{}.refusal, ExamRefusal::NotChecked);
  EXPECT_FALSE(ExamAdmission{}.counts());
}

TEST(ExamAdmission, RevocationCountsFromItsTimeAndAReRegistrationFromItsOwn) {
  // Bay 2 was revoked at kT0 - 60: an attempt begun before that still counts (the station was in
  // service), one begun at the revocation second does not.
  records::TraceHeader before = countable();
  before.publicKey = keyOf(0x22);
  before.startUtc = kT0 - 61;
  EXPECT_EQ(refusalOf(before), ExamRefusal::None);
  before.startUtc = kT0 - 60;
  EXPECT_EQ(refusalOf(before), ExamRefusal::RevokedKey);
  // The same key registered again at kT0 + 300 counts again from then on.
  std::vector<ExamStation> again = kStations;
  again.push_back({4, "bay 2 (rebuilt)", keyOf(0x22), "R-3", kT0 + 300, "", std::nullopt});
  before.startUtc = kT0;
  EXPECT_EQ(admitExamAttempt(before, again, kSessions).refusal, ExamRefusal::RevokedKey);
  before.startUtc = kT0 + 300;
  const ExamAdmission a = admitExamAttempt(before, again, kSessions);
  EXPECT_EQ(a.refusal, ExamRefusal::None);
  EXPECT_EQ(a.stationId, 4);
}

TEST(ExamAdmission, TheDecisionExcludesARefusedAttemptWithItsReason) {
  auto rule = parseCertificateRule(R"(format_version = 1
id = "q2_test"
kind = "special_equipment_licence"
level_system = "none"
validity_years = 4
title = { zh = "Q2", en = "Q2" }
awarding_body = { zh = "机构", en = "Body" }
criteria = { zh = "各70分", en = "70 each" }
[[parts]]
kind = "theory"
weight = 0.5
minimum = 70
title = { zh = "理论", en = "Theory" }
[[parts]]
kind = "practical"
scenario = "q2"
weight = 0.5
minimum = 70
title = { zh = "实操", en = "Practical" }
)",
                                   "q2_test.toml");
  ASSERT_TRUE(rule) << rule.error().toString();
  CertificateEvidence e;
  e.traineeId = "T-0042";
  e.decisionDate = CertificateDate{2026, 11, 29};
  e.theory = CertificateTheoryScore{80.0, 100.0, "2026-11-01", "theory.csv:2"};
  CertificateAttempt bot;
  bot.attemptId = "bot";
  bot.scenarioId = "q2";
  bot.score = 83.88;
  bot.maxScore = 100.0;
  bot.passed = true;
  bot.verified = true;
  bot.exam = true;
  bot.startedAt = "2026-11-20T08:00:00Z";
  records::TraceHeader scripted = countable();
  scripted.scripted = true;
  bot.admission = admitExamAttempt(scripted, kStations, kSessions);
  e.attempts = {bot};
  const CertificateDecision refused = evaluateCertificate(*rule, e);
  EXPECT_EQ(refused.outcome, CertificateOutcome::NotAwarded);
  bool named = false;
  for (const std::string& reason : refused.reasons) {
    named = named || reason.find("excluded: driven by the scripted operator (skillsim operate), "
                                 "not by the trainee") != std::string::npos;
  }
  EXPECT_TRUE(named);
  // The same attempt by a person at bay 1 in ES-0001 counts and is awarded.
  e.attempts[0].admission = admitExamAttempt(countable(), kStations, kSessions);
  EXPECT_EQ(evaluateCertificate(*rule, e).outcome, CertificateOutcome::Awarded);
}

} // namespace
} // namespace skillsim::certify
