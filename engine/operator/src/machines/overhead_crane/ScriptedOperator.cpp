#include "machines/overhead_crane/ScriptedOperator.h"

#include <skillsim/core/Check.h>

#include <algorithm>
#include <cmath>

namespace skillsim::op {
namespace {

using Kind = OperatorGoal::Kind;

/** Fraction of the drive's deceleration the approach profile plans with (margin for lag). */
constexpr double kBrakingMargin = 0.6;
/** Below these the crane counts as stopped (m/s). */
constexpr double kStoppedSpeed = 0.01;
/** A load whose bottom is this close to the ground rests on it (m). */
constexpr double kLanded = 0.02;
/** Rope paid out after landing so the sling goes slack (m). */
constexpr double kSlackAfterLanding = 0.2;
/** Ticks a button is held for Attach / Release. */
constexpr int kPressTicks = 3;
/** How long Attach / Release may take before the goal fails (s). */
constexpr double kButtonTimeout = 1.0;
/** How long the swing must stay below the limit to count as settled (s). */
constexpr double kCalmTime = 2.5;
/** Longest a Travel waits over its target for the swing to settle (s). */
constexpr double kLongestSettle = 8.0;
/** Longest a Travel may take (s). */
constexpr double kTravelTimeout = 180.0;
/** Anti-sway gain: trolley speed per metre of load offset (1/s). */
constexpr double kFollowGain = 0.8;
/** Load offsets below this are not followed (m). */
constexpr double kFollowDeadBand = 0.06;

float notchValue(int notch, int notches) {
  // Exactly what platform::InputMapper produces for a notch.
  return static_cast<float>(notch) / static_cast<float>(notches);
}

int sign(double v) { return (v > 0.0) - (v < 0.0); }

} // namespace

ScriptedOperator::ScriptedOperator(std::vector<OperatorGoal> goals,
                                   const sim::OverheadCraneSpec& crane)
    : mGoals(std::move(goals)), mCrane(crane) {
  for (const auto& g : mGoals) {
    SKILLSIM_CHECK(g.bridgeDirection >= -1 && g.bridgeDirection <= 1,
                   "bridgeDirection is -1, 0 or +1");
  }
}

bool ScriptedOperator::finished() const { return mIndex >= mGoals.size() || mFailure; }

const OperatorGoal* ScriptedOperator::currentGoal() const {
  return finished() ? nullptr : &mGoals[mIndex];
}

int ScriptedOperator::notchFor(double speed, const sim::ControllerSpec& c) {
  const double perNotch = c.maxSpeed / c.notches;
  const auto n = static_cast<int>(std::lround(speed / perNotch));
  return std::clamp(n, -c.notches, c.notches);
}

double ScriptedOperator::approachSpeed(double distance, const sim::ControllerSpec& c, double cap) {
  return std::min(cap, std::sqrt(2.0 * kBrakingMargin * c.acceleration * std::max(distance, 0.0)));
}

void ScriptedOperator::advance(double /*time*/) {
  ++mIndex;
  mGoalStarted = false;
}

bool ScriptedOperator::stopped(const CraneObservation& o) const {
  return std::fabs(o.bridgeSpeed) < kStoppedSpeed && std::fabs(o.trolleySpeed) < kStoppedSpeed &&
         std::fabs(o.hoistSpeed) < kStoppedSpeed;
}

core::ActionState ScriptedOperator::next(const CraneObservation& o) {
  core::ActionState a;
  if (finished()) {
    return a;
  }
  if (!mGoalStarted) {
    mGoalStarted = true;
    mGoalStart = o.time;
    mGoalStarts.emplace_back(mGoals[mIndex].label, o.time);
    mPhaseTicks = 0;
    mCalmSince = -1.0;
    mRehoisted = false;
    mRehoistUntil = -1.0;
    mLandedRope.reset();
    mArrivedAt = -1.0;
  }
  ++mPhaseTicks;
  const OperatorGoal& g = mGoals[mIndex];
  const double elapsed = o.time - mGoalStart;
  int bridge = 0;
  int trolley = 0;
  int hoist = 0;

  // Moves a drive towards a target at least one notch at a time, stopping inside `tolerance`.
  const auto drive = [&](double error, const sim::ControllerSpec& c, double tolerance) {
    if (std::fabs(error) <= tolerance) {
      return 0;
    }
    const double v = approachSpeed(std::fabs(error), c, c.maxSpeed);
    return sign(error) * std::max(1, std::abs(notchFor(v, c)));
  };
  // The load's (or, unloaded, the hook's) offset from below the trolley; none while it rests.
  const bool hanging = o.loadAttached ? o.loadHeight > kLanded : true;
  const glm::dvec2 offset =
      !hanging ? glm::dvec2(0.0)
               : (o.loadAttached ? glm::dvec2(o.loadX - o.trolleyX, o.loadZ - o.trolleyZ)
                                 : glm::dvec2(o.hookX - o.trolleyX, o.hookZ - o.trolleyZ));
  // Travel towards (x, z) while following the load; the bridge kept to its allowed direction.
  const auto travel = [&](double errorX, double errorZ, double tolerance) {
    const auto axis = [&](double error, double follow, const sim::ControllerSpec& c) {
      // One notch is coarse: following a swing smaller than this only keeps it going.
      double v = std::fabs(follow) < kFollowDeadBand ? 0.0 : kFollowGain * follow;
      if (std::fabs(error) > tolerance) {
        const double cap = g.maxNotch > 0 ? c.maxSpeed * g.maxNotch / c.notches : c.maxSpeed;
        v += sign(error) * approachSpeed(std::fabs(error), c, cap);
      }
      int n = notchFor(v, c);
      if (g.maxNotch > 0) {
        n = std::clamp(n, -g.maxNotch, g.maxNotch);
      }
      if (n == 0 && std::fabs(error) > tolerance && sign(v) == sign(error)) {
        n = sign(error); // creep the last centimetres
      }
      return n;
    };
    // A bridge that may not reverse follows the load only when it swings ahead: half the
    // damping, and a little drift onwards, but never a reversal.
    double followX = offset.x;
    if (g.bridgeDirection != 0 && sign(followX) != g.bridgeDirection) {
      followX = 0.0;
    }
    bridge = axis(errorX, followX, mCrane.bridge);
    trolley = axis(errorZ, offset.y, mCrane.trolley);
    if (g.bridgeDirection != 0 && sign(static_cast<double>(bridge)) == -g.bridgeDirection) {
      bridge = 0;
    }
  };

  switch (g.kind) {
  case Kind::Horn:
    if (elapsed < g.seconds) {
      a.setButton(sim::crane_controls::kHorn, true);
      if (!mStartTime) {
        mStartTime = o.time;
      }
    } else {
      advance(o.time);
    }
    break;

  case Kind::Travel: {
    const double ex = g.target.x - o.trolleyX;
    const double ez = g.target.y - o.trolleyZ;
    travel(ex, ez, g.tolerance);
    // A bridge that may not reverse counts an overshoot as arrived.
    const bool xThere =
        std::fabs(ex) <= g.tolerance || (g.bridgeDirection != 0 && sign(ex) == -g.bridgeDirection);
    // Arrived: there, stopped, and the swing calm for 0.5 s (a competent operator lands only a
    // steady load).
    const bool there = xThere && std::fabs(ez) <= g.tolerance;
    if (there && mArrivedAt < 0.0) {
      mArrivedAt = o.time;
    }
    if (there && bridge == 0 && trolley == 0 && stopped(o) && o.swingAngle < g.swingLimit) {
      if (mCalmSince < 0.0) {
        mCalmSince = o.time;
      }
      // Calm for about half a pendulum period, not just while a swing passes through zero.
      if (o.time - mCalmSince >= kCalmTime) {
        advance(o.time);
      }
    } else {
      mCalmSince = -1.0;
    }
    // One notch is too coarse to quieten the last few centimetres of swing: after a while over
    // the target, carry on as it is.
    if (!finished() && mGoalStarted && there && o.time - mArrivedAt > kLongestSettle) {
      advance(o.time);
    }
    if (!finished() && mGoalStarted && elapsed > kTravelTimeout) {
      mFailure = g.label + ": not over the target and steady after " +
                 std::to_string(static_cast<int>(kTravelTimeout)) + " s";
    }
    break;
  }

  case Kind::HoistLoadTo:
    hoist = drive(g.height - o.loadHeight, mCrane.hoist, g.tolerance);
    if (hoist == 0 && std::fabs(o.hoistSpeed) < kStoppedSpeed) {
      advance(o.time);
    }
    break;

  case Kind::HookTo:
    hoist = drive(g.height - o.hookHeight, mCrane.hoist, g.tolerance);
    if (hoist == 0 && std::fabs(o.hoistSpeed) < kStoppedSpeed) {
      advance(o.time);
    }
    break;

  case Kind::LowerToLand: {
    // Lowering only: moving the trolley now would set the hook and load swinging against each
    // other (the double pendulum's fast mode) and land the load tilted.
    if (g.rehoistAt > 0.0 && !mRehoisted && o.loadHeight <= g.rehoistAt) {
      mRehoisted = true;
      mRehoistUntil = o.time + g.seconds;
    }
    if (o.time < mRehoistUntil) {
      hoist = 1; // the careless operator's fault: hoisting up again while setting down
    } else if (!mLandedRope && o.loadHeight > kLanded) {
      hoist = -std::max(
          1, std::abs(notchFor(approachSpeed(o.loadHeight, mCrane.hoist, mCrane.hoist.maxSpeed),
                               mCrane.hoist)));
    } else {
      // Landed: pay out a little more rope so the sling goes slack, then stop.
      if (!mLandedRope) {
        mLandedRope = o.ropeLength;
      }
      if (o.ropeLength < *mLandedRope + kSlackAfterLanding) {
        hoist = -1;
      } else if (std::fabs(o.hoistSpeed) < kStoppedSpeed) {
        advance(o.time);
      }
    }
    break;
  }

  case Kind::Attach:
  case Kind::Release: {
    const bool wantAttached = g.kind == Kind::Attach;
    if (o.loadAttached == wantAttached && mPhaseTicks > kPressTicks) {
      advance(o.time);
    } else if (mPhaseTicks <= kPressTicks) {
      a.setButton(wantAttached ? sim::crane_controls::kAttach : sim::crane_controls::kRelease,
                  true);
    } else if (elapsed > kButtonTimeout) {
      mFailure = g.label + ": the load is " + (o.loadAttached ? "still" : "not") +
                 " on the hook after " + std::to_string(kButtonTimeout) + " s";
    }
    break;
  }

  case Kind::Settle:
    travel(0.0, 0.0, 1.0); // follow the load only
    if (o.swingAngle < g.swingLimit && bridge == 0 && trolley == 0 && stopped(o)) {
      if (mCalmSince < 0.0) {
        mCalmSince = o.time;
      }
      if (o.time - mCalmSince >= 0.5) {
        advance(o.time);
      }
    } else {
      mCalmSince = -1.0;
    }
    if (!finished() && mGoalStarted && elapsed > g.seconds) {
      advance(o.time); // waited long enough; carry on as an examiner's candidate would
    }
    break;

  case Kind::WaitUntil: {
    std::optional<double> from = mStartTime;
    if (!g.since.empty()) {
      from.reset();
      for (const auto& [label, time] : mGoalStarts) {
        if (label == g.since) {
          from = time;
          break;
        }
      }
    }
    if (!from) {
      mFailure = g.label + ": no earlier goal '" + g.since + "' to count from";
    } else if (o.time - *from >= g.seconds) {
      advance(o.time);
    }
    break;
  }
  }

  a.setAxis(sim::crane_controls::kBridgeTravel, notchValue(bridge, mCrane.bridge.notches));
  a.setAxis(sim::crane_controls::kTrolleyTravel, notchValue(trolley, mCrane.trolley.notches));
  a.setAxis(sim::crane_controls::kHoist, notchValue(hoist, mCrane.hoist.notches));
  return a;
}

std::vector<OperatorGoal> planQ2Course(const CourseLayout& layout, OperatorProfile profile) {
  const bool careless = profile == OperatorProfile::Careless;
  std::vector<OperatorGoal> goals;
  const auto add = [&](Kind kind, std::string label) -> OperatorGoal& {
    OperatorGoal g;
    g.kind = kind;
    g.label = std::move(label);
    goals.push_back(std::move(g));
    return goals.back();
  };
  const auto travel = [&](glm::dvec2 to, std::string label) {
    OperatorGoal& t = add(Kind::Travel, std::move(label));
    t.target = to;
    t.tolerance = 0.04;
    t.swingLimit = 0.02; // steady over a landing circle
  };
  const auto setDown = [&](glm::dvec2 at, std::string label) -> OperatorGoal& {
    OperatorGoal& d = add(Kind::LowerToLand, std::move(label));
    d.target = at;
    d.tolerance = 0.02;
    return d;
  };
  const auto lift = [&](double height, std::string label) {
    add(Kind::HoistLoadTo, std::move(label)).height = height;
    add(Kind::Settle, "let the swing settle").seconds = 20.0;
  };

  add(Kind::Horn, "horn: start");
  travel(layout.circleA, "over the load in circle A");
  add(Kind::HookTo, "hook down to the lifting lug").height = layout.lugHeight + 0.1;
  add(Kind::Attach, "attach the load");
  lift(layout.transferHeight, "lift to the transfer height");
  travel(layout.circleB, "travel to circle B");
  {
    OperatorGoal& down = setDown(layout.circleB, "set down in circle B");
    if (careless) {
      down.rehoistAt = 0.5;
      down.seconds = 1.0;
    }
  }
  lift(layout.weaveHeight, "lift to the weave height");
  const auto weave = [&](std::vector<glm::dvec2> path, const std::string& label, bool graze) {
    if (path.empty()) {
      return;
    }
    const int direction = path.back().x >= path.front().x ? 1 : -1;
    if (graze) {
      // The bridge leg that passes the chosen pile runs too close to it.
      for (std::size_t i = 1; i < path.size(); ++i) {
        const double lo = std::min(path[i - 1].x, path[i].x);
        const double hi = std::max(path[i - 1].x, path[i].x);
        if (path[i - 1].y == path[i].y && lo < layout.pileToTouch.x && layout.pileToTouch.x < hi) {
          const double side = path[i].y >= layout.pileToTouch.y ? 1.0 : -1.0;
          path[i - 1].y = path[i].y = layout.pileToTouch.y + side * layout.touchOffset;
          break;
        }
      }
    }
    for (std::size_t i = 0; i < path.size(); ++i) {
      const std::string step =
          i == 0 ? "to the start of the " + label
                 : label + " (" + std::to_string(i) + "/" + std::to_string(path.size() - 1) + ")";
      OperatorGoal& t = add(Kind::Travel, step);
      t.target = path[i];
      t.maxNotch = 2;                // slowly between the piles: little swing to settle
      t.swingLimit = 0.05;           // steady enough to pass a pile 0.5 m away
      t.bridgeDirection = direction; // the bridge may not reverse in the weave (EXAMS.md, Q2)
    }
  };
  weave(layout.weavePath, "weave between the piles", careless);
  weave(layout.weaveBackPath, "weave back", false);
  {
    // The weave lasts until the load is in circle C: no reversing until it is well inside; then
    // the precise approach may move either way.
    const auto& last = layout.weaveBackPath.empty() ? layout.weavePath : layout.weaveBackPath;
    OperatorGoal& intoC = add(Kind::Travel, "into circle C");
    intoC.target = layout.circleC;
    intoC.tolerance = 0.25;
    intoC.swingLimit = 1.0; // no need to be steady yet
    intoC.maxNotch = 1;     // the set-down's swing rule applies from the circle's edge
    if (last.size() >= 2) {
      intoC.bridgeDirection = last.back().x >= last.front().x ? 1 : -1;
    }
    travel(layout.circleC, "travel to circle C");
  }
  setDown(layout.circleC, "set down in circle C");
  const std::string liftBack = "lift back to the return height";
  lift(layout.returnHeight, liftBack);
  for (std::size_t i = 0; i < layout.returnPath.size(); ++i) {
    OperatorGoal& t = add(Kind::Travel, "return path (" + std::to_string(i + 1) + "/" +
                                            std::to_string(layout.returnPath.size()) + ")");
    t.target = layout.returnPath[i];
    t.swingLimit = 0.03; // only clear of the frames, not landing
  }
  travel(layout.circleA, "return to circle A");
  if (careless) {
    // Dawdling over circle A, load still up: the frames task runs past its target time. (Standing
    // still after the set-down instead would be a missing horn once the grace runs out.)
    OperatorGoal& w = add(Kind::WaitUntil, "dawdle past the target time");
    w.seconds = layout.targetTime + layout.overrun;
    w.since = liftBack;
  }
  setDown(layout.circleA, "set down in circle A");
  add(Kind::Release, "release the load");
  add(Kind::Horn, "horn: end");
  return goals;
}

} // namespace skillsim::op
