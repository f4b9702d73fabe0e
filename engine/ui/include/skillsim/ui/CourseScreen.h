#pragma once

#include "skillsim/ui/CourseScreenModel.h"
#include "skillsim/ui/I18n.h"

#include <map>
#include <string>
#include <vector>

namespace skillsim::ui {

/**
 * The work-study screens at the workstation (issue 18 point 2, docs/course-format.md "A learning
 * task at the workstation"): the course map (each learning task open, done or locked with why,
 * grouped by typical work task), and for the chosen task its work page (radio buttons for a
 * single choice, check boxes for a multiple choice, up/down buttons for an ordering, a number
 * with its unit, a text field), the carry-out buttons (practice; exam, disabled with why while
 * closed, and once open the exam session id field beside it, pre-filled from the model), the check
 * step (the trainee's points for each item of the rated attempt before the attempt's points are
 * shown, then both and their difference) and the evaluate step (the reflection). Holds only the
 * trainee's unsent input; the model comes each frame.
 */
class CourseScreen {
public:
  /** Draws into the current ImGui frame (no context = contract violation). */
  CourseScreenActions draw(const CourseScreenModel& model, const I18n& text);

private:
  struct Input {
    std::vector<std::string> choices; ///< Ticked ids, or the ordering.
    double number = 0.0;
    std::string unit;
    std::string text;
    bool filled = false; ///< Pre-filled from the stored answer once.
  };
  Input& inputFor(const WorkPageQuestion& q);
  void drawQuestion(const WorkPageQuestion& q, const I18n& text, CourseScreenActions& actions);
  void drawCheck(const CourseScreenModel& model, const I18n& text, CourseScreenActions& actions);

  std::map<std::string, Input> mInputs;      ///< By task id + question id.
  std::string mTask;                         ///< The task the inputs belong to.
  std::map<std::string, double> mSelfPoints; ///< The check step's entries, by item id.
  std::string mReflection;
  std::string mExamSession;      ///< The Start exam field: the exam session id.
  std::string mExamSessionShown; ///< The model's id the field was last filled from.
};

} // namespace skillsim::ui
