#include "skillsim/records/TraceVerifier.h"

#include "skillsim/records/ResultHash.h"
#include "skillsim/records/TraceReader.h"

#include <skillsim/core/Version.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <exception>
#include <mutex>
#include <thread>

namespace skillsim::records {
namespace {

std::string num(double v) {
  std::array<char, 32> buffer{};
  const auto end = std::to_chars(buffer.data(), buffer.data() + buffer.size(), v).ptr;
  return std::string(buffer.data(), end);
}

std::string score(const assessment::AttemptResult& r) {
  return num(r.totalPoints) + "/" + num(r.maxPoints) + " " + (r.passed ? "passed" : "failed") +
         (r.vetoes.empty() ? "" : " (vetoed)");
}

std::string oneDecimal(double seconds) {
  std::array<char, 32> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%.1f", seconds);
  return buffer.data();
}

/** A score as a person reads it on the success line: one decimal, none when whole (a mismatch
 * keeps score()'s full precision, since the difference may be in the last digit). */
std::string shownScore(const assessment::AttemptResult& r) {
  auto shown = [](double v) {
    std::string s = oneDecimal(v);
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) {
      s.resize(s.size() - 2);
    }
    return s;
  };
  return shown(r.totalPoints) + "/" + shown(r.maxPoints) + " " + (r.passed ? "passed" : "failed") +
         (r.vetoes.empty() ? "" : " (vetoed)");
}

std::string deductionText(const assessment::Deduction& d) {
  return d.criterionId + " on " + d.itemId + " −" + num(d.points) + " at tick " +
         std::to_string(d.tick) + " (measured " + num(d.measured) + ")";
}

/** Equal in everything a score rests on (a finding and a legacy text are evidence, not score). */
bool sameScoring(const assessment::Deduction& a, const assessment::Deduction& b) {
  return a.itemId == b.itemId && a.criterionId == b.criterionId && a.points == b.points &&
         a.tick == b.tick && a.time == b.time && a.position == b.position &&
         a.measured == b.measured;
}

/** A's finding differs from b's only when both carry findings (format 2). */
bool sameDeduction(const assessment::Deduction& a, const assessment::Deduction& b, bool findings) {
  return sameScoring(a, b) && (!findings || a.finding == b.finding);
}

/** "; signed workstation events: …" when the trace has any (they are not simulated). */
std::string events(const Trace& trace) {
  const std::string text =
      describeWorkstationEvents(trace.events, trace.header.tickRate, /*chinese=*/false);
  const std::string instructor =
      describeInstructorEvents(trace.instructorEvents, trace.header.tickRate, /*chinese=*/false);
  return (text.empty() ? std::string() : "; signed workstation events: " + text) +
         (instructor.empty() ? std::string() : "; signed instructor commands: " + instructor);
}

std::string who(const TraceHeader& h) {
  return h.traineeId + " " + h.scenarioId + " " + h.scenarioVersion + " " +
         std::string(toString(h.mode));
}

/** Runs `work(i)` for i in [0, n) on `threads` threads, reporting progress. */
template <typename Work>
void parallelFor(std::size_t n, unsigned threads, const VerifyProgress& progress, Work&& work) {
  if (threads == 0) {
    threads = std::max(1u, std::thread::hardware_concurrency());
  }
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(n, 1)));
  std::atomic<std::size_t> next{0};
  std::size_t done = 0;
  std::mutex progressMutex;
  auto worker = [&] {
    for (std::size_t i = next++; i < n; i = next++) {
      work(i);
      if (progress) {
        std::lock_guard lock(progressMutex);
        progress(++done, n);
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) {
    pool.emplace_back(worker);
  }
  worker();
  for (auto& t : pool) {
    t.join();
  }
}

bool sameBits(const core::ActionState& a, const core::ActionState& b) {
  return std::memcmp(a.axes.data(), b.axes.data(), sizeof(float) * a.axes.size()) == 0 &&
         a.buttons == b.buttons;
}

} // namespace

std::optional<std::uint64_t> firstDifferingTick(const core::ActionTrack& a,
                                                const core::ActionTrack& b, std::uint64_t tick) {
  auto ia = a.begin();
  auto ib = b.begin();
  for (std::uint64_t t = 0; t < tick; ++t, ++ia, ++ib) {
    if (t >= a.size() || t >= b.size()) {
      return t;
    }
    if (!sameBits(*ia, *ib)) {
      return t;
    }
  }
  return std::nullopt;
}

std::string describeTakeOver(const TakeOverRef& takeOver, std::uint32_t tickRate) {
  return "taken over from " + core::toHex(takeOver.parentTraceHash).substr(0, 16) + " at " +
         oneDecimal(static_cast<double>(takeOver.tick) / std::max<std::uint32_t>(tickRate, 1)) +
         " s (tick " + std::to_string(takeOver.tick) + ")";
}

std::string_view toString(VerifyStatus status) {
  switch (status) {
  case VerifyStatus::Match: return "OK";
  case VerifyStatus::Mismatch: return "MISMATCH";
  case VerifyStatus::Incomplete: return "INCOMPLETE";
  case VerifyStatus::Invalid: return "INVALID";
  case VerifyStatus::OtherBuild: return "OTHER-BUILD";
  case VerifyStatus::ScenarioMissing: return "NO-SCENARIO";
  case VerifyStatus::Failed: return "FAILED";
  }
  return "?";
}

std::string VerifyOutcome::line() const {
  return std::string(toString(status)) + " " + trace.string() + ": " + message;
}

TraceVerifier::TraceVerifier(ScenarioIndex index, Resimulator resimulate, VerifyOptions options)
    : mIndex(std::move(index)), mResimulate(std::move(resimulate)), mOptions(std::move(options)) {}

std::string TraceVerifier::describeDifference(const assessment::AttemptResult& a,
                                              const assessment::AttemptResult& b,
                                              std::string_view recordedLabel) {
  const std::string recorded = " " + std::string(recordedLabel) + ", ";
  if (resultHash(a) == resultHash(b)) {
    return {};
  }
  const bool findings = a.format >= 2 && b.format >= 2;
  std::vector<std::string> parts;
  if (a.totalPoints != b.totalPoints || a.maxPoints != b.maxPoints || a.passed != b.passed) {
    parts.push_back("score " + score(a) + recorded + score(b) + " re-simulated");
  }
  if (a.endTick != b.endTick) {
    parts.push_back("ended at tick " + std::to_string(a.endTick) + recorded +
                    std::to_string(b.endTick) + " re-simulated");
  }
  const std::size_t n = std::max(a.deductions.size(), b.deductions.size());
  for (std::size_t i = 0; i < n; ++i) {
    const bool inA = i < a.deductions.size();
    const bool inB = i < b.deductions.size();
    if (inA && inB && sameDeduction(a.deductions[i], b.deductions[i], findings)) {
      continue;
    }
    parts.push_back("deduction " + std::to_string(i + 1) + ": " + std::string(recordedLabel) + " " +
                    (inA ? deductionText(a.deductions[i]) : "none") + ", re-simulated " +
                    (inB ? deductionText(b.deductions[i]) : "none"));
    break;
  }
  if (a.vetoes.size() != b.vetoes.size()) {
    parts.push_back(std::to_string(a.vetoes.size()) + " vetoes" + recorded +
                    std::to_string(b.vetoes.size()) + " re-simulated");
  }
  if (parts.empty()) {
    parts.push_back("the results differ in detail (items, times, positions or measured values)");
  }
  std::string out;
  for (const auto& p : parts) {
    out += (out.empty() ? "" : "; ") + p;
  }
  return out;
}

VerifyOutcome TraceVerifier::verify(const std::filesystem::path& path) const {
  return verifyRead(TraceReader::read(path), path);
}

VerifyOutcome TraceVerifier::verifyBytes(std::string_view bytes, const std::string& name) const {
  return verifyRead(TraceReader::parse(bytes, name), name);
}

VerifyOutcome TraceVerifier::verifyRead(core::Expected<Trace> read,
                                        const std::filesystem::path& path) const {
  VerifyOutcome out;
  out.trace = path;
  if (!read) {
    out.status = VerifyStatus::Invalid;
    // The reader names the file; the line names it already.
    core::Error e = read.error();
    e.location.file.clear();
    out.message = e.toString();
    return out;
  }
  const Trace& trace = *read;
  const TraceHeader& h = trace.header;
  if (!mOptions.trustedKeys.empty() &&
      std::find(mOptions.trustedKeys.begin(), mOptions.trustedKeys.end(), h.publicKey) ==
          mOptions.trustedKeys.end()) {
    out.status = VerifyStatus::Invalid;
    out.message =
        "signed by workstation key " + keyId(h.publicKey) + ", which is not among the trusted keys";
    return out;
  }
  if (!trace.complete) {
    out.status = VerifyStatus::Incomplete;
    out.message = who(h) + ": " + trace.incompleteReason +
                  (h.takeOver ? "; " + describeTakeOver(*h.takeOver, h.tickRate) : "") +
                  events(trace);
    return out;
  }
  out.recorded = trace.result;
  std::string note;
  if (h.engineVersion != core::engineVersion() || h.buildId != core::buildId()) {
    const std::string what = "recorded by engine " + h.engineVersion + " build '" + h.buildId +
                             "', this is engine " + std::string(core::engineVersion()) +
                             " build '" + std::string(core::buildId()) + "'";
    if (!mOptions.allowOtherBuild) {
      out.status = VerifyStatus::OtherBuild;
      out.message = who(h) + ": " + what +
                    "; results are bit-exact only within one build: verify with that build "
                    "(or pass --allow-other-build to try anyway)";
      return out;
    }
    note = " (" + what + ")";
  }
  auto scenario = mIndex.find(h);
  if (!scenario) {
    out.status = VerifyStatus::ScenarioMissing;
    out.message = who(h) + ": " + scenario.error().message;
    return out;
  }
  core::Expected<assessment::AttemptResult> again = core::makeError(core::ErrorCode::Io, "");
  try {
    again = mResimulate(*scenario, trace);
  } catch (const std::exception& e) {
    again = core::makeError(core::ErrorCode::PhysicsFault, e.what());
  }
  if (!again) {
    out.status = VerifyStatus::Failed;
    out.message = who(h) + ": re-simulation failed: " + again.error().toString();
    return out;
  }
  out.resimulated = *again;
  // A format 1 result (an old trace) was hashed with its reason texts: put them back and
  // compare by the v1 rule, which still covers every score, tick, time and position.
  const bool legacy = trace.result->format < 2;
  if (legacy && legacyResultHash(*again, *trace.result) == trace.resultHash) {
    note += " (a format 1 result: its reason texts are kept as recorded)";
  } else if (resultHash(*again) != trace.resultHash) {
    out.status = VerifyStatus::Mismatch;
    out.message = who(h) + ": " + describeDifference(*trace.result, *again) + note;
    return out;
  }
  std::string takenOver;
  if (h.takeOver) {
    // The child re-simulated on its own (the parent's inputs to the take-over tick are its first
    // ticks); with the parent at hand, its copy of them must be the parent's, bit for bit.
    takenOver = "; " + describeTakeOver(*h.takeOver, h.tickRate);
    std::optional<Trace> parent;
    if (mOptions.findParent) {
      parent = mOptions.findParent(h.takeOver->parentTraceHash);
    }
    if (parent) {
      if (const auto t = firstDifferingTick(trace.actions, parent->actions, h.takeOver->tick)) {
        out.status = VerifyStatus::Mismatch;
        out.message = who(h) + ": " + describeTakeOver(*h.takeOver, h.tickRate) +
                      ", but its copy of the parent's inputs differs from the parent trace at "
                      "tick " +
                      std::to_string(*t) + " (" + oneDecimal(static_cast<double>(*t) / h.tickRate) +
                      " s): the copy was altered";
        return out;
      }
      takenOver += ", its copy of the parent's inputs equals the parent trace";
    } else {
      takenOver += " (the parent trace was not given: its inputs are checked as copied)";
    }
  }
  out.status = VerifyStatus::Match;
  out.message = who(h) + ": " + shownScore(*again) + ", signed by " + keyId(h.publicKey) +
                ", re-simulated bit-exact" + note + takenOver + events(trace);
  return out;
}

std::vector<VerifyOutcome> TraceVerifier::verifyAll(std::span<const std::filesystem::path> traces,
                                                    unsigned threads,
                                                    const VerifyProgress& progress) const {
  std::vector<VerifyOutcome> out(traces.size());
  parallelFor(traces.size(), threads, progress, [&](std::size_t i) { out[i] = verify(traces[i]); });
  return out;
}

RescoreOutcome TraceVerifier::rescore(const std::filesystem::path& path,
                                      const ScenarioEntry& revised) const {
  RescoreOutcome out;
  out.trace = path;
  auto read = TraceReader::read(path);
  if (!read) {
    core::Error e = read.error();
    e.location.file.clear();
    out.message = e.toString();
    return out;
  }
  const Trace& trace = *read;
  out.traineeId = trace.header.traineeId;
  if (!trace.complete) {
    out.message = trace.incompleteReason;
    return out;
  }
  out.recorded = trace.result;
  if (trace.header.scenarioId != revised.id) {
    out.message = "recorded on scenario " + trace.header.scenarioId + ", not " + revised.id +
                  ": re-scoring needs the same task (same physics, new criteria)";
    return out;
  }
  if (trace.header.buildId != core::buildId() && !mOptions.allowOtherBuild) {
    out.message = "recorded by build '" + trace.header.buildId + "', this is build '" +
                  std::string(core::buildId()) + "' (pass --allow-other-build to try anyway)";
    return out;
  }
  core::Expected<assessment::AttemptResult> again = core::makeError(core::ErrorCode::Io, "");
  try {
    again = mResimulate(revised, trace);
  } catch (const std::exception& e) {
    again = core::makeError(core::ErrorCode::PhysicsFault, e.what());
  }
  if (!again) {
    out.message = "re-simulation failed: " + again.error().toString();
    return out;
  }
  out.rescored = *again;
  out.ok = true;
  if (trace.header.scenarioHash == revised.hash) {
    out.message = "same scenario version as recorded";
  }
  return out;
}

std::vector<RescoreOutcome> TraceVerifier::rescoreAll(std::span<const std::filesystem::path> traces,
                                                      const ScenarioEntry& revised,
                                                      unsigned threads,
                                                      const VerifyProgress& progress) const {
  std::vector<RescoreOutcome> out(traces.size());
  parallelFor(traces.size(), threads, progress,
              [&](std::size_t i) { out[i] = rescore(traces[i], revised); });
  return out;
}

} // namespace skillsim::records
