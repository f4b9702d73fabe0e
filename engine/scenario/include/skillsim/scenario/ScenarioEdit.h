#pragma once

#include "skillsim/scenario/ScenarioLoader.h"

#include <skillsim/core/Error.h>
#include <skillsim/core/Expected.h>

#include <array>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skillsim::scenario {

/**
 * The kinds of tables an instructor edits: the file's `[[bodies]]` and `[[zones]]` (placed
 * objects), and its `[[rubric]]` criteria. Each is addressed by its 0-based index in its array
 * in file order.
 */
enum class EditObjectKind : std::uint8_t { Body, Zone, Rubric };

/** One placed object (a body or a zone) as the editor lists it. */
struct EditObject {
  EditObjectKind kind = EditObjectKind::Body;
  std::size_t index = 0; ///< 0-based position in the file's `[[bodies]]` or `[[zones]]` array.
  std::string name;      ///< Its `name` key, empty when absent.
  std::uint32_t headerLine = 0; ///< 1-based line of its `[[bodies]]` / `[[zones]]` header.
};

/**
 * One `[[rubric]]` criterion as a rubric panel lists it (docs/scenario-format.md, "criteria").
 * Values are as written; a key that is absent or of the wrong type reads as empty / nullopt (the
 * validator's problems() say why).
 */
struct EditRubricItem {
  std::size_t index = 0;           ///< 0-based position in the file's `[[rubric]]` array.
  std::string id;                  ///< Its `id` key (what duplicate() renames).
  std::string item;                ///< The standard item it takes points off (`item`).
  std::string kind;                ///< The criterion kind (`kind`): `metric_band`, `veto`, ...
  std::optional<double> points;    ///< `points`; nullopt when absent (a veto has none).
  std::optional<double> maxPoints; ///< `max_points`; nullopt when absent.
  /** The metric it measures (`metric`), empty when the kind measures none. */
  std::string metric;
  /**
   * The metric's SI unit (sim::MetricDecl::unit, from the machine's declarations) in which
   * `min`, `max` and `threshold` are written; nullopt without a metric or when the scenario does
   * not validate. Angle metrics (Unit::Radian) also take `min_deg` / `max_deg`.
   */
  std::optional<sim::Unit> unit;
  std::uint32_t headerLine = 0; ///< 1-based line of its `[[rubric]]` header.
};

/**
 * One `[[groups]]` entry: names of bodies and zones that the editor moves together (a pile and
 * its weave gates). Editor data only: the simulation never reads it, but it is part of the
 * file's bytes, so of the scenario hash (docs/scenario-format.md, `[[groups]]`).
 */
struct EditGroup {
  std::string name;
  std::vector<std::string> members; ///< Body and zone names, as written.
  std::uint32_t headerLine = 0;     ///< 1-based line of its `[[groups]]` header.
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
  /** Bodies then zones, in file order (not the rubric: rubricItems()). */
  [[nodiscard]] std::vector<EditObject> objects() const;
  /** The `[[rubric]]` criteria in file order. */
  [[nodiscard]] std::vector<EditRubricItem> rubricItems() const;
  /** The `[[groups]]` in file order. */
  [[nodiscard]] std::vector<EditGroup> groups() const;
  /** The validator's problems for the current text (file:line:column); empty = valid. */
  [[nodiscard]] const std::vector<core::Error>& problems() const { return mReport.problems; }
  /**
   * What is accepted but should be fixed, recomputed after every change (file:line:column of the
   * edited text): the validator's warnings (Scenario::warnings: a zone no load can reach, a
   * missing `title_en`), then, for a file opened with open(), another scenario under the same
   * scenarios folder (scenariosFolderOf) declaring the same `id` (duplicateScenarioIdWarnings,
   * naming the other file:line:column). Empty while the text does not validate (problems() come
   * first) and, for the duplicate id, for an edit made with fromText() (no folder to look in).
   */
  [[nodiscard]] const std::vector<core::Error>& warnings() const { return mWarnings; }
  /** The validator's full report for the current text. */
  [[nodiscard]] const ValidationReport& report() const { return mReport; }

  /**
   * Replaces the value of `key` in a top-level table with `tomlValue` (TOML text): `table` ""
   * is the file's top level (the scenario's own `pass_mark`, `title_en`, ...), "attempt" the
   * `[attempt]` table (`time_limit_s`, `end`), any other name that table. Only the value's
   * characters change; an absent key is added after the table's last key (at the top level:
   * after the last key before the first table header). Errors: InvalidInput naming the field
   * for a table the file does not have, a value that is not TOML (nothing changes), or a value
   * written over several lines.
   */
  core::Expected<void> setTopValue(std::string_view table, std::string_view key,
                                   std::string_view tomlValue);

  /**
   * Inserts a new table named `name` after the last table of its kind (at the end of the file
   * when there is none): a body is a static 1 m box standing on the ground at the origin
   * (`position = [0.0, 0.5, 0.0]`, mass 0; created last); a zone a cylinder of radius 1 m and
   * height 2 m with its base centre at the origin; a rubric criterion (`id = name`) an
   * `event_count` of 0 points per `contact_begin` on the standard's first item that has points
   * (valid as it stands; the instructor then sets its kind, keys and points).
   * Errors: InvalidInput for an empty name, a name (an `id` for the rubric) already used in that
   * array, naming it and its line, or a rubric criterion when the standard has no scored item.
   */
  core::Expected<void> add(EditObjectKind kind, std::string_view name);

  /**
   * Turns a body or a box zone about the vertical (+Y, right-handed: from +X towards -Z) to
   * `yawRad` (rad; written in degrees, wrapped to (-180, 180]): a body's `rotation_deg` y
   * component (x and z kept; added as `[0.0, yaw, 0.0]` when absent), a box zone's `yaw_deg`.
   * Only that value's characters change. Errors: InvalidInput for an unknown object, a
   * non-finite angle, a cylinder zone (round about its axis: turning changes nothing) or a
   * rubric criterion.
   */
  core::Expected<void> rotate(EditObjectKind kind, std::size_t index, double yawRad);

  /**
   * Creates the group `name` with `members` (body and zone names), appended as a `[[groups]]`
   * table at the end of the file, or replaces an existing group's `members` value in place.
   * The validator then checks the members (problems(), like any edit). Errors: InvalidInput for
   * an empty name or no members.
   */
  core::Expected<void> setGroup(std::string_view name, const std::vector<std::string>& members);

  /** Removes the group `name`'s table (as remove() does). Errors: InvalidInput for no group. */
  core::Expected<void> removeGroup(std::string_view name);

  /**
   * Moves every member of group `name` by the same horizontal `deltaXZ` (m: x, z): each body's
   * `position` and each zone's `center` changes in x and z, y kept. With `grid` > 0 (m) the
   * delta is adjusted so the group's first member lands on the grid (its x and z multiples of
   * `grid`) and the others keep their offsets from it. One change, so one undo() step; only the
   * members' position / centre values change. Errors: InvalidInput for no such group, a member
   * that names no body or zone, a non-finite delta, a negative grid, or a value written over
   * several lines; nothing changes then.
   */
  core::Expected<void> moveGroup(std::string_view name, std::array<double, 2> deltaXZ,
                                 double grid = 0.0);

  /**
   * Sets a placed object's position (`position` for a body, `center` for a zone; m) to `value`
   * rounded to the nearest multiple of `grid` (m; 0 = no snap) in x and z, y kept as given. Only
   * the value's characters change. Errors: InvalidInput for an unknown object, a non-finite value,
   * a negative grid, or a value written over several lines (the editor rewrites one line).
   */
  core::Expected<void> move(EditObjectKind kind, std::size_t index, std::array<double, 3> value,
                            double grid = 0.0);

  /**
   * Replaces the value of `key` in an object's table (a body, a zone or a rubric criterion) with
   * `tomlValue` (TOML text, e.g. `"box"`, `[0.3, 1.6, 0.3]`, `["pile"]`, a criterion's `points`
   * or a band's `max_deg`); adds `key = tomlValue` after the table's last key when the key is
   * absent. The new text must parse, else nothing changes. Errors: InvalidInput naming the
   * object and key.
   */
  core::Expected<void> setValue(EditObjectKind kind, std::size_t index, std::string_view key,
                                std::string_view tomlValue);

  /**
   * Appends a copy of an object's table (its key lines, without comments) at the end of the file,
   * named `newName` (its `name`; a rubric criterion's `id`). Errors: InvalidInput for an unknown
   * object or a name already used.
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
  /** Ok, or the error naming the table of `kind` that already uses `name`. */
  [[nodiscard]] core::Expected<void> nameInUse(EditObjectKind kind, std::string_view name) const;
  core::Expected<void> appendTable(EditObjectKind kind, std::string_view name, std::string body);

  /** The cached duplicate-id warnings and the `id` (value, line, column) they were made for. */
  struct IdWarnings {
    std::string id;
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    std::vector<core::Error> warnings;
  };

  std::string mText;
  std::string mSavedText;
  std::string mFile;
  std::string mStandardText;
  std::string mStandardFile;
  ValidationReport mReport;
  std::vector<core::Error> mWarnings;
  std::filesystem::path mScenariosFolder; ///< Empty: no duplicate-id check (fromText()).
  std::optional<IdWarnings> mIdWarnings;
  std::vector<std::string> mUndo;
  std::vector<std::string> mRedo;
};

} // namespace skillsim::scenario
