#include "machines/overhead_crane/Q2Course.h"

#include <skillsim/sim/machines/overhead_crane/OverheadCraneSpec.h>

#include <algorithm>

namespace skillsim::op {
namespace {

core::Error missing(const scenario::Scenario& s, const std::string& what) {
  return core::makeError(core::ErrorCode::NotFound,
                         "the Q2 course needs " + what + " (see q2_practical.toml)",
                         core::SourceLocation{s.scenarioFile.string()});
}

const sim::ZoneSpec* findZone(const sim::SimulationSpec& spec, std::string_view name) {
  for (const auto& z : spec.zones) {
    if (z.name == name) {
      return &z;
    }
  }
  return nullptr;
}

glm::dvec2 xz(const glm::dvec3& p) { return {p.x, p.z}; }

/** Height of the crane's hook block (m): sim/Simulation.h, a 0.3 x 0.4 x 0.3 m box. */
constexpr double kHookBlockHeight = 0.4;

} // namespace

core::Expected<CourseLayout> q2CourseLayout(const scenario::Scenario& scenario) {
  const sim::SimulationSpec& spec = scenario.simulation;
  const sim::OverheadCraneSpec* crane = sim::overheadCraneOf(spec);
  if (crane == nullptr) {
    return missing(scenario, "an overhead crane ([crane])");
  }
  CourseLayout l;
  const sim::ZoneSpec* circles[3] = {findZone(spec, "circle_a"), findZone(spec, "circle_b"),
                                     findZone(spec, "circle_c")};
  const char* circleNames[3] = {"circle_a", "circle_b", "circle_c"};
  for (int i = 0; i < 3; ++i) {
    if (!circles[i]) {
      return missing(scenario, std::string("the zone '") + circleNames[i] + "'");
    }
  }
  l.circleA = xz(circles[0]->center);
  l.circleB = xz(circles[1]->center);
  l.circleC = xz(circles[2]->center);

  const sim::BodySpec* load = nullptr;
  const sim::BodySpec* pile2 = nullptr;
  for (const auto& b : spec.bodies) {
    if (!load && b.liftingLug && std::find(b.tags.begin(), b.tags.end(), "load") != b.tags.end()) {
      load = &b;
    }
    if (b.name == "pile_2") {
      pile2 = &b;
    }
  }
  if (!load) {
    return missing(scenario, "a body tagged 'load' with a lifting_lug");
  }
  if (!pile2) {
    return missing(scenario, "the body 'pile_2'");
  }
  l.lugHeight = load->position.y + load->liftingLug->y;
  l.slingLength = crane->slingLength;
  const double loadHeight = load->shape.size.y;
  // Graze pile 2: centres closer than the two radii by 2 cm.
  l.pileToTouch = xz(pile2->position);
  l.touchOffset = 0.5 * (pile2->shape.size.x + load->shape.size.x) - 0.02;

  // Weave: from circle B's x, for each gate a trolley move to its z between the piles, then a
  // bridge move past the gate to halfway to the next one (or to C).
  std::vector<const sim::ZoneSpec*> gates;
  for (int i = 1;; ++i) {
    const sim::ZoneSpec* g = findZone(spec, "weave_gate_" + std::to_string(i));
    if (!g) {
      break;
    }
    gates.push_back(g);
  }
  if (gates.empty()) {
    return missing(scenario, "the zones 'weave_gate_1', 'weave_gate_2', …");
  }
  double x = l.circleB.x;
  for (std::size_t i = 0; i < gates.size(); ++i) {
    const double gateZ = gates[i]->center.z;
    const double nextX = i + 1 < gates.size() ? gates[i + 1]->center.x : l.circleC.x;
    l.weavePath.push_back({x, gateZ});
    x = 0.5 * (gates[i]->center.x + nextX);
    l.weavePath.push_back({x, gateZ});
  }
  l.weavePath.push_back({x, l.circleC.y});

  // Back from C through the high frame, then the low frame, then to A.
  const sim::ZoneSpec* high = findZone(spec, "frame_high_gate");
  const sim::ZoneSpec* low = findZone(spec, "frame_low_gate");
  if (!high || !low) {
    return missing(scenario, "the zones 'frame_high_gate' and 'frame_low_gate'");
  }
  l.returnPath = {{l.circleC.x, high->center.z},
                  {0.5 * (low->center.x + l.circleA.x), low->center.z}};
  // Low enough that the load passes under every frame's crossbar (a frame body whose bottom is
  // above 1 m) and the hook block above the load does too, and no higher than 3 m.
  // The highest height up to 3 m at which the load passes under every frame crossbar (a frame
  // body whose bottom is above 1 m) with 0.3 m to spare, and the hook block above it passes the
  // bar either above it or under it with 0.15 m to spare (the sling may cross a bar).
  const double lugAboveTop = load->liftingLug->y - 0.5 * loadHeight;
  const double hookBottomAbove = loadHeight + lugAboveTop + l.slingLength; // from the load's bottom
  std::vector<std::pair<double, double>> bars;                             // bottom, top (m)
  for (const auto& b : spec.bodies) {
    const double bottom = b.position.y - 0.5 * b.shape.size.y;
    if (std::find(b.tags.begin(), b.tags.end(), "frame") != b.tags.end() && bottom > 1.0) {
      bars.emplace_back(bottom, b.position.y + 0.5 * b.shape.size.y);
    }
  }
  l.returnHeight = 3.0;
  for (const auto& [bottom, top] : bars) {
    l.returnHeight = std::min(l.returnHeight, bottom - loadHeight - 0.3);
  }
  for (const auto& [bottom, top] : bars) {
    const double hookBottom = l.returnHeight + hookBottomAbove;
    const double hookTop = hookBottom + kHookBlockHeight;
    if (hookTop + 0.15 > bottom && hookBottom - 0.15 < top) {
      l.returnHeight = bottom - 0.15 - kHookBlockHeight - hookBottomAbove;
    }
  }
  l.transferHeight = 3.0;
  l.weaveHeight = 0.75;

  bool haveTime = false;
  for (const auto& c : scenario.rubric.criteria) {
    if (c.id == "time_frames") {
      if (const auto* p = std::get_if<assessment::TimeLimitParams>(&c.params)) {
        l.targetTime = p->limit;
        haveTime = true;
      }
    }
  }
  if (!haveTime) {
    return missing(scenario, "the rubric criterion 'time_frames' (kind time_limit)");
  }
  // 0.35 T (52 s on T = 150 s): with the elastic hoist rope (issue 13 point 6) the careless
  // attempt's set-downs land closer, and at 0.2 T it passed (71.46); it is meant to fail.
  l.overrun = 0.35 * l.targetTime;
  return l;
}

} // namespace skillsim::op
