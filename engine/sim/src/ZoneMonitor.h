#pragma once

#include "skillsim/sim/SimEvent.h"
#include "skillsim/sim/SimulationSpec.h"

#include <skillsim/core/Hash.h>
#include <skillsim/physics/World.h>

#include <vector>

namespace skillsim::sim::detail {

/**
 * Reports tagged bodies entering and leaving zones. A body is inside when its centre of mass is:
 * for a cylinder zone, within `radius` of the vertical axis through `center` and between the base
 * and base + height; for a box zone, within `halfExtents` of `center` on every world axis.
 * Every body starts outside, so a body that begins inside a zone enters it on the first tick.
 */
class ZoneMonitor {
public:
  /** Watches, per zone, the bodies whose tags match its watch list (all dynamic bodies if empty).
   */
  ZoneMonitor(const std::vector<ZoneSpec>& zones, const physics::World& world);
  /** Appends enter/exit events of this tick (zone order, then body order). */
  void update(const physics::World& world, std::uint64_t tick, std::vector<SimEvent>& events);
  void hash(core::Hasher& hasher) const;
  /** Whether the zone `zone` holds `body` now. */
  [[nodiscard]] bool inside(std::size_t zone, core::BodyId body) const;

private:
  struct Watch {
    core::BodyId body;
    std::string tag;
    bool inside = false;
  };
  struct Zone {
    ZoneSpec spec;
    std::vector<Watch> watches;
  };
  std::vector<Zone> mZones;
};

} // namespace skillsim::sim::detail
