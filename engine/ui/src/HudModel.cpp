#include "skillsim/ui/HudModel.h"

namespace skillsim::ui {

void fillCraneReadouts(HudModel& model, const sim::Metrics& metrics) {
  if (auto i = metrics.find("load_height")) {
    model.loadHeight = metrics.get(*i);
  }
  if (auto i = metrics.find("load_swing_angle")) {
    model.swingAngle = metrics.get(*i);
  }
  if (auto i = metrics.find("load_attached")) {
    model.loadOnHook = metrics.get(*i) > 0.5;
  }
}

} // namespace skillsim::ui
