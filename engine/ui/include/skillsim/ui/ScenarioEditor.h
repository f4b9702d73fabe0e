#pragma once

#include "skillsim/ui/I18n.h"
#include "skillsim/ui/ScreenRect.h"

#include <glm/glm.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace skillsim::ui {

/** A placed object as the editor draws it (plan metres: world x and z). */
struct EditorObject {
  bool zone = false;     ///< A `[[zones]]` entry; else a `[[bodies]]` one.
  std::size_t index = 0; ///< Into the file's array of its kind (what the app edits).
  std::string name;
  bool circle = false;      ///< Drawn as a circle of radius half.x.
  glm::dvec3 position{0.0}; ///< Body centre / zone centre (m, world).
  glm::dvec2 half{0.5};     ///< Plan half extents in x and z (m).
  double yaw = 0.0;         ///< rad about +Y.
  glm::vec4 color{0.7f, 0.7f, 0.7f, 1.0f};
  std::string shape;                                     ///< As written.
  std::string tags;                                      ///< As TOML text, e.g. `["pile"]`.
  std::vector<std::pair<std::string, std::string>> keys; ///< key -> TOML text, file order.
};

/** A rubric entry in the rubric panel. */
struct EditorRubricRow {
  std::size_t index = 0; ///< Into the file's `[[rubric]]`.
  std::string id;
  std::string itemTitle; ///< The standard item's title in the UI language, else its id.
  std::string kind;
  std::string points; ///< As TOML text; empty when absent.
  std::string
      band; ///< The limits in words with their units ("0 to 0.052 rad (3.0°)"); may be empty.
  std::vector<std::pair<std::string, std::string>> keys; ///< Every key, as TOML text.
};

/** A validator message, with where a click on it leads. */
struct EditorMessage {
  std::string text; ///< "file:line:column: field: what".
  bool warning = false;
  std::optional<std::size_t> object; ///< Into ScenarioEditorModel::objects.
  std::optional<std::size_t> rubric; ///< Into ScenarioEditorModel::rubric.
};

/** A group of objects that move together. */
struct EditorGroup {
  std::string name;
  std::vector<std::size_t> members; ///< Into ScenarioEditorModel::objects.
};

/** Everything the editor shows besides its own input state, as plain data. */
struct ScenarioEditorModel {
  std::string file; ///< The scenario file, as opened.
  bool modified = false;
  bool canUndo = false;
  bool canRedo = false;
  /**
   * The text is not TOML: the editor shows `parseError` (file:line:column and what) and the
   * text in a raw text box instead of the panels, until it parses again.
   */
  bool rawOnly = false;
  std::string rawText;
  std::string parseError;
  std::vector<EditorObject> objects; ///< Bodies then zones, in file order.
  std::vector<EditorRubricRow> rubric;
  std::string passMark;         ///< The scenario's own `pass_mark` as TOML text; empty: none.
  std::string standardPassMark; ///< The standard's, in words ("70 of 100").
  std::string timeLimit;        ///< `[attempt] time_limit_s` as TOML text.
  std::string end;              ///< `[attempt] end` as TOML text.
  std::vector<EditorMessage> messages; ///< Problems first, then warnings.
  std::vector<EditorGroup> groups;
  bool groupsAvailable = false; ///< The edit model can group and add (its operations exist).
  bool valid = false;           ///< No problems: Try it is offered.
  glm::dvec2 areaMin{-5.0};     ///< The plan area shown (m, world x and z).
  glm::dvec2 areaMax{5.0};
  std::string notice;    ///< The last operation's error or result, in plain words; empty: none.
  bool askClose = false; ///< Closing with unsaved changes: ask whether to save.
};

/** A move of one object (or, with `group`, of a group by the object's offset). */
struct EditorMove {
  std::size_t object = 0;           ///< Into ScenarioEditorModel::objects.
  glm::dvec3 position{0.0};         ///< The new position (m), before the snap.
  double grid = 0.0;                ///< m; 0 = no snap.
  std::optional<std::string> group; ///< Move this whole group by the same offset.
};

/** A key of one object (or rubric entry, or top-level / `[attempt]` table) set to TOML text. */
struct EditorSetValue {
  enum class Target : std::uint8_t { Object, Rubric, Top, Attempt };
  Target target = Target::Object;
  std::size_t index = 0; ///< Into objects / rubric; unused for Top and Attempt.
  std::string key;
  std::string value; ///< TOML text.
};

/** What the instructor did in the editor this frame (at most one change). */
struct ScenarioEditorActions {
  std::optional<std::size_t> select; ///< An object chosen in the list, the top view or a message.
  std::optional<EditorMove> move;
  std::optional<EditorSetValue> setValue;
  std::optional<double> rotateDeg; ///< The selected object's yaw, degrees as typed.
  bool duplicate = false;          ///< The selected object.
  bool remove = false;             ///< The selected object.
  std::string newName;     ///< With duplicate or add: the new object's name (the name field).
  std::optional<bool> add; ///< A new object: true a zone, false a body.
  /** A group of these objects (into ScenarioEditorModel::objects), with its name. */
  std::optional<std::pair<std::string, std::vector<std::size_t>>> makeGroup;
  std::optional<std::string> reparse; ///< The raw text box's text, to parse again.
  bool undo = false;
  bool redo = false;
  bool save = false;
  bool tryIt = false;
  bool close = false;        ///< Close (asks first when modified).
  bool closeDiscard = false; ///< Close without saving (answer to the question).
  bool closeSave = false;    ///< Save, then close.
  bool closeCancel = false;  ///< Stay.
  /**
   * The 3D view's turn this frame (display only): the right mouse button dragged over the part
   * of the window no panel covers turns it (rad, core::OrbitView::orbitBy), the wheel zooms.
   */
  double viewYaw = 0.0;
  double viewPitch = 0.0;
  double viewZoom = 1.0;
};

/** The grid sizes the top view snaps to (m). */
inline constexpr std::array<double, 5> kEditorGrids{0.0, 0.1, 0.25, 0.5, 1.0};

/**
 * The scenario editor's screen (`skillsim edit`): a tool bar (save, undo, redo, Try it, grid,
 * close), the list of objects and groups, a top view of the course drawn with ImGui (bodies as
 * their footprints, zones as their outlines, names, the grid, the selection highlighted; click to
 * select, drag to move with the grid's snap), the selected object's properties (typed position,
 * rotation, shape, size, tags, colour and any key as TOML text; duplicate, delete, add), the
 * rubric with the pass mark and the attempt's time limit, and the validator's messages (a click
 * selects the object at their line). The 3D view of the course shows through the space the
 * panels leave (below the top view, or all of the centre with the top view switched off).
 * Ctrl+Z / Ctrl+Y / Ctrl+S undo, redo and save (not while a text field is edited).
 * Holds only the instructor's input state; the content comes in a ScenarioEditorModel.
 */
class ScenarioEditor {
public:
  /** Draws into the current ImGui frame (no context = contract violation). */
  ScenarioEditorActions draw(const ScenarioEditorModel& model, const I18n& text);

  [[nodiscard]] std::optional<std::size_t> selected() const { return mSelected; }
  /** The objects Ctrl+clicked in the list (what Make group groups, with the selected one). */
  [[nodiscard]] const std::vector<std::size_t>& picked() const { return mPicked; }
  /** Selects an object by index (or none); the app keeps it valid after a change. */
  void select(std::optional<std::size_t> object) { mSelected = object; }
  [[nodiscard]] double grid() const { return kEditorGrids[mGrid]; }
  /** Chooses the grid by its index in kEditorGrids (out of range: ignored). */
  void setGrid(std::size_t index) {
    if (index < kEditorGrids.size()) {
      mGrid = index;
    }
  }
  /** The group a drag moves as one; nullopt: one object. */
  [[nodiscard]] const std::optional<std::string>& activeGroup() const { return mGroup; }
  void setActiveGroup(std::optional<std::string> group) { mGroup = std::move(group); }

private:
  void drawTopView(const ScenarioEditorModel& model, const I18n& text, const ScreenRect& r,
                   ScenarioEditorActions& actions);
  void drawProperties(const ScenarioEditorModel& model, const I18n& text,
                      ScenarioEditorActions& actions);
  void drawRubric(const ScenarioEditorModel& model, const I18n& text,
                  ScenarioEditorActions& actions);

  std::optional<std::size_t> mSelected;
  std::vector<std::size_t> mPicked; ///< Ctrl+clicked in the list: the next group's members.
  std::size_t mGrid = 3;            ///< 0.5 m.
  std::optional<std::string> mGroup;
  bool mShowTopView = true; ///< Off: the 3D view fills the centre.
  /** A drag in the top view: the object, and the grab point's offset from its centre (m). */
  std::optional<std::pair<std::size_t, glm::dvec2>> mDrag;
  glm::dvec2 mDragAt{0.0};              ///< Where the dragged object is shown now (m).
  std::optional<std::size_t> mFieldsOf; ///< The object the edit fields below were filled from.
  std::string mFieldsText;              ///< Its keys as last filled (a change refills them).
  std::array<float, 3> mPosition{};
  float mYawDeg = 0.0f;
  std::string mKey;
  std::string mValue;
  std::string mName;
  std::string mGroupName;
  std::string mPassMark;
  std::string mTimeLimit;
  std::string mTopKey;
  std::string mTopValue;
  std::string mTopFilled;           ///< pass mark + time limit as last filled.
  std::vector<std::string> mPoints; ///< The rubric's points fields.
  std::string mPointsFilled;
  std::string mRaw;
  std::string mRawFilled;
  std::optional<std::size_t> mScrollToMessage; ///< Scroll the messages to this one next frame.
};

/** Where the top view's window sits on a `width` x `height` display (px). */
[[nodiscard]] ScreenRect editorTopViewRect(float width, float height);
/** The top view's drawing area (px), inside its window: what editorPlanToScreen maps onto. */
[[nodiscard]] ScreenRect editorPlanCanvas(float width, float height);

/** The screen point (px) of plan point `plan` (m) in `rect` showing `min`..`max`: +X right, +Z
 * down. */
[[nodiscard]] glm::vec2 editorPlanToScreen(const ScreenRect& rect, glm::dvec2 min, glm::dvec2 max,
                                           glm::dvec2 plan);
/** The plan point (m) under screen point `screen` (px): editorPlanToScreen's inverse. */
[[nodiscard]] glm::dvec2 editorScreenToPlan(const ScreenRect& rect, glm::dvec2 min, glm::dvec2 max,
                                            glm::vec2 screen);

} // namespace skillsim::ui
