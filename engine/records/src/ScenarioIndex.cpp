#include "skillsim/records/ScenarioIndex.h"

#include <algorithm>

namespace skillsim::records {

void ScenarioIndex::add(ScenarioEntry entry) {
  const bool known = std::any_of(mEntries.begin(), mEntries.end(),
                                 [&](const ScenarioEntry& e) { return e.hash == entry.hash; });
  if (!known) {
    mEntries.push_back(std::move(entry));
  }
}

core::Expected<std::vector<core::Error>>
ScenarioIndex::addDirectory(const std::filesystem::path& dir, const ScenarioProbe& probe) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return core::makeError(core::ErrorCode::NotFound,
                           "no such scenarios directory (give one with --scenarios DIR)",
                           core::SourceLocation{.file = dir.string()});
  }
  if (origin.empty()) {
    origin = dir.string();
  }
  std::vector<std::filesystem::path> files;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec) && it->path().extension() == ".toml") {
      files.push_back(it->path());
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<core::Error> skipped;
  for (const auto& file : files) {
    auto entry = probe(file);
    if (entry) {
      add(std::move(*entry));
    } else {
      skipped.push_back(entry.error());
    }
  }
  return skipped;
}

core::Expected<ScenarioEntry> ScenarioIndex::find(const TraceHeader& header) const {
  for (const ScenarioEntry& e : mEntries) {
    if (e.hash == header.scenarioHash) {
      return e;
    }
  }
  std::string message = "scenario " + header.scenarioId + " version " +
                        (header.scenarioVersion.empty() ? "?" : header.scenarioVersion) +
                        " (hash " + core::toHex(header.scenarioHash).substr(0, 16) +
                        "…) is not in " +
                        (origin.empty() ? std::string("the known scenarios") : origin);
  std::string others;
  for (const ScenarioEntry& e : mEntries) {
    if (e.id == header.scenarioId) {
      others += (others.empty() ? "" : ", ") + std::string("version ") + e.version + " (hash " +
                core::toHex(e.hash).substr(0, 16) + "…, " + e.file.string() + ")";
    }
  }
  if (others.empty()) {
    message += ": no scenario with that id is there either — add the scenario file the trace "
               "was recorded on";
  } else {
    message += ": found " + header.scenarioId + " " + others +
               ", a different scenario version — verification needs exactly the version the "
               "trace was scored on (use --rescore to score it under a revised rubric)";
  }
  return core::makeError(core::ErrorCode::NotFound, message);
}

} // namespace skillsim::records
