#pragma once

#include <skillsim/core/ActionState.h>
#include <skillsim/core/Expected.h>
#include <skillsim/operator/Operator.h>
#include <skillsim/operator/OperatorRegistry.h>
#include <skillsim/scenario/Scenario.h>
#include <skillsim/sim/machines/forklift/ForkliftSpec.h>

#include <glm/vec2.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace skillsim::op {

/** What the forklift operator reads each tick (the truck's metrics; forklift.md). */
struct ForkliftObservation {
  double time = 0.0;         ///< s.
  glm::dvec2 frontAxle{0.0}; ///< Front axle centre on the floor, world (x, z) (m).
  double heading = 0.0;      ///< rad, 0 = world +X, + turning left (towards -Z).
  double speed = 0.0;        ///< Travel speed, + forward (m/s).
  double forkHeight = 0.0;   ///< Tines' lowest point above the ground (m).
  double parkingBrake = 0.0; ///< 1 applied.
};

/**
 * One step of a forklift plan. Drive: follow `path` (front-axle points, world x/z, m) forwards or
 * in reverse at up to `speed` (m/s), arriving at its last point at `endSpeed` (0: a full stop).
 * Lift: the forks to `height` (m, fork_height) with the truck held on the service brake.
 * Direction: the lever to `direction` (-1, 0, +1), after a full stop unless `rolling`.
 * ParkingBrake: the lever to applied (`direction` > 0) or released. Horn: a 0.5 s blast. Wait:
 * `seconds` on the brake.
 */
struct ForkliftStep {
  enum class Kind { Drive, Lift, Direction, ParkingBrake, Horn, Wait };
  Kind kind = Kind::Wait;
  std::string label;
  std::vector<glm::dvec2> path;
  double speed = 1.0;
  double endSpeed = 0.0;
  double height = 0.0;
  int direction = 0;
  bool rolling = false;
  double seconds = 0.0;
  /** Horn: on the service brake meanwhile (false: no other control, as before moving off, where
   * any control moved counts as the first motion). */
  bool holdBrake = true;
};

/** How the plan drives the N1 field test or the pole course. */
enum class ForkliftProfile {
  Competent, ///< Travel height, full stops, set-downs at the beam, centred in the bays.
  /**
   * N1: travels with the forks at 0.5 m, selects forward while still rolling back into bay 丁 (at
   * 0.3 m/s), reverses into bay 甲 0.75 m off its axis (over its side line). Pole course: moves
   * off without the horn, swerves 0.60 m towards the 工 corridor's middle north pole (its tail
   * swinging onto the pole), selects forward while still rolling back with the load (0.3 m/s),
   * reverses into the start bay 0.35 m off its axis and leaves the parking brake off.
   */
  Careless,
};

/**
 * The N1 route (EXAMS.md, forklift): bay 甲 → rack 乙 (its load moved to the other tier) →
 * reversing into bay 丁 → rack 丙 (the same) → reversing into bay 甲; parking brake, neutral, forks
 * down, horn. Built from the spec's first two bays (甲, 丁), racks (乙, 丙) and the pallet on each
 * rack. Errors: NotFound naming what the field lacks (a bay, a rack, a pallet on a rack, a rack
 * without a second tier).
 */
[[nodiscard]] core::Expected<std::vector<ForkliftStep>> planN1Course(const sim::ForkliftSpec& truck,
                                                                     ForkliftProfile profile);

/**
 * The pole course (scenarios/forklift/pole_course.toml, docs/machines/forklift.md): from the start
 * bay (the first `[[machine.bays]]`, facing +X on the line z = z_west + R) east into the figure 8,
 * two loops of radius R = D/2 - 1 m (front axle; D the distance between the loops' centre poles,
 * the bodies named `pole_west` and `pole_east`, on one line of z) joined by the two lines that
 * cross midway (the inner tangents, at asin(R / (D/2)) to the centre line), the west loop
 * clockwise seen from above (+Z down the page) and the east one anticlockwise; from the west
 * loop's far side along +Z to the 工 corridor (the line of the first pallet's z) and east to the
 * pallet (its forks entering along +X); the pallet lifted 0.09 m off the floor, backed out until it
 * is 1.5 m beyond the corridor's west gate (the westmost pole within 2 m of the corridor's line),
 * driven back and set down where it was; then reversing along two arcs of radius R into the bay.
 * Errors: NotFound naming what the field lacks (a bay, a pallet, the two loop poles, a corridor
 * gate).
 */
[[nodiscard]] core::Expected<std::vector<ForkliftStep>>
planPoleCourse(const sim::ForkliftSpec& truck, const std::vector<sim::BodySpec>& bodies,
               ForkliftProfile profile);

/**
 * A deterministic forklift operator: works through its steps only through the truck's controls.
 * Drives follow their path by pure pursuit of the front axle centre, which for the rear-steered
 * truck moves like a unicycle of curvature tan(δ)/L (δ the rear axle's angle): the circle through
 * the axle, tangent to the heading, through a point `lookahead` ahead on the path has curvature
 * 2 y / d² (y its offset to the side, d its distance), in either direction of travel. Speed:
 * v = min(cruise, sqrt(2 a s)) to the end at s (a = 0.8 m/s²), held by the accelerator with a
 * proportional term and the service brake. With SKILLSIM_OPERATOR_DEBUG set it prints its state
 * every 0.5 s to stderr.
 */
class ForkliftOperator final : public Operator {
public:
  ForkliftOperator(std::vector<ForkliftStep> steps, const sim::ForkliftSpec& truck);

  core::Expected<core::ActionState> act(const OperatorObservation& observation) override;
  [[nodiscard]] bool finished() const override { return mIndex >= mSteps.size(); }
  [[nodiscard]] std::optional<std::string> failure() const override { return mFailure; }

private:
  void drive(const ForkliftStep& step, const ForkliftObservation& o, core::ActionState& a);
  void next(double time);

  std::vector<ForkliftStep> mSteps;
  sim::ForkliftSpec mTruck;
  std::size_t mIndex = 0;
  double mStepStart = -1.0;
  double mSettledSince = -1.0;
  std::size_t mSegment = 0; ///< Drive: the path segment the axle is on.
  bool mArrived = false;
  int mLever = 0;
  int mPressTicks = 0;
  std::optional<std::string> mFailure;
};

/**
 * Registers the forklift operators ("competent", "careless": ForkliftProfile) under the kind
 * "forklift". A scenario whose bodies hold the two loop poles (`pole_west`, `pole_east`) is driven
 * as the pole course, any other as the N1 field test. The factories fail (NotFound) on a scenario
 * without a forklift, or without the field its course needs.
 */
void registerOperators_forklift(OperatorRegistry& registry);

} // namespace skillsim::op
