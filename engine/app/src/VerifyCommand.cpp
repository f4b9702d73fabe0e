#include "skillsim/app/VerifyCommand.h"

#include "ProgressBar.h"

#include "skillsim/app/AttemptReplay.h"
#include "skillsim/app/Cli.h"

#include <skillsim/records/TraceReader.h>
#include <skillsim/scenario/ScenarioLoader.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <ostream>
#include <unistd.h>

namespace skillsim::app {
namespace {

std::string num(double v) {
  std::array<char, 32> buffer{};
  const auto end = std::to_chars(buffer.data(), buffer.data() + buffer.size(), v).ptr;
  return std::string(buffer.data(), end);
}

std::vector<std::filesystem::path> collectTraces(const std::vector<std::string>& args) {
  std::vector<std::filesystem::path> out;
  for (const std::string& arg : args) {
    std::error_code ec;
    if (std::filesystem::is_directory(arg, ec)) {
      std::vector<std::filesystem::path> found;
      for (auto it = std::filesystem::recursive_directory_iterator(arg, ec);
           !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && it->path().extension() == ".sktrace") {
          found.push_back(it->path());
        }
      }
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
    } else {
      out.emplace_back(arg); // a missing file is reported by the verifier, in its place
    }
  }
  return out;
}

} // namespace

VerifyBackend defaultVerifyBackend() {
  VerifyBackend backend;
  backend.probe = [](const std::filesystem::path& file) -> core::Expected<records::ScenarioEntry> {
    auto loaded = scenario::loadScenario(file);
    if (!loaded) {
      return std::move(loaded).error();
    }
    return records::ScenarioEntry{loaded->id, loaded->version, loaded->hash,
                                  file,       loaded->titleZh, loaded->titleEn};
  };
  // Re-simulation headless through scenario::AttemptRunner, the same stepper the workstation
  // records with (Workstation.cpp), so an honest trace gives a bit-identical result.
  backend.resimulate = [](const records::ScenarioEntry& entry, const records::Trace& trace) {
    return replayTrace(entry, trace);
  };
  return backend;
}

int runVerify(const VerifyCommandOptions& options, std::ostream& out, std::ostream& err,
              const VerifyBackend& backend) {
  records::VerifyOptions verifyOptions;
  verifyOptions.allowOtherBuild = options.allowOtherBuild;
  for (const std::string& hex : options.trustedKeys) {
    records::PublicKey key{};
    bool ok = hex.size() == 64;
    for (std::size_t i = 0; ok && i < key.size(); ++i) {
      const auto r = std::from_chars(hex.data() + 2 * i, hex.data() + 2 * i + 2, key[i], 16);
      ok = r.ec == std::errc() && r.ptr == hex.data() + 2 * i + 2;
    }
    if (!ok) {
      err << "skillsim verify: --trusted-key '" << hex
          << "' is not a key: expected 64 hex digits (an Ed25519 public key)\n";
      return kExitUsage;
    }
    verifyOptions.trustedKeys.push_back(key);
  }
  // Parents of take-overs (--parent), found by their file hash; read once, shared by the workers.
  auto parents = std::make_shared<std::map<core::Digest, records::Trace>>();
  for (const std::string& file : options.parents) {
    auto parent = records::TraceReader::read(file);
    if (!parent) {
      err << "skillsim verify: --parent " << parent.error().toString() << '\n';
      return kExitFailure;
    }
    (*parents)[parent->fileHash] = std::move(*parent);
  }
  if (!parents->empty()) {
    verifyOptions.findParent =
        [parents](const core::Digest& hash) -> std::optional<records::Trace> {
      const auto it = parents->find(hash);
      return it == parents->end() ? std::nullopt : std::optional(it->second);
    };
  }
  const std::vector<std::filesystem::path> traces = collectTraces(options.traces);
  if (traces.empty()) {
    err << "skillsim verify: no .sktrace files found in " << options.traces.size()
        << " folder(s) given\n";
    return kExitFailure;
  }
  const bool terminal = options.progress && &err == &std::cerr && ::isatty(STDERR_FILENO) != 0;
  ProgressBar bar(err, terminal && traces.size() > 1);
  auto progress = [&bar](std::size_t done, std::size_t total) { bar(done, total); };

  if (!options.rescoreScenario.empty()) {
    auto revised = backend.probe(options.rescoreScenario);
    if (!revised) {
      err << "skillsim verify --rescore: " << revised.error().toString() << '\n';
      return kExitFailure;
    }
    const records::TraceVerifier verifier(records::ScenarioIndex{}, backend.resimulate,
                                          verifyOptions);
    const auto outcomes = verifier.rescoreAll(traces, *revised, options.jobs, progress);
    out << "re-scored under " << revised->id << " version " << revised->version << " ("
        << options.rescoreScenario << ")\n";
    std::size_t failures = 0;
    for (const records::RescoreOutcome& o : outcomes) {
      if (!o.ok) {
        ++failures;
        out << "FAILED " << o.trace.string() << ": " << o.message << '\n';
        continue;
      }
      const auto& a = *o.recorded;
      const auto& b = *o.rescored;
      out << "RESCORED " << o.trace.string() << ": " << o.traineeId << "  old "
          << num(a.totalPoints) << '/' << num(a.maxPoints) << ' '
          << (a.passed ? "passed" : "failed") << "  new " << num(b.totalPoints) << '/'
          << num(b.maxPoints) << ' ' << (b.passed ? "passed" : "failed") << "  change "
          << (b.totalPoints >= a.totalPoints ? "+" : "") << num(b.totalPoints - a.totalPoints)
          << (o.message.empty() ? "" : "  (" + o.message + ")") << '\n';
    }
    err << outcomes.size() << (outcomes.size() == 1 ? " trace: " : " traces: ")
        << outcomes.size() - failures << " re-scored, " << failures << " failed\n";
    return failures == 0 ? kExitOk : kExitFailure;
  }

  records::ScenarioIndex index;
  auto skipped = index.addDirectory(options.scenariosDir, backend.probe);
  if (!skipped) {
    err << "skillsim verify: " << skipped.error().toString() << '\n';
    return kExitFailure;
  }
  const records::TraceVerifier verifier(std::move(index), backend.resimulate, verifyOptions);
  const auto outcomes = verifier.verifyAll(traces, options.jobs, progress);
  std::size_t matches = 0;
  for (const records::VerifyOutcome& o : outcomes) {
    out << o.line() << '\n';
    matches += o.ok() ? 1 : 0;
  }
  const std::size_t differ = outcomes.size() - matches;
  err << outcomes.size() << (outcomes.size() == 1 ? " trace: " : " traces: ") << matches
      << (matches == 1 && outcomes.size() == 1 ? " matches, " : " match, ") << differ
      << (differ == 1 ? " does not\n" : " do not\n");
  return matches == outcomes.size() ? kExitOk : kExitFailure;
}

} // namespace skillsim::app
