#include "skillsim/records/TraceWriter.h"

#include "TraceFormat.h"
#include "skillsim/records/ResultHash.h"
#include "skillsim/records/ResultJson.h"

#include <skillsim/core/Check.h>

#include <bit>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <span>
#include <unistd.h>

namespace skillsim::records {
namespace tf = trace_format;

namespace {

core::Error ioError(const std::filesystem::path& path, const std::string& what) {
  return core::makeError(core::ErrorCode::Io, what + ": " + std::strerror(errno),
                         core::SourceLocation{.file = path.string()});
}

} // namespace

core::Expected<TraceWriter> TraceWriter::create(const std::filesystem::path& path,
                                                TraceHeader header, const WorkstationKey& key) {
  const core::SourceLocation where{.file = path.string()};
  if (header.tickRate == 0 || header.tickRate > kMaxTickRate) {
    return core::makeError(core::ErrorCode::InvalidInput,
                           "header.tickRate is " + std::to_string(header.tickRate) +
                               "; it must be 1.." + std::to_string(kMaxTickRate) +
                               " ticks per second (the simulation's default is 240)",
                           where);
  }
  if (header.scenarioId.empty()) {
    return core::makeError(core::ErrorCode::InvalidInput,
                           "header.scenarioId is empty; a trace must name its scenario", where);
  }
  if (header.takeOver && header.mode != AttemptMode::Practice) {
    return core::makeError(core::ErrorCode::InvalidInput,
                           "header.mode is exam but the attempt is taken over from a replay; a "
                           "take-over is always a practice attempt (docs/replay.md)",
                           where);
  }
  header.publicKey = key.publicKey();
  TraceWriter writer;
  writer.mPath = path;
  writer.mHeader = std::move(header);
  writer.mKey = &key;
  writer.mFile = std::fopen(path.c_str(), "wb");
  if (writer.mFile == nullptr) {
    return ioError(path, "cannot create the trace file");
  }
  writer.mSigned = std::make_unique<core::Hasher>();
  writer.mSigned->update(tf::kSignaturePrefix);
  std::vector<std::uint8_t> start = tf::preamble();
  const std::vector<std::uint8_t> head =
      tf::frame(tf::kHeaderFrame, tf::encodeHeader(writer.mHeader));
  start.insert(start.end(), head.begin(), head.end());
  if (const auto& taken = writer.mHeader.takeOver) {
    // Format 6: the take-over frame right after the header (docs/trace-format.md).
    tf::ByteSink payload;
    payload.raw(taken->parentTraceHash.data(), taken->parentTraceHash.size());
    payload.varint(taken->tick);
    const std::vector<std::uint8_t> frame = tf::frame(tf::kTakeOverFrame, payload.bytes);
    start.insert(start.end(), frame.begin(), frame.end());
  }
  if (auto w = writer.writeBytes(start); !w) {
    return std::move(w).error();
  }
  if (auto f = writer.flush(); !f) {
    return std::move(f).error();
  }
  return writer;
}

TraceWriter::TraceWriter(TraceWriter&& other) noexcept { *this = std::move(other); }

TraceWriter& TraceWriter::operator=(TraceWriter&& other) noexcept {
  if (this != &other) {
    close();
    mPath = std::move(other.mPath);
    mHeader = std::move(other.mHeader);
    mKey = other.mKey;
    mFile = std::exchange(other.mFile, nullptr);
    mSigned = std::move(other.mSigned);
    mPending = std::move(other.mPending);
    mPendingChanges = other.mPendingChanges;
    mFrameFirstTick = other.mFrameFirstTick;
    mTickCount = other.mTickCount;
    mLastChangeTick = other.mLastChangeTick;
    mLast = other.mLast;
    mEnded = other.mEnded;
  }
  return *this;
}

TraceWriter::~TraceWriter() { close(); }

void TraceWriter::close() {
  if (mFile == nullptr) {
    return;
  }
  if (!mEnded) {
    (void)writeTicksFrame(); // a destructor never fails: what cannot be written is the crash case
  }
  std::fflush(mFile);
  ::fdatasync(::fileno(mFile));
  std::fclose(mFile);
  mFile = nullptr;
}

core::Expected<void> TraceWriter::writeBytes(const std::vector<std::uint8_t>& bytes) {
  if (std::fwrite(bytes.data(), 1, bytes.size(), mFile) != bytes.size()) {
    return ioError(mPath, "cannot write the trace");
  }
  mSigned->update(std::as_bytes(std::span(bytes)));
  return {};
}

core::Expected<void> TraceWriter::append(const core::ActionState& state) {
  SKILLSIM_CHECK(!mEnded && mFile != nullptr, "TraceWriter::append after finish or abandon");
  if (mTickCount >= kMaxTraceSeconds * mHeader.tickRate) {
    return core::makeError(core::ErrorCode::InvalidInput,
                           "the attempt is longer than the trace limit of " +
                               std::to_string(kMaxTraceSeconds) + " s",
                           core::SourceLocation{.file = mPath.string(), .tick = mTickCount});
  }
  const std::size_t axisCount = mHeader.axisControls.size();
  for (std::size_t i = 0; i < core::kMaxAxes; ++i) {
    const float v = state.axes[i];
    if (i >= axisCount && std::bit_cast<std::uint32_t>(v) != 0) {
      return core::makeError(core::ErrorCode::InvalidInput,
                             "axis slot " + std::to_string(i) + " is " + std::to_string(v) +
                                 " but the machine declares " + std::to_string(axisCount) +
                                 " axis controls",
                             core::SourceLocation{.file = mPath.string(), .tick = mTickCount});
    }
    if (!std::isfinite(v) || v < -1.0f || v > 1.0f) {
      return core::makeError(core::ErrorCode::InvalidInput,
                             "axis " + mHeader.axisControls[i] + " is " + std::to_string(v) +
                                 "; axis values must be finite and in [-1, 1]",
                             core::SourceLocation{.file = mPath.string(), .tick = mTickCount});
    }
  }
  const std::size_t buttonCount = mHeader.buttonControls.size();
  if (buttonCount < 32 && (state.buttons >> buttonCount) != 0) {
    return core::makeError(core::ErrorCode::InvalidInput,
                           "a button bit beyond the machine's " + std::to_string(buttonCount) +
                               " buttons is set",
                           core::SourceLocation{.file = mPath.string(), .tick = mTickCount});
  }
  std::uint32_t mask = 0;
  for (std::size_t i = 0; i < axisCount; ++i) {
    if (std::bit_cast<std::uint32_t>(state.axes[i]) !=
        std::bit_cast<std::uint32_t>(mLast.axes[i])) {
      mask |= 1u << i;
    }
  }
  if (state.buttons != mLast.buttons) {
    mask |= tf::kButtonsBit;
  }
  if (mask != 0) {
    tf::ByteSink sink;
    const std::uint64_t base = mPendingChanges == 0 ? mFrameFirstTick : mLastChangeTick;
    sink.varint(mTickCount - base);
    sink.u32(mask);
    for (std::size_t i = 0; i < axisCount; ++i) {
      if ((mask >> i) & 1u) {
        sink.f32(state.axes[i]);
      }
    }
    if ((mask & tf::kButtonsBit) != 0) {
      sink.u32(state.buttons);
    }
    mPending.insert(mPending.end(), sink.bytes.begin(), sink.bytes.end());
    ++mPendingChanges;
    mLastChangeTick = mTickCount;
    mLast = state;
  }
  ++mTickCount;
  if (mTickCount - mFrameFirstTick >= mHeader.tickRate) {
    return flush(); // at least once per simulated second (issue 6: a crash loses at most 1 s)
  }
  return {};
}

core::Expected<void> TraceWriter::writeTicksFrame() {
  const std::uint64_t count = mTickCount - mFrameFirstTick;
  if (count == 0) {
    return {};
  }
  tf::ByteSink payload;
  payload.varint(mFrameFirstTick);
  payload.varint(count);
  payload.varint(mPendingChanges);
  payload.raw(mPending.data(), mPending.size());
  auto written = writeBytes(tf::frame(tf::kTicksFrame, payload.bytes));
  mPending.clear();
  mPendingChanges = 0;
  mFrameFirstTick = mTickCount;
  return written;
}

core::Expected<void> TraceWriter::flush() {
  SKILLSIM_CHECK(mFile != nullptr, "TraceWriter::flush on a closed writer");
  if (auto w = writeTicksFrame(); !w) {
    return w;
  }
  if (std::fflush(mFile) != 0 || ::fdatasync(::fileno(mFile)) != 0) {
    return ioError(mPath, "cannot flush the trace to the disk");
  }
  return {};
}

core::Expected<void> TraceWriter::recordEvent(WorkstationEventKind kind) {
  SKILLSIM_CHECK(!mEnded && mFile != nullptr, "TraceWriter::recordEvent after the trace ended");
  // The ticks before the event go first, so the reader sees the event after exactly tickCount()
  // ticks (docs/trace-format.md, "Workstation event frame").
  if (auto w = writeTicksFrame(); !w) {
    return w;
  }
  tf::ByteSink payload;
  payload.varint(mTickCount);
  payload.u8(static_cast<std::uint8_t>(kind));
  if (auto w = writeBytes(tf::frame(tf::kEventFrame, payload.bytes)); !w) {
    return w;
  }
  return flush();
}

core::Expected<void> TraceWriter::recordInstructorEvent(InstructorCommandKind kind,
                                                        InstructorOutcome outcome,
                                                        std::string_view text) {
  SKILLSIM_CHECK(!mEnded && mFile != nullptr,
                 "TraceWriter::recordInstructorEvent after the trace ended");
  if (text.size() > kMaxInstructorTextBytes) {
    return core::makeError(core::ErrorCode::InvalidInput,
                           mPath.string() + ": the instructor's text is " +
                               std::to_string(text.size()) + " bytes, longer than the " +
                               std::to_string(kMaxInstructorTextBytes) + " a trace keeps");
  }
  if (auto w = writeTicksFrame(); !w) {
    return w;
  }
  tf::ByteSink payload;
  payload.varint(mTickCount);
  payload.u8(static_cast<std::uint8_t>(kind));
  payload.u8(static_cast<std::uint8_t>(outcome));
  payload.str(text);
  if (auto w = writeBytes(tf::frame(tf::kInstructorFrame, payload.bytes)); !w) {
    return w;
  }
  return flush();
}

core::Expected<void> TraceWriter::writeSignedFinal(std::uint8_t type,
                                                   std::vector<std::uint8_t> body) {
  if (auto w = writeTicksFrame(); !w) {
    return w;
  }
  // The signature covers every byte before it: the file so far, then this frame's type, length
  // and body (docs/trace-format.md, "signature").
  tf::ByteSink head;
  head.u8(type);
  head.u32(static_cast<std::uint32_t>(body.size() + std::tuple_size_v<Signature>));
  mSigned->update(std::as_bytes(std::span(head.bytes)));
  mSigned->update(std::as_bytes(std::span(body)));
  const core::Digest digest = mSigned->finish();
  const Signature signature = mKey->sign(digest);
  body.insert(body.end(), signature.begin(), signature.end());
  const std::vector<std::uint8_t> bytes = tf::frame(type, body);
  mEnded = true;
  if (std::fwrite(bytes.data(), 1, bytes.size(), mFile) != bytes.size() ||
      std::fflush(mFile) != 0 || ::fdatasync(::fileno(mFile)) != 0) {
    auto error = ioError(mPath, "cannot write the trace's end record");
    close();
    return error;
  }
  close();
  return {};
}

core::Expected<void> TraceWriter::finish(const assessment::AttemptResult& result) {
  SKILLSIM_CHECK(!mEnded && mFile != nullptr, "TraceWriter::finish called twice");
  tf::ByteSink body;
  body.varint(mTickCount);
  const core::Digest hash = resultHash(result);
  body.raw(hash.data(), hash.size());
  body.str(resultToJson(result));
  return writeSignedFinal(tf::kEndFrame, std::move(body.bytes));
}

core::Expected<void> TraceWriter::abandon(std::string_view reason) {
  SKILLSIM_CHECK(!mEnded && mFile != nullptr, "TraceWriter::abandon after the trace ended");
  tf::ByteSink body;
  body.varint(mTickCount);
  body.str(reason);
  return writeSignedFinal(tf::kAbandonFrame, std::move(body.bytes));
}

} // namespace skillsim::records
