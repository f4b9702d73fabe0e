#include "RecordsTestSupport.h"

#include <skillsim/records/TraceReader.h>
#include <skillsim/records/TraceVerifier.h>
#include <skillsim/records/WorkstationKey.h>
#include <skillsim/sim/machines/overhead_crane/OverheadCraneSpec.h>

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <cstdio>

namespace skillsim::records {
namespace {

using test::sampleHeader;
using test::sampleInput;
using test::TempDir;

/**
 * A stand-in for the simulation and assessor: a pure function of the scenario version and the
 * inputs, like the real thing. One point off per second with the hoist above 0.5; version "2.0"
 * (a revised rubric) takes two points instead.
 */
assessment::AttemptResult fakeScore(const ScenarioEntry& scenario,
                                    const std::vector<core::ActionState>& actions,
                                    std::uint32_t tickRate) {
  assessment::AttemptResult r;
  r.scenarioId = scenario.id;
  r.standardId = "cn-q2";
  const double perSecond = scenario.version == "2.0"   ? 2.0
                           : scenario.version == "1.5" ? 1.0 / 3.0
                                                       : 1.0;
  double lost = 0.0;
  for (std::size_t t = 0; t < actions.size(); ++t) {
    if (actions[t].axis(skillsim::sim::crane_controls::kHoist) > 0.5f && t % tickRate == 0) {
      lost += perSecond;
      r.deductions.push_back(
          {"path",
           "high_hoist",
           perSecond,
           t,
           static_cast<double>(t) / tickRate,
           {0.0, 1.0, 0.0},
           static_cast<double>(actions[t].axis(skillsim::sim::crane_controls::kHoist)),
           assessment::Finding{
               .kind = assessment::FindingKind::ForbiddenAction,
               .control = "hoist",
               .value = static_cast<double>(actions[t].axis(skillsim::sim::crane_controls::kHoist)),
               .side = assessment::LimitSide::Above,
               .limit = 0.5}});
    }
  }
  r.items = {{"path", "Q2 2", assessment::Category::Quality, 100.0, 100.0 - lost}};
  r.totalPoints = 100.0 - lost;
  r.maxPoints = 100.0;
  r.passMark = 70.0;
  r.passed = r.totalPoints >= r.passMark;
  r.completed = true;
  r.endTick = actions.size();
  r.duration = static_cast<double>(actions.size()) / tickRate;
  return r;
}

class TraceVerifierTest : public ::testing::Test {
protected:
  TempDir mDir{"verify"};
  WorkstationKey mKey = *WorkstationKey::loadOrCreate(mDir / "config");
  ScenarioEntry mScenario{"crane/q2_bucket_path",    "1.0",    core::hashBytes("scenario bytes v1"),
                          "scenarios/crane/q2.toml", "起重机", "Crane"};
  ScenarioEntry mRevised{
      "crane/q2_bucket_path",       "2.0",    core::hashBytes("scenario bytes v2"),
      "scenarios/crane/q2-v2.toml", "起重机", "Crane"};
  std::atomic<int> mCalls{0};

  Resimulator fake() {
    return [this](const ScenarioEntry& s,
                  const Trace& t) -> core::Expected<assessment::AttemptResult> {
      ++mCalls;
      return fakeScore(s, t.actions.toVector(), t.header.tickRate);
    };
  }

  ScenarioIndex index() {
    ScenarioIndex i;
    i.origin = "scenarios/";
    i.add(mScenario);
    return i;
  }

  /** Records `ticks` ticks scored by the fake; `header` defaults to sampleHeader(). */
  std::filesystem::path record(const std::string& name, std::uint64_t ticks,
                               TraceHeader header = sampleHeader(), bool finish = true) {
    const auto path = mDir / name;
    auto writer = TraceWriter::create(path, header, mKey);
    std::vector<core::ActionState> actions;
    for (std::uint64_t t = 0; t < ticks; ++t) {
      actions.push_back(sampleInput(t + name.size()));
      EXPECT_TRUE(writer->append(actions.back()));
    }
    if (finish) {
      EXPECT_TRUE(writer->finish(fakeScore(mScenario, actions, header.tickRate)));
    }
    return path;
  }
};

TEST_F(TraceVerifierTest, IntactTraceMatchesItsReSimulation) {
  const auto path = record("ok.sktrace", 600);
  TraceVerifier verifier(index(), fake());
  const VerifyOutcome out = verifier.verify(path);
  EXPECT_EQ(out.status, VerifyStatus::Match) << out.line();
  EXPECT_TRUE(out.ok());
  ASSERT_TRUE(out.recorded && out.resimulated);
  EXPECT_EQ(*out.recorded, *out.resimulated);
  EXPECT_EQ(out.line().rfind("OK " + path.string() + ": t-0042 crane/q2_bucket_path 1.0 exam: ", 0),
            0u)
      << out.line();
  EXPECT_NE(out.line().find("re-simulated bit-exact"), std::string::npos);
  EXPECT_NE(out.line().find("signed by " + keyId(mKey.publicKey())), std::string::npos);
}

// The success line is read by people: a score of 100 − n/3 is shown to one decimal there, not as
// the 17 digits that tell two doubles apart (a mismatch keeps those, where they matter).
TEST_F(TraceVerifierTest, TheSuccessLineShowsTheScoreToOneDecimal) {
  mScenario.version = "1.5";
  const auto path = record("thirds.sktrace", 600);
  TraceVerifier verifier(index(), fake());
  const VerifyOutcome out = verifier.verify(path);
  ASSERT_EQ(out.status, VerifyStatus::Match) << out.line();
  ASSERT_TRUE(out.recorded);
  const double total = out.recorded->totalPoints;
  ASSERT_NE(total, std::round(total)) << "the sample input must lose a third of a point";
  char shown[32];
  std::snprintf(shown, sizeof shown, "%.1f", total);
  EXPECT_NE(out.line().find(std::string(": ") + shown + "/100 passed, signed by"),
            std::string::npos)
      << out.line();
  EXPECT_EQ(out.line().find(std::to_string(total).substr(0, 8)), std::string::npos)
      << "more digits than one decimal: " << out.line();
}

// Issue 13 point 5: a trace signed before findings (a format 1 result: reason texts, hashed by the
// v1 rule) still verifies when its re-simulation agrees in every score, tick, time and position;
// the texts are taken as recorded. One that re-simulates differently is still a mismatch.
TEST_F(TraceVerifierTest, AFormatOneTraceVerifiesByItsScoresKeepingItsRecordedTexts) {
  const auto path = mDir / "old.sktrace";
  const TraceHeader header = sampleHeader();
  auto writer = TraceWriter::create(path, header, mKey);
  ASSERT_TRUE(writer);
  std::vector<core::ActionState> actions;
  for (std::uint64_t t = 0; t < 600; ++t) {
    actions.push_back(sampleInput(t + 13));
    ASSERT_TRUE(writer->append(actions.back()));
  }
  assessment::AttemptResult old = fakeScore(mScenario, actions, header.tickRate);
  ASSERT_FALSE(old.deductions.empty());
  old.format = 1;
  for (auto& d : old.deductions) {
    d.finding = {};
    d.legacyReason = "hoist control 0.9 above 0.5 (occurrence 1)";
  }
  ASSERT_TRUE(writer->finish(old));
  auto read = TraceReader::read(path);
  ASSERT_TRUE(read) << read.error().toString();
  ASSERT_TRUE(read->result);
  EXPECT_EQ(read->result->format, 1u);
  EXPECT_EQ(read->result->deductions[0].legacyReason, "hoist control 0.9 above 0.5 (occurrence 1)");
  EXPECT_EQ(read->resultHash, resultHash(old)); // the v1 hash, over the texts

  TraceVerifier verifier(index(), fake()); // re-simulates with findings (format 2)
  const VerifyOutcome out = verifier.verify(path);
  EXPECT_EQ(out.status, VerifyStatus::Match) << out.line();
  EXPECT_NE(out.line().find("a format 1 result: its reason texts are kept as recorded"),
            std::string::npos)
      << out.line();

  Resimulator drifted = [](const ScenarioEntry& s, const Trace& t) {
    assessment::AttemptResult r = fakeScore(s, t.actions.toVector(), t.header.tickRate);
    r.deductions.at(0).measured += 0.01;
    return core::Expected<assessment::AttemptResult>(r);
  };
  const VerifyOutcome bad = TraceVerifier(index(), drifted).verify(path);
  EXPECT_EQ(bad.status, VerifyStatus::Mismatch) << bad.line();
}

TEST_F(TraceVerifierTest, DifferentReSimulationIsAMismatchSayingWhere) {
  const auto path = record("drift.sktrace", 600);
  // The "physics" now decides the first deduction one tick later.
  Resimulator drifted = [](const ScenarioEntry& s, const Trace& t) {
    assessment::AttemptResult r = fakeScore(s, t.actions.toVector(), t.header.tickRate);
    r.deductions.at(0).tick += 1;
    return core::Expected<assessment::AttemptResult>(r);
  };
  const VerifyOutcome out = TraceVerifier(index(), drifted).verify(path);
  EXPECT_EQ(out.status, VerifyStatus::Mismatch) << out.line();
  EXPECT_EQ(out.line().rfind("MISMATCH ", 0), 0u);
  const auto recorded = TraceReader::read(path)->result->deductions.at(0);
  EXPECT_NE(out.message.find("deduction 1: recorded high_hoist on path −1 at tick " +
                             std::to_string(recorded.tick) + " (measured " +
                             std::to_string(static_cast<int>(recorded.measured)) +
                             "), re-simulated "
                             "high_hoist on path −1 at tick " +
                             std::to_string(recorded.tick + 1)),
            std::string::npos)
      << out.message;
}

TEST(TraceVerifierDifference, NamesWhereTheFirstResultCameFrom) {
  assessment::AttemptResult a;
  a.totalPoints = 95.0;
  a.maxPoints = 100.0;
  a.passed = true;
  a.endTick = 100;
  assessment::AttemptResult b = a;
  EXPECT_EQ(TraceVerifier::describeDifference(a, b), "");
  b.totalPoints = 92.5;
  b.endTick = 120;
  EXPECT_EQ(TraceVerifier::describeDifference(a, b),
            "score 95/100 passed recorded, 92.5/100 passed re-simulated; ended at tick 100 "
            "recorded, 120 re-simulated");
  EXPECT_EQ(TraceVerifier::describeDifference(a, b, "stored"),
            "score 95/100 passed stored, 92.5/100 passed re-simulated; ended at tick 100 stored, "
            "120 re-simulated");
}

TEST_F(TraceVerifierTest, MissingScenarioIsNamed) {
  const auto path = record("lost.sktrace", 60);
  const VerifyOutcome none = TraceVerifier(ScenarioIndex{}, fake()).verify(path);
  EXPECT_EQ(none.status, VerifyStatus::ScenarioMissing);
  EXPECT_NE(none.message.find("scenario crane/q2_bucket_path version 1.0 (hash " +
                              core::toHex(mScenario.hash).substr(0, 16)),
            std::string::npos)
      << none.message;
  EXPECT_NE(none.message.find("no scenario with that id"), std::string::npos);

  ScenarioIndex onlyRevised;
  onlyRevised.origin = "scenarios/";
  onlyRevised.add(mRevised);
  const VerifyOutcome other = TraceVerifier(onlyRevised, fake()).verify(path);
  EXPECT_EQ(other.status, VerifyStatus::ScenarioMissing);
  EXPECT_NE(other.message.find("is not in scenarios/: found crane/q2_bucket_path version 2.0"),
            std::string::npos)
      << other.message;
  EXPECT_NE(other.message.find("a different scenario version"), std::string::npos);
  EXPECT_EQ(mCalls, 0);
}

TEST_F(TraceVerifierTest, OtherEngineBuildIsRefusedUnlessAllowed) {
  TraceHeader header = sampleHeader();
  header.buildId = "0123abcd GNU-11.0.0 Debug";
  const auto path = record("old.sktrace", 60, header);
  const VerifyOutcome refused = TraceVerifier(index(), fake()).verify(path);
  EXPECT_EQ(refused.status, VerifyStatus::OtherBuild);
  EXPECT_NE(refused.message.find("build '0123abcd GNU-11.0.0 Debug', this is engine"),
            std::string::npos)
      << refused.message;
  EXPECT_EQ(mCalls, 0);
  const VerifyOutcome allowed =
      TraceVerifier(index(), fake(), {.allowOtherBuild = true}).verify(path);
  EXPECT_EQ(allowed.status, VerifyStatus::Match) << allowed.line();
  EXPECT_NE(allowed.message.find("(recorded by engine"), std::string::npos);

  TraceHeader version = sampleHeader();
  version.engineVersion = "0.0.9";
  const VerifyOutcome older =
      TraceVerifier(index(), fake()).verify(record("v.sktrace", 6, version));
  EXPECT_EQ(older.status, VerifyStatus::OtherBuild);
  EXPECT_NE(older.message.find("recorded by engine 0.0.9"), std::string::npos) << older.message;
}

TEST_F(TraceVerifierTest, IncompleteAlteredAndUntrustedTracesFail) {
  const auto cut = record("cut.sktrace", 150, sampleHeader(), /*finish=*/false);
  const VerifyOutcome incomplete = TraceVerifier(index(), fake()).verify(cut);
  EXPECT_EQ(incomplete.status, VerifyStatus::Incomplete);
  EXPECT_NE(incomplete.message.find("incomplete attempt"), std::string::npos);

  const auto good = record("good.sktrace", 150);
  std::string bytes = test::readFile(good);
  bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x10);
  const auto altered = mDir / "altered.sktrace";
  test::writeFile(altered, bytes);
  const VerifyOutcome bad = TraceVerifier(index(), fake()).verify(altered);
  EXPECT_EQ(bad.status, VerifyStatus::Invalid);
  EXPECT_NE(bad.message.find("the file was altered"), std::string::npos) << bad.message;

  const VerifyOutcome missing = TraceVerifier(index(), fake()).verify(mDir / "none.sktrace");
  EXPECT_EQ(missing.status, VerifyStatus::Invalid);
  EXPECT_EQ(missing.message, "no such trace file");

  PublicKey stranger{};
  stranger[0] = 1;
  const VerifyOutcome untrusted =
      TraceVerifier(index(), fake(), {.trustedKeys = {stranger}}).verify(good);
  EXPECT_EQ(untrusted.status, VerifyStatus::Invalid);
  EXPECT_NE(untrusted.message.find("not among the trusted keys"), std::string::npos);
  const VerifyOutcome trusted =
      TraceVerifier(index(), fake(), {.trustedKeys = {stranger, mKey.publicKey()}}).verify(good);
  EXPECT_EQ(trusted.status, VerifyStatus::Match) << trusted.line();
}

TEST_F(TraceVerifierTest, ReSimulationErrorsAndExceptionsBecomeOutcomes) {
  const auto path = record("boom.sktrace", 60);
  Resimulator faulty = [](const ScenarioEntry&,
                          const Trace&) -> core::Expected<assessment::AttemptResult> {
    return core::makeError(core::ErrorCode::PhysicsFault, "non-finite hook velocity",
                           core::SourceLocation{.tick = 17});
  };
  const VerifyOutcome out = TraceVerifier(index(), faulty).verify(path);
  EXPECT_EQ(out.status, VerifyStatus::Failed);
  EXPECT_NE(out.message.find("re-simulation failed: tick 17: non-finite hook velocity"),
            std::string::npos)
      << out.message;
  Resimulator throwing = [](const ScenarioEntry&,
                            const Trace&) -> core::Expected<assessment::AttemptResult> {
    throw std::runtime_error("bad_alloc in a test");
  };
  EXPECT_EQ(TraceVerifier(index(), throwing).verify(path).status, VerifyStatus::Failed);
}

TEST_F(TraceVerifierTest, ManyTracesInParallelKeepInputOrder) {
  std::vector<std::filesystem::path> paths;
  for (int i = 0; i < 12; ++i) {
    paths.push_back(record("t" + std::string(static_cast<std::size_t>(i), 'x') + ".sktrace",
                           120 + 10 * static_cast<std::uint64_t>(i), sampleHeader(),
                           /*finish=*/i != 5));
  }
  std::vector<std::size_t> seen;
  const auto outcomes =
      TraceVerifier(index(), fake()).verifyAll(paths, 4, [&](std::size_t done, std::size_t total) {
        EXPECT_EQ(total, 12u);
        seen.push_back(done);
      });
  ASSERT_EQ(outcomes.size(), 12u);
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    EXPECT_EQ(outcomes[i].trace, paths[i]);
    EXPECT_EQ(outcomes[i].status, i == 5 ? VerifyStatus::Incomplete : VerifyStatus::Match)
        << outcomes[i].line();
  }
  ASSERT_EQ(seen.size(), 12u);
  EXPECT_EQ(seen.back(), 12u);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
}

TEST_F(TraceVerifierTest, RescoreShowsOldAndNewScores) {
  const auto path = record("rescore.sktrace", 600);
  TraceVerifier verifier(index(), fake());
  const RescoreOutcome out = verifier.rescore(path, mRevised);
  ASSERT_TRUE(out.ok) << out.message;
  ASSERT_TRUE(out.recorded && out.rescored);
  const double lost = 100.0 - out.recorded->totalPoints;
  EXPECT_GT(lost, 0.0);
  EXPECT_DOUBLE_EQ(100.0 - out.rescored->totalPoints, 2.0 * lost); // the revised rubric's rule
  EXPECT_EQ(out.traineeId, "t-0042");

  ScenarioEntry forklift = mRevised;
  forklift.id = "forklift/n1";
  const RescoreOutcome wrong = verifier.rescore(path, forklift);
  EXPECT_FALSE(wrong.ok);
  EXPECT_NE(wrong.message.find("recorded on scenario crane/q2_bucket_path, not forklift/n1"),
            std::string::npos);
  const auto cut = record("cut2.sktrace", 30, sampleHeader(), false);
  EXPECT_FALSE(verifier.rescore(cut, mRevised).ok);
  const auto all = verifier.rescoreAll(std::vector{path, cut}, mRevised, 2);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_TRUE(all[0].ok);
  EXPECT_FALSE(all[1].ok);
}

} // namespace
} // namespace skillsim::records
