// The truck's part of the scene (Machine::buildScene, fillScene): procedural parts placed from
// the simulated bodies each frame. Sizes follow ForkliftSpec; the physics bodies do not change.
#include "Forklift.h"

#include <glm/gtc/matrix_transform.hpp>

#include <numbers>

namespace skillsim::sim::detail {

namespace {

glm::mat4 pose(const glm::dvec3& p, const glm::dquat& q) {
  return glm::mat4(glm::translate(glm::dmat4(1.0), p) * glm::mat4_cast(q));
}

/** The cylinder mesh (axis +Y) turned onto the truck's lateral axis (+Z). */
glm::dquat axleOf(const glm::dquat& q, double yaw) {
  return q * glm::angleAxis(yaw, glm::dvec3(0.0, 1.0, 0.0)) *
         glm::angleAxis(0.5 * std::numbers::pi, glm::dvec3(1.0, 0.0, 0.0));
}

} // namespace

void Forklift::buildScene(SceneTables& t) {
  using core::MeshKind;
  const ForkliftSpec& s = mSpec;
  ForkliftSceneParts& p = mScene;
  p.paint = t.addMaterial({0.95f, 0.55f, 0.05f, 1.0f}, 0.5f, 0.2f, "forklift.paint");
  p.counterweightPaint =
      t.addMaterial({0.2f, 0.2f, 0.22f, 1.0f}, 0.6f, 0.3f, "forklift.counterweight");
  p.steel = t.addMaterial({0.3f, 0.31f, 0.33f, 1.0f}, 0.45f, 0.8f, "forklift.steel");
  p.rubber = t.addMaterial({0.05f, 0.05f, 0.05f, 1.0f}, 0.9f, 0.0f, "forklift.tyre");
  p.seatCover = t.addMaterial({0.1f, 0.1f, 0.1f, 1.0f}, 0.8f, 0.0f, "forklift.seat");
  p.chainSteel = t.addMaterial({0.55f, 0.55f, 0.58f, 1.0f}, 0.4f, 0.9f, "forklift.chain");
  const double frameLength = s.wheelbase + 0.2;
  p.frame = t.addMesh(MeshKind::Box, {frameLength, 0.9, s.truckWidth}, "forklift.frame");
  p.counterweight = t.addMesh(MeshKind::Box, {s.rearOverhang + 0.4, 0.95, s.truckWidth},
                              "forklift.counterweight");
  p.guardPost = t.addMesh(MeshKind::Box, {0.06, 1.0, 0.06}, "forklift.guard_post");
  p.guardRoof = t.addMesh(MeshKind::Box, {1.3, 0.05, s.truckWidth - 0.1}, "forklift.guard_roof");
  p.seat = t.addMesh(MeshKind::Box, {0.45, 0.45, 0.5}, "forklift.seat");
  p.mastChannel = t.addMesh(MeshKind::Box, {0.12, s.mastHeight, 0.1}, "forklift.mast_channel");
  p.mastCrossbar = t.addMesh(MeshKind::Box, {0.08, 0.1, 0.8}, "forklift.mast_crossbar");
  p.chain = t.addMesh(MeshKind::Box, {0.02, 1.0, 0.03}, "forklift.chain");
  p.carriage = t.addMesh(MeshKind::Box, {0.05, 0.45, s.forkSpread + 0.35}, "forklift.carriage");
  p.backrest = t.addMesh(MeshKind::Box, {0.03, 0.7, s.forkSpread + 0.35}, "forklift.backrest");
  p.fork = t.addMesh(MeshKind::Box, {s.forkLength, s.forkThickness, s.forkWidth}, "forklift.fork");
  p.forkShank =
      t.addMesh(MeshKind::Box, {s.forkThickness, 0.45, s.forkWidth}, "forklift.fork_shank");
  p.frontWheel =
      t.addMesh(MeshKind::Cylinder, {2.0 * s.frontWheelRadius, 0.23, 2.0 * s.frontWheelRadius},
                "forklift.front_wheel");
  p.rearWheel =
      t.addMesh(MeshKind::Cylinder, {2.0 * s.rearWheelRadius, 0.18, 2.0 * s.rearWheelRadius},
                "forklift.rear_wheel");
  // The bays' 50 mm edge lines: a unit length, stretched to each edge in fillScene.
  p.edgeLine = t.addMesh(MeshKind::Box, {1.0, 0.004, 0.05}, "forklift.edge_line");
  p.linePaint = t.addMaterial({0.95f, 0.85f, 0.1f, 1.0f}, 0.7f, 0.0f, "forklift.edge_line");
  // The field's bodies (racks, pallets with their loads), each a box of its own size and a
  // material named after the body (so a picture can be tested with and without one of them):
  // rack uprights blue, beams orange, pallet stringers pale timber, the boxed load cardboard.
  mFieldParts.clear();
  for (std::size_t i = 0; i < mFieldBodies.size(); ++i) {
    const std::string& name = mFieldBodies[i].first;
    glm::vec4 colour{0.72f, 0.52f, 0.3f, 1.0f}; // the deck with its boxed load: cardboard
    if (name.find(".upright") != std::string::npos) {
      colour = {0.12f, 0.3f, 0.7f, 1.0f};
    } else if (name.find(".beam") != std::string::npos) {
      colour = {0.95f, 0.45f, 0.08f, 1.0f};
    } else if (name.find(".stringer") != std::string::npos) {
      colour = {0.8f, 0.68f, 0.48f, 1.0f};
    }
    mFieldParts.emplace_back(t.addMesh(MeshKind::Box, mFieldSizes[i], name),
                             t.addMaterial(colour, 0.8f, 0.0f, name));
  }
}

void Forklift::fillScene(core::SceneView& view) const {
  const ForkliftSceneParts& p = mScene;
  const ForkliftSpec& s = mSpec;
  auto add = [&](core::MeshId mesh, core::MaterialId material, const glm::mat4& transform) {
    view.instances.push_back(core::Instance{mesh, material, transform, true});
  };
  for (std::size_t i = 0; i < mFieldBodies.size(); ++i) {
    const physics::BodyState b = mWorld.bodyState(mFieldBodies[i].second);
    add(mFieldParts[i].first, mFieldParts[i].second, pose(b.position, b.orientation));
  }
  // The bays' edge lines on the floor (the unit line stretched to each edge's length).
  for (const EdgeLine& e : mEdgeLines) {
    glm::mat4 m = pose(e.centre + glm::dvec3(0.0, 0.002, 0.0),
                       glm::angleAxis(e.yaw, glm::dvec3(0.0, 1.0, 0.0)));
    view.instances.push_back(core::Instance{
        p.edgeLine, p.linePaint,
        glm::scale(m, glm::vec3(static_cast<float>(e.length + 0.05), 1.0f, 1.0f)), false});
  }
  const glm::dquat q = mWorld.bodyState(mTruck).orientation;
  auto atTruck = [&](const glm::dvec3& point) { return pose(truckToWorld(point), q); };
  // Frame, counterweight, seat and the overhead guard on four posts.
  add(p.frame, p.paint, atTruck({0.1 - 0.5 * (s.wheelbase + 0.2), 0.6, 0.0}));
  add(p.counterweight, p.counterweightPaint,
      atTruck({-s.wheelbase - s.rearOverhang + 0.5 * (s.rearOverhang + 0.4), 0.65, 0.0}));
  add(p.seat, p.seatCover, atTruck({-1.1, 1.28, 0.0}));
  const double halfGuard = 0.5 * (s.truckWidth - 0.16);
  for (double x : {-0.15, -1.4}) {
    for (double z : {-halfGuard, halfGuard}) {
      add(p.guardPost, p.steel, atTruck({x, 1.55, z}));
    }
  }
  add(p.guardRoof, p.steel, atTruck({-0.78, 2.07, 0.0}));
  // Wheels: the rear pair turned to their steer angles.
  for (const Wheel& w : mWheels) {
    const glm::dvec3 hub = truckToWorld(w.hub);
    add(w.front ? p.frontWheel : p.rearWheel, p.rubber, pose(hub, axleOf(q, w.yaw)));
  }
  // Mast: two channels and a crossbar on the mast body; lift chains from the crossbar to the
  // carriage; the carriage with backrest, and each fork with its shank.
  const physics::BodyState mast = mWorld.bodyState(mMast);
  for (double z : {-0.35, 0.35}) {
    add(p.mastChannel, p.steel, pose(mWorld.toWorld(mMast, {-0.02, 0.0, z}), mast.orientation));
  }
  const double mastHalf = 0.5 * (s.mastHeight - 0.06);
  add(p.mastCrossbar, p.steel,
      pose(mWorld.toWorld(mMast, {-0.02, mastHalf - 0.05, 0.0}), mast.orientation));
  const physics::BodyState left = mWorld.bodyState(mForks[0]);
  const glm::dvec3 carriage =
      0.5 * (mWorld.toWorld(mForks[0], {-0.5 * s.forkLength - 0.025, 0.2, 0.0}) +
             mWorld.toWorld(mForks[1], {-0.5 * s.forkLength - 0.025, 0.2, 0.0}));
  add(p.carriage, p.steel, pose(carriage, left.orientation));
  add(p.backrest, p.steel,
      pose(carriage + left.orientation * glm::dvec3(0.0, 0.55, 0.0), left.orientation));
  for (double z : {-0.15, 0.15}) {
    const glm::dvec3 top = mWorld.toWorld(mMast, {0.0, mastHalf - 0.05, z});
    const glm::dvec3 bottom = carriage + left.orientation * glm::dvec3(0.0, 0.2, z);
    const glm::dvec3 mid = 0.5 * (top + bottom);
    const double length = glm::length(top - bottom);
    glm::mat4 m = pose(mid, mast.orientation);
    m = glm::scale(m, glm::vec3(1.0f, static_cast<float>(std::max(length, 1e-3)), 1.0f));
    add(p.chain, p.chainSteel, m);
  }
  for (core::BodyId f : mForks) {
    const physics::BodyState fork = mWorld.bodyState(f);
    add(p.fork, p.steel, pose(fork.position, fork.orientation));
    add(p.forkShank, p.steel,
        pose(mWorld.toWorld(f, {-0.5 * s.forkLength + 0.5 * s.forkThickness, 0.2, 0.0}),
             fork.orientation));
  }
}

} // namespace skillsim::sim::detail
