#include <skillsim/sim/machines/forklift/ForkliftSpec.h>

namespace skillsim::sim {

/** Called by the generated built-in registry (engine/sim/CMakeLists.txt). */
void registerMachine_forklift(MachineRegistry& registry) { registry.add(forkliftType()); }

} // namespace skillsim::sim
