#pragma once

#include <skillsim/scenario/ScenarioLoader.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace skillsim::app {

/**
 * Where to look for the `assets/` folder besides the scenario's own tree. Filled from the running
 * program by AssetsSearch::fromProcess(); tests set the fields by hand.
 */
struct AssetsSearch {
  /** The running executable (absolute); empty = unknown (no install-relative search). */
  std::filesystem::path executable;
  /** The current folder (absolute); empty = no search above it. */
  std::filesystem::path currentFolder;

  /** The executable from /proc/self/exe and the current folder; either empty when unreadable. */
  [[nodiscard]] static AssetsSearch fromProcess();
};

/**
 * The assets folders a program installed at `executable` uses, best first: `<exe folder>/` +
 * the configured bin-to-data path (`../share/skillsim/assets` for the default GNU layout,
 * `cmake --install` and the .deb), then, only when `executable` lies inside the build tree it was
 * built in, that tree's source folder's `assets/` (a build that was never installed). Only
 * existing folders holding `i18n/` are returned.
 */
[[nodiscard]] std::vector<std::filesystem::path>
installedAssetsFolders(const std::filesystem::path& executable);

/**
 * The `assets/` folder (the one holding i18n/) for a run of `scenarioFile` (may be empty), in
 * this order: the nearest above the scenario's folder (a scenario tree that brings its own
 * assets, e.g. the source tree, keeps them), the installed ones (installedAssetsFolders()), the
 * nearest above the current folder. nullopt when there is none.
 */
[[nodiscard]] std::optional<std::filesystem::path> findAssetsFolder(const std::string& scenarioFile,
                                                                    const AssetsSearch& search);

/** findAssetsFolder() for the running program (AssetsSearch::fromProcess()). */
[[nodiscard]] std::optional<std::filesystem::path>
findAssetsFolder(const std::string& scenarioFile);

/**
 * Load options for a scenario given on the command line: standards are found above the scenario
 * as ever, then in the installed assets (installedAssetsFolders() of the running program).
 */
[[nodiscard]] scenario::LoadOptions commandLineLoadOptions();

/** Every folder findAssetsFolder() looked in, in order, for an error message. */
[[nodiscard]] std::string describeAssetsSearch(const std::string& scenarioFile,
                                               const AssetsSearch& search);

} // namespace skillsim::app
