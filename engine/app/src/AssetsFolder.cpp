#include "skillsim/app/AssetsFolder.h"

#include <algorithm>

// Set by engine/app/CMakeLists.txt for this file only: the install layout's relative path from
// the binary's folder to the data folder, and the build and source trees of this build.
#ifndef SKILLSIM_DATA_FROM_BIN
#define SKILLSIM_DATA_FROM_BIN "../share/skillsim"
#endif
#ifndef SKILLSIM_BUILD_TREE
#define SKILLSIM_BUILD_TREE ""
#endif
#ifndef SKILLSIM_SOURCE_TREE
#define SKILLSIM_SOURCE_TREE ""
#endif

namespace skillsim::app {
namespace {

bool holdsAssets(const std::filesystem::path& dir) {
  std::error_code ec;
  return std::filesystem::is_directory(dir / "i18n", ec);
}

std::optional<std::filesystem::path> above(std::filesystem::path start) {
  if (start.empty()) {
    return std::nullopt;
  }
  std::error_code ec;
  start = std::filesystem::absolute(start, ec);
  for (auto dir = start; !dir.empty(); dir = dir.parent_path()) {
    if (holdsAssets(dir / "assets")) {
      return dir / "assets";
    }
    if (dir == dir.parent_path()) {
      break;
    }
  }
  return std::nullopt;
}

/** True when `path` is `folder` or lies below it (both made normal and absolute). */
bool inside(const std::filesystem::path& path, const std::filesystem::path& folder) {
  if (folder.empty() || path.empty()) {
    return false;
  }
  std::error_code ec;
  const auto p = std::filesystem::weakly_canonical(path, ec);
  const auto f = std::filesystem::weakly_canonical(folder, ec);
  auto [fEnd, pAt] = std::mismatch(f.begin(), f.end(), p.begin(), p.end());
  return fEnd == f.end();
}

} // namespace

AssetsSearch AssetsSearch::fromProcess() {
  AssetsSearch s;
  std::error_code ec;
  s.executable = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) {
    s.executable.clear();
  }
  s.currentFolder = std::filesystem::current_path(ec);
  if (ec) {
    s.currentFolder.clear();
  }
  return s;
}

std::vector<std::filesystem::path> installedAssetsFolders(const std::filesystem::path& executable) {
  std::vector<std::filesystem::path> out;
  if (executable.empty()) {
    return out;
  }
  const auto installed =
      (executable.parent_path() / SKILLSIM_DATA_FROM_BIN / "assets").lexically_normal();
  if (holdsAssets(installed)) {
    out.push_back(installed);
  }
  // A build that was never installed: its source tree, but only for a program of that build
  // tree (an installed copy must not read a checkout that happens to be on the same machine).
  const std::filesystem::path source = SKILLSIM_SOURCE_TREE;
  if (!source.empty() && inside(executable, SKILLSIM_BUILD_TREE) &&
      holdsAssets(source / "assets")) {
    out.push_back(source / "assets");
  }
  return out;
}

std::optional<std::filesystem::path> findAssetsFolder(const std::string& scenarioFile,
                                                      const AssetsSearch& search) {
  if (!scenarioFile.empty()) {
    if (auto found = above(std::filesystem::path(scenarioFile).parent_path())) {
      return found;
    }
  }
  if (auto installed = installedAssetsFolders(search.executable); !installed.empty()) {
    return installed.front();
  }
  return above(search.currentFolder);
}

std::optional<std::filesystem::path> findAssetsFolder(const std::string& scenarioFile) {
  return findAssetsFolder(scenarioFile, AssetsSearch::fromProcess());
}

scenario::LoadOptions commandLineLoadOptions() {
  scenario::LoadOptions options;
  options.fallbackAssetsRoots = installedAssetsFolders(AssetsSearch::fromProcess().executable);
  return options;
}

std::string describeAssetsSearch(const std::string& scenarioFile, const AssetsSearch& search) {
  // Appended piece by piece: GCC 12 reports a false -Wrestrict for `"literal" + std::string`.
  std::string text;
  if (!scenarioFile.empty()) {
    text.append("above ").append(scenarioFile).append(", ");
  }
  if (!search.executable.empty()) {
    const auto beside =
        (search.executable.parent_path() / SKILLSIM_DATA_FROM_BIN / "assets").lexically_normal();
    text.append("in ").append(beside.string()).append(" (beside the program), ");
  }
  text.append("above the current folder");
  if (!search.currentFolder.empty()) {
    text.append(" ").append(search.currentFolder.string());
  }
  return text;
}

} // namespace skillsim::app
