#pragma once

#include <skillsim/core/Expected.h>
#include <skillsim/records/AttemptRecord.h>
#include <skillsim/records/TraceVerifier.h>
#include <skillsim/report/ReportData.h>

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace skillsim::app {

/** Where `certify` and `report` look for the traces and scenarios of stored attempts. */
struct TraceSearchOptions {
  /**
   * Folders searched recursively for `*.sktrace` files; empty: records::defaultDataDir() /
   * "traces", where the workstation writes its traces. A folder that does not exist is named in
   * the "no trace" reasons, not an error.
   */
  std::vector<std::string> traceDirs;
  std::string scenariosDir = "scenarios"; ///< Scenario files, found by the trace's scenario hash.
  unsigned jobs = 0;                      ///< Traces re-simulated in parallel; 0 = every core.
  /**
   * Count traces recorded by another engine version or build when they re-simulate bit-exact.
   * Off: such an attempt does not count (results are bit-exact only within one build).
   */
  bool allowOtherBuild = false;
  /**
   * Also sample the load's motion while re-simulating (report). Traces of other builds are then
   * re-simulated too, for their plots, whether or not they may count.
   */
  bool collectMotion = false;
};

/** The load's motion in a re-simulated attempt, for the report's plots. */
struct AttemptMotion {
  /**
   * One sample every tickRate / 10 ticks (10 Hz at 240 Hz: ticks 24, 48, …) of the metrics
   * report::reportSampledMetrics names for the scenario's machine (its plan-view point, then its
   * plotted readouts, SI units) after that tick; time = tick / tickRate s. A metric the
   * simulation lacks reads 0; a sample with a non-finite value (a physics fault) is left out;
   * no samples without a machine.
   */
  std::vector<report::ReportSample> samples;
  /** Each started rubric phase's [start, end] s (assessment::Assessor::phaseTicks / tickRate). */
  std::map<std::string, std::pair<double, double>> phaseTimes;
  double duration = 0.0; ///< s: the last re-simulated tick / tickRate.
};

/** What checking one stored attempt against its trace found. */
struct StoredAttemptCheck {
  /**
   * The attempt counts: its trace was found by hash, verified (TraceVerifier outcome Match:
   * signature, scenario by hash, bit-exact re-simulation), the trace's trainee, mode, scenario
   * and start time are the record's, the re-simulated result equals the STORED result (an edited
   * store is caught), and the trace comes from this build (or allowOtherBuild). The reasons are
   * given in this order.
   */
  bool verified = false;
  /**
   * Why it does not count, one line without the attempt id, e.g. "no trace with hash
   * 3f2a9c01b2d4… under traces/" or "the stored result differs from the trace's re-simulation:
   * score 95/100 passed stored, 92.75…/100 passed re-simulated"; for a verified attempt the
   * verifier's line ("…, re-simulated bit-exact").
   */
  std::string note;
  std::filesystem::path trace; ///< The trace file found; empty when none.
  /**
   * The verified trace's signed header (signing key, scripted flag, exam session), from which
   * certify decides whether the attempt was taken at a registered station in an invigilated
   * session (certify::admitExamAttempt); set only when `verified`.
   */
  std::optional<records::TraceHeader> header;
  std::optional<AttemptMotion> motion; ///< When collectMotion and the trace was re-simulated.
};

/**
 * Checks stored attempts against their traces; returns one check per record, in order. Called
 * once with all the attempts of a command, so that traces re-simulate in parallel. `progress`
 * (may be empty) is called per trace re-simulated. Errors: only ones that stop the whole command.
 * `certify` and `report` use checkStoredAttempts; tests pass a fake.
 */
using StoredAttemptChecker = std::function<core::Expected<std::vector<StoredAttemptCheck>>(
    std::span<const records::AttemptRecord> records, const TraceSearchOptions& options,
    const records::VerifyProgress& progress)>;

/**
 * The real check (issue 8: "counts only attempts whose trace verifies"): indexes the `*.sktrace`
 * files under options.traceDirs by their file hash (BLAKE2b-256 of the file, Trace::fileHash, as
 * AttemptRecord::traceHash holds it in hex), loads the scenarios under options.scenariosDir,
 * verifies every trace needed once with records::TraceVerifier (re-simulation headless through
 * app::replayTrace, options.jobs threads), and judges each record as StoredAttemptCheck::verified
 * says. Never fails (a missing folder or trace is a reason on the attempt); deterministic apart
 * from the order of progress calls.
 */
[[nodiscard]] core::Expected<std::vector<StoredAttemptCheck>>
checkStoredAttempts(std::span<const records::AttemptRecord> records,
                    const TraceSearchOptions& options,
                    const records::VerifyProgress& progress = {});

/** What verifying one stored attempt from the trace bytes its store keeps (schema 6) found. */
struct StoredTraceVerdict {
  /** As StoredAttemptCheck::verified: Match, the record agrees with the trace, same result. */
  bool verified = false;
  /**
   * "OK", a records::toString(VerifyStatus) word ("MISMATCH", "INVALID", "OTHER-BUILD", …),
   * "NO-TRACE" (the store keeps none), "DISAGREES" (the trace's trainee, mode, scenario or start
   * is not the record's) or "STORED-DIFFERS" (the stored result is not the re-simulated one).
   */
  std::string status;
  std::string detail; ///< One line for a person, naming the attempt.
};

/**
 * Verifies stored attempt `record` from `traceBytes` (ResultsStore::attemptTrace; nullopt: the
 * store keeps no trace for it) with `verifier` (its scenario index and build rule): the trace's
 * signature, bit-exact re-simulation, the record's trainee, mode, scenario and start against the
 * trace's signed header, and the stored result against the re-simulated one. Never fails: every
 * problem is a verdict whose detail names the attempt. Thread-safe when `verifier` is.
 */
[[nodiscard]] StoredTraceVerdict verifyStoredTrace(const records::TraceVerifier& verifier,
                                                   const records::AttemptRecord& record,
                                                   const std::optional<std::string>& traceBytes);

} // namespace skillsim::app
