#pragma once

#include <skillsim/core/ActionState.h>
#include <skillsim/scenario/Scenario.h>
#include <skillsim/sim/Simulation.h>

namespace skillsim::platform {
class InputMapper;
} // namespace skillsim::platform
namespace skillsim::ui {
struct HudModel;
} // namespace skillsim::ui

namespace skillsim::app {

// The machine's controls and readouts on the input mapper and the HUD: the one place app knows
// what a machine's ActionState holds. Implemented per machine under machines/<kind>/ (today
// only the overhead crane's); issue 12 point 5 makes this generic over the machine's declared
// controls and readouts.

/** Sets the mapper's notch counts from the scenario's machine. */
void configureControls(platform::InputMapper& mapper, const scenario::Scenario& scenario);

/** The HUD's controller notches from the mapper and its readouts from the simulation's metrics. */
void fillControls(ui::HudModel& hud, const platform::InputMapper& mapper,
                  const sim::Simulation& simulation);

/**
 * The HUD's controller notches from one tick's recorded actions (a replay: no mapper) and its
 * readouts from the simulation's metrics.
 */
void fillControls(ui::HudModel& hud, const scenario::Scenario& scenario,
                  const core::ActionState& actions, const sim::Simulation& simulation);

} // namespace skillsim::app
