#pragma once

#include "skillsim/records/TraceHeader.h"

#include <skillsim/core/Expected.h>
#include <skillsim/core/Hash.h>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace skillsim::records {

/** A scenario that traces can be verified against: its identity and its file. */
struct ScenarioEntry {
  std::string id;             ///< Scenario id, e.g. "overhead_crane.q2_practical".
  std::string version;        ///< The author's version string.
  core::Digest hash{};        ///< scenario::scenarioHash: what a trace names.
  std::filesystem::path file; ///< The scenario file.
  std::string title;          ///< zh-CN title.
  std::string titleEn;        ///< English title.
};

/** Loads one candidate scenario file into an entry (the app wraps scenario::loadScenario). */
using ScenarioProbe = std::function<core::Expected<ScenarioEntry>(const std::filesystem::path&)>;

/**
 * The scenarios a verifier knows, found by hash (issue 6: "finds the scenario by hash"). When a
 * trace's hash is missing, the error names the scenario id, version and hash the trace asks for,
 * and says whether the same id is present in another version (a changed scenario file or
 * standard) or not at all.
 */
class ScenarioIndex {
public:
  /** Adds a scenario; a second entry with the same hash is ignored. */
  void add(ScenarioEntry entry);

  /**
   * Adds every `*.toml` file under `dir` (recursively, in sorted path order) that `probe`
   * accepts; files it refuses (standards, broken scenarios) are skipped and their errors
   * returned, for a --verbose listing. Error: NotFound when `dir` is not a directory.
   */
  core::Expected<std::vector<core::Error>> addDirectory(const std::filesystem::path& dir,
                                                        const ScenarioProbe& probe);

  /**
   * The scenario whose hash is `header.scenarioHash`. Error NotFound, e.g. "scenario
   * trade.q2 version 1.0 (hash 3f2a…) is not in scenarios/: found trade.q2 version 1.1 (hash
   * 9c01…), a different version — verify needs exactly the version the trace was scored on".
   */
  [[nodiscard]] core::Expected<ScenarioEntry> find(const TraceHeader& header) const;

  [[nodiscard]] const std::vector<ScenarioEntry>& entries() const { return mEntries; }

  /** Where the entries came from, for messages ("scenarios/"); empty when added one by one. */
  std::string origin;

private:
  std::vector<ScenarioEntry> mEntries;
};

} // namespace skillsim::records
