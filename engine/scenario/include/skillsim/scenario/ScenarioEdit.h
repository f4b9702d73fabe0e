#pragma once

#include "skillsim/scenario/ScenarioLoader.h"

#include <skillsim/core/Error.h>
#include <skillsim/core/Expected.h>

#include <array>
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace skillsim::scenario {

/** The kinds of placed objects an instructor edits: the file's `[[bodies]]` and `[[zones]]`. */
enum class EditObjectKind : std::uint8_t { Body, Zone };

/** One placed object as the editor lists it. */
struct EditObject {
  EditObjectKind kind = EditObjectKind::Body;
  std::size_t index = 0; ///< 0-based position in the file's `[[bodies]]` or `[[zones]]` array.
  std::string name;      ///< Its `name` key, empty when absent.
  std::uint32_t headerLine = 0; ///< 1-based line of its `[[bodies]]` / `[[zones]]` header.
};

/**
 * An edit of one scenario file that keeps the file's own text: every operation splices the text
 * (only the changed value's characters, an appended table, or a removed table's lines), so
 * comments, key order and layout survive a save. The text is parsed again (toml++) after every
 * change and the validator (validateScenarioText) runs; its problems carry file:line:column of
 * the edited text. Undo/redo step through the texts. Not thread-safe.
 */
class ScenarioEdit {
public:
  /**
   * Reads `file` and the standard its `standard` key names: `standardFile` when given, else
   * `standards/<id>.toml` in the nearest `assets/` folder above the scenario. Errors: NotFound /
   * Io when a file cannot be read; InvalidInput when the scenario is not TOML (file:line:column).
   */
  [[nodiscard]] static core::Expected<ScenarioEdit>
  open(const std::filesystem::path& file, const std::filesystem::path& standardFile = {});

  /**
   * The same from text (for tests and tools): `file` names it in messages, the standard is given
   * as text. Errors: InvalidInput when `text` is not TOML.
   */
  [[nodiscard]] static core::Expected<ScenarioEdit>
  fromText(std::string text, std::string file, std::string standardText, std::string standardFile);

  /** The current text, as save() writes it. */
  [[nodiscard]] const std::string& text() const { return mText; }
  /** Bodies then zones, in file order. */
  [[nodiscard]] std::vector<EditObject> objects() const;
  /** The validator's problems for the current text (file:line:column); empty = valid. */
  [[nodiscard]] const std::vector<core::Error>& problems() const { return mReport.problems; }
  /** The validator's full report for the current text. */
  [[nodiscard]] const ValidationReport& report() const { return mReport; }

  /**
   * Sets a placed object's position (`position` for a body, `center` for a zone; m) to `value`
   * rounded to the nearest multiple of `grid` (m; 0 = no snap) in x and z, y kept as given. Only
   * the value's characters change. Errors: InvalidInput for an unknown object, a non-finite value,
   * a negative grid, or a value written over several lines (the editor rewrites one line).
   */
  core::Expected<void> move(EditObjectKind kind, std::size_t index, std::array<double, 3> value,
                            double grid = 0.0);

  /**
   * Replaces the value of `key` in an object's table with `tomlValue` (TOML text, e.g. `"box"`,
   * `[0.3, 1.6, 0.3]`, `["pile"]`); adds `key = tomlValue` after the table's last key when the
   * key is absent. The new text must parse, else nothing changes. Errors: InvalidInput naming the
   * object and key.
   */
  core::Expected<void> setValue(EditObjectKind kind, std::size_t index, std::string_view key,
                                std::string_view tomlValue);

  /**
   * Appends a copy of an object's table (its key lines, without comments) at the end of the file,
   * named `newName`. Errors: InvalidInput for an unknown object or a name already used.
   */
  core::Expected<void> duplicate(EditObjectKind kind, std::size_t index, std::string_view newName);

  /**
   * Removes an object's table: its header and key lines, up to the comments and blank lines that
   * precede the next table (those belong to it). Errors: InvalidInput for an unknown object.
   */
  core::Expected<void> remove(EditObjectKind kind, std::size_t index);

  /** Goes back one change; false when there is none. */
  bool undo();
  /** Re-applies the last undone change; false when there is none. */
  bool redo();
  [[nodiscard]] bool canUndo() const { return !mUndo.empty(); }
  [[nodiscard]] bool canRedo() const { return !mRedo.empty(); }
  /** True when the text differs from the one opened or last saved. */
  [[nodiscard]] bool modified() const { return mText != mSavedText; }

  /**
   * Writes the text to `file` (default: the file opened): to a temporary file in the same
   * directory, synced, then renamed over `file`, so a crash or a failed write mid-way leaves the
   * old file whole (never half a file). Errors: Io naming `file` and the system's reason (a
   * read-only directory, a full disk); the file on disk is then unchanged and modified() stays.
   */
  core::Expected<void> save(const std::filesystem::path& file = {});

private:
  ScenarioEdit() = default;
  core::Expected<void> commit(std::string newText);
  void revalidate();

  std::string mText;
  std::string mSavedText;
  std::string mFile;
  std::string mStandardText;
  std::string mStandardFile;
  ValidationReport mReport;
  std::vector<std::string> mUndo;
  std::vector<std::string> mRedo;
};

} // namespace skillsim::scenario
