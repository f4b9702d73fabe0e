// The crane's drawn parts (OverheadCraneScene.cpp), checked as geometry without rendering: the
// girder spans the span, the runway carries the rails at the lift height, the end carriages and
// the trolley sit where the simulated bridge and trolley are, and the hook block and the rope
// falls follow the hook body as it is lowered.
#include "CraneCourse.h"

#include <skillsim/core/SceneView.h>
#include <skillsim/sim/Simulation.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace skillsim;
using namespace skillsim::sim;
using namespace skillsim::sim::testing;

namespace {

std::unique_ptr<Simulation> build(const SimulationSpec& spec) {
  auto sim = Simulation::create(spec);
  EXPECT_TRUE(sim) << (sim ? "" : sim.error().toString());
  return std::move(*sim);
}

/** Instances whose mesh has `name`. */
std::vector<core::Instance> parts(const core::SceneView& view, const std::string& name) {
  std::vector<core::Instance> out;
  for (const core::Instance& i : view.instances) {
    if (view.meshes[i.mesh.index()].debugName == name) {
      out.push_back(i);
    }
  }
  return out;
}

glm::dvec3 origin(const core::Instance& i) { return glm::dvec3(i.transform[3]); }

const core::MeshDesc& mesh(const core::SceneView& view, const std::string& name) {
  const auto it = std::find_if(view.meshes.begin(), view.meshes.end(),
                               [&](const core::MeshDesc& m) { return m.debugName == name; });
  EXPECT_NE(it, view.meshes.end()) << name;
  return *it;
}

/** The lower end of a rope fall drawn as a unit cylinder stretched from its top to its end. */
glm::dvec3 lowerEnd(const core::Instance& rope) {
  const glm::dvec3 mid = origin(rope);
  const glm::dvec3 axis(rope.transform[1]);
  const glm::dvec3 a = mid + 0.5 * axis;
  const glm::dvec3 b = mid - 0.5 * axis;
  return a.y < b.y ? a : b;
}

glm::dvec3 upperEnd(const core::Instance& rope) {
  const glm::dvec3 mid = origin(rope);
  const glm::dvec3 axis(rope.transform[1]);
  const glm::dvec3 a = mid + 0.5 * axis;
  const glm::dvec3 b = mid - 0.5 * axis;
  return a.y > b.y ? a : b;
}

} // namespace

TEST(CraneScene, GirderSpansTheSpanAndTheRunwayCarriesItAtTheLiftHeight) {
  SimulationSpec spec;
  OverheadCraneSpec c = bayCrane(); // span 20 m, lift 12 m, bridge at 10 m, trolley at 10 m
  c.runwayOrigin = {2.0, 0.5, -3.0};
  spec.machine = overheadCraneMachine(c);
  auto sim = build(spec);
  sim->step(core::ActionState{});
  core::SceneView view;
  sim->fillSceneView(view, "");

  // The girder reaches across the span onto both runways (0.8 m outside it) and 0.3 m beyond.
  const core::MeshDesc& girder = mesh(view, "crane.girder");
  EXPECT_NEAR(girder.size.z, 20.0 + 2 * 0.8 + 0.6, 1e-5);
  EXPECT_GE(girder.size.z, c.span);
  const auto girders = parts(view, "crane.girder");
  ASSERT_EQ(girders.size(), 1u);
  EXPECT_NEAR(origin(girders[0]).x, 2.0 + 10.0, 1e-5);  // the bridge position along the runway
  EXPECT_NEAR(origin(girders[0]).z, -3.0 + 10.0, 1e-5); // centred on the span
  // Girder from the end carriages' top (H + 1.4) to H + 2.4, H = 0.5 + 12.
  EXPECT_NEAR(origin(girders[0]).y, 12.5 + 1.9, 1e-5);

  // Two runway beams and two rails along X at the span's sides; the rail head at H + 0.9 m, so
  // the rope sheave under the trolley is at the lift height.
  const auto beams = parts(view, "crane.runway_beam");
  const auto rails = parts(view, "crane.rail");
  ASSERT_EQ(beams.size(), 2u);
  ASSERT_EQ(rails.size(), 2u);
  EXPECT_NEAR(origin(beams[0]).z, -3.0 - 0.8, 1e-5);
  EXPECT_NEAR(origin(beams[1]).z, -3.0 + 20.0 + 0.8, 1e-5);
  const double railTop = origin(rails[0]).y + 0.5 * mesh(view, "crane.rail").size.y;
  EXPECT_NEAR(railTop, 12.5 + 0.9, 1e-5);
  EXPECT_NEAR(mesh(view, "crane.runway_beam").size.x, 30.0 + 3.0, 1e-5); // runway + wheel base
  // End carriages on each rail, under the girder's ends.
  const auto carriages = parts(view, "crane.end_carriage");
  ASSERT_EQ(carriages.size(), 2u);
  for (const auto& e : carriages) {
    EXPECT_NEAR(origin(e).x, 12.0, 1e-5);
    const double bottom = origin(e).y - 0.5 * mesh(view, "crane.end_carriage").size.y;
    EXPECT_GE(bottom, railTop - 1e-5);
  }
  // The drum hangs under the girder with its lowest point at the rope sheave (H) over the trolley.
  const auto drums = parts(view, "crane.drum");
  ASSERT_EQ(drums.size(), 1u);
  EXPECT_NEAR(origin(drums[0]).x, 12.0, 1e-5);
  EXPECT_NEAR(origin(drums[0]).z, -3.0 + 10.0, 1e-5);
  EXPECT_NEAR(origin(drums[0]).y - 0.5 * mesh(view, "crane.drum").size.x, 12.5, 1e-5);
}

TEST(CraneScene, BridgeAndTrolleyPartsMoveWithTheSimulatedState) {
  SimulationSpec spec;
  spec.machine = overheadCraneMachine(bayCrane());
  auto sim = build(spec);
  for (int i = 0; i < 240 * 3; ++i) {
    sim->step(craneActions(1.0f, -1.0f, 0.0f));
  }
  core::SceneView view;
  sim->fillSceneView(view, "");
  const double bridge = metric(*sim, "bridge_position");
  const double trolley = metric(*sim, "trolley_position");
  ASSERT_GT(bridge, 10.5); // it moved
  ASSERT_LT(trolley, 9.5);
  EXPECT_NEAR(origin(parts(view, "crane.girder")[0]).x, bridge, 1e-4);
  EXPECT_NEAR(origin(parts(view, "crane.end_carriage")[1]).x, bridge, 1e-4);
  EXPECT_NEAR(origin(parts(view, "crane.drum")[0]).z, trolley, 1e-4);
  EXPECT_NEAR(origin(parts(view, "crane.motor")[0]).z, trolley, 1e-4);
}

TEST(CraneScene, HookBlockAndRopeFallsFollowTheRopeEnd) {
  SimulationSpec spec;
  spec.machine = overheadCraneMachine(bayCrane());
  auto sim = build(spec);
  for (int lowering = 0; lowering < 2; ++lowering) {
    for (int i = 0; i < 240 * 4; ++i) {
      sim->step(craneActions(0.0f, 0.0f, lowering == 0 ? 0.0f : -1.0f));
    }
    SCOPED_TRACE(lowering == 0 ? "at rest" : "lowered for 4 s");
    core::SceneView view;
    sim->fillSceneView(view, "");
    const glm::dvec3 hook = sim->bodyPosition("crane.hook").value();
    const double rope = metric(*sim, "rope_length");
    // The hook body hangs its rope's length under the sheave (12 m up), centre 0.2 m lower.
    EXPECT_NEAR(hook.y, 12.0 - rope - 0.2, 0.02);
    // Side plates of the hook block: at the hook body, 0.05 m above its centre.
    const auto plates = parts(view, "crane.hook_plate");
    ASSERT_EQ(plates.size(), 2u);
    for (const auto& p : plates) {
      EXPECT_NEAR(origin(p).x, hook.x, 0.01);
      EXPECT_NEAR(origin(p).y, hook.y + 0.05, 0.01);
      EXPECT_NEAR(std::abs(origin(p).z - hook.z), 0.09, 0.01);
    }
    // Two falls: from the drum (sheave at 12 m, 0.16 m apart) down to the block's sheave, 0.1 m
    // above the hook body's centre (the rope itself ends at the centre, issue 13 point 6).
    const auto falls = parts(view, "crane.rope");
    ASSERT_EQ(falls.size(), 2u);
    for (const auto& f : falls) {
      EXPECT_NEAR(upperEnd(f).y, 12.0, 1e-3);
      EXPECT_NEAR(std::abs(upperEnd(f).x - 10.0), 0.08, 1e-3);
      EXPECT_NEAR(lowerEnd(f).y, hook.y + 0.1, 0.01);
      EXPECT_NEAR(std::abs(lowerEnd(f).x - hook.x), 0.08, 0.01);
      EXPECT_NEAR(glm::length(glm::dvec3(f.transform[0])), 0.025, 1e-6); // rope diameter
    }
    if (lowering == 1) {
      EXPECT_GT(rope, 3.0 + 0.5); // lowered by more than 0.5 m in 4 s at 0.25 m/s max
    }
  }
}

TEST(CraneScene, SegmentOfZeroLengthStaysDrawable) {
  // An attached load's sling can pass through zero length while it settles: its transform must
  // stay invertible (the renderer inverts it for normals).
  SimulationSpec spec = hangingLoad(3.0, 100.0, 50.0);
  auto sim = build(spec);
  sim->step(craneActions(0.0f, 0.0f, 0.0f, bit(crane_controls::kAttach)));
  core::SceneView view;
  sim->fillSceneView(view, "");
  const auto ropes = parts(view, "crane.rope");
  ASSERT_EQ(ropes.size(), 3u) << "two falls and the sling";
  for (const auto& r : ropes) {
    EXPECT_NE(glm::determinant(r.transform), 0.0f);
  }
}

TEST(CraneScene, AidAnchorIsTheHookPointThenTheBottomOfTheEngagedLoad) {
  SimulationSpec spec = hangingLoad(3.0, 100.0, 50.0); // a 0.2 m cube hanging 3 m under the sheave
  auto sim = build(spec);
  ASSERT_EQ(sim->machine()->aidAnchor, "load");
  sim->step(core::ActionState{});
  const glm::dvec3 hook = sim->bodyPosition("crane.hook").value();
  const glm::dvec3 free = sim->anchorPoint("load").value();
  EXPECT_NEAR(free.y, hook.y - 0.2, 1e-6) << "the hook point, under the hook block";
  EXPECT_EQ(sim->anchorPoint("load"), sim->anchorPoint("tool"));
  sim->step(craneActions(0.0f, 0.0f, 0.0f, bit(crane_controls::kAttach)));
  ASSERT_EQ(metric(*sim, "load_attached"), 1.0);
  const glm::dvec3 load = sim->bodyPosition("bucket").value();
  const glm::dvec3 engaged = sim->anchorPoint("load").value();
  EXPECT_NEAR(engaged.x, load.x, 1e-9);
  EXPECT_NEAR(engaged.z, load.z, 1e-9);
  EXPECT_NEAR(engaged.y, metric(*sim, "load_height"), 1e-9) << "the load's lowest point";
  EXPECT_NEAR(load.y - engaged.y, 0.1, 0.01); // half the cube
  EXPECT_FALSE(sim->anchorPoint("seat"));
  EXPECT_FALSE(sim->anchorPoint(""));
}
