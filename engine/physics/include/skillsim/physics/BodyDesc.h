#pragma once

#include "skillsim/physics/ShapeDesc.h"

#include <glm/gtc/quaternion.hpp>
#include <glm/vec3.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace skillsim::physics {

/** How a body moves. */
enum class Motion : std::uint8_t {
  Static,    ///< Never moves (mass ignored).
  Dynamic,   ///< Moved by forces, contacts and constraints (mass > 0).
  Kinematic, ///< Moved only by World::setKinematicPose; pushes dynamic bodies, never pushed.
};

/**
 * Everything needed to create a rigid body. Friction of a contact is the geometric mean
 * sqrt(mu_a * mu_b) of the two bodies' Coulomb coefficients (so two bodies of mu 0.6 give 0.6);
 * restitution is the larger of the two (a ball of e = 0.5 bounces on a ground of e = 0). Damping
 * is Bullet's: the fraction of velocity lost per second, v *= (1 - damping)^dt.
 */
struct BodyDesc {
  std::string name;              ///< For messages (faults, errors); need not be unique here.
  std::vector<std::string> tags; ///< Free labels ("load", "pile"); World::tags returns them.
  ShapeDesc shape;
  Motion motion = Motion::Static;
  double mass = 0.0;        ///< kg; Dynamic only, > 0.
  glm::dvec3 position{0.0}; ///< Centre of mass (m, world).
  glm::dquat orientation{1.0, 0.0, 0.0, 0.0};
  double friction = 0.6;           ///< Coulomb coefficient, >= 0.
  double restitution = 0.0;        ///< [0, 1].
  double linearDamping = 0.0;      ///< [0, 1].
  double angularDamping = 0.0;     ///< [0, 1].
  glm::dvec3 linearVelocity{0.0};  ///< Initial (m/s, world).
  glm::dvec3 angularVelocity{0.0}; ///< Initial (rad/s, world).
  /** False: the body touches nothing and ray casts miss it (an anchor or a visual part). */
  bool collides = true;
  /**
   * False (Dynamic only): infinite rotational inertia, so forces, ropes and contacts move the body
   * but never turn it; it keeps `orientation`. For a body whose own rotation is a stiff mode the
   * fixed step cannot resolve and nobody judges (a light block between two taut ropes).
   */
  bool rotates = true;
  /**
   * True (Dynamic only): the body may fall asleep when it rests, so a step no longer integrates
   * it, tests its contacts with static or sleeping bodies or solves them; its pose and velocities
   * (zeroed on falling asleep) stay as they were. It falls asleep once its speed has stayed below
   * World::kSleepSpeed (m/s) and its spin below World::kSleepSpin (rad/s) for World::kSleepDelay
   * (s) together with every dynamic body touching it or joined to it. It wakes, with those bodies,
   * when a body that is awake comes within its bounding box (a moving dynamic body, a kinematic
   * one being posed), when a joint or rope is attached to it, on setVelocity, applyImpulse,
   * setRopeLength of a rope holding it, and setCollisionBetween. Deterministic: Bullet's sleep
   * timer counts fixed steps, and World::hashState includes its state. False (the default): the
   * body never sleeps (a load that a rope or a zone watches must not freeze).
   */
  bool maySleep = false;
};

} // namespace skillsim::physics
