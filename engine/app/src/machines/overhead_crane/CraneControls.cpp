// The overhead crane's controls and readouts on the mapper and the HUD (MachineControls.h).
#include "MachineControls.h"

#include <skillsim/platform/InputMapper.h>
#include <skillsim/ui/Hud.h>

#include <cmath>

namespace skillsim::app {
namespace {

int notchCount(const scenario::Scenario& s, core::Axis axis) {
  if (!s.simulation.crane) {
    return 5;
  }
  const auto& c = *s.simulation.crane;
  return axis == core::Axis::BridgeTravel    ? c.bridge.notches
         : axis == core::Axis::TrolleyTravel ? c.trolley.notches
                                             : c.hoist.notches;
}

int notchOf(const core::ActionState& a, core::Axis axis, int notches) {
  return static_cast<int>(std::lround(a.axis(axis) * static_cast<float>(notches)));
}

} // namespace

void configureControls(platform::InputMapper& mapper, const scenario::Scenario& scenario) {
  for (auto axis : {core::Axis::BridgeTravel, core::Axis::TrolleyTravel, core::Axis::Hoist}) {
    mapper.setNotchCount(axis, notchCount(scenario, axis));
  }
}

void fillControls(ui::HudModel& hud, const platform::InputMapper& mapper,
                  const sim::Simulation& simulation) {
  hud.bridge = {mapper.notch(core::Axis::BridgeTravel),
                mapper.notchCount(core::Axis::BridgeTravel)};
  hud.trolley = {mapper.notch(core::Axis::TrolleyTravel),
                 mapper.notchCount(core::Axis::TrolleyTravel)};
  hud.hoist = {mapper.notch(core::Axis::Hoist), mapper.notchCount(core::Axis::Hoist)};
  ui::fillCraneReadouts(hud, simulation.metrics());
}

void fillControls(ui::HudModel& hud, const scenario::Scenario& s, const core::ActionState& actions,
                  const sim::Simulation& simulation) {
  if (s.simulation.crane) {
    const auto& c = *s.simulation.crane;
    hud.bridge = {notchOf(actions, core::Axis::BridgeTravel, c.bridge.notches), c.bridge.notches};
    hud.trolley = {notchOf(actions, core::Axis::TrolleyTravel, c.trolley.notches),
                   c.trolley.notches};
    hud.hoist = {notchOf(actions, core::Axis::Hoist, c.hoist.notches), c.hoist.notches};
  }
  ui::fillCraneReadouts(hud, simulation.metrics());
}

} // namespace skillsim::app
