// Issue 16, point 5 of the brief (the 1+X elementary certificate): `skillsim certify` decides the
// 1+X industrial robot application programming certificate (初级) from a theory score and the
// palletising practical, scored as the committed competent reference trace re-simulates (its
// result, 100 of 100, stands in for a trainee's exam attempt: the trace itself is scripted, so it
// can never count; the stand-in verifier of CertifyCommandTestSupport.h admits the record).
// Rule: assets/certificates/industrial_robot_1x_elementary.toml: theory weight 0.3, practical 0.7,
// each part and the weighted total at least 60.
#include "CertifyCommandTestSupport.h"

#include <skillsim/app/AttemptReplay.h>
#include <skillsim/records/TraceReader.h>
#include <skillsim/scenario/ScenarioLoader.h>

namespace skillsim::app {
namespace {

const std::string kRobotDir = std::string(SKILLSIM_SOURCE_DIR) + "/scenarios/industrial_robot/";

/** The competent reference trace's re-simulated result. */
assessment::AttemptResult competentResult() {
  auto scenario = scenario::loadScenario(kRobotDir + "handling_palletising.toml");
  EXPECT_TRUE(scenario) << scenario.error().toString();
  auto trace = records::TraceReader::read(kRobotDir + "traces/palletising-competent.sktrace");
  EXPECT_TRUE(trace) << trace.error().toString();
  if (!scenario || !trace) {
    return {};
  }
  auto result = replayAttempt(*scenario, trace->actions);
  EXPECT_TRUE(result) << result.error().toString();
  return result ? *result : assessment::AttemptResult{};
}

/** An exam attempt at the palletising practical with `result`, on 20 November 2026. */
records::AttemptRecord palletisingAttempt(const assessment::AttemptResult& result) {
  records::AttemptRecord a;
  a.attemptId = "r1";
  a.traineeId = "T001";
  a.traineeName = "张三";
  a.scenario = {"industrial_robot.palletising", std::string(64, 'c'),
                "工业机器人搬运码垛（1+X 初级实操）",
                "Industrial robot palletising (1+X elementary practical)", "1.0.0"};
  a.mode = records::AttemptMode::Exam;
  a.startUtc = 1793491200 + 19 * 86400 + 8 * 3600; // 2026-11-20T08:00:00Z
  a.result = result;
  a.traceHash = std::string(64, 'd');
  a.signatureValid = true;
  a.engineVersion = "0.1.0";
  return a;
}

test::CliRun certify(const test::ScratchDir& dir, const std::string& theory) {
  test::writeText(dir.file("theory.csv"), "trainee_id,score\nT001," + theory + "\n");
  return test::run({"certify", "--trainee", "T001", "--certificate",
                    "industrial_robot_1x_elementary", "--db", dir.file("results.sqlite"),
                    "--certificates", test::kCertificates, "--theory-scores",
                    dir.file("theory.csv"), "--date", "2026-11-29", "--lang", "en"});
}

TEST(RobotCertify, TheCompetentPracticalAndATheoryOf70AwardTheElementaryCertificate) {
  const assessment::AttemptResult practical = competentResult();
  ASSERT_DOUBLE_EQ(practical.totalPoints, 100.0);
  test::ScratchDir dir("certify-robot");
  test::makeStore(dir.file("results.sqlite"), {palletisingAttempt(practical)});
  const auto r = certify(dir, "70");
  EXPECT_EQ(r.code, kExitOk) << r.out << r.err;
  EXPECT_NE(r.out.find("part theory (weight 0.30): 70.00% from theory score 70.00 of 100.00"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("part industrial_robot.palletising (weight 0.70): 100.00% from attempt r1"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("weighted total: 0.30 x 70.00 + 0.70 x 100.00 = 91.00% >= overall minimum "
                       "60.00%: met"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("decision: awarded (industrial_robot_1x_elementary, level 初级)"),
            std::string::npos)
      << r.out;
}

TEST(RobotCertify, ATheoryScoreUnderItsMinimumOf60IsNotAwardedWhateverThePractical) {
  test::ScratchDir dir("certify-robot-theory");
  test::makeStore(dir.file("results.sqlite"), {palletisingAttempt(competentResult())});
  // Weighted 0.3 x 55 + 0.7 x 100 = 86.5 passes the total, but the theory part is under 60.
  const auto r = certify(dir, "55");
  EXPECT_EQ(r.code, kExitFailure) << r.out << r.err;
  EXPECT_NE(r.out.find("55.00% from theory score 55.00 of 100.00"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("< minimum 60.00%: not met"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("= 86.50% >= overall minimum 60.00%: met"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("decision: not awarded (industrial_robot_1x_elementary, level 初级): not "
                       "met: part theory"),
            std::string::npos)
      << r.out;
}

} // namespace
} // namespace skillsim::app
