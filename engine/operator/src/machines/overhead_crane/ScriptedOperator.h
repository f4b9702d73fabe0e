#pragma once

#include "machines/overhead_crane/CraneObservation.h"
#include "machines/overhead_crane/OperatorGoal.h"

#include <skillsim/core/ActionState.h>
#include <skillsim/sim/SimulationSpec.h>
#include <skillsim/sim/machines/overhead_crane/OverheadCraneSpec.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace skillsim::op {

/**
 * A deterministic crane operator for producing reference traces (issue 7 point 6). It drives the
 * crane only through ActionState, exactly as a trainee's keyboard or gamepad does through
 * platform::InputMapper: every axis value is a notch fraction notch / notchCount. Each tick it
 * reads a CraneObservation and works through its goals in order (OperatorGoal says when each is
 * done). Travel uses the braking-distance speed profile v = min(vmax, sqrt(2 a d)) (the ideal
 * stop of a rate-limited drive) plus the operator's classic anti-sway move, following the load:
 * a trolley speed proportional to the load's offset from below the trolley, which damps the
 * pendulum (for x'' = -(g/L) x - v', v = k x gives damping ratio k / (2 sqrt(g/L))); the sum is
 * rounded to a notch. Pure: the same observations give the same actions.
 */
class ScriptedOperator {
public:
  /** `crane` gives notch counts, top speeds and accelerations (the scenario's crane spec). */
  ScriptedOperator(std::vector<OperatorGoal> goals, const sim::OverheadCraneSpec& crane);

  /** This tick's controls; after the last goal, all neutral. */
  core::ActionState next(const CraneObservation& observation);

  /** True when every goal is done (or one failed: see failure()). */
  [[nodiscard]] bool finished() const;
  /** Why a goal could not be done (an Attach with no load in reach, a Settle that timed out). */
  [[nodiscard]] const std::optional<std::string>& failure() const { return mFailure; }
  /** The goal being worked on, or null when finished. */
  [[nodiscard]] const OperatorGoal* currentGoal() const;
  [[nodiscard]] std::size_t goalIndex() const { return mIndex; }
  /** Time (s) of the first horn, once sounded. */
  [[nodiscard]] std::optional<double> startTime() const { return mStartTime; }

private:
  /** Signed notch for a wanted speed, rounded, within ±notches. */
  static int notchFor(double speed, const sim::ControllerSpec& c);
  /** Speed that stops in `distance` at the controller's deceleration, capped at `cap`. */
  static double approachSpeed(double distance, const sim::ControllerSpec& c, double cap);
  void advance(double time);
  bool stopped(const CraneObservation& o) const;

  std::vector<OperatorGoal> mGoals;
  sim::OverheadCraneSpec mCrane;
  std::size_t mIndex = 0;
  double mGoalStart = 0.0;
  bool mGoalStarted = false;
  int mPhaseTicks = 0; ///< Ticks spent in the current goal.
  double mCalmSince = -1.0;
  double mArrivedAt = -1.0; ///< Travel: when the trolley first reached the target (s).
  bool mRehoisted = false;
  double mRehoistUntil = -1.0;
  std::optional<double> mStartTime;
  std::optional<std::string> mFailure;
  std::vector<std::pair<std::string, double>> mGoalStarts; ///< Label and start time (s).
  std::optional<double> mLandedRope; ///< LowerToLand: rope paid out when the load landed (m).
};

/** Where the Q2 course's landmarks are, and the heights and target time the plan aims for. */
struct CourseLayout {
  glm::dvec2 circleA{0.0}; ///< Centre (x, z), where the load starts and ends.
  glm::dvec2 circleB{0.0};
  glm::dvec2 circleC{0.0};
  double lugHeight = 0.0;   ///< Lifting lug above ground with the load set down (m).
  double slingLength = 1.0; ///< OverheadCraneSpec::slingLength (m).
  /**
   * Stops between the piles, forward pass: (x, z) points with x never decreasing, each reached
   * by moving one drive (bridge legs pass beside a pile, trolley legs cross between piles).
   */
  std::vector<glm::dvec2> weavePath;
  std::vector<glm::dvec2> weaveBackPath; ///< The pass back (x never increasing); may be empty.
  glm::dvec2 pileToTouch{0.0};           ///< Careless: the pile whose side the weave grazes.
  /** Careless: distance from that pile's centre at which the load passes (m, < its clearance). */
  double touchOffset = 0.4;
  /**
   * Stops on the way back from circle C to A (e.g. through the frames), x monotonic; each stop
   * reached by moving one drive. Empty: straight back.
   */
  std::vector<glm::dvec2> returnPath;
  double transferHeight = 3.0; ///< Load bottom from A to B (EXAMS.md, Q2 step 2: 2-4 m).
  double weaveHeight = 0.75;   ///< Middle of the 0.5-1 m band (EXAMS.md, Q2 step 3).
  double returnHeight = 3.0;   ///< Load bottom from C back to A (2-4 m, under the frames).
  /**
   * The optimum time T (s) of the last task, timed from the lift out of circle C to the final
   * horn; the careless operator overruns it.
   */
  double targetTime = 150.0;
  double overrun = 30.0; ///< Careless: dawdles over A until this long past T (from the lift).
};

/** How the scripted operator behaves: a competent candidate or a careless one. */
enum class OperatorProfile : std::uint8_t {
  Competent, ///< Stays in the height bands, sets down without re-hoisting, clear of piles, in time.
  Careless,  ///< Touches a pile in the weave, re-hoists while setting down in B, runs past T.
};

/**
 * The Q2 practical's lifting part (EXAMS.md) as goals: horn; hook down to the load in A; attach;
 * lift to the transfer height; travel to B; set down; lift to the weave height; weave past the
 * piles (forward, then back when weaveBackPath is given); travel to C; set down; lift to the
 * return height; back along the return path to A; set down; release; horn.
 */
[[nodiscard]] std::vector<OperatorGoal> planQ2Course(const CourseLayout& layout,
                                                     OperatorProfile profile);

} // namespace skillsim::op
