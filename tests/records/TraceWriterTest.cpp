#include "RecordsTestSupport.h"

#include <skillsim/records/ResultJson.h>
#include <skillsim/records/TraceReader.h>
#include <skillsim/records/TraceWriter.h>
#include <skillsim/records/WorkstationKey.h>
#include <skillsim/sim/machines/overhead_crane/OverheadCraneSpec.h>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace skillsim::records {
namespace {

using test::readFile;
using test::sampleHeader;
using test::sampleInput;
using test::sampleResult;
using test::TempDir;

class TraceWriterTest : public ::testing::Test {
protected:
  TempDir mDir{"trace-writer"};
  WorkstationKey mKey = *WorkstationKey::loadOrCreate(mDir / "config");

  std::filesystem::path writeTrace(const std::string& name, std::uint64_t ticks,
                                   bool finish = true) {
    const auto path = mDir / name;
    auto writer = TraceWriter::create(path, sampleHeader(), mKey);
    EXPECT_TRUE(writer) << writer.error().toString();
    for (std::uint64_t t = 0; t < ticks; ++t) {
      EXPECT_TRUE(writer->append(sampleInput(t)));
    }
    if (finish) {
      EXPECT_TRUE(writer->finish(sampleResult()));
    }
    return path;
  }
};

TEST_F(TraceWriterTest, CompleteTraceReadsBackBitExact) {
  const auto path = writeTrace("a.sktrace", 500);
  auto trace = TraceReader::read(path);
  ASSERT_TRUE(trace) << trace.error().toString();
  EXPECT_TRUE(trace->complete);
  EXPECT_TRUE(trace->incompleteReason.empty());
  TraceHeader expected = sampleHeader();
  expected.publicKey = mKey.publicKey();
  EXPECT_EQ(trace->header, expected);
  EXPECT_EQ(trace->header.engineVersion, core::engineVersion());
  EXPECT_EQ(trace->header.buildId, core::buildId());
  ASSERT_EQ(trace->actions.size(), 500u);
  for (std::uint64_t t = 0; t < 500; ++t) {
    ASSERT_EQ(trace->actions[t], sampleInput(t)) << "tick " << t;
  }
  ASSERT_TRUE(trace->result.has_value());
  EXPECT_EQ(*trace->result, sampleResult());
  EXPECT_EQ(trace->resultHash, resultHash(sampleResult()));
  EXPECT_EQ(trace->fileHash, core::hashBytes(readFile(path)));
  EXPECT_DOUBLE_EQ(trace->duration(), 500.0 / 60.0);
}

TEST_F(TraceWriterTest, StoresChangesOnly) {
  // 10 simulated seconds at 240 Hz with the controls held still cost a few bytes per second;
  // the same length with inputs changing every tick costs far more.
  const auto still = mDir / "still.sktrace";
  const auto busy = mDir / "busy.sktrace";
  {
    auto a = TraceWriter::create(still, sampleHeader(240), mKey);
    auto b = TraceWriter::create(busy, sampleHeader(240), mKey);
    core::ActionState held;
    held.setAxis(skillsim::sim::crane_controls::kHoist, 0.5f);
    for (std::uint64_t t = 0; t < 2400; ++t) {
      ASSERT_TRUE(a->append(held));
      core::ActionState moving;
      moving.setAxis(skillsim::sim::crane_controls::kHoist, static_cast<float>(t % 200) / 200.0f);
      ASSERT_TRUE(b->append(moving));
    }
    ASSERT_TRUE(a->finish(sampleResult()));
    ASSERT_TRUE(b->finish(sampleResult()));
  }
  const auto stillSize = std::filesystem::file_size(still);
  const auto busySize = std::filesystem::file_size(busy);
  const auto resultSize = resultToJson(sampleResult()).size();
  // Header + end record + 10 ticks frames of ~20 bytes each.
  EXPECT_LT(stillSize, resultSize + 600) << stillSize;
  // 2400 changes of at least 2 (mask) + 4 (float) bytes each.
  EXPECT_GT(busySize, resultSize + 2400 * 7) << busySize;
  auto trace = TraceReader::read(still);
  ASSERT_TRUE(trace) << trace.error().toString();
  ASSERT_EQ(trace->actions.size(), 2400u);
  EXPECT_EQ(trace->actions.back().axis(skillsim::sim::crane_controls::kHoist), 0.5f);
}

TEST_F(TraceWriterTest, FlushedAtLeastOncePerSimulatedSecond) {
  const auto path = mDir / "live.sktrace";
  auto writer = TraceWriter::create(path, sampleHeader(60), mKey);
  ASSERT_TRUE(writer);
  for (std::uint64_t t = 0; t < 150; ++t) { // 2.5 s at 60 Hz, the writer still open
    ASSERT_TRUE(writer->append(sampleInput(t)));
  }
  // Read while the writer is alive, as after a crash: the two full seconds are on disk.
  auto trace = TraceReader::read(path);
  ASSERT_TRUE(trace) << trace.error().toString();
  EXPECT_FALSE(trace->complete);
  EXPECT_FALSE(trace->result.has_value());
  ASSERT_EQ(trace->actions.size(), 120u);
  for (std::uint64_t t = 0; t < 120; ++t) {
    ASSERT_EQ(trace->actions[t], sampleInput(t)) << "tick " << t;
  }
  EXPECT_NE(trace->incompleteReason.find("after 120 ticks"), std::string::npos)
      << trace->incompleteReason;
  EXPECT_NE(trace->incompleteReason.find("without its end record"), std::string::npos);
  EXPECT_NE(trace->incompleteReason.find("not a result"), std::string::npos);
}

TEST_F(TraceWriterTest, WriterDestroyedWithoutFinishLeavesIncompleteTrace) {
  const auto path = writeTrace("dropped.sktrace", 75, /*finish=*/false);
  auto trace = TraceReader::read(path);
  ASSERT_TRUE(trace) << trace.error().toString();
  EXPECT_FALSE(trace->complete);
  EXPECT_EQ(trace->actions.size(), 75u);
  EXPECT_NE(trace->incompleteReason.find("incomplete attempt"), std::string::npos);
}

TEST_F(TraceWriterTest, AbandonedAttemptReadsAsIncompleteWithItsReason) {
  const auto path = mDir / "quit.sktrace";
  auto writer = TraceWriter::create(path, sampleHeader(), mKey);
  for (std::uint64_t t = 0; t < 30; ++t) {
    ASSERT_TRUE(writer->append(sampleInput(t)));
  }
  ASSERT_TRUE(writer->abandon("trainee quit the exam"));
  auto trace = TraceReader::read(path);
  ASSERT_TRUE(trace) << trace.error().toString();
  EXPECT_FALSE(trace->complete);
  EXPECT_FALSE(trace->result.has_value());
  EXPECT_EQ(trace->incompleteReason,
            "incomplete attempt: abandoned at tick 30: trainee quit the exam; it is not a result");
}

TEST_F(TraceWriterTest, EveryTruncationIsIncompleteOrAnErrorNeverAResult) {
  const auto path = writeTrace("cut.sktrace", 200);
  const std::string bytes = readFile(path);
  std::size_t incomplete = 0;
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    auto trace = TraceReader::parse(std::string_view(bytes).substr(0, n), "cut.sktrace");
    if (trace) {
      ASSERT_FALSE(trace->complete) << "length " << n;
      ASSERT_FALSE(trace->result.has_value()) << "length " << n;
      ASSERT_NE(trace->incompleteReason.find("incomplete attempt"), std::string::npos);
      ++incomplete;
    } else {
      ASSERT_NE(trace.error().toString().find("truncated"), std::string::npos)
          << "length " << n << ": " << trace.error().toString();
      ASSERT_EQ(trace.error().location.file, "cut.sktrace");
    }
  }
  EXPECT_GT(incomplete, bytes.size() / 2);
}

TEST_F(TraceWriterTest, EveryAlteredByteIsDetected) {
  const auto path = writeTrace("flip.sktrace", 200);
  const std::string bytes = readFile(path);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    for (unsigned bit : {0u, 7u}) {
      std::string altered = bytes;
      altered[i] = static_cast<char>(altered[i] ^ (1u << bit));
      auto trace = TraceReader::parse(altered, "flip.sktrace");
      // A changed length field can make the file look cut off (incomplete); anything else is
      // an error. Never a complete trace with a result.
      if (trace) {
        ASSERT_FALSE(trace->complete) << "byte " << i << " bit " << bit;
        ASSERT_NE(trace->incompleteReason.find("truncated"), std::string::npos);
      } else {
        ASSERT_FALSE(trace.error().message.empty());
      }
    }
  }
}

TEST_F(TraceWriterTest, AlteredTickWithRepairedChecksumFailsTheSignature) {
  const auto path = writeTrace("forged.sktrace", 120);
  std::string bytes = readFile(path);
  // The first ticks frame follows the preamble (10 bytes) and the header frame.
  const std::size_t headerPayload =
      static_cast<unsigned char>(bytes[11]) | (static_cast<unsigned char>(bytes[12]) << 8);
  const std::size_t ticksFrame = 10 + 5 + headerPayload + 8;
  ASSERT_EQ(bytes[ticksFrame], 'T');
  const std::size_t ticksPayload = static_cast<unsigned char>(bytes[ticksFrame + 1]) |
                                   (static_cast<unsigned char>(bytes[ticksFrame + 2]) << 8);
  // Alter the last byte of the payload (the high byte of a float or button word) and repair the
  // frame checksum, as a forger would.
  const std::size_t target = ticksFrame + 5 + ticksPayload - 1;
  bytes[target] = static_cast<char>(bytes[target] ^ 0x01);
  const core::Digest sum =
      core::hashBytes(std::string_view(bytes).substr(ticksFrame, 5 + ticksPayload));
  std::copy(sum.begin(), sum.begin() + 8, bytes.begin() + static_cast<std::ptrdiff_t>(target + 1));
  auto trace = TraceReader::parse(bytes, "forged.sktrace");
  ASSERT_FALSE(trace);
  EXPECT_EQ(trace.error().code, core::ErrorCode::Integrity);
  EXPECT_NE(trace.error().message.find("signature does not match"), std::string::npos)
      << trace.error().toString();
}

TEST_F(TraceWriterTest, AlteredPayloadByteNamesTheFrameAndOffset) {
  const auto path = writeTrace("flip1.sktrace", 120);
  std::string bytes = readFile(path);
  bytes[20] = static_cast<char>(bytes[20] ^ 0x40); // inside the header frame's payload
  auto trace = TraceReader::parse(bytes, "flip1.sktrace");
  ASSERT_FALSE(trace);
  EXPECT_EQ(trace.error().toString(),
            "flip1.sktrace: frame 0 (header) at byte 10: checksum mismatch: the file was altered "
            "or damaged");
}

TEST_F(TraceWriterTest, OtherFormatVersionIsRefusedPlainly) {
  const auto path = writeTrace("v7.sktrace", 10);
  std::string bytes = readFile(path);
  EXPECT_EQ(bytes[8], 6) << "this build writes format version 6";
  for (char version : {char(7), char(0)}) {
    bytes[8] = version;
    auto trace = TraceReader::parse(bytes, "v7.sktrace");
    ASSERT_FALSE(trace);
    EXPECT_EQ(trace.error().code, core::ErrorCode::Unsupported);
    EXPECT_NE(trace.error().message.find("format version " + std::to_string(int(version)) +
                                         " is not supported; this build reads versions 1 to 6"),
              std::string::npos)
        << trace.error().toString();
  }
}

TEST_F(TraceWriterTest, BytesAfterTheEndRecordAreRefused) {
  const auto path = writeTrace("tail.sktrace", 10);
  auto trace = TraceReader::parse(readFile(path) + "x", "tail.sktrace");
  ASSERT_FALSE(trace);
  EXPECT_NE(trace.error().message.find("1 bytes follow the trace's end record"), std::string::npos)
      << trace.error().toString();
}

TEST_F(TraceWriterTest, NotATraceAndMissingFile) {
  auto text = TraceReader::parse("[scenario]\nid = \"x\"\n", "x.toml");
  ASSERT_FALSE(text);
  EXPECT_NE(text.error().message.find("not a SkillSim trace"), std::string::npos);
  auto missing = TraceReader::read(mDir / "nope.sktrace");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, core::ErrorCode::NotFound);
  EXPECT_NE(missing.error().toString().find("nope.sktrace: no such trace file"), std::string::npos);
}

TEST_F(TraceWriterTest, WriterRefusesBadHeaderAndOutOfRangeAxis) {
  TraceHeader zeroRate = sampleHeader();
  zeroRate.tickRate = 0;
  auto bad = TraceWriter::create(mDir / "z.sktrace", zeroRate, mKey);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("header.tickRate is 0"), std::string::npos);

  auto writer = TraceWriter::create(mDir / "nan.sktrace", sampleHeader(), mKey);
  ASSERT_TRUE(writer->append(sampleInput(0)));
  core::ActionState s;
  s.axes[2] = std::numeric_limits<float>::quiet_NaN(); // bypasses setAxis, as a bug would
  auto appended = writer->append(s);
  ASSERT_FALSE(appended);
  EXPECT_EQ(appended.error().location.tick, 1u);
  EXPECT_NE(appended.error().toString().find("axis hoist is nan"), std::string::npos)
      << appended.error().toString();
}

TEST_F(TraceWriterTest, HeaderFieldsUseUtcAndKeyId) {
  EXPECT_EQ(formatUtc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(formatUtc(1796083200), "2026-12-01T00:00:00Z");
  EXPECT_EQ(formatUtc(951782400 + 86399), "2000-02-29T23:59:59Z");
  EXPECT_EQ(formatUtc(-1), "1969-12-31T23:59:59Z");
  PublicKey k{};
  k[0] = 0xAB;
  k[7] = 0x01;
  EXPECT_EQ(keyId(k), "ab00000000000001");
}

} // namespace
// Trace format 2 records the machine's control layout; a reader checks it against the machine
// before re-simulating, and a format 1 trace (no layout) may set only the slots the machine has.
TEST(TraceControls, Format2LayoutMustEqualTheMachinesAndFormat1MayUseOnlyDeclaredSlots) {
  const core::ControlLayout crane(
      {core::ControlDecl{"bridge_travel", "", "", core::ControlKind::Notched, 5, {}},
       core::ControlDecl{"horn", "", "", core::ControlKind::Button, 0, {}}});
  Trace v2;
  v2.header.setControls(crane);
  v2.actions.append(core::ActionState{}, 3);
  EXPECT_TRUE(checkTraceControls(v2, "a.sktrace", crane));
  Trace other = v2;
  other.header.axisControls = {"steer"};
  auto refused = checkTraceControls(other, "a.sktrace", crane);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().toString(),
            "a.sktrace: the trace records controls (steer) and buttons (horn) but the scenario's "
            "machine declares (bridge_travel) and (horn)");

  Trace v1;
  v1.header.formatVersion = 1;
  std::vector<core::ActionState> ticks(10);
  ticks[4].setAxis(0, 0.4f);
  ticks[6].setButton(0, true);
  v1.actions = core::ActionTrack(ticks);
  EXPECT_TRUE(checkTraceControls(v1, "old.sktrace", crane));
  ticks[7].setAxis(3, 0.2f); // a slot the machine does not declare
  v1.actions = core::ActionTrack(ticks);
  auto undeclared = checkTraceControls(v1, "old.sktrace", crane);
  ASSERT_FALSE(undeclared);
  EXPECT_EQ(undeclared.error().location.tick, 7u);
  EXPECT_NE(undeclared.error().message.find("1 axis controls and 1 buttons"), std::string::npos)
      << undeclared.error().message;
  ticks[7].setAxis(3, 0.0f);
  ticks[8].setButton(5, true);
  v1.actions = core::ActionTrack(ticks);
  EXPECT_EQ(checkTraceControls(v1, "old.sktrace", crane).error().location.tick, 8u);
}

TEST_F(TraceWriterTest, TheLayoutRoundTripsThroughTheFileAndUndeclaredValuesAreRefused) {
  const TraceHeader header = sampleHeader();
  const auto path = writeTrace("layout.sktrace", 30);
  auto trace = TraceReader::read(path);
  ASSERT_TRUE(trace) << trace.error().toString();
  EXPECT_EQ(trace->header.formatVersion, kTraceFormatVersion);
  EXPECT_EQ(trace->header.axisControls, header.axisControls);
  EXPECT_EQ(trace->header.buttonControls, header.buttonControls);
  // The writer refuses a value in a slot the header does not declare, naming the tick.
  auto writer = TraceWriter::create(mDir / "undeclared.sktrace", header, mKey);
  ASSERT_TRUE(writer) << writer.error().toString();
  core::ActionState a;
  a.setAxis(5, 0.5f); // the header declares 3 axis controls
  auto refused = writer->append(a);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("axis slot 5 is 0.5"), std::string::npos)
      << refused.error().message;
  core::ActionState b;
  b.setButton(4, true); // and 4 buttons
  EXPECT_FALSE(writer->append(b));
}

// Issue 13, point 13: format 3's header carries the scripted flag and the exam session.
TEST_F(TraceWriterTest, FormatThreeCarriesTheScriptedFlagAndTheExamSession) {
  TraceHeader header = sampleHeader();
  header.mode = AttemptMode::Exam;
  header.scripted = true;
  header.examSession = {"ES-3f9a1c2b", "INV-7", 1795159800};
  const auto path = mDir / "v3.sktrace";
  {
    auto writer = TraceWriter::create(path, header, mKey);
    ASSERT_TRUE(writer) << writer.error().toString();
    ASSERT_TRUE(writer->append(core::ActionState{}));
    ASSERT_TRUE(writer->finish(test::sampleResult()));
  }
  auto trace = TraceReader::read(path);
  ASSERT_TRUE(trace) << trace.error().toString();
  EXPECT_EQ(trace->header.formatVersion, 6u) << "formats 4 to 6 keep format 3's header";
  EXPECT_TRUE(trace->header.scripted);
  EXPECT_EQ(trace->header.examSession, (ExamSessionRef{"ES-3f9a1c2b", "INV-7", 1795159800}));
  header.publicKey = mKey.publicKey();
  EXPECT_EQ(trace->header, header);

  header.scripted = false;
  header.examSession = {};
  const auto plain = mDir / "v3-plain.sktrace";
  {
    auto writer = TraceWriter::create(plain, header, mKey);
    ASSERT_TRUE(writer);
    ASSERT_TRUE(writer->append(core::ActionState{}));
    ASSERT_TRUE(writer->finish(test::sampleResult()));
  }
  auto person = TraceReader::read(plain);
  ASSERT_TRUE(person) << person.error().toString();
  EXPECT_FALSE(person->header.scripted);
  EXPECT_TRUE(person->header.examSession.empty());
}

// Bad format 3 headers are refused by name: an unknown flag bit (a forger who also repairs the
// frame checksum is stopped at the header, before the signature), and a session id without its
// invigilator.
TEST_F(TraceWriterTest, AFormatThreeHeaderWithUnknownFlagsOrHalfASessionIsRefused) {
  const auto path = writeTrace("flags.sktrace", 10);
  std::string bytes = readFile(path);
  const std::size_t headerPayload =
      static_cast<unsigned char>(bytes[11]) | (static_cast<unsigned char>(bytes[12]) << 8);
  // The header ends: flags (1), session id "" (1), invigilator "" (1), opened (8).
  const std::size_t flags = 10 + 5 + headerPayload - 11;
  ASSERT_EQ(bytes[flags], 0);
  bytes[flags] = 2;
  const core::Digest sum = core::hashBytes(std::string_view(bytes).substr(10, 5 + headerPayload));
  std::copy(sum.begin(), sum.begin() + 8,
            bytes.begin() + static_cast<std::ptrdiff_t>(10 + 5 + headerPayload));
  auto forged = TraceReader::parse(bytes, "flags.sktrace");
  ASSERT_FALSE(forged);
  EXPECT_EQ(forged.error().code, core::ErrorCode::Integrity);
  EXPECT_NE(forged.error().message.find(
                "header.flags 2 sets bits this build does not know (bit 0: scripted)"),
            std::string::npos)
      << forged.error().toString();

  TraceHeader half = sampleHeader();
  half.examSession = {"ES-3f9a1c2b", "", 1795159800};
  const auto halfPath = mDir / "half.sktrace";
  {
    auto writer = TraceWriter::create(halfPath, half, mKey);
    ASSERT_TRUE(writer) << writer.error().toString();
    ASSERT_TRUE(writer->append(core::ActionState{}));
    ASSERT_TRUE(writer->finish(test::sampleResult()));
  }
  auto refused = TraceReader::read(halfPath);
  ASSERT_FALSE(refused);
  EXPECT_NE(
      refused.error().message.find("header.examSession names a session id but no invigilator"),
      std::string::npos)
      << refused.error().toString();
}

} // namespace skillsim::records

namespace skillsim::records {
namespace {

// Issue 20 point 8: a small trace declaring hours of unchanged input used to expand to one
// ActionState per tick (4 h at 1000 Hz: 14.4 M states, 911 MB resident). The reader now keeps
// one run per change, so memory follows what the trace records, not how long it claims to be.
TEST(TraceMemory, FourHoursAtAThousandHertzWithNothingChangingReadsAsOneRun) {
  test::TempDir dir{"trace-memory"};
  const WorkstationKey key = *WorkstationKey::loadOrCreate(dir / "config");
  // The writer syncs every simulated second (14 400 times here): on tmpfs that costs nothing,
  // on a disk about a minute, so the file goes to /dev/shm where there is one.
  std::filesystem::path folder = dir.path();
  std::error_code ec;
  if (std::filesystem::is_directory("/dev/shm", ec)) {
    folder = std::filesystem::path("/dev/shm") / dir.path().filename();
    std::filesystem::create_directories(folder, ec);
  }
  const auto path = folder / "long.sktrace";
  struct Remove {
    std::filesystem::path p;
    ~Remove() {
      std::error_code e;
      std::filesystem::remove_all(p, e);
    }
  } removeAfter{folder};
  const std::uint64_t ticks = kMaxTraceSeconds * 1000 - 1; // the writer's limit, less one tick
  {
    auto writer = TraceWriter::create(path, test::sampleHeader(1000), key);
    ASSERT_TRUE(writer) << writer.error().toString();
    const core::ActionState still;
    for (std::uint64_t t = 0; t < ticks; ++t) {
      ASSERT_TRUE(writer->append(still));
    }
    ASSERT_TRUE(writer->finish(test::sampleResult()));
  }
  // About 20 bytes a second of unchanged input: 14 400 frames.
  EXPECT_LT(std::filesystem::file_size(path), 400'000u);
  auto trace = TraceReader::read(path);
  ASSERT_TRUE(trace) << trace.error().toString();
  EXPECT_TRUE(trace->complete);
  EXPECT_EQ(trace->actions.size(), ticks);
  EXPECT_EQ(trace->actions.runCount(), 1u);
  EXPECT_DOUBLE_EQ(trace->duration(), static_cast<double>(ticks) / 1000.0);
}

} // namespace
// Issue 14, point 5: an exam's "window minimised" and "restored" are signed workstation events in
// the trace (format 4, frame W), read back with their ticks and never part of the inputs.
TEST_F(TraceWriterTest, WorkstationEventsReadBackWithTheirTicksAndLeaveTheInputsAlone) {
  const auto plain = writeTrace("plain.sktrace", 300);
  const auto path = mDir / "events.sktrace";
  {
    auto writer = TraceWriter::create(path, sampleHeader(), mKey);
    ASSERT_TRUE(writer) << writer.error().toString();
    for (std::uint64_t t = 0; t < 300; ++t) {
      if (t == 100) {
        ASSERT_TRUE(writer->recordEvent(WorkstationEventKind::WindowMinimised));
      }
      if (t == 250) {
        ASSERT_TRUE(writer->recordEvent(WorkstationEventKind::WindowRestored));
      }
      ASSERT_TRUE(writer->append(sampleInput(t)));
    }
    ASSERT_TRUE(writer->finish(sampleResult()));
  }
  auto trace = TraceReader::read(path);
  ASSERT_TRUE(trace) << trace.error().toString();
  ASSERT_TRUE(trace->complete);
  EXPECT_EQ(trace->events,
            (std::vector<WorkstationEvent>{{100, WorkstationEventKind::WindowMinimised},
                                           {250, WorkstationEventKind::WindowRestored}}));
  auto without = TraceReader::read(plain);
  ASSERT_TRUE(without);
  EXPECT_TRUE(without->events.empty());
  ASSERT_EQ(trace->actions.size(), 300u);
  for (std::uint64_t t = 0; t < 300; ++t) {
    ASSERT_EQ(trace->actions[t], without->actions[t]) << "tick " << t;
  }
  EXPECT_EQ(trace->resultHash, without->resultHash);
  // Each event costs one 15-byte frame (type 1, length 4, tick 1, kind 1, checksum 8) and, mid
  // second, one extra ticks frame header: the files differ by more than 2 x 15 bytes.
  EXPECT_GT(readFile(path).size(), readFile(plain).size() + 30);
  // 60 ticks per second (sampleHeader): tick 100 = 1.7 s, tick 250 = 4.2 s (4.1666…).
  EXPECT_EQ(describeWorkstationEvents(trace->events, 60, false),
            "window minimised at 1.7 s, restored at 4.2 s (away 2.5 s)");
  EXPECT_EQ(describeWorkstationEvents(trace->events, 60, true),
            "窗口于 1.7 秒最小化，4.2 秒恢复（离开 2.5 秒）");
}

TEST(WorkstationEvents, PlainWordsForUnpairedEventsAndNone) {
  using K = WorkstationEventKind;
  EXPECT_EQ(describeWorkstationEvents({}, 240, false), "");
  const std::vector<WorkstationEvent> events{
      {2400, K::WindowMinimised}, {3600, K::WindowRestored}, {6000, K::WindowMinimised}};
  EXPECT_EQ(describeWorkstationEvents(events, 240, false),
            "window minimised at 10.0 s, restored at 15.0 s (away 5.0 s); window minimised at "
            "25.0 s and not restored before the end");
  EXPECT_EQ(
      describeWorkstationEvents(events, 240, true),
      "窗口于 10.0 秒最小化，15.0 秒恢复（离开 5.0 秒）；窗口于 25.0 秒最小化，直到结束未恢复");
  EXPECT_EQ(describeWorkstationEvents({{480, K::WindowRestored}}, 240, false),
            "window restored at 2.0 s");
}

namespace {

/** Offset of the first frame of `type` after the preamble, walking the frame lengths. */
std::size_t findFrame(const std::string& bytes, char type) {
  std::size_t pos = 10;
  while (pos + 5 <= bytes.size()) {
    if (bytes[pos] == type) {
      return pos;
    }
    std::uint32_t length = 0;
    for (int i = 0; i < 4; ++i) {
      length |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[pos + 1 + i]))
                << (8 * i);
    }
    pos += 5 + length + 8;
  }
  return std::string::npos;
}

/** Recomputes the checksum of the frame at `frame` with a `payload`-byte payload, as a forger. */
void repairChecksum(std::string& bytes, std::size_t frame, std::size_t payload) {
  const core::Digest sum = core::hashBytes(std::string_view(bytes).substr(frame, 5 + payload));
  std::copy(sum.begin(), sum.begin() + 8,
            bytes.begin() + static_cast<std::ptrdiff_t>(frame + 5 + payload));
}

} // namespace

TEST_F(TraceWriterTest, AnAlteredWorkstationEventFailsTheSignatureOrIsRefused) {
  const auto path = mDir / "event.sktrace";
  {
    auto writer = TraceWriter::create(path, sampleHeader(), mKey);
    ASSERT_TRUE(writer);
    for (std::uint64_t t = 0; t < 120; ++t) {
      if (t == 90) {
        ASSERT_TRUE(writer->recordEvent(WorkstationEventKind::WindowMinimised));
      }
      ASSERT_TRUE(writer->append(sampleInput(t)));
    }
    ASSERT_TRUE(writer->finish(sampleResult()));
  }
  const std::string good = readFile(path);
  const std::size_t w = findFrame(good, 'W');
  ASSERT_NE(w, std::string::npos);
  ASSERT_EQ(good[w + 1], 2) << "payload: tick 90 (one varint byte) and the kind";
  ASSERT_EQ(good[w + 5], 90);
  ASSERT_EQ(good[w + 6], 0);

  // "Minimised" turned into "restored", checksum repaired: only the signature can tell.
  std::string forged = good;
  forged[w + 6] = 1;
  repairChecksum(forged, w, 2);
  auto trace = TraceReader::parse(forged, "forged.sktrace");
  ASSERT_FALSE(trace);
  EXPECT_EQ(trace.error().code, core::ErrorCode::Integrity);
  EXPECT_NE(trace.error().message.find("signature does not match"), std::string::npos)
      << trace.error().toString();

  // An unknown kind is refused, naming the frame.
  std::string unknown = good;
  unknown[w + 6] = 7;
  repairChecksum(unknown, w, 2);
  auto refused = TraceReader::parse(unknown, "unknown.sktrace");
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("event kind 7 is unknown (0 window minimised, 1 window "
                                         "restored)"),
            std::string::npos)
      << refused.error().toString();

  // A tick that is not where the event stands in the file.
  std::string moved = good;
  moved[w + 5] = 91;
  repairChecksum(moved, w, 2);
  auto misplaced = TraceReader::parse(moved, "moved.sktrace");
  ASSERT_FALSE(misplaced);
  EXPECT_NE(misplaced.error().message.find("the event names tick 91 but follows tick 90"),
            std::string::npos)
      << misplaced.error().toString();

  // A format 3 file has no event frames (the preamble's version is outside every checksum).
  std::string older = good;
  older[8] = 3;
  auto v3 = TraceReader::parse(older, "old.sktrace");
  ASSERT_FALSE(v3);
  EXPECT_NE(v3.error().message.find("(workstation event) at byte " + std::to_string(w) +
                                    ": a format 3 trace has no workstation event frames"),
            std::string::npos)
      << v3.error().toString();
}

// Issue 19, point 2: format 5 records the instructor's commands (frame `I`), signed, not simulated.
TEST_F(TraceWriterTest, InstructorCommandsReadBackWhereTheyStandAndChangeNoTick) {
  using K = InstructorCommandKind;
  using O = InstructorOutcome;
  const auto plain = writeTrace("plain.sktrace", 300);
  const auto path = mDir / "instructor.sktrace";
  {
    auto writer = TraceWriter::create(path, sampleHeader(), mKey);
    ASSERT_TRUE(writer) << writer.error().toString();
    for (std::uint64_t t = 0; t < 300; ++t) {
      if (t == 60) {
        ASSERT_TRUE(writer->recordInstructorEvent(K::Pause, O::Applied, ""));
        ASSERT_TRUE(writer->recordInstructorEvent(K::Resume, O::Applied, ""));
      }
      if (t == 150) {
        ASSERT_TRUE(writer->recordInstructorEvent(K::Message, O::Applied, "放慢速度 slow down"));
      }
      if (t == 210) {
        ASSERT_TRUE(writer->recordInstructorEvent(K::Pause, O::Refused, ""));
      }
      ASSERT_TRUE(writer->append(sampleInput(t)));
    }
    // Longer than a trace keeps: refused before anything is written.
    auto tooLong = writer->recordInstructorEvent(K::Message, O::Applied, std::string(1001, 'x'));
    ASSERT_FALSE(tooLong);
    EXPECT_EQ(tooLong.error().code, core::ErrorCode::InvalidInput);
    EXPECT_NE(tooLong.error().message.find("1001 bytes, longer than the 1000 a trace keeps"),
              std::string::npos)
        << tooLong.error().toString();
    ASSERT_TRUE(writer->finish(sampleResult()));
  }
  auto trace = TraceReader::read(path);
  ASSERT_TRUE(trace) << trace.error().toString();
  ASSERT_TRUE(trace->complete);
  EXPECT_EQ(trace->header.formatVersion, 6u);
  EXPECT_EQ(trace->instructorEvents,
            (std::vector<InstructorEvent>{{60, K::Pause, O::Applied, ""},
                                          {60, K::Resume, O::Applied, ""},
                                          {150, K::Message, O::Applied, "放慢速度 slow down"},
                                          {210, K::Pause, O::Refused, ""}}));
  EXPECT_TRUE(trace->events.empty());
  auto without = TraceReader::read(plain);
  ASSERT_TRUE(without);
  ASSERT_EQ(trace->actions.size(), 300u);
  for (std::uint64_t t = 0; t < 300; ++t) {
    ASSERT_EQ(trace->actions[t], without->actions[t]) << "tick " << t;
  }
  EXPECT_EQ(trace->resultHash, without->resultHash);
  // 60 ticks per second (sampleHeader): tick 60 = 1.0 s, 150 = 2.5 s, 210 = 3.5 s.
  EXPECT_EQ(describeInstructorEvents(trace->instructorEvents, 60, false),
            "paused by the instructor at 1.0 s; resumed by the instructor at 1.0 s; message from "
            "the instructor at 2.5 s: \"放慢速度 slow down\"; pause by the instructor refused at "
            "3.5 s (exam)");
  EXPECT_EQ(describeInstructorEvents(trace->instructorEvents, 60, true),
            "教员于 1.0 秒暂停；教员于 1.0 秒继续；教员于 2.5 秒发送消息：“放慢速度 slow "
            "down”；教员于 3.5 秒要求暂停，考试中未执行");
  EXPECT_EQ(describeInstructorEvents({{600, K::End, O::Applied, ""}}, 60, false),
            "ended by the instructor at 10.0 s");
  EXPECT_EQ(describeInstructorEvents({}, 60, false), "");
}

TEST_F(TraceWriterTest, AnAlteredInstructorCommandIsRefusedOrFailsTheSignature) {
  const auto path = mDir / "cmd.sktrace";
  {
    auto writer = TraceWriter::create(path, sampleHeader(), mKey);
    ASSERT_TRUE(writer);
    for (std::uint64_t t = 0; t < 120; ++t) {
      if (t == 90) {
        ASSERT_TRUE(writer->recordInstructorEvent(InstructorCommandKind::Pause,
                                                  InstructorOutcome::Applied, ""));
      }
      ASSERT_TRUE(writer->append(sampleInput(t)));
    }
    ASSERT_TRUE(writer->finish(sampleResult()));
  }
  const std::string good = readFile(path);
  const std::size_t f = findFrame(good, 'I');
  ASSERT_NE(f, std::string::npos);
  ASSERT_EQ(good[f + 1], 4) << "payload: tick 90 (one varint byte), kind, outcome, empty text";
  ASSERT_EQ(good[f + 5], 90);
  ASSERT_EQ(good[f + 6], 0) << "pause";
  ASSERT_EQ(good[f + 7], 0) << "applied";

  // "Applied" turned into "refused", checksum repaired: only the signature can tell.
  std::string forged = good;
  forged[f + 7] = 1;
  repairChecksum(forged, f, 4);
  auto trace = TraceReader::parse(forged, "forged.sktrace");
  ASSERT_FALSE(trace);
  EXPECT_NE(trace.error().message.find("signature does not match"), std::string::npos)
      << trace.error().toString();

  std::string unknown = good;
  unknown[f + 6] = 9;
  repairChecksum(unknown, f, 4);
  auto kind = TraceReader::parse(unknown, "unknown.sktrace");
  ASSERT_FALSE(kind);
  EXPECT_NE(kind.error().message.find(
                "instructor command kind 9 is unknown (0 pause, 1 resume, 2 message, 3 end)"),
            std::string::npos)
      << kind.error().toString();

  std::string outcome = good;
  outcome[f + 7] = 4;
  repairChecksum(outcome, f, 4);
  auto badOutcome = TraceReader::parse(outcome, "outcome.sktrace");
  ASSERT_FALSE(badOutcome);
  EXPECT_NE(badOutcome.error().message.find(
                "instructor command outcome 4 is unknown (0 applied, 1 refused)"),
            std::string::npos)
      << badOutcome.error().toString();

  std::string moved = good;
  moved[f + 5] = 89;
  repairChecksum(moved, f, 4);
  auto misplaced = TraceReader::parse(moved, "moved.sktrace");
  ASSERT_FALSE(misplaced);
  EXPECT_NE(
      misplaced.error().message.find("the instructor command names tick 89 but follows tick 90"),
      std::string::npos)
      << misplaced.error().toString();

  // A format 4 file has no instructor frames.
  std::string older = good;
  older[8] = 4;
  auto v4 = TraceReader::parse(older, "old.sktrace");
  ASSERT_FALSE(v4);
  EXPECT_NE(v4.error().message.find("(instructor command) at byte " + std::to_string(f) +
                                    ": a format 4 trace has no instructor command frames"),
            std::string::npos)
      << v4.error().toString();
}

} // namespace skillsim::records

namespace skillsim::records {
namespace {

/** A take-over frame ('P') as a forger would build it: parent hash, tick, a valid checksum. */
std::string takeOverFrame(std::uint8_t fill, std::uint8_t tick) {
  std::string frame = "P";
  frame += std::string{char(33), char(0), char(0), char(0)};
  frame += std::string(32, static_cast<char>(fill));
  frame += static_cast<char>(tick); // a one-byte varint (tick < 128)
  const core::Digest sum = core::hashBytes(frame);
  frame.append(reinterpret_cast<const char*>(sum.data()), 8);
  return frame;
}

} // namespace

// Issue 17, point 2: format 6 records a take-over (the parent trace's hash and the tick) in a
// frame right after the header; the child's first ticks are the parent's inputs.
TEST_F(TraceWriterTest, ATakeOverReadsBackWithItsParentAndTick) {
  TraceHeader header = sampleHeader();
  header.mode = AttemptMode::Practice;
  TakeOverRef ref;
  for (std::size_t i = 0; i < ref.parentTraceHash.size(); ++i) {
    ref.parentTraceHash[i] = static_cast<std::uint8_t>(i * 7 + 1);
  }
  ref.tick = 300;
  header.takeOver = ref;
  const auto path = mDir / "child.sktrace";
  {
    auto writer = TraceWriter::create(path, header, mKey);
    ASSERT_TRUE(writer) << writer.error().toString();
    for (std::uint64_t t = 0; t < 400; ++t) {
      ASSERT_TRUE(writer->append(sampleInput(t)));
    }
    ASSERT_TRUE(writer->finish(sampleResult()));
  }
  const std::string bytes = readFile(path);
  EXPECT_EQ(bytes[8], 6);
  auto trace = TraceReader::read(path);
  ASSERT_TRUE(trace) << trace.error().toString();
  ASSERT_TRUE(trace->complete);
  ASSERT_TRUE(trace->header.takeOver.has_value());
  EXPECT_EQ(*trace->header.takeOver, ref);
  EXPECT_EQ(trace->actions.size(), 400u);
  EXPECT_EQ(trace->actions[299], sampleInput(299));
  // A trace that is no take-over reads none (and is byte for byte a format 5 body).
  auto plain = TraceReader::read(writeTrace("plain.sktrace", 10));
  ASSERT_TRUE(plain);
  EXPECT_FALSE(plain->header.takeOver.has_value());

  // A format 5 file has no take-over frame (the preamble's version is outside every checksum).
  std::string older = bytes;
  older[8] = 5;
  auto v5 = TraceReader::parse(older, "old.sktrace");
  ASSERT_FALSE(v5);
  EXPECT_NE(v5.error().message.find("a format 5 trace has no take-over frame"), std::string::npos)
      << v5.error().toString();
}

TEST_F(TraceWriterTest, ATakeOverIsNeverAnExamAttempt) {
  TraceHeader header = sampleHeader();
  header.mode = AttemptMode::Exam;
  header.takeOver = TakeOverRef{{}, 10};
  auto refused = TraceWriter::create(mDir / "exam-child.sktrace", header, mKey);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, core::ErrorCode::InvalidInput);
  EXPECT_NE(refused.error().message.find("a take-over is always a practice attempt"),
            std::string::npos)
      << refused.error().toString();

  // A forger who adds a take-over frame to an exam trace is refused before any score is read.
  header.takeOver.reset();
  const auto path = mDir / "exam.sktrace";
  {
    auto writer = TraceWriter::create(path, header, mKey);
    ASSERT_TRUE(writer);
    for (std::uint64_t t = 0; t < 20; ++t) {
      ASSERT_TRUE(writer->append(sampleInput(t)));
    }
    ASSERT_TRUE(writer->finish(sampleResult()));
  }
  std::string bytes = readFile(path);
  const auto headerSize =
      static_cast<std::uint8_t>(bytes[11]) | (static_cast<std::uint8_t>(bytes[12]) << 8);
  const std::size_t afterHeader = 10 + 5 + headerSize + 8;
  bytes.insert(afterHeader, takeOverFrame(0xAB, 10));
  auto forged = TraceReader::parse(bytes, "forged.sktrace");
  ASSERT_FALSE(forged);
  EXPECT_NE(forged.error().message.find(
                "frame 1 (take-over) at byte " + std::to_string(afterHeader) +
                ": the header says exam but the attempt was taken over from a replay at tick 10; "
                "a take-over is always a practice attempt"),
            std::string::npos)
      << forged.error().toString();
}

TEST_F(TraceWriterTest, ATakeOverFrameAnywhereButAfterTheHeaderIsRefused) {
  std::string bytes = readFile(writeTrace("late.sktrace", 70));
  // After the first ticks frame (frame 1): a take-over frame as frame 2.
  const auto headerSize =
      static_cast<std::uint8_t>(bytes[11]) | (static_cast<std::uint8_t>(bytes[12]) << 8);
  const std::size_t ticksAt = 10 + 5 + headerSize + 8;
  const auto ticksSize = static_cast<std::uint8_t>(bytes[ticksAt + 1]) |
                         (static_cast<std::uint8_t>(bytes[ticksAt + 2]) << 8);
  const std::size_t after = ticksAt + 5 + ticksSize + 8;
  bytes.insert(after, takeOverFrame(0x11, 5));
  auto late = TraceReader::parse(bytes, "late.sktrace");
  ASSERT_FALSE(late);
  EXPECT_NE(late.error().message.find("frame 2 (take-over) at byte " + std::to_string(after) +
                                      ": a take-over frame must come right after the header"),
            std::string::npos)
      << late.error().toString();
}

} // namespace skillsim::records
