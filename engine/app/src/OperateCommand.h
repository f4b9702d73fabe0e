#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>

namespace skillsim::app {

/** Options of `skillsim operate` (a tool for making reference traces). */
struct OperateOptions {
  std::string scenario;              ///< The Q2 scenario file.
  std::string profile = "competent"; ///< "competent" or "careless".
  std::string out;                   ///< The .sktrace to write.
  std::string trainee = "scripted-operator";
  std::string mode = "exam"; ///< "practice" or "exam".
  std::string keyDir;        ///< Folder of the signing key; empty = the user's config dir.
  /**
   * The trace header's start time (s since 1970-01-01T00:00:00Z; metadata, never simulated). The
   * default, 2026-01-01T00:00:00Z, keeps reference traces reproducible; a walkthrough that feeds
   * several scripted attempts into a course gives each its own, so they are in order.
   */
  std::int64_t startUtc = 1767225600;
};

/**
 * `skillsim operate SCENARIO --profile competent|careless --out FILE.sktrace`: runs the scripted
 * operator (app/ScriptedOperator.h) on the Q2 course, writes the signed trace of its inputs and
 * result (start time `startUtc`, by default 2026-01-01T00:00:00Z, so the trace is reproducible) and
 * prints the itemised score. Returns kExitOk, or kExitFailure with the reason on `err`.
 */
int runOperate(const OperateOptions& options, std::ostream& out, std::ostream& err);

} // namespace skillsim::app
