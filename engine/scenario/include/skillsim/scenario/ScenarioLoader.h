#pragma once

#include "skillsim/scenario/Scenario.h"

#include <skillsim/assessment/Standard.h>
#include <skillsim/core/Error.h>
#include <skillsim/core/Expected.h>
#include <skillsim/core/Hash.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skillsim::scenario {

/** Where loadScenario() looks for standards. */
struct LoadOptions {
  /**
   * Folder holding `standards/<id>.toml`. Empty: the nearest `assets/` folder found walking up
   * from the scenario file's folder (so `scenarios/<trade>/x.toml` finds the repository's
   * `assets/standards/`).
   */
  std::filesystem::path assetsRoot;
  /**
   * Assets folders (each holding `standards/`) tried, in order, after the walk-up when assetsRoot
   * is empty: the installed assets, so a scenario kept anywhere still finds the shipped
   * standards. Ignored when assetsRoot is set.
   */
  std::vector<std::filesystem::path> fallbackAssetsRoots;
  /** Machine types a scenario may name; nullptr = sim::MachineRegistry::builtIn(). */
  const sim::MachineRegistry* machines = nullptr;
};

/** Which format a file declares in its `format` key. */
enum class FileKind : std::uint8_t { Unknown, Scenario, Standard };

/**
 * Everything found in one file: every problem at once (each a core::Error with file, line,
 * column, field path and what was expected), and on success the parsed data.
 */
struct ValidationReport {
  FileKind kind = FileKind::Unknown;
  std::string file;
  std::vector<core::Error> problems;            ///< In file order within each file; empty = valid.
  std::optional<Scenario> scenario;             ///< Set for a valid scenario.
  std::optional<assessment::Standard> standard; ///< Set for a valid standard (or scenario's).
  std::optional<core::Digest> hash; ///< Scenario identity (scenarioHash), set when valid.

  [[nodiscard]] bool valid() const { return problems.empty(); }
};

/** The format strings a file's first key declares. */
inline constexpr std::string_view kScenarioFormat = "skillsim.scenario/1";
inline constexpr std::string_view kStandardFormat = "skillsim.standard/1";

/**
 * Checks a scenario or standard file (by its `format` key) and reports every problem. A
 * scenario's standard is found as LoadOptions says and checked too. Never throws.
 */
[[nodiscard]] ValidationReport validateFile(const std::filesystem::path& file,
                                            const LoadOptions& options = {});

/**
 * Checks a scenario given as text, with its standard's text (as read from `standardFile`). The
 * scenario's `standard` key must name that standard's id. For tests and tools; never throws.
 */
[[nodiscard]] ValidationReport validateScenarioText(std::string_view text, const std::string& file,
                                                    std::string_view standardText,
                                                    const std::string& standardFile,
                                                    const sim::MachineRegistry* machines = nullptr);

/** Checks a standard given as text. Never throws. */
[[nodiscard]] ValidationReport validateStandardText(std::string_view text, const std::string& file);

/**
 * Loads and validates a scenario and its standard. Errors: NotFound / Io when a file cannot be
 * read; InvalidInput with every problem, one per line, in the message (the first problem's
 * location is the Error's location).
 */
[[nodiscard]] core::Expected<Scenario> loadScenario(const std::filesystem::path& file,
                                                    const LoadOptions& options = {});

/** Loads and validates a standard file; errors as loadScenario(). */
[[nodiscard]] core::Expected<assessment::Standard> loadStandard(const std::filesystem::path& file);

/**
 * The scenarios folder a scenario file belongs to: the nearest folder above it named
 * `scenarios`, else the file's own folder.
 */
[[nodiscard]] std::filesystem::path scenariosFolderOf(const std::filesystem::path& file);

/**
 * Warnings for another scenario file under `folder` (every `*.toml` in it and its subfolders
 * whose `format` is a scenario's) declaring the same top-level `id` as `file`: traces, the
 * results store and certificate rules name a scenario by its id, so two files with one id are
 * mistaken for each other. One warning per other file, at `file`'s `id` (file:line:column),
 * naming the other file:line:column of its `id`. Files that do not parse as TOML are skipped
 * (validating them reports why); `file` itself is recognised by its canonical path. Empty when
 * `file` has no id or cannot be read. Never throws.
 */
[[nodiscard]] std::vector<core::Error>
duplicateScenarioIdWarnings(const std::filesystem::path& file, const std::filesystem::path& folder);

/**
 * The same for a scenario given as `text` (an editor's unsaved text) that is, or will be saved
 * as, `file`: its `id` is read from `text`, and `file` (recognised by its canonical path) is
 * skipped in `folder` and named in the warnings. Never throws.
 */
[[nodiscard]] std::vector<core::Error>
duplicateScenarioIdWarnings(std::string_view text, const std::filesystem::path& file,
                            const std::filesystem::path& folder);

/**
 * Metric names a simulation of this machine has, in its order: `time`, then the machine's
 * (MachineDecl::metrics); only `time` without a machine. Kept equal to a real simulation's list
 * by a test.
 */
[[nodiscard]] std::vector<std::string> metricNames(const sim::MachineDecl* machine);

} // namespace skillsim::scenario
