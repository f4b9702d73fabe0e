#pragma once

#include <glm/vec2.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace skillsim::op {

/**
 * One step of a scripted crane operator's plan. Positions are world (x, z) in m, heights in m
 * above ground, times in s. Each kind says what the operator does and when the step is done.
 */
struct OperatorGoal {
  enum class Kind : std::uint8_t {
    Horn,        ///< Hold the horn for `seconds`, then let go. Done when released.
    Travel,      ///< Bring the trolley over `target`, hoist held, damping the swing on the way
                 ///< (the trolley follows the load). Done there and stopped.
    HoistLoadTo, ///< Raise or lower the load's bottom to `height`. Done there, hoist stopped.
    LowerToLand, ///< Lower the load until it rests on the ground (never hoisting up, unless
                 ///< `rehoistAt` > 0: then once, at that height, hoist up for `seconds`: the
                 ///< careless operator's fault). Done landed, hoist stopped.
    HookTo,      ///< Raise or lower the (unloaded) hook's bottom to `height`. Done there.
    Attach,      ///< Press Attach. Done when the load is on the hook (fails after 1 s).
    Release,     ///< Press Release. Done when the load is off the hook (fails after 1 s).
    Settle,      ///< Follow the load with the trolley until the swing stays below `swingLimit`
                 ///< for 0.5 s (at most `seconds`).
    WaitUntil,   ///< Wait until `seconds` after the goal labelled `since` began (empty: after
                 ///< the first horn).
  };

  Kind kind = Kind::Horn;
  std::string label;      ///< For logs and tests, e.g. "travel to circle B".
  glm::dvec2 target{0.0}; ///< Travel / LowerToLand: (x, z).
  /** Travel / Settle: +1 or -1 = the bridge may move only that way (a weave); 0 = either. */
  int bridgeDirection = 0;
  /** Travel: highest notch used (0 = the top notch). */
  int maxNotch = 0;
  double height = 0.0;      ///< HoistLoadTo / HookTo.
  double seconds = 0.5;     ///< Horn hold; Settle timeout; WaitUntil; re-hoist duration.
  double swingLimit = 0.02; ///< Travel / Settle (rad).
  double rehoistAt = 0.0;   ///< LowerToLand: 0 = never re-hoist.
  double tolerance = 0.05;  ///< Travel (m, each axis) / hoisting (m).
  std::string since;        ///< WaitUntil: label of an earlier goal; empty = first horn.
};

} // namespace skillsim::op
