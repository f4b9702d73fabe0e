#include "TraceFormat.h"

#include <bit>
#include <cstring>

namespace skillsim::records::trace_format {

void ByteSink::u16(std::uint16_t v) {
  u8(static_cast<std::uint8_t>(v));
  u8(static_cast<std::uint8_t>(v >> 8));
}

void ByteSink::u32(std::uint32_t v) {
  for (int i = 0; i < 4; ++i) {
    u8(static_cast<std::uint8_t>(v >> (8 * i)));
  }
}

void ByteSink::u64(std::uint64_t v) {
  for (int i = 0; i < 8; ++i) {
    u8(static_cast<std::uint8_t>(v >> (8 * i)));
  }
}

void ByteSink::f32(float v) { u32(std::bit_cast<std::uint32_t>(v)); }

void ByteSink::varint(std::uint64_t v) {
  while (v >= 0x80) {
    u8(static_cast<std::uint8_t>(v | 0x80));
    v >>= 7;
  }
  u8(static_cast<std::uint8_t>(v));
}

void ByteSink::str(std::string_view s) {
  varint(s.size());
  raw(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
}

std::optional<std::uint8_t> ByteSource::u8() {
  if (mPos >= mSize) {
    return std::nullopt;
  }
  return mData[mPos++];
}

std::optional<std::uint16_t> ByteSource::u16() {
  if (mSize - mPos < 2) {
    return std::nullopt;
  }
  const auto v = static_cast<std::uint16_t>(mData[mPos] | (mData[mPos + 1] << 8));
  mPos += 2;
  return v;
}

std::optional<std::uint32_t> ByteSource::u32() {
  if (mSize - mPos < 4) {
    return std::nullopt;
  }
  std::uint32_t v = 0;
  for (int i = 0; i < 4; ++i) {
    v |= static_cast<std::uint32_t>(mData[mPos + i]) << (8 * i);
  }
  mPos += 4;
  return v;
}

std::optional<std::uint64_t> ByteSource::u64() {
  if (mSize - mPos < 8) {
    return std::nullopt;
  }
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) {
    v |= static_cast<std::uint64_t>(mData[mPos + i]) << (8 * i);
  }
  mPos += 8;
  return v;
}

std::optional<float> ByteSource::f32() {
  const auto bits = u32();
  if (!bits) {
    return std::nullopt;
  }
  return std::bit_cast<float>(*bits);
}

std::optional<std::uint64_t> ByteSource::varint() {
  std::uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    const auto b = u8();
    if (!b) {
      return std::nullopt;
    }
    if (shift == 63 && (*b & 0x7E) != 0) {
      return std::nullopt; // more than 64 bits
    }
    v |= static_cast<std::uint64_t>(*b & 0x7F) << shift;
    if ((*b & 0x80) == 0) {
      return v;
    }
  }
  return std::nullopt;
}

std::optional<std::string> ByteSource::str() {
  const auto n = varint();
  if (!n || *n > mSize - mPos) {
    return std::nullopt;
  }
  std::string s(reinterpret_cast<const char*>(mData + mPos), static_cast<std::size_t>(*n));
  mPos += static_cast<std::size_t>(*n);
  return s;
}

bool ByteSource::raw(std::uint8_t* out, std::size_t size) {
  if (mSize - mPos < size) {
    return false;
  }
  std::memcpy(out, mData + mPos, size);
  mPos += size;
  return true;
}

std::vector<std::uint8_t> preamble() {
  ByteSink sink;
  sink.raw(kMagic.data(), kMagic.size());
  sink.u16(kTraceFormatVersion);
  return sink.bytes;
}

std::array<std::uint8_t, kChecksumSize> checksum(const std::uint8_t* data, std::size_t size) {
  const core::Digest d =
      core::hashBytes(std::string_view(reinterpret_cast<const char*>(data), size));
  std::array<std::uint8_t, kChecksumSize> out{};
  std::memcpy(out.data(), d.data(), out.size());
  return out;
}

std::vector<std::uint8_t> frame(std::uint8_t type, const std::vector<std::uint8_t>& payload) {
  ByteSink sink;
  sink.u8(type);
  sink.u32(static_cast<std::uint32_t>(payload.size()));
  sink.raw(payload.data(), payload.size());
  const auto sum = checksum(sink.bytes.data(), sink.bytes.size());
  sink.raw(sum.data(), sum.size());
  return sink.bytes;
}

std::vector<std::uint8_t> encodeHeader(const TraceHeader& header) {
  ByteSink sink;
  sink.str(header.engineVersion);
  sink.str(header.buildId);
  sink.str(header.scenarioId);
  sink.str(header.scenarioVersion);
  sink.raw(header.scenarioHash.data(), header.scenarioHash.size());
  sink.u32(header.tickRate);
  sink.str(header.traineeId);
  sink.u8(static_cast<std::uint8_t>(header.mode));
  sink.i64(header.startUtc);
  sink.raw(header.publicKey.data(), header.publicKey.size());
  for (const auto* ids : {&header.axisControls, &header.buttonControls}) {
    sink.varint(ids->size());
    for (const std::string& id : *ids) {
      sink.str(id);
    }
  }
  // Version 3: flags (bit 0: scripted), then the exam session (id, invigilator, opening time).
  sink.u8(header.scripted ? kScriptedFlag : 0);
  sink.str(header.examSession.id);
  sink.str(header.examSession.invigilatorId);
  sink.i64(header.examSession.openedUtc);
  return sink.bytes;
}

} // namespace skillsim::records::trace_format
