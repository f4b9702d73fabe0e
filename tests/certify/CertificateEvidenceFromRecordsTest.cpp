#include <skillsim/certify/CertificateEvidenceFromRecords.h>

#include <gtest/gtest.h>

namespace skillsim::certify {
namespace {

records::AttemptRecord record() {
  records::AttemptRecord r;
  r.attemptId = "f00d";
  r.traineeId = "T001";
  r.traineeName = "张三";
  r.scenario = {"overhead_crane.q2_practical", std::string(64, 'a'), "Q2 实操", "Q2 practical",
                "1.0.0"};
  r.mode = records::AttemptMode::Exam;
  r.startUtc = 1795939200; // 2026-11-29T08:00:00Z
  r.result.items = {{"path", "2", assessment::Category::Procedure, 50.0, 44.0}};
  r.result.deductions = {{"path",
                          "swing",
                          6.0,
                          100,
                          12.0,
                          {1.0, 2.0, 3.0},
                          0.1,
                          assessment::Finding{.kind = assessment::FindingKind::MetricBand,
                                              .metric = "load_swing_angle",
                                              .unit = "rad",
                                              .value = 0.1,
                                              .side = assessment::LimitSide::Above,
                                              .limit = 0.05}}};
  r.result.vetoes = {{"hazard",
                      "drop",
                      200,
                      20.0,
                      {0.0, 0.0, 0.0},
                      assessment::Finding{.kind = assessment::FindingKind::Veto,
                                          .subject = "load",
                                          .event = "load_dropped"}}};
  r.result.totalPoints = 44.0;
  r.result.maxPoints = 50.0;
  r.result.duration = 60.0;
  r.signatureValid = false;
  return r;
}

TEST(CertificateEvidenceFromRecords, AttemptCarriesModeVetoAndSignature) {
  auto a = certificateAttemptFromRecord(record());
  EXPECT_EQ(a.attemptId, "f00d");
  EXPECT_EQ(a.scenarioId, "overhead_crane.q2_practical");
  EXPECT_DOUBLE_EQ(a.score, 44.0);
  EXPECT_DOUBLE_EQ(a.maxScore, 50.0);
  EXPECT_TRUE(a.vetoed);
  EXPECT_TRUE(a.exam);
  EXPECT_FALSE(a.verified);
  EXPECT_EQ(a.verificationNote,
            "the trace's signature did not verify when the attempt was recorded");
  EXPECT_EQ(a.startedAt, "2026-11-29T08:00:00Z");
  records::AttemptRecord practice = record();
  practice.mode = records::AttemptMode::Practice;
  practice.signatureValid = true;
  auto p = certificateAttemptFromRecord(practice);
  EXPECT_FALSE(p.exam);
  EXPECT_TRUE(p.verified);
  EXPECT_EQ(p.verificationNote, "");
}

} // namespace
} // namespace skillsim::certify
