#pragma once

#include <skillsim/core/SceneView.h>
#include <skillsim/scenario/CourseScene.h>
#include <skillsim/scenario/Scenario.h>
#include <skillsim/sim/Simulation.h>
#include <skillsim/ui/I18n.h>
#include <skillsim/ui/Minimap.h>
#include <skillsim/ui/TrainingAids.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace skillsim::app {

/**
 * What a frame shows besides the simulation's own scene: the scenario's course (hall, floor
 * paint) and the training aids the scenario allows in the attempt's mode. Built once per attempt;
 * wiring only (the parts live in scenario::CourseScene and ui/TrainingAids, ui/Minimap).
 */
class CourseView {
public:
  /** The course of `scenario`, with the aids its `[training_aids]` allows in this mode. */
  CourseView(const scenario::Scenario& scenario, bool examMode);

  /**
   * The aid target for the current task step's zone (scenario::StepTracker::currentTarget), with
   * the zone's painted label ("B") when it has one; nullopt when the step has no target.
   */
  [[nodiscard]] std::optional<ui::AidTarget> targetOf(const std::optional<std::string>& zone) const;

  /** The aids' state after the simulation's last step; `target`: the current target, if any. */
  [[nodiscard]] ui::AidFrame aids(const sim::Simulation& simulation,
                                  const std::optional<ui::AidTarget>& target) const;
  /** Fills `view` for `camera`: the simulation's scene, the course, then the 3D aids. */
  void fill(const sim::Simulation& simulation, const std::string& camera, const ui::AidFrame& aids,
            core::SceneView& view) const;
  /** Draws the aid readouts and the minimap, as allowed (needs a current ImGui frame). */
  void drawHud(const ui::AidFrame& aids, const sim::Simulation& simulation,
               const ui::I18n& text) const;

  [[nodiscard]] const ui::AidSwitches& switches() const { return mSwitches; }

private:
  scenario::CourseScene mCourse;
  ui::AidSwitches mSwitches;
  std::string mAidAnchor;
  std::vector<std::pair<std::string, std::string>> mLabels; ///< zone -> painted label
  glm::dvec2 mAreaMin{0.0}, mAreaMax{1.0};
};

} // namespace skillsim::app
