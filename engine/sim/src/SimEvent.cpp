#include "skillsim/sim/SimEvent.h"

#include <array>

namespace skillsim::sim {

std::string_view toString(SimEventKind kind) {
  static constexpr std::array<std::string_view, 8> kNames = {
      "contact_begin", "contact_end",     "zone_enter", "zone_exit",
      "physics_fault", "control_changed", "machine",    "scheduled"};
  return kNames.at(static_cast<std::size_t>(kind));
}

std::string_view SimEvent::kindName() const {
  return kind == SimEventKind::Machine ? std::string_view(name) : toString(kind);
}

SimEvent SimEvent::machine(std::uint64_t tick, std::string name, std::string subject,
                           double value) {
  SimEvent e;
  e.tick = tick;
  e.kind = SimEventKind::Machine;
  e.name = std::move(name);
  e.subject = std::move(subject);
  e.value = value;
  return e;
}

} // namespace skillsim::sim
