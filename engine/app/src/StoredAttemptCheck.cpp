#include "skillsim/app/StoredAttemptCheck.h"

#include "skillsim/app/AttemptReplay.h"
#include "skillsim/app/VerifyCommand.h"

#include <skillsim/core/Version.h>
#include <skillsim/records/ScenarioIndex.h>
#include <skillsim/records/TraceHeader.h>
#include <skillsim/records/TraceReader.h>
#include <skillsim/records/UserDirs.h>
#include <skillsim/report/ReportScenarioOverlay.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <iterator>
#include <mutex>

namespace skillsim::app {
namespace {

namespace fs = std::filesystem;

/** What the re-simulation of one trace saw besides its result, keyed by the trace's file hash. */
struct Seen {
  records::TraceHeader header;
  AttemptMotion motion;
};

class SeenTraces {
public:
  void put(const std::string& fileHash, Seen seen) {
    std::lock_guard lock(mMutex);
    mSeen.insert_or_assign(fileHash, std::move(seen));
  }
  [[nodiscard]] const Seen* find(const std::string& fileHash) const {
    std::lock_guard lock(mMutex);
    auto it = mSeen.find(fileHash);
    return it == mSeen.end() ? nullptr : &it->second;
  }

private:
  mutable std::mutex mMutex;
  std::map<std::string, Seen> mSeen;
};

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::string shortHash(const std::string& hex) {
  return hex.size() > 12 ? hex.substr(0, 12) + "…" : hex;
}

/** The `*.sktrace` files under `dirs` by the hex BLAKE2b-256 of their bytes (first path wins). */
std::map<std::string, fs::path> indexTraces(const std::vector<fs::path>& dirs, std::string& where) {
  std::map<std::string, fs::path> byHash;
  for (const fs::path& dir : dirs) {
    std::error_code ec;
    const bool exists = fs::is_directory(dir, ec);
    where += (where.empty() ? "" : ", ") + dir.string() + (exists ? "" : " (no such folder)");
    if (!exists) {
      continue;
    }
    std::vector<fs::path> files;
    for (auto it = fs::recursive_directory_iterator(dir, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_regular_file(ec) && it->path().extension() == ".sktrace") {
        files.push_back(it->path());
      }
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) {
      std::ifstream in(file, std::ios::binary);
      if (!in.is_open()) {
        continue; // unreadable: it cannot be shown to be any record's trace
      }
      const std::string bytes((std::istreambuf_iterator<char>(in)),
                              std::istreambuf_iterator<char>());
      if (!in.bad()) {
        byHash.emplace(core::toHex(core::hashBytes(bytes)), file);
      }
    }
  }
  return byHash;
}

/** Replays a trace through the real simulation, recording what check() needs besides the result. */
records::Resimulator recordingResimulator(std::shared_ptr<SeenTraces> seen, bool collectMotion) {
  return [seen = std::move(seen), collectMotion](const records::ScenarioEntry& entry,
                                                 const records::Trace& trace) {
    Seen mine{trace.header, {}};
    const std::uint32_t rate = std::max<std::uint32_t>(trace.header.tickRate, 1);
    const std::uint32_t every = std::max<std::uint32_t>(rate / 10, 1);
    std::vector<std::optional<std::size_t>> sampled; // report::reportSampledMetrics order
    std::vector<std::optional<std::size_t>> gates;   // report::reportSampleGates order
    bool bound = false;
    ReplayObserver observer = [&](std::uint64_t t, const sim::Simulation& simulation,
                                  const assessment::Assessor& assessor) {
      const std::uint64_t tick = simulation.tick();
      if (collectMotion && tick % every == 0) {
        const sim::Metrics& m = simulation.metrics();
        if (!bound) {
          if (const sim::MachineDecl* machine = simulation.machine()) {
            for (const std::string& name : report::reportSampledMetrics(*machine)) {
              sampled.push_back(m.find(name));
            }
            for (const std::string& name : report::reportSampleGates(*machine)) {
              gates.push_back(name.empty() ? std::nullopt : m.find(name));
            }
          }
          bound = true;
        }
        auto get = [&m](const std::optional<std::size_t>& i) { return i ? m.get(*i) : 0.0; };
        report::ReportSample sample{static_cast<double>(tick) / rate, 0.0, 0.0, {}};
        bool finite = true;
        for (std::size_t k = 0; k < sampled.size(); ++k) {
          const double v = get(sampled[k]);
          finite = finite && std::isfinite(v);
          if (k == 0) {
            sample.planX = v;
          } else if (k == 1) {
            sample.planZ = v;
          } else {
            sample.values.push_back(v);
          }
        }
        if (std::any_of(gates.begin(), gates.end(), [](const auto& g) { return g.has_value(); })) {
          for (std::size_t k = 0; k < sample.values.size() && k < gates.size(); ++k) {
            sample.valid.push_back(!gates[k] || m.get(*gates[k]) > 0.5);
          }
        }
        // A physics fault's NaN stops the attempt; the report draws only finite samples.
        if (finite && !sampled.empty()) {
          mine.motion.samples.push_back(std::move(sample));
        }
      }
      // The replay stops after this tick: keep the phases as the assessor will close them.
      if (assessor.finished() || simulation.stopped() || t + 1 == trace.actions.size()) {
        mine.motion.duration = static_cast<double>(tick) / rate;
        for (const assessment::PhaseSpan& span : assessor.phaseTicks()) {
          mine.motion.phaseTimes[span.phaseId] = {static_cast<double>(span.startTick) / rate,
                                                  static_cast<double>(span.endTick) / rate};
        }
      }
    };
    auto result = replayTrace(entry, trace, observer);
    seen->put(core::toHex(trace.fileHash), std::move(mine));
    return result;
  };
}

/** Why a verified trace still does not back the stored record; empty when it does. */
std::string recordDisagrees(const records::AttemptRecord& record, const records::TraceHeader& h) {
  if (h.traineeId != record.traineeId) {
    return "the trace was recorded for trainee '" + h.traineeId + "', the store says '" +
           record.traineeId + "'";
  }
  if (h.mode != record.mode) {
    return "the trace was recorded in " + std::string(records::toString(h.mode)) +
           " mode, the store says " + std::string(records::toString(record.mode));
  }
  if (h.scenarioId != record.scenario.id ||
      core::toHex(h.scenarioHash) != lower(record.scenario.hash)) {
    return "the trace was recorded on scenario " + h.scenarioId + " (hash " +
           shortHash(core::toHex(h.scenarioHash)) + "), the store says " + record.scenario.id +
           " (hash " + shortHash(record.scenario.hash) + ")";
  }
  if (h.startUtc != record.startUtc) {
    return "the trace was started at " + records::formatUtc(h.startUtc) + ", the store says " +
           records::formatUtc(record.startUtc);
  }
  return {};
}

} // namespace

core::Expected<std::vector<StoredAttemptCheck>>
checkStoredAttempts(std::span<const records::AttemptRecord> records,
                    const TraceSearchOptions& options, const records::VerifyProgress& progress) {
  std::vector<fs::path> dirs;
  for (const std::string& dir : options.traceDirs) {
    dirs.emplace_back(dir);
  }
  if (dirs.empty()) {
    dirs.push_back(records::defaultDataDir() / "traces");
  }
  std::string where;
  const std::map<std::string, fs::path> byHash = indexTraces(dirs, where);

  std::vector<StoredAttemptCheck> checks(records.size());
  std::vector<fs::path> needed; // each trace once, in first-use order
  std::vector<std::optional<std::size_t>> outcomeOf(records.size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    const std::string hash = lower(records[i].traceHash);
    if (hash.empty()) {
      checks[i].note = "the store names no trace for this attempt";
      continue;
    }
    auto found = byHash.find(hash);
    if (found == byHash.end()) {
      checks[i].note = "no trace with hash " + shortHash(hash) + " under " + where;
      continue;
    }
    checks[i].trace = found->second;
    auto at = std::find(needed.begin(), needed.end(), found->second);
    outcomeOf[i] = static_cast<std::size_t>(at - needed.begin());
    if (at == needed.end()) {
      needed.push_back(found->second);
    }
  }
  if (needed.empty()) {
    return checks;
  }

  records::ScenarioIndex index;
  if (!index.addDirectory(options.scenariosDir, defaultVerifyBackend().probe)) {
    index.origin = options.scenariosDir + " (no such folder; give one with --scenarios DIR)";
  }
  auto seen = std::make_shared<SeenTraces>();
  records::VerifyOptions verifyOptions;
  // The report draws an attempt's motion even from another build's trace, so it re-simulates
  // those too; whether such a trace counts is decided below, by options.allowOtherBuild.
  verifyOptions.allowOtherBuild = options.allowOtherBuild || options.collectMotion;
  const records::TraceVerifier verifier(
      std::move(index), recordingResimulator(seen, options.collectMotion), verifyOptions);
  const std::vector<records::VerifyOutcome> outcomes =
      verifier.verifyAll(needed, options.jobs, progress);

  for (std::size_t i = 0; i < records.size(); ++i) {
    if (!outcomeOf[i]) {
      continue;
    }
    const records::AttemptRecord& record = records[i];
    const records::VerifyOutcome& outcome = outcomes[*outcomeOf[i]];
    StoredAttemptCheck& check = checks[i];
    const Seen* trace = seen->find(lower(record.traceHash));
    if (trace != nullptr && options.collectMotion) {
      check.motion = trace->motion;
    }
    if (!outcome.ok()) {
      check.note = "its trace " + check.trace.string() +
                   " does not verify: " + std::string(records::toString(outcome.status)) + ": " +
                   outcome.message;
      continue;
    }
    if (trace == nullptr || !outcome.resimulated) {
      check.note = "its trace " + check.trace.string() + " was not re-simulated";
      continue;
    }
    if (std::string why = recordDisagrees(record, trace->header); !why.empty()) {
      check.note = why + " (trace " + check.trace.string() + ")";
      continue;
    }
    const std::string difference =
        records::TraceVerifier::describeDifference(record.result, *outcome.resimulated, "stored");
    if (!difference.empty()) {
      check.note = "the stored result differs from the trace's re-simulation: " + difference +
                   " (trace " + check.trace.string() + ")";
      continue;
    }
    const records::TraceHeader& h = trace->header;
    if (!options.allowOtherBuild &&
        (h.engineVersion != core::engineVersion() || h.buildId != core::buildId())) {
      check.note = "its trace " + check.trace.string() +
                   " does not verify: OTHER-BUILD: recorded by engine " + h.engineVersion +
                   " build '" + h.buildId + "', this is engine " +
                   std::string(core::engineVersion()) + " build '" + std::string(core::buildId()) +
                   "'; results are bit-exact only within one build: verify with that build (or "
                   "pass --allow-other-build to count it)";
      continue;
    }
    check.verified = true;
    check.header = h;
    check.note = "trace " + check.trace.string() + ": " + outcome.message;
  }
  return checks;
}

StoredTraceVerdict verifyStoredTrace(const records::TraceVerifier& verifier,
                                     const records::AttemptRecord& record,
                                     const std::optional<std::string>& traceBytes) {
  const std::string who = "attempt " + record.attemptId;
  if (!traceBytes || traceBytes->empty()) {
    return {false, "NO-TRACE",
            who + ": the results store keeps no trace for it (recorded before schema 6, or "
                  "without a trace); verify its .sktrace file with 'skillsim verify FILE'"};
  }
  const records::VerifyOutcome outcome = verifier.verifyBytes(*traceBytes, who);
  if (!outcome.ok()) {
    return {false, std::string(records::toString(outcome.status)), who + ": " + outcome.message};
  }
  const std::string hash = core::toHex(core::hashBytes(*traceBytes));
  if (hash != lower(record.traceHash)) {
    return {false, "DISAGREES",
            who + ": the stored trace has hash " + shortHash(hash) + ", the record names " +
                shortHash(record.traceHash)};
  }
  auto trace = records::TraceReader::parse(*traceBytes, who);
  if (!trace) {
    return {false, "INVALID", who + ": " + trace.error().toString()};
  }
  if (std::string why = recordDisagrees(record, trace->header); !why.empty()) {
    return {false, "DISAGREES", who + ": " + why};
  }
  if (!outcome.resimulated) {
    return {false, "FAILED", who + ": the trace was not re-simulated"};
  }
  const std::string difference =
      records::TraceVerifier::describeDifference(record.result, *outcome.resimulated, "stored");
  if (!difference.empty()) {
    return {false, "STORED-DIFFERS",
            who + ": the stored result differs from the trace's re-simulation: " + difference};
  }
  return {true, "OK", who + ": " + outcome.message};
}

} // namespace skillsim::app
