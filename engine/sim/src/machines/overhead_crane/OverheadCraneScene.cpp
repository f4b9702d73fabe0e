// The crane's part of the scene (Machine::buildScene, fillScene): procedural geometry built from
// the spec, every part placed from the simulated state each frame. Heights: OverheadCraneScene.h.
#include "OverheadCraneScene.h"
#include "OverheadCrane.h"

#include <glm/gtc/matrix_transform.hpp>

#include <algorithm>
#include <cmath>

namespace skillsim::sim::detail {

namespace cs = crane_scene;

namespace {

glm::mat4 at(const glm::dvec3& p) { return glm::mat4(glm::translate(glm::dmat4(1.0), p)); }

/** A cylinder turned from +Y onto +X (axis along X). */
glm::mat4 alongX(const glm::dvec3& p) {
  return glm::mat4(glm::rotate(glm::translate(glm::dmat4(1.0), p), -0.5 * 3.141592653589793,
                               glm::dvec3(0.0, 0.0, 1.0)));
}

/** A cylinder turned from +Y onto +Z (axis along Z). */
glm::mat4 alongZ(const glm::dvec3& p) {
  return glm::mat4(glm::rotate(glm::translate(glm::dmat4(1.0), p), 0.5 * 3.141592653589793,
                               glm::dvec3(1.0, 0.0, 0.0)));
}

glm::mat4 pose(const glm::dvec3& p, const glm::dquat& q) {
  return glm::mat4(glm::translate(glm::dmat4(1.0), p) * glm::mat4_cast(q));
}

} // namespace

glm::mat4 segmentTransform(const glm::dvec3& from, const glm::dvec3& to, double diameter) {
  const glm::dvec3 d = to - from;
  // A zero-length segment stays invertible (the renderer inverts it for the normals).
  const double length = std::max(glm::length(d), 1e-6);
  const glm::dvec3 y = glm::length(d) > 0.0 ? d / glm::length(d) : glm::dvec3(0.0, 1.0, 0.0);
  // Any unit vector not parallel to y completes the frame.
  const glm::dvec3 helper =
      std::abs(y.y) < 0.9 ? glm::dvec3(0.0, 1.0, 0.0) : glm::dvec3(1.0, 0.0, 0.0);
  const glm::dvec3 x = glm::normalize(glm::cross(helper, y));
  const glm::dvec3 z = glm::cross(x, y);
  glm::dmat4 m(1.0);
  m[0] = glm::dvec4(x * diameter, 0.0);
  m[1] = glm::dvec4(y * length, 0.0);
  m[2] = glm::dvec4(z * diameter, 0.0);
  m[3] = glm::dvec4(0.5 * (from + to), 1.0);
  return glm::mat4(m);
}

void OverheadCrane::buildScene(SceneTables& t) {
  using core::MeshKind;
  const double runway = mSpec.runwayLength + cs::kEndCarriageLength;
  const double girderLength = mSpec.span + 2.0 * cs::kRunwayOffset + 0.6;
  CraneSceneParts& p = mScene;
  p.crane = t.addMaterial({0.95f, 0.75f, 0.1f, 1.0f}, 0.5f, 0.3f, "crane");
  p.steel = t.addMaterial({0.32f, 0.33f, 0.35f, 1.0f}, 0.45f, 0.8f, "crane.steel");
  p.hookSteel = t.addMaterial({0.15f, 0.15f, 0.17f, 1.0f}, 0.4f, 0.8f, "hook");
  p.ropeWire = t.addMaterial({0.08f, 0.08f, 0.08f, 1.0f}, 0.7f, 0.6f, "crane.rope");
  p.motorPaint = t.addMaterial({0.1f, 0.3f, 0.55f, 1.0f}, 0.5f, 0.2f, "crane.motor");
  p.runwayBeam = t.addMesh(MeshKind::Box, {runway, cs::kRunwayBeamTop - cs::kRunwayBeamBottom, 0.4},
                           "crane.runway_beam");
  p.rail = t.addMesh(MeshKind::Box, {runway, cs::kRailTop - cs::kRunwayBeamTop, 0.1}, "crane.rail");
  p.endCarriage = t.addMesh(MeshKind::Box,
                            {cs::kEndCarriageLength, cs::kEndCarriageTop - cs::kRailTop - 0.1, 0.4},
                            "crane.end_carriage");
  p.wheel = t.addMesh(MeshKind::Cylinder, {0.4, 0.12, 0.4}, "crane.wheel");
  p.girder = t.addMesh(MeshKind::Box, {0.4, cs::kGirderTop - cs::kEndCarriageTop, girderLength},
                       "crane.girder");
  p.girderFlange = t.addMesh(MeshKind::Box, {0.9, 0.05, girderLength}, "crane.girder_flange");
  p.trolleyFrame = t.addMesh(MeshKind::Box, {0.06, 0.9, 1.0}, "crane.trolley_frame");
  p.drum = t.addMesh(MeshKind::Cylinder, {0.5, 0.9, 0.5}, "crane.drum");
  p.motorBox = t.addMesh(MeshKind::Box, {0.35, 0.35, 0.45}, "crane.motor");
  p.hookPlate = t.addMesh(MeshKind::Box, {0.3, 0.26, 0.04}, "crane.hook_plate");
  p.sheave = t.addMesh(MeshKind::Cylinder, {0.18, 0.06, 0.18}, "crane.sheave");
  p.hookShank = t.addMesh(MeshKind::Cylinder, {0.05, 0.08, 0.05}, "crane.hook_shank");
  p.hookBar = t.addMesh(MeshKind::Box, {0.035, 0.035, 0.035}, "crane.hook_bar");
  p.ropeMesh = t.addMesh(MeshKind::Cylinder, {1.0, 1.0, 1.0}, "crane.rope");
}

void OverheadCrane::fillScene(core::SceneView& view) const {
  const CraneSceneParts& p = mScene;
  const OverheadCraneSpec& c = mSpec;
  const double h = c.runwayOrigin.y + c.liftHeight; // the rope sheave's height (m, world)
  auto add = [&](core::MeshId mesh, core::MaterialId material, const glm::mat4& transform) {
    view.instances.push_back(core::Instance{mesh, material, transform, true});
  };
  // Runway beams and rails along X, one each side of the span.
  const double runwayMid = c.runwayOrigin.x + 0.5 * c.runwayLength;
  const double sides[] = {c.runwayOrigin.z - cs::kRunwayOffset,
                          c.runwayOrigin.z + c.span + cs::kRunwayOffset};
  for (double z : sides) {
    add(p.runwayBeam, p.steel,
        at({runwayMid, h + 0.5 * (cs::kRunwayBeamBottom + cs::kRunwayBeamTop), z}));
    add(p.rail, p.steel, at({runwayMid, h + 0.5 * (cs::kRunwayBeamTop + cs::kRailTop), z}));
  }
  // The bridge: end carriages on the rails, wheels, the girder across the span on them.
  const glm::dvec3 bridge = bridgePoint();
  for (double z : sides) {
    add(p.endCarriage, p.crane,
        at({bridge.x, h + 0.5 * (cs::kRailTop + 0.1 + cs::kEndCarriageTop), z}));
    for (double dx : {-0.5 * cs::kEndCarriageLength + 0.4, 0.5 * cs::kEndCarriageLength - 0.4}) {
      add(p.wheel, p.steel, alongZ({bridge.x + dx, h + cs::kRailTop + 0.2, z}));
    }
  }
  const double girderMid = c.runwayOrigin.z + 0.5 * c.span;
  add(p.girder, p.crane,
      at({bridge.x, h + 0.5 * (cs::kEndCarriageTop + cs::kGirderTop), girderMid}));
  add(p.girderFlange, p.crane, at({bridge.x, h + cs::kEndCarriageTop - 0.025, girderMid}));

  // The hoist trolley under the girder: side frames hanging from the bottom flange, the drum with
  // its motor, paying out the rope at the sheave point.
  const glm::dvec3 s = sheave();
  for (double dx : {-0.35, 0.35}) {
    add(p.trolleyFrame, p.crane, at({s.x + dx, h + cs::kEndCarriageTop - 0.5, s.z}));
    for (double dz : {-0.35, 0.35}) {
      add(p.wheel, p.steel, alongX({s.x + 0.75 * dx, h + cs::kEndCarriageTop + 0.2, s.z + dz}));
    }
  }
  add(p.drum, p.steel, alongX({s.x, h + 0.25, s.z}));
  add(p.motorBox, p.motorPaint, at({s.x + 0.65, h + 0.3, s.z}));

  // Hook block: a sheave between two side plates, a crosshead, the shank and the hook, all in
  // the hook body's frame (its centre; top +0.2 m where the rope ends, bottom -0.2 m the hook).
  const physics::BodyState hookState = mWorld.bodyState(mHook);
  const glm::mat4 hook = pose(hookState.position, hookState.orientation);
  auto local = [&](const glm::dvec3& offset) { return hook * at(offset); };
  for (double dz : {-0.09, 0.09}) {
    add(p.hookPlate, p.crane, local({0.0, 0.05, dz}));
  }
  add(p.sheave, p.steel, hook * alongZ({0.0, 0.1, 0.0}));
  add(p.hookShank, p.hookSteel, local({0.0, -0.08, 0.0}));
  for (const glm::dvec3& bar : {glm::dvec3(-0.035, -0.18, 0.0), glm::dvec3(0.0, -0.18, 0.0),
                                glm::dvec3(0.035, -0.18, 0.0), glm::dvec3(-0.07, -0.15, 0.0),
                                glm::dvec3(-0.07, -0.12, 0.0), glm::dvec3(0.07, -0.15, 0.0)}) {
    add(p.hookBar, p.hookSteel, local(bar));
  }

  // Reeving: two falls from the drum down to the hook block's sheave (2-part line), then the
  // sling from the hook to the load's lug when one is engaged.
  const auto [top, end] = mWorld.ropeAnchors(mHoistRope);
  const glm::dvec3 across =
      glm::dvec3(glm::mat4_cast(hookState.orientation) * glm::dvec4(1.0, 0.0, 0.0, 0.0));
  // The rope ends at the block's centre (its physics anchor); the falls are drawn to the block's
  // sheave, 0.1 m under the block's top face.
  const glm::dvec3 below = glm::dvec3(glm::mat4_cast(hookState.orientation) *
                                      glm::dvec4(0.0, 0.5 * kHookHeight - 0.1, 0.0, 0.0));
  for (double side : {-0.5, 0.5}) {
    const glm::dvec3 from = top + glm::dvec3(side * cs::kFallSpacing, 0.0, 0.0);
    const glm::dvec3 to = end + below + across * (side * cs::kFallSpacing);
    view.instances.push_back(core::Instance{p.ropeMesh, p.ropeWire,
                                            segmentTransform(from, to, cs::kRopeDiameter), false});
  }
  if (mSling) {
    const auto [a, b] = mWorld.ropeAnchors(*mSling);
    view.instances.push_back(
        core::Instance{p.ropeMesh, p.ropeWire, segmentTransform(a, b, cs::kRopeDiameter), false});
  }
}

} // namespace skillsim::sim::detail
