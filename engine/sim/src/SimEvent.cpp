#include "skillsim/sim/SimEvent.h"

#include <array>

namespace skillsim::sim {

std::string_view toString(SimEventKind kind) {
  static constexpr std::array<std::string_view, 12> kNames = {
      "contact_begin", "contact_end",    "zone_enter",    "zone_exit",
      "horn",          "emergency_stop", "load_attached", "load_released",
      "load_dropped",  "overload",       "physics_fault", "control_changed"};
  return kNames.at(static_cast<std::size_t>(kind));
}

} // namespace skillsim::sim
