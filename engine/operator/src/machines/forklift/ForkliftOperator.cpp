#include "machines/forklift/ForkliftOperator.h"

#include <glm/geometric.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string_view>

namespace skillsim::op {

namespace {

namespace fc = sim::forklift_controls;
using Step = ForkliftStep;
using Kind = ForkliftStep::Kind;

constexpr double kApproachDeceleration = 0.8; // m/s^2, the speed profile's (under a_brake)
constexpr double kStoppedSpeed = 0.003;       // m/s: a full stop
constexpr double kArrivedWithin = 0.003;      // m before the end of a stopping drive
constexpr double kLiftWithin = 0.008;         // m: a lift is done within this, held 0.4 s
constexpr double kLiftTimeout = 30.0;         // s
constexpr double kDriveTimeout = 120.0;       // s
constexpr double kCornerRadius = 1.0;         // m: polyline corners rounded for pure pursuit
constexpr double kPathSpacing = 0.05;         // m between path points

glm::dvec2 xz(const glm::dvec3& p) { return {p.x, p.z}; }
/** An analog axis as a gamepad reports it: in steps of 1/100 (so a trace holds few changes). */
float axisValue(double v) { return static_cast<float>(std::round(v * 100.0) / 100.0); }
/** Unit vector of a heading in world (x, z): +X at 0, positive turning towards -Z. */
glm::dvec2 along(double heading) { return {std::cos(heading), -std::sin(heading)}; }
/** To the left of a heading (world x, z). */
glm::dvec2 leftOf(double heading) { return {-std::sin(heading), -std::cos(heading)}; }

/** The polyline with each corner rounded (a quadratic curve between points kCornerRadius either
 * side, or half the shorter leg), sampled every kPathSpacing. */
std::vector<glm::dvec2> rounded(const std::vector<glm::dvec2>& corners) {
  std::vector<glm::dvec2> out;
  auto line = [&out](glm::dvec2 a, glm::dvec2 b) {
    const double len = glm::length(b - a);
    const int n = std::max(1, static_cast<int>(std::ceil(len / kPathSpacing)));
    for (int i = out.empty() ? 0 : 1; i <= n; ++i) {
      out.push_back(a + (b - a) * (static_cast<double>(i) / n));
    }
  };
  glm::dvec2 from = corners.front();
  for (std::size_t i = 1; i + 1 < corners.size(); ++i) {
    const glm::dvec2 c = corners[i];
    const double r = std::min({kCornerRadius, 0.5 * glm::length(c - corners[i - 1]),
                               0.5 * glm::length(corners[i + 1] - c)});
    const glm::dvec2 in = c - r * glm::normalize(c - corners[i - 1]);
    const glm::dvec2 outPt = c + r * glm::normalize(corners[i + 1] - c);
    line(from, in);
    constexpr int kCurve = 20;
    for (int k = 1; k <= kCurve; ++k) {
      const double t = static_cast<double>(k) / kCurve;
      out.push_back((1 - t) * (1 - t) * in + 2 * (1 - t) * t * c + t * t * outPt);
    }
    from = outPt;
  }
  line(from, corners.back());
  return out;
}

Step drive(std::string label, int direction, std::vector<glm::dvec2> corners, double speed,
           double endSpeed = 0.0) {
  Step s;
  s.kind = Kind::Drive;
  s.label = std::move(label);
  s.direction = direction;
  s.path = rounded(corners);
  s.speed = speed;
  s.endSpeed = endSpeed;
  return s;
}
/** A drive along `points` as they are (already sampled, no corners to round). */
Step driveAlong(std::string label, int direction, std::vector<glm::dvec2> points, double speed,
                double endSpeed = 0.0) {
  Step s;
  s.kind = Kind::Drive;
  s.label = std::move(label);
  s.direction = direction;
  s.path = std::move(points);
  s.speed = speed;
  s.endSpeed = endSpeed;
  return s;
}
/** Appends the straight line to `to`, sampled every kPathSpacing (the start is the last point). */
void lineTo(std::vector<glm::dvec2>& path, glm::dvec2 to) {
  const glm::dvec2 from = path.back();
  const int n = std::max(1, static_cast<int>(std::ceil(glm::length(to - from) / kPathSpacing)));
  for (int i = 1; i <= n; ++i) {
    path.push_back(from + (to - from) * (static_cast<double>(i) / n));
  }
}
/**
 * Appends the arc of radius r round `centre` (world x, z) from angle a0 to a1 (rad, measured from
 * +X towards +Z), sampled every kPathSpacing; a1 > a0 turns from +X towards +Z.
 */
void arc(std::vector<glm::dvec2>& path, glm::dvec2 centre, double r, double a0, double a1) {
  const int n = std::max(1, static_cast<int>(std::ceil(std::abs(a1 - a0) * r / kPathSpacing)));
  for (int i = path.empty() ? 0 : 1; i <= n; ++i) {
    const double a = a0 + (a1 - a0) * (static_cast<double>(i) / n);
    path.push_back(centre + r * glm::dvec2(std::cos(a), std::sin(a)));
  }
}
Step lift(std::string label, double height) {
  Step s;
  s.kind = Kind::Lift;
  s.label = std::move(label);
  s.height = height;
  return s;
}
Step lever(int direction, bool rolling = false) {
  Step s;
  s.kind = Kind::Direction;
  s.label = direction > 0 ? "forward" : direction < 0 ? "reverse" : "neutral";
  s.direction = direction;
  s.rolling = rolling;
  return s;
}
Step simple(Kind kind, std::string label, int direction = 0, double seconds = 0.0) {
  Step s;
  s.kind = kind;
  s.label = std::move(label);
  s.direction = direction;
  s.seconds = seconds;
  return s;
}

core::Expected<ForkliftObservation> observe(const OperatorObservation& observation) {
  constexpr std::array<std::string_view, 6> kNames = {
      "truck_x", "truck_z", "heading", "travel_speed", "fork_height", "parking_brake"};
  std::array<double, kNames.size()> v{};
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    const auto value = observation.metric(kNames[i]);
    if (!value) {
      return core::makeError(core::ErrorCode::NotFound,
                             "the simulation has no metric '" + std::string(kNames[i]) +
                                 "'; the scripted operator needs a forklift");
    }
    v[i] = *value;
  }
  ForkliftObservation o;
  o.time = observation.time();
  o.frontAxle = {v[0], v[1]};
  o.heading = v[2];
  o.speed = v[3];
  o.forkHeight = v[4];
  o.parkingBrake = v[5];
  return o;
}

} // namespace

core::Expected<std::vector<ForkliftStep>> planN1Course(const sim::ForkliftSpec& truck,
                                                       ForkliftProfile profile) {
  if (truck.bays.size() < 2 || truck.racks.size() < 2) {
    return core::makeError(core::ErrorCode::NotFound,
                           "the N1 operator needs two bays (甲, 丁) and two racks (乙, 丙) in "
                           "[[machine.bays]] and [[machine.racks]]");
  }
  const bool careless = profile == ForkliftProfile::Careless;
  const double fo = truck.frontOverhang;
  const double fl = truck.forkLength;
  const double back = truck.wheelbase + truck.rearOverhang;
  const double travel = careless ? 0.50 : 0.25;  // N1: 0.20-0.30 m
  const double centred = 0.5 * (back - fo - fl); // front axle ahead of the outline's middle

  struct BayPlan {
    glm::dvec2 stop, exit, approach; // front axle: parked, clear of the bay, reversing line
    glm::dvec2 dir;
  };
  auto bayPlan = [&](const sim::ForkliftBay& b, double sideOffset) {
    const glm::dvec2 c = xz(b.position);
    const glm::dvec2 d = along(b.heading);
    const glm::dvec2 side = sideOffset * leftOf(b.heading);
    return BayPlan{c + centred * d + side, c + (0.5 * b.length + centred + 2.1) * d,
                   c + (0.5 * b.length + 6.1) * d + side, d};
  };
  struct RackPlan {
    glm::dvec2 dir, origin; // along the rack's heading; its face on the pallet's line
    double approach, engage, withdrawn, setDown, out; // front axle along dir from origin (m)
    double tierFrom, tierTo;
  };
  std::vector<RackPlan> racks;
  for (std::size_t r = 0; r < 2; ++r) {
    const sim::ForkliftRack& rack = truck.racks[r];
    const glm::dvec2 d = along(rack.heading);
    const glm::dvec2 n = leftOf(rack.heading);
    const glm::dvec2 face = xz(rack.position);
    const sim::ForkliftPallet* pallet = nullptr;
    for (const auto& p : truck.pallets) {
      const glm::dvec2 rel = xz(p.position) - face;
      const double u = glm::dot(rel, d);
      if (std::abs(glm::dot(rel, n)) < 0.5 * rack.width && u > -0.5 && u < rack.depth + 0.5) {
        pallet = &p;
        break;
      }
    }
    if (!pallet || rack.tiers.size() < 2) {
      return core::makeError(core::ErrorCode::NotFound, "the N1 operator needs a pallet on rack '" +
                                                            rack.name +
                                                            "' and a second tier to move it to");
    }
    const auto nearest =
        std::min_element(rack.tiers.begin(), rack.tiers.end(), [&](double a, double b) {
          return std::abs(a - pallet->position.y) < std::abs(b - pallet->position.y);
        });
    RackPlan p;
    p.dir = d;
    p.origin = face + glm::dot(xz(pallet->position) - face, n) * n;
    p.tierFrom = *nearest;
    p.tierTo = *nearest == rack.tiers.front() ? rack.tiers.back() : rack.tiers.front();
    const double palletFace = glm::dot(xz(pallet->position) - face, d) - 0.5 * pallet->depth;
    p.approach = palletFace - 0.3 - fo - fl;         // fork tips 0.3 m short of the pallet
    p.engage = palletFace - 0.02 - fo;               // fork face 20 mm from the pallet
    p.withdrawn = -0.15 - 0.02 - pallet->depth - fo; // the pallet 0.15 m clear of the face
    // Its face 20 mm proud of the beams' face (N1: within 0.05 m), so the carriage stays 40 mm
    // clear of the beams above.
    p.setDown = -0.02 - 0.02 - fo;
    p.out = -0.3 - fo - fl;
    racks.push_back(p);
  }
  const double clearance = 0.5 * (0.1 - truck.forkThickness); // tines centred in the openings
  const auto point = [](const RackPlan& r, double u) { return r.origin + u * r.dir; };

  std::vector<Step> steps;
  steps.push_back(simple(Kind::ParkingBrake, "release the parking brake", 0));
  steps.push_back(lift("forks to travel height", travel));
  steps.push_back(lever(1));
  const std::array<const sim::ForkliftBay*, 3> bays = {&truck.bays[0], &truck.bays[1],
                                                       &truck.bays[0]};
  for (std::size_t leg = 0; leg < 2; ++leg) {
    const RackPlan& r = racks[leg];
    const BayPlan from = bayPlan(*bays[leg], 0.0);
    const BayPlan to = bayPlan(*bays[leg + 1], careless && leg == 1 ? -0.75 : 0.0);
    const std::string rack = leg == 0 ? "rack 乙" : "rack 丙";
    if (leg == 1) {
      steps.push_back(lever(1, careless)); // careless: forward while still rolling back
    }
    steps.push_back(drive("to " + rack, 1,
                          {from.stop, from.exit, point(r, r.approach - 2.5), point(r, r.approach)},
                          1.5));
    steps.push_back(lift("forks into the openings", r.tierFrom + clearance));
    steps.push_back(
        drive("forks under the load", 1, {point(r, r.approach), point(r, r.engage)}, 0.3));
    steps.push_back(lift("load off the beam", r.tierFrom + clearance + 0.09));
    steps.push_back(lever(-1));
    steps.push_back(
        drive("load out of the rack", -1, {point(r, r.engage), point(r, r.withdrawn)}, 0.3));
    steps.push_back(lift("load to the other tier's height", r.tierTo + clearance + 0.09));
    steps.push_back(lever(1));
    steps.push_back(
        drive("load into the other tier", 1, {point(r, r.withdrawn), point(r, r.setDown)}, 0.3));
    steps.push_back(lift("load set down", r.tierTo + clearance));
    steps.push_back(lever(-1));
    steps.push_back(
        drive("forks out of the rack", -1, {point(r, r.setDown), point(r, r.out)}, 0.3));
    steps.push_back(lift("forks to travel height", travel));
    const glm::dvec2 corner = point(r, r.out - 1.2);
    steps.push_back(drive(leg == 0 ? "reversing into bay 丁" : "reversing into bay 甲", -1,
                          {point(r, r.out), corner, to.approach, to.stop}, 1.5,
                          careless && leg == 0 ? 0.3 : 0.0));
  }
  steps.push_back(lift("forks down", -1.0));
  steps.push_back(lever(0));
  steps.push_back(simple(Kind::ParkingBrake, "apply the parking brake", 1));
  steps.push_back(simple(Kind::Wait, "settle", 0, 0.5));
  steps.push_back(simple(Kind::Horn, "horn", 0, 0.5));
  return steps;
}

core::Expected<std::vector<ForkliftStep>> planPoleCourse(const sim::ForkliftSpec& truck,
                                                         const std::vector<sim::BodySpec>& bodies,
                                                         ForkliftProfile profile) {
  const sim::BodySpec* west = nullptr;
  const sim::BodySpec* east = nullptr;
  for (const auto& b : bodies) {
    west = b.name == "pole_west" ? &b : west;
    east = b.name == "pole_east" ? &b : east;
  }
  if (truck.bays.empty() || truck.pallets.empty() || !west || !east) {
    return core::makeError(core::ErrorCode::NotFound,
                           "the pole-course operator needs a start bay ([[machine.bays]]), a "
                           "pallet ([[machine.pallets]]) and the figure 8's loop poles (bodies "
                           "'pole_west' and 'pole_east')");
  }
  const bool careless = profile == ForkliftProfile::Careless;
  constexpr double kPi = 3.14159265358979323846;
  const double fo = truck.frontOverhang;
  const double fl = truck.forkLength;
  const double back = truck.wheelbase + truck.rearOverhang;
  const double centred = 0.5 * (back - fo - fl);
  const sim::ForkliftBay& bay = truck.bays.front();
  const sim::ForkliftPallet& pallet = truck.pallets.front();
  const glm::dvec2 c1 = xz(west->position);
  const glm::dvec2 c2 = xz(east->position);
  const double half = 0.5 * (c2.x - c1.x);
  const double r = half - 1.0;
  const double lane = pallet.position.z;
  const double bayZ = bay.position.z;
  double gateX = std::numeric_limits<double>::infinity();
  double middleGateX = 0.0;
  std::vector<double> gates;
  for (const auto& b : bodies) {
    const bool pole = std::find(b.tags.begin(), b.tags.end(), "pole") != b.tags.end();
    if (pole && std::abs(b.position.z - lane) < 2.0) {
      gates.push_back(b.position.x);
      gateX = std::min(gateX, b.position.x);
    }
  }
  std::sort(gates.begin(), gates.end());
  if (!gates.empty()) {
    middleGateX = gates[gates.size() / 2];
  }
  if (std::abs(c1.y - c2.y) > 1e-9 || r < 2.0 || std::abs(bayZ - (c1.y + r)) > 1e-6 ||
      std::abs(bay.heading) > 1e-9 || std::abs(pallet.heading) > 1e-9 || !std::isfinite(gateX) ||
      lane - r < bayZ + r + 0.5) {
    return core::makeError(core::ErrorCode::NotFound,
                           "the pole-course operator needs the loop poles on one line of z at "
                           "least 6 m apart, the start bay facing +X on the line 1 m inside the "
                           "loops' radius from them, and the pallet (forks entering along +X) in "
                           "a corridor of poles further along +Z");
  }
  const double phi = std::asin(r / half); // the crossing lines' angle to the centre line
  const double travel = 0.25;
  const double clearance = 0.5 * (0.1 - truck.forkThickness); // tines centred in the openings
  const double carried = clearance + 0.12; // the tines 0.12 m up: the pallet 0.09 m off the floor
  const double palletWest = pallet.position.x - 0.5 * pallet.depth;
  const double approachX = palletWest - 0.3 - fo - fl; // fork tips 0.3 m short of the pallet
  const double engageX = palletWest - 0.02 - fo;       // fork face 20 mm from the pallet
  // The load (ahead of the fork face) with its centre 1.5 m beyond the corridor's west gate.
  const double outX = gateX - 1.5 - 0.5 * pallet.depth - 0.02 - fo;
  const glm::dvec2 stop = xz(bay.position) + glm::dvec2(centred, 0.0);
  const double side = careless ? 0.35 : 0.0; // careless: into the bay 0.35 m off its axis

  std::vector<Step> steps;
  if (!careless) { // the horn before any other control: the truck stands on its parking brake
    Step horn = simple(Kind::Horn, "horn before moving off", 0, 0.5);
    horn.holdBrake = false;
    steps.push_back(horn);
  }
  steps.push_back(simple(Kind::ParkingBrake, "release the parking brake", 0));
  steps.push_back(lever(1));
  std::vector<glm::dvec2> path{stop};
  lineTo(path, {c1.x, c1.y + r});
  steps.push_back(driveAlong("to the figure 8", 1, path, 1.5, 1.0));
  path = {};
  arc(path, c1, r, 0.5 * kPi, 0.5 * kPi - phi); // the west loop's top to the crossing
  lineTo(path, c2 + r * glm::dvec2(-std::sin(phi), -std::cos(phi)));
  arc(path, c2, r, -0.5 * kPi - phi, 0.5 * kPi + phi); // round the east loop
  lineTo(path, c1 + r * glm::dvec2(std::sin(phi), -std::cos(phi)));
  arc(path, c1, r, -0.5 * kPi + phi, -kPi); // round the west loop to its far side
  steps.push_back(driveAlong("the figure 8", 1, path, 1.5, 1.0));
  path = {c1 + glm::dvec2(-r, 0.0)};
  lineTo(path, {c1.x - r, lane - r});
  arc(path, {c1.x, lane - r}, r, kPi, 0.5 * kPi);
  if (careless) { // swerving towards the middle gate's pole nearer the loops
    for (const glm::dvec2& p : rounded({path.back(),
                                        {middleGateX - 3.5, lane},
                                        {middleGateX - 2.0, lane - 0.6},
                                        {middleGateX + 1.0, lane - 0.6},
                                        {middleGateX + 2.5, lane},
                                        {approachX, lane}})) {
      if (glm::length(p - path.back()) > 1e-9) {
        path.push_back(p);
      }
    }
  } else {
    lineTo(path, {approachX, lane});
  }
  steps.push_back(driveAlong("to the pallet", 1, path, 1.5));
  steps.push_back(lift("forks into the openings", clearance));
  steps.push_back(drive("forks under the load", 1, {{approachX, lane}, {engageX, lane}}, 0.3));
  steps.push_back(lift("load off the floor", carried));
  steps.push_back(lever(-1));
  steps.push_back(drive("the load out of the corridor", -1, {{engageX, lane}, {outX, lane}}, 1.0,
                        careless ? 0.3 : 0.0));
  steps.push_back(lever(1, careless)); // careless: forward while still rolling back
  steps.push_back(drive("the load back to its place", 1, {{outX, lane}, {engageX, lane}}, 1.0));
  steps.push_back(lift("load set down", clearance));
  steps.push_back(lever(-1));
  steps.push_back(drive("forks out of the load", -1, {{engageX, lane}, {approachX, lane}}, 0.3));
  steps.push_back(lift("forks to travel height", travel));
  // Reversing out of the corridor, then along two arcs of radius r into the bay.
  const double turnX = gateX - 2.0;
  const double bayLine = bayZ + side;
  path = {{approachX, lane}};
  lineTo(path, {turnX, lane});
  arc(path, {turnX, lane - r}, r, 0.5 * kPi, kPi);
  lineTo(path, {turnX - r, bayLine + r});
  arc(path, {turnX - 2.0 * r, bayLine + r}, r, 0.0, -0.5 * kPi);
  lineTo(path, stop + glm::dvec2(0.0, side));
  steps.push_back(driveAlong("reversing into the start bay", -1, path, 1.5));
  steps.push_back(lift("forks down", -1.0));
  steps.push_back(lever(0));
  if (!careless) {
    steps.push_back(simple(Kind::ParkingBrake, "apply the parking brake", 1));
  }
  steps.push_back(simple(Kind::Wait, "settle", 0, 0.5));
  steps.push_back(simple(Kind::Horn, "horn", 0, 0.5));
  return steps;
}

ForkliftOperator::ForkliftOperator(std::vector<ForkliftStep> steps, const sim::ForkliftSpec& truck)
    : mSteps(std::move(steps)), mTruck(truck) {}

void ForkliftOperator::next(double time) {
  ++mIndex;
  mStepStart = time;
  mSettledSince = -1.0;
  mSegment = 0;
  mArrived = false;
  mPressTicks = 0;
}

void ForkliftOperator::drive(const ForkliftStep& step, const ForkliftObservation& o,
                             core::ActionState& a) {
  const std::vector<glm::dvec2>& path = step.path;
  const glm::dvec2 f = o.frontAxle;
  // Progress: the segment whose end the axle has not passed yet.
  while (mSegment + 2 < path.size()) {
    const glm::dvec2 seg = path[mSegment + 1] - path[mSegment];
    if (glm::dot(f - path[mSegment + 1], seg) < 0.0) {
      break;
    }
    ++mSegment;
  }
  const glm::dvec2 a0 = path[mSegment];
  const glm::dvec2 a1 = path[mSegment + 1];
  const glm::dvec2 segDir = glm::normalize(a1 - a0);
  double remaining = glm::dot(a1 - f, segDir);
  for (std::size_t i = mSegment + 1; i + 1 < path.size(); ++i) {
    remaining += glm::length(path[i + 1] - path[i]);
  }
  // Pure pursuit: the point `lookahead` on from the axle's foot on the path.
  const double lookahead = std::clamp(0.6 + 0.4 * std::abs(o.speed), 0.6, 1.5);
  glm::dvec2 target;
  {
    double left = lookahead;
    glm::dvec2 p = a0 + segDir * glm::dot(f - a0, segDir);
    std::size_t i = mSegment + 1;
    for (;; ++i) {
      const double len = glm::length(path[i] - p);
      if (len >= left || i + 1 >= path.size()) {
        const glm::dvec2 dir = i + 1 >= path.size() && len < left
                                   ? glm::normalize(path.back() - path[path.size() - 2])
                                   : glm::normalize(path[i] - p);
        target = len >= left ? p + dir * left : path.back() + dir * (left - len);
        break;
      }
      left -= len;
      p = path[i];
    }
  }
  const glm::dvec2 d = target - f;
  const double px = d.x * std::cos(o.heading) - d.y * std::sin(o.heading);
  const double py = -d.x * std::sin(o.heading) - d.y * std::cos(o.heading);
  const double curvature = 2.0 * py / std::max(px * px + py * py, 1e-6); // + centre to the left
  const double steer = std::atan(-curvature * mTruck.wheelbase);         // + to the right
  const double wheel = std::clamp(steer / mTruck.maxSteerAngle, -1.0, 1.0);
  a.setAxis(fc::kSteering, axisValue(wheel));

  const double dir = step.direction >= 0 ? 1.0 : -1.0;
  const double v = o.speed * dir;
  double wanted =
      std::min(step.speed, std::sqrt(step.endSpeed * step.endSpeed +
                                     2.0 * kApproachDeceleration * std::max(remaining, 0.0)));
  wanted = std::min(wanted, step.speed * std::max(0.25, 1.0 - std::abs(wheel)));
  if (step.endSpeed == 0.0 && remaining > kArrivedWithin) {
    wanted = std::max(wanted, 0.06);
  }
  if (remaining <= (step.endSpeed > 0.0 ? 0.0 : kArrivedWithin)) {
    mArrived = true;
  }
  if (mArrived && step.endSpeed == 0.0) {
    a.setAxis(fc::kServiceBrake, 1.0F);
    return;
  }
  const double error = wanted - v;
  if (error > -0.03) {
    const double top = mTruck.maxSpeedUnladen;
    a.setAxis(fc::kAccelerator, axisValue(std::clamp(wanted / top + 1.2 * error + 0.03, 0.0, 1.0)));
  } else {
    a.setAxis(fc::kServiceBrake, axisValue(std::clamp(-1.5 * error, 0.0, 1.0)));
  }
}

core::Expected<core::ActionState> ForkliftOperator::act(const OperatorObservation& observation) {
  auto observed = observe(observation);
  if (!observed) {
    return std::move(observed).error();
  }
  const ForkliftObservation& o = *observed;
  core::ActionState a;
  if (mStepStart < 0.0) {
    mStepStart = o.time;
  }
  // A step may finish at once: work on until one sets the controls for this tick.
  for (int guard = 0; guard < 4 && mIndex < mSteps.size() && !mFailure; ++guard) {
    const ForkliftStep& step = mSteps[mIndex];
    const double elapsed = o.time - mStepStart;
    a = core::ActionState{};
    a.setAxis(fc::kDirection, static_cast<float>(mLever));
    bool done = false;
    switch (step.kind) {
    case Kind::Drive:
      drive(step, o, a);
      done = mArrived && (step.endSpeed > 0.0 || std::abs(o.speed) < kStoppedSpeed);
      if (done && step.endSpeed == 0.0) {
        done = mSettledSince >= 0.0 && o.time - mSettledSince >= 0.3;
        mSettledSince = mSettledSince < 0.0 ? o.time : mSettledSince;
      }
      if (elapsed > kDriveTimeout) {
        mFailure = "'" + step.label + "' did not arrive in " + std::to_string(kDriveTimeout) + " s";
      }
      break;
    case Kind::Lift: {
      a.setAxis(fc::kServiceBrake, 1.0F);
      if (step.height < 0.0) { // fully down: until the forks stop falling
        a.setAxis(fc::kLift, -1.0F);
        if (o.forkHeight < 0.03 && mSettledSince < 0.0) {
          mSettledSince = o.time;
        }
        done = mSettledSince >= 0.0 && o.time - mSettledSince > 0.5;
      } else {
        const double error = step.height - o.forkHeight;
        double leverValue = 0.0;
        if (std::abs(error) > 0.003) {
          leverValue = std::clamp(error / 0.2, -1.0, 1.0);
          if (std::abs(leverValue) < 0.12) {
            leverValue = std::copysign(0.12, error);
          }
        }
        a.setAxis(fc::kLift, axisValue(leverValue));
        if (std::abs(error) < kLiftWithin) {
          mSettledSince = mSettledSince < 0.0 ? o.time : mSettledSince;
          done = o.time - mSettledSince >= 0.4;
        } else {
          mSettledSince = -1.0;
        }
      }
      if (elapsed > kLiftTimeout) {
        mFailure = "'" + step.label + "' did not reach its height";
      }
      break;
    }
    case Kind::Direction:
      a.setAxis(fc::kServiceBrake, step.rolling ? 0.0F : 1.0F);
      if (step.rolling || std::abs(o.speed) < kStoppedSpeed) {
        mLever = step.direction;
        a.setAxis(fc::kDirection, static_cast<float>(mLever));
        done = true;
      }
      break;
    case Kind::ParkingBrake: {
      a.setAxis(fc::kServiceBrake, 1.0F);
      const bool want = step.direction > 0;
      const bool applied = o.parkingBrake > 0.5;
      if (applied == want && mPressTicks == 0) {
        done = true;
      } else {
        a.setButton(fc::kParkingBrake, mPressTicks < 3);
        ++mPressTicks;
        done = mPressTicks > 10 && applied == want;
        if (mPressTicks > 60) {
          mFailure = "the parking brake did not answer";
        }
      }
      break;
    }
    case Kind::Horn:
      a.setAxis(fc::kServiceBrake, step.holdBrake ? 1.0F : 0.0F);
      a.setButton(fc::kHorn, elapsed < step.seconds);
      done = elapsed >= step.seconds;
      break;
    case Kind::Wait:
      a.setAxis(fc::kServiceBrake, 1.0F);
      done = elapsed >= step.seconds;
      break;
    }
    if (std::getenv("SKILLSIM_OPERATOR_DEBUG") && observation.tick() % 120 == 0) {
      std::fprintf(stderr, "%7.2f %-36s F (%.3f %.3f) hdg %.2f v %.3f forks %.4f pb %.0f\n", o.time,
                   step.label.c_str(), o.frontAxle.x, o.frontAxle.y, o.heading * 57.29578, o.speed,
                   o.forkHeight, o.parkingBrake);
    }
    if (!done) {
      break;
    }
    if (std::getenv("SKILLSIM_OPERATOR_DEBUG")) {
      std::fprintf(stderr, "%7.2f done %-31s F (%.3f %.3f) hdg %.2f v %.3f forks %.4f\n", o.time,
                   step.label.c_str(), o.frontAxle.x, o.frontAxle.y, o.heading * 57.29578, o.speed,
                   o.forkHeight);
    }
    next(o.time);
  }
  if (mIndex >= mSteps.size()) {
    a = core::ActionState{};
    a.setAxis(fc::kDirection, static_cast<float>(mLever));
    a.setAxis(fc::kServiceBrake, 1.0F);
  }
  return a;
}

void registerOperators_forklift(OperatorRegistry& registry) {
  for (const auto& [name, profile] : {std::pair{"competent", ForkliftProfile::Competent},
                                      std::pair{"careless", ForkliftProfile::Careless}}) {
    registry.add(
        std::string(sim::kForkliftKind), name,
        [profile](const scenario::Scenario& scenario) -> core::Expected<std::unique_ptr<Operator>> {
          const sim::ForkliftSpec* truck = sim::forkliftOf(scenario.simulation);
          if (!truck) {
            return core::makeError(core::ErrorCode::NotFound,
                                   "the forklift operator needs a forklift scenario");
          }
          const auto& bodies = scenario.simulation.bodies;
          const bool poles = std::any_of(bodies.begin(), bodies.end(), [](const auto& b) {
            return b.name == "pole_west" || b.name == "pole_east";
          });
          auto steps =
              poles ? planPoleCourse(*truck, bodies, profile) : planN1Course(*truck, profile);
          if (!steps) {
            return std::move(steps).error();
          }
          return std::unique_ptr<Operator>(
              std::make_unique<ForkliftOperator>(std::move(*steps), *truck));
        });
  }
}

} // namespace skillsim::op
