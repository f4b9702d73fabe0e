// Old traces stay readable after the scores have moved on: the Q2 competent reference trace as it
// was committed before issue 13 (format version 1, no control layout in its header) is kept as a
// fixture. Its score is no longer this build's (the rubric changed), but it still reads, its
// header is what was written, and its inputs fit the crane's controls.
#include <skillsim/records/Trace.h>
#include <skillsim/records/TraceReader.h>
#include <skillsim/sim/machines/overhead_crane/OverheadCraneSpec.h>

#include <gtest/gtest.h>

#include <string>

using namespace skillsim;

namespace {

const std::string kFixture =
    std::string(SKILLSIM_SOURCE_DIR) + "/tests/records/data/q2-competent-v1.sktrace";

} // namespace

TEST(TraceReader, VersionOneReferenceTraceStillReads) {
  auto trace = records::TraceReader::read(kFixture);
  ASSERT_TRUE(trace) << trace.error().toString();
  EXPECT_EQ(trace->header.formatVersion, 1u);
  EXPECT_TRUE(trace->complete) << trace->incompleteReason;
  EXPECT_EQ(trace->actions.size(), 74172u); // 309.05 s at 240 Hz
  EXPECT_EQ(trace->header.scenarioId, "overhead_crane.q2_practical");
  EXPECT_EQ(trace->header.scenarioVersion, "1.0.0");
  EXPECT_EQ(trace->header.engineVersion, "0.1.0");
  EXPECT_EQ(trace->header.tickRate, 240u);
  EXPECT_EQ(trace->header.traineeId, "scripted-competent");
  EXPECT_EQ(trace->header.mode, records::AttemptMode::Exam);
  EXPECT_EQ(trace->header.startUtc, 1767225600); // 2026-01-01T00:00:00Z
  EXPECT_EQ(trace->header.buildId, "8a5f8642569e GNU-12.2.0 Release");
  EXPECT_TRUE(trace->header.axisControls.empty()); // version 1 records no layout
  EXPECT_TRUE(trace->header.buttonControls.empty());
  ASSERT_TRUE(trace->result);
  EXPECT_TRUE(trace->result->passed);
  EXPECT_NEAR(trace->result->totalPoints, 92.76, 0.005); // as signed then
}

TEST(TraceReader, VersionOneReferenceTraceFitsTheCranesControls) {
  auto trace = records::TraceReader::read(kFixture);
  ASSERT_TRUE(trace) << trace.error().toString();
  const sim::MachineDecl crane = sim::overheadCraneMachine(sim::OverheadCraneSpec{}).describe();
  auto fits = records::checkTraceControls(*trace, kFixture, crane.controls);
  EXPECT_TRUE(fits) << fits.error().toString();
  // A layout with fewer buttons than the trace presses is refused (the check is not a no-op).
  const core::ControlLayout axesOnly(
      {crane.controls.controls()[0], crane.controls.controls()[1], crane.controls.controls()[2]});
  EXPECT_FALSE(records::checkTraceControls(*trace, kFixture, axesOnly));
}

namespace skillsim::records {

// Issue 13, point 13: format 3 adds who drove the attempt and its exam session; a format 2 trace
// (the competent reference trace as committed before format 3, kept as a reading fixture) still
// reads, as not scripted and in no session.
TEST(TraceReader, VersionTwoReferenceTraceReadsAsNotScriptedInNoSession) {
  const std::string file =
      std::string(SKILLSIM_SOURCE_DIR) + "/tests/records/data/q2-competent-v2.sktrace";
  auto trace = TraceReader::read(file);
  ASSERT_TRUE(trace) << trace.error().toString();
  EXPECT_EQ(trace->header.formatVersion, 2u);
  EXPECT_TRUE(trace->complete);
  EXPECT_EQ(trace->header.traineeId, "scripted-competent");
  ASSERT_TRUE(trace->result);
  EXPECT_NEAR(trace->result->totalPoints, 92.76, 0.005); // as signed then (docs/workstation.md)
  EXPECT_FALSE(trace->header.scripted);
  EXPECT_TRUE(trace->header.examSession.empty());
}

// Issue 14, point 5: format 4 adds signed workstation events. The fixture is the competent
// reference trace rewritten by this build's writer with the window minimised at tick 2400 (10 s)
// and restored at tick 3600 (15 s) (tests/app/RunStoreTest.cpp makes it; it is also a fuzz seed).
// The committed format 3 reference trace reads with no events.
TEST(TraceReader, VersionFourFixtureCarriesItsWorkstationEvents) {
  auto trace = TraceReader::read(std::string(SKILLSIM_SOURCE_DIR) +
                                 "/tests/records/data/q2-competent-v4-events.sktrace");
  ASSERT_TRUE(trace) << trace.error().toString();
  EXPECT_EQ(trace->header.formatVersion, 4u);
  EXPECT_TRUE(trace->complete);
  EXPECT_EQ(trace->events,
            (std::vector<WorkstationEvent>{{2400, WorkstationEventKind::WindowMinimised},
                                           {3600, WorkstationEventKind::WindowRestored}}));
  auto v3 = TraceReader::read(std::string(SKILLSIM_SOURCE_DIR) +
                              "/scenarios/overhead_crane/traces/q2-competent.sktrace");
  ASSERT_TRUE(v3) << v3.error().toString();
  EXPECT_EQ(v3->header.formatVersion, 3u);
  EXPECT_TRUE(v3->events.empty());
  EXPECT_EQ(trace->actions.size(), v3->actions.size());
  EXPECT_EQ(trace->resultHash, v3->resultHash) << "the same inputs, the same signed result";
}

} // namespace skillsim::records
