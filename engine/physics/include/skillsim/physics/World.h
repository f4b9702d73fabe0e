#pragma once

#include "skillsim/physics/BodyDesc.h"
#include "skillsim/physics/BodyFault.h"
#include "skillsim/physics/BodyState.h"
#include "skillsim/physics/ContactEvent.h"
#include "skillsim/physics/Handles.h"
#include "skillsim/physics/JointDesc.h"
#include "skillsim/physics/RayHit.h"
#include "skillsim/physics/RopeDesc.h"
#include "skillsim/physics/WorldSettings.h"

#include <skillsim/core/Expected.h>
#include <skillsim/core/Hash.h>
#include <skillsim/core/Ids.h>

#include <glm/vec3.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace skillsim::physics {

/**
 * A rigid-body world on Bullet 3.24 that steps with a fixed time step, single-threaded, with the
 * sequential-impulse solver in a fixed order (no order randomisation), so the same creation order
 * and the same calls give bit-identical states (DESIGN.md, the determinism contract). No Bullet
 * type appears in this interface: bodies, joints and ropes are opaque ids, numbers are SI doubles
 * (Bullet itself computes in single precision; values are converted exactly to double).
 *
 * Ids are indices in creation order and are never reused. Passing an id that this world did not
 * hand out is a contract violation.
 *
 * Ropes are unilateral distance constraints (elastic ones implicit stiff springs, RopeDesc) solved
 * in two stages each step: all ropes together exactly (an LCP over the rope rows, RopeSolver in
 * src/), applied as a warm start, then Bullet's solver with the contacts (docs/simulation.md).
 */
class World {
public:
  /** A body that may sleep (BodyDesc::maySleep) counts as resting below this speed (m/s). */
  static constexpr double kSleepSpeed = 0.01;
  /** ... and below this spin (rad/s). */
  static constexpr double kSleepSpin = 0.05;
  /**
   * Resting time (s) before it falls asleep: Bullet's deactivation time, a process-wide value
   * (every World sets the same); it applies to no other body, as only these may sleep.
   */
  static constexpr double kSleepDelay = 0.5;

  /**
   * Contract: timeStep > 0, solverIterations >= 1, frictionDirections 1 or 2,
   * contactEndDelaySteps >= 0.
   */
  explicit World(const WorldSettings& settings);
  ~World();
  World(const World&) = delete;
  World& operator=(const World&) = delete;
  World(World&&) noexcept;
  World& operator=(World&&) noexcept;

  /**
   * Creates a body. Errors (InvalidInput, message naming the field): non-positive or non-finite
   * size, dynamic mass <= 0, fewer than 4 hull points or a flat hull, triangle indices out of
   * range or not a multiple of 3, a dynamic or kinematic triangle mesh or plane, friction < 0,
   * restitution or damping outside [0, 1].
   */
  core::Expected<core::BodyId> addBody(const BodyDesc& desc);

  /** Creates a joint. Errors: bodyA invalid, or both ends static. */
  core::Expected<JointId> addJoint(const JointDesc& desc);

  /**
   * Creates a rope. Errors: bodyB invalid or not dynamic, length <= 0 or not finite, axial
   * rigidity < 0 or not finite, falls < 1.
   */
  core::Expected<RopeId> addRope(const RopeDesc& desc);
  /** Removes a rope from the simulation (its id stays used; queries on it are a contract
   * violation). */
  void removeRope(RopeId rope);
  /** True until removeRope. */
  [[nodiscard]] bool hasRope(RopeId rope) const;
  /**
   * Sets the rope length for the next step (m, > 0): a winch pays rope out or reels it in; a new
   * length wakes the rope's ends.
   */
  void setRopeLength(RopeId rope, double length);
  [[nodiscard]] double ropeLength(RopeId rope) const;
  /** Current straight-line distance between the two anchors (m). */
  [[nodiscard]] double ropeSpan(RopeId rope) const;
  /**
   * Spring rate of an elastic rope at its current length, falls * E A / length (N/m); +infinity
   * for an inextensible rope (RopeDesc).
   */
  [[nodiscard]] double ropeStiffness(RopeId rope) const;
  /** Rope tension during the last step (N, >= 0; 0 when slack): all falls together. */
  [[nodiscard]] double ropeTension(RopeId rope) const;
  /** World positions of the two anchors (m). */
  [[nodiscard]] std::pair<glm::dvec3, glm::dvec3> ropeAnchors(RopeId rope) const;

  /** Sets a joint's motor on one DoF (see JointDesc for the indices). */
  void setJointMotor(JointId joint, int dof, const JointMotor& motor);
  /**
   * The joint's relative coordinate on one DoF: hinge angle (rad, dof 5), slider position
   * (m, dof 0), 6-DoF position (m, 0-2) or Euler angle (rad, 3-5); 0 for fixed and ball joints.
   */
  [[nodiscard]] double jointPosition(JointId joint, int dof) const;

  /** Advances exactly one fixed step. */
  void step();
  /** Steps taken so far. */
  [[nodiscard]] std::uint64_t stepCount() const;
  [[nodiscard]] const WorldSettings& settings() const;

  [[nodiscard]] std::size_t bodyCount() const;
  [[nodiscard]] BodyState bodyState(core::BodyId body) const;
  [[nodiscard]] Motion motion(core::BodyId body) const;
  [[nodiscard]] double mass(core::BodyId body) const;
  [[nodiscard]] const std::string& name(core::BodyId body) const;
  [[nodiscard]] const std::vector<std::string>& tags(core::BodyId body) const;
  [[nodiscard]] bool hasTag(core::BodyId body, std::string_view tag) const;
  /** Bodies carrying `tag`, in creation order. */
  [[nodiscard]] std::vector<core::BodyId> bodiesWithTag(std::string_view tag) const;
  /**
   * World-space axis-aligned bounding box (min, max) of the body's shape (m): exact for boxes,
   * spheres, capsules, cylinders and meshes; a hull's includes its 5 mm collision margin.
   */
  [[nodiscard]] std::pair<glm::dvec3, glm::dvec3> bounds(core::BodyId body) const;
  /** A body-frame point in world coordinates (m). */
  [[nodiscard]] glm::dvec3 toWorld(core::BodyId body, const glm::dvec3& local) const;

  /** Moves a kinematic body to a pose reached at the end of the next step (velocity follows). */
  void setKinematicPose(core::BodyId body, const glm::dvec3& position,
                        const glm::dquat& orientation);
  /** Sets a dynamic body's velocities (m/s, rad/s, world); wakes it. */
  void setVelocity(core::BodyId body, const glm::dvec3& linear, const glm::dvec3& angular);
  /** Applies an impulse (N s) at a world point of a dynamic body; wakes it. */
  void applyImpulse(core::BodyId body, const glm::dvec3& impulse, const glm::dvec3& worldPoint);
  /**
   * Lets a dynamic body fall asleep when it rests, or stops it (waking it): BodyDesc::maySleep
   * after creation, for a machine that knows which of a scenario's bodies rest on its tables.
   */
  void setMaySleep(core::BodyId body, bool maySleep);
  /** True while the body sleeps (BodyDesc::maySleep); always false for others. */
  [[nodiscard]] bool asleep(core::BodyId body) const;
  /** Stops (or resumes) collisions between two particular bodies; wakes both. */
  void setCollisionBetween(core::BodyId a, core::BodyId b, bool collide);

  /** Contact episodes that began or ended during the last step, sorted by (bodyA, bodyB). */
  [[nodiscard]] std::span<const ContactEvent> contactEvents() const;
  /** Pairs in contact now (episode open), sorted. */
  [[nodiscard]] std::vector<std::pair<core::BodyId, core::BodyId>> contactsNow() const;

  /**
   * The gap between two bodies' collision shapes (m; <= 0 when touching or overlapping) when it
   * is at most `maxDistance` (m, >= 0), else nullopt (farther apart). A pure query of the current
   * state: it changes nothing in the world (Bullet's closest-point test on a scratch manifold).
   */
  [[nodiscard]] std::optional<double> separation(core::BodyId a, core::BodyId b,
                                                 double maxDistance) const;

  /** The nearest colliding body on the segment from `from` to `to`, skipping `ignore`. */
  [[nodiscard]] std::optional<RayHit> rayCast(const glm::dvec3& from, const glm::dvec3& to,
                                              core::BodyId ignore = {}) const;

  /**
   * The first body (creation order) whose position, orientation or velocity is not finite, whose
   * speed exceeds `maxSpeed` (m/s) or spin `maxSpin` (rad/s), or which is farther than
   * `maxDistance` (m) from the origin; nullopt when all are sound.
   */
  [[nodiscard]] std::optional<BodyFault> findFault(double maxSpeed = 500.0, double maxSpin = 500.0,
                                                   double maxDistance = 1.0e5) const;

  /**
   * Feeds every body's exact state bits (position, orientation, velocities as Bullet stores
   * them), every rope's length and last impulse and the step count into `hasher`; for a body
   * that may sleep, also its sleep state and timer (they decide later steps).
   */
  void hashState(core::Hasher& hasher) const;

  /**
   * The body's collision geometry as world-space triangles (3 vertices each) for hulls and
   * triangle meshes (a hull is triangulated on creation); empty for other shapes.
   */
  [[nodiscard]] std::vector<glm::dvec3> triangles(core::BodyId body) const;

private:
  struct Impl;
  std::unique_ptr<Impl> mImpl;
};

} // namespace skillsim::physics
