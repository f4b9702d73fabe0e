#pragma once

#include <skillsim/core/Ids.h>

#include <glm/glm.hpp>

namespace skillsim::sim::detail {

/**
 * Heights and sizes of the crane's drawn parts, relative to the rope sheave's height H (the spec's
 * lift height above the runway origin), in metres. A single-girder bridge crane: the runway rails
 * run along X on runway beams at each side of the span, the end carriages roll on them, the
 * girder rests on the end carriages across the span (Z), and the hoist trolley hangs under the
 * girder with its drum paying out the rope at H. The physics bodies (trolley box, hook block) are
 * not changed by what is drawn.
 */
namespace crane_scene {
inline constexpr double kRunwayBeamBottom = 0.3;  ///< Runway beam from H + 0.3 …
inline constexpr double kRunwayBeamTop = 0.8;     ///< … to H + 0.8 (m).
inline constexpr double kRailTop = 0.9;           ///< Rail head, where the wheels run (H + m).
inline constexpr double kEndCarriageTop = 1.4;    ///< End carriage from the rail to H + 1.4 (m).
inline constexpr double kGirderTop = 2.4;         ///< Girder from the end carriages to H + 2.4.
inline constexpr double kRunwayOffset = 0.8;      ///< Runway centre lines at z = -0.8, span + 0.8.
inline constexpr double kEndCarriageLength = 3.0; ///< Along the runway (m): the wheel base.
inline constexpr double kGirderWidth = 0.5;       ///< Along X (m).
inline constexpr double kRopeDiameter = 0.025;    ///< Wire rope (m), drawn as thin cylinders.
inline constexpr double kFallSpacing = 0.16;      ///< Two falls (2-part reeving), apart in X (m).
} // namespace crane_scene

/** Mesh and material ids of the drawn crane (OverheadCraneScene.cpp), set by buildScene(). */
struct CraneSceneParts {
  core::MeshId runwayBeam, rail, endCarriage, wheel, girder, girderFlange, trolleyFrame, drum,
      motorBox, hookPlate, sheave, hookShank, hookBar, ropeMesh;
  core::MaterialId crane, steel, hookSteel, ropeWire, motorPaint;
};

/**
 * The transform that turns the unit cylinder (axis +Y, height 1, diameter 1) into one of
 * `diameter` (m) from `from` to `to` (m, world). A zero-length segment becomes 1 µm long, upright.
 */
[[nodiscard]] glm::mat4 segmentTransform(const glm::dvec3& from, const glm::dvec3& to,
                                         double diameter);

} // namespace skillsim::sim::detail
