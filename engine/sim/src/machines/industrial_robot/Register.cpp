#include <skillsim/sim/machines/industrial_robot/IndustrialRobotSpec.h>

namespace skillsim::sim {

/** Called by the generated built-in registry (engine/sim/CMakeLists.txt). */
void registerMachine_industrial_robot(MachineRegistry& registry) {
  registry.add(industrialRobotType());
}

} // namespace skillsim::sim
