#include "Forklift.h"

#include <glm/gtc/quaternion.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>

namespace skillsim::sim::detail {

namespace fc = forklift_controls;

namespace {

/** Frame box (truck frame, m): front face, bottom (ground clearance) and top of the hood. */
constexpr double kFrameFront = 0.20;
constexpr double kFrameBottom = 0.15;
constexpr double kFrameTop = 1.25;
/** Mast with carriage as one collision box: depth along X ending at the fork face, width. */
constexpr double kMastDepth = 0.17;
constexpr double kMastWidth = 0.80;
constexpr double kMastBottom = 0.06;
/** Tilt pivot on the front axle housing (truck frame, m). */
constexpr double kTiltPivotX = 0.30;
constexpr double kTiltPivotY = 0.40;
/** Tines' underside above the ground at lift 0, before the tyres' sag (m). */
constexpr double kForkClearance = 0.012;
/** Rays reach this far below a tyre's lowest point (m): a wheel farther up is off the ground. */
constexpr double kRayReach = 0.15;
/** Servo gains (1/s): a position error is closed at this rate on top of the lever's speed. */
constexpr double kLiftGain = 20.0;
constexpr double kTiltGain = 20.0;
/** Integral gain of the servos (1/s^2) and the most their integral adds (m/s or rad/s). */
constexpr double kServoIntegral = 100.0;
constexpr double kIntegralLimit = 0.2;
/** Largest lift cylinder force (N, both forks together) and tilt cylinder moment (N m). */
constexpr double kLiftForce = 2.0e5;
constexpr double kTiltTorque = 4.0e5;
/** The servo targets never lead the actual position by more than this (m, rad). */
constexpr double kLiftLead = 0.02;
constexpr double kTiltLead = 0.02;
/** The lift and tilt control valves open or close fully in this time (s): an estimate. */
constexpr double kValveTime = 0.25;
/** A lever past this share of its travel moves the mast (dead band). */
constexpr double kLeverDeadBand = 0.05;
/** Faster than this (m/s) the truck is moving (reversing, adjusting while moving). */
constexpr double kMovingSpeed = 0.05;
/** Load cell (the axle loads) low-pass time constant (s). */
constexpr double kLoadCellTimeConstant = 0.3;
/** Roll or pitch beyond this (rad, 30 deg) is a truck on its side or nose: tipped over. */
constexpr double kTippedAngle = 0.5235987755982988;
/** The inching pedal applies the service brake over the last part of its travel (share). */
constexpr double kInchingBrakeStart = 0.6;

double clamp01(double v) { return std::clamp(v, 0.0, 1.0); }

double axis(const core::ActionState& a, std::size_t slot) {
  return static_cast<double>(a.axis(slot));
}

glm::dquat headingPitch(double heading, double pitch) {
  return glm::angleAxis(heading, glm::dvec3(0.0, 1.0, 0.0)) *
         glm::angleAxis(pitch, glm::dvec3(0.0, 0.0, 1.0));
}

} // namespace

Forklift::Forklift(const ForkliftSpec& spec, physics::World& world, double gravity, double timeStep)
    : mSpec(spec), mWorld(world), mGravity(gravity), mTimeStep(timeStep) {
  const ForkliftSpec& s = mSpec;
  const double chassisMass = s.frameMass + s.counterweightMass;
  mChassisCentre =
      (s.frameMass * s.frameCentre + s.counterweightMass * s.counterweightCentre) / chassisMass;
  mMastCentre = {s.frontOverhang - 0.5 * kMastDepth, 0.5 * (kMastBottom + s.mastHeight), 0.0};
  mTiltPivot = {kTiltPivotX, kTiltPivotY, 0.0};
  mLiftTarget = s.initialLift;
  const double forkY0 = kForkClearance + 0.5 * s.forkThickness; // at lift 0
  const double forkX = s.frontOverhang + 0.5 * s.forkLength;

  mWheels[0] = {{0.0, s.frontWheelRadius, -0.5 * s.frontTrack}, s.frontWheelRadius, true};
  mWheels[1] = {{0.0, s.frontWheelRadius, 0.5 * s.frontTrack}, s.frontWheelRadius, true};
  mWheels[2] = {{-s.wheelbase, s.rearWheelRadius, -0.5 * s.rearTrack}, s.rearWheelRadius, false};
  mWheels[3] = {{-s.wheelbase, s.rearWheelRadius, 0.5 * s.rearTrack}, s.rearWheelRadius, false};

  // Start on the tyres' static deflection (no drop, no start impulse): the axle loads from the
  // moment balance of the unladen truck about the front axle.
  const double forkMass = s.carriageMass;
  const double centreX =
      (chassisMass * mChassisCentre.x + s.mastMass * mMastCentre.x + forkMass * forkX) /
      s.serviceMass();
  const double weight = s.serviceMass() * gravity;
  const double rearLoad = weight * (-centreX) / s.wheelbase;
  const double frontLoad = weight - rearLoad;
  const double frontSag = 0.5 * frontLoad / s.tyreStiffness;
  const double rearSag = 0.5 * rearLoad / s.tyreStiffness;
  const double pitch = (rearSag - frontSag) / s.wheelbase;
  const glm::dquat q = headingPitch(s.initialHeading, pitch);
  const glm::dvec3 origin = s.initialPosition - glm::dvec3(0.0, frontSag, 0.0);
  auto place = [&](const glm::dvec3& truckPoint) { return origin + q * truckPoint; };
  for (Wheel& w : mWheels) {
    w.load = 0.5 * (w.front ? frontLoad : rearLoad);
    w.compression = w.load / s.tyreStiffness;
    w.grounded = true;
  }

  physics::BodyDesc truck;
  truck.name = "forklift.truck";
  truck.tags = {"forklift", "truck"};
  truck.shape.kind = physics::ShapeKind::ConvexHull;
  const double rear = -(s.wheelbase + s.rearOverhang);
  for (double x : {rear, kFrameFront}) {
    for (double y : {kFrameBottom, kFrameTop}) {
      for (double z : {-0.5 * s.truckWidth, 0.5 * s.truckWidth}) {
        truck.shape.points.push_back(glm::dvec3(x, y, z) - mChassisCentre);
      }
    }
  }
  truck.motion = physics::Motion::Dynamic;
  truck.mass = chassisMass;
  truck.position = place(mChassisCentre);
  truck.orientation = q;
  truck.friction = 0.5;
  mTruck = mWorld.addBody(truck).value();
  // The truck's principal moments for the tyre solve: the frame box's (as Bullet computes a
  // hull's, from its extents) for the whole service mass; the mast and forks' own add to it, so
  // the solve errs on the side of smaller impulses, made up on the next step.
  const glm::dvec3 extent(s.wheelbase + s.rearOverhang + kFrameFront, kFrameTop - kFrameBottom,
                          s.truckWidth);
  const glm::dvec3 e2 = extent * extent;
  mInertia = s.serviceMass() / 12.0 * glm::dvec3(e2.y + e2.z, e2.x + e2.z, e2.x + e2.y);

  physics::BodyDesc mast;
  mast.name = "forklift.mast";
  mast.tags = {"forklift", "mast"};
  mast.shape.size = {kMastDepth, s.mastHeight - kMastBottom, kMastWidth};
  mast.motion = physics::Motion::Dynamic;
  mast.mass = s.mastMass;
  mast.position = place(mMastCentre);
  mast.orientation = q;
  mast.friction = 0.5;
  mMast = mWorld.addBody(mast).value();

  const char* forkNames[] = {"forklift.fork_left", "forklift.fork_right"};
  for (std::size_t i = 0; i < 2; ++i) {
    const double z = (i == 0 ? -0.5 : 0.5) * s.forkSpread;
    physics::BodyDesc fork;
    fork.name = forkNames[i];
    fork.tags = {"forklift", "forks"};
    fork.shape.size = {s.forkLength, s.forkThickness, s.forkWidth};
    fork.motion = physics::Motion::Dynamic;
    fork.mass = 0.5 * forkMass;
    fork.position = place({forkX, forkY0 + s.initialLift, z});
    fork.orientation = q;
    fork.friction = 0.45; // dry steel on timber
    mForks[i] = mWorld.addBody(fork).value();
  }

  physics::JointDesc tilt;
  tilt.kind = physics::JointKind::Hinge;
  tilt.bodyA = mTruck;
  tilt.pivotA = mTiltPivot - mChassisCentre;
  tilt.bodyB = mMast;
  tilt.pivotB = mTiltPivot - mMastCentre;
  // The joint's coordinate is the mast's turn about the truck's -Z (jointPosition reads a tilt
  // back, tips up, as negative): its travel is [-tiltBack, tiltForward] (tiltAngle()).
  tilt.lower[5] = -s.tiltBack;
  tilt.upper[5] = s.tiltForward;
  mTiltJoint = mWorld.addJoint(tilt).value();

  const glm::dquat upright = glm::angleAxis(0.5 * std::numbers::pi, glm::dvec3(0.0, 0.0, 1.0));
  for (std::size_t i = 0; i < 2; ++i) {
    physics::JointDesc lift;
    lift.kind = physics::JointKind::Slider;
    lift.bodyA = mMast;
    lift.pivotA = glm::dvec3(forkX, forkY0, (i == 0 ? -0.5 : 0.5) * s.forkSpread) - mMastCentre;
    mLiftOrigin[i] = lift.pivotA;
    lift.frameA = upright;
    lift.bodyB = mForks[i];
    lift.frameB = upright;
    lift.lower[0] = 0.0;
    lift.upper[0] = s.liftHeight;
    mLiftJoints[i] = mWorld.addJoint(lift).value();
    mWorld.setCollisionBetween(mForks[i], mTruck, false);
  }
  mWorld.setCollisionBetween(mForks[0], mForks[1], false);
  buildField();
}

void Forklift::buildField() {
  const glm::dvec3 up(0.0, 1.0, 0.0);
  auto addStatic = [&](const std::string& name, const char* tag, const glm::dvec3& size,
                       const glm::dvec3& centre, const glm::dquat& q) {
    physics::BodyDesc b;
    b.name = name;
    b.tags = {tag};
    b.shape.size = size;
    b.position = centre;
    b.orientation = q;
    b.friction = 0.5;
    mFieldBodies.emplace_back(name, mWorld.addBody(b).value());
    mFieldSizes.push_back(size);
  };
  // Racks: uprights at the four corners, a front and a back beam at every tier above the floor.
  constexpr double kUpright = 0.08;
  constexpr double kBeamDepth = 0.05;
  for (const ForkliftRack& rack : mSpec.racks) {
    const glm::dquat q = glm::angleAxis(rack.heading, up);
    auto at = [&](const glm::dvec3& local) { return rack.position + q * local; };
    const double top = std::max(1.5, rack.tiers.back() + 1.0);
    const double side = 0.5 * rack.width + 0.5 * kUpright;
    int n = 0;
    for (double x : {0.5 * kUpright, rack.depth - 0.5 * kUpright}) {
      for (double z : {-side, side}) {
        addStatic(rack.name + ".upright" + std::to_string(++n), "rack", {kUpright, top, kUpright},
                  at({x, 0.5 * top, z}), q);
      }
    }
    n = 0;
    for (double tier : rack.tiers) {
      if (tier <= 0.0) {
        continue; // the floor
      }
      ++n;
      for (auto [x, which] : {std::pair{0.5 * kBeamDepth, ".front_beam"},
                              std::pair{rack.depth - 0.5 * kBeamDepth, ".back_beam"}}) {
        addStatic(rack.name + which + std::to_string(n), "rack",
                  {kBeamDepth, rack.beamHeight, rack.width + 2.0 * kUpright},
                  at({x, tier - 0.5 * rack.beamHeight, 0.0}), q);
      }
    }
  }
  // Pallets: the load with the deck board on three stringers, joined rigidly. The stringers carry
  // 8 % of the mass each (a timber pallet's own share is less; more keeps the joints' mass ratio
  // one the solver holds, and lowers the centre of mass by a few millimetres).
  for (const ForkliftPallet& p : mSpec.pallets) {
    const glm::dquat q = glm::angleAxis(p.heading, up);
    const double total = p.palletMass + p.loadMass;
    const double topHeight = p.deckThickness + p.loadHeight;
    physics::BodyDesc top;
    top.name = p.name;
    top.tags = {"load", "pallet"};
    top.shape.size = {p.depth, topHeight, p.width};
    top.motion = physics::Motion::Dynamic;
    top.mass = 0.76 * total;
    top.position = p.position + q * glm::dvec3(0.0, p.openingHeight + 0.5 * topHeight, 0.0);
    top.orientation = q;
    top.friction = p.friction;
    // A pallet rests on the floor or a rack beam until the forks come: let it sleep there (the
    // forks' approach, within its bounding box, wakes it; World::setMaySleep).
    top.maySleep = true;
    const core::BodyId topId = mWorld.addBody(top).value();
    mFieldBodies.emplace_back(p.name, topId);
    mPallets.push_back({topId, p.position.y, false, false});
    mFieldSizes.push_back(top.shape.size);
    const double z = 0.5 * (p.width - p.stringerWidth);
    int n = 0;
    for (double dz : {-z, 0.0, z}) {
      physics::BodyDesc stringer;
      stringer.name = p.name + ".stringer" + std::to_string(++n);
      stringer.tags = {"pallet"};
      stringer.shape.size = {p.depth, p.openingHeight, p.stringerWidth};
      stringer.motion = physics::Motion::Dynamic;
      stringer.mass = 0.08 * total;
      const glm::dvec3 local(0.0, 0.5 * p.openingHeight, dz);
      stringer.position = p.position + q * local;
      stringer.orientation = q;
      stringer.friction = p.friction;
      stringer.maySleep = true;
      const core::BodyId id = mWorld.addBody(stringer).value();
      mFieldBodies.emplace_back(stringer.name, id);
      mFieldSizes.push_back(stringer.shape.size);
      physics::JointDesc weld;
      weld.kind = physics::JointKind::Fixed;
      weld.bodyA = topId;
      weld.pivotA = local - glm::dvec3(0.0, p.openingHeight + 0.5 * topHeight, 0.0);
      weld.bodyB = id;
      mWorld.addJoint(weld).value();
    }
  }
  mForksAtRack.assign(mSpec.racks.size(), false);
  // Bays: four edge lines each (50 mm painted lines, drawn only).
  for (const ForkliftBay& b : mSpec.bays) {
    const glm::dquat q = glm::angleAxis(b.heading, up);
    const double hl = 0.5 * b.length;
    const double hw = 0.5 * b.width;
    mEdgeLines.push_back({b.position + q * glm::dvec3(0.0, 0.0, -hw), b.heading, b.length});
    mEdgeLines.push_back({b.position + q * glm::dvec3(0.0, 0.0, hw), b.heading, b.length});
    mEdgeLines.push_back(
        {b.position + q * glm::dvec3(-hl, 0.0, 0.0), b.heading + 0.5 * std::numbers::pi, b.width});
    mEdgeLines.push_back(
        {b.position + q * glm::dvec3(hl, 0.0, 0.0), b.heading + 0.5 * std::numbers::pi, b.width});
  }
}

glm::dvec3 Forklift::truckToWorld(const glm::dvec3& p) const {
  const physics::BodyState st = mWorld.bodyState(mTruck);
  return st.position + st.orientation * (p - mChassisCentre);
}

double Forklift::tiltAngle() const {
  // Bullet's hinge angle (btHingeConstraint::getHingeAngle) of the mast about the frames' Z, the
  // truck's +Z (right), is minus the right-hand turn: with the tips raised 6 deg (a tilt back) it
  // reads -6 deg. The model's tilt is + back, so it is the negated joint coordinate.
  return -mWorld.jointPosition(mTiltJoint, 5);
}

double Forklift::liftPosition(std::size_t fork) const {
  // From the bodies' poses now: the fork's centre along the mast from its lift-0 point. (The
  // slider's own coordinate is the one of the last step's limit test, and 0 before the first.)
  const physics::BodyState mast = mWorld.bodyState(mMast);
  const glm::dvec3 along = mast.orientation * glm::dvec3(0.0, 1.0, 0.0);
  return glm::dot(
      mWorld.bodyState(mForks[fork]).position - mWorld.toWorld(mMast, mLiftOrigin[fork]), along);
}

glm::dvec3 Forklift::forkTips() const {
  const double x = 0.5 * mSpec.forkLength;
  const double y = -0.5 * mSpec.forkThickness;
  return 0.5 * (mWorld.toWorld(mForks[0], {x, y, 0.0}) + mWorld.toWorld(mForks[1], {x, y, 0.0}));
}

double Forklift::forkHeight() const {
  double lowest = 1e9;
  for (core::BodyId f : mForks) {
    lowest = std::min(lowest, mWorld.bounds(f).first.y);
  }
  return lowest - mSpec.initialPosition.y;
}

double Forklift::edgeLineOvershoot() const {
  const ForkliftSpec& s = mSpec;
  const double rear = -(s.wheelbase + s.rearOverhang);
  const double hw = 0.5 * s.truckWidth;
  std::array<glm::dvec3, 6> outline{
      truckToWorld({rear, 0.0, -hw}),
      truckToWorld({rear, 0.0, hw}),
      truckToWorld({s.frontOverhang, 0.0, -hw}),
      truckToWorld({s.frontOverhang, 0.0, hw}),
      mWorld.toWorld(mForks[0], {0.5 * s.forkLength, 0.0, 0.0}),
      mWorld.toWorld(mForks[1], {0.5 * s.forkLength, 0.0, 0.0}),
  };
  const glm::dvec3 centre = truckToWorld({0.5 * (rear + s.frontOverhang), 0.0, 0.0});
  const glm::dvec3 up(0.0, 1.0, 0.0);
  const double line = kEdgeLineWidth;
  double most = 0.0;
  for (const ForkliftBay& b : s.bays) {
    const glm::dquat toBay = glm::inverse(glm::angleAxis(b.heading, up));
    const double hl = 0.5 * b.length;
    const double half = 0.5 * b.width;
    const glm::dvec3 c = toBay * (centre - b.position);
    if (std::abs(c.x) > hl || std::abs(c.z) > half) {
      continue; // the truck is not in this bay
    }
    for (const glm::dvec3& w : outline) {
      const glm::dvec3 p = toBay * (w - b.position);
      if (std::abs(p.x) <= hl + 0.5 * line) { // alongside a side line
        most = std::max(most, std::abs(p.z) - (half - 0.5 * line));
      }
      if (std::abs(p.z) <= half + 0.5 * line) { // over the back line
        most = std::max(most, (-hl + 0.5 * line) - p.x);
      }
    }
  }
  return most;
}

void Forklift::watchField(std::uint64_t tick, std::vector<SimEvent>& events) {
  const glm::dvec3 up(0.0, 1.0, 0.0);
  // Edge lines: the N1 automatic fail, once per crossing (value: m past the line's outer edge).
  const double overshoot = edgeLineOvershoot();
  const bool crossed = overshoot > kEdgeLineFail + kEdgeLineWidth;
  if (crossed && !mLineCrossed) {
    SimEvent e = SimEvent::machine(tick, "edge_line_crossed", "truck", overshoot - kEdgeLineWidth);
    e.position = truckToWorld({0.0, 0.0, 0.0});
    events.push_back(std::move(e));
  }
  mLineCrossed = crossed;

  // Leaving a rack: the fork tips withdraw past kRackLeaveDistance in front of its face.
  const glm::dvec3 tips = forkTips();
  const double height = forkHeight();
  for (std::size_t r = 0; r < mSpec.racks.size(); ++r) {
    const ForkliftRack& rack = mSpec.racks[r];
    const glm::dvec3 t = glm::inverse(glm::angleAxis(rack.heading, up)) * (tips - rack.position);
    const bool beside = std::abs(t.z) <= 0.5 * rack.width + 0.5;
    const bool at = beside && t.x >= -kRackLeaveDistance && t.x <= rack.depth;
    if (mForksAtRack[r] && !at && beside && t.x < -kRackLeaveDistance &&
        height > kRackLeaveForkHeight) {
      SimEvent e = SimEvent::machine(tick, "left_rack_forks_high", "forks", height);
      e.position = tips;
      events.push_back(std::move(e));
    }
    mForksAtRack[r] = at;
  }

  // Pallets: dropped (falling or tipping), lifted off their rest, set down on a rack.
  for (std::size_t i = 0; i < mPallets.size(); ++i) {
    PalletWatch& w = mPallets[i];
    const ForkliftPallet& p = mSpec.pallets[i];
    const physics::BodyState st = mWorld.bodyState(w.deck);
    const glm::dvec3 deckUp = st.orientation * up;
    const double tilt = std::acos(std::clamp(deckUp.y, -1.0, 1.0));
    const double topHeight = p.deckThickness + p.loadHeight;
    const glm::dvec3 underside = st.position - deckUp * (p.openingHeight + 0.5 * topHeight);
    const double total = p.palletMass + p.loadMass;
    if (!w.dropped && (-st.linearVelocity.y > kPalletDropSpeed || tilt > kPalletDropTilt)) {
      w.dropped = true;
      SimEvent e = SimEvent::machine(tick, "pallet_dropped", "load", -st.linearVelocity.y);
      e.position = st.position;
      events.push_back(std::move(e));
    }
    if (!w.lifted && underside.y > w.restHeight + 0.03) {
      w.lifted = true;
      mPlacementOffset = 0.0;
    }
    const bool still = glm::length(st.linearVelocity) < 0.02 && tilt < 0.087;
    if (w.lifted && still && mForkLoad < 0.2 * total) {
      w.lifted = false;
      w.restHeight = underside.y;
      // On a rack tier: the offset of its face towards the aisle from the front beams' face
      // (+ = set back into the rack, - = overhanging the aisle).
      for (const ForkliftRack& rack : mSpec.racks) {
        const glm::dquat toRack = glm::inverse(glm::angleAxis(rack.heading, up));
        const glm::dvec3 c = toRack * (st.position - rack.position);
        const glm::dvec3 facing = toRack * (st.orientation * glm::dvec3(1.0, 0.0, 0.0));
        const double halfDepth =
            0.5 * (std::abs(facing.x) * p.depth + std::abs(facing.z) * p.width);
        const bool onTier = std::any_of(rack.tiers.begin(), rack.tiers.end(), [&](double tier) {
          return std::abs(underside.y - tier) < 0.05;
        });
        if (!onTier || std::abs(c.z) > 0.5 * rack.width || c.x < -1.0 || c.x > rack.depth + 1.0) {
          continue;
        }
        const double offset = (c.x - halfDepth);
        mPlacementOffset = std::abs(offset);
        SimEvent e = SimEvent::machine(tick, "pallet_placed", "load", offset);
        e.position = st.position;
        events.push_back(std::move(e));
        break;
      }
    }
  }
}

void Forklift::addMetrics(Metrics& m) {
  mMetric.travelSpeed = m.add("travel_speed");
  mMetric.direction = m.add("direction");
  mMetric.forkHeight = m.add("fork_height", forkHeight());
  mMetric.liftPosition = m.add("lift_position", mSpec.initialLift);
  mMetric.tiltAngle = m.add("tilt_angle");
  mMetric.loadOnForks = m.add("load_on_forks");
  mMetric.steerAngle = m.add("steer_angle");
  mMetric.parkingBrake = m.add("parking_brake", 1.0);
  mMetric.truckX = m.add("truck_x", mSpec.initialPosition.x);
  mMetric.truckZ = m.add("truck_z", mSpec.initialPosition.z);
  mMetric.heading = m.add("heading", mSpec.initialHeading);
  mMetric.forkTipX = m.add("fork_tip_x");
  mMetric.forkTipZ = m.add("fork_tip_z");
  mMetric.rollAngle = m.add("roll_angle");
  mMetric.pitchAngle = m.add("pitch_angle");
  mMetric.moving = m.add("moving");
  mMetric.laden = m.add("laden");
  mMetric.frontLeftLoad = m.add("front_left_tyre_load", mWheels[0].load);
  mMetric.frontRightLoad = m.add("front_right_tyre_load", mWheels[1].load);
  mMetric.rearAxleLoad = m.add("rear_axle_load", mWheels[2].load + mWheels[3].load);
  mMetric.tipped = m.add("tipped_over");
  mMetric.edgeLineOvershoot = m.add("edge_line_overshoot", edgeLineOvershoot());
  mMetric.placementOffset = m.add("placement_offset");
  const auto [atRack, rackDistance] = forkTipsToRack();
  mMetric.atRack = m.add("at_rack", atRack ? 1.0 : 0.0);
  mMetric.rackDistance = m.add("rack_distance", rackDistance);
}

std::pair<bool, double> Forklift::forkTipsToRack() const {
  const glm::dvec3 up(0.0, 1.0, 0.0);
  const glm::dvec3 tips = forkTips();
  const glm::dvec3 forward = mWorld.bodyState(mTruck).orientation * glm::dvec3(1.0, 0.0, 0.0);
  bool found = false;
  double nearest = 0.0;
  for (const ForkliftRack& rack : mSpec.racks) {
    const glm::dquat toRack = glm::inverse(glm::angleAxis(rack.heading, up));
    const glm::dvec3 t = toRack * (tips - rack.position);
    const glm::dvec3 f = toRack * forward;
    // Facing into the rack (within 45 deg), beside it (as the field watch), within 5 m of it.
    if (f.x < std::cos(0.25 * std::numbers::pi) || std::abs(t.z) > 0.5 * rack.width + 0.5 ||
        t.x < -kRackAidRange || t.x > rack.depth) {
      continue;
    }
    if (!found || -t.x < nearest) {
      nearest = -t.x;
      found = true;
    }
  }
  return {found, found ? nearest : 0.0};
}

std::vector<FloorAid> Forklift::floorAids() const {
  // The stability triangle: the front tyres' contacts and the rear axle's pivot (forklift.md),
  // and the combined centre of gravity of the truck, mast, forks and any pallet lifted on them.
  FloorAid aid;
  const double halfTrack = 0.5 * mSpec.frontTrack;
  for (const glm::dvec3& p : {glm::dvec3(0.0, 0.0, -halfTrack), glm::dvec3(0.0, 0.0, halfTrack),
                              glm::dvec3(-mSpec.wheelbase, 0.0, 0.0)}) {
    const glm::dvec3 w = truckToWorld(p);
    aid.outline.push_back({w.x, 0.0, w.z});
  }
  const double halfCarriage = 0.5 * mSpec.carriageMass;
  double mass = mSpec.frameMass + mSpec.counterweightMass + mSpec.mastMass + 2.0 * halfCarriage;
  glm::dvec3 moment =
      (mSpec.frameMass + mSpec.counterweightMass) * mWorld.bodyState(mTruck).position +
      mSpec.mastMass * mWorld.bodyState(mMast).position +
      halfCarriage * (mWorld.bodyState(mForks[0]).position + mWorld.bodyState(mForks[1]).position);
  for (std::size_t i = 0; i < mPallets.size(); ++i) {
    if (mPallets[i].lifted && !mPallets[i].dropped) {
      const double m = mSpec.pallets[i].palletMass + mSpec.pallets[i].loadMass;
      moment += m * mWorld.bodyState(mPallets[i].deck).position;
      mass += m;
    }
  }
  const glm::dvec3 g = moment / mass;
  aid.point = {g.x, 0.0, g.z};
  // Inside when on the inner side of each edge (the outline's winding either way).
  auto cross = [](const glm::dvec3& a, const glm::dvec3& b, const glm::dvec3& p) {
    return (b.x - a.x) * (p.z - a.z) - (b.z - a.z) * (p.x - a.x);
  };
  const double c0 = cross(aid.outline[0], aid.outline[1], aid.point);
  const double c1 = cross(aid.outline[1], aid.outline[2], aid.point);
  const double c2 = cross(aid.outline[2], aid.outline[0], aid.point);
  aid.inside = (c0 >= 0.0 && c1 >= 0.0 && c2 >= 0.0) || (c0 <= 0.0 && c1 <= 0.0 && c2 <= 0.0);
  return {aid};
}

void Forklift::beforeStep(const StepInput& input, std::vector<SimEvent>& events) {
  const core::ActionState& a = input.actions;
  const std::uint64_t tick = input.tick;
  const physics::BodyState st = mWorld.bodyState(mTruck);
  const glm::dvec3 forward = st.orientation * glm::dvec3(1.0, 0.0, 0.0);
  const double speed = glm::dot(st.linearVelocity, forward);

  if ((input.pressed >> fc::kHorn) & 1u) {
    events.push_back(SimEvent::machine(tick, "horn", "horn"));
  }
  if ((input.pressed >> fc::kParkingBrake) & 1u) {
    mParkingBrake = !mParkingBrake;
    SimEvent e = SimEvent::machine(
        tick, mParkingBrake ? "parking_brake_applied" : "parking_brake_released", "parking_brake");
    e.value = std::abs(speed);
    events.push_back(std::move(e));
  }
  const int direction =
      static_cast<int>(std::lround(std::clamp(axis(a, fc::kDirection), -1.0, 1.0)));
  if (direction != mDirection) {
    SimEvent e;
    e.tick = tick;
    e.kind = SimEventKind::ControlChanged;
    e.subject = "direction";
    e.value = direction;
    events.push_back(e);
    // Selecting the other direction while still rolling the first way (N1: reversing before a
    // full stop); the value is the speed (m/s) at the change.
    if (direction != 0 && static_cast<double>(direction) * speed < -kMovingSpeed) {
      SimEvent r =
          SimEvent::machine(tick, "direction_reversed_moving", "direction", std::abs(speed));
      r.position = truckToWorld({0.0, 0.0, 0.0});
      events.push_back(std::move(r));
    }
    mDirection = direction;
  }
  mAccelerator = clamp01(axis(a, fc::kAccelerator));
  mBrake = clamp01(axis(a, fc::kServiceBrake));
  mInching = clamp01(axis(a, fc::kInching));

  // Steering: hydrostatic, the rear axle follows the wheel at no more than steerRate.
  const double steerCommand = std::clamp(axis(a, fc::kSteering), -1.0, 1.0) * mSpec.maxSteerAngle;
  const double maxStep = mSpec.steerRate * mTimeStep;
  mSteer += std::clamp(steerCommand - mSteer, -maxStep, maxStep);

  servoMast(input, events);
  if (mTyreLoss) {
    ++mTyreLoss->ticks;
  }
  tyreForces();
}

void Forklift::servoMast(const StepInput& input, std::vector<SimEvent>& events) {
  const core::ActionState& a = input.actions;
  const physics::BodyState st = mWorld.bodyState(mTruck);
  const double speed = glm::length(st.linearVelocity);
  const bool laden = mForkLoad > mSpec.ladenShare * mSpec.ratedCapacity;
  auto lever = [](double v) {
    return std::abs(v) <= kLeverDeadBand
               ? 0.0
               : std::copysign((std::abs(v) - kLeverDeadBand) / (1.0 - kLeverDeadBand), v);
  };
  const double liftLever = lever(std::clamp(axis(a, fc::kLift), -1.0, 1.0));
  const double tiltLever = lever(std::clamp(axis(a, fc::kTilt), -1.0, 1.0));
  auto drive = [&](bool& active, bool now, const char* name, double value) {
    if (active == now) {
      return;
    }
    active = now;
    SimEvent e;
    e.tick = input.tick;
    e.kind = SimEventKind::ControlChanged;
    e.subject = name;
    e.value = value;
    events.push_back(e);
    if (now && speed > kMovingSpeed) {
      SimEvent m = SimEvent::machine(input.tick, "mast_moved_travelling", name, speed);
      m.position = forkTips();
      events.push_back(std::move(m));
    }
  };
  drive(mLiftActive, liftLever != 0.0, "lift", liftLever);
  drive(mTiltActive, tiltLever != 0.0, "tilt", tiltLever);

  // Lift: both forks servo to one target, advanced at the lever's speed and kept within the
  // mast's travel, so the cylinders hold a load without creeping and stop at the ends.
  const double up = laden ? mSpec.liftSpeed * 0.9375 : mSpec.liftSpeed; // 0.45 / 0.48 m/s
  // The control valve opens over kValveTime: the lever's speed is reached in that time, so a
  // lift starts and stops without a jerk on the load (and on the truck's stability).
  const double liftWanted = liftLever >= 0.0 ? liftLever * up : liftLever * mSpec.lowerSpeed;
  const double liftSlew = std::max(up, mSpec.lowerSpeed) / kValveTime * mTimeStep;
  mLiftRate += std::clamp(liftWanted - mLiftRate, -liftSlew, liftSlew);
  const double liftRate = mLiftRate;
  double liftNow = 0.0;
  for (std::size_t i = 0; i < 2; ++i) {
    liftNow += 0.5 * liftPosition(i);
  }
  mLiftTarget = mLiftTarget + liftRate * mTimeStep;
  if (mLiftTarget <= 0.0 || mLiftTarget >= mSpec.liftHeight) {
    mLiftRate = 0.0; // at the end of its stroke the cylinder takes no more oil: no memory
  }
  mLiftTarget = std::clamp(mLiftTarget, 0.0, mSpec.liftHeight);
  mLiftTarget = std::clamp(mLiftTarget, liftNow - kLiftLead, liftNow + kLiftLead);
  for (std::size_t i = 0; i < 2; ++i) {
    const double error = mLiftTarget - liftPosition(i);
    // The integral takes out the steady offset the joint's own softness leaves under the forks'
    // and the load's weight (18 mm without it), so a held load stays where it was put.
    mLiftIntegral[i] = std::clamp(mLiftIntegral[i] + kServoIntegral * error * mTimeStep,
                                  -kIntegralLimit, kIntegralLimit);
    const double v = std::clamp(liftRate + kLiftGain * error + mLiftIntegral[i],
                                -2.0 * mSpec.lowerSpeed, 2.0 * up);
    mWorld.setJointMotor(mLiftJoints[i], 0, physics::JointMotor{true, v, 0.5 * kLiftForce});
  }
  const double tiltNow = tiltAngle();
  const double tiltSlew = mSpec.tiltSpeed / kValveTime * mTimeStep;
  mTiltRate += std::clamp(tiltLever * mSpec.tiltSpeed - mTiltRate, -tiltSlew, tiltSlew);
  const double tiltRate = mTiltRate;
  mTiltTarget = mTiltTarget + tiltRate * mTimeStep;
  if (mTiltTarget <= -mSpec.tiltForward || mTiltTarget >= mSpec.tiltBack) {
    mTiltRate = 0.0;
  }
  mTiltTarget = std::clamp(mTiltTarget, -mSpec.tiltForward, mSpec.tiltBack);
  mTiltTarget = std::clamp(mTiltTarget, tiltNow - kTiltLead, tiltNow + kTiltLead);
  mTiltIntegral = std::clamp(mTiltIntegral + kServoIntegral * (mTiltTarget - tiltNow) * mTimeStep,
                             -kIntegralLimit, kIntegralLimit);
  const double w = std::clamp(tiltRate + kTiltGain * (mTiltTarget - tiltNow) + mTiltIntegral,
                              -2.0 * mSpec.tiltSpeed, 2.0 * mSpec.tiltSpeed);
  mWorld.setJointMotor(mTiltJoint, 5, physics::JointMotor{true, -w, kTiltTorque}); // tiltAngle()
}

void Forklift::beginFault(std::string_view id, const FaultParams& params) {
  if (id == kTyreFault) {
    mTyreLoss = TyreLoss{static_cast<std::size_t>(params.at("tyre")), params.at("radius_loss_m"),
                         params.at("deflate_s"), 0};
  }
}

double Forklift::radiusLoss(std::size_t i) const {
  if (!mTyreLoss || mTyreLoss->tyre != i) {
    return 0.0;
  }
  const double t = static_cast<double>(mTyreLoss->ticks) * mTimeStep;
  return mTyreLoss->time > 0.0 ? mTyreLoss->loss * std::min(t / mTyreLoss->time, 1.0)
                               : mTyreLoss->loss;
}

void Forklift::tyreForces() {
  const ForkliftSpec& s = mSpec;
  const physics::BodyState st = mWorld.bodyState(mTruck);
  const glm::dquat q = st.orientation;
  const glm::dvec3 up = q * glm::dvec3(0.0, 1.0, 0.0);
  const glm::dvec3 forward = q * glm::dvec3(1.0, 0.0, 0.0);
  const double speed = glm::dot(st.linearVelocity, forward);
  const bool laden = mForkLoad > s.ladenShare * s.ratedCapacity;
  const double carried = s.serviceMass() + mForkLoad;
  const double damping =
      2.0 * s.tyreDampingRatio * std::sqrt(s.tyreStiffness * 0.25 * s.serviceMass());

  struct Contact {
    bool hit = false;
    glm::dvec3 point{0.0}, normal{0.0, 1.0, 0.0};
    double compression = 0.0, rate = 0.0;
  };
  std::array<Contact, kWheels> c;
  for (std::size_t i = 0; i < kWheels; ++i) {
    const Wheel& w = mWheels[i];
    const glm::dvec3 hub = st.position + q * (w.hub - mChassisCentre);
    const double reach = w.radius + kRayReach;
    const auto hit = mWorld.rayCast(hub, hub - reach * up, mTruck);
    Contact& k = c[i];
    k.compression = -kRayReach;
    if (hit && hit->body != mMast && hit->body != mForks[0] && hit->body != mForks[1]) {
      k.hit = true;
      k.point = hit->point;
      k.normal = hit->normal;
      k.compression = w.radius - hit->fraction * reach;
      if (mTyreLoss) {
        k.compression -= radiusLoss(i); // a soft tyre: its hub rides lower by the loss
      }
      const glm::dvec3 hubVelocity =
          st.linearVelocity + glm::cross(st.angularVelocity, hub - st.position);
      k.rate = -glm::dot(hubVelocity, k.normal);
    }
  }
  // Vertical tyre forces; the rear axle pivots on the frame, so its two tyres share one force.
  std::array<double, kWheels> normal{};
  for (std::size_t i = 0; i < 2; ++i) {
    normal[i] =
        c[i].hit ? std::max(0.0, s.tyreStiffness * c[i].compression + damping * c[i].rate) : 0.0;
  }
  const double rearCompression = 0.5 * (c[2].compression + c[3].compression);
  const double rearRate = 0.5 * (c[2].rate + c[3].rate);
  const double rear = std::max(0.0, s.tyreStiffness * rearCompression + damping * rearRate);
  const bool rearGrounded = c[2].hit && c[3].hit && rearCompression > 0.0;
  normal[2] = normal[3] = rearGrounded ? rear : 0.0;
  double total = 0.0;
  for (double n : normal) {
    total += n;
  }

  // Traction at the front tyres (torque converter: full force at standstill, none at top speed),
  // disengaged by the inching pedal, by neutral and by the parking brake.
  const double topSpeed = laden ? s.maxSpeedLaden : s.maxSpeedUnladen;
  const double along = static_cast<double>(mDirection) * speed;
  const double clutch = 1.0 - clamp01(mInching / kInchingBrakeStart);
  double traction = 0.0;
  if (mDirection != 0 && !mParkingBrake) {
    traction = static_cast<double>(mDirection) * clutch * s.maxTractiveForce *
               std::clamp(mAccelerator - along / topSpeed, 0.0, 1.0);
  }
  const double pedal =
      std::max(mBrake, clamp01((mInching - kInchingBrakeStart) / (1.0 - kInchingBrakeStart)));
  const double brakeForce = pedal * s.brakeDeceleration * carried;

  // A soft front tyre: the drive axle on two radii rolls like a cone, on a circle of radius
  // R = r t / dr towards the soft side (t the front track, r the tyre's radius, dr its loss).
  // The model's tyres take no slip angle of their own, so the rear axle's tyres run at the angle
  // that circle asks of them, tan(delta) = wheelbase / R, on top of the steering's (forklift.md,
  // "Faults"). Without a soft front tyre this is the steering alone.
  double steer = mSteer;
  if (mTyreLoss && mWheels[mTyreLoss->tyre].front) {
    const std::size_t soft = mTyreLoss->tyre;
    const double cone = s.wheelbase * radiusLoss(soft) / (mWheels[soft].radius * s.frontTrack);
    steer += mWheels[soft].hub.z < 0.0 ? -std::atan(cone) : std::atan(cone); // left is -Z
  }
  // Steer angle of each tyre: perpendicular to the line to the turning centre on the front axle.
  for (std::size_t i = 0; i < kWheels; ++i) {
    Wheel& w = mWheels[i];
    w.load = normal[i];
    w.compression = c[i].compression;
    w.grounded = c[i].hit && normal[i] > 0.0;
    w.yaw = 0.0;
    if (!w.front && steer != 0.0) {
      const double centre = s.wheelbase / std::tan(steer); // + right, on the front axle line
      const double dz = centre - w.hub.z;
      const double sign = std::copysign(1.0, centre);
      w.yaw = std::atan2(sign * s.wheelbase, sign * dz); // beyond 90 deg for an inner tyre
    }
  }

  // The tyres' tangential impulses, solved together (sequential impulses, as a rigid-body solver
  // does, on the truck alone): each is the impulse that brings its contact point to rest along
  // that direction, accumulated over the iterations and kept within its limit (brake, friction
  // circle). Solving them one at a time against the truck's own response, not a share of its
  // mass, is what keeps the truck still at rest: side impulses at the ground act below the
  // centre of mass and roll the truck, which a per-tyre mass share overcorrects (roll jitter).
  const double invMass = 1.0 / carried;
  const glm::dmat3 rotation = glm::mat3_cast(q);
  const glm::dvec3 invInertiaLocal = 1.0 / mInertia;
  const glm::dmat3 invInertia = rotation *
                                glm::dmat3(invInertiaLocal.x, 0.0, 0.0, 0.0, invInertiaLocal.y, 0.0,
                                           0.0, 0.0, invInertiaLocal.z) *
                                glm::transpose(rotation);
  glm::dvec3 v = st.linearVelocity;
  glm::dvec3 omega = st.angularVelocity;
  auto push = [&](const glm::dvec3& impulse, const glm::dvec3& r) {
    v += invMass * impulse;
    omega += invInertia * glm::cross(r, impulse);
  };
  struct Row {
    glm::dvec3 r{0.0}, f{0.0}, side{0.0}, n{0.0};
    double kLong = 1.0, kSide = 1.0;
    double drive = 0.0, resist = 0.0, limit = 0.0;
    double jLong = 0.0, jSide = 0.0; // accumulated (N s), besides the drive
  };
  std::array<Row, kWheels> rows;
  const double dt = mTimeStep;
  for (std::size_t i = 0; i < kWheels; ++i) {
    const Wheel& w = mWheels[i];
    if (!w.grounded) {
      continue;
    }
    Row& row = rows[i];
    row.n = c[i].normal;
    row.r = c[i].point - st.position;
    const glm::dvec3 heading = q * glm::dvec3(std::cos(w.yaw), 0.0, -std::sin(w.yaw));
    row.f = glm::normalize(heading - glm::dot(heading, row.n) * row.n);
    row.side = glm::cross(row.n, row.f);
    auto effective = [&](const glm::dvec3& d) {
      const glm::dvec3 rd = glm::cross(row.r, d);
      return invMass + glm::dot(rd, invInertia * rd);
    };
    row.kLong = effective(row.f);
    row.kSide = effective(row.side);
    row.limit = s.tyreFriction * normal[i] * dt;
    row.drive = w.front ? std::clamp(0.5 * traction * dt, -row.limit, row.limit) : 0.0;
    row.resist = (s.rollingResistance * normal[i] + brakeForce * normal[i] / total) * dt;
    if (mParkingBrake && w.front) {
      row.resist += row.limit;
    }
    // The tyre loads are left out of this solve: at rest they balance gravity within the step,
    // and their pitching impulse alone would read as the contact points sliding.
    push(row.drive * row.f, row.r);
  }
  constexpr int kIterations = 6;
  for (int iteration = 0; iteration < kIterations; ++iteration) {
    for (std::size_t i = 0; i < kWheels; ++i) {
      Row& row = rows[i];
      if (!mWheels[i].grounded) {
        continue;
      }
      // Along the tyre: brakes and rolling resistance up to their force, within the friction
      // left after the drive.
      const glm::dvec3 vp = v + glm::cross(omega, row.r);
      const double lo = std::max(-row.resist, -row.limit - row.drive);
      const double hi = std::min(row.resist, row.limit - row.drive);
      const double jl = std::clamp(row.jLong - glm::dot(vp, row.f) / row.kLong, lo, hi);
      push((jl - row.jLong) * row.f, row.r);
      row.jLong = jl;
      // Across the tyre: what the friction circle leaves.
      const glm::dvec3 vq = v + glm::cross(omega, row.r);
      const double used = row.drive + row.jLong;
      const double sideLimit = std::sqrt(std::max(0.0, row.limit * row.limit - used * used));
      const double js =
          std::clamp(row.jSide - glm::dot(vq, row.side) / row.kSide, -sideLimit, sideLimit);
      push((js - row.jSide) * row.side, row.r);
      row.jSide = js;
    }
  }
  for (std::size_t i = 0; i < kWheels; ++i) {
    const Row& row = rows[i];
    if (!mWheels[i].grounded) {
      continue;
    }
    mWorld.applyImpulse(
        mTruck, (row.drive + row.jLong) * row.f + row.jSide * row.side + normal[i] * dt * row.n,
        c[i].point);
  }
}

void Forklift::afterStep(std::uint64_t tick, std::vector<SimEvent>& events) {
  double total = 0.0;
  for (const Wheel& w : mWheels) {
    total += w.load;
  }
  const double measured = std::max(0.0, total / mGravity - mSpec.serviceMass());
  const double alpha = mTimeStep / (kLoadCellTimeConstant + mTimeStep);
  mForkLoad += alpha * (measured - mForkLoad);
  const glm::dquat q = mWorld.bodyState(mTruck).orientation;
  const glm::dvec3 up = q * glm::dvec3(0.0, 1.0, 0.0);
  const bool tipped = std::acos(std::clamp(up.y, -1.0, 1.0)) > kTippedAngle;
  if (tipped && !mTipped) {
    SimEvent e =
        SimEvent::machine(tick, "tipped_over", "truck", std::acos(std::clamp(up.y, -1.0, 1.0)));
    e.position = truckToWorld({0.0, 0.0, 0.0});
    events.push_back(std::move(e));
  }
  mTipped = tipped;
  watchField(tick, events);
}

void Forklift::writeMetrics(Metrics& m) const {
  const physics::BodyState st = mWorld.bodyState(mTruck);
  const glm::dquat q = st.orientation;
  const glm::dvec3 forward = q * glm::dvec3(1.0, 0.0, 0.0);
  const glm::dvec3 right = q * glm::dvec3(0.0, 0.0, 1.0);
  const double speed = glm::dot(st.linearVelocity, forward);
  m.set(mMetric.travelSpeed, speed);
  m.set(mMetric.direction, static_cast<double>(mDirection));
  m.set(mMetric.forkHeight, forkHeight());
  m.set(mMetric.liftPosition, 0.5 * (liftPosition(0) + liftPosition(1)));
  m.set(mMetric.tiltAngle, tiltAngle());
  m.set(mMetric.loadOnForks, mForkLoad);
  m.set(mMetric.steerAngle, mSteer);
  m.set(mMetric.parkingBrake, mParkingBrake ? 1.0 : 0.0);
  const glm::dvec3 origin = truckToWorld({0.0, 0.0, 0.0});
  m.set(mMetric.truckX, origin.x);
  m.set(mMetric.truckZ, origin.z);
  m.set(mMetric.heading, std::atan2(-forward.z, forward.x));
  const glm::dvec3 tips = forkTips();
  m.set(mMetric.forkTipX, tips.x);
  m.set(mMetric.forkTipZ, tips.z);
  m.set(mMetric.rollAngle, std::asin(std::clamp(right.y, -1.0, 1.0)));
  m.set(mMetric.pitchAngle, std::asin(std::clamp(forward.y, -1.0, 1.0)));
  m.set(mMetric.moving, std::abs(speed) > kMovingSpeed ? 1.0 : 0.0);
  m.set(mMetric.laden, mForkLoad > mSpec.ladenShare * mSpec.ratedCapacity ? 1.0 : 0.0);
  m.set(mMetric.frontLeftLoad, mWheels[0].load);
  m.set(mMetric.frontRightLoad, mWheels[1].load);
  m.set(mMetric.rearAxleLoad, mWheels[2].load + mWheels[3].load);
  m.set(mMetric.tipped, mTipped ? 1.0 : 0.0);
  m.set(mMetric.edgeLineOvershoot, edgeLineOvershoot());
  m.set(mMetric.placementOffset, mPlacementOffset);
  const auto [atRack, rackDistance] = forkTipsToRack();
  m.set(mMetric.atRack, atRack ? 1.0 : 0.0);
  m.set(mMetric.rackDistance, rackDistance);
}

std::optional<MachineFault> Forklift::fault() const {
  // A frame corner this far under the floor is no tip-over any more but a truck through the
  // ground (the ground plane's contact has failed): the model cannot go on from there.
  constexpr double kSinkLimit = 0.25; // m
  // The frame box's lowest corner (its hull's exact geometry); the floor is y = 0.
  double lowest = 1e9;
  const double rear = -(mSpec.wheelbase + mSpec.rearOverhang);
  for (double x : {rear, kFrameFront}) {
    for (double y : {kFrameBottom, kFrameTop}) {
      for (double z : {-0.5 * mSpec.truckWidth, 0.5 * mSpec.truckWidth}) {
        lowest = std::min(lowest, truckToWorld({x, y, z}).y);
      }
    }
  }
  if (lowest < -kSinkLimit) {
    char what[96];
    std::snprintf(what, sizeof what, "the truck's frame is %.2f m below the ground", -lowest);
    return MachineFault{"forklift.truck", what};
  }
  return std::nullopt;
}

void Forklift::hash(core::Hasher& h) const {
  h.update(static_cast<std::uint64_t>(static_cast<std::int64_t>(mDirection) + 1));
  h.update(static_cast<std::uint64_t>((mParkingBrake ? 1u : 0u) | (mLiftActive ? 2u : 0u) |
                                      (mTiltActive ? 4u : 0u) | (mTipped ? 8u : 0u)));
  for (double v : {mSteer, mLiftTarget, mTiltTarget, mLiftRate, mTiltRate, mLiftIntegral[0],
                   mLiftIntegral[1], mTiltIntegral, mAccelerator, mBrake, mInching, mForkLoad}) {
    h.update(v);
  }
  h.update(static_cast<std::uint64_t>(mLineCrossed ? 1u : 0u));
  h.update(mPlacementOffset);
  for (bool at : mForksAtRack) {
    h.update(static_cast<std::uint64_t>(at ? 1u : 0u));
  }
  for (const PalletWatch& w : mPallets) {
    h.update(w.restHeight);
    h.update(static_cast<std::uint64_t>((w.lifted ? 1u : 0u) | (w.dropped ? 2u : 0u)));
  }
  for (const Wheel& w : mWheels) {
    h.update(w.load);
    h.update(w.compression);
    h.update(w.yaw);
  }
  // The fault only once begun, so a run without one hashes as before it existed.
  if (mTyreLoss) {
    h.update(static_cast<std::uint64_t>(mTyreLoss->tyre));
    h.update(mTyreLoss->loss);
    h.update(mTyreLoss->time);
    h.update(mTyreLoss->ticks);
  }
}

std::optional<glm::dvec3> Forklift::bodyPosition(std::string_view name) const {
  if (auto id = body(name)) {
    return mWorld.bodyState(*id).position;
  }
  return std::nullopt;
}

std::optional<core::BodyId> Forklift::body(std::string_view name) const {
  if (name == "forklift.truck") {
    return mTruck;
  }
  if (name == "forklift.mast") {
    return mMast;
  }
  if (name == "forklift.fork_left") {
    return mForks[0];
  }
  if (name == "forklift.fork_right") {
    return mForks[1];
  }
  for (const auto& [fieldName, id] : mFieldBodies) {
    if (fieldName == name) {
      return id;
    }
  }
  return std::nullopt;
}

std::optional<glm::dvec3> Forklift::anchorPoint(std::string_view anchor) const {
  // The driver's eye: seated behind the mast, 1.1 m behind the front axle, 1.75 m up.
  if (anchor == "seat" || anchor == "cab") {
    return truckToWorld({-1.1, 1.75, 0.0});
  }
  if (anchor == "tool" || anchor == "fork_tips") {
    return forkTips();
  }
  return std::nullopt;
}

std::optional<glm::dquat> Forklift::anchorOrientation(std::string_view anchor) const {
  if (anchor != "seat" && anchor != "cab") {
    return std::nullopt;
  }
  // The heading only: the view turns with the truck but keeps the horizon level on its tyres.
  const glm::dvec3 forward = mWorld.bodyState(mTruck).orientation * glm::dvec3(1.0, 0.0, 0.0);
  return glm::angleAxis(std::atan2(-forward.z, forward.x), glm::dvec3(0.0, 1.0, 0.0));
}

} // namespace skillsim::sim::detail
