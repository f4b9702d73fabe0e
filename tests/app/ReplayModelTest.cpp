// ReplayModel (issue 17, point 2): a seek through keyframes gives the state a straight run has at
// the same tick, and the timeline marks are the straight run's deductions and phases.
#include "ReferenceTraceSupport.h"

#include <skillsim/app/ReplayModel.h>

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <thread>

namespace skillsim::app {
namespace {

const std::string kScenario =
    std::string(SKILLSIM_SOURCE_DIR) + "/scenarios/overhead_crane/q2_practical.toml";
const std::string kCareless =
    std::string(SKILLSIM_SOURCE_DIR) + "/scenarios/overhead_crane/traces/q2-careless.sktrace";

/** stateHash() after each of `ticks`, from one straight replayAttempt (independent of the model).
 */
std::map<std::uint64_t, core::Digest> straightHashes(const scenario::Scenario& s,
                                                     const core::ActionTrack& track,
                                                     const std::vector<std::uint64_t>& ticks) {
  std::map<std::uint64_t, core::Digest> out;
  auto result = replayAttempt(
      s, track, [&](std::uint64_t index, const sim::Simulation& sim, const assessment::Assessor&) {
        if (std::find(ticks.begin(), ticks.end(), index + 1) != ticks.end()) {
          out[index + 1] = sim.stateHash();
        }
      });
  EXPECT_TRUE(result);
  return out;
}

TEST(ReplayModel, SeekThroughKeyframesThenStepIsBitIdenticalToAStraightRun) {
  const auto& s = test::committedScenario(kScenario);
  auto replayed = test::replayCommitted(s, kCareless);
  auto model = ReplayModel::create(s, replayed.trace.actions, {.keyframeInterval = 1000});
  ASSERT_TRUE(model) << model.error().toString();
  ReplayModel& m = **model;
  ASSERT_GT(m.length(), 5000U);
  EXPECT_EQ(m.result(), replayed.result); // the straight run is what verify gives

  const std::vector<std::uint64_t> ticks = {1, 1500, 2500, 2501, 2510, 4200, m.length()};
  const auto expected = straightHashes(s, replayed.trace.actions, ticks);
  ASSERT_EQ(expected.size(), ticks.size());

  EXPECT_EQ(m.buildKeyframes(5000, 2), 5U); // positions 1000..5000
  EXPECT_EQ(m.keyframesReady(), 5U);

  EXPECT_EQ(m.seek(4200), 200U); // from the keyframe at 4000
  EXPECT_EQ(m.stateHash(), expected.at(4200));
  EXPECT_EQ(m.keyframesReady(), 4U); // that keyframe is used up

  EXPECT_EQ(m.seek(2500), 500U); // backwards: from the keyframe at 2000
  EXPECT_EQ(m.stateHash(), expected.at(2500));
  EXPECT_EQ(m.step(), 1U);
  EXPECT_EQ(m.stateHash(), expected.at(2501));
  EXPECT_EQ(m.step(9), 9U);
  EXPECT_EQ(m.stateHash(), expected.at(2510));

  EXPECT_EQ(m.seek(1500), 500U); // from the keyframe at 1000
  EXPECT_EQ(m.stateHash(), expected.at(1500));

  EXPECT_EQ(m.buildKeyframes(5000, 2), 3U); // the three used up are rebuilt
  EXPECT_EQ(m.seek(4200), 200U);
  EXPECT_EQ(m.stateHash(), expected.at(4200));

  EXPECT_EQ(m.seek(1), 1U); // before the first keyframe: from a fresh start
  EXPECT_EQ(m.stateHash(), expected.at(1));

  EXPECT_EQ(m.seek(m.length() + 100), m.length() - 5000); // clamped to the end, from 5000
  EXPECT_EQ(m.position(), m.length());
  EXPECT_EQ(m.stateHash(), expected.at(m.length()));
  EXPECT_EQ(m.step(), 0U);
}

TEST(ReplayModel, MarksAreTheStraightRunsDeductionsAndPhases) {
  const auto& s = test::committedScenario(kScenario);
  auto replayed = test::replayCommitted(s, kCareless);
  auto model = ReplayModel::create(s, replayed.trace.actions);
  ASSERT_TRUE(model) << model.error().toString();
  const auto& marks = (*model)->marks();
  ASSERT_FALSE(replayed.result.deductions.empty());

  std::size_t deductions = 0;
  std::size_t phaseStarts = 0;
  for (std::size_t i = 0; i < marks.size(); ++i) {
    if (i > 0) {
      EXPECT_LE(marks[i - 1].tick, marks[i].tick) << "marks out of tick order at " << i;
    }
    if (marks[i].kind == TimelineMarkKind::Deduction) {
      ASSERT_LT(deductions, replayed.result.deductions.size());
      const auto& d = replayed.result.deductions[deductions++];
      EXPECT_EQ(marks[i].tick, d.tick);
      ASSERT_TRUE(marks[i].deduction);
      EXPECT_EQ(marks[i].deduction->criterionId, d.criterionId);
      EXPECT_EQ(marks[i].deduction->measured, d.measured);
    }
    if (marks[i].kind == TimelineMarkKind::PhaseStart) {
      EXPECT_FALSE(marks[i].phaseId.empty());
      ++phaseStarts;
    }
  }
  EXPECT_EQ(deductions, replayed.result.deductions.size());
  EXPECT_GE(phaseStarts, 1U);
  // The default interval is 10 s at the scenario's tick rate.
  EXPECT_EQ((*model)->keyframeInterval(), 10U * s.tickRate);
}

/** Waits (no timing asserted) until `m` has every keyframe ready; false after 300 s of waiting. */
bool waitForAllKeyframes(const ReplayModel& m) {
  for (int i = 0; i < 30000 && m.keyframesReady() < m.keyframesTotal(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return m.keyframesReady() == m.keyframesTotal();
}

// docs/replay.md "Keyframes in the window": a worker thread with its own simulations builds the
// keyframes; the caller's seeks use only ready ones and give a straight run's state either way.
TEST(ReplayModel, BackgroundKeyframesComeFromAWorkerAndSeeksStayBitIdentical) {
  const auto& s = test::committedScenario(kScenario);
  auto replayed = test::replayCommitted(s, kCareless);
  core::ActionTrack first;
  for (std::uint64_t t = 0; t < 6500; ++t) {
    first.push_back(replayed.trace.actions[t]);
  }
  auto model = ReplayModel::create(s, first, {.keyframeInterval = 1000});
  ASSERT_TRUE(model) << model.error().toString();
  ReplayModel& m = **model;
  ASSERT_EQ(m.length(), 6500U);
  ASSERT_EQ(m.keyframesTotal(), 6U);
  const auto expected = straightHashes(s, first, {2500, 4200, 6400});
  EXPECT_EQ(m.keyframesReady(), 0U);

  m.startBackgroundKeyframes(250);
  EXPECT_TRUE(m.backgroundKeyframes());
  // At once, whatever the worker has built so far: the same state as a straight run.
  m.seek(4200);
  EXPECT_EQ(m.stateHash(), expected.at(4200));

  ASSERT_TRUE(waitForAllKeyframes(m)) << m.keyframesReady() << " of " << m.keyframesTotal();
  EXPECT_EQ(m.seek(2500), 500U); // from the worker's keyframe at 2000
  EXPECT_EQ(m.stateHash(), expected.at(2500));
  EXPECT_EQ(m.seek(6400), 400U); // from the one at 6000
  EXPECT_EQ(m.stateHash(), expected.at(6400));
  // The two used up are rebuilt by the worker, not by the caller.
  ASSERT_TRUE(waitForAllKeyframes(m));
  EXPECT_EQ(m.buildKeyframes(), 0U) << "nothing left for the caller to build";
  EXPECT_EQ(m.seek(4200), 200U);
  EXPECT_EQ(m.stateHash(), expected.at(4200));
}

TEST(ReplayModel, AModelWhoseWorkerIsStillBuildingIsDestroyedWithoutWaitingForItsRun) {
  const auto& s = test::committedScenario(kScenario);
  auto replayed = test::replayCommitted(s, kCareless);
  auto model = ReplayModel::create(s, replayed.trace.actions, {.keyframeInterval = 2400});
  ASSERT_TRUE(model);
  (*model)->startBackgroundKeyframes(100);
  (*model)->startBackgroundKeyframes(100); // a second start does nothing
  // Stops the worker at its next 100-tick chunk and joins it: a worker that did not stop would
  // hang here (the test's timeout), one that outlived the model would read freed memory.
  model->reset();
  EXPECT_EQ(*model, nullptr);
}

TEST(ReplayModel, AnEmptyTraceIsAClearError) {
  const auto& s = test::committedScenario(kScenario);
  auto model = ReplayModel::create(s, core::ActionTrack{});
  ASSERT_FALSE(model);
  EXPECT_EQ(model.error().code, core::ErrorCode::InvalidInput);
  EXPECT_NE(model.error().message.find("no ticks"), std::string::npos);
}

} // namespace
} // namespace skillsim::app
