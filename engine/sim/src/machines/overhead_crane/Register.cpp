#include <skillsim/sim/machines/overhead_crane/OverheadCraneSpec.h>

namespace skillsim::sim {

/** Called by the generated built-in registry (engine/sim/CMakeLists.txt). */
void registerMachine_overhead_crane(MachineRegistry& registry) {
  registry.add(overheadCraneType());
}

} // namespace skillsim::sim
