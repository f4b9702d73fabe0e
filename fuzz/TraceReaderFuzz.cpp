// libFuzzer target for the trace reader (issue 20 point 8), in two passes per input.
//
// 1. The raw bytes, as a damaged or crafted file reaches TraceReader::parse: it must return a
//    trace or an error, never crash, throw or allocate without bound.
// 2. The same bytes repaired: every whole frame's checksum recomputed, the header's public key
//    replaced by a test key, and the end or abandon record re-signed with it (the layout of
//    docs/trace-format.md, written out again here from the document). Mutations then get past
//    the checksums and the signature into the tick decoder, the end record's JSON and the result
//    hash check, which pass 1 almost never reaches. A trace that reads as complete must keep the
//    reader's promises: one input per tick up to the end record's count, a result whose hash is
//    the signed one, and a control-layout check that answers.
#include <skillsim/core/Check.h>
#include <skillsim/core/Hash.h>
#include <skillsim/records/ResultHash.h>
#include <skillsim/records/TraceReader.h>
#include <skillsim/records/WorkstationKey.h>
#include <skillsim/sim/Machine.h>
#include <skillsim/sim/machines/overhead_crane/OverheadCraneSpec.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr std::size_t kPreamble = 10; // magic (8) + version (u16)
constexpr std::size_t kFrameHead = 5; // type (1) + payload length (u32 LE)
constexpr std::size_t kChecksum = 8;  // first 8 bytes of BLAKE2b-256 of head + payload
constexpr std::size_t kSignature = 64;
constexpr std::size_t kPublicKey = 32;
constexpr std::string_view kSignaturePrefix = "skillsim-sktrace-signature-v1";

const skillsim::records::WorkstationKey& testKey() {
  static const skillsim::records::WorkstationKey key = [] {
    const auto dir = std::filesystem::temp_directory_path() / "skillsim-fuzz-trace-key";
    auto k = skillsim::records::WorkstationKey::loadOrCreate(dir);
    SKILLSIM_CHECK(k.hasValue(), "the fuzz target cannot make its test key");
    return std::move(*k);
  }();
  return key;
}

/** Reads a LEB128 varint at `pos`; advances it. */
std::optional<std::uint64_t> varint(const std::vector<std::uint8_t>& b, std::size_t& pos,
                                    std::size_t end) {
  std::uint64_t v = 0;
  for (int shift = 0; shift < 64 && pos < end; shift += 7) {
    const std::uint8_t byte = b[pos++];
    v |= static_cast<std::uint64_t>(byte & 0x7fu) << shift;
    if ((byte & 0x80u) == 0) {
      return v;
    }
  }
  return std::nullopt;
}

/** Skips a length-prefixed string; false when it does not fit. */
bool skipString(const std::vector<std::uint8_t>& b, std::size_t& pos, std::size_t end) {
  auto n = varint(b, pos, end);
  if (!n || *n > end - pos) {
    return false;
  }
  pos += static_cast<std::size_t>(*n);
  return true;
}

/** Offset of the public key in a header payload [begin, end), if the fields before it fit. */
std::optional<std::size_t> publicKeyAt(const std::vector<std::uint8_t>& b, std::size_t begin,
                                       std::size_t end) {
  std::size_t pos = begin;
  for (int i = 0; i < 4; ++i) { // engine version, build id, scenario id, scenario version
    if (!skipString(b, pos, end)) {
      return std::nullopt;
    }
  }
  pos += 32 + 4;                               // scenario hash, tick rate
  if (pos > end || !skipString(b, pos, end)) { // trainee id
    return std::nullopt;
  }
  pos += 1 + 8; // mode, start time
  if (pos + kPublicKey > end) {
    return std::nullopt;
  }
  return pos;
}

void writeChecksum(std::vector<std::uint8_t>& b, std::size_t frame, std::size_t payloadEnd) {
  const skillsim::core::Digest d = skillsim::core::hashBytes(
      std::string_view(reinterpret_cast<const char*>(b.data() + frame), payloadEnd - frame));
  std::memcpy(b.data() + payloadEnd, d.data(), kChecksum);
}

std::vector<std::uint8_t> repaired(const std::uint8_t* data, std::size_t size) {
  std::vector<std::uint8_t> b(data, data + size);
  std::size_t pos = kPreamble;
  while (pos + kFrameHead <= b.size()) {
    const std::uint8_t type = b[pos];
    std::uint32_t length = 0;
    std::memcpy(&length, b.data() + pos + 1, 4); // little-endian on every target we build
    const std::size_t payload = pos + kFrameHead;
    if (length > b.size() - payload || b.size() - payload - length < kChecksum) {
      break; // a cut-off frame stays cut off
    }
    const std::size_t payloadEnd = payload + length;
    if (type == 'H') {
      if (auto at = publicKeyAt(b, payload, payloadEnd)) {
        const auto& key = testKey().publicKey();
        std::memcpy(b.data() + *at, key.data(), kPublicKey);
      }
    } else if ((type == 'E' || type == 'A') && length >= kSignature) {
      const std::size_t signatureAt = payloadEnd - kSignature;
      skillsim::core::Hasher h;
      h.update(kSignaturePrefix);
      h.update(std::as_bytes(std::span(b.data(), signatureAt)));
      const skillsim::core::Digest digest = h.finish();
      const auto signature = testKey().sign(digest);
      std::memcpy(b.data() + signatureAt, signature.data(), kSignature);
    }
    writeChecksum(b, pos, payloadEnd);
    pos = payloadEnd + kChecksum;
  }
  return b;
}

void check(std::string_view bytes) {
  auto trace = skillsim::records::TraceReader::parse(bytes, "fuzz.sktrace");
  if (!trace) {
    if (trace.error().message.empty()) {
      std::abort(); // every refusal says why
    }
    return;
  }
  if (trace->complete) {
    if (!trace->result || skillsim::records::resultHash(*trace->result) != trace->resultHash) {
      std::abort();
    }
  } else if (trace->result || trace->incompleteReason.empty()) {
    std::abort(); // an incomplete trace never carries a result, and always says why
  }
  // Walk the inputs as a replay would (cheap: the track is stored as its changes).
  std::size_t runs = 0;
  if (!trace->actions.empty()) {
    (void)trace->actions[trace->actions.size() - 1];
    runs = trace->actions.runCount();
  }
  if (runs > trace->actions.size()) {
    std::abort();
  }
  static const skillsim::sim::MachineDecl crane =
      skillsim::sim::overheadCraneType()->describe(skillsim::sim::OverheadCraneSpec{});
  (void)skillsim::records::checkTraceControls(*trace, "fuzz.sktrace", crane.controls);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  check(std::string_view(reinterpret_cast<const char*>(data), size));
  const std::vector<std::uint8_t> fixed = repaired(data, size);
  check(std::string_view(reinterpret_cast<const char*>(fixed.data()), fixed.size()));
  return 0;
}
