#include "machines/industrial_robot/RobotOperator.h"

#include <skillsim/sim/machines/industrial_robot/IndustrialRobotSpec.h>

#include <glm/gtc/quaternion.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <numbers>

namespace skillsim::op {
namespace {

using Kind = PendantAction::Kind;
using sim::robot::JointAngles;
using sim::robot::Pose;

core::Error missing(const scenario::Scenario& s, const std::string& what) {
  return core::makeError(core::ErrorCode::NotFound, "the palletising operator needs " + what,
                         core::SourceLocation{s.scenarioFile.string()});
}

/** Height of an approach point above its pick or place point (m). */
constexpr double kApproach = 0.080;
/** Parts are set down this far above the place's floor, then fall (m). */
constexpr double kSetDownClearance = 0.001;
/** The careless trainee's place points lie this far along the pallet row (base x, m). */
constexpr double kCarelessPlaceError = 0.007;

/** Joint jog at full deflection: PendantSettings::jogJointFraction of each axis's top speed. */
constexpr double kJogJointFraction = 0.1;
/** Linear jog at full deflection (m/s, PendantSettings::jogSpeed). */
constexpr double kJogSpeed = 0.250;
/** Time constant of the jog loop (s): the deflection is error / (rate x this). */
constexpr double kJogTimeConstant = 0.1;
/** Deflections are multiples of this (a steady hand; keeps the trace compact). */
constexpr double kDeflectionStep = 1.0 / 64.0;

constexpr double kJointTolerance = 1e-4;  ///< rad
constexpr double kLinearTolerance = 5e-5; ///< m
constexpr double kTimeout = 120.0;        ///< s: no action takes 2 minutes.
constexpr double kStillTime = 0.1;        ///< s: a WaitStill's least wait and stillness.
constexpr double kEstopHoldTime = 0.25;   ///< s: the emergency stop held down when tested.

/** Whole ticks in `seconds` at `rate` (Hz), at least one. */
int ticksIn(double seconds, std::uint32_t rate) {
  return std::max(1, static_cast<int>(std::lround(seconds * static_cast<double>(rate))));
}

/** The finest deflection the loop uses: above the pendant's 0.01 deadband (TeachPendant.cpp). */
constexpr double kFinestDeflection = 0.0125;

/**
 * A P-controller's deflection for an error: whole steps of kDeflectionStep while one step's travel
 * in a tick (`dt` s) is shorter than the error, then kFinestDeflection. The tolerance widens to 0.6
 * of the finest step's travel a tick where that is wider, so the loop settles at any tick rate (at
 * 30 Hz a step of 1/64 moves a joint 2.3e-4 rad a tick, more than twice kJointTolerance).
 */
float deflection(double error, double ratePerUnit, double tolerance, double dt) {
  if (std::abs(error) <= std::max(tolerance, 0.6 * kFinestDeflection * ratePerUnit * dt)) {
    return 0.0f;
  }
  const double raw = std::clamp(error / (ratePerUnit * kJogTimeConstant), -1.0, 1.0);
  double stepped = std::round(raw / kDeflectionStep) * kDeflectionStep;
  if (std::abs(stepped) * ratePerUnit * dt >= std::abs(error) || stepped == 0.0) {
    stepped = std::copysign(kFinestDeflection, error);
  }
  return static_cast<float>(stepped);
}

PendantAction press(std::string control, std::string label = {}) {
  PendantAction a;
  a.kind = Kind::Press;
  a.control = std::move(control);
  a.label = label.empty() ? "press " + a.control : std::move(label);
  return a;
}

} // namespace

core::Expected<std::vector<PendantAction>> planPalletising(const scenario::Scenario& scenario,
                                                           RobotProfile profile) {
  const sim::IndustrialRobotSpec* robot = sim::industrialRobotOf(scenario.simulation);
  if (robot == nullptr) {
    return missing(scenario, "an industrial robot ([machine] kind = \"industrial_robot\")");
  }
  const sim::robot::ArmKinematics kinematics(robot->arm);
  const Pose base = robot->base.pose();
  auto toBase = [&](const glm::dvec3& world) {
    return glm::conjugate(base.orientation) * (world - base.position);
  };
  // Pick and place points from the rubric's placement criteria, in their order.
  struct Task {
    std::string part;
    glm::dvec3 pick, place; // TCP, base frame (m)
  };
  std::vector<Task> tasks;
  for (const auto& c : scenario.rubric.criteria) {
    const auto* p = std::get_if<assessment::PlacementParams>(&c.params);
    if (p == nullptr) {
      continue;
    }
    const sim::BodySpec* body = nullptr;
    for (const auto& b : scenario.simulation.bodies) {
      body = b.name == p->body ? &b : body;
    }
    const sim::ZoneSpec* zone = nullptr;
    for (const auto& z : scenario.simulation.zones) {
      zone = z.name == p->zone ? &z : zone;
    }
    if (body == nullptr || zone == nullptr) {
      return missing(scenario, "the body '" + p->body + "' and the zone '" + p->zone + "'");
    }
    const glm::dvec3 place{zone->center.x,
                           zone->center.y + body->shape.size.y / 2.0 + kSetDownClearance,
                           zone->center.z};
    tasks.push_back({body->name, toBase(body->position), toBase(place)});
  }
  if (tasks.empty()) {
    return missing(scenario, "placement criteria naming the parts and their places");
  }
  if (profile == RobotProfile::Careless) {
    for (Task& t : tasks) {
      t.place.x += kCarelessPlaceError;
    }
  }

  // The tool points straight down (its z along the base's -z), in configuration 0.
  const glm::dquat down = glm::angleAxis(std::numbers::pi, glm::dvec3(0.0, 1.0, 0.0));
  JointAngles seed = robot->home;
  auto jointsAt = [&](const glm::dvec3& tcp,
                      const std::string& what) -> core::Expected<JointAngles> {
    sim::robot::IkOptions options;
    options.seed = &seed;
    auto q = kinematics.inverse(sim::robot::compose(Pose{tcp, down}, inverse(robot->tool.tcp)),
                                sim::robot::ArmConfiguration{}, options);
    if (!q) {
      return missing(scenario, "a reachable " + what + ": " + sim::robot::describeEn(q.error()));
    }
    seed = *q;
    return *q;
  };

  std::vector<PendantAction> plan;
  auto add = [&](Kind kind, std::string label) -> PendantAction& {
    PendantAction a;
    a.kind = kind;
    a.label = std::move(label);
    plan.push_back(std::move(a));
    return plan.back();
  };
  std::string jogMode;
  auto jogJoints = [&](const JointAngles& q, std::string label) {
    if (jogMode != "jog_joint") {
      plan.push_back(press("jog_joint"));
      jogMode = "jog_joint";
    }
    add(Kind::JogJoints, std::move(label)).joints = q;
  };
  auto jogLinear = [&](const glm::dvec3& p, std::string label) {
    if (jogMode != "jog_base") {
      plan.push_back(press("jog_base"));
      jogMode = "jog_base";
    }
    add(Kind::JogLinear, std::move(label)).point = p;
  };
  const bool careful = profile == RobotProfile::Competent;
  if (careful) { // the emergency stop checked after power-on, before anything moves
    add(Kind::Hold, "test the emergency stop").control = "emergency_stop";
    plan.back().ticks = ticksIn(kEstopHoldTime, scenario.simulation.tickRate);
    plan.push_back(press("reset"));
  }
  plan.push_back(press(careful ? "mode_t1" : "mode_t2"));
  add(Kind::Enable, "hold the enabling device").on = true;
  plan.push_back(press("teach_movej", "teach home"));
  const glm::dvec3 up{0.0, 0.0, kApproach};
  for (const Task& t : tasks) {
    auto abovePick = jointsAt(t.pick + up, "point above " + t.part);
    if (!abovePick) {
      return std::move(abovePick).error();
    }
    jogJoints(*abovePick, "over " + t.part);
    plan.push_back(press("teach_movej"));
    if (auto q = jointsAt(t.pick, "grip point of " + t.part); !q) {
      return std::move(q).error();
    }
    jogLinear(t.pick, "down to " + t.part);
    plan.push_back(press("teach_movel"));
    plan.push_back(press("insert_grip_on"));
    jogLinear(t.pick + up, "up from " + t.part);
    plan.push_back(press("teach_movel"));
    auto abovePlace = jointsAt(t.place + up, "point above the place of " + t.part);
    if (!abovePlace) {
      return std::move(abovePlace).error();
    }
    jogJoints(*abovePlace, "over the place of " + t.part);
    plan.push_back(press("teach_movej"));
    if (auto q = jointsAt(t.place, "place of " + t.part); !q) {
      return std::move(q).error();
    }
    jogLinear(t.place, "down to the place of " + t.part);
    plan.push_back(press("teach_movel"));
    plan.push_back(press("insert_grip_off"));
    jogLinear(t.place + up, "up from the place of " + t.part);
    plan.push_back(press("teach_movel"));
  }
  jogJoints(robot->home, "back home");
  plan.push_back(press("teach_movej", "teach home"));
  // The cursor back to the first row: one press per row above it.
  const std::size_t rows = 2 + 8 * tasks.size();
  for (std::size_t i = 1; i < rows; ++i) {
    plan.push_back(press("cursor_up"));
  }
  const int still = ticksIn(kStillTime, scenario.simulation.tickRate);
  if (careful) { // step the first two rows (home, over the first part) and back, in T1
    plan.push_back(press("step_forward", "step row 1"));
    add(Kind::WaitStill, "row 1 done").ticks = still;
    plan.push_back(press("step_forward", "step row 2"));
    add(Kind::WaitStill, "row 2 done").ticks = still;
    // Back over the rows stepped: to row 2's target (where the arm is), then row 1's (home).
    plan.push_back(press("step_back", "step back to row 2"));
    add(Kind::WaitStill, "back at row 2").ticks = still;
    plan.push_back(press("step_back", "step back to row 1"));
    add(Kind::WaitStill, "back at row 1").ticks = still;
  }
  add(Kind::Enable, "let go of the enabling device").on = false;
  plan.push_back(press("mode_auto"));
  plan.push_back(press("run", "run in automatic"));
  add(Kind::WaitEvent, "the automatic run").control = "program_finished";
  return plan;
}

RobotOperator::RobotOperator(const sim::MachineDecl& machine, Pose base,
                             const sim::robot::ArmGeometry& arm, std::vector<PendantAction> actions,
                             std::uint32_t tickRate)
    : mMachine(machine), mBase(base), mActions(std::move(actions)),
      mStillNeeded(ticksIn(kStillTime, tickRate)), mTimeoutTicks(ticksIn(kTimeout, tickRate)),
      mTickSeconds(1.0 / static_cast<double>(tickRate)) {
  for (std::size_t i = 0; i < 6; ++i) {
    mJointRates[i] = kJogJointFraction * arm.axes[i].maxSpeed;
  }
}

core::Expected<core::ActionState> RobotOperator::act(const OperatorObservation& o) {
  core::ActionState out;
  if (finished()) {
    return out;
  }
  const PendantAction& a = mActions[mNext];
  if (std::getenv("SKILLSIM_OPERATOR_DEBUG")) {
    if (mTicks == 0) {
      std::fprintf(stderr, "%8.3f  %s\n", o.time(), a.label.c_str());
    }
    for (const sim::SimEvent& e : o.events()) {
      std::fprintf(stderr, "%8.3f    event %s %s %s %g\n", o.time(), e.name.c_str(),
                   e.subject.c_str(), e.other.c_str(), e.value);
    }
  }
  const bool done = step(a, o, out);
  if (mFailure) {
    if (std::getenv("SKILLSIM_OPERATOR_DEBUG")) {
      std::fprintf(stderr, "%8.3f  stuck: %s\n", o.time(), mFailure->c_str());
    }
    return out;
  }
  if (auto bit = mMachine.controls.buttonBit("enabling_device"); bit && mEnabling) {
    out.setButton(*bit, true);
  }
  ++mTicks;
  if (done) {
    ++mNext;
    mTicks = 0;
    mStillTicks = 0;
  } else if (mTicks > mTimeoutTicks) {
    mFailure =
        "'" + a.label + "' did not finish in " + std::to_string(static_cast<int>(kTimeout)) + " s";
  }
  return out;
}

bool RobotOperator::step(const PendantAction& a, const OperatorObservation& o,
                         core::ActionState& out) {
  auto metric = [&](const std::string& name) -> double {
    auto v = o.metric(name);
    if (!v) {
      mFailure = "the simulation has no metric '" + name + "'";
      return 0.0;
    }
    return *v;
  };
  auto hold = [&](const std::string& control) {
    auto bit = mMachine.controls.buttonBit(control);
    if (!bit) {
      mFailure = "the machine has no control '" + control + "'";
      return;
    }
    out.setButton(*bit, true);
  };
  auto setAxis = [&](std::size_t i, float v) {
    auto slot = mMachine.controls.axisSlot("jog_" + std::to_string(i + 1));
    if (!slot) {
      mFailure = "the machine has no jog axis " + std::to_string(i + 1);
      return;
    }
    out.setAxis(*slot, v);
  };
  switch (a.kind) {
  case Kind::Press:
    if (mTicks < 2) {
      hold(a.control);
    }
    return mTicks >= 3;
  case Kind::Hold:
    if (mTicks < a.ticks) {
      hold(a.control);
    }
    return mTicks >= a.ticks + 1;
  case Kind::Enable: mEnabling = a.on; return mTicks >= 1;
  case Kind::JogJoints: {
    bool there = true;
    for (std::size_t i = 0; i < 6; ++i) {
      const double error = a.joints[i] - metric("joint_" + std::to_string(i + 1));
      const float d = deflection(error, mJointRates[i], kJointTolerance, mTickSeconds);
      there = there && d == 0.0f;
      setAxis(i, d);
    }
    return there;
  }
  case Kind::JogLinear: {
    const glm::dvec3 world{metric("tcp_x"), metric("tcp_y"), metric("tcp_z")};
    const glm::dvec3 tcp = glm::conjugate(mBase.orientation) * (world - mBase.position);
    bool there = true;
    for (std::size_t i = 0; i < 3; ++i) {
      const float d = deflection(a.point[static_cast<int>(i)] - tcp[static_cast<int>(i)], kJogSpeed,
                                 kLinearTolerance, mTickSeconds);
      there = there && d == 0.0f;
      setAxis(i, d);
    }
    return there;
  }
  case Kind::WaitStill:
    mStillTicks = metric("tcp_speed") == 0.0 ? mStillTicks + 1 : 0;
    return mTicks >= a.ticks && mStillTicks >= mStillNeeded;
  case Kind::WaitEvent:
    for (const sim::SimEvent& e : o.events()) {
      if (e.kind == sim::SimEventKind::Machine && e.name == a.control) {
        return true;
      }
      if (e.kind == sim::SimEventKind::Machine && e.name == "program_fault") {
        mFailure = "the program stopped at row " + std::to_string(static_cast<int>(e.value));
      }
    }
    return false;
  }
  return true;
}

void registerOperators_industrial_robot(OperatorRegistry& registry) {
  for (const auto& [name, profile] : {std::pair{"competent", RobotProfile::Competent},
                                      std::pair{"careless", RobotProfile::Careless}}) {
    registry.add(
        std::string(sim::kIndustrialRobotKind), name,
        [profile](const scenario::Scenario& scenario) -> core::Expected<std::unique_ptr<Operator>> {
          auto plan = planPalletising(scenario, profile);
          if (!plan) {
            return std::move(plan).error();
          }
          const sim::IndustrialRobotSpec& robot = *sim::industrialRobotOf(scenario.simulation);
          return std::unique_ptr<Operator>(
              std::make_unique<RobotOperator>(*scenario.machine, robot.base.pose(), robot.arm,
                                              std::move(*plan), scenario.simulation.tickRate));
        });
  }
}

} // namespace skillsim::op
