#pragma once

#include "skillsim/records/AttemptMode.h"

#include <skillsim/core/Controls.h>
#include <skillsim/core/FixedClock.h>
#include <skillsim/core/Hash.h>
#include <skillsim/core/Version.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skillsim::records {

/**
 * The .sktrace format version this build writes (docs/trace-format.md). Version 2 records the
 * machine's control layout in the header; version 3 adds who drove the attempt (a person at a
 * workstation, or the scripted operator) and the invigilated exam session it belongs to; version 4
 * adds workstation event frames (`W`: the window minimised or restored, signed, not simulated);
 * version 5 adds instructor command frames (`I`: pause, resume, message, end from the classroom,
 * applied or refused, signed, not simulated); version 6 adds the take-over to the header (the
 * parent trace's hash and the tick a replay was taken over at, docs/replay.md). Versions 1 to 5
 * are still read and verified (1 and 2 read as not scripted and in no session; none before 4 has
 * events, none before 5 instructor commands, none before 6 a take-over).
 */
inline constexpr std::uint16_t kTraceFormatVersion = 6;
/** The oldest format version this build reads. */
inline constexpr std::uint16_t kOldestTraceFormatVersion = 1;

/**
 * Highest tick rate a trace may declare (Hz): the scenario's limit, core::kMaxTickRate, so a
 * trace can record every scenario that loads. The simulation's default is 240.
 */
inline constexpr std::uint32_t kMaxTickRate = core::kMaxTickRate;

/** Longest attempt a trace may hold, in simulated seconds (4 h); longer ones are refused. */
inline constexpr std::uint64_t kMaxTraceSeconds = 4 * 3600;

/** An Ed25519 public key (RFC 8032), 32 bytes, as libsodium's crypto_sign uses it. */
using PublicKey = std::array<std::uint8_t, 32>;

/**
 * The invigilated exam session an exam attempt was taken in (docs/results-store.md, "Exam
 * stations and sessions"), as the workstation read it from the results store when the attempt
 * began. An empty `id` means no session.
 */
struct ExamSessionRef {
  std::string id;             ///< The session id `skillsim session open` printed.
  std::string invigilatorId;  ///< Who opened it and watches the room.
  std::int64_t openedUtc = 0; ///< When it was opened, s since 1970-01-01T00:00:00Z (UTC).

  [[nodiscard]] bool empty() const { return id.empty(); }
  friend bool operator==(const ExamSessionRef&, const ExamSessionRef&) = default;
};

/**
 * Where a taken-over attempt came from (trace format 6, docs/trace-format.md "Take over"): the
 * replayed trace it continues and the tick it was taken over at. The child trace holds the
 * parent's inputs of ticks 0..tick-1 as its own first ticks, so it re-simulates on its own; the
 * parent's hash lets `skillsim verify --parent` check that copy against the parent's file.
 */
struct TakeOverRef {
  /** BLAKE2b-256 of the whole parent trace file (Trace::fileHash, the store's trace hash). */
  core::Digest parentTraceHash{};
  /** Ticks of the parent replayed before the new inputs: tick / tickRate s into the attempt. */
  std::uint64_t tick = 0;
  friend bool operator==(const TakeOverRef&, const TakeOverRef&) = default;
};

/**
 * The first record of a trace (docs/trace-format.md, "header frame"): what the attempt was run on,
 * by whom and when. The engine fields default to this build, so a writer normally sets only the
 * scenario, trainee, mode, tick rate and start time.
 */
struct TraceHeader {
  std::string engineVersion{core::engineVersion()}; ///< core::engineVersion() of the recorder.
  std::string buildId{core::buildId()};             ///< core::buildId() of the recorder.
  std::string scenarioId;                           ///< e.g. "trade.task".
  std::string scenarioVersion;                      ///< The scenario file's own version string.
  core::Digest scenarioHash{};                      ///< scenario::scenarioHash of its files.
  std::uint32_t tickRate = 240; ///< Simulation ticks per second (Hz), 1..kMaxTickRate.
  std::string traineeId;        ///< The trainee's id at the training centre.
  AttemptMode mode = AttemptMode::Practice;
  std::int64_t startUtc = 0; ///< Attempt start, seconds since 1970-01-01T00:00:00Z (UTC).
  PublicKey publicKey{};     ///< The workstation key that signs the trace; set by TraceWriter.
  /**
   * Version 2: the machine's control ids in ActionState slot order (core::ControlLayout): axis
   * controls, then button controls. A version 1 trace reads with both empty and `formatVersion`
   * 1: its axis i and button i are the machine's slot i (docs/trace-format.md).
   */
  std::vector<std::string> axisControls;
  std::vector<std::string> buttonControls;
  /**
   * Version 3: the attempt was driven by the scripted operator (`skillsim operate`), not a
   * person; such a trace is signed with the operator's own key and never counts as an exam
   * attempt. Versions 1 and 2 read false.
   */
  bool scripted = false;
  /** Version 3: the exam session of an exam attempt; empty for practice (and versions 1, 2). */
  ExamSessionRef examSession;
  /**
   * Version 6: set when this attempt was taken over from a replay (a new practice attempt from
   * a replayed tick); such a trace is always practice (the writer and the reader refuse an exam
   * mode with it). Versions 1 to 5 read none.
   */
  std::optional<TakeOverRef> takeOver;
  std::uint16_t formatVersion =
      kTraceFormatVersion; ///< Of the file read; writers write the newest.

  /** Sets axisControls and buttonControls from the machine's layout. */
  void setControls(const core::ControlLayout& controls) {
    axisControls = controls.axisIds();
    buttonControls = controls.buttonIds();
  }

  friend bool operator==(const TraceHeader&, const TraceHeader&) = default;
};

/** `2026-11-29T07:58:00Z` for a Unix time in seconds (ISO 8601, UTC, proleptic Gregorian). */
[[nodiscard]] std::string formatUtc(std::int64_t unixSeconds);

/** Short id of a workstation key for messages: the first 16 hex digits of the key. */
[[nodiscard]] std::string keyId(const PublicKey& key);

/** The whole key as 64 lowercase hex digits (how stores and `skillsim station` write it). */
[[nodiscard]] std::string publicKeyHex(const PublicKey& key);

/**
 * A key from 64 hex digits (either case; surrounding spaces and a final newline allowed); nullopt
 * for anything else.
 */
[[nodiscard]] std::optional<PublicKey> parsePublicKey(std::string_view text);

} // namespace skillsim::records
