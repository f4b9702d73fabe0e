#pragma once

#include "skillsim/ui/I18n.h"
#include "skillsim/ui/ScreenRect.h"
#include "skillsim/ui/StartScreenModel.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct ImGuiInputTextCallbackData;

namespace skillsim::ui {

/** A request to start scenario `scenarioIndex` (into StartScreenModel::scenarios). */
struct StartRequest {
  std::size_t scenarioIndex = 0;
  AttemptMode mode = AttemptMode::Practice;
  std::string traineeId;

  friend bool operator==(const StartRequest&, const StartRequest&) = default;
};

/** A request to open course `courseIndex` (into StartScreenModel::courses) for a trainee. */
struct CourseRequest {
  std::size_t courseIndex = 0;
  std::string traineeId;

  friend bool operator==(const CourseRequest&, const CourseRequest&) = default;
};

/** What the trainee did on the start screen this frame. */
struct StartScreenActions {
  std::optional<StartRequest> start; ///< The Start button, with a scenario and a trainee ID.
  /** The Open course button, with a course and a trainee ID: show the course screens. */
  std::optional<CourseRequest> openCourse;
  bool traineeChanged = false;      ///< The ID was edited: reload the previous attempts.
  std::optional<Language> language; ///< Another UI language was chosen: reload the text.
  bool quit = false;
  /**
   * A scenario file to open in the editor (`skillsim edit`): the chosen scenario's Edit button,
   * or a broken one's Open in editor.
   */
  std::optional<std::string> edit;
};

/**
 * The start screen: the UI language, trainee ID entry, the installed scenarios grouped by trade
 * with both titles and their standard (the chosen one with its description, time limit and pass
 * mark; an Edit button), the scenarios that do not load with the validator's first message and
 * an Open in editor button each, the mode (practice / exam), the installed work-study courses
 * (Open course; the course files that do not load with their first message), and the trainee's
 * previous attempts. Holds
 * only the trainee's choices; the list comes in a StartScreenModel each frame.
 */
class StartScreen {
public:
  /** `traineeId` pre-fills the ID (e.g. from --trainee). */
  explicit StartScreen(std::string traineeId = {});

  /**
   * Draws into the current ImGui frame (no context = contract violation). Start is enabled once
   * a scenario is chosen and the trainee ID is not blank; Open course once a course is chosen
   * and the trainee ID is not blank.
   */
  StartScreenActions draw(const StartScreenModel& model, const I18n& text);

  [[nodiscard]] const std::string& traineeId() const { return mTraineeId; }
  [[nodiscard]] std::optional<std::size_t> selected() const { return mSelected; }
  [[nodiscard]] AttemptMode mode() const { return mMode; }
  /** Chooses a scenario by index (e.g. the one named on the command line). */
  void select(std::size_t index) { mSelected = index; }
  void setMode(AttemptMode mode) { mMode = mode; }
  [[nodiscard]] std::optional<std::size_t> selectedCourse() const { return mSelectedCourse; }
  /** Chooses a course by index into StartScreenModel::courses. */
  void selectCourse(std::size_t index) { mSelectedCourse = index; }
  /**
   * A character beyond U+FFFF typed into the trainee ID field (platform::Window's
   * setCharSinkBeyondBasicPlane): its stand-in (toFieldText) is inserted at the field's cursor
   * on the next frame the field is being edited, so traineeId() holds the character itself.
   * Without free stand-ins it is dropped.
   */
  void typeBeyondBasicPlane(char32_t codepoint);

private:
  std::string mTraineeId;
  std::vector<char32_t> mStandIns; ///< The characters the field's stand-ins stand for.
  std::string mField;              ///< What the ImGui field holds (toFieldText of the ID).
  std::string mTyped;              ///< Stand-ins typed since the last frame (typeBeyondBasicPlane).
  static int insertTyped(ImGuiInputTextCallbackData* data);
  void drawCourses(const StartScreenModel& model, const I18n& text, StartScreenActions& actions);
  std::optional<std::size_t> mSelected;
  std::optional<std::size_t> mSelectedCourse;
  AttemptMode mMode = AttemptMode::Practice;
};

/**
 * Text for an ImGui text field as Debian builds Dear ImGui 1.86: libimgui-dev is compiled without
 * IMGUI_USE_WCHAR32, so ImWchar is 16 bits and a character beyond U+FFFF (e.g. 𠀀 U+20000 in a
 * trainee's name) becomes U+FFFD as soon as the field is edited. Each such character of `utf8`
 * (and each private-use character U+E000..U+F8FF, so none is mistaken for a stand-in) is
 * replaced by the private-use stand-in U+E000 + i, where standIns[i] records it (an entry already
 * there is reused; past 6400 entries characters are left as they are). Invalid UTF-8 bytes pass
 * through unchanged.
 */
[[nodiscard]] std::string toFieldText(std::string_view utf8, std::vector<char32_t>& standIns);

/** The text a field made by toFieldText holds, with each stand-in back as its character. */
[[nodiscard]] std::string fromFieldText(std::string_view field,
                                        const std::vector<char32_t>& standIns);

/** Where the start window sits on a display `width` x `height` pixels. */
[[nodiscard]] ScreenRect startScreenLayout(float width, float height);

} // namespace skillsim::ui
