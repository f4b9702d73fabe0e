#include "OverheadCrane.h"

#include <skillsim/physics/World.h>

#include <glm/gtc/matrix_transform.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace skillsim::sim::detail {

namespace {

/** Low-pass time constant of the load cell (s): long enough to average swing and bounce. */
constexpr double kLoadCellTimeConstant = 0.5;
/** A sling carrying more than this share of its load's weight holds the load in the air. */
constexpr double kHangingShare = 0.5;
/**
 * A snatch ends once the hoist rope's tension has stayed under the threshold this long (s): the
 * rope's bounce after one jerk (period 0.2-0.5 s) is one snatch, not several.
 */
constexpr double kSnatchSettle = 1.0;
/** Half the hook block's height (m): the part of each rope inside the block. */
constexpr double kHookHalf = 0.5 * OverheadCrane::kHookHeight;

bool pressed(std::uint32_t buttons, CraneButton b) {
  return ((buttons >> static_cast<unsigned>(b)) & 1u) != 0;
}

bool held(const core::ActionState& actions, CraneButton b) {
  return actions.button(static_cast<std::size_t>(b));
}

float axis(const core::ActionState& actions, CraneAxis a) {
  return actions.axis(static_cast<std::size_t>(a));
}

SimEvent event(std::uint64_t tick, SimEventKind kind, std::string subject, double value = 0.0) {
  SimEvent e;
  e.tick = tick;
  e.kind = kind;
  e.subject = std::move(subject);
  e.value = value;
  return e;
}

} // namespace

OverheadCrane::OverheadCrane(const OverheadCraneSpec& spec, physics::World& world,
                             std::vector<LoadInfo> loads, double gravity, double timeStep)
    : mSpec(spec), mWorld(world), mLoads(std::move(loads)), mGravity(gravity), mTimeStep(timeStep),
      mBridge(spec.bridge, 0.0, spec.runwayLength, spec.initialBridge),
      mTrolleyDrive(spec.trolley, 0.0, spec.span, spec.initialTrolley),
      mHoist(spec.hoist, -spec.maxRopeLength, -spec.minRopeLength, -spec.initialRopeLength) {
  physics::BodyDesc trolley;
  trolley.name = "crane.trolley";
  trolley.tags = {"crane", "trolley"};
  trolley.shape.size = {kTrolleyWidth, kTrolleyHeight, kTrolleyWidth};
  trolley.motion = physics::Motion::Kinematic;
  trolley.position = sheave() + glm::dvec3(0.0, 0.5 * kTrolleyHeight, 0.0);
  trolley.collides = false; // the rope anchor; the hook's upper limit keeps them apart
  mTrolley = mWorld.addBody(trolley).value();

  physics::BodyDesc hook;
  hook.name = "crane.hook";
  hook.tags = {"hook"};
  hook.shape.size = {kHookWidth, kHookHeight, kHookWidth};
  hook.motion = physics::Motion::Dynamic;
  hook.mass = spec.hookMass;
  hook.friction = 0.6;
  hook.position = sheave() - glm::dvec3(0.0, spec.initialRopeLength + 0.5 * kHookHeight, 0.0);
  // The ropes act through the block's centre and the block stays upright (issue 13 point 6):
  // with the hoist rope on its top face and the sling on its bottom face, its tilt was a mode of
  // sqrt(T r / I) = 400-600 rad/s when a 5 t load is whipped about (T = 0.3-0.9 MN, r = 0.2 m,
  // I = 1 kg m^2), beyond what the 1/240 s step resolves (w h > 2, the rope directions' change
  // being explicit), and it spun the block to 500 rad/s. The crane-dynamics double pendulum
  // treats the hook block as a point mass between the ropes (Abdel-Rahman, Nayfeh, Masoud 2003),
  // which this is; each rope is longer by the half block (kHookHalf) inside it, so the pendulum
  // is as long as before and the rope metrics still measure to the block's faces.
  hook.rotates = false;
  mHook = mWorld.addBody(hook).value();

  physics::RopeDesc rope;
  rope.bodyA = mTrolley;
  rope.anchorA = {0.0, -0.5 * kTrolleyHeight, 0.0};
  rope.bodyB = mHook;
  rope.anchorB = {0.0, 0.0, 0.0};
  rope.length = spec.initialRopeLength + kHookHalf;
  rope.axialRigidity = spec.axialRigidity(spec.hoistRopeDiameter);
  rope.falls = spec.hoistRopeFalls;
  mHoistRope = mWorld.addRope(rope).value();
}

glm::dvec3 OverheadCrane::sheave() const {
  return mSpec.runwayOrigin +
         glm::dvec3(mBridge.position(), mSpec.liftHeight, mTrolleyDrive.position());
}

glm::dvec3 OverheadCrane::bridgePoint() const {
  return mSpec.runwayOrigin + glm::dvec3(mBridge.position(), mSpec.liftHeight, 0.0);
}

glm::dvec3 OverheadCrane::hookPoint() const {
  return mWorld.toWorld(mHook, {0.0, -0.5 * kHookHeight, 0.0});
}

const LoadInfo* OverheadCrane::currentLoad() const {
  if (mAttached) {
    return &mLoads[*mAttached];
  }
  if (mLastLoad) {
    return &mLoads[*mLastLoad];
  }
  return mLoads.empty() ? nullptr : &mLoads.front();
}

void OverheadCrane::addMetrics(Metrics& m) {
  mMetric.swing = m.add("load_swing_angle");
  mMetric.loadHeight = m.add("load_height");
  mMetric.hookHeight = m.add("hook_height");
  mMetric.bridgeSpeed = m.add("bridge_speed");
  mMetric.trolleySpeed = m.add("trolley_speed");
  mMetric.hoistSpeed = m.add("hoist_speed");
  mMetric.loadX = m.add("load_x");
  mMetric.loadZ = m.add("load_z");
  mMetric.ropeLength = m.add("rope_length", mSpec.initialRopeLength);
  mMetric.hoistedMass = m.add("hoisted_mass");
  mMetric.bridgePosition = m.add("bridge_position", mSpec.initialBridge);
  mMetric.trolleyPosition = m.add("trolley_position", mSpec.initialTrolley);
  mMetric.hookX = m.add("hook_x");
  mMetric.hookZ = m.add("hook_z");
  mMetric.ropeSpan = m.add("rope_span");
  mMetric.ropeStretch = m.add("rope_stretch");
  mMetric.ropeTension = m.add("rope_tension");
  mMetric.slingTension = m.add("sling_tension");
  mMetric.slingSpan = m.add("sling_span");
  mMetric.loadY = m.add("load_y");
  mMetric.loadSpeed = m.add("load_speed");
  mMetric.loadAttached = m.add("load_attached");
  mMetric.emergencyStop = m.add("emergency_stop");
  mMetric.overload = m.add("overload");
}

void OverheadCrane::beforeStep(const StepInput& input, std::vector<SimEvent>& events) {
  const core::ActionState& actions = input.actions;
  const std::uint32_t pressedNow = input.pressed;
  const std::uint64_t tick = input.tick;
  if (pressed(pressedNow, CraneButton::Horn)) {
    events.push_back(SimEvent::machine(tick, "horn", "horn"));
  }
  if (pressed(pressedNow, CraneButton::EmergencyStop)) {
    events.push_back(SimEvent::machine(tick, "emergency_stop", "emergency_stop"));
  }
  // Emergency stop: latches on press; released only with the button up and all notches at 0.
  const bool stopHeld = held(actions, CraneButton::EmergencyStop);
  if (pressed(pressedNow, CraneButton::EmergencyStop)) {
    mEmergencyStop = true;
  }
  struct Drive {
    NotchedController* controller;
    CraneAxis axis;
    const char* name;
  };
  const Drive drives[] = {{&mBridge, CraneAxis::BridgeTravel, "bridge"},
                          {&mTrolleyDrive, CraneAxis::TrolleyTravel, "trolley"},
                          {&mHoist, CraneAxis::Hoist, "hoist"}};
  bool allNeutral = true;
  for (const Drive& d : drives) {
    if (d.controller->select(axis(actions, d.axis))) {
      events.push_back(
          event(tick, SimEventKind::ControlChanged, d.name, d.controller->notchFraction()));
    }
    allNeutral = allNeutral && d.controller->notch() == 0;
  }
  if (mEmergencyStop && !stopHeld && allNeutral) {
    mEmergencyStop = false;
  }
  mBridge.update(mTimeStep, mEmergencyStop, false);
  mTrolleyDrive.update(mTimeStep, mEmergencyStop, false);
  if (mSlipSpeed > 0.0 && !mEmergencyStop && mHoist.notch() != 0) {
    // The drive switched on again takes the slipping drum at its speed (then follows the notch).
    mHoist.setMotion(mHoist.position(), -mSlipSpeed);
    mSlipSpeed = 0.0;
  }
  mHoist.update(mTimeStep, mEmergencyStop, mOverload);
  if (mBrakeFade) {
    slipBrake();
  }
  if (mUpperLimitFailed) {
    watchMechanicalEnd(tick, events);
  }

  mWorld.setKinematicPose(mTrolley, sheave() + glm::dvec3(0.0, 0.5 * kTrolleyHeight, 0.0),
                          glm::dquat(1.0, 0.0, 0.0, 0.0));
  mWorld.setRopeLength(mHoistRope, -mHoist.position() + kHookHalf);

  if (pressed(pressedNow, CraneButton::Attach)) {
    attach(tick, events);
  }
  if (pressed(pressedNow, CraneButton::Release)) {
    release(tick, events);
  }
}

void OverheadCrane::beginFault(std::string_view id, const FaultParams& params) {
  if (id == kBrakeFadeFault) {
    mBrakeFade = BrakeFade{params.at("holding_fraction"), params.at("fade_s"), 0};
  } else if (id == kUpperLimitFault) {
    mUpperLimitFailed = true;
    // No upper limit switch: neither the slow-down nor the stop acts; the hoist runs on at its
    // speed to the mechanical end (watchMechanicalEnd).
    mHoist.setTravel(mHoist.minPosition(), std::numeric_limits<double>::max());
  }
}

double OverheadCrane::brakeHolding() const {
  const double t = static_cast<double>(mBrakeFade->ticks) * mTimeStep;
  const double faded = mBrakeFade->fadeTime > 0.0 ? std::min(t / mBrakeFade->fadeTime, 1.0) : 1.0;
  const double fraction = 1.0 - (1.0 - mBrakeFade->holdingFraction) * faded;
  return fraction * mSpec.hoistBrakeFactor * (mSpec.ratedLoad + mSpec.hookMass) * mGravity;
}

void OverheadCrane::slipBrake() {
  ++mBrakeFade->ticks;
  // The brake is set while the drive is off (neutral or the emergency stop) and at rest.
  const bool braked = (mEmergencyStop || mHoist.notch() == 0) && mHoist.speed() == 0.0;
  if (!braked) {
    mSlipSpeed = 0.0;
    return;
  }
  const double holding = brakeHolding();
  const double tension = mWorld.ropeTension(mHoistRope); // the last step's, all falls
  if (mSlipSpeed == 0.0 && tension <= holding) {
    return; // static friction: the brake holds
  }
  // Sliding friction: the brake's force against the rope's pull, on the drive's mass at the hook
  // (the rope's own pull moves the load; its acceleration reaches the drum through the tension).
  mSlipSpeed += mTimeStep * (tension - holding) / mSpec.hoistDriveMass;
  if (mSlipSpeed <= 0.0) {
    mSlipSpeed = 0.0; // stopped on the brake: it holds again
    return;
  }
  mHoist.setMotion(mHoist.position() - mSlipSpeed * mTimeStep, 0.0);
  if (mHoist.position() <= mHoist.minPosition()) {
    mSlipSpeed = 0.0; // all the rope is off the drum: the lower limit's end
  }
}

void OverheadCrane::watchMechanicalEnd(std::uint64_t tick, std::vector<SimEvent>& events) {
  const double end = -kTwoBlockRope;
  const bool atEnd = mHoist.position() >= end;
  if (atEnd) {
    if (!mTwoBlocked) {
      // The block hits the trolley: the event's value is the hoisting speed it hit at (m/s).
      SimEvent e = SimEvent::machine(tick, "two_blocking", "hook", std::max(mHoist.speed(), 0.0));
      e.subjectBody = "crane.hook";
      e.position = sheave();
      events.push_back(std::move(e));
    }
    // The motor stalls against it (its overload protection trips): the hoist stops there.
    mHoist.setMotion(end, std::min(mHoist.speed(), 0.0));
  }
  mTwoBlocked = atEnd;
}

void OverheadCrane::attach(std::uint64_t tick, std::vector<SimEvent>& events) {
  if (mAttached) {
    return;
  }
  const glm::dvec3 hookAt = hookPoint();
  std::optional<std::size_t> best;
  double bestDistance = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < mLoads.size(); ++i) {
    const double d = glm::length(mWorld.toWorld(mLoads[i].body, mLoads[i].lug) - hookAt);
    if (d <= mSpec.attachTolerance && d < bestDistance) {
      best = i;
      bestDistance = d;
    }
  }
  if (!best) {
    // Tell the trainee why: the nearest lug and the reach allowed (none without loads).
    std::optional<std::size_t> nearest;
    double nearestDistance = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i < mLoads.size(); ++i) {
      const double d = glm::length(mWorld.toWorld(mLoads[i].body, mLoads[i].lug) - hookAt);
      if (d < nearestDistance) {
        nearest = i;
        nearestDistance = d;
      }
    }
    if (nearest) {
      const LoadInfo& load = mLoads[*nearest];
      SimEvent e = SimEvent::machine(tick, "attach_refused", load.tag, nearestDistance);
      e.limit = mSpec.attachTolerance;
      e.subjectBody = load.name;
      e.position = hookAt;
      events.push_back(std::move(e));
    }
    return;
  }
  const LoadInfo& load = mLoads[*best];
  physics::RopeDesc sling;
  sling.bodyA = mHook;
  sling.anchorA = {0.0, 0.0, 0.0};
  sling.bodyB = load.body;
  sling.anchorB = load.lug;
  sling.length = mSpec.slingLength + kHookHalf;
  sling.axialRigidity = mSpec.axialRigidity(mSpec.slingDiameter);
  mSling = mWorld.addRope(sling).value();
  mAttached = best;
  mLastLoad = best;
  mFilteredSlingTension = 0.0;
  SimEvent e = SimEvent::machine(tick, "load_attached", load.tag);
  e.subjectBody = load.name;
  e.position = mWorld.toWorld(load.body, load.lug);
  events.push_back(std::move(e));
}

void OverheadCrane::release(std::uint64_t tick, std::vector<SimEvent>& events) {
  if (!mAttached || !mSling) {
    return;
  }
  const LoadInfo& load = mLoads[*mAttached];
  const bool hanging = mWorld.ropeTension(*mSling) > kHangingShare * load.mass * mGravity;
  finishSnatch(tick, events);
  mWorld.removeRope(*mSling);
  mSling.reset();
  mAttached.reset();
  mFilteredSlingTension = 0.0;
  SimEvent e = SimEvent::machine(tick, "load_released", load.tag);
  e.subjectBody = load.name;
  e.position = mWorld.toWorld(load.body, load.lug);
  events.push_back(e);
  if (hanging) {
    e.name = "load_dropped";
    e.value = mWorld.bounds(load.body).first.y - mSpec.runwayOrigin.y;
    events.push_back(std::move(e));
  }
}

void OverheadCrane::afterStep(std::uint64_t tick, std::vector<SimEvent>& events) {
  double mass = 0.0;
  if (mAttached && mSling) {
    const LoadInfo& load = mLoads[*mAttached];
    const double alpha = mTimeStep / (kLoadCellTimeConstant + mTimeStep);
    mFilteredSlingTension += alpha * (mWorld.ropeTension(*mSling) - mFilteredSlingTension);
    const double share = std::clamp(mFilteredSlingTension / (load.mass * mGravity), 0.0, 1.0);
    mass = load.mass * share;
  }
  mHoistedMass = mass;
  const bool overload = mHoistedMass > mSpec.ratedLoad;
  if (overload && !mOverload) {
    const LoadInfo& load = mLoads[*mAttached];
    SimEvent e = SimEvent::machine(tick, "overload", load.tag, mHoistedMass);
    e.subjectBody = load.name;
    e.position = mWorld.bodyState(load.body).position;
    events.push_back(std::move(e));
  }
  mOverload = overload;
  watchSnatch(tick, events);
}

void OverheadCrane::watchSnatch(std::uint64_t tick, std::vector<SimEvent>& events) {
  if (!mAttached) {
    return;
  }
  const LoadInfo& load = mLoads[*mAttached];
  const double weight = (load.mass + mSpec.hookMass) * mGravity;
  const double tension = mWorld.ropeTension(mHoistRope);
  if (tension > mSpec.snatchThreshold() * weight) {
    if (!mSnatch || tension > mSnatch->peak) {
      mSnatch = Snatch{tension, mWorld.bodyState(load.body).position, 0};
    }
    mSnatch->quietTicks = 0;
    return;
  }
  if (mSnatch && ++mSnatch->quietTicks * mTimeStep >= kSnatchSettle) {
    finishSnatch(tick, events);
  }
}

void OverheadCrane::finishSnatch(std::uint64_t tick, std::vector<SimEvent>& events) {
  if (!mSnatch || !mAttached) {
    mSnatch.reset();
    return;
  }
  const LoadInfo& load = mLoads[*mAttached];
  SimEvent e = SimEvent::machine(tick, "snatch_load", load.tag, mSnatch->peak);
  e.subjectBody = load.name;
  e.position = mSnatch->position;
  events.push_back(std::move(e));
  mSnatch.reset();
}

void OverheadCrane::writeMetrics(Metrics& m) const {
  constexpr double groundY = 0.0;
  const glm::dvec3 top = sheave();
  const LoadInfo* load = currentLoad();
  const glm::dvec3 hookCentre = mWorld.bodyState(mHook).position;
  // The load swings while it hangs on the sling; otherwise the hook block is what swings.
  const bool hanging =
      mAttached && mSling && mWorld.ropeTension(*mSling) > kHangingShare * load->mass * mGravity;
  const glm::dvec3 swingEnd = hanging ? mWorld.bodyState(load->body).position : hookCentre;
  const glm::dvec3 d = swingEnd - top;
  m.set(mMetric.swing, std::atan2(std::hypot(d.x, d.z), -d.y));
  const glm::dvec3 hookAt = hookPoint();
  m.set(mMetric.hookHeight, hookAt.y - groundY);
  m.set(mMetric.hookX, hookAt.x);
  m.set(mMetric.hookZ, hookAt.z);
  if (load != nullptr) {
    const physics::BodyState s = mWorld.bodyState(load->body);
    m.set(mMetric.loadHeight, mWorld.bounds(load->body).first.y - groundY);
    m.set(mMetric.loadX, s.position.x);
    m.set(mMetric.loadY, s.position.y);
    m.set(mMetric.loadZ, s.position.z);
    m.set(mMetric.loadSpeed, glm::length(s.linearVelocity));
  }
  m.set(mMetric.bridgeSpeed, mBridge.speed());
  m.set(mMetric.trolleySpeed, mTrolleyDrive.speed());
  m.set(mMetric.hoistSpeed, mHoist.speed() - mSlipSpeed);
  m.set(mMetric.bridgePosition, mBridge.position());
  m.set(mMetric.trolleyPosition, mTrolleyDrive.position());
  const double length = -mHoist.position();
  const double span = mWorld.ropeSpan(mHoistRope) - kHookHalf; // to the block's top face
  m.set(mMetric.ropeLength, length);
  m.set(mMetric.ropeSpan, span);
  m.set(mMetric.ropeStretch, std::max(span - length, 0.0));
  m.set(mMetric.ropeTension, mWorld.ropeTension(mHoistRope));
  m.set(mMetric.slingTension, mSling ? mWorld.ropeTension(*mSling) : 0.0);
  m.set(mMetric.slingSpan, mSling ? mWorld.ropeSpan(*mSling) - kHookHalf : 0.0);
  m.set(mMetric.hoistedMass, mHoistedMass);
  m.set(mMetric.loadAttached, mAttached ? 1.0 : 0.0);
  m.set(mMetric.emergencyStop, mEmergencyStop ? 1.0 : 0.0);
  m.set(mMetric.overload, mOverload ? 1.0 : 0.0);
}

void OverheadCrane::hash(core::Hasher& h) const {
  for (const NotchedController* c : {&mBridge, &mTrolleyDrive, &mHoist}) {
    h.update(c->position());
    h.update(c->speed());
    h.update(static_cast<std::uint64_t>(static_cast<std::int64_t>(c->notch())));
  }
  h.update(static_cast<std::uint64_t>(mAttached ? *mAttached + 1 : 0));
  h.update(mFilteredSlingTension);
  h.update(mHoistedMass);
  h.update(static_cast<std::uint64_t>((mEmergencyStop ? 1u : 0u) | (mOverload ? 2u : 0u)));
  h.update(static_cast<std::uint64_t>(mSnatch ? mSnatch->quietTicks + 1 : 0));
  h.update(mSnatch ? mSnatch->peak : 0.0);
  // Faults only once begun, so a run without one hashes as before they existed.
  if (mBrakeFade) {
    h.update(mBrakeFade->holdingFraction);
    h.update(mBrakeFade->fadeTime);
    h.update(mBrakeFade->ticks);
    h.update(mSlipSpeed);
  }
  if (mUpperLimitFailed) {
    h.update(static_cast<std::uint64_t>(mTwoBlocked ? 3u : 2u));
  }
}

std::vector<std::pair<glm::dvec3, glm::dvec3>> OverheadCrane::ropeSegments() const {
  std::vector<std::pair<glm::dvec3, glm::dvec3>> segments;
  // Drawn to the block's faces (the physics ropes end at its centre).
  segments.emplace_back(mWorld.ropeAnchors(mHoistRope).first,
                        mWorld.toWorld(mHook, {0.0, kHookHalf, 0.0}));
  if (mSling) {
    segments.emplace_back(hookPoint(), mWorld.ropeAnchors(*mSling).second);
  }
  return segments;
}

// buildScene and fillScene: OverheadCraneScene.cpp.

std::optional<glm::dvec3> OverheadCrane::bodyPosition(std::string_view name) const {
  if (name == "crane.bridge") {
    return bridgePoint();
  }
  if (auto id = body(name)) {
    return mWorld.bodyState(*id).position;
  }
  return std::nullopt;
}

std::optional<core::BodyId> OverheadCrane::body(std::string_view name) const {
  if (name == "crane.hook") {
    return mHook;
  }
  if (name == "crane.trolley") {
    return mTrolley;
  }
  return std::nullopt;
}

std::optional<glm::dvec3> OverheadCrane::anchorPoint(std::string_view anchor) const {
  if (anchor == "cab") {
    return bridgePoint() - glm::dvec3(0.0, mSpec.liftHeight, 0.0);
  }
  if (anchor == "tool") {
    return hookPoint();
  }
  if (anchor == "load") {
    // The training aids' point: the bottom of the load hanging on the hook, else the hook.
    if (mAttached) {
      const LoadInfo& load = mLoads[*mAttached];
      const glm::dvec3 centre = mWorld.bodyState(load.body).position;
      return glm::dvec3(centre.x, mWorld.bounds(load.body).first.y, centre.z);
    }
    return hookPoint();
  }
  return std::nullopt;
}

} // namespace skillsim::sim::detail
