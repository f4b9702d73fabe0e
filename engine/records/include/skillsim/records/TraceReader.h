#pragma once

#include "skillsim/records/Trace.h"

#include <skillsim/core/Expected.h>

#include <filesystem>
#include <string>
#include <string_view>

namespace skillsim::records {

/**
 * Reads .sktrace files (docs/trace-format.md) and checks them: every frame's checksum, the
 * format version, the change records, and for a complete trace the Ed25519 signature and the
 * result's hash. Never crashes on bad input.
 *
 * Outcomes:
 * - a complete, intact trace: Trace with complete = true and the result;
 * - a trace that stops without its end record, or ends in a partly written frame, or was
 *   abandoned: Trace with complete = false and incompleteReason (never a result);
 * - an altered byte, a bad signature, an unknown version or a file that is not a trace: an Error
 *   (Integrity, Unsupported or InvalidInput) whose message names the file, the byte offset and
 *   the frame or tick.
 */
class TraceReader {
public:
  /**
   * Reads and checks the file at `path`. Errors: NotFound, InvalidInput when `path` is a folder,
   * Io, and those above.
   */
  [[nodiscard]] static core::Expected<Trace> read(const std::filesystem::path& path);

  /** Checks a trace held in memory; `name` is used in messages as the file name. */
  [[nodiscard]] static core::Expected<Trace> parse(std::string_view bytes, const std::string& name);
};

} // namespace skillsim::records
