#include "skillsim/app/CourseView.h"

namespace skillsim::app {

CourseView::CourseView(const scenario::Scenario& s, bool exam)
    : mCourse(scenario::CourseScene::build(s)) {
  using scenario::TrainingAid;
  const scenario::TrainingAids& allowed = s.course.aids;
  mSwitches.dropLine = allowed.allows(TrainingAid::DropLine, exam);
  mSwitches.heightReadout = allowed.allows(TrainingAid::HeightReadout, exam);
  mSwitches.targetDistance = allowed.allows(TrainingAid::TargetDistance, exam);
  mSwitches.targetMarker = allowed.allows(TrainingAid::TargetMarker, exam);
  mSwitches.minimap = allowed.allows(TrainingAid::Minimap, exam);
  mSwitches.machineAids = allowed.allows(TrainingAid::MachineAids, exam);
  if (s.machine) {
    mAidAnchor = s.machine->aidAnchor;
    const glm::dvec3 c = s.machine->sceneCentre;
    const double half = 0.5 * (s.machine->sceneExtent - 20.0);
    mAreaMin = glm::dvec2(c.x, c.z) - glm::dvec2(std::max(half, 5.0));
    mAreaMax = glm::dvec2(c.x, c.z) + glm::dvec2(std::max(half, 5.0));
  }
  if (s.course.hall) {
    const scenario::HallSpec& h = *s.course.hall;
    mAreaMin = glm::dvec2(h.centre.x - 0.5 * h.size.x, h.centre.z - 0.5 * h.size.z);
    mAreaMax = glm::dvec2(h.centre.x + 0.5 * h.size.x, h.centre.z + 0.5 * h.size.z);
  }
  for (const scenario::ZonePaint& p : s.course.paint) {
    if (p.marking != scenario::ZoneMarking::None) {
      mLabels.emplace_back(p.zone, p.label);
    }
  }
}

std::optional<ui::AidTarget> CourseView::targetOf(const std::optional<std::string>& zone) const {
  if (!zone) {
    return std::nullopt;
  }
  ui::AidTarget target{*zone, ""};
  for (const auto& [name, label] : mLabels) {
    if (name == *zone) {
      target.label = label;
    }
  }
  return target;
}

ui::AidFrame CourseView::aids(const sim::Simulation& simulation,
                              const std::optional<ui::AidTarget>& target) const {
  ui::AidFrame frame =
      ui::computeAidFrame(mSwitches, simulation.spec(), simulation.anchorPoint(mAidAnchor), target);
  if (mSwitches.machineAids) {
    frame.floor = simulation.floorAids();
  }
  return frame;
}

void CourseView::fill(const sim::Simulation& simulation, const std::string& camera,
                      const ui::AidFrame& aids, core::SceneView& view) const {
  simulation.fillSceneView(view, camera);
  mCourse.append(view);
  ui::appendAidGeometry(aids, view);
}

void CourseView::drawHud(const ui::AidFrame& aids, const sim::Simulation& simulation,
                         const ui::I18n& text) const {
  ui::drawAidReadouts(aids, text);
  if (mSwitches.minimap) {
    const std::optional<std::string> target =
        aids.target ? std::optional<std::string>(aids.target->name) : std::nullopt;
    ui::drawMinimap(
        ui::minimapModel(simulation.spec(), mLabels, mAreaMin, mAreaMax, aids.anchor, target),
        text);
  }
}

} // namespace skillsim::app
