#pragma once

#include "skillsim/scenario/ScenarioEdit.h"

#include <skillsim/core/Error.h>
#include <skillsim/core/Expected.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skillsim::scenario {

/** One key of a table as the editor shows it: its name and its value as TOML text. */
struct EditKey {
  std::string key;
  std::string value;      ///< TOML text, e.g. `"box"`, `[ 0.3, 1.6, 0.3 ]`.
  std::uint32_t line = 0; ///< 1-based line of the key.
};

/**
 * A placed object (`[[bodies]]` / `[[zones]]` entry) as read from the edited text for the top
 * view and the properties panel: what is written, with the format's defaults where a key is
 * absent (docs/scenario-format.md). Values that are missing or not numbers read as the defaults
 * (the validator reports them), so a file that does not validate still draws.
 */
struct EditObjectView {
  EditObjectKind kind = EditObjectKind::Body;
  std::size_t index = 0; ///< Into the file's array of that kind.
  std::string name;
  std::uint32_t headerLine = 0;                  ///< 1-based.
  std::vector<EditKey> keys;                     ///< In file order.
  std::array<double, 3> position{0.0, 0.0, 0.0}; ///< Body `position` / zone `center` (m).
  bool circle = false;                  ///< A cylinder zone, or a cylinder / sphere / capsule body.
  std::array<double, 2> half{0.5, 0.5}; ///< Plan half extents in x and z (m); radius for a circle.
  double yaw = 0.0;                     ///< rad about +Y (`rotation_deg[1]`, converted); zones 0.
  std::array<float, 4> color{0.7f, 0.7f, 0.7f, 1.0f}; ///< Linear RGBA.
  std::vector<std::string> tags;                      ///< Body `tags` or zone `watch_tags`.
  std::string shape; ///< As written (`box`, `cylinder`, ...; zones default `cylinder`).
};

/** A `[[rubric]]` entry as the rubric panel lists it. */
struct EditRubricView {
  std::size_t index = 0; ///< Into the file's `[[rubric]]` array.
  std::string id;
  std::string item;
  std::string kind;
  std::uint32_t headerLine = 0;
  std::vector<EditKey> keys; ///< Every key (points, min, max, limit_s, ...), in file order.
};

/** What the editor's panels show of the edited text, read again after each change. */
struct EditFileView {
  bool parses = false; ///< False: the text is not TOML (ScenarioEdit refuses such a change).
  std::vector<EditObjectView> objects; ///< Bodies then zones, in file order.
  std::vector<EditRubricView> rubric;
  std::optional<EditKey> passMark;    ///< Top-level `pass_mark`, when written.
  std::optional<EditKey> timeLimit;   ///< `[attempt] time_limit_s`, when written.
  std::optional<EditKey> end;         ///< `[attempt] end`, when written.
  std::vector<std::uint32_t> headers; ///< 1-based lines of every table header, ascending.
};

/** Reads `text` for the editor's panels; `parses` false (and nothing else) when it is not TOML. */
[[nodiscard]] EditFileView editFileView(std::string_view text);

/** Where a 1-based `line` falls: the object or rubric entry whose table holds it. */
struct EditLineOwner {
  std::optional<std::size_t> object; ///< Into EditFileView::objects.
  std::optional<std::size_t> rubric; ///< Into EditFileView::rubric.
};

/**
 * The table that holds `line` of the text `view` was read from: the nearest table header at or
 * above it. Neither set for a line in the top-level keys or another table.
 */
[[nodiscard]] EditLineOwner ownerOfLine(const EditFileView& view, std::uint32_t line);

/**
 * Opens an edit from text that is not yet saved (the raw text box of a file that was not TOML):
 * the standard is found as ScenarioEdit::open finds it (`standards/<id>.toml` in the nearest
 * `assets/` above `file`). Errors: InvalidInput (file:line:column) when `text` is not TOML;
 * A standard that cannot be read is not an error: the edit opens and its validator says so.
 */
[[nodiscard]] core::Expected<ScenarioEdit> openEditText(std::string text,
                                                        const std::filesystem::path& file);

/**
 * The parse error of a file that is not TOML, with its line and column (1-based), as
 * `file:line:column: what`, or nullopt when `text` parses.
 */
[[nodiscard]] std::optional<core::Error> tomlParseError(std::string_view text,
                                                        const std::string& file);

} // namespace skillsim::scenario
