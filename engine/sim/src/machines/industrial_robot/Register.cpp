#include <skillsim/sim/Machine.h>

namespace skillsim::sim {

/**
 * Called by the generated built-in registry (engine/sim/CMakeLists.txt). The arm's kinematics and
 * motion (ArmKinematics, ArmMotion) are built and tested; the machine type (scenario section,
 * declarations, pendant) is not registered yet, so no scenario can name `industrial_robot` and
 * the registry's kinds are unchanged (issue 16, open).
 */
void registerMachine_industrial_robot(MachineRegistry& /*registry*/) {}

} // namespace skillsim::sim
