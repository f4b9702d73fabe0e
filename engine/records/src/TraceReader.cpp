#include "skillsim/records/TraceReader.h"

#include "TraceFormat.h"
#include "skillsim/records/ResultHash.h"
#include "skillsim/records/ResultJson.h"
#include "skillsim/records/WorkstationKey.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <span>

namespace skillsim::records {
namespace tf = trace_format;

namespace {

/** Seconds with one decimal ("198.0"), as people read a duration. */
std::string secondsText(double s) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", s);
  return buffer;
}

std::string frameName(std::uint8_t type) {
  switch (type) {
  case tf::kHeaderFrame: return "header";
  case tf::kTicksFrame: return "ticks";
  case tf::kEndFrame: return "end";
  case tf::kAbandonFrame: return "abandon";
  case tf::kEventFrame: return "workstation event";
  case tf::kInstructorFrame: return "instructor command";
  case tf::kTakeOverFrame: return "take-over";
  default: return "unknown";
  }
}

/** Parses one trace; every failure is an Error naming the file and byte offset. */
class Parser {
public:
  Parser(std::string_view bytes, const std::string& name)
      : mData(reinterpret_cast<const std::uint8_t*>(bytes.data())), mSize(bytes.size()),
        mName(name) {}

  core::Expected<Trace> run();

private:
  core::Error fail(core::ErrorCode code, const std::string& message,
                   std::optional<std::uint64_t> tick = std::nullopt) const {
    return core::makeError(code, message, core::SourceLocation{.file = mName, .tick = tick});
  }
  std::string at(std::size_t offset) const {
    return "frame " + std::to_string(mFrameIndex) + " (" + frameName(mType) + ") at byte " +
           std::to_string(offset);
  }
  std::optional<core::Error> decodeHeader(tf::ByteSource& src, std::size_t offset);
  std::optional<core::Error> decodeTicks(tf::ByteSource& src, std::size_t offset);
  std::optional<core::Error> decodeEvent(tf::ByteSource& src, std::size_t offset);
  std::optional<core::Error> decodeInstructor(tf::ByteSource& src, std::size_t offset);
  std::optional<core::Error> decodeTakeOver(tf::ByteSource& src, std::size_t offset);
  std::optional<core::Error> decodeFinal(tf::ByteSource& src, std::size_t frameStart,
                                         std::size_t payloadSize);

  const std::uint8_t* mData;
  std::size_t mSize;
  std::string mName;
  Trace mTrace;
  std::size_t mFrameIndex = 0;
  std::uint8_t mType = 0;
  bool mHaveHeader = false;
  bool mEnded = false;
  core::ActionState mState{};
};

core::Expected<Trace> Parser::run() {
  mTrace.fileHash = core::hashBytes(std::string_view(reinterpret_cast<const char*>(mData), mSize));
  if (mSize == 0) {
    return fail(core::ErrorCode::InvalidInput,
                "the trace is empty (0 bytes): it was truncated, or it is not a trace");
  }
  if (mSize < tf::kPreambleSize) {
    const std::size_t n = std::min(mSize, tf::kMagic.size());
    if (n == 0 || std::memcmp(mData, tf::kMagic.data(), n) != 0) {
      return fail(core::ErrorCode::InvalidInput,
                  "not a SkillSim trace (.sktrace): the file does not start with the trace "
                  "magic bytes 'SKTRACE'");
    }
    return fail(core::ErrorCode::InvalidInput,
                "the trace is truncated: it ends at byte " + std::to_string(mSize) +
                    ", before its header; nothing of the attempt is readable");
  }
  if (std::memcmp(mData, tf::kMagic.data(), tf::kMagic.size()) != 0) {
    return fail(core::ErrorCode::InvalidInput,
                "not a SkillSim trace (.sktrace): the file does not start with the trace magic "
                "bytes 'SKTRACE'");
  }
  const auto version = static_cast<std::uint16_t>(mData[8] | (mData[9] << 8));
  if (version < kOldestTraceFormatVersion || version > kTraceFormatVersion) {
    return fail(core::ErrorCode::Unsupported,
                "trace format version " + std::to_string(version) + " is not supported; this " +
                    "build reads versions " + std::to_string(kOldestTraceFormatVersion) + " to " +
                    std::to_string(kTraceFormatVersion));
  }
  mTrace.header.formatVersion = version;
  std::size_t pos = tf::kPreambleSize;
  while (pos < mSize) {
    if (mEnded) {
      return fail(core::ErrorCode::Integrity, std::to_string(mSize - pos) +
                                                  " bytes follow the trace's end record at byte " +
                                                  std::to_string(pos) + ": the file was altered");
    }
    const std::size_t remaining = mSize - pos;
    std::string cutOff;
    std::uint32_t length = 0;
    if (remaining >= tf::kFrameHeadSize) {
      mType = mData[pos];
      for (int i = 0; i < 4; ++i) {
        length |= static_cast<std::uint32_t>(mData[pos + 1 + i]) << (8 * i);
      }
      if (length > tf::kMaxPayload) {
        return fail(core::ErrorCode::Integrity,
                    "frame " + std::to_string(mFrameIndex) + " at byte " + std::to_string(pos) +
                        " declares " + std::to_string(length) + " bytes, more than the " +
                        std::to_string(tf::kMaxPayload) +
                        "-byte limit: the file is damaged or was altered");
      }
    }
    if (remaining < tf::kFrameHeadSize ||
        remaining < tf::kFrameHeadSize + length + tf::kChecksumSize) {
      if (!mHaveHeader) {
        return fail(core::ErrorCode::InvalidInput,
                    "the trace is truncated inside its header frame at byte " +
                        std::to_string(pos) + "; nothing of the attempt is readable");
      }
      mTrace.incompleteReason =
          "incomplete attempt: the trace ends inside frame " + std::to_string(mFrameIndex) +
          " at byte " + std::to_string(pos) + " (" + std::to_string(remaining) +
          " bytes of a partly written frame) after " + std::to_string(mTrace.actions.size()) +
          " ticks" +
          " without its end record: the recording was cut off (crash, power loss) or the file "
          "was truncated; it is not a result";
      return std::move(mTrace);
    }
    const std::size_t payloadSize = length;
    const auto sum = tf::checksum(mData + pos, tf::kFrameHeadSize + payloadSize);
    if (std::memcmp(sum.data(), mData + pos + tf::kFrameHeadSize + payloadSize, sum.size()) != 0) {
      return fail(core::ErrorCode::Integrity,
                  at(pos) + ": checksum mismatch: the file was altered or damaged");
    }
    tf::ByteSource src(mData + pos + tf::kFrameHeadSize, payloadSize);
    std::optional<core::Error> error;
    if (!mHaveHeader && mType != tf::kHeaderFrame) {
      return fail(core::ErrorCode::Integrity, at(pos) + ": the first frame must be the header");
    }
    switch (mType) {
    case tf::kHeaderFrame:
      if (mHaveHeader) {
        return fail(core::ErrorCode::Integrity, at(pos) + ": a second header frame");
      }
      error = decodeHeader(src, pos);
      break;
    case tf::kTicksFrame: error = decodeTicks(src, pos); break;
    case tf::kEventFrame: error = decodeEvent(src, pos); break;
    case tf::kInstructorFrame: error = decodeInstructor(src, pos); break;
    case tf::kTakeOverFrame: error = decodeTakeOver(src, pos); break;
    case tf::kEndFrame:
    case tf::kAbandonFrame: error = decodeFinal(src, pos, payloadSize); break;
    default:
      return fail(core::ErrorCode::Integrity, "frame " + std::to_string(mFrameIndex) + " at byte " +
                                                  std::to_string(pos) + " has unknown type " +
                                                  std::to_string(mType) +
                                                  ": the file is damaged or was altered");
    }
    if (error) {
      return std::move(*error);
    }
    pos += tf::kFrameHeadSize + payloadSize + tf::kChecksumSize;
    ++mFrameIndex;
  }
  if (!mHaveHeader) {
    return fail(core::ErrorCode::InvalidInput,
                "the trace is truncated: it ends at byte " + std::to_string(mSize) +
                    ", before its header; nothing of the attempt is readable");
  }
  if (!mEnded) {
    mTrace.incompleteReason =
        "incomplete attempt: the trace ends after " + std::to_string(mTrace.actions.size()) +
        " ticks (" + secondsText(mTrace.duration()) +
        " s) without its end record: the recording stopped (crash, power loss, killed process) "
        "or the file was truncated; it is not a result";
  }
  return std::move(mTrace);
}

std::optional<core::Error> Parser::decodeHeader(tf::ByteSource& src, std::size_t offset) {
  TraceHeader& h = mTrace.header;
  auto engine = src.str();
  auto build = src.str();
  auto scenarioId = src.str();
  auto scenarioVersion = src.str();
  const bool hashOk = src.raw(h.scenarioHash.data(), h.scenarioHash.size());
  auto tickRate = src.u32();
  auto trainee = src.str();
  auto mode = src.u8();
  auto start = src.u64();
  const bool keyOk = src.raw(h.publicKey.data(), h.publicKey.size());
  bool layoutOk = true;
  if (h.formatVersion >= 2) {
    for (auto [ids, most] : {std::pair{&h.axisControls, core::kMaxAxes},
                             std::pair{&h.buttonControls, core::kMaxButtons}}) {
      const auto n = src.varint();
      layoutOk = layoutOk && n && *n <= most;
      for (std::uint64_t i = 0; layoutOk && i < *n; ++i) {
        auto id = src.str();
        layoutOk = id.has_value() && !id->empty();
        if (layoutOk) {
          ids->push_back(std::move(*id));
        }
      }
    }
  }
  std::optional<std::uint8_t> flags = std::uint8_t{0};
  std::optional<std::string> sessionId = std::string();
  std::optional<std::string> invigilator = std::string();
  std::optional<std::uint64_t> opened = std::uint64_t{0};
  if (h.formatVersion >= 3) {
    flags = src.u8();
    sessionId = src.str();
    invigilator = src.str();
    opened = src.u64();
  }
  if (!engine || !build || !scenarioId || !scenarioVersion || !hashOk || !tickRate || !trainee ||
      !mode || !start || !keyOk || !layoutOk || !flags || !sessionId || !invigilator || !opened ||
      !src.atEnd()) {
    return fail(core::ErrorCode::Integrity,
                at(offset) + ": the header's fields do not match format version " +
                    std::to_string(h.formatVersion));
  }
  if (*tickRate == 0 || *tickRate > kMaxTickRate) {
    return fail(core::ErrorCode::Integrity, at(offset) + ": header.tickRate " +
                                                std::to_string(*tickRate) + " is outside 1.." +
                                                std::to_string(kMaxTickRate) + " Hz");
  }
  if (*mode > static_cast<std::uint8_t>(AttemptMode::Exam)) {
    return fail(core::ErrorCode::Integrity, at(offset) + ": header.mode " + std::to_string(*mode) +
                                                " is unknown (0 practice, 1 exam)");
  }
  if ((*flags & ~tf::kScriptedFlag) != 0) {
    return fail(core::ErrorCode::Integrity, at(offset) + ": header.flags " +
                                                std::to_string(*flags) +
                                                " sets bits this build does not know (bit 0: "
                                                "scripted)");
  }
  if (sessionId->empty() != invigilator->empty()) {
    return fail(core::ErrorCode::Integrity,
                at(offset) + ": header.examSession names " +
                    (sessionId->empty() ? "an invigilator but no session id"
                                        : "a session id but no invigilator"));
  }
  h.scripted = (*flags & tf::kScriptedFlag) != 0;
  h.examSession = {std::move(*sessionId), std::move(*invigilator),
                   static_cast<std::int64_t>(*opened)};
  h.engineVersion = std::move(*engine);
  h.buildId = std::move(*build);
  h.scenarioId = std::move(*scenarioId);
  h.scenarioVersion = std::move(*scenarioVersion);
  h.tickRate = *tickRate;
  h.traineeId = std::move(*trainee);
  h.mode = static_cast<AttemptMode>(*mode);
  h.startUtc = static_cast<std::int64_t>(*start);
  mHaveHeader = true;
  return std::nullopt;
}

std::optional<core::Error> Parser::decodeTicks(tf::ByteSource& src, std::size_t offset) {
  const auto first = src.varint();
  const auto count = src.varint();
  const auto changes = src.varint();
  if (!first || !count || !changes) {
    return fail(core::ErrorCode::Integrity, at(offset) + ": the ticks frame's counts are cut off");
  }
  if (*first != mTrace.actions.size()) {
    return fail(core::ErrorCode::Integrity,
                at(offset) + ": starts at tick " + std::to_string(*first) + " but tick " +
                    std::to_string(mTrace.actions.size()) + " was expected");
  }
  // A writer puts at most one simulated second in a frame, and an attempt lasts at most
  // kMaxTraceSeconds; the bounds keep a crafted count from allocating without limit.
  const std::uint64_t maxTicks = kMaxTraceSeconds * mTrace.header.tickRate;
  if (*count == 0 || *count > mTrace.header.tickRate || *changes > *count ||
      *first + *count > maxTicks) {
    return fail(core::ErrorCode::Integrity, at(offset) + ": implausible counts (" +
                                                std::to_string(*count) + " ticks, " +
                                                std::to_string(*changes) + " changes)");
  }
  std::uint64_t prev = *first;
  std::uint64_t next = *first; // ticks before `next` are already in actions
  for (std::uint64_t c = 0; c < *changes; ++c) {
    const bool v1 = mTrace.header.formatVersion == 1;
    const auto delta = src.varint();
    std::optional<std::uint32_t> mask;
    if (v1) {
      // Version 1: u16, axes in bits 0..12, buttons in bit 15 (read as slot i, bit 31).
      if (auto m16 = src.u16()) {
        mask = (*m16 & ((1u << tf::kAxisBitsV1) - 1u)) |
               ((*m16 & tf::kButtonsBitV1) != 0 ? tf::kButtonsBit : 0u) |
               ((*m16 & ~(tf::kButtonsBitV1 | ((1u << tf::kAxisBitsV1) - 1u))) != 0 ? 0x4000u : 0u);
      }
    } else {
      mask = src.u32();
    }
    if (!delta || !mask) {
      return fail(core::ErrorCode::Integrity, at(offset) + ": change record cut off");
    }
    const std::uint64_t tick = prev + *delta;
    if ((c > 0 && *delta == 0) || tick >= *first + *count || tick < prev) {
      return fail(core::ErrorCode::Integrity,
                  at(offset) + ": change record " + std::to_string(c) +
                      " names a tick outside the frame or out of order",
                  tick);
    }
    const std::size_t axisBits = v1 ? tf::kAxisBitsV1 : mTrace.header.axisControls.size();
    if ((*mask & ~(tf::kButtonsBit | ((1u << axisBits) - 1u))) != 0 || *mask == 0) {
      return fail(core::ErrorCode::Integrity,
                  at(offset) + ": change record " + std::to_string(c) + " has an invalid mask",
                  tick);
    }
    mTrace.actions.append(mState, tick - next);
    next = tick;
    for (std::size_t i = 0; i < axisBits; ++i) {
      if ((*mask >> i) & 1u) {
        const auto v = src.f32();
        if (!v) {
          return fail(core::ErrorCode::Integrity, at(offset) + ": change record cut off", tick);
        }
        if (!std::isfinite(*v) || *v < -1.0f || *v > 1.0f) {
          return fail(core::ErrorCode::Integrity,
                      at(offset) + ": axis " +
                          (v1 ? "slot " + std::to_string(i) : mTrace.header.axisControls[i]) +
                          " is " + std::to_string(*v) + ", outside [-1, 1]",
                      tick);
        }
        mState.axes[i] = *v;
      }
    }
    if ((*mask & tf::kButtonsBit) != 0) {
      const auto b = src.u32();
      if (!b) {
        return fail(core::ErrorCode::Integrity, at(offset) + ": change record cut off", tick);
      }
      const std::size_t buttonCount = mTrace.header.buttonControls.size();
      if (mTrace.header.formatVersion >= 2 && buttonCount < 32 && (*b >> buttonCount) != 0) {
        return fail(core::ErrorCode::Integrity,
                    at(offset) + ": change record " + std::to_string(c) +
                        " sets a button beyond the header's " + std::to_string(buttonCount),
                    tick);
      }
      mState.buttons = *b;
    }
    prev = tick;
  }
  if (!src.atEnd()) {
    return fail(core::ErrorCode::Integrity, at(offset) + ": extra bytes after the change records");
  }
  mTrace.actions.append(mState, *first + *count - next);
  return std::nullopt;
}

std::optional<core::Error> Parser::decodeEvent(tf::ByteSource& src, std::size_t offset) {
  if (mTrace.header.formatVersion < tf::kFirstEventVersion) {
    return fail(core::ErrorCode::Integrity,
                at(offset) + ": a format " + std::to_string(mTrace.header.formatVersion) +
                    " trace has no workstation event frames (they came with format 4)");
  }
  const auto tick = src.varint();
  const auto kind = src.u8();
  if (!tick || !kind || !src.atEnd()) {
    return fail(core::ErrorCode::Integrity,
                at(offset) + ": the event record is not a tick and a kind");
  }
  if (*kind > static_cast<std::uint8_t>(WorkstationEventKind::WindowRestored)) {
    return fail(core::ErrorCode::Integrity,
                at(offset) + ": event kind " + std::to_string(*kind) +
                    " is unknown (0 window minimised, 1 window restored)",
                *tick);
  }
  // The writer puts an event after the ticks frame that ends where it happened.
  if (*tick != mTrace.actions.size()) {
    return fail(core::ErrorCode::Integrity,
                at(offset) + ": the event names tick " + std::to_string(*tick) +
                    " but follows tick " + std::to_string(mTrace.actions.size()),
                *tick);
  }
  mTrace.events.push_back({*tick, static_cast<WorkstationEventKind>(*kind)});
  return std::nullopt;
}

std::optional<core::Error> Parser::decodeInstructor(tf::ByteSource& src, std::size_t offset) {
  if (mTrace.header.formatVersion < tf::kFirstInstructorVersion) {
    return fail(core::ErrorCode::Integrity,
                at(offset) + ": a format " + std::to_string(mTrace.header.formatVersion) +
                    " trace has no instructor command frames (they came with format 5)");
  }
  const auto tick = src.varint();
  const auto kind = src.u8();
  const auto outcome = src.u8();
  auto text = src.str();
  if (!tick || !kind || !outcome || !text || !src.atEnd()) {
    return fail(core::ErrorCode::Integrity,
                at(offset) +
                    ": the instructor command is not a tick, a kind, an outcome and a text");
  }
  if (*kind > static_cast<std::uint8_t>(InstructorCommandKind::End)) {
    return fail(core::ErrorCode::Integrity,
                at(offset) + ": instructor command kind " + std::to_string(*kind) +
                    " is unknown (0 pause, 1 resume, 2 message, 3 end)",
                *tick);
  }
  if (*outcome > static_cast<std::uint8_t>(InstructorOutcome::Refused)) {
    return fail(core::ErrorCode::Integrity,
                at(offset) + ": instructor command outcome " + std::to_string(*outcome) +
                    " is unknown (0 applied, 1 refused)",
                *tick);
  }
  if (text->size() > kMaxInstructorTextBytes) {
    return fail(core::ErrorCode::Integrity,
                at(offset) + ": the instructor's text is " + std::to_string(text->size()) +
                    " bytes, more than " + std::to_string(kMaxInstructorTextBytes),
                *tick);
  }
  if (*tick != mTrace.actions.size()) {
    return fail(core::ErrorCode::Integrity,
                at(offset) + ": the instructor command names tick " + std::to_string(*tick) +
                    " but follows tick " + std::to_string(mTrace.actions.size()),
                *tick);
  }
  mTrace.instructorEvents.push_back({*tick, static_cast<InstructorCommandKind>(*kind),
                                     static_cast<InstructorOutcome>(*outcome), std::move(*text)});
  return std::nullopt;
}

std::optional<core::Error> Parser::decodeTakeOver(tf::ByteSource& src, std::size_t offset) {
  if (mTrace.header.formatVersion < tf::kFirstTakeOverVersion) {
    return fail(core::ErrorCode::Integrity,
                at(offset) + ": a format " + std::to_string(mTrace.header.formatVersion) +
                    " trace has no take-over frame (it came with format 6)");
  }
  if (mFrameIndex != 1) {
    return fail(core::ErrorCode::Integrity,
                at(offset) + ": a take-over frame must come right after the header, once");
  }
  TakeOverRef ref;
  const bool hashOk = src.raw(ref.parentTraceHash.data(), ref.parentTraceHash.size());
  const auto tick = src.varint();
  if (!hashOk || !tick || !src.atEnd()) {
    return fail(core::ErrorCode::Integrity,
                at(offset) + ": the take-over is not a parent trace hash and a tick");
  }
  if (mTrace.header.mode != AttemptMode::Practice) {
    return fail(core::ErrorCode::Integrity,
                at(offset) +
                    ": the header says exam but the attempt was taken over from a "
                    "replay at tick " +
                    std::to_string(*tick) + "; a take-over is always a practice attempt");
  }
  ref.tick = *tick;
  mTrace.header.takeOver = ref;
  return std::nullopt;
}

std::optional<core::Error> Parser::decodeFinal(tf::ByteSource& src, std::size_t frameStart,
                                               std::size_t payloadSize) {
  if (payloadSize < std::tuple_size_v<Signature>) {
    return fail(core::ErrorCode::Integrity, at(frameStart) + ": too short for a signature");
  }
  core::Hasher signedHash;
  signedHash.update(tf::kSignaturePrefix);
  signedHash.update(std::as_bytes(std::span(mData, frameStart + tf::kFrameHeadSize + payloadSize -
                                                       std::tuple_size_v<Signature>)));
  const core::Digest digest = signedHash.finish();
  const auto ticks = src.varint();
  if (!ticks) {
    return fail(core::ErrorCode::Integrity, at(frameStart) + ": tick count cut off");
  }
  mEnded = true;
  if (mType == tf::kAbandonFrame) {
    auto reason = src.str();
    Signature sig{};
    if (!reason || !src.raw(sig.data(), sig.size()) || !src.atEnd()) {
      return fail(core::ErrorCode::Integrity, at(frameStart) + ": malformed abandon record");
    }
    if (!WorkstationKey::verify(mTrace.header.publicKey, digest, sig)) {
      return fail(core::ErrorCode::Integrity,
                  at(frameStart) + ": the signature does not match workstation key " +
                      keyId(mTrace.header.publicKey) + ": the trace was altered");
    }
    if (*ticks != mTrace.actions.size()) {
      return fail(core::ErrorCode::Integrity,
                  at(frameStart) + ": the abandon record counts " + std::to_string(*ticks) +
                      " ticks but the trace holds " + std::to_string(mTrace.actions.size()));
    }
    mTrace.abandonReason = *reason;
    mTrace.incompleteReason = "incomplete attempt: abandoned at tick " + std::to_string(*ticks) +
                              ": " + *reason + "; it is not a result";
    return std::nullopt;
  }
  core::Digest hash{};
  const bool hashOk = src.raw(hash.data(), hash.size());
  auto json = src.str();
  Signature sig{};
  if (!hashOk || !json || !src.raw(sig.data(), sig.size()) || !src.atEnd()) {
    return fail(core::ErrorCode::Integrity, at(frameStart) + ": malformed end record");
  }
  if (!WorkstationKey::verify(mTrace.header.publicKey, digest, sig)) {
    return fail(core::ErrorCode::Integrity,
                at(frameStart) + ": the signature does not match workstation key " +
                    keyId(mTrace.header.publicKey) + ": the trace was altered");
  }
  if (*ticks != mTrace.actions.size()) {
    return fail(core::ErrorCode::Integrity,
                at(frameStart) + ": the end record counts " + std::to_string(*ticks) +
                    " ticks but the trace holds " + std::to_string(mTrace.actions.size()));
  }
  if (const auto& taken = mTrace.header.takeOver; taken && taken->tick > *ticks) {
    return fail(core::ErrorCode::Integrity,
                at(frameStart) + ": the header says the attempt was taken over at tick " +
                    std::to_string(taken->tick) + " but the trace holds only " +
                    std::to_string(*ticks) + " ticks");
  }
  auto result = resultFromJson(*json, mName + " (end record)");
  if (!result) {
    return std::move(result).error();
  }
  if (resultHash(*result) != hash) {
    return fail(core::ErrorCode::Integrity,
                at(frameStart) + ": the stored result does not match its signed hash " +
                    core::toHex(hash));
  }
  mTrace.result = std::move(*result);
  mTrace.resultHash = hash;
  mTrace.complete = true;
  return std::nullopt;
}

} // namespace

core::Expected<Trace> TraceReader::parse(std::string_view bytes, const std::string& name) {
  return Parser(bytes, name).run();
}

core::Expected<Trace> TraceReader::read(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return core::makeError(core::ErrorCode::NotFound, "no such trace file",
                           core::SourceLocation{.file = path.string()});
  }
  if (std::filesystem::is_directory(path, ec)) {
    return core::makeError(core::ErrorCode::InvalidInput,
                           "is a folder, not a trace file: name one .sktrace file in it",
                           core::SourceLocation{.file = path.string()});
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return core::makeError(core::ErrorCode::Io, "cannot open the trace for reading",
                           core::SourceLocation{.file = path.string()});
  }
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) {
    return core::makeError(core::ErrorCode::Io, "cannot read the trace",
                           core::SourceLocation{.file = path.string()});
  }
  return parse(bytes, path.string());
}

namespace {

std::string joined(const std::vector<std::string>& ids) {
  std::string out;
  for (const std::string& id : ids) {
    out += (out.empty() ? "" : ", ") + id;
  }
  return "(" + out + ")";
}

} // namespace

std::string_view toString(InstructorCommandKind kind) {
  switch (kind) {
  case InstructorCommandKind::Pause: return "pause";
  case InstructorCommandKind::Resume: return "resume";
  case InstructorCommandKind::Message: return "message";
  case InstructorCommandKind::End: return "end";
  }
  return "message";
}

std::optional<InstructorCommandKind> instructorCommandKindFrom(std::string_view word) {
  for (const auto k : {InstructorCommandKind::Pause, InstructorCommandKind::Resume,
                       InstructorCommandKind::Message, InstructorCommandKind::End}) {
    if (toString(k) == word) {
      return k;
    }
  }
  return std::nullopt;
}

std::string_view toString(InstructorOutcome outcome) {
  return outcome == InstructorOutcome::Applied ? "applied" : "refused (exam)";
}

namespace {

/** A tick as seconds with one decimal ("12.5"); a tick rate of 0 reads as 1 Hz. */
std::string secondsText(std::uint64_t tick, std::uint32_t tickRate) {
  const double rate = tickRate == 0 ? 1.0 : static_cast<double>(tickRate);
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", static_cast<double>(tick) / rate);
  return std::string(text);
}

} // namespace

std::string describeInstructorEvents(const std::vector<InstructorEvent>& events,
                                     std::uint32_t tickRate, bool chinese) {
  auto seconds = [&](std::uint64_t tick) { return secondsText(tick, tickRate); };
  std::string out;
  for (const InstructorEvent& e : events) {
    const std::string at = seconds(e.tick);
    std::string part;
    const bool refused = e.outcome == InstructorOutcome::Refused;
    switch (e.kind) {
    case InstructorCommandKind::Pause:
      part = refused ? (chinese ? "教员于 " + at + " 秒要求暂停，考试中未执行"
                                : "pause by the instructor refused at " + at + " s (exam)")
                     : (chinese ? "教员于 " + at + " 秒暂停"
                                : "paused by the instructor at " + at + " s");
      break;
    case InstructorCommandKind::Resume:
      part = refused ? (chinese ? "教员于 " + at + " 秒要求继续，考试中未执行"
                                : "resume by the instructor refused at " + at + " s (exam)")
                     : (chinese ? "教员于 " + at + " 秒继续"
                                : "resumed by the instructor at " + at + " s");
      break;
    case InstructorCommandKind::Message:
      part = chinese ? "教员于 " + at + " 秒发送消息：“" + e.text + "”"
                     : "message from the instructor at " + at + " s: \"" + e.text + "\"";
      break;
    case InstructorCommandKind::End:
      part = chinese ? "教员于 " + at + " 秒结束了本次考核"
                     : "ended by the instructor at " + at + " s";
      break;
    }
    out += (out.empty() ? "" : chinese ? "；" : "; ") + part;
  }
  return out;
}

std::string describeWorkstationEvents(const std::vector<WorkstationEvent>& events,
                                      std::uint32_t tickRate, bool chinese) {
  auto seconds = [&](std::uint64_t tick) { return secondsText(tick, tickRate); };
  std::string out;
  std::optional<std::uint64_t> since; // tick of a minimising not yet restored
  auto add = [&](std::string part) { out += (out.empty() ? "" : chinese ? "；" : "; ") + part; };
  for (const WorkstationEvent& e : events) {
    if (e.kind == WorkstationEventKind::WindowMinimised) {
      if (since) {
        add(chinese ? "窗口于 " + seconds(*since) + " 秒最小化"
                    : "window minimised at " + seconds(*since) + " s");
      }
      since = e.tick;
    } else if (since) {
      const std::string away = seconds(e.tick - *since);
      add(chinese ? "窗口于 " + seconds(*since) + " 秒最小化，" + seconds(e.tick) +
                        " 秒恢复（离开 " + away + " 秒）"
                  : "window minimised at " + seconds(*since) + " s, restored at " +
                        seconds(e.tick) + " s (away " + away + " s)");
      since.reset();
    } else {
      add(chinese ? "窗口于 " + seconds(e.tick) + " 秒恢复"
                  : "window restored at " + seconds(e.tick) + " s");
    }
  }
  if (since) {
    add(chinese ? "窗口于 " + seconds(*since) + " 秒最小化，直到结束未恢复"
                : "window minimised at " + seconds(*since) + " s and not restored before the end");
  }
  return out;
}

core::Expected<void> checkTraceControls(const Trace& trace, const std::string& file,
                                        const core::ControlLayout& controls) {
  const TraceHeader& h = trace.header;
  if (h.formatVersion >= 2) {
    if (h.axisControls != controls.axisIds() || h.buttonControls != controls.buttonIds()) {
      return core::makeError(
          core::ErrorCode::InvalidInput,
          "the trace records controls " + joined(h.axisControls) + " and buttons " +
              joined(h.buttonControls) + " but the scenario's machine declares " +
              joined(controls.axisIds()) + " and " + joined(controls.buttonIds()),
          core::SourceLocation{.file = file});
    }
    return {};
  }
  const std::size_t axes = controls.axisIds().size();
  const std::size_t buttons = controls.buttonIds().size();
  for (std::size_t t = 0; t < trace.actions.size(); ++t) {
    const core::ActionState& a = trace.actions[t];
    bool undeclared = buttons < 32 && (a.buttons >> buttons) != 0;
    for (std::size_t i = axes; i < core::kMaxAxes && !undeclared; ++i) {
      undeclared = a.axes[i] != 0.0f;
    }
    if (undeclared) {
      return core::makeError(core::ErrorCode::InvalidInput,
                             "this format 1 trace sets a control the scenario's machine does not "
                             "declare (it has " +
                                 std::to_string(axes) + " axis controls and " +
                                 std::to_string(buttons) + " buttons)",
                             core::SourceLocation{.file = file, .tick = t});
    }
  }
  return {};
}

} // namespace skillsim::records
