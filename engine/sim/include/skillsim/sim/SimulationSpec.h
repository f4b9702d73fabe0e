#pragma once

#include "skillsim/sim/Machine.h"

#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace skillsim::sim {

/**
 * Plain-data description of a simulation, in SI units (m, kg, s, rad), Y up. The scenario
 * loader fills it from a scenario file (degrees converted on load); the Simulation builds the
 * world from it in the order given (Bullet is deterministic only with a fixed creation order).
 * Validation of user input happens in the loader; here a bad value is a contract violation.
 */

/** Collision shape of a body. */
enum class ShapeKind : std::uint8_t {
  Box,          ///< `size` = full extents (m).
  Cylinder,     ///< Axis along +Y; `size` = (diameter, height, diameter) (m).
  Sphere,       ///< `size.x` = diameter (m).
  Capsule,      ///< Axis along +Y; `size.x` = diameter, `size.y` = total height (m).
  ConvexHull,   ///< `points` (m, body frame).
  TriangleMesh, ///< Static only: `points` + `indices` (3 per triangle).
};

struct ShapeSpec {
  ShapeKind kind = ShapeKind::Box;
  glm::dvec3 size{1.0};
  std::vector<glm::dvec3> points;
  std::vector<std::uint32_t> indices;
};

/**
 * Paint bands along a body's height (its local Y), as on a marker pole's red and white bands:
 * from the bottom, a band of the body's own colour `pitch` high, then one of `color`, and so on;
 * the top band is cut at the body's height. Drawn only: the body's shape, mass and contacts are
 * the same with or without bands (docs/scenario-format.md, `bands`). Box and cylinder bodies only.
 */
struct BodyBands {
  glm::vec4 color{1.0f}; ///< Linear RGBA of every second band.
  double pitch = 0.3;    ///< Height of each band (m), > 0 and at most the body's height.
};

/** A rigid body: static (mass 0) or dynamic. */
struct BodySpec {
  std::string name;              ///< Unique; events and rubric criteria refer to it.
  std::vector<std::string> tags; ///< e.g. "pile", "frame", "load", "person"; events carry them.
  ShapeSpec shape;
  double mass = 0.0;        ///< kg; 0 = static.
  glm::dvec3 position{0.0}; ///< Centre (m, world).
  glm::dquat orientation{1.0, 0.0, 0.0, 0.0};
  double friction = 0.6;                   ///< Coulomb coefficient, [0, 10].
  double restitution = 0.0;                ///< [0, 1].
  double linearDamping = 0.0;              ///< [0, 1].
  double angularDamping = 0.0;             ///< [0, 1].
  glm::vec4 color{0.7f, 0.7f, 0.7f, 1.0f}; ///< Linear RGBA, for the SceneView.
  std::optional<BodyBands> bands;          ///< Drawn in bands of two colours (file: `bands`).
  /** A load a machine can engage (a lifting attachment, a part a tool holds): the lug's position in
   * the body frame (m). */
  std::optional<glm::dvec3> liftingLug;
  /** Initial velocity of a dynamic body (m/s, world); usually zero. */
  glm::dvec3 initialLinearVelocity{0.0};
};

/** A zone that reports enter/exit of tagged bodies (landing circle, person zone, corridor). */
struct ZoneSpec {
  enum class Shape : std::uint8_t { Box, Cylinder };
  std::string name;
  Shape shape = Shape::Cylinder;
  glm::dvec3 center{0.0};      ///< m, world; for a cylinder the centre of its base.
  glm::dvec3 halfExtents{0.5}; ///< Box only (m).
  double radius = 1.0;         ///< Cylinder only (m), vertical axis.
  double height = 2.0;         ///< Cylinder only (m), from its base up.
  /**
   * Box only: the turn of its x and z axes about world +Y (rad, right-handed: +x turns towards
   * -z), from the file's `yaw_deg`; 0 = aligned with the world's axes.
   */
  double yaw = 0.0;
  /** Tags of bodies it reports; empty = every dynamic body. */
  std::vector<std::string> watchTags;
  glm::vec4 color{0.2f, 0.8f, 0.3f, 1.0f}; ///< Debug-line colour.

  /**
   * `p` (m, world) as an offset from `center` in the zone's own axes (turned by `yaw` about +Y);
   * exactly `p - center` when yaw is 0, so an unturned zone decides as it always did.
   */
  [[nodiscard]] glm::dvec3 toZoneFrame(const glm::dvec3& p) const {
    const glm::dvec3 d = p - center;
    if (yaw == 0.0) {
      return d;
    }
    const double c = std::cos(yaw);
    const double s = std::sin(yaw);
    return {c * d.x - s * d.z, d.y, s * d.x + c * d.z};
  }
  /**
   * A horizontal offset in the zone's own axes (x, z; m) as a world (x, z) point: the inverse of
   * toZoneFrame on the ground plan.
   */
  [[nodiscard]] glm::dvec2 planPoint(const glm::dvec2& local) const {
    if (yaw == 0.0) {
      return glm::dvec2(center.x, center.z) + local;
    }
    const double c = std::cos(yaw);
    const double s = std::sin(yaw);
    return {center.x + c * local.x + s * local.y, center.z - s * local.x + c * local.y};
  }
  /**
   * Half the size of the zone's footprint's world-axis bounding rectangle (x, z; m): a circle's
   * radius, or a turned box's |cos|·hx + |sin|·hz and |sin|·hx + |cos|·hz.
   */
  [[nodiscard]] glm::dvec2 planBoundsHalf() const {
    if (shape == Shape::Cylinder) {
      return glm::dvec2(radius);
    }
    const double c = std::abs(std::cos(yaw));
    const double s = std::abs(std::sin(yaw));
    return {c * halfExtents.x + s * halfExtents.z, s * halfExtents.x + c * halfExtents.z};
  }
};

/** A notched controller driving one motion of a machine (NotchedController). */
struct ControllerSpec {
  int notches = 5;           ///< Steps each way; axis value a gives notch round(a * notches).
  double maxSpeed = 1.0;     ///< m/s at the top notch.
  double acceleration = 0.5; ///< m/s^2 limit when changing speed; braking uses the same.
};

/** A named view, switchable at run time. */
struct CameraSpec {
  /**
   * Fixed: at `position` looking at `target`. OperatorCab: both relative to the machine's "cab"
   * anchor. Overhead: `position.y` above the machine's "tool" anchor, looking straight down.
   * Orbit: as Fixed. Follow: relative to `followBody` (`position` in world axes, or in the
   * body's axes with `offsetInBodyFrame`: a chase view that turns with it).
   */
  enum class Kind : std::uint8_t { Fixed, OperatorCab, Overhead, Orbit, Follow };
  std::string name;
  Kind kind = Kind::Fixed;
  glm::dvec3 position{0.0, 5.0, 10.0}; ///< m; for OperatorCab relative to the cab anchor.
  glm::dvec3 target{0.0};              ///< m.
  std::string followBody;              ///< Follow only.
  /** Follow only: `position` is in the followed body's axes (file: offset_frame = "body"). */
  bool offsetInBodyFrame = false;
  double verticalFov = 1.0471975511965976; ///< rad.
};

/** Everything a Simulation is built from. */
/**
 * Bodies whose gap the simulation measures every tick (Simulation::proximities): every body
 * tagged `tagA` against every body tagged `tagB`, up to `range` (m). Filled by the scenario loader
 * for contact_count criteria (their episode hysteresis); adds no event and changes no state.
 */
struct ProximityWatch {
  std::string tagA;
  std::string tagB;
  double range = 0.02; ///< m, >= 0: gaps beyond it read +infinity.
};

struct SimulationSpec {
  std::uint32_t tickRate = 240; ///< Hz.
  int solverIterations = 10;
  /** Friction rows per contact point, 1 or 2 (physics::WorldSettings::frictionDirections). */
  int frictionDirections = 1;
  /**
   * Bodies share a simulation island only through contact points, so a body resting apart from
   * moving ones may sleep (physics::WorldSettings::islandsByContact); false is Bullet's rule.
   */
  bool islandsByContact = false;
  std::uint64_t seed = 0;              ///< The only source of randomness.
  glm::dvec3 gravity{0.0, -9.81, 0.0}; ///< m/s^2.
  bool groundPlane = true;             ///< A static ground at y = 0 tagged "ground".
  std::vector<BodySpec> bodies;
  std::vector<ZoneSpec> zones;
  /** The machine the trainee operates (type and its parsed section), if any. */
  std::optional<MachineSpec> machine;
  std::vector<CameraSpec> cameras;
  std::vector<ProximityWatch> proximityWatches;
};

} // namespace skillsim::sim
