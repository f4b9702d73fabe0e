#include "skillsim/app/VerifyWorkerCommand.h"

#include "skillsim/app/Cli.h"
#include "skillsim/app/StoredAttemptCheck.h"
#include "skillsim/app/VerifyCommand.h"

#include <skillsim/core/Version.h>
#include <skillsim/records/ResultsStore.h>
#include <skillsim/records/ScenarioIndex.h>
#include <skillsim/records/TraceReader.h>
#include <skillsim/records/TraceVerifier.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <mutex>
#include <thread>
#include <unistd.h>

namespace skillsim::app {
namespace {

using Clock = std::chrono::steady_clock;

double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

/** The verifier over the scenarios folder, or the reason it cannot be built. */
core::Expected<std::unique_ptr<records::TraceVerifier>>
makeVerifier(const std::string& scenariosDir, bool allowOtherBuild,
             records::ResultsStore* parents = nullptr) {
  records::ScenarioIndex index;
  const VerifyBackend backend = defaultVerifyBackend();
  if (auto added = index.addDirectory(scenariosDir, backend.probe); !added) {
    return std::move(added).error();
  }
  records::VerifyOptions options;
  options.allowOtherBuild = allowOtherBuild;
  if (parents != nullptr) {
    // A take-over's parent, when the store keeps its trace: found by its trace hash, so verify
    // also checks the child's copy of the parent's inputs (one caller thread: runVerifyStored).
    options.findParent = [parents](const core::Digest& hash) -> std::optional<records::Trace> {
      records::AttemptQuery query;
      auto all = parents->attempts(query);
      if (!all) {
        return std::nullopt;
      }
      const std::string hex = core::toHex(hash);
      for (const records::AttemptRecord& a : *all) {
        if (a.traceHash != hex) {
          continue;
        }
        auto bytes = parents->attemptTrace(a.attemptId);
        if (bytes && *bytes) {
          auto trace = records::TraceReader::parse(**bytes, "attempt " + a.attemptId);
          if (trace && trace->fileHash == hash) {
            return std::move(*trace);
          }
        }
      }
      return std::nullopt;
    };
  }
  return std::make_unique<records::TraceVerifier>(std::move(index), backend.resimulate, options);
}

std::string defaultWorkerId() {
  std::array<char, 256> host{};
  if (::gethostname(host.data(), host.size() - 1) != 0) {
    host = {'?'};
  }
  return std::string(host.data()) + ":" + std::to_string(::getpid());
}

/** The stored record of `id`, or why not. */
core::Expected<records::AttemptRecord> storedRecord(records::ResultsStore& store,
                                                    const std::string& id) {
  records::AttemptQuery query;
  query.attemptId = id;
  auto found = store.attempts(query);
  if (!found) {
    return std::move(found).error();
  }
  if (found->empty()) {
    return core::makeError(core::ErrorCode::NotFound,
                           "no attempt '" + id + "' in the results store");
  }
  return std::move(found->front());
}

} // namespace

int runVerifyStored(const StoredVerifyOptions& options, std::ostream& out, std::ostream& err) {
  auto store = records::ResultsStore::open(options.db);
  if (!store) {
    err << "skillsim verify --db: " << store.error().toString() << '\n';
    return kExitFailure;
  }
  std::vector<std::string> ids = options.attempts;
  if (ids.empty()) {
    auto all = (*store)->attempts();
    if (!all) {
      err << "skillsim verify --db: " << all.error().toString() << '\n';
      return kExitFailure;
    }
    for (const records::AttemptRecord& a : *all) {
      ids.push_back(a.attemptId);
    }
  }
  auto verifier = makeVerifier(options.scenariosDir, options.allowOtherBuild, store->get());
  if (!verifier) {
    err << "skillsim verify --db: " << verifier.error().toString() << '\n';
    return kExitFailure;
  }
  std::size_t verified = 0;
  for (const std::string& id : ids) {
    auto record = storedRecord(**store, id);
    if (!record) {
      out << "NOT-FOUND attempt " << id << ": " << record.error().message << '\n';
      continue;
    }
    auto bytes = (*store)->attemptTrace(id);
    if (!bytes) {
      out << "FAILED attempt " << id << ": " << bytes.error().toString() << '\n';
      continue;
    }
    const StoredTraceVerdict verdict = verifyStoredTrace(**verifier, *record, *bytes);
    out << verdict.status << ' ' << verdict.detail << '\n';
    verified += verdict.verified ? 1 : 0;
  }
  err << ids.size() << " attempts: " << verified << " verified, " << ids.size() - verified
      << " not\n";
  return verified == ids.size() ? kExitOk : kExitFailure;
}

int runVerifyWorker(const VerifyWorkerOptions& options, std::ostream& out, std::ostream& err) {
  if (options.jobs < 1 || !(options.leaseS > 0.0) || !std::isfinite(options.leaseS) ||
      !(options.pollS > 0.0)) {
    err << "skillsim verify-worker: -j is 1 or more, --lease and --poll are seconds above 0\n";
    return kExitUsage;
  }
  if (options.once && options.untilEmpty) {
    err << "skillsim verify-worker: --once and --until-empty exclude each other\n";
    return kExitUsage;
  }
  {
    // Opening migrates the store to schema 6 once, before the threads start.
    auto store = records::ResultsStore::open(options.db);
    if (!store) {
      err << "skillsim verify-worker: " << store.error().toString() << '\n';
      return kExitFailure;
    }
    if (auto backlog = (*store)->verificationBacklog(); !backlog) {
      err << "skillsim verify-worker: " << backlog.error().toString() << '\n';
      return kExitFailure;
    }
  }
  auto verifier = makeVerifier(options.scenariosDir, options.allowOtherBuild);
  if (!verifier) {
    err << "skillsim verify-worker: " << verifier.error().toString() << '\n';
    return kExitFailure;
  }
  const std::string workerId = options.workerId.empty() ? defaultWorkerId() : options.workerId;
  std::mutex printing;
  std::atomic<bool> failed{false};
  std::atomic<std::size_t> done{0};
  std::atomic<std::size_t> ok{0};
  std::atomic<std::size_t> late{0};
  // Times summed over every attempt, in s: claim + read + verdict write, and re-simulation.
  double databaseS = 0.0;
  double resimulationS = 0.0;

  auto work = [&](unsigned thread) {
    const std::string me = options.jobs == 1 ? workerId : workerId + "/" + std::to_string(thread);
    auto say = [&](const std::string& line, std::ostream& to) {
      std::lock_guard lock(printing);
      to << line << '\n' << std::flush;
    };
    std::unique_ptr<records::ResultsStore> store;
    const auto pause = std::chrono::duration<double>(options.pollS);
    bool away = false; // the store was unreachable: said once until it answers
    for (;;) {
      if (!store) {
        auto opened = records::ResultsStore::open(options.db);
        if (!opened) {
          if (opened.error().code != core::ErrorCode::Unavailable) {
            say("skillsim verify-worker: " + opened.error().toString(), err);
            failed = true;
            return;
          }
          if (!away) {
            say("skillsim verify-worker: " + opened.error().toString() + "; trying again", err);
            away = true;
          }
          std::this_thread::sleep_for(pause);
          continue;
        }
        store = std::move(*opened);
        away = false;
      }
      const auto t0 = Clock::now();
      auto claim = store->claimVerification(me, options.leaseS);
      if (!claim) {
        if (claim.error().code == core::ErrorCode::Unavailable) {
          say("skillsim verify-worker: " + claim.error().toString() + "; trying again", err);
          store.reset();
          std::this_thread::sleep_for(pause);
          continue;
        }
        say("skillsim verify-worker: " + claim.error().toString(), err);
        failed = true;
        return;
      }
      if (!*claim) {
        if (options.once) {
          return;
        }
        if (options.untilEmpty) {
          auto backlog = store->verificationBacklog();
          if (backlog && backlog->unverified == 0) {
            return;
          }
          // Some are claimed by others: wait for their verdicts, or their leases to run out.
        }
        std::this_thread::sleep_for(pause);
        continue;
      }
      const records::VerificationClaim& c = **claim;
      auto record = storedRecord(*store, c.attemptId);
      auto bytes = store->attemptTrace(c.attemptId);
      const auto t1 = Clock::now();
      StoredTraceVerdict verdict;
      if (!record || !bytes) {
        const core::Error& e = !record ? record.error() : bytes.error();
        if (e.code == core::ErrorCode::Unavailable) {
          say("skillsim verify-worker: " + e.toString() + "; trying again", err);
          store.reset(); // the claim lapses with its lease
          continue;
        }
        verdict = {false, "FAILED", "attempt " + c.attemptId + ": " + e.toString()};
      } else {
        verdict = verifyStoredTrace(**verifier, *record, *bytes);
      }
      const auto t2 = Clock::now();
      records::VerificationVerdict v;
      v.attemptId = c.attemptId;
      v.verified = verdict.verified;
      v.status = verdict.status;
      v.detail = verdict.detail;
      v.workerId = me;
      v.buildId = std::string(core::buildId());
      v.engineVersion = std::string(core::engineVersion());
      v.claimOrdinal = c.ordinal;
      auto written = store->recordVerdict(v);
      const auto t3 = Clock::now();
      if (!written) {
        say("skillsim verify-worker: attempt " + c.attemptId +
                ": verdict not written: " + written.error().toString(),
            err);
        if (written.error().code == core::ErrorCode::Unavailable) {
          store.reset();
          continue;
        }
        failed = true;
        return;
      }
      {
        std::lock_guard lock(printing);
        databaseS += seconds((t1 - t0) + (t3 - t2));
        resimulationS += seconds(t2 - t1);
      }
      ++done;
      if (*written) {
        ok += verdict.verified ? 1 : 0;
        say(verdict.status + " " + verdict.detail + " (worker " + me + ", claim " +
                std::to_string(c.ordinal) + ")",
            out);
      } else {
        ++late;
        say("LATE attempt " + c.attemptId + ": its lease ran out and it was claimed again " +
                "before this verdict (" + verdict.status + ") was written; not written",
            out);
      }
      if (options.once) {
        return;
      }
    }
  };
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < options.jobs; ++t) {
    threads.emplace_back(work, t + 1);
  }
  work(1);
  for (std::thread& t : threads) {
    t.join();
  }
  err << "worker " << workerId << ": " << done.load() << " attempts, " << ok.load() << " verified, "
      << done.load() - ok.load() - late.load() << " not, " << late.load() << " late\n";
  if (options.timings && done.load() > 0) {
    const double n = static_cast<double>(done.load());
    std::array<char, 160> line{};
    std::snprintf(line.data(), line.size(),
                  "timings: per attempt %.6f s database (claim, read, verdict), %.6f s "
                  "re-simulation\n",
                  databaseS / n, resimulationS / n);
    err << line.data();
  }
  return failed ? kExitFailure : kExitOk;
}

} // namespace skillsim::app
