#include "ZoneMonitor.h"

#include <algorithm>
#include <cmath>

namespace skillsim::sim::detail {

namespace {

bool contains(const ZoneSpec& zone, const glm::dvec3& p) {
  if (zone.shape == ZoneSpec::Shape::Cylinder) {
    const double dx = p.x - zone.center.x;
    const double dz = p.z - zone.center.z;
    return dx * dx + dz * dz <= zone.radius * zone.radius && p.y >= zone.center.y &&
           p.y <= zone.center.y + zone.height;
  }
  const glm::dvec3 d = glm::abs(zone.toZoneFrame(p));
  return d.x <= zone.halfExtents.x && d.y <= zone.halfExtents.y && d.z <= zone.halfExtents.z;
}

} // namespace

ZoneMonitor::ZoneMonitor(const std::vector<ZoneSpec>& zones, const physics::World& world) {
  for (const ZoneSpec& spec : zones) {
    Zone zone;
    zone.spec = spec;
    for (std::uint32_t i = 0; i < world.bodyCount(); ++i) {
      const core::BodyId body(i);
      const auto& tags = world.tags(body);
      std::string tag;
      if (spec.watchTags.empty()) {
        if (world.motion(body) != physics::Motion::Dynamic) {
          continue;
        }
        tag = tags.empty() ? world.name(body) : tags.front();
      } else {
        auto it = std::find_first_of(tags.begin(), tags.end(), spec.watchTags.begin(),
                                     spec.watchTags.end());
        if (it == tags.end()) {
          continue;
        }
        tag = *it;
      }
      zone.watches.push_back(Watch{body, tag, false});
    }
    mZones.push_back(std::move(zone));
  }
}

void ZoneMonitor::update(const physics::World& world, std::uint64_t tick,
                         std::vector<SimEvent>& events) {
  for (Zone& zone : mZones) {
    for (Watch& watch : zone.watches) {
      const glm::dvec3 p = world.bodyState(watch.body).position;
      const bool now = contains(zone.spec, p);
      if (now == watch.inside) {
        continue;
      }
      watch.inside = now;
      SimEvent e;
      e.tick = tick;
      e.kind = now ? SimEventKind::ZoneEnter : SimEventKind::ZoneExit;
      e.subject = watch.tag;
      e.other = zone.spec.name;
      e.position = p;
      e.subjectBody = world.name(watch.body);
      events.push_back(std::move(e));
    }
  }
}

void ZoneMonitor::hash(core::Hasher& hasher) const {
  for (const Zone& zone : mZones) {
    for (const Watch& watch : zone.watches) {
      hasher.update(static_cast<std::uint64_t>(watch.inside ? 1 : 0));
    }
  }
}

bool ZoneMonitor::inside(std::size_t zone, core::BodyId body) const {
  for (const Watch& watch : mZones.at(zone).watches) {
    if (watch.body == body) {
      return watch.inside;
    }
  }
  return false;
}

} // namespace skillsim::sim::detail
