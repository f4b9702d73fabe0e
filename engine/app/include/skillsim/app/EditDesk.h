#pragma once

#include <skillsim/core/Expected.h>
#include <skillsim/scenario/Scenario.h>
#include <skillsim/scenario/ScenarioEdit.h>
#include <skillsim/scenario/ScenarioEditView.h>
#include <skillsim/ui/I18n.h>
#include <skillsim/ui/ScenarioEditor.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace skillsim::app {

/** What the editor's window does after a frame's actions (EditDesk::apply). */
struct EditOutcome {
  bool tryIt = false; ///< Start a practice attempt of tryScenario().
  bool close = false; ///< Leave the editor.
};

/**
 * One scenario file in the editor (`skillsim edit`, issue 17 point 1): the edit model
 * (scenario::ScenarioEdit) and what its panels show, and the editor screen's actions applied
 * through the edit model's operations (move with the grid's snap, typed values, rotation,
 * duplicate, delete, keys as TOML text, undo, redo, save). A file that is not TOML opens too:
 * in raw mode, with the parse error (file:line:column) and its text, until a re-parse of the
 * corrected text succeeds (nothing is written until Save). The selection is kept by the screen and
 * moved with the object it names when a change adds or removes one. Not thread-safe.
 */
class EditDesk {
public:
  /**
   * Opens `file`. Errors: NotFound / Io when it cannot be read (naming it). A file that is not
   * TOML, or does not validate, is not an error: its problems are the model's messages.
   */
  [[nodiscard]] static core::Expected<EditDesk> open(const std::filesystem::path& file);

  /** The screen's model in `text`'s language; `askClose` set while a close waits for an answer. */
  [[nodiscard]] ui::ScenarioEditorModel model(const ui::I18n& text) const;

  /**
   * Applies one frame's actions to the edit; an operation's error becomes the model's notice
   * (file:line:column and what), nothing changes. Moves the screen's selection with the change.
   */
  EditOutcome apply(const ui::ScenarioEditorActions& actions, ui::ScenarioEditor& screen,
                    const ui::I18n& text);

  /** Asks before closing when there are unsaved changes; returns true when it may close now. */
  bool requestClose();

  /** The edited scenario as validated, for Try it; nullopt while it has problems or no TOML. */
  [[nodiscard]] const std::optional<scenario::Scenario>& tryScenario() const;
  /** The edit model; null in raw mode (the text is not TOML). */
  [[nodiscard]] const scenario::ScenarioEdit* edit() const { return mEdit ? &*mEdit : nullptr; }
  /** Counts the changes of the text (the 3D view is rebuilt when it moves). */
  [[nodiscard]] std::uint64_t revision() const { return mRevision; }
  [[nodiscard]] bool modified() const;
  /** The window title: "SkillSim editor - FILE", with "*" before it while unsaved. */
  [[nodiscard]] std::string title() const;
  [[nodiscard]] const std::filesystem::path& file() const { return mFile; }
  /** The file view of the current text (bodies, zones, rubric as read for the panels). */
  [[nodiscard]] const scenario::EditFileView& view() const { return mView; }

private:
  EditDesk() = default;
  void changed();
  core::Expected<void> applyChange(const ui::ScenarioEditorActions& actions,
                                   ui::ScenarioEditor& screen);

  std::filesystem::path mFile;
  std::optional<scenario::ScenarioEdit> mEdit;
  std::string mRawText; ///< Raw mode: the text as last given.
  std::string mParseError;
  scenario::EditFileView mView;
  std::vector<scenario::EditGroup> mGroups;
  std::string mNotice;
  bool mAskClose = false;
  bool mReparsed = false; ///< The raw text was mended and parsed: unsaved until Save.
  std::uint64_t mRevision = 0;
};

} // namespace skillsim::app
