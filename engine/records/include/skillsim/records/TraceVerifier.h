#pragma once

#include "skillsim/records/ScenarioIndex.h"
#include "skillsim/records/Trace.h"
#include "skillsim/records/TraceHeader.h"

#include <skillsim/assessment/AttemptResult.h>
#include <skillsim/core/Expected.h>

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace skillsim::records {

/**
 * Runs a trace's inputs through the simulation of `scenario` without rendering and returns the
 * scored result (the app wires scenario::loadScenario + scenario::AttemptRunner; tests pass a
 * fake). Must be callable from several threads at once.
 */
using Resimulator = std::function<core::Expected<assessment::AttemptResult>(
    const ScenarioEntry& scenario, const Trace& trace)>;

/** How strict verification is. */
struct VerifyOptions {
  /**
   * Accept traces recorded by another engine version or build, with a note instead of a failure.
   * Off by default: the determinism contract holds within one build (DESIGN.md).
   */
  bool allowOtherBuild = false;
  /** When not empty, only traces signed by one of these workstation keys are accepted. */
  std::vector<PublicKey> trustedKeys;
  /**
   * Finds the parent of a taken-over trace (format 6, TraceHeader::takeOver) by the parent
   * file's BLAKE2b-256 hash (Trace::fileHash): `skillsim verify --parent FILE`. When it gives one,
   * the child's first `takeOver->tick` ticks must equal the parent's, bit for bit, or the outcome
   * is a Mismatch naming the first differing tick. Unset, or nullopt: the child is verified on
   * its own (its copy of the parent's inputs is re-simulated like any other ticks) and the line
   * says the copy was not checked against the parent.
   */
  std::function<std::optional<Trace>(const core::Digest& parentTraceHash)> findParent;
};

/**
 * The first tick in [0, tick) at which the two tracks' inputs differ (bit patterns of every axis
 * and the buttons), or `tick` itself when one of them is shorter than `tick`; nullopt when they
 * are equal over the whole range. For checking a take-over's copy of its parent's inputs.
 */
[[nodiscard]] std::optional<std::uint64_t>
firstDifferingTick(const core::ActionTrack& a, const core::ActionTrack& b, std::uint64_t tick);

/**
 * "taken over from 1a2b3c4d5e6f7a8b at 12.5 s (tick 3000)": a take-over in plain words (en), the
 * parent named by the first 16 hex digits of its trace hash, the time with one decimal.
 */
[[nodiscard]] std::string describeTakeOver(const TakeOverRef& takeOver, std::uint32_t tickRate);

/** What verifying one trace found. */
enum class VerifyStatus {
  Match,           ///< Signature valid and the re-simulated result is bit-identical.
  Mismatch,        ///< Re-simulation gives a different result.
  Incomplete,      ///< No end record: an interrupted or abandoned attempt, never a result.
  Invalid,         ///< Unreadable, altered, unsigned by a trusted key, or unsupported version.
  OtherBuild,      ///< Recorded by another engine version or build.
  ScenarioMissing, ///< No scenario with the trace's hash.
  Failed,          ///< The re-simulation itself failed (its error is in the message).
};

/** "match", "MISMATCH", "incomplete", … as printed at the start of a verify line. */
[[nodiscard]] std::string_view toString(VerifyStatus status);

/** The outcome of verifying one trace: one line for the user, and the figures behind it. */
struct VerifyOutcome {
  std::filesystem::path trace;
  VerifyStatus status = VerifyStatus::Invalid;
  std::string message; ///< One line without the path, e.g. "t-42 trade.q2 1.0: 82.5/100 passed".
  std::optional<assessment::AttemptResult> recorded;    ///< From the trace (complete ones).
  std::optional<assessment::AttemptResult> resimulated; ///< From the re-simulation.
  [[nodiscard]] bool ok() const { return status == VerifyStatus::Match; }
  /** `<status> <path>: <message>`. */
  [[nodiscard]] std::string line() const;
};

/** One trace re-scored under a revised rubric (verify --rescore). */
struct RescoreOutcome {
  std::filesystem::path trace;
  bool ok = false;
  std::string message; ///< Why it could not be re-scored, or a note.
  std::string traineeId;
  std::optional<assessment::AttemptResult> recorded; ///< Old score, as signed in the trace.
  std::optional<assessment::AttemptResult> rescored; ///< New score under the revised scenario.
};

/** Called after each trace: (done, total). Called from worker threads, one call at a time. */
using VerifyProgress = std::function<void(std::size_t done, std::size_t total)>;

/**
 * Checks traces end to end (issue 6, points 2 and 3): reads and checks the file and its
 * signature, refuses other builds and incomplete attempts, finds the scenario by hash,
 * re-simulates, and compares the result field by field (canonical hash). Many traces are
 * verified in parallel; outcomes come back in the order of the input.
 */
class TraceVerifier {
public:
  TraceVerifier(ScenarioIndex index, Resimulator resimulate, VerifyOptions options = {});

  /** Verifies one trace; never throws, every failure is an outcome with a message. */
  [[nodiscard]] VerifyOutcome verify(const std::filesystem::path& trace) const;

  /**
   * Verifies a trace given as its bytes (as a results store keeps it, schema 6); `name` stands
   * for the file in the outcome's `trace` and in messages (e.g. "attempt 3f2a…").
   */
  [[nodiscard]] VerifyOutcome verifyBytes(std::string_view bytes, const std::string& name) const;

  /** Verifies all `traces` on `threads` threads (0: all cores). */
  [[nodiscard]] std::vector<VerifyOutcome> verifyAll(std::span<const std::filesystem::path> traces,
                                                     unsigned threads = 0,
                                                     const VerifyProgress& progress = {}) const;

  /**
   * Re-scores a complete, validly signed trace under `revised`: the same scenario id (same
   * physics, new criteria), any version. The old result is the one signed in the trace.
   */
  [[nodiscard]] RescoreOutcome rescore(const std::filesystem::path& trace,
                                       const ScenarioEntry& revised) const;

  /** rescore() for many traces in parallel, outcomes in input order. */
  [[nodiscard]] std::vector<RescoreOutcome>
  rescoreAll(std::span<const std::filesystem::path> traces, const ScenarioEntry& revised,
             unsigned threads = 0, const VerifyProgress& progress = {}) const;

  /**
   * The first difference between a recorded and a re-simulated result, for a user, e.g.
   * "total 82.5 recorded, 80 re-simulated; deduction 2: recorded swing at tick 4800, re-simulated
   * swing at tick 4801". Empty when they are equal. `recordedLabel` names where the first result
   * came from ("recorded": signed in the trace; "stored": the results store's copy).
   */
  [[nodiscard]] static std::string describeDifference(const assessment::AttemptResult& recorded,
                                                      const assessment::AttemptResult& resimulated,
                                                      std::string_view recordedLabel = "recorded");

private:
  [[nodiscard]] VerifyOutcome verifyRead(core::Expected<Trace> read,
                                         const std::filesystem::path& name) const;

  ScenarioIndex mIndex;
  Resimulator mResimulate;
  VerifyOptions mOptions;
};

} // namespace skillsim::records
