// Take over (issue 17, point 2; docs/replay.md): a new practice attempt from tick T of the
// committed competent Q2 trace, recorded through the one stepper with new inputs after T, verifies
// on its own and against its parent; it stands in the parent's state at T bit for bit; an altered
// copy of the parent's inputs is named by its tick; an exam parent gives a practice child.
#include "ReferenceTraceSupport.h"

#include <skillsim/app/Cli.h>
#include <skillsim/app/ReplayModel.h>
#include <skillsim/app/TakeOver.h>
#include <skillsim/app/VerifyCommand.h>
#include <skillsim/records/TraceReader.h>
#include <skillsim/records/TraceVerifier.h>
#include <skillsim/records/TraceWriter.h>
#include <skillsim/records/WorkstationKey.h>

#include <gtest/gtest.h>

#include <bit>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace skillsim::app {
namespace {

const std::string kSource = SKILLSIM_SOURCE_DIR;
const std::string kScenario = kSource + "/scenarios/overhead_crane/q2_practical.toml";
const std::string kCompetent = kSource + "/scenarios/overhead_crane/traces/q2-competent.sktrace";

class TakeOverTest : public ::testing::Test {
protected:
  std::filesystem::path mDir =
      std::filesystem::temp_directory_path() /
      ("skillsim-takeover-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
       "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
  records::WorkstationKey mKey = *records::WorkstationKey::loadOrCreate(mDir / "config");

  void TearDown() override { std::filesystem::remove_all(mDir); }

  /** What recording a child gave. */
  struct Child {
    std::filesystem::path path;
    core::Digest stateAtTakeOver{};
    assessment::AttemptResult result;
  };

  /**
   * Records a take-over of `parent` at `seconds` as the workstation does (markTakeOver, the new
   * trace observing the one stepper, replayToTakeOver), then `live` (one input per tick after
   * the take-over) until it ends; `alterTick`, when set, records that tick of the copied parent
   * inputs with its hoist value one unit in the last place off (a faulty or forged copy, validly
   * signed).
   */
  Child recordChild(const scenario::Scenario& s, const records::Trace& parent,
                    const std::string& parentFile, double seconds,
                    const std::vector<core::ActionState>& live, const std::string& name,
                    std::optional<std::uint64_t> alterTick = std::nullopt) {
    Child child;
    child.path = mDir / name;
    auto point = takeOverPoint(parent, parentFile, s, seconds);
    EXPECT_TRUE(point) << point.error().toString();
    records::TraceHeader header;
    header.scenarioId = s.id;
    header.scenarioVersion = s.version;
    header.scenarioHash = s.hash;
    header.tickRate = s.tickRate;
    header.traineeId = "instructor-7";
    header.mode = parent.header.mode;
    header.setControls(s.machine->controls);
    markTakeOver(header, *point);
    auto writer = records::TraceWriter::create(child.path, header, mKey);
    EXPECT_TRUE(writer) << writer.error().toString();
    auto runner = scenario::AttemptRunner::create(s);
    EXPECT_TRUE(runner) << runner.error().toString();
    (*runner)->addObserver([&](const scenario::AttemptTick& tick) {
      core::ActionState recorded = tick.actions;
      if (alterTick && tick.index == *alterTick) {
        // One unit in the last place towards zero (or the smallest positive value from zero),
        // so the value stays a valid axis value in [-1, 1]: a one-bit-pattern change.
        const auto bits = std::bit_cast<std::uint32_t>(recorded.axes[2]);
        recorded.axes[2] = std::bit_cast<float>((bits & 0x7fffffffu) != 0 ? bits - 1 : 1u);
      }
      EXPECT_TRUE(writer->append(recorded));
    });
    auto replayed = replayToTakeOver(**runner, *point);
    EXPECT_TRUE(replayed) << replayed.error().toString();
    child.stateAtTakeOver = (*runner)->simulation().stateHash();
    // The new inputs, in the ticks after the take-over.
    std::vector<core::ActionState> all(point->tick);
    all.insert(all.end(), live.begin(), live.end());
    scenario::RecordedInputs inputs(all);
    child.result = (*runner)->run(inputs);
    EXPECT_TRUE(writer->finish(child.result));
    return child;
  }

  /** 2 s of hoisting up, 3 s of bridge travel, 5 s of nothing. */
  static std::vector<core::ActionState> newInputs() {
    std::vector<core::ActionState> live;
    for (int t = 0; t < 10 * 240; ++t) {
      core::ActionState a;
      if (t < 480) {
        a.setAxis(2, 0.6f); // hoist
      } else if (t < 1200) {
        a.setAxis(0, 0.5f); // bridge travel
      }
      live.push_back(a);
    }
    return live;
  }

  std::string verify(const std::vector<std::string>& args, int expected) {
    std::ostringstream out;
    std::ostringstream err;
    std::vector<std::string> all = {"verify", "--scenarios", kSource + "/scenarios",
                                    "--no-progress"};
    all.insert(all.end(), args.begin(), args.end());
    EXPECT_EQ(runCli(all, out, err), expected) << out.str() << err.str();
    return out.str();
  }
};

TEST_F(TakeOverTest, AChildOfTheCompetentTraceVerifiesAndStandsInTheParentsStateAtTheTick) {
  const auto& s = test::committedScenario(kScenario);
  ASSERT_EQ(s.tickRate, 240u);
  auto replayed = test::replayCommitted(s, kCompetent);
  const records::Trace& parent = replayed.trace;
  ASSERT_GT(parent.actions.size(), 3000u);
  const Child child = recordChild(s, parent, kCompetent, 12.5, newInputs(), "child.sktrace");

  // Bit-exact at the take-over tick, in one process: the parent's replay seeked to 12.5 s.
  auto model = ReplayModel::create(s, parent.actions);
  ASSERT_TRUE(model) << model.error().toString();
  (*model)->seek(3000);
  EXPECT_EQ((*model)->position(), 3000u);
  EXPECT_EQ(child.stateAtTakeOver, (*model)->stateHash());
  // One tick earlier is another state (the hash is not blind to the tick).
  (*model)->seek(2999);
  EXPECT_NE(child.stateAtTakeOver, (*model)->stateHash());
  // The child's own replay reaches the same state at 3000 (its first ticks are the parent's).
  auto read = records::TraceReader::read(child.path);
  ASSERT_TRUE(read) << read.error().toString();
  ASSERT_TRUE(read->header.takeOver);
  EXPECT_EQ(read->header.takeOver->tick, 3000u);
  EXPECT_EQ(read->header.takeOver->parentTraceHash, parent.fileHash);
  EXPECT_GT(read->actions.size(), 3000u);
  EXPECT_LE(read->actions.size(), 3000u + 2400u);
  EXPECT_FALSE(records::firstDifferingTick(read->actions, parent.actions, 3000).has_value());
  auto childModel = ReplayModel::create(s, read->actions);
  ASSERT_TRUE(childModel);
  (*childModel)->seek(3000);
  EXPECT_EQ((*childModel)->stateHash(), child.stateAtTakeOver);
  // New inputs after the take-over: not the parent's result (the parent passes; the child's
  // attempt ends with its inputs, at most 10 s later, scored as it stands).
  EXPECT_TRUE(replayed.result.passed);
  EXPECT_NE(child.result.totalPoints, replayed.result.totalPoints);

  const std::string hash16 = core::toHex(parent.fileHash).substr(0, 16);
  const std::string alone = verify({child.path.string()}, 0);
  EXPECT_NE(alone.find("OK " + child.path.string()), std::string::npos) << alone;
  EXPECT_NE(alone.find("taken over from " + hash16 + " at 12.5 s (tick 3000)"), std::string::npos)
      << alone;
  EXPECT_NE(alone.find("the parent trace was not given"), std::string::npos) << alone;
  const std::string withParent = verify({child.path.string(), "--parent", kCompetent}, 0);
  EXPECT_NE(withParent.find("taken over from " + hash16 +
                            " at 12.5 s (tick 3000), its copy of the parent's inputs equals the "
                            "parent trace"),
            std::string::npos)
      << withParent;
}

TEST_F(TakeOverTest, AnAlteredCopyOfTheParentsInputsFailsVerifyNamingTheTick) {
  const auto& s = test::committedScenario(kScenario);
  auto replayed = test::replayCommitted(s, kCompetent);
  // Signed validly, but one ulp of the hoist at tick 1234 of the copied inputs is not the
  // parent's: on its own it is a consistent attempt; against its parent it is not the copy.
  const Child child =
      recordChild(s, replayed.trace, kCompetent, 12.5, newInputs(), "altered.sktrace", 1234);
  const std::string alone = verify({child.path.string()}, 0);
  EXPECT_NE(alone.find("OK "), std::string::npos) << alone;
  const std::string line = verify({child.path.string(), "--parent", kCompetent}, 1);
  EXPECT_NE(line.find("MISMATCH " + child.path.string()), std::string::npos) << line;
  EXPECT_NE(line.find("its copy of the parent's inputs differs from the parent trace at tick 1234 "
                      "(5.1 s): the copy was altered"),
            std::string::npos)
      << line;

  // One byte of the honest child's file altered (inside its first ticks frame): the file's own
  // checks refuse it before any re-simulation.
  const Child honest =
      recordChild(s, replayed.trace, kCompetent, 12.5, newInputs(), "honest.sktrace");
  std::string bytes;
  {
    std::ifstream in(honest.path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  // Walk the frames (type, u32 length, payload, 8-byte checksum) to the first ticks frame.
  std::size_t ticksFrame = 10;
  while (ticksFrame + 5 < bytes.size() && bytes[ticksFrame] != 'T') {
    std::uint32_t length = 0;
    for (int i = 0; i < 4; ++i) {
      length |= std::uint32_t(std::uint8_t(bytes[ticksFrame + 1 + i])) << (8 * i);
    }
    ticksFrame += 5 + length + 8;
  }
  ASSERT_LT(ticksFrame + 10, bytes.size());
  bytes[ticksFrame + 5 + 4] = static_cast<char>(bytes[ticksFrame + 5 + 4] ^ 0x10);
  {
    std::ofstream outFile(mDir / "flipped.sktrace", std::ios::binary);
    outFile << bytes;
  }
  const std::string flipped =
      verify({(mDir / "flipped.sktrace").string(), "--parent", kCompetent}, 1);
  EXPECT_NE(flipped.find("INVALID "), std::string::npos) << flipped;
  EXPECT_NE(flipped.find("checksum mismatch"), std::string::npos) << flipped;
}

TEST_F(TakeOverTest, AnExamParentGivesAPracticeChild) {
  const auto& s = test::committedScenario(kScenario);
  auto replayed = test::replayCommitted(s, kCompetent);
  // The competent inputs recorded again as an exam attempt (as a workstation would sign one).
  records::TraceHeader header = replayed.trace.header;
  header.mode = records::AttemptMode::Exam;
  header.scripted = false;
  header.examSession = {"ES-1", "INV-1", 1796083200};
  const auto examPath = mDir / "exam.sktrace";
  {
    auto writer = records::TraceWriter::create(examPath, header, mKey);
    ASSERT_TRUE(writer) << writer.error().toString();
    for (const core::ActionState& a : replayed.trace.actions) {
      ASSERT_TRUE(writer->append(a));
    }
    ASSERT_TRUE(writer->finish(replayed.result));
  }
  auto exam = records::TraceReader::read(examPath);
  ASSERT_TRUE(exam) << exam.error().toString();
  ASSERT_EQ(exam->header.mode, records::AttemptMode::Exam);
  const Child child = recordChild(s, *exam, examPath.string(), 60.0, newInputs(), "child.sktrace");
  auto read = records::TraceReader::read(child.path);
  ASSERT_TRUE(read) << read.error().toString();
  EXPECT_EQ(read->header.mode, records::AttemptMode::Practice);
  EXPECT_TRUE(read->header.examSession.empty());
  ASSERT_TRUE(read->header.takeOver);
  EXPECT_EQ(read->header.takeOver->parentTraceHash, exam->fileHash);
  const std::string line = verify({child.path.string(), "--parent", examPath.string()}, 0);
  EXPECT_NE(line.find("instructor-7 " + s.id + " " + s.version + " practice: "), std::string::npos)
      << line;
  EXPECT_NE(line.find("at 60.0 s (tick 14400)"), std::string::npos) << line;
}

TEST_F(TakeOverTest, VerifyDbFindsTheParentInTheStoreAndChecksTheCopy) {
  const auto& s = test::committedScenario(kScenario);
  auto replayed = test::replayCommitted(s, kCompetent);
  // The competent inputs signed by this test's key (so this build stores and verifies them).
  const auto parentPath = mDir / "parent.sktrace";
  {
    auto writer = records::TraceWriter::create(parentPath, replayed.trace.header, mKey);
    ASSERT_TRUE(writer) << writer.error().toString();
    for (const core::ActionState& a : replayed.trace.actions) {
      ASSERT_TRUE(writer->append(a));
    }
    ASSERT_TRUE(writer->finish(replayed.result));
  }
  auto parent = records::TraceReader::read(parentPath);
  ASSERT_TRUE(parent) << parent.error().toString();
  const Child honest =
      recordChild(s, *parent, parentPath.string(), 12.5, newInputs(), "honest.sktrace");
  const Child altered =
      recordChild(s, *parent, parentPath.string(), 12.5, newInputs(), "altered.sktrace", 2000);
  const std::string db = (mDir / "results.sqlite").string();
  for (const auto& file : {parentPath, honest.path, altered.path}) {
    std::ostringstream out;
    std::ostringstream err;
    ASSERT_EQ(runCli({"run", kScenario, "--headless", "--input", file.string(), "--db", db,
                      "--lang", "en"},
                     out, err),
              kExitOk)
        << out.str() << err.str();
  }
  std::ostringstream out;
  std::ostringstream err;
  EXPECT_EQ(runCli({"verify", "--db", db, "--scenarios", kSource + "/scenarios"}, out, err),
            kExitFailure)
      << out.str() << err.str();
  EXPECT_NE(out.str().find("at 12.5 s (tick 3000), its copy of the parent's inputs equals the "
                           "parent trace"),
            std::string::npos)
      << out.str();
  EXPECT_NE(out.str().find("differs from the parent trace at tick 2000 (8.3 s)"), std::string::npos)
      << out.str();
}

TEST_F(TakeOverTest, ATakeOverPointOutsideTheAttemptOrOnAnotherScenarioIsRefused) {
  const auto& s = test::committedScenario(kScenario);
  auto replayed = test::replayCommitted(s, kCompetent);
  const double end = static_cast<double>(replayed.trace.actions.size()) / s.tickRate;
  auto late = takeOverPoint(replayed.trace, kCompetent, s, end);
  ASSERT_FALSE(late);
  EXPECT_NE(late.error().toString().find("take over before its end"), std::string::npos)
      << late.error().toString();
  EXPECT_NE(late.error().toString().find(kCompetent), std::string::npos);
  auto negative = takeOverPoint(replayed.trace, kCompetent, s, -1.0);
  ASSERT_FALSE(negative);
  records::Trace other = replayed.trace;
  other.header.scenarioHash = core::hashBytes("another scenario");
  auto elsewhere = takeOverPoint(other, kCompetent, s, 10.0);
  ASSERT_FALSE(elsewhere);
  EXPECT_NE(elsewhere.error().message.find("a take-over continues the replayed attempt's own "
                                           "scenario"),
            std::string::npos)
      << elsewhere.error().toString();
}

} // namespace
} // namespace skillsim::app
