#pragma once

// Private: the byte-level layout of .sktrace files, shared by TraceWriter and TraceReader.
// docs/trace-format.md is the normative description; keep the two in step.

#include "skillsim/records/TraceHeader.h"

#include <skillsim/core/Hash.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skillsim::records::trace_format {

/** File preamble: 8 magic bytes, then the format version as uint16 little-endian. */
inline constexpr std::array<std::uint8_t, 8> kMagic = {'S', 'K', 'T', 'R', 'A', 'C', 'E', 0x1A};
inline constexpr std::size_t kPreambleSize = kMagic.size() + 2;

/** Frame types (one byte). */
inline constexpr std::uint8_t kHeaderFrame = 'H';
inline constexpr std::uint8_t kTicksFrame = 'T';
inline constexpr std::uint8_t kEndFrame = 'E';
inline constexpr std::uint8_t kAbandonFrame = 'A';
/** Version 4: a workstation event (tick varint, kind u8). */
inline constexpr std::uint8_t kEventFrame = 'W';
/** The first format version with event frames. */
inline constexpr std::uint16_t kFirstEventVersion = 4;
/** Version 5: an instructor command (tick varint, kind u8, outcome u8, text str). */
inline constexpr std::uint8_t kInstructorFrame = 'I';
/** The first format version with instructor command frames. */
inline constexpr std::uint16_t kFirstInstructorVersion = 5;

/** Frame = type (1) + payload length (uint32 LE) + payload + checksum (first 8 bytes of BLAKE2b).
 */
inline constexpr std::size_t kFrameHeadSize = 5;
inline constexpr std::size_t kChecksumSize = 8;
/** Frames larger than this are refused as damage (a second of ticks is a few kilobytes). */
inline constexpr std::uint32_t kMaxPayload = 64u << 20;

/** Version 1: bit of a change record's u16 mask that says the buttons changed (0..12: axes). */
inline constexpr std::uint16_t kButtonsBitV1 = 1u << 15;
/** Version 1 had 13 axis bits. */
inline constexpr std::size_t kAxisBitsV1 = 13;
/** Version 2: bit of a change record's u32 mask that says the buttons changed (0..15: axes). */
inline constexpr std::uint32_t kButtonsBit = 1u << 31;

/** Version 3: bit of the header's flags byte that marks a scripted (operator) trace. */
inline constexpr std::uint8_t kScriptedFlag = 1u << 0;

/** Version 6: take-over frame (right after the header): the parent trace's hash and the tick. */
inline constexpr std::uint8_t kTakeOverFrame = 'P';
/** The first format version with take-over frames. */
inline constexpr std::uint16_t kFirstTakeOverVersion = 6;

/** Domain-separation prefix of the signed digest. */
inline constexpr std::string_view kSignaturePrefix = "skillsim-sktrace-signature-v1";

/** Appends little-endian integers, LEB128 varints and length-prefixed strings. */
class ByteSink {
public:
  std::vector<std::uint8_t> bytes;
  void u8(std::uint8_t v) { bytes.push_back(v); }
  void u16(std::uint16_t v);
  void u32(std::uint32_t v);
  void u64(std::uint64_t v);
  void i64(std::int64_t v) { u64(static_cast<std::uint64_t>(v)); }
  void f32(float v);
  void varint(std::uint64_t v);
  void str(std::string_view s);
  void raw(const std::uint8_t* data, std::size_t size) {
    bytes.insert(bytes.end(), data, data + size);
  }
};

/** Reads what ByteSink writes; every read fails softly (returns nullopt) past the end. */
class ByteSource {
public:
  ByteSource(const std::uint8_t* data, std::size_t size) : mData(data), mSize(size) {}
  std::optional<std::uint8_t> u8();
  std::optional<std::uint16_t> u16();
  std::optional<std::uint32_t> u32();
  std::optional<std::uint64_t> u64();
  std::optional<float> f32();
  std::optional<std::uint64_t> varint();
  std::optional<std::string> str();
  bool raw(std::uint8_t* out, std::size_t size);
  [[nodiscard]] std::size_t position() const { return mPos; }
  [[nodiscard]] bool atEnd() const { return mPos == mSize; }

private:
  const std::uint8_t* mData;
  std::size_t mSize;
  std::size_t mPos = 0;
};

/** The preamble bytes. */
std::vector<std::uint8_t> preamble();
/** A whole frame: type, length, payload, checksum. */
std::vector<std::uint8_t> frame(std::uint8_t type, const std::vector<std::uint8_t>& payload);
/** The checksum of a frame's type + length + payload bytes. */
std::array<std::uint8_t, kChecksumSize> checksum(const std::uint8_t* data, std::size_t size);
/** The header frame's payload. */
std::vector<std::uint8_t> encodeHeader(const TraceHeader& header);

} // namespace skillsim::records::trace_format
